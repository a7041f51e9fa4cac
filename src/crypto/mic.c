/*
 * mic.c - the EAPOL-Key MIC algorithms of 12.7.2/Table 12-11 and the PMKID
 * of 12.7.1.3, over EVP_MAC ("HMAC", and "CMAC" with AES-128-CBC).
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "crypto/internal.h"
#include "crypto/mic.h"
#include "util/err.h"

/* fw_mic_verify copies the frame; EAPOL-Key frames on air are far shorter. */
#define MIC_MAX_FRAME 4096

/* AES-128-CMAC (NIST SP 800-38B, RFC 4493): the version 3 and SAE MIC. */
static int cmac_aes128(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
		       uint8_t out[16])
{
	EVP_MAC *mac = fw_fetch_cmac();
	EVP_MAC_CTX *ctx = NULL;
	OSSL_PARAM params[2];
	size_t outl = 0;
	int err = FW_ECRYPTO;

	if (key_len != 16)
		return FW_EINVAL;
	if (!mac)
		return FW_ECRYPTO;
	ctx = EVP_MAC_CTX_new(mac);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, (char *)"AES-128-CBC", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!ctx || !EVP_MAC_init(ctx, key, key_len, params))
		goto out;
	if (len && !EVP_MAC_update(ctx, data, len))
		goto out;
	if (!EVP_MAC_final(ctx, out, &outl, 16) || outl != 16)
		goto out;
	err = 0;
out:
	EVP_MAC_CTX_free(ctx);
	return err;
}

int fw_mic_compute(enum fw_mic_alg alg, const uint8_t *kck, size_t kck_len,
		   const uint8_t *data, size_t len, uint8_t *mic, size_t mic_len)
{
	uint8_t full[FW_CRYPTO_MAX_MD];
	struct fw_iov v = { data, len };
	const char *md;
	size_t full_len = 0;
	int err;

	if (!kck || kck_len == 0 || (!data && len) || !mic || mic_len == 0)
		return FW_EINVAL;
	switch (alg) {
	case FW_MIC_HMAC_MD5: md = "MD5"; break;
	case FW_MIC_HMAC_SHA1: md = "SHA1"; break;
	case FW_MIC_HMAC_SHA256: md = "SHA256"; break;
	case FW_MIC_HMAC_SHA384: md = "SHA384"; break;
	case FW_MIC_HMAC_SHA512: md = "SHA512"; break;
	case FW_MIC_AES_CMAC: md = NULL; break;
	default: return FW_EINVAL;
	}
	if (md)
		err = fw_crypto_hmac_v(md, kck, kck_len, &v, 1, full, sizeof(full), &full_len);
	else {
		err = cmac_aes128(kck, kck_len, data, len, full);
		full_len = 16;
	}
	/* the MIC field holds the MAC truncated to the AKM's MIC length (Table 12-11) */
	if (!err && mic_len > full_len)
		err = FW_EINVAL;
	if (!err)
		memcpy(mic, full, mic_len);
	OPENSSL_cleanse(full, sizeof(full));
	return err;
}

int fw_mic_verify(enum fw_mic_alg alg, const uint8_t *kck, size_t kck_len,
		  const uint8_t *frame, size_t len, size_t mic_off, size_t mic_len)
{
	uint8_t copy[MIC_MAX_FRAME], want[FW_CRYPTO_MAX_MD], got[FW_CRYPTO_MAX_MD];
	int err;

	if (!frame || len > sizeof(copy) || mic_len == 0 || mic_len > sizeof(got))
		return FW_EINVAL;
	if (mic_off > len || mic_len > len - mic_off)
		return FW_ETRUNC;
	/* 12.7.2: the MIC is computed with the MIC field itself set to zero */
	memcpy(copy, frame, len);
	memcpy(want, frame + mic_off, mic_len);
	memset(copy + mic_off, 0, mic_len);
	err = fw_mic_compute(alg, kck, kck_len, copy, len, got, mic_len);
	if (!err && CRYPTO_memcmp(got, want, mic_len) != 0)
		err = FW_EVERIFY;
	OPENSSL_cleanse(got, sizeof(got));
	return err;
}

int fw_pmkid(enum fw_hash hash, const uint8_t *pmk, size_t pmk_len,
	     const uint8_t aa[6], const uint8_t spa[6], uint8_t pmkid[16])
{
	uint8_t full[FW_CRYPTO_MAX_MD];
	const char *md = fw_crypto_md_name(hash);
	struct fw_iov v[3];
	size_t len = 0;
	int err;

	if (!md || !pmk || pmk_len == 0 || !aa || !spa || !pmkid)
		return FW_EINVAL;
	/* 12.7.1.3: PMKID = Truncate-128(HMAC-Hash(PMK, "PMK Name" || AA || SPA)) */
	v[0] = (struct fw_iov){ "PMK Name", 8 };
	v[1] = (struct fw_iov){ aa, 6 };
	v[2] = (struct fw_iov){ spa, 6 };
	err = fw_crypto_hmac_v(md, pmk, pmk_len, v, 3, full, sizeof(full), &len);
	if (!err)
		memcpy(pmkid, full, 16);
	OPENSSL_cleanse(full, sizeof(full));
	return err;
}
