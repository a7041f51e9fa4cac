/*
 * radius.c - RFC 2865 Response Authenticator and RFC 2548 MS-MPPE key
 * decryption.  Both are MD5 over the shared secret and packet fields; MD5
 * comes from OpenSSL's default provider.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "crypto/radius.h"
#include "util/err.h"

struct piece {
	const uint8_t *p;
	size_t n;
};

static int md5_v(const struct piece *v, size_t n, uint8_t out[16])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_MD *md = EVP_MD_fetch(NULL, "MD5", NULL);
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
	EVP_MD_free(md);
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

int fw_mppe_key_decrypt(const uint8_t *secret, size_t secret_len, const uint8_t req_auth[16],
			const uint8_t *value, size_t value_len, uint8_t *key, size_t cap,
			size_t *key_len)
{
	uint8_t plain[256], b[16];
	size_t n;
	int err = 0;

	if (!secret || !req_auth || !value || !key || !key_len)
		return FW_EINVAL;
	if (value_len < 2 + 16 || (value_len - 2) % 16 || value_len - 2 > sizeof(plain))
		return FW_EMALFORMED;
	n = value_len - 2;
	/* b(1) = MD5(S + R + A), b(i) = MD5(S + c(i-1)); p(i) = c(i) xor b(i) */
	for (size_t i = 0; i < n && !err; i += 16) {
		struct piece v[3] = { { secret, secret_len }, { NULL, 0 }, { NULL, 0 } };

		if (i == 0) {
			v[1] = (struct piece){ req_auth, 16 };
			v[2] = (struct piece){ value, 2 };	/* the salt */
		} else {
			v[1] = (struct piece){ value + 2 + i - 16, 16 };
		}
		err = md5_v(v, 3, b);
		for (size_t j = 0; j < 16 && !err; j++)
			plain[i + j] = value[2 + i + j] ^ b[j];
	}
	if (!err && (plain[0] == 0 || (size_t)plain[0] + 1 > n || plain[0] > cap))
		err = FW_EMALFORMED;
	if (!err) {
		*key_len = plain[0];
		memcpy(key, plain + 1, plain[0]);
	}
	OPENSSL_cleanse(plain, sizeof(plain));
	OPENSSL_cleanse(b, sizeof(b));
	return err;
}
