/*
 * kdf.c - PBKDF2 (J.4 passphrase mapping), PRF-n (12.7.1.2) and
 * KDF-Hash-Length (12.7.1.6.2) over EVP_KDF "PBKDF2" and EVP_MAC "HMAC".
 *
 * Each function derives into a stack scratch buffer and copies to the
 * caller only on success, so a failed call never leaves half a key behind;
 * the scratch is wiped before return.  A PRF or KDF keys its HMAC once for
 * all its blocks (a context fetch.c keeps, re-initialised between blocks).
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "crypto/internal.h"
#include "crypto/kdf.h"
#include "util/err.h"

/* Longest output the PRF/KDF give here: enough for any PTK (KCK+KEK+TK+KDK). */
#define KDF_MAX_OUT 256

int fw_pbkdf2_sha1(const uint8_t *pass, size_t pass_len, const uint8_t *salt,
		   size_t salt_len, unsigned iterations, uint8_t *out, size_t out_len)
{
	uint8_t scratch[KDF_MAX_OUT];
	EVP_KDF *kdf;
	EVP_KDF_CTX *ctx = NULL;
	OSSL_PARAM params[6], *p = params;
	uint64_t iter = iterations;
	/* 1 = no SP 800-132 lower bounds: RFC 6070 uses 1 iteration and short salts */
	int pkcs5 = 1;
	int err = FW_ECRYPTO;

	if ((!pass && pass_len) || (!salt && salt_len) || !out || out_len == 0 ||
	    out_len > sizeof(scratch) || iterations == 0)
		return FW_EINVAL;
	kdf = fw_fetch_pbkdf2();
	if (!kdf)
		return FW_ECRYPTO;
	ctx = EVP_KDF_CTX_new(kdf);
	if (!ctx)
		goto out;
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
						 (void *)(pass ? pass : (const uint8_t *)""), pass_len);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
						 (void *)(salt ? salt : (const uint8_t *)""), salt_len);
	*p++ = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_ITER, &iter);
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA1", 0);
	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5);
	*p = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(ctx, scratch, out_len, params) != 1)
		goto out;
	memcpy(out, scratch, out_len);
	err = 0;
out:
	OPENSSL_cleanse(scratch, sizeof(scratch));
	EVP_KDF_CTX_free(ctx);
	return err;
}

int fw_psk_from_passphrase(const char *pass, const uint8_t *ssid, size_t ssid_len,
			   uint8_t psk[32])
{
	size_t n;

	if (!pass || !psk || (!ssid && ssid_len) || ssid_len > 32)
		return FW_EINVAL;
	/* J.4.1: the pass-phrase is 8..63 ASCII characters in the range 32..126 */
	n = strnlen(pass, 64);
	if (n < 8 || n > 63)
		return FW_EINVAL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)pass[i] < 32 || (unsigned char)pass[i] > 126)
			return FW_EINVAL;
	return fw_pbkdf2_sha1((const uint8_t *)pass, n, ssid, ssid_len, 4096, psk, 32);
}

/*
 * The blocks of PRF-n and KDF-Hash-Length: HMAC under one key of
 * msg[0..len), whose counter octets at ctr are set by step() before each
 * block, concatenated and truncated to out_len (<= KDF_MAX_OUT) bytes.
 * The key is set once for all the blocks (the lent context is
 * re-initialised between them).  The message (label, addresses, nonces)
 * is no secret; the output is wiped from the scratch.
 */
static int hmac_blocks(const char *md, const uint8_t *key, size_t key_len, const uint8_t *msg,
		       size_t len, void (*step)(uint8_t *ctr, unsigned i), uint8_t *ctr,
		       uint8_t *out, size_t out_len)
{
	uint8_t scratch[KDF_MAX_OUT + FW_CRYPTO_MAX_MD];
	struct fw_iov v = { msg, len };
	struct fw_mac_lease l;
	size_t done = 0, n;
	unsigned i = 0;
	int err;

	err = fw_fetch_hmac_lend(md, key, key_len, &l);
	if (err)
		return err;
	while (done < out_len) {
		step(ctr, i++);
		err = fw_crypto_mac_run(&l, &v, 1, scratch + done, sizeof(scratch) - done, &n);
		if (err)
			break;
		done += n;
	}
	fw_fetch_mac_give_back(&l, err == 0);
	if (!err)
		memcpy(out, scratch, out_len);
	OPENSSL_cleanse(scratch, sizeof(scratch));
	return err;
}

