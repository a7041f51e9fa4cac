/*
 * akm.c - from (key descriptor version, AKM, DH group) to the algorithms
 * and key lengths of the pairwise key hierarchy (IEEE 802.11-2020 12.7.3
 * Table 12-11, 12.7.2 key descriptor versions, 12.7.1.3 PMKID).
 *
 * One lookup, resolve(), serves both fw_akm_params() and the refusal
 * reason, so the two can never disagree.
 */
#include <string.h>

#include "crypto/akm.h"
#include "util/err.h"

/* Suite selector OUIs: IEEE 00-0F-AC and the WPA1 vendor element's 00-50-F2. */
#define OUI_IEEE 0x000fac
#define OUI_WPA1 0x0050f2

static void set(struct fw_akm_params *p, enum fw_kdf kdf, enum fw_mic_alg mic, size_t mic_len,
		size_t kck, size_t kek, enum fw_hash pmkid_hash)
{
	memset(p, 0, sizeof(*p));
	p->kdf = kdf;
	p->mic = mic;
	p->mic_len = mic_len;
	p->kck_len = kck;
	p->kek_len = kek;
	p->pmkid_hash = pmkid_hash;
	p->pmkid_checkable = true;
}

static bool akm_is_ft(uint8_t akm)
{
	return akm == FW_AKM_FT_8021X || akm == FW_AKM_FT_PSK || akm == FW_AKM_FT_SAE ||
	       akm == FW_AKM_FT_8021X_SHA384 || akm == FW_AKM_FT_PSK_SHA384 ||
	       akm == FW_AKM_FT_SAE_EXT_KEY;
}

static bool akm_is_psk(uint8_t akm)
{
	return akm == FW_AKM_PSK || akm == FW_AKM_FT_PSK || akm == FW_AKM_PSK_SHA256 ||
	       akm == FW_AKM_FT_PSK_SHA384 || akm == FW_AKM_PSK_SHA384;
}

/*
 * OWE (12.11.2) and SAE-EXT-KEY (12.4.2) pick the hash from the DH group's
 * prime length: 19 (256-bit) SHA-256, 20 (384-bit) SHA-384, 21 (521-bit)
 * SHA-512; the MIC is the HMAC truncated to the KCK length.
 */
static const char *by_group(struct fw_akm_params *p, uint16_t group)
{
	switch (group) {
	case 19:
		set(p, FW_KDF_SHA256, FW_MIC_HMAC_SHA256, 16, 16, 16, FW_HASH_SHA256);
		return NULL;
	case 20:
		set(p, FW_KDF_SHA384, FW_MIC_HMAC_SHA384, 24, 24, 32, FW_HASH_SHA384);
		return NULL;
	case 21:
		set(p, FW_KDF_SHA512, FW_MIC_HMAC_SHA512, 32, 32, 32, FW_HASH_SHA512);
		return NULL;
	case 0:
		return "the DH group is unknown (needed to pick the hash for OWE/SAE-EXT-KEY)";
	default:
		return "unsupported DH group for OWE/SAE-EXT-KEY (only 19, 20, 21)";
	}
}

/* Version 0: the AKM defines everything (Table 12-11 rows without a version). */
static const char *resolve_v0(struct fw_akm_params *p, uint8_t akm, uint16_t group)
{
	const char *why;

	switch (akm) {
	case FW_AKM_SAE:
	case FW_AKM_FT_SAE:
		set(p, FW_KDF_SHA256, FW_MIC_AES_CMAC, 16, 16, 16, FW_HASH_SHA256);
		break;
	case FW_AKM_8021X_SUITE_B:
		set(p, FW_KDF_SHA256, FW_MIC_HMAC_SHA256, 16, 16, 16, FW_HASH_SHA256);
		break;
	case FW_AKM_8021X_SUITE_B_192:
	case FW_AKM_FT_8021X_SHA384:
	case FW_AKM_FT_PSK_SHA384:
	case FW_AKM_PSK_SHA384:
		set(p, FW_KDF_SHA384, FW_MIC_HMAC_SHA384, 24, 24, 32, FW_HASH_SHA384);
		break;
	case FW_AKM_OWE:
	case FW_AKM_SAE_EXT_KEY:
	case FW_AKM_FT_SAE_EXT_KEY:
		why = by_group(p, group);
		if (why)
			return why;
		break;
	case FW_AKM_FILS_SHA256:
	case FW_AKM_FILS_SHA384:
	case 16:
	case 17:
		return "FILS is not supported";
	case 0:
		return "key descriptor version 0 needs a known AKM";
	default:
		return "key descriptor version 0 is not defined for this AKM";
	}
	/* SAE and OWE PMKIDs come from the exchange itself, not from the PMK */
	if (akm == FW_AKM_SAE || akm == FW_AKM_FT_SAE || akm == FW_AKM_OWE ||
	    akm == FW_AKM_SAE_EXT_KEY || akm == FW_AKM_FT_SAE_EXT_KEY)
		p->pmkid_checkable = false;
	return NULL;
}

