/*
 * keyline.c - one line of the key syntax into the keyring
 * (fw_keyring_add_line): a key is stored, a "keylog PATH" line loads that
 * log's PMKs (keylog.c), a "log PATH" line keeps the daemon log's path for
 * the command.  Key files (keyfile.c) hand it every line; it sits above
 * the keyring's storage (keyring.c) and the keylog reader.
 *
 * Relative paths are resolved against the key file's folder; the resolved
 * path is this file's to free, the keyring keeps its own copy.
 */
#include <stdlib.h>
#include <string.h>

#include "keys/internal.h"
#include "keys/keyring.h"
#include "keys/keysyntax.h"
#include "util/err.h"

/* Join base_dir and a relative path; absolute paths are kept. Caller frees. */
static char *resolve(const char *base_dir, const char *path)
{
	size_t nb, np;
	char *out;

	if (!base_dir || !*base_dir || path[0] == '/')
		return strdup(path);
	nb = strlen(base_dir);
	np = strlen(path);
	out = malloc(nb + 1 + np + 1);
	if (!out)
		return NULL;
	memcpy(out, base_dir, nb);
	out[nb] = '/';
	memcpy(out + nb + 1, path, np + 1);
	return out;
}

static int add_keylog(struct fw_keyring *kr, const char *path, const char *origin,
		      const char *base_dir, char *err, size_t errlen)
{
	char inner[512];
	char *full = resolve(base_dir, path);
	int rc;

	if (!full)
		return FW_ENOMEM;
	inner[0] = '\0';
	rc = fw_keyring_load_keylog(kr, full, inner, sizeof(inner));
	free(full);
	if (rc < 0) {
		fw_err_say(err, errlen, "%s: %s", origin, inner);
		return rc;
	}
	/* a key file asked for this log's keys: finding none is an error there */
	if (rc == 0) {
		fw_err_say(err, errlen, "%s: %s", origin, inner);
		return FW_ENOTFOUND;
	}
	return 0;
}

/* A "log PATH" line: the path kept for the report, the file read there. */
static int add_daemonlog(struct fw_keyring *kr, const char *path, const char *base_dir)
{
	char *full = resolve(base_dir, path);
	int rc;

	if (!full)
		return FW_ENOMEM;
	rc = fw_keys_add_log(kr, full);
	free(full);
	return rc;
}

int fw_keyring_add_line(struct fw_keyring *kr, const char *line, const char *origin,
			const char *base_dir, char *err, size_t errlen)
{
	struct fw_keyspec ks;
	char what[256];
	int rc;

	if (!kr || !line)
		return FW_EINVAL;
	if (!origin)
		origin = "key";
	if (fw_keysyn_is_blank(line))
		return 0;
	what[0] = '\0';
	rc = fw_keyspec_parse(&ks, line, what, sizeof(what));
	if (rc) {
		if (rc == FW_ENOMEM)
			fw_err_say(err, errlen, "%s: out of memory", origin);
		else
			fw_err_say(err, errlen, "%s: %s", origin, what);
		return rc;
	}
	if (ks.is_daemonlog) {
		rc = add_daemonlog(kr, ks.text, base_dir);
		if (rc == FW_ERANGE)
			fw_err_say(err, errlen, "%s: more than %d log lines", origin, FW_KEYRING_MAX_LOGS);
	} else if (ks.is_keylog) {
		rc = add_keylog(kr, ks.text, origin, base_dir, err, errlen);
	} else {
		if (ks.kind == FW_KEY_PMK || ks.kind == FW_KEY_MSK)
			rc = fw_keys_add(kr, ks.kind, ks.bin, ks.bin_len, NULL, 0, origin, NULL);
		else
			rc = fw_keys_add(kr, ks.kind, (const uint8_t *)ks.text, strlen(ks.text),
					 ks.has_ssid ? ks.ssid : NULL, ks.ssid_len, origin, NULL);
		if (rc == FW_ERANGE)
			fw_err_say(err, errlen, "%s: %s", origin, fw_keys_add_failed(rc));
	}
	if (rc == FW_ENOMEM)
		fw_err_say(err, errlen, "%s: out of memory", origin);
	fw_keyspec_fini(&ks);
	return rc;
}
