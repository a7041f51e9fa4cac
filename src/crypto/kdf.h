/*
 * kdf.h - key derivation primitives of IEEE 802.11-2020 (pure functions
 * over OpenSSL 3 EVP_KDF / EVP_MAC).
 *
 * All return 0 or FW_ECRYPTO / FW_EINVAL.  Outputs are written only on
 * success; scratch buffers are wiped.
 */
#ifndef FW_CRYPTO_KDF_H
#define FW_CRYPTO_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/akm.h"

/* PBKDF2-HMAC-SHA1 (RFC 8018 / RFC 6070 vectors). */
int fw_pbkdf2_sha1(const uint8_t *pass, size_t pass_len, const uint8_t *salt,
		   size_t salt_len, unsigned iterations, uint8_t *out, size_t out_len);
/*
 * The passphrase-to-PSK mapping (J.4): PBKDF2-SHA1(pass, ssid, 4096, 32).
 * pass must be 8..63 printable characters (FW_EINVAL otherwise), ssid 0..32 bytes.
 */
int fw_psk_from_passphrase(const char *pass, const uint8_t *ssid, size_t ssid_len,
			   uint8_t psk[32]);
/*
 * PRF-n of 12.7.1.2: HMAC-SHA1(K, label || 0x00 || data || i), i from 0,
 * concatenated and truncated to out_len bytes.  label and data together
 * are at most 510 bytes (the 802.11 ones are under 100).
 */
int fw_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len);
/*
 * KDF-Hash-Length of 12.7.1.6.2: HMAC-Hash(K, i || label || context || Length),
 * i and Length little-endian 16-bit, i from 1, Length in bits = 8*out_len.
 * label and context together are at most 508 bytes.
 */
int fw_kdf_hash(enum fw_hash hash, const uint8_t *key, size_t key_len,
		const char *label, const uint8_t *context, size_t context_len,
		uint8_t *out, size_t out_len);
/*
 * HMAC with a hash of the family (pure convenience over EVP_MAC); out holds
 * the hash's output length (<= 64 bytes), written to *out_len.
 */
int fw_hmac(enum fw_hash hash, const uint8_t *key, size_t key_len,
	    const uint8_t *data, size_t data_len, uint8_t *out, size_t *out_len);

/*
 * How many times a MAC (HMAC, AES-CMAC) was keyed in this process: the
 * proof that a key used again re-uses its keyed context (PRF blocks, the
 * PTKs of one PMK, the MICs of one KCK) instead of being set afresh.
 */
unsigned long fw_mac_keyings(void);

/*
 * A key's fingerprint: the first FW_KEY_FP_LEN bytes of SHA-256(key), a
 * short name that can be printed where the key itself must not be.
 * Anyone holding the key (a -K log, a key file) finds the same name:
 * `echo HEX | xxd -r -p | sha256sum | cut -c1-8`.
 */
#define FW_KEY_FP_LEN 4
int fw_key_fingerprint(const uint8_t *key, size_t len, uint8_t fp[FW_KEY_FP_LEN]);

#endif