/* The longest label || context (or data) of a PRF or KDF message: an FT context is under 100 bytes. */
#define KDF_MAX_MSG 512

/* PRF-n's X: the block number from 0, one octet */
static void prf_step(uint8_t *ctr, unsigned i)
{
	ctr[0] = (uint8_t)i;
}

int fw_prf_sha1(const uint8_t *key, size_t key_len, const char *label,
		const uint8_t *data, size_t data_len, uint8_t *out, size_t out_len)
{
	uint8_t msg[KDF_MAX_MSG];
	size_t a;

	if (!key || !label || (!data && data_len) || !out || out_len == 0 ||
	    out_len > KDF_MAX_OUT)
		return FW_EINVAL;
	a = strlen(label);
	if (a + data_len + 2 > sizeof(msg))
		return FW_EINVAL;
	/* 12.7.1.2: R = R || HMAC-SHA-1(K, A || Y || B || X), Y = 0, X = i from 0 */
	memcpy(msg, label, a);
	msg[a] = 0;
	if (data_len)
		memcpy(msg + a + 1, data, data_len);
	return hmac_blocks("SHA1", key, key_len, msg, a + data_len + 2, prf_step,
			   msg + a + 1 + data_len, out, out_len);
}

/* KDF-Hash-Length's i: from 1, little-endian 16-bit */
static void kdf_step(uint8_t *ctr, unsigned i)
{
	ctr[0] = (uint8_t)((i + 1) & 0xff);
	ctr[1] = (uint8_t)((i + 1) >> 8);
}

int fw_kdf_hash(enum fw_hash hash, const uint8_t *key, size_t key_len,
		const char *label, const uint8_t *context, size_t context_len,
		uint8_t *out, size_t out_len)
{
	const char *md = fw_crypto_md_name(hash);
	uint8_t msg[KDF_MAX_MSG];
	size_t a, n;

	if (!md || !key || !label || (!context && context_len) || !out || out_len == 0 ||
	    out_len > KDF_MAX_OUT)
		return FW_EINVAL;
	a = strlen(label);
	if (a + context_len + 4 > sizeof(msg))
		return FW_EINVAL;
	/* 12.7.1.6.2: HMAC-Hash(K, i || Label || Context || Length), i and Length LE16 */
	memcpy(msg + 2, label, a);
	if (context_len)
		memcpy(msg + 2 + a, context, context_len);
	n = 2 + a + context_len;
	msg[n++] = (uint8_t)((out_len * 8) & 0xff);
	msg[n++] = (uint8_t)((out_len * 8) >> 8);
	return hmac_blocks(md, key, key_len, msg, n, kdf_step, msg, out, out_len);
}

int fw_hmac(enum fw_hash hash, const uint8_t *key, size_t key_len,
	    const uint8_t *data, size_t data_len, uint8_t *out, size_t *out_len)
{
	struct fw_iov v = { data, data_len };
	const char *md = fw_crypto_md_name(hash);

	if (!md || (!data && data_len))
		return FW_EINVAL;
	return fw_crypto_hmac_v(md, key, key_len, &v, 1, out, fw_crypto_md_len(hash), out_len);
}

unsigned long fw_mac_keyings(void)
{
	return fw_fetch_mac_keyings();
}

int fw_key_fingerprint(const uint8_t *key, size_t len, uint8_t fp[FW_KEY_FP_LEN])
{
	struct fw_iov v = { key, len };
	uint8_t md[FW_CRYPTO_MAX_MD];
	size_t md_len = 0;
	int err;

	if ((!key && len) || !fp)
		return FW_EINVAL;
	err = fw_crypto_hash_v(FW_HASH_SHA256, &v, 1, md, &md_len);
	if (!err)
		memcpy(fp, md, FW_KEY_FP_LEN);
	OPENSSL_cleanse(md, sizeof(md));
	return err;
}
