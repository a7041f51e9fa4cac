/*
 * keyfile.c - key files (--key-file): one key a line in the key syntax,
 * read through the bounded line reader (lines.c), each line taken by
 * fw_keyring_add_line() (keyline.c).
 *
 * A key file is text a person wrote; a line that is not (a NUL byte, bytes
 * that are not UTF-8, a line over 4096 bytes) is an error naming file and
 * line rather than something to guess about; the line's text is never
 * quoted back (a mistyped line may be nothing but a secret).  A UTF-8 byte
 * order mark before the first line is skipped, as editors on some systems
 * write one.  Only a regular file of at most KEYFILE_MAX_BYTES is read.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "keys/internal.h"
#include "keys/keyring.h"
#include "util/err.h"
#include "util/rfile.h"

#define KEYFILE_LINE_MAX 4096
#define KEYFILE_MAX_BYTES ((uint64_t)64 << 20)

/* RFC 3629 section 4: well-formed UTF-8 (no overlongs, surrogates, or > U+10FFFF). */
static bool valid_utf8(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		size_t more;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		}
		if ((c & 0xe0) == 0xc0) {
			more = 1, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			more = 2, cp = c & 0x0f, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			more = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if (n - i - 1 < more)
			return false;
		for (size_t k = 1; k <= more; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += more + 1;
	}
	return true;
}

/* The directory part of path ("." when it has none); caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	char *d;

	if (!slash)
		path = ".", n = 1;
	else if (slash == path)
		n = 1;	/* "/k.txt": the root */
	else
		n = (size_t)(slash - path);
	d = malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, path, n);
	d[n] = '\0';
	return d;
}

int fw_keyring_load_file(struct fw_keyring *kr, const char *path, char *err, size_t errlen)
{
	struct fw_keys_lines *lr;
	char line[KEYFILE_LINE_MAX + 1];
	char origin[512];
	char *dir = NULL;
	struct stat st;
	FILE *f;
	int rc;

	if (!kr || !path)
		return FW_EINVAL;
	if (err && errlen)
		err[0] = '\0';
	f = fw_rfile_open(path, KEYFILE_MAX_BYTES, &st, origin, sizeof(origin));
	if (!f) {
		snprintf(err, errlen, "key file %s", origin);
		return FW_EIO;
	}
	lr = malloc(sizeof(*lr));
	dir = dir_of(path);
	if (!lr || !dir) {
		snprintf(err, errlen, "key file %s: out of memory", path);
		rc = FW_ENOMEM;
		goto out;
	}
	fw_keys_lines_init(lr, f);
	for (;;) {
		size_t len = 0;
		bool too_long;

		rc = fw_keys_lines_next(lr, line, sizeof(line), &len, &too_long);
		if (rc <= 0) {
			if (rc < 0)
				snprintf(err, errlen, "key file %s line %lu: read error", path,
					 lr->lineno + 1);
			break;
		}
		snprintf(origin, sizeof(origin), "key file %s line %lu", path, lr->lineno);
		if (lr->lineno == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			memmove(line, line + 3, len - 2);	/* the byte order mark, and the NUL */
			len -= 3;
		}
		rc = FW_EINVAL;
		if (too_long)
			snprintf(err, errlen, "%s: longer than %d bytes", origin, KEYFILE_LINE_MAX);
		else if (memchr(line, '\0', len))
			snprintf(err, errlen, "%s: holds a NUL byte", origin);
		else if (!valid_utf8((const uint8_t *)line, len))
			snprintf(err, errlen, "%s: not valid UTF-8 text", origin);
		else
			rc = fw_keyring_add_line(kr, line, origin, dir, err, errlen);
		if (rc)
			break;
	}
out:
	/* read all the same, as ssh reads a key it warns about; the caller shows this */
	if (rc == 0 && fw_rfile_exposed(&st))
		snprintf(err, errlen, "key file %s: others may read or write it (mode %03o)", path,
			 (unsigned)(st.st_mode & 0777));
	OPENSSL_cleanse(line, sizeof(line));
	if (lr)
		OPENSSL_cleanse(lr->buf, sizeof(lr->buf));
	free(lr);
	free(dir);
	fclose(f);
	return rc;
}
