/*
 * keylog.c - fuzz target: a hostapd or wpa_supplicant -dd -K debug log,
 * written to a scratch file and read by the real keylog loader.  A load
 * that finds no PMK must say why.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "keys/keyring.h"
#include "scratch.h"

static struct fuzz_scratch scratch;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (fuzz_scratch_init(&scratch, "log") != 0)
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
	rc = fw_keyring_load_keylog(kr, scratch.path, err, sizeof(err));
	if (rc <= 0 && err[0] == '\0')
		abort();
	if (rc > 0 && fw_keyring_count(kr) == 0)
		abort();	/* PMKs said found but none kept */
	fw_keyring_free(kr);
	return 0;
}
