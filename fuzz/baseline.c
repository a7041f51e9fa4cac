/*
 * baseline.c - fuzz target for the JSON reader (check/jread.h: json-c
 * within limits) and the baseline built on it (`check --baseline`).
 * A tree the reader accepts must come back from json-c's own writer as
 * text the reader accepts again, with the same number of values at the
 * top; a baseline read must hold a file name for every link and finding,
 * and an error must say where it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "check/baseline.h"
#include "check/jread.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Members of an object, elements of an array, else 1. */
static size_t width(struct json_object *x)
{
	if (json_object_is_type(x, json_type_object))
		return (size_t)json_object_object_length(x);
	if (json_object_is_type(x, json_type_array))
		return json_object_array_length(x);
	return 1;
}

static void round_trip(const uint8_t *data, size_t size)
{
	struct json_object *d, *again;
	const char *text;
	size_t len;
	char err[200];

	if (fw_jr_parse(&d, (const char *)data, size, err, sizeof(err)) != 0) {
		if (strncmp(err, "line ", 5) != 0 && strncmp(err, "longer than", 11) != 0)
			abort();
		return;
	}
	text = json_object_to_json_string_length(d, JSON_C_TO_STRING_PLAIN, &len);
	if (!text)
		abort();
	if (fw_jr_parse(&again, text, len, err, sizeof(err)) != 0 || width(again) != width(d))
		abort();
	json_object_put(again);
	json_object_put(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_baseline b;
	char err[512];

	round_trip(data, size);
	if (fw_baseline_parse(&b, "fuzz.json", (const char *)data, size, err, sizeof(err)) != 0) {
		if (strncmp(err, "fuzz.json: ", 11) != 0)
			abort();
		return 0;
	}
	for (size_t i = 0; i < b.n_links; i++)
		if (!b.links[i].file || (b.links[i].n_ok && !b.links[i].ok))
			abort();
	for (size_t i = 0; i < b.n_findings; i++)
		if (!b.findings[i].file)
			abort();
	fw_baseline_fini(&b);
	return 0;
}
