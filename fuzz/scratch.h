/*
 * scratch.h - one scratch file per fuzz process, for the targets whose
 * code under test reads a path (key files, keylogs).  The file lives in a
 * private directory under $TMPDIR and both are removed at exit.
 */
#ifndef FW_FUZZ_SCRATCH_H
#define FW_FUZZ_SCRATCH_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_scratch {
	char dir[256];
	char path[300];
};

/* Make the directory and name the file inside it ("input.EXT"). */
int fuzz_scratch_init(struct fuzz_scratch *s, const char *ext);
/* Replace the file's content with data[0..size). */
int fuzz_scratch_write(const struct fuzz_scratch *s, const uint8_t *data, size_t size);

#endif
