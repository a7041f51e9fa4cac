/*
 * keys.c - fuzz targets for the key parsers, built twice: fuzz_keyfile (a
 * --key-file file, every line in key syntax, "keylog PATH" lines followed)
 * and, with FUZZ_KEYLOG defined, fuzz_keylog (a hostapd or wpa_supplicant
 * -dd -K debug log).  The input is written to a scratch file made once per
 * process and read back by the real loader.  A load that fails, or that
 * finds no PMK in a log, must say why; PMKs a log is said to hold must be
 * in the keyring.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "keys/keyring.h"
#include "scratch.h"

#ifdef FUZZ_KEYLOG
#define KEYS_EXT "log"
#define KEYS_LOAD fw_keyring_load_keylog
#else
#define KEYS_EXT "keys"
#define KEYS_LOAD fw_keyring_load_file
#endif

static struct fuzz_scratch scratch;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (fuzz_scratch_init(&scratch, KEYS_EXT) != 0)
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
	rc = KEYS_LOAD(kr, scratch.path, err, sizeof(err));
#ifdef FUZZ_KEYLOG
	if ((rc <= 0 && err[0] == '\0') || (rc > 0 && fw_keyring_count(kr) == 0))
		abort();
#else
	if (rc != 0 && err[0] == '\0')
		abort();
#endif
	fw_keyring_free(kr);
	return 0;
}
