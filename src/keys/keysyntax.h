/*
 * keysyntax.h - the key syntax of key files and .expect "key" lines
 * (DESIGN.md "Key syntax"), parsed into a struct fw_keyspec, and the checks
 * on key values that --pmk and --passphrase share with it.
 *
 * Fields are separated by blanks; a field may be double-quoted, and inside
 * quotes only \" and \\ are escapes.  Messages ("what") never name the
 * origin: the caller puts "key file F line N: " in front.
 *
 * Ownership: a parsed spec owns its buffers; fw_keyspec_fini() wipes and
 * frees them (they hold secrets).
 */
#ifndef FW_KEYS_KEYSYNTAX_H
#define FW_KEYS_KEYSYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys/keyring.h"

#define FW_KEYS_MSK_MIN 64	/* RFC 3748 7.10: the MSK is at least 64 octets */
#define FW_KEYS_MSK_MAX 256

struct fw_keyspec {
	enum fw_key_kind kind;	/* meaningless when is_keylog */
	bool is_keylog;
	bool is_daemonlog;	/* "log PATH": a daemon's debug log for the report (text: path) */
	uint8_t *bin;		/* pmk, msk: the decoded bytes */
	size_t bin_len;
	size_t bin_cap;		/* bytes allocated at bin */
	const char *text;	/* psk: passphrase; radius-secret; keylog: path */
	bool has_ssid;		/* psk with an SSID field */
	uint8_t ssid[32];
	size_t ssid_len;
	char *buf;		/* owns text */
	size_t buf_size;
};

/* True for a line that holds no key: only blanks, or a '#' comment. */
bool fw_keysyn_is_blank(const char *line);
/*
 * Parse one line.  Returns 0, FW_EINVAL with what filled in, or FW_ENOMEM.
 * On error the spec needs no fini.
 */
int fw_keyspec_parse(struct fw_keyspec *ks, const char *line, char *what, size_t whatlen);
void fw_keyspec_fini(struct fw_keyspec *ks);

/*
 * Decode hex digits (no separators) into out (cap bytes).  *len gets the
 * number of bytes the text holds even when it exceeds cap (then FW_ERANGE,
 * nothing decoded, no message).  FW_EINVAL with a message for a bad digit or
 * an odd count.  label (may be NULL) is put in front of the message.
 */
int fw_keysyn_hex(const char *label, const char *s, uint8_t *out, size_t cap, size_t *len,
		  char *what, size_t whatlen);
/* PMK lengths of 12.7.1.3: 32, 48 or 64 octets. */
int fw_keysyn_check_pmk_len(const char *label, size_t len, char *what, size_t whatlen);
/* J.4.1 passphrase: 8..63 octets, no control characters. */
int fw_keysyn_check_passphrase(const char *label, const char *pass, char *what, size_t whatlen);
/* An SSID given by the user: 1..32 octets. */
int fw_keysyn_check_ssid(const char *label, size_t len, char *what, size_t whatlen);

#endif
