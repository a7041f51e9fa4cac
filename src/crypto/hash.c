/*
 * hash.c - the HMAC and hash building blocks the 802.11 KDFs are made of
 * (12.7.1.2 PRF, 12.7.1.6.2 KDF, 12.7.1.7 FT names), over EVP_MAC/EVP_MD
 * with the algorithms fetch.c fetched once.
 *
 * The 802.11 constructions MAC a concatenation of labels, addresses and
 * nonces; taking the pieces as an iovec avoids building (and wiping) a
 * joined copy of each message.
 */
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "crypto/internal.h"
#include "util/err.h"

const char *fw_crypto_md_name(enum fw_hash h)
{
	switch (h) {
	case FW_HASH_SHA1: return "SHA1";
	case FW_HASH_SHA256: return "SHA256";
	case FW_HASH_SHA384: return "SHA384";
	case FW_HASH_SHA512: return "SHA512";
	}
	return NULL;
}

size_t fw_crypto_md_len(enum fw_hash h)
{
	switch (h) {
	case FW_HASH_SHA1: return 20;
	case FW_HASH_SHA256: return 32;
	case FW_HASH_SHA384: return 48;
	case FW_HASH_SHA512: return 64;
	}
	return 0;
}

int fw_crypto_kdf_hash(enum fw_kdf kdf, enum fw_hash *h)
{
	switch (kdf) {
	case FW_KDF_PRF_SHA1: *h = FW_HASH_SHA1; return 0;
	case FW_KDF_SHA256: *h = FW_HASH_SHA256; return 0;
	case FW_KDF_SHA384: *h = FW_HASH_SHA384; return 0;
	case FW_KDF_SHA512: *h = FW_HASH_SHA512; return 0;
	}
	return FW_EINVAL;
}

int fw_crypto_hmac_v(const char *digest, const uint8_t *key, size_t key_len,
		     const struct fw_iov *v, size_t n, uint8_t *out, size_t out_size,
		     size_t *out_len)
{
	EVP_MAC_CTX *ctx = NULL;
	size_t len = 0;
	int err = FW_ECRYPTO;

	if (!digest || (!key && key_len) || !out || !out_len)
		return FW_EINVAL;
	ctx = fw_fetch_hmac_ctx(digest);
	if (!ctx)
		return FW_ECRYPTO;
	/* OpenSSL rejects a NULL key even when empty; HMAC with an empty key is defined. */
	if (!EVP_MAC_init(ctx, key ? key : (const uint8_t *)"", key_len, NULL))
		goto out;
	if (EVP_MAC_CTX_get_mac_size(ctx) > out_size) {
		err = FW_ERANGE;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (v[i].n && !EVP_MAC_update(ctx, v[i].p, v[i].n))
			goto out;
	if (!EVP_MAC_final(ctx, out, &len, out_size))
		goto out;
	*out_len = len;
	err = 0;
out:
	/* a context that failed part-way is not handed to the next caller */
	if (err == 0)
		fw_fetch_hmac_put(digest, ctx);
	else
		EVP_MAC_CTX_free(ctx);
	return err;
}

int fw_crypto_hash_v(enum fw_hash h, const struct fw_iov *v, size_t n, uint8_t *out,
		     size_t *out_len)
{
	const char *name = fw_crypto_md_name(h);
	const EVP_MD *md;
	EVP_MD_CTX *ctx = NULL;
	unsigned int len = 0;
	int err = FW_ECRYPTO;

	if (!name || !out || !out_len)
		return FW_EINVAL;
	md = fw_fetch_md(name);
	ctx = EVP_MD_CTX_new();
	if (!md || !ctx || !EVP_DigestInit_ex(ctx, md, NULL))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (v[i].n && !EVP_DigestUpdate(ctx, v[i].p, v[i].n))
			goto out;
	if (!EVP_DigestFinal_ex(ctx, out, &len))
		goto out;
	*out_len = len;
	err = 0;
out:
	EVP_MD_CTX_free(ctx);
	return err;
}
