/*
 * radius.c - RFC 2865 Response Authenticator, RFC 3579 Message-Authenticator
 * and RFC 2548 MS-MPPE key encryption and decryption.  All are MD5 (HMAC-MD5
 * for the Message-Authenticator) over the shared secret and packet fields;
 * MD5 comes from OpenSSL's default provider.
 */
#include <stdbool.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "crypto/internal.h"
#include "crypto/radius.h"
#include "util/err.h"

/* the largest MPPE plaintext: a 255-octet key and its length octet, padded */
#define MPPE_MAX 256

struct piece {
	const uint8_t *p;
	size_t n;
};

static int md5_v(const struct piece *v, size_t n, uint8_t out[16])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	const EVP_MD *md = fw_fetch_md("MD5");
	unsigned int len = 0;
	int err = FW_ECRYPTO;

	if (!ctx || !md)
		goto out;
	if (!EVP_DigestInit_ex(ctx, md, NULL))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (v[i].n && !EVP_DigestUpdate(ctx, v[i].p, v[i].n))
			goto out;
	if (!EVP_DigestFinal_ex(ctx, out, &len) || len != 16)
		goto out;
	err = 0;
out:
	EVP_MD_CTX_free(ctx);
	return err;
}

int fw_radius_response_auth(const uint8_t *secret, size_t secret_len, const uint8_t *pkt,
			    size_t len, const uint8_t req_auth[16], uint8_t out[16])
{
	struct piece v[4];

	if (!secret || !pkt || !req_auth || !out || len < 20)
		return FW_EINVAL;
	v[0] = (struct piece){ pkt, 4 };		/* code, identifier, length */
	v[1] = (struct piece){ req_auth, 16 };
	v[2] = (struct piece){ pkt + 20, len - 20 };	/* the attributes */
	v[3] = (struct piece){ secret, secret_len };
	return md5_v(v, 4, out);
}

/*
 * RFC 2548 2.4.2: b(1) = MD5(S + R + Salt), b(i) = MD5(S + c(i-1)),
 * c(i) = p(i) xor b(i).  The chain runs over the ciphertext, so in[] is it
 * when decrypting and out[] when encrypting.  n is a multiple of 16.
 */
static int mppe_xor(const uint8_t *secret, size_t secret_len, const uint8_t req_auth[16],
		    const uint8_t salt[2], const uint8_t *in, uint8_t *out, size_t n, bool encrypt)
{
	const uint8_t *cipher = encrypt ? out : in;
	uint8_t b[16];
	int err = 0;

	for (size_t i = 0; i < n && !err; i += 16) {
		struct piece v[3] = { { secret, secret_len }, { NULL, 0 }, { NULL, 0 } };

		if (i == 0) {
			v[1] = (struct piece){ req_auth, 16 };
			v[2] = (struct piece){ salt, 2 };
		} else {
			v[1] = (struct piece){ cipher + i - 16, 16 };
		}
		err = md5_v(v, 3, b);
		for (size_t j = 0; j < 16 && !err; j++)
			out[i + j] = in[i + j] ^ b[j];
	}
	OPENSSL_cleanse(b, sizeof(b));
	return err;
}

int fw_mppe_key_decrypt(const uint8_t *secret, size_t secret_len, const uint8_t req_auth[16],
			const uint8_t *value, size_t value_len, uint8_t *key, size_t cap,
			size_t *key_len)
{
	uint8_t plain[MPPE_MAX];
	size_t n;
	int err;

	if (!secret || !req_auth || !value || !key || !key_len)
		return FW_EINVAL;
	if (value_len < 2 + 16 || (value_len - 2) % 16 || value_len - 2 > sizeof(plain))
		return FW_EMALFORMED;
	n = value_len - 2;
	err = mppe_xor(secret, secret_len, req_auth, value, value + 2, plain, n, false);
	if (!err && (plain[0] == 0 || (size_t)plain[0] + 1 > n || plain[0] > cap))
		err = FW_EMALFORMED;
	if (!err) {
		*key_len = plain[0];
		memcpy(key, plain + 1, plain[0]);
	}
	OPENSSL_cleanse(plain, sizeof(plain));
	return err;
}

int fw_mppe_key_encrypt(const uint8_t *secret, size_t secret_len, const uint8_t req_auth[16],
			const uint8_t salt[2], const uint8_t *key, size_t key_len, uint8_t *value,
			size_t cap, size_t *value_len)
{
	uint8_t plain[MPPE_MAX] = { 0 };
	size_t n = (key_len + 1 + 15) / 16 * 16;	/* length octet, key, zero padding */
	int err;

	if (!secret || !req_auth || !salt || !key || !value || !value_len)
		return FW_EINVAL;
	if (key_len == 0 || key_len > 255 || n > sizeof(plain) || !(salt[0] & 0x80))
		return FW_EINVAL;	/* 2.4.2: the Salt's most significant bit is set */
	if (2 + n > cap)
		return FW_ERANGE;
	plain[0] = (uint8_t)key_len;
	memcpy(plain + 1, key, key_len);
	value[0] = salt[0];
	value[1] = salt[1];
	err = mppe_xor(secret, secret_len, req_auth, salt, plain, value + 2, n, true);
	OPENSSL_cleanse(plain, sizeof(plain));
	if (err)
		return err;
	*value_len = 2 + n;
	return 0;
}

int fw_radius_message_auth(const uint8_t *secret, size_t secret_len, const uint8_t *pkt,
			   size_t len, const uint8_t auth[16], size_t ma_off, uint8_t out[16])
{
	static const uint8_t zero[16];
	struct fw_iov v[5];
	size_t out_len = 0;
	int err;

	if (!secret || !pkt || !auth || !out || len < 20 || ma_off < 20 || ma_off + 16 > len)
		return FW_EINVAL;
	v[0] = (struct fw_iov){ pkt, 4 };			/* code, identifier, length */
	v[1] = (struct fw_iov){ auth, 16 };
	v[2] = (struct fw_iov){ pkt + 20, ma_off - 20 };	/* attributes before its value */
	v[3] = (struct fw_iov){ zero, 16 };
	v[4] = (struct fw_iov){ pkt + ma_off + 16, len - ma_off - 16 };
	err = fw_crypto_hmac_v("MD5", secret, secret_len, v, 5, out, 16, &out_len);
	return err ? err : out_len == 16 ? 0 : FW_ECRYPTO;
}
