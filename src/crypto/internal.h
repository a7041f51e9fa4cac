/*
 * internal.h - helpers shared by the crypto stage's own files (not part of
 * its public interface; nothing outside src/crypto includes this).
 *
 * Invariants: every helper is a pure function over OpenSSL 3 (EVP_MAC,
 * EVP_MD); scratch state lives on the stack or in OpenSSL contexts freed
 * before return, and key material in scratch buffers is wiped with
 * OPENSSL_cleanse.  Returns 0 or a negative FW_E* code.  The algorithms
 * themselves are fetched once per process (fetch.c) and never change.
 */
#ifndef FW_CRYPTO_INTERNAL_H
#define FW_CRYPTO_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

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
 * The algorithms, fetched on first use (fetch.c): a cipher by its OpenSSL
 * name (AES-128/192/256-ECB, AES-128/256-CCM and -GCM), a digest (MD5, SHA1, SHA256, SHA384,
 * SHA512); NULL for any other name or when OpenSSL lacks it.  Not to be
 * freed.
 */
const EVP_CIPHER *fw_fetch_cipher(const char *name);
const EVP_MD *fw_fetch_md(const char *name);
/*
 * An HMAC context for that digest, to be keyed by EVP_MAC_init and handed
 * back with fw_fetch_hmac_put() (which frees it when the slot is taken);
 * NULL when the digest is missing.
 */
EVP_MAC_CTX *fw_fetch_hmac_ctx(const char *digest);
void fw_fetch_hmac_put(const char *digest, EVP_MAC_CTX *ctx);
/* The CMAC algorithm (not to be freed): its contexts are the caller's. */
EVP_MAC *fw_fetch_cmac(void);

#endif
