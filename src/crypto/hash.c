/*
 * hash.c - the HMAC and hash building blocks the 802.11 KDFs are made of
 * (12.7.1.2 PRF, 12.7.1.6.2 KDF, 12.7.1.7 FT names), over EVP_MAC/EVP_MD
 * with the algorithms fetch.c fetched once.
 *
 * The 802.11 constructions MAC a concatenation of labels, addresses and
 * nonces; taking the pieces as an iovec avoids building (and wiping) a
 * joined copy of each message.  The MAC contexts are lent keyed by
 * fetch.c, which keeps them: no context is made, copied or freed per MAC.
 */
#include <openssl/crypto.h>
#include <openssl/evp.h>

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

int fw_crypto_mac_run(struct fw_mac_lease *l, const struct fw_iov *v, size_t n, uint8_t *out,
		      size_t out_size, size_t *out_len)
{
	size_t len = 0;

	if (!l || !l->ctx || (!v && n) || !out || !out_len)
		return FW_EINVAL;
	if (l->size > out_size)
		return FW_ERANGE;
	/* EVP_MAC_init with no key: the key stays, the message starts again */
	if (l->used && EVP_MAC_init(l->ctx, NULL, 0, NULL) != 1)
		return FW_ECRYPTO;
	l->used = true;
	for (size_t i = 0; i < n; i++)
		if (v[i].n && !EVP_MAC_update(l->ctx, v[i].p, v[i].n))
			return FW_ECRYPTO;
	if (!EVP_MAC_final(l->ctx, out, &len, out_size))
		return FW_ECRYPTO;
	*out_len = len;
	return 0;
}

int fw_crypto_hmac_v(const char *digest, const uint8_t *key, size_t key_len,
		     const struct fw_iov *v, size_t n, uint8_t *out, size_t out_size,
		     size_t *out_len)
{
	struct fw_mac_lease l;
	int err;

	if (!digest || (!key && key_len) || !out || !out_len)
		return FW_EINVAL;
	err = fw_fetch_hmac_lend(digest, key, key_len, &l);
	if (err)
		return err;
	err = fw_crypto_mac_run(&l, v, n, out, out_size, out_len);
	fw_fetch_mac_give_back(&l, err == 0 || err == FW_ERANGE);
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
