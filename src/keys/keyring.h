/*
 * keyring.h - the keys a run may use: PMKs, MSKs, passphrases (with or
 * without an SSID), and PMKs read from hostapd/wpa_supplicant -dd -K logs.
 *
 * Ownership: the keyring owns every key and wipes it (OPENSSL_cleanse) in
 * fw_keyring_free().  Candidates handed out point into the keyring and stay
 * valid until it is freed.
 *
 * PBKDF2 is costly (~4 ms), so a passphrase's PSK is derived lazily, once
 * per (passphrase, SSID), the first time a candidate list for that SSID is
 * asked for, and cached.
 *
 * Key syntax (shared by --key-file files and .expect "key" lines): fields
 * separated by blanks; a field may be double-quoted with \" and \\ escapes:
 *   pmk HEX | msk HEX | psk "PASSPHRASE" ["SSID"] | radius-secret "SECRET" |
 *   keylog PATH
 * Blank lines and lines starting with '#' are ignored in key files.
 */
#ifndef FW_KEYS_KEYRING_H
#define FW_KEYS_KEYRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/kdf.h"

enum fw_key_kind { FW_KEY_PMK, FW_KEY_PSK, FW_KEY_MSK, FW_KEY_RADIUS_SECRET };

/* A PMK a handshake may be checked with. */
struct fw_pmk_cand {
	const uint8_t *pmk;
	size_t pmk_len;		/* 32, 48 or 64 */
	unsigned key_id;	/* stable index of the key it came from (1-based) */
	const char *origin;	/* "--pmk", "key file k.txt line 3", "keylog h.log line 812" */
	bool from_passphrase;
	/* An MSK's whole key: FT takes its XXKey from it (12.7.1.7.3); NULL otherwise */
	const uint8_t *msk;
	size_t msk_len;
	/*
	 * fw_key_fingerprint(pmk, pmk_len), made once per key (and per SSID
	 * of a passphrase) and kept with it.  Whoever changes pmk or pmk_len
	 * clears has_fp.
	 */
	bool has_fp;
	uint8_t fp[FW_KEY_FP_LEN];
};

struct fw_keyring;

struct fw_keyring *fw_keyring_new(void);
void fw_keyring_free(struct fw_keyring *kr);

/* --pmk HEX: 32, 48 or 64 bytes. FW_EINVAL with a message in err otherwise. */
int fw_keyring_add_pmk_hex(struct fw_keyring *kr, const char *hex, const char *origin,
			   char *err, size_t errlen);
/* --passphrase P [--ssid S]: ssid NULL when not given (learned per network). */
int fw_keyring_add_passphrase(struct fw_keyring *kr, const char *pass,
			      const uint8_t *ssid, size_t ssid_len, const char *origin,
			      char *err, size_t errlen);
/* Set the SSID used for passphrases that were given without one (--ssid). */
int fw_keyring_set_default_ssid(struct fw_keyring *kr, const uint8_t *ssid, size_t ssid_len);
/*
 * One line of key syntax.  origin names where it came from ("key file F
 * line N") and is used in messages and candidates.  A keylog line loads
 * that log (relative paths are resolved against base_dir when non-NULL).
 */
int fw_keyring_add_line(struct fw_keyring *kr, const char *line, const char *origin,
			const char *base_dir, char *err, size_t errlen);
/*
 * A key file: every line in key syntax.  The message names file, line and
 * problem, never the line's text.  Only a regular file of at most 64 MiB is
 * read.  On success err is empty, or holds a warning to show (the file is
 * readable or writable by others: it is read all the same).
 */
int fw_keyring_load_file(struct fw_keyring *kr, const char *path, char *err, size_t errlen);
/*
 * A hostapd or wpa_supplicant debug log written with -dd -K: every
 * "... PMK - hexdump(len=N): xx xx ..." line adds a PMK (duplicates once).
 * Returns the number of PMKs found (>= 0) or a negative code.
 */
int fw_keyring_load_keylog(struct fw_keyring *kr, const char *path, char *err, size_t errlen);

/* Number of keys of any kind. */
size_t fw_keyring_count(const struct fw_keyring *kr);
/*
 * The daemon logs named by "log PATH" lines of key files, in order, each
 * path resolved against its key file's directory (the keyring reads no
 * log: the command does).  Valid until fw_keyring_free().
 */
#define FW_KEYRING_MAX_LOGS 32
size_t fw_keyring_n_logs(const struct fw_keyring *kr);
const char *fw_keyring_log(const struct fw_keyring *kr, size_t i);
/* True when some passphrase has no SSID of its own and no default SSID is set. */
bool fw_keyring_needs_ssid(const struct fw_keyring *kr);

/*
 * The PMKs to try on a network with this SSID (ssid NULL: not known, and
 * passphrases without an SSID are then skipped).  Derives and caches PSKs.
 * A passphrase's SSID is its own, else the default one: it applies to
 * networks of that name and to networks whose SSID is not known.  A
 * passphrase with neither applies to every network whose SSID is known.
 * An MSK gives the PMK L(MSK, 0, 256) (origin "... (msk)"); RADIUS secrets
 * give none.  Candidates come in the order the keys were added.
 * Writes at most max candidates; *n gets the number written.
 * Returns 0 or a negative code.
 */
int fw_keyring_candidates(struct fw_keyring *kr, const uint8_t *ssid, size_t ssid_len,
			  struct fw_pmk_cand *out, size_t max, size_t *n);

/*
 * The n-th RADIUS shared secret (0-based): true with *secret and *len pointing
 * into the keyring, false past the last one.
 */
bool fw_keyring_radius_secret(const struct fw_keyring *kr, size_t n, const uint8_t **secret,
			      size_t *len);

/* True when the keyring holds at least one passphrase (so a PSK network is "known"). */
bool fw_keyring_has_passphrase(const struct fw_keyring *kr);

/* How many PBKDF2 derivations this keyring has run (the PSK cache's proof). */
unsigned long fw_keyring_pbkdf2_runs(const struct fw_keyring *kr);

/*
 * The CPU budget of passphrases: a PSK is derived (PBKDF2, 4096 rounds)
 * for at most this many (passphrase, SSID) pairs in all, some seconds of
 * CPU.  Past it, fw_keyring_candidates() leaves a passphrase out for a new
 * SSID (the other keys are still given) and counts it here.
 */
#define FW_KEYRING_PSK_CAP 1024
unsigned long fw_keyring_psk_skipped(const struct fw_keyring *kr);

#endif
