/*
 * driver.c - main() for a fuzz target outside libFuzzer: run every file
 * named on the command line through LLVMFuzzerTestOneInput once, each from
 * a heap buffer of exactly its size (so a sanitizer build catches a read
 * past the end).  Exit 0 when all ran, 2 when a file cannot be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define DRIVER_MAX_INPUT (1u << 24)

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > (long)DRIVER_MAX_INPUT ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "%s: cannot size the file (at most %u bytes)\n", path,
			DRIVER_MAX_INPUT);
		fclose(f);
		return -1;
	}
	/* malloc(0) may return NULL: keep one byte, hand over n */
	buf = malloc(n ? (size_t)n : 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "%s: read error\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		if (run_file(argv[i]) != 0)
			status = 2;
	return status;
}
