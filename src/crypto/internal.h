/*
 * internal.h - helpers shared by the crypto stage's own files (not part of
 * its public interface; nothing outside src/crypto includes this).
 *
 * Invariants: every helper is a pure function over OpenSSL 3 (EVP_MAC,
 * EVP_MD); scratch state lives on the stack or in OpenSSL contexts freed
 * before return, and key material in scratch buffers is wiped with
 * OPENSSL_cleanse.  Returns 0 or a negative FW_E* code.  The algorithms
 * themselves are fetched once per process (fetch.c) and never change; the
 * MAC contexts fetch.c keeps keyed give the same bytes as fresh ones.
 */
#ifndef FW_CRYPTO_INTERNAL_H
#define FW_CRYPTO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include "crypto/akm.h"

/* One piece of a message that is MACed or hashed without being copied. */
struct fw_iov {
	const void *p;
	size_t n;
};

/* Largest digest of the family (SHA-512). */
#define FW_CRYPTO_MAX_MD 64

/* OpenSSL digest name of a hash of the family ("SHA1", "SHA256", ...); NULL if unknown. */
const char *fw_crypto_md_name(enum fw_hash h);
/* Its output length in bytes (0 if unknown). */
size_t fw_crypto_md_len(enum fw_hash h);
/* The hash a KDF of Table 12-11 is built on; FW_EINVAL for PRF-SHA1's caller errors. */
int fw_crypto_kdf_hash(enum fw_kdf kdf, enum fw_hash *h);

/*
 * HMAC-<digest>(key, v[0] || ... || v[n-1]) via EVP_MAC "HMAC".  out holds
 * out_size bytes (at least the digest length); *out_len gets the length.
 */
int fw_crypto_hmac_v(const char *digest, const uint8_t *key, size_t key_len,
		     const struct fw_iov *v, size_t n, uint8_t *out, size_t out_size,
		     size_t *out_len);
/* Hash(v[0] || ... || v[n-1]) via EVP_Digest*; out holds FW_CRYPTO_MAX_MD bytes. */
int fw_crypto_hash_v(enum fw_hash h, const struct fw_iov *v, size_t n, uint8_t *out,
		     size_t *out_len);

/*
 * The algorithms, each fetched at its first use (fetch.c): a cipher by its
 * OpenSSL name (AES-128/192/256-ECB, AES-128/256-CCM and -GCM), a digest
 * (MD5, SHA1, SHA256, SHA384, SHA512), the PBKDF2 KDF; NULL for any other
 * name or when OpenSSL lacks it.  Not to be freed.
 */
const EVP_CIPHER *fw_fetch_cipher(const char *name);
const EVP_MD *fw_fetch_md(const char *name);
EVP_KDF *fw_fetch_pbkdf2(void);

/*
 * A MAC context keyed and initialised for a message, lent by fetch.c: one
 * of the contexts it keeps keyed (re-initialised when it holds this key
 * already) or, when another thread has those, one of the caller's own.
 * size is the MAC's output length.  Given back with
 * fw_fetch_mac_give_back(), ok false when it failed part-way (it is then
 * not lent again).
 */
struct fw_mac_keep;
struct fw_mac_slot;
struct fw_mac_lease {
	EVP_MAC_CTX *ctx;
	size_t size;
	bool used;		/* finalised once: EVP_MAC_init (no key) before the next message */
	struct fw_mac_keep *keep;	/* NULL: the caller's own context, freed when given back */
	struct fw_mac_slot *slot;
};
/* HMAC-<digest> (a name of fw_fetch_md) under key; FW_ECRYPTO for an unknown digest. */
int fw_fetch_hmac_lend(const char *digest, const uint8_t *key, size_t key_len,
		       struct fw_mac_lease *l);
/* AES-128-CMAC (NIST SP 800-38B) under a 16-byte key. */
int fw_fetch_cmac_lend(const uint8_t *key, size_t key_len, struct fw_mac_lease *l);
void fw_fetch_mac_give_back(struct fw_mac_lease *l, bool ok);
/* How many times a MAC context was keyed in this process (fw_mac_keyings()). */
unsigned long fw_fetch_mac_keyings(void);

/*
 * One message through a lent MAC: MAC(v[0] || ... || v[n-1]) into out
 * (out_size bytes, FW_ERANGE when shorter than l->size), *out_len its
 * length.  Runs as often as wanted under the one key (hash.c).
 */
int fw_crypto_mac_run(struct fw_mac_lease *l, const struct fw_iov *v, size_t n, uint8_t *out,
		      size_t out_size, size_t *out_len);

#endif
