/*
 * keylog.c - PMKs from hostapd / wpa_supplicant debug logs written with
 * -dd -K (keyring.h fw_keyring_load_keylog).
 *
 * The lines of interest look like
 *   1700000000.123456: WPA: PMK - hexdump(len=32): 8f 63 e5 ...
 * (the timestamp only with -t).  Only hexdumps whose title ends in the word
 * "PMK" are PMKs: "WPA: PMK", "RSN: PMK", "SAE: PMK", "OWE: PMK"; titles like
 * "FT: PMK-R0" or "PMKID" name other keys.  Without -K the daemons print
 * "[REMOVED]" instead of the bytes; that is counted so the caller can say
 * why no key was found.  Every other line is ignored, whatever it holds:
 * a debug log legitimately carries long hexdumps and odd bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "keys/internal.h"
#include "keys/keyring.h"
#include "keys/keysyntax.h"
#include "util/err.h"
#include "util/rfile.h"

/* A PMK line is short (64 bytes at most); longer lines are other hexdumps. */
#define KEYLOG_LINE_MAX 8192
#define KEYLOG_MAX_BYTES ((uint64_t)4 << 30)	/* a debug log of days */

enum pmk_line { LINE_OTHER, LINE_PMK, LINE_REDACTED };

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* True when the hexdump title (text before " - hexdump") names a PMK. */
static bool title_is_pmk(const char *line, size_t title_len)
{
	if (title_len < 3 || memcmp(line + title_len - 3, "PMK", 3) != 0)
		return false;
	return title_len == 3 || line[title_len - 4] == ' ' || line[title_len - 4] == ':';
}

/*
 * Classify one line; a PMK's bytes go to pmk (*pmk_len).  A PMK line that
 * is malformed is an error with a message in what.
 */
static int parse_line(const char *line, uint8_t pmk[64], size_t *pmk_len, enum pmk_line *kind,
		      char *what, size_t whatlen)
{
	static const char marker[] = " - hexdump(len=";
	const char *m = strstr(line, marker), *p;
	unsigned long announced;
	char *end;
	size_t n = 0;

	*kind = LINE_OTHER;
	if (!m || !title_is_pmk(line, (size_t)(m - line)))
		return 0;
	p = m + sizeof(marker) - 1;
	if (*p < '0' || *p > '9')
		return 0;
	errno = 0;
	announced = strtoul(p, &end, 10);
	if (errno || end[0] != ')' || end[1] != ':')
		return 0;
	p = end + 2;
	if (strncmp(p, " [REMOVED]", 10) == 0) {
		*kind = LINE_REDACTED;
		return 0;
	}
	if (strncmp(p, " [NULL]", 7) == 0)
		return 0;
	while (p[0] == ' ' && hexval(p[1]) >= 0) {
		if (hexval(p[2]) < 0 || (p[3] != ' ' && p[3] != '\0' && p[3] != '\t')) {
			/* the bytes are the key: where, not what */
			snprintf(what, whatlen, "PMK hexdump: byte %zu is not two hex digits", n + 1);
			return FW_EMALFORMED;
		}
		if (n < 64)
			pmk[n] = (uint8_t)(hexval(p[1]) << 4 | hexval(p[2]));
		n++;
		p += 3;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0') {
		snprintf(what, whatlen, "PMK hexdump: unexpected text after the bytes");
		return FW_EMALFORMED;
	}
	if (n != announced) {
		snprintf(what, whatlen, "PMK hexdump announces %lu bytes but holds %zu", announced, n);
		return FW_EMALFORMED;
	}
	if (fw_keysyn_check_pmk_len("PMK hexdump", n, what, whatlen) != 0)
		return FW_EMALFORMED;
	*pmk_len = n;
	*kind = LINE_PMK;
	return 0;
}

int fw_keyring_load_keylog(struct fw_keyring *kr, const char *path, char *err, size_t errlen)
{
	struct fw_keys_lines *lr = NULL;
	char *line = NULL;
	char origin[512], what[160];
	uint8_t pmk[64];
	unsigned long redacted = 0, pass;
	int found = 0, rc = 0;
	FILE *f;

	if (!kr || !path)
		return FW_EINVAL;
	f = fw_rfile_open(path, KEYLOG_MAX_BYTES, NULL, err, errlen);
	if (!f)
		return FW_EIO;
	lr = malloc(sizeof(*lr));
	line = malloc(KEYLOG_LINE_MAX);
	if (!lr || !line) {
		snprintf(err, errlen, "%s: out of memory", path);
		rc = FW_ENOMEM;
		goto out;
	}
	fw_keys_lines_init(lr, f);
	pass = ++kr->keylog_passes;
	for (;;) {
		enum pmk_line kind;
		struct fw_keys_key *k;
		size_t len = 0, pmk_len = 0;
		bool too_long;

		rc = fw_keys_lines_next(lr, line, KEYLOG_LINE_MAX, &len, &too_long);
		if (rc < 0)
			snprintf(err, errlen, "%s line %lu: read error", path, lr->lineno + 1);
		if (rc <= 0)
			break;
		if (too_long)
			continue;
		rc = parse_line(line, pmk, &pmk_len, &kind, what, sizeof(what));
		if (rc) {
			snprintf(err, errlen, "keylog %s line %lu: %s", path, lr->lineno, what);
			break;
		}
		if (kind == LINE_REDACTED)
			redacted++;
		if (kind != LINE_PMK)
			continue;
		/* the daemons print the same PMK at several steps: keep it once */
		k = fw_keys_find_pmk(kr, pmk, pmk_len);
		if (k && k->keylog_pass == pass)
			continue;
		found++;
		if (!k) {
			snprintf(origin, sizeof(origin), "keylog %s line %lu", path, lr->lineno);
			rc = fw_keys_add(kr, FW_KEY_PMK, pmk, pmk_len, NULL, 0, origin, &k);
			if (rc) {
				snprintf(err, errlen, "%s line %lu: %s", path, lr->lineno,
					 fw_keys_add_failed(rc));
				break;
			}
		}
		/* given before (another log, --pmk): found here too, stored once */
		k->keylog_pass = pass;
	}
	if (rc == 0 && found == 0) {
		if (redacted)
			snprintf(err, errlen, "%s: no PMK found: the log was written without -K "
				 "(%lu PMK hexdumps show [REMOVED])", path, redacted);
		else
			snprintf(err, errlen, "%s: no PMK found (no \"PMK - hexdump\" line)", path);
	}
out:
	OPENSSL_cleanse(pmk, sizeof(pmk));
	if (line)
		OPENSSL_cleanse(line, KEYLOG_LINE_MAX);
	if (lr)
		OPENSSL_cleanse(lr->buf, sizeof(lr->buf));
	free(line);
	free(lr);
	fclose(f);
	return rc < 0 ? rc : found;
}
