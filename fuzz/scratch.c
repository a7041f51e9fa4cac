/*
 * scratch.c - the scratch file of the path-reading fuzz targets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch.h"

static struct fuzz_scratch *to_remove;

static void remove_scratch(void)
{
	if (!to_remove)
		return;
	unlink(to_remove->path);
	rmdir(to_remove->dir);
}

int fuzz_scratch_init(struct fuzz_scratch *s, const char *ext)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(s->dir, sizeof(s->dir), "%s/fourway-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->path, sizeof(s->path), "%s/input.%s", s->dir, ext);
	to_remove = s;
	atexit(remove_scratch);
	return 0;
}

int fuzz_scratch_write(const struct fuzz_scratch *s, const uint8_t *data, size_t size)
{
	FILE *f = fopen(s->path, "wb");
	int rc = 0;

	if (!f)
		return -1;
	if (size && fwrite(data, 1, size, f) != size)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}
