/*
 * akm.h - what an AKM suite and key descriptor version imply for the key
 * hierarchy (IEEE 802.11-2020 12.7.3 Table 12-11, 12.7.1.3, 12.7.2).
 *
 * The MIC algorithm and length, the KDF and the KCK/KEK lengths all follow
 * from (key descriptor version, AKM, DH group).  Version 1..3 fix them
 * directly; version 0 means "AKM-defined", and for OWE and SAE-EXT-KEY the
 * DH group picks SHA-256/384/512 and a 16/24/32-byte MIC.
 */
#ifndef FW_CRYPTO_AKM_H
#define FW_CRYPTO_AKM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* AKM suite types under OUI 00-0F-AC */
enum {
	FW_AKM_8021X = 1, FW_AKM_PSK = 2, FW_AKM_FT_8021X = 3, FW_AKM_FT_PSK = 4,
	FW_AKM_8021X_SHA256 = 5, FW_AKM_PSK_SHA256 = 6, FW_AKM_TDLS = 7,
	FW_AKM_SAE = 8, FW_AKM_FT_SAE = 9, FW_AKM_8021X_SUITE_B = 11,
	FW_AKM_8021X_SUITE_B_192 = 12, FW_AKM_FT_8021X_SHA384 = 13,
	FW_AKM_FILS_SHA256 = 14, FW_AKM_FILS_SHA384 = 15, FW_AKM_OWE = 18,
	FW_AKM_FT_PSK_SHA384 = 19, FW_AKM_PSK_SHA384 = 20,
	FW_AKM_SAE_EXT_KEY = 24, FW_AKM_FT_SAE_EXT_KEY = 25,
};
/* Cipher suite types under OUI 00-0F-AC */
enum {
	FW_CIPHER_USE_GROUP = 0, FW_CIPHER_WEP40 = 1, FW_CIPHER_TKIP = 2,
	FW_CIPHER_CCMP = 4, FW_CIPHER_WEP104 = 5, FW_CIPHER_BIP_CMAC = 6,
	FW_CIPHER_GCMP = 8, FW_CIPHER_GCMP_256 = 9, FW_CIPHER_CCMP_256 = 10,
	FW_CIPHER_BIP_GMAC = 11, FW_CIPHER_BIP_GMAC_256 = 12, FW_CIPHER_BIP_CMAC_256 = 13,
};

enum fw_kdf { FW_KDF_PRF_SHA1, FW_KDF_SHA256, FW_KDF_SHA384, FW_KDF_SHA512 };
enum fw_mic_alg {
	FW_MIC_NONE, FW_MIC_HMAC_MD5, FW_MIC_HMAC_SHA1, FW_MIC_AES_CMAC,
	FW_MIC_HMAC_SHA256, FW_MIC_HMAC_SHA384, FW_MIC_HMAC_SHA512,
};
enum fw_hash { FW_HASH_SHA1, FW_HASH_SHA256, FW_HASH_SHA384, FW_HASH_SHA512 };

struct fw_akm_params {
	enum fw_kdf kdf;
	enum fw_mic_alg mic;
	size_t mic_len;		/* 16, 24 or 32 */
	size_t kck_len, kek_len;
	bool ft;		/* PTK from the FT key hierarchy */
	bool psk;		/* the PMK can come from a passphrase (PBKDF2) */
	bool pmkid_checkable;	/* PMKID = HMAC(PMK, "PMK Name"|AA|SPA); not SAE/OWE */
	enum fw_hash pmkid_hash;
	bool keydata_rc4;	/* Key Data encrypted with RC4 (version 1) */
};

/*
 * Fill *p for key descriptor version ver (0..3), AKM suite type akm
 * (00-0F-AC:akm; 0 when the AKM is unknown, which is fine for versions 1-3)
 * and DH group (19/20/21, 0 when unknown; needed for OWE and SAE-EXT-KEY).
 * Returns 0, FW_EUNSUPP for combinations fourway cannot verify (the message
 * says why through fw_akm_unsupported_reason()), or FW_EINVAL.
 */
int fw_akm_params(struct fw_akm_params *p, uint8_t ver, uint8_t akm, uint16_t dh_group);
/* Why fw_akm_params refused (a static string), e.g. "FILS is not supported". */
const char *fw_akm_unsupported_reason(uint8_t ver, uint8_t akm, uint16_t dh_group);

/* The names of the suites: util/suite.h. */
/* TK length in bytes for a pairwise cipher suite (TKIP: 32), 0 if unknown. */
size_t fw_cipher_tk_len(uint32_t suite);

#endif
