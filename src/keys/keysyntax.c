/*
 * keysyntax.c - the tokenizer and checks of the key syntax (keysyntax.h).
 *
 * A line is split into at most a few fields into one buffer the size of the
 * line (dequoting only shrinks a field), then the keyword decides how many
 * fields it takes and what they must hold.  Everything the user typed is
 * checked here, so the keyring only stores valid keys.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "keys/keysyntax.h"
#include "util/err.h"
#include "util/hex.h"

#define MAX_FIELDS 4

static void say(char *what, size_t whatlen, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(char *what, size_t whatlen, const char *label, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (!what || whatlen == 0)
		return;
	if (label)
		n = snprintf(what, whatlen, "%s: ", label);
	if (n < 0 || (size_t)n >= whatlen)
		return;
	va_start(ap, fmt);
	vsnprintf(what + n, whatlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool fw_keysyn_is_blank(const char *line)
{
	while (is_blank(*line))
		line++;
	return *line == '\0' || *line == '#';
}

/*
 * Split line into fields, each NUL-terminated in buf (strlen(line)+1
 * bytes).  All fields are counted in *nf; the first MAX_FIELDS are kept.
 */
static int split(const char *line, char *buf, char *fields[MAX_FIELDS], size_t *nf,
		 char *what, size_t whatlen)
{
	const char *p = line;
	char *o = buf;

	*nf = 0;
	for (;;) {
		char *start = o;

		while (is_blank(*p))
			p++;
		if (*p == '\0')
			return 0;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0') {
					say(what, whatlen, NULL, "unterminated quote");
					return FW_EINVAL;
				}
				if (*p == '"')
					break;
				if (*p == '\\') {
					p++;
					if (*p == '\0') {
						say(what, whatlen, NULL, "unterminated quote");
						return FW_EINVAL;
					}
					if (*p != '"' && *p != '\\') {
						/* the quoted text is a secret: not shown */
						say(what, whatlen, NULL,
						    "unknown escape in quotes (want \\\" or \\\\)");
						return FW_EINVAL;
					}
				}
				*o++ = *p++;
			}
			p++;
			if (*p != '\0' && !is_blank(*p)) {
				say(what, whatlen, NULL, "text after a closing quote");
				return FW_EINVAL;
			}
		} else {
			while (*p != '\0' && !is_blank(*p)) {
				if (*p == '"') {
					say(what, whatlen, NULL, "quote inside an unquoted field");
					return FW_EINVAL;
				}
				*o++ = *p++;
			}
		}
		*o++ = '\0';
		if (*nf < MAX_FIELDS)
			fields[*nf] = start;
		(*nf)++;
	}
}

int fw_keysyn_hex(const char *label, const char *s, uint8_t *out, size_t cap, size_t *len,
		  char *what, size_t whatlen)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char c = s[n];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
			/* the digits are a secret: the position only */
			say(what, whatlen, label, "bad hex digit at position %zu", n + 1);
			return FW_EINVAL;
		}
	}
	if (n % 2) {
		say(what, whatlen, label, "odd number of hex digits (%zu)", n);
		return FW_EINVAL;
	}
	*len = n / 2;
	if (n / 2 > cap)
		return FW_ERANGE;
	if (fw_hex_decode(out, cap, s) != (int)(n / 2))
		return FW_EINVAL;
	return 0;
}

int fw_keysyn_check_pmk_len(const char *label, size_t len, char *what, size_t whatlen)
{
	/* 12.7.1.3: 256 bits for most AKMs, 384 for the SHA-384 ones; 512 for SAE-EXT-KEY groups */
	if (len == 32 || len == 48 || len == 64)
		return 0;
	say(what, whatlen, label, "%zu bytes, want 32, 48 or 64", len);
	return FW_EINVAL;
}

int fw_keysyn_check_passphrase(const char *label, const char *pass, char *what, size_t whatlen)
{
	size_t n = strlen(pass);

	/*
	 * J.4.1 asks for 8..63 ASCII characters 32..126.  Real networks also use
	 * UTF-8 passphrases (the mapping is applied to the octets), so only the
	 * length in octets and the absence of control characters are enforced.
	 */
	if (n < 8 || n > 63) {
		say(what, whatlen, label, "passphrase of %zu characters, want 8..63", n);
		return FW_EINVAL;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)pass[i];

		if (c < 0x20 || c == 0x7f) {
			say(what, whatlen, label, "passphrase has a control character at position %zu",
			    i + 1);
			return FW_EINVAL;
		}
	}
	return 0;
}

int fw_keysyn_check_ssid(const char *label, size_t len, char *what, size_t whatlen)
{
	if (len >= 1 && len <= 32)
		return 0;
	say(what, whatlen, label, "ssid of %zu bytes, want 1..32", len);
	return FW_EINVAL;
}

static int want_fields(const char *kw, size_t nf, size_t lo, size_t hi, char *what,
		       size_t whatlen)
{
	if (nf >= lo && nf <= hi)
		return 0;
	if (lo == hi)
		say(what, whatlen, kw, "%zu values, want %zu", nf, lo);
	else
		say(what, whatlen, kw, "%zu values, want %zu or %zu", nf, lo, hi);
	return FW_EINVAL;
}

