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

#include "crypto/internal.h"
#include "crypto/keywrap.h"
#include "util/err.h"

static const char *ecb_cipher(size_t kek_len)
{
	switch (kek_len) {
	case 16: return "AES-128-ECB";
	case 24: return "AES-192-ECB";
	case 32: return "AES-256-ECB";
	}
	return NULL;
}

/*
 * One RFC 3394 operation (2.2.1 wrap, 2.2.2 unwrap, index form) over one
 * AES-ECB context: 6n single-block steps with the register A and the n
 * 64-bit blocks R[1..n], t = n*j+i.  (OpenSSL's own "AES-*-WRAP" ciphers
 * cost several times as much per call.)  in_len checked by the callers.
 */
static int aes_wrap_op(int enc, const uint8_t *kek, size_t kek_len, const uint8_t *in,
		       size_t in_len, uint8_t *out)
{
	static const uint8_t iv[8] = { 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6 };
	const char *name = ecb_cipher(kek_len);
	size_t n = enc ? in_len / 8 : in_len / 8 - 1;
	uint8_t *r = enc ? out + 8 : out;	/* R[1..n] */
	uint8_t a[8], b[16];
	const EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx = NULL;
	int outl = 0, err = FW_ECRYPTO;

	if (!name || !kek || !in || !out)
		return FW_EINVAL;
	c = fw_fetch_cipher(name);
	ctx = EVP_CIPHER_CTX_new();
	if (!c || !ctx || !EVP_CipherInit_ex2(ctx, c, kek, NULL, enc, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0))
		goto out;
	if (enc) {
		memcpy(a, iv, 8);
		memmove(r, in, in_len);
	} else {
		memcpy(a, in, 8);
		memmove(r, in + 8, in_len - 8);
	}
	for (size_t s = 0; s < 6 * n; s++) {
		/* wrap: j = 0..5, i = 1..n; unwrap runs the steps backwards */
		size_t step = enc ? s : 6 * n - 1 - s, i = step % n;
		uint64_t t = (uint64_t)step + 1;
		uint8_t *ri = r + 8 * i;

		if (enc) {
			memcpy(b, a, 8);
		} else {
			memcpy(b, a, 8);
			for (int k = 0; k < 8; k++)
				b[7 - k] ^= (uint8_t)(t >> (8 * k));
		}
		memcpy(b + 8, ri, 8);
		if (!EVP_CipherUpdate(ctx, b, &outl, b, 16) || outl != 16)
			goto out;
		memcpy(a, b, 8);
		if (enc)
			for (int k = 0; k < 8; k++)
				a[7 - k] ^= (uint8_t)(t >> (8 * k));
		memcpy(ri, b + 8, 8);
	}
	if (enc) {
		memcpy(out, a, 8);
	} else if (CRYPTO_memcmp(a, iv, 8) != 0) {
		err = FW_EVERIFY;
		goto out;
	}
	err = 0;
out:
	if (err)
		OPENSSL_cleanse(out, enc ? in_len + 8 : in_len - 8);
	OPENSSL_cleanse(a, sizeof(a));
	OPENSSL_cleanse(b, sizeof(b));
	EVP_CIPHER_CTX_free(ctx);
	return err;
}

int fw_aes_unwrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
		  uint8_t *out)
{
	if (in_len < 24 || in_len % 8 || in_len > 4096)
		return FW_EINVAL;
	return aes_wrap_op(0, kek, kek_len, in, in_len, out);
}

int fw_aes_wrap(const uint8_t *kek, size_t kek_len, const uint8_t *in, size_t in_len,
		uint8_t *out)
{
	if (in_len < 16 || in_len % 8 || in_len > 4096)
		return FW_EINVAL;
	return aes_wrap_op(1, kek, kek_len, in, in_len, out);
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
