/*
 * mic.c - the EAPOL-Key MIC algorithms of 12.7.2/Table 12-11 and the PMKID
 * of 12.7.1.3, over EVP_MAC ("HMAC", and "CMAC" with AES-128-CBC), with the
 * contexts fetch.c keeps keyed: the MICs of one handshake share a KCK.
 */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "crypto/internal.h"
#include "crypto/mic.h"
#include "util/err.h"

/* fw_mic_verify copies the frame; EAPOL-Key frames on air are far shorter */
#define MIC_MAX_FRAME 4096

static const char *mic_digest(enum fw_mic_alg alg)
{
	switch (alg) {
	case FW_MIC_HMAC_MD5: return "MD5";
	case FW_MIC_HMAC_SHA1: return "SHA1";
	case FW_MIC_HMAC_SHA256: return "SHA256";
	case FW_MIC_HMAC_SHA384: return "SHA384";
	case FW_MIC_HMAC_SHA512: return "SHA512";
	default: return NULL;	/* AES-CMAC, or none */
	}
}

/*
 * The MAC of the pieces v[0..n) under the KCK, truncated to mic_len bytes
 * (Table 12-11: the MIC field holds the MAC cut to the AKM's MIC length).
 * The MAC is no secret (what a right key gives is on the air), so its
 * buffer is not wiped.
 */
static int mic_of(enum fw_mic_alg alg, const uint8_t *kck, size_t kck_len,
		  const struct fw_iov *v, size_t n, uint8_t *mic, size_t mic_len)
{
	const char *md = mic_digest(alg);
	uint8_t full[FW_CRYPTO_MAX_MD];
	struct fw_mac_lease l;
	size_t full_len = 0;
	int err;

	if (!md && alg != FW_MIC_AES_CMAC)
		return FW_EINVAL;
	/* AES-128-CMAC (NIST SP 800-38B, RFC 4493): the version 3 and SAE MIC */
	err = md ? fw_fetch_hmac_lend(md, kck, kck_len, &l) : fw_fetch_cmac_lend(kck, kck_len, &l);
	if (err)
		return err;
	err = fw_crypto_mac_run(&l, v, n, full, sizeof(full), &full_len);
	fw_fetch_mac_give_back(&l, err == 0);
	if (!err && mic_len > full_len)
		err = FW_EINVAL;
	if (!err)
		memcpy(mic, full, mic_len);
	return err;
}

int fw_mic_compute(enum fw_mic_alg alg, const uint8_t *kck, size_t kck_len,
		   const uint8_t *data, size_t len, uint8_t *mic, size_t mic_len)
{
	struct fw_iov v = { data, len };

	if (!kck || kck_len == 0 || (!data && len) || !mic || mic_len == 0)
		return FW_EINVAL;
	return mic_of(alg, kck, kck_len, &v, 1, mic, mic_len);
}

int fw_mic_verify(enum fw_mic_alg alg, const uint8_t *kck, size_t kck_len,
		  const uint8_t *frame, size_t len, size_t mic_off, size_t mic_len)
{
	uint8_t copy[MIC_MAX_FRAME], got[FW_CRYPTO_MAX_MD];
	struct fw_iov v = { copy, len };
	int err;

	if (!frame || len > MIC_MAX_FRAME || mic_len == 0 || mic_len > sizeof(got))
		return FW_EINVAL;
	if (mic_off > len || mic_len > len - mic_off)
		return FW_ETRUNC;
	if (!kck || kck_len == 0)
		return FW_EINVAL;
	/* 12.7.2: the MIC is computed with the MIC field itself set to zero (the frame is public) */
	memcpy(copy, frame, len);
	memset(copy + mic_off, 0, mic_len);
	err = mic_of(alg, kck, kck_len, &v, 1, got, mic_len);
	if (!err && CRYPTO_memcmp(got, frame + mic_off, mic_len) != 0)
		err = FW_EVERIFY;
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
	/* the PMKID is sent in the clear: full holds nothing secret */
	if (!err)
		memcpy(pmkid, full, 16);
	return err;
}
