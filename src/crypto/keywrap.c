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
 * cost several times as much per call.)  Each step is one EVP_Cipher call,
 * straight to the provider's ECB (EVP_CipherUpdate's buffering is for
 * streams; a block at a time needs none).  in_len checked by the callers.
 */
/* written out byte by byte, which compilers turn into one load or store and a swap */
static uint64_t load_be64(const uint8_t *p)
{
	return (uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 | (uint64_t)p[2] << 40 |
	       (uint64_t)p[3] << 32 | (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
	       (uint64_t)p[6] << 8 | (uint64_t)p[7];
}

static void store_be64(uint8_t *p, uint64_t v)
{
	p[0] = (uint8_t)(v >> 56);
	p[1] = (uint8_t)(v >> 48);
	p[2] = (uint8_t)(v >> 40);
	p[3] = (uint8_t)(v >> 32);
	p[4] = (uint8_t)(v >> 24);
	p[5] = (uint8_t)(v >> 16);
	p[6] = (uint8_t)(v >> 8);
	p[7] = (uint8_t)v;
}

static int aes_wrap_op(int enc, const uint8_t *kek, size_t kek_len, const uint8_t *in,
		       size_t in_len, uint8_t *out)
{
	static const uint8_t iv[8] = { 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6 };
	const char *name = ecb_cipher(kek_len);
	size_t n = enc ? in_len / 8 : in_len / 8 - 1, i = enc ? 0 : n - 1;
	uint8_t *r = enc ? out + 8 : out;	/* R[1..n] */
	uint8_t b[16];
	uint64_t a = 0;		/* the register A, big-endian as a number */
	const EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx = NULL;
	int err = FW_ECRYPTO;

	if (!name || !kek || !in || !out)
		return FW_EINVAL;
	c = fw_fetch_cipher(name);
	ctx = EVP_CIPHER_CTX_new();
	/* no padding to turn off: EVP_Cipher pads nothing */
	if (!c || !ctx || !EVP_CipherInit_ex2(ctx, c, kek, NULL, enc, NULL))
		goto out;
	a = load_be64(enc ? iv : in);
	memmove(r, enc ? in : in + 8, n * 8);
	for (size_t s = 0; s < 6 * n; s++) {
		/* wrap: t = n*j+i for j = 0..5, i = 1..n; unwrap runs the steps backwards */
		uint64_t t = enc ? s + 1 : 6 * n - s;
		uint8_t *ri = r + 8 * i;

		store_be64(b, enc ? a : a ^ t);
		memcpy(b + 8, ri, 8);
		if (EVP_Cipher(ctx, b, b, 16) <= 0)
			goto out;
		a = enc ? load_be64(b) ^ t : load_be64(b);
		memcpy(ri, b + 8, 8);
		i = enc ? (i + 1 == n ? 0 : i + 1) : (i ? i - 1 : n - 1);
	}
	store_be64(b, a);
	if (enc) {
		memcpy(out, b, 8);
	} else if (CRYPTO_memcmp(b, iv, 8) != 0) {
		err = FW_EVERIFY;
		goto out;
	}
	err = 0;
out:
	if (err)
		OPENSSL_cleanse(out, enc ? in_len + 8 : in_len - 8);
	OPENSSL_cleanse(&a, sizeof(a));
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
