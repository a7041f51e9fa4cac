/*
 * internal.h - the keyring's storage, shared by the keys stage's own files
 * (not part of its public interface; nothing outside src/keys includes it).
 *
 * Invariants: every key and every cached PSK is a separate allocation that
 * never moves, so the pointers handed out in struct fw_pmk_cand stay valid
 * until fw_keyring_free().  Secrets (key bytes, passphrases, cached PSKs)
 * are wiped with OPENSSL_cleanse before they are freed.  Key ids are the
 * 1-based order of addition over keys of every kind.
 */
#ifndef FW_KEYS_INTERNAL_H
#define FW_KEYS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "keys/keyring.h"

/* Hard caps: a key file is written by a person, a log holds a few PMKs. */
#define FW_KEYS_MAX_KEYS 65536
#define FW_KEYS_MAX_KEYS_STR "65536"
#define FW_KEYS_MAX_PSKS FW_KEYRING_PSK_CAP	/* derived (passphrase, SSID) pairs, all keys */
#define FW_KEYS_SSID_MAX 32	/* IEEE 802.11-2020 9.4.2.2: SSID is 0..32 octets */

/* One derived PSK of a passphrase, for one SSID. */
struct fw_keys_psk {
	uint8_t ssid[FW_KEYS_SSID_MAX];
	size_t ssid_len;
	uint8_t psk[32];
	bool has_fp;		/* fp: the PSK's fingerprint, made with it */
	uint8_t fp[FW_KEY_FP_LEN];
};

struct fw_keys_key {
	enum fw_key_kind kind;
	unsigned id;
	uint8_t *secret;	/* PMK/MSK bytes; passphrase or secret text, NUL-terminated */
	size_t secret_len;	/* without the NUL */
	bool has_ssid;		/* passphrase given with its own SSID */
	uint8_t ssid[FW_KEYS_SSID_MAX];
	size_t ssid_len;
	char *origin;
	char *cand_origin;	/* MSK: "ORIGIN (msk)"; else NULL */
	struct fw_keys_psk **psk;	/* passphrase: PSKs derived so far */
	size_t n_psk, cap_psk;
	unsigned long keylog_pass;	/* last keylog load that found this PMK */
	bool has_fp;		/* fp: the fingerprint of the PMK it gives, made at first use */
	uint8_t fp[FW_KEY_FP_LEN];
};

struct fw_keyring {
	struct fw_keys_key **keys;
	size_t n, cap;
	bool has_default_ssid;
	uint8_t default_ssid[FW_KEYS_SSID_MAX];
	size_t default_ssid_len;
	size_t n_psk_total;
	unsigned long pbkdf2_runs;
	unsigned long psk_skipped;	/* passphrases left out past FW_KEYS_MAX_PSKS */
	unsigned long keylog_passes;	/* keylog loads so far */
	char **logs;		/* "log PATH" lines: daemon logs, resolved against the key file */
	size_t n_logs;
};

/*
 * Append a key (the bytes are copied; a NUL is added after them).  ssid is
 * NULL for none.  *out (may be NULL) gets the stored key.
 */
int fw_keys_add(struct fw_keyring *kr, enum fw_key_kind kind, const uint8_t *secret,
		size_t len, const uint8_t *ssid, size_t ssid_len, const char *origin,
		struct fw_keys_key **out);
/* What a failed fw_keys_add() means, for a message: the cap on keys, or memory. */
const char *fw_keys_add_failed(int rc);
/* The stored PMK with exactly these bytes, or NULL. */
struct fw_keys_key *fw_keys_find_pmk(const struct fw_keyring *kr, const uint8_t *pmk, size_t len);
/*
 * Keep a copy of a daemon log's path ("log PATH" lines, fw_keyring_log()):
 * FW_ERANGE past FW_KEYRING_MAX_LOGS, FW_ENOMEM.
 */
int fw_keys_add_log(struct fw_keyring *kr, const char *path);

/*
 * lines.c: a line reader over a FILE with a bounded line buffer: lines
 * longer than the caller's buffer are reported as such and skipped, never
 * grown, so a binary file without newlines costs no memory.  NUL bytes are
 * kept.
 */
struct fw_keys_lines {
	FILE *f;
	unsigned long lineno;	/* of the line last returned, 1-based */
	size_t pos, end;
	bool eof;
	uint8_t buf[65536];
};

void fw_keys_lines_init(struct fw_keys_lines *lr, FILE *f);
/*
 * Next line without its "\n" (and without a "\r" before it) into line
 * (cap bytes, NUL-terminated).  *len gets its length; *too_long is set when
 * it did not fit (line then holds its first cap-1 bytes).  Returns 1, 0 at
 * the end, or FW_EIO.
 */
int fw_keys_lines_next(struct fw_keys_lines *lr, char *line, size_t cap, size_t *len,
		       bool *too_long);

#endif
