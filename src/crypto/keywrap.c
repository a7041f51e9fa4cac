/*
 * keywrap.c - EAPOL-Key Key Data protection (12.7.2): AES key wrap
 * (RFC 3394 with its default IV) for descriptor versions 2, 3 and 0, and
 * RC4 for version 1.
 *
 * RC4 lives in OpenSSL 3's "legacy" provider.  Loading a provider is
 * process-wide setup rather than per-call state, so the library context that
 * holds it (with "default" alongside) is created once, lazily, through
 * CRYPTO_THREAD_run_once and kept for the life of the process.  That
 * function-local static is the one exception to the no-globals rule in this
 * stage: it holds no data about any capture, only the loaded algorithms.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/provider.h>

#include "crypto/keywrap.h"
#include "util/err.h"

static const char *wrap_cipher(size_t kek_len)
{
	switch (kek_len) {
	case 16: return "AES-128-WRAP";
	case 24: return "AES-192-WRAP";
	case 32: return "AES-256-WRAP";
	}
	return NULL;
}

/* One RFC 3394 operation; in_len checked by the callers. */
static int aes_wrap_op(int enc, const uint8_t *kek, size_t kek_len, const uint8_t *in,
		       size_t in_len, uint8_t *out, size_t out_len)
{
	const char *name = wrap_cipher(kek_len);
	EVP_CIPHER *c = NULL;
	EVP_CIPHER_CTX *ctx = NULL;
	int outl = 0, fin = 0, err = FW_ECRYPTO;

	if (!name || !kek || !in || !out)
		return FW_EINVAL;
	c = EVP_CIPHER_fetch(NULL, name, NULL);
	ctx = EVP_CIPHER_CTX_new();
	if (!c || !ctx)
		goto out;
	EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
	/* a NULL IV selects RFC 3394's default A6A6A6A6A6A6A6A6 */
	if (!EVP_CipherInit_ex(ctx, c, NULL, kek, NULL, enc))
		goto out;
	if (EVP_CipherUpdate(ctx, out, &outl, in, (int)in_len) <= 0 || (size_t)outl != out_len) {
		/* on unwrap, a mismatching integrity check value is the only failure left */
		err = enc ? FW_ECRYPTO : FW_EVERIFY;
		OPENSSL_cleanse(out, out_len);
		goto out;
	}
	if (!EVP_CipherFinal_ex(ctx, out + outl, &fin) || fin != 0) {
		OPENSSL_cleanse(out, out_len);
		goto out;
	}
	err = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return err;
}

int fw_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
		  uint8_t *out)
{
	if (in_len < 24 || in_len % 8 || in_len > 4096)
		return FW_EINVAL;
	return aes_wrap_op(0, kek, kek_len, in, in_len, out, in_len - 8);
}

int fw_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
		uint8_t *out)
{
	if (in_len < 16 || in_len % 8 || in_len > 4096)
		return FW_EINVAL;
	return aes_wrap_op(1, kek, kek_len, in, in_len, out, in_len + 8);
}

struct legacy {
	OSSL_LIB_CTX *libctx;
	EVP_CIPHER *rc4;
};

static struct legacy *legacy_slot(void)
{
	static struct legacy l;	/* see the file comment: process-wide provider setup */

	return &l;
}

static void legacy_init(void)
{
	struct legacy *l = legacy_slot();
	OSSL_LIB_CTX *ctx = OSSL_LIB_CTX_new();

	if (!ctx)
		return;
	if (!OSSL_PROVIDER_load(ctx, "legacy") || !OSSL_PROVIDER_load(ctx, "default")) {
		OSSL_LIB_CTX_free(ctx);
		return;
	}
	l->rc4 = EVP_CIPHER_fetch(ctx, "RC4", NULL);
	l->libctx = ctx;
}

static const EVP_CIPHER *rc4_cipher(void)
{
	static CRYPTO_ONCE once = CRYPTO_ONCE_STATIC_INIT;

	if (!CRYPTO_THREAD_run_once(&once, legacy_init))
		return NULL;
	return legacy_slot()->rc4;
}

/* RC4 under key, discarding the first skip key-stream octets (at most 256). */
static int rc4_run(const uint8_t *key, size_t key_len, size_t skip, const uint8_t *in, size_t len,
		   uint8_t *out)
{
	uint8_t drop[256];
	const EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx = NULL;
	int outl = 0, err = FW_ECRYPTO;

	if (!key || !key_len || key_len > 32 || skip > sizeof(drop) || (!in && len) ||
	    (!out && len) || len > 4096)
		return FW_EINVAL;
	c = rc4_cipher();
	if (!c)
		return FW_EUNSUPP;	/* no legacy provider installed */
	memset(drop, 0, sizeof(drop));
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return FW_ENOMEM;
	if (!EVP_CipherInit_ex2(ctx, c, NULL, NULL, 1, NULL) ||
	    !EVP_CIPHER_CTX_set_key_length(ctx, (int)key_len) ||
	    !EVP_CipherInit_ex2(ctx, NULL, key, NULL, 1, NULL))
		goto out;
	if (skip && !EVP_CipherUpdate(ctx, drop, &outl, drop, (int)skip))
		goto out;
	if (len && !EVP_CipherUpdate(ctx, out, &outl, in, (int)len))
		goto out;
	err = 0;
out:
	OPENSSL_cleanse(drop, sizeof(drop));
	EVP_CIPHER_CTX_free(ctx);
	return err;
}

int fw_rc4_keydata(const uint8_t kek[16], const uint8_t iv[16], const uint8_t *in,
		   size_t len, uint8_t *out)
{
	uint8_t key[32];
	int err;

	if (!kek || !iv)
		return FW_EINVAL;
	/* 12.7.2: the RC4 key is EAPOL-Key IV || KEK; the first 256 octets are discarded */
	memcpy(key, iv, 16);
	memcpy(key + 16, kek, 16);
	err = rc4_run(key, sizeof(key), 256, in, len, out);
	OPENSSL_cleanse(key, sizeof(key));
	return err;
}

int fw_rc4(const uint8_t *key, size_t key_len, const uint8_t *in, size_t len, uint8_t *out)
{
	return rc4_run(key, key_len, 0, in, len, out);
}
