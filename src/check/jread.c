/*
 * jread.c - JSON through json-c's tokener, within bounds (jread.h).
 *
 * The pre-pass reads bytes, never values: it knows strings only well
 * enough to leave their brackets, commas and escapes out of the counts.
 * Everything about the grammar is json-c's; its errors are said in our
 * words, at the byte where it stopped.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json_tokener.h>

#include "check/jread.h"
#include "output/utf8.h"
#include "util/err.h"

struct jerr {
	int rc;
	size_t at;		/* byte offset */
	const char *what;
};

static int fail(struct jerr *e, int rc, size_t at, const char *what)
{
	e->rc = rc;
	e->at = at;
	e->what = what;
	return rc;
}

/* UTF-8, the counts and U+0000, in one pass (jread.h). */
static int prepass(const unsigned char *s, size_t n, struct jerr *e)
{
	size_t values = 1, containers = 0;
	bool in_str = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t k;

		if (c >= 0x80) {
			k = fw_utf8_seq(s + i, n - i, &cp);
			if (k == 0)
				return fail(e, FW_EMALFORMED, i, "text is not UTF-8");
			i += k - 1;
		} else if (in_str && c == '"') {
			in_str = false;
		} else if (in_str && c == '\\') {
			if (n - i >= 6 && memcmp(s + i + 1, "u0000", 5) == 0)
				return fail(e, FW_EMALFORMED, i, "\\u0000 in a string");
			/* the escaped byte is no quote; a non-ASCII one is json-c's to refuse */
			if (i + 1 < n && s[i + 1] < 0x80)
				i++;
		} else if (!in_str && c == '"') {
			in_str = true;
		} else if (!in_str && (c == '[' || c == '{' || c == ',')) {
			/* every value but the first follows one of these */
			if (++values > FW_JR_MAX_VALUES)
				return fail(e, FW_ERANGE, i, "too many values");
			if (c != ',' && ++containers > FW_JR_MAX_CONTAINERS)
				return fail(e, FW_ERANGE, i, "too many objects and arrays");
		}
	}
	return 0;
}

/* json-c's error in our words, and the code it becomes. */
static int said(struct jerr *e, enum json_tokener_error je, size_t at)
{
	switch (je) {
	case json_tokener_error_depth:
		return fail(e, FW_ERANGE, at, "nested too deeply");
	case json_tokener_continue:
	case json_tokener_error_parse_eof:
		return fail(e, FW_EMALFORMED, at, "unexpected end of text");
	case json_tokener_error_parse_null:
		return fail(e, FW_EMALFORMED, at, "expected null");
	case json_tokener_error_parse_boolean:
		return fail(e, FW_EMALFORMED, at, "expected true or false");
	case json_tokener_error_parse_number:
		return fail(e, FW_EMALFORMED, at, "bad number");
	case json_tokener_error_parse_array:
		return fail(e, FW_EMALFORMED, at, "expected ',' or ']'");
	case json_tokener_error_parse_object_key_name:
		return fail(e, FW_EMALFORMED, at, "expected a member name");
	case json_tokener_error_parse_object_key_sep:
		return fail(e, FW_EMALFORMED, at, "expected ':'");
	case json_tokener_error_parse_object_value_sep:
		return fail(e, FW_EMALFORMED, at, "expected ',' or '}'");
	case json_tokener_error_parse_string:
		return fail(e, FW_EMALFORMED, at, "bad escape");
	case json_tokener_error_parse_utf8_string:
		/* the pre-pass saw UTF-8: a non-ASCII byte where none may be */
		return fail(e, FW_EMALFORMED, at, "unexpected character");
	case json_tokener_error_size:
		return fail(e, FW_ERANGE, at, "too long");
	case json_tokener_error_parse_unexpected:
	default:
		return fail(e, FW_EMALFORMED, at, "unexpected character");
	}
}

static int tokenise(struct json_object **out, const char *text, size_t len, struct jerr *e)
{
	struct json_tokener *tok = json_tokener_new_ex(FW_JR_MAX_DEPTH);
	enum json_tokener_error je;
	size_t at;
	int rc = 0;

	if (!tok)
		return fail(e, FW_ENOMEM, 0, "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	*out = json_tokener_parse_ex(tok, text, (int)len);
	je = json_tokener_get_error(tok);
	at = json_tokener_get_parse_end(tok);
	if (je == json_tokener_continue) {
		/*
		 * A number or literal at the very end waits for what may follow
		 * it; a space ends it.  Anything else still open is truncated,
		 * and so is a literal or an escape the space cut.
		 */
		*out = json_tokener_parse_ex(tok, " ", 1);
		je = json_tokener_get_error(tok);
		at = len;
		if (je != json_tokener_success && je != json_tokener_error_parse_number)
			je = json_tokener_continue;
	}
	if (je != json_tokener_success)
		rc = said(e, je, at);
	else if (at < len)	/* json-c stops at a NUL byte */
		rc = fail(e, FW_EMALFORMED, at, "text after the value");
	/* success with *out NULL: the text is null */
	if (rc) {
		json_object_put(*out);
		*out = NULL;
	}
	json_tokener_free(tok);
	return rc;
}

/* Line and column (bytes, from 1) of byte offset at. */
static void where(const char *s, size_t at, unsigned long *line, unsigned long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int fw_jr_parse(struct json_object **out, const char *text, size_t len, char *err, size_t errlen)
{
	struct jerr e = { 0, 0, NULL };
	unsigned long line, col;

	*out = NULL;
	if (len > FW_JR_MAX_TEXT) {
		snprintf(err, errlen, "longer than %zu bytes", FW_JR_MAX_TEXT);
		return FW_ERANGE;
	}
	if (prepass((const unsigned char *)text, len, &e) == 0 && tokenise(out, text, len, &e) == 0)
		return 0;
	where(text, e.at, &line, &col);
	snprintf(err, errlen, "line %lu column %lu: %s", line, col, e.what);
	return e.rc;
}

struct json_object *fw_jr_member(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

size_t fw_jr_length(struct json_object *a)
{
	return json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
}

struct json_object *fw_jr_at(struct json_object *a, size_t i)
{
	return i < fw_jr_length(a) ? json_object_array_get_idx(a, i) : NULL;
}

const char *fw_jr_string(struct json_object *n)
{
	const char *s;

	if (!json_object_is_type(n, json_type_string))
		return NULL;
	s = json_object_get_string(n);
	/* the pre-pass refuses \u0000, so this holds; kept for trees made elsewhere */
	return strlen(s) == (size_t)json_object_get_string_len(n) ? s : NULL;
}

int fw_jr_uint(struct json_object *n, uint64_t *v)
{
	uint64_t u;

	if (!json_object_is_type(n, json_type_int) || json_object_get_int64(n) < 0)
		return FW_EINVAL;
	u = json_object_get_uint64(n);
	/* json-c reads every larger integer as this one */
	if (u == UINT64_MAX)
		return FW_EINVAL;
	*v = u;
	return 0;
}