static int parse_bin(struct fw_keyspec *ks, const char *kw, const char *hex, size_t cap,
		     char *what, size_t whatlen)
{
	size_t len = 0;
	int err;

	ks->bin = malloc(cap);
	if (!ks->bin)
		return FW_ENOMEM;
	ks->bin_cap = cap;
	err = fw_keysyn_hex(kw, hex, ks->bin, cap, &len, what, whatlen);
	if (err == FW_EINVAL)
		return err;
	ks->bin_len = len;
	if (ks->kind == FW_KEY_PMK)
		return fw_keysyn_check_pmk_len(kw, len, what, whatlen);
	if (len < FW_KEYS_MSK_MIN) {
		say(what, whatlen, kw, "%zu bytes, want at least %d", len, FW_KEYS_MSK_MIN);
		return FW_EINVAL;
	}
	if (err == FW_ERANGE || len > FW_KEYS_MSK_MAX) {
		say(what, whatlen, kw, "%zu bytes, want at most %d", len, FW_KEYS_MSK_MAX);
		return FW_EINVAL;
	}
	return 0;
}

static int parse_fields(struct fw_keyspec *ks, char **f, size_t nf, char *what, size_t whatlen)
{
	char *kw = f[0];
	int err;

	/* keywords in any case (PSK, Pmk): f[0] is the spec's own copy */
	for (char *c = kw; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	nf--;	/* values after the keyword */
	if (strcmp(kw, "pmk") == 0 || strcmp(kw, "msk") == 0) {
		bool pmk = kw[0] == 'p';

		ks->kind = pmk ? FW_KEY_PMK : FW_KEY_MSK;
		err = want_fields(kw, nf, 1, 1, what, whatlen);
		if (err)
			return err;
		return parse_bin(ks, kw, f[1], pmk ? 64 : FW_KEYS_MSK_MAX, what, whatlen);
	}
	if (strcmp(kw, "psk") == 0) {
		ks->kind = FW_KEY_PSK;
		err = want_fields(kw, nf, 1, 2, what, whatlen);
		if (!err)
			err = fw_keysyn_check_passphrase(kw, f[1], what, whatlen);
		if (err)
			return err;
		ks->text = f[1];
		if (nf == 2) {
			size_t n = strlen(f[2]);

			err = fw_keysyn_check_ssid(kw, n, what, whatlen);
			if (err)
				return err;
			memcpy(ks->ssid, f[2], n);
			ks->ssid_len = n;
			ks->has_ssid = true;
		}
		return 0;
	}
	if (strcmp(kw, "log") == 0) {
		/* not a key: a daemon's debug log the report puts beside the capture */
		ks->kind = FW_KEY_RADIUS_SECRET;
		ks->is_daemonlog = true;
		err = want_fields(kw, nf, 1, 1, what, whatlen);
		if (err)
			return err;
		if (f[1][0] == '\0') {
			say(what, whatlen, kw, "empty path");
			return FW_EINVAL;
		}
		ks->text = f[1];
		return 0;
	}
	if (strcmp(kw, "radius-secret") == 0 || strcmp(kw, "keylog") == 0) {
		ks->kind = FW_KEY_RADIUS_SECRET;
		ks->is_keylog = kw[0] == 'k';
		err = want_fields(kw, nf, 1, 1, what, whatlen);
		if (err)
			return err;
		if (f[1][0] == '\0') {
			say(what, whatlen, kw, ks->is_keylog ? "empty path" : "empty secret");
			return FW_EINVAL;
		}
		ks->text = f[1];
		return 0;
	}
	/*
	 * Not a keyword: the field may well be the secret itself (a bare
	 * passphrase, "wpa_passphrase=..." pasted from hostapd.conf, "psk:..."),
	 * so it is never shown; the message says what it looks like instead.
	 */
	if (strchr(kw, '='))
		say(what, whatlen, NULL, "not a key line (a 'name=value' setting? write "
		    "psk PASSPHRASE [SSID]; the line is not shown, it may hold a secret)");
	else if (strchr(kw, ':'))
		say(what, whatlen, NULL, "not a key line (a 'name:value' pair? write "
		    "psk PASSPHRASE [SSID]; the line is not shown, it may hold a secret)");
	else if (nf == 0)
		say(what, whatlen, NULL, "not a key line (one field alone: a bare passphrase? "
		    "write psk PASSPHRASE [SSID]; the line is not shown, it may hold a secret)");
	else
		say(what, whatlen, NULL, "unknown keyword (want pmk, msk, psk, radius-secret, "
		    "keylog or log; the line is not shown, it may hold a secret)");
	return FW_EINVAL;
}

int fw_keyspec_parse(struct fw_keyspec *ks, const char *line, char *what, size_t whatlen)
{
	char *f[MAX_FIELDS];
	size_t nf = 0;
	int err;

	memset(ks, 0, sizeof(*ks));
	ks->buf_size = strlen(line) + 1;
	ks->buf = malloc(ks->buf_size);
	if (!ks->buf)
		return FW_ENOMEM;
	err = split(line, ks->buf, f, &nf, what, whatlen);
	if (!err && nf == 0) {
		say(what, whatlen, NULL, "no key on the line");
		err = FW_EINVAL;
	}
	if (!err)
		err = parse_fields(ks, f, nf, what, whatlen);
	if (err)
		fw_keyspec_fini(ks);
	return err;
}

void fw_keyspec_fini(struct fw_keyspec *ks)
{
	if (ks->buf) {
		OPENSSL_cleanse(ks->buf, ks->buf_size);
		free(ks->buf);
	}
	if (ks->bin) {
		OPENSSL_cleanse(ks->bin, ks->bin_cap);
		free(ks->bin);
	}
	OPENSSL_cleanse(ks->ssid, sizeof(ks->ssid));
	memset(ks, 0, sizeof(*ks));
}
