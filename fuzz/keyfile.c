/*
 * keyfile.c - fuzz target: a --key-file file (every line in key syntax).
 * The input is written to a scratch file, made once per process, and read
 * back by the real loader, which also follows "keylog PATH" lines.  A load
 * either succeeds or fails with a message; either way the keyring is freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "keys/keyring.h"
#include "scratch.h"

static struct fuzz_scratch scratch;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (fuzz_scratch_init(&scratch, "keys") != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_keyring *kr;
	char err[512];
	int rc;

	if (fuzz_scratch_write(&scratch, data, size) != 0)
		abort();
	kr = fw_keyring_new();
	if (!kr)
		abort();
	err[0] = '\0';
	rc = fw_keyring_load_file(kr, scratch.path, err, sizeof(err));
	if (rc != 0 && err[0] == '\0')
		abort();	/* a failure must say what failed */
	fw_keyring_free(kr);
	return 0;
}