static const char *resolve(struct fw_akm_params *p, uint8_t ver, uint8_t akm, uint16_t group)
{
	const char *why = NULL;

	switch (ver) {
	case 0:
		why = resolve_v0(p, akm, group);
		break;
	case 1:
	case 2:
		/* 12.7.2: versions 1 and 2 go with the SHA-1 AKMs only (any pairwise cipher) */
		if (akm != 0 && akm != FW_AKM_8021X && akm != FW_AKM_PSK)
			return "key descriptor version 1/2 does not fit this AKM";
		if (ver == 1) {
			set(p, FW_KDF_PRF_SHA1, FW_MIC_HMAC_MD5, 16, 16, 16, FW_HASH_SHA1);
			p->keydata_rc4 = true;
		} else {
			set(p, FW_KDF_PRF_SHA1, FW_MIC_HMAC_SHA1, 16, 16, 16, FW_HASH_SHA1);
		}
		break;
	case 3:
		/* AES-128-CMAC MIC, KDF-SHA256 for the SHA-256 and FT AKMs */
		if (akm != 0 && akm != FW_AKM_FT_8021X && akm != FW_AKM_FT_PSK &&
		    akm != FW_AKM_8021X_SHA256 && akm != FW_AKM_PSK_SHA256)
			return "key descriptor version 3 does not fit this AKM";
		set(p, FW_KDF_SHA256, FW_MIC_AES_CMAC, 16, 16, 16, FW_HASH_SHA256);
		break;
	default:
		return "reserved key descriptor version";
	}
	if (why)
		return why;
	p->ft = akm_is_ft(akm);
	/* an unknown AKM with a fixed version is most often PSK: let a passphrase try */
	p->psk = akm == 0 ? ver != 0 : akm_is_psk(akm);
	return NULL;
}

int fw_akm_params(struct fw_akm_params *p, uint8_t ver, uint8_t akm, uint16_t dh_group)
{
	struct fw_akm_params tmp;

	if (!p)
		return FW_EINVAL;
	if (resolve(&tmp, ver, akm, dh_group))
		return FW_EUNSUPP;
	*p = tmp;
	return 0;
}

const char *fw_akm_unsupported_reason(uint8_t ver, uint8_t akm, uint16_t dh_group)
{
	struct fw_akm_params tmp;
	const char *why = resolve(&tmp, ver, akm, dh_group);

	return why ? why : "supported";
}

size_t fw_cipher_tk_len(uint32_t suite)
{
	uint32_t oui = suite >> 8, t = suite & 0xff;

	if (oui != OUI_IEEE && oui != OUI_WPA1)
		return 0;
	/* the cipher suite key lengths of 12.7.2 (TKIP counts both MIC keys) */
	switch (t) {
	case FW_CIPHER_WEP40: return 5;
	case FW_CIPHER_WEP104: return 13;
	case FW_CIPHER_TKIP: return 32;	/* TK || Tx MIC key || Rx MIC key */
	case FW_CIPHER_CCMP: return 16;
	}
	if (oui == OUI_WPA1)
		return 0;
	switch (t) {
	case FW_CIPHER_GCMP: return 16;
	case FW_CIPHER_GCMP_256: return 32;
	case FW_CIPHER_CCMP_256: return 32;
	}
	return 0;
}
