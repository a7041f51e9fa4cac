/*
 * The (version, AKM, DH group) table of 12.7.3 Table 12-11 and 12.7.2,
 * and the suite names/lengths.
 */
#include <stdio.h>
#include <string.h>

#include "../common/named.h"
#include "crypto/akm.h"
#include "suites.h"
#include "util/err.h"
#include "util/suite.h"

#define IEEE(t) ((uint32_t)0x000fac00 | (t))
#define MS(t) ((uint32_t)0x0050f200 | (t))

static struct fw_akm_params get(uint8_t ver, uint8_t akm, uint16_t group)
{
	struct fw_akm_params p;

	ck_assert_msg(fw_akm_params(&p, ver, akm, group) == 0, "v%u akm %u group %u refused: %s",
		      ver, akm, group, fw_akm_unsupported_reason(ver, akm, group));
	return p;
}

START_TEST(test_versions_1_to_3)
{
	struct fw_akm_params p;

	p = get(1, FW_AKM_PSK, 0);
	ck_assert_int_eq(p.mic, FW_MIC_HMAC_MD5);
	ck_assert_int_eq(p.kdf, FW_KDF_PRF_SHA1);
	ck_assert(p.keydata_rc4 && p.psk && p.pmkid_checkable && !p.ft);
	ck_assert_int_eq(p.pmkid_hash, FW_HASH_SHA1);
	ck_assert_uint_eq(p.mic_len, 16);

	p = get(2, FW_AKM_PSK, 0);
	ck_assert_int_eq(p.mic, FW_MIC_HMAC_SHA1);
	ck_assert_int_eq(p.kdf, FW_KDF_PRF_SHA1);
	ck_assert(!p.keydata_rc4 && p.psk);
	ck_assert_uint_eq(p.kck_len, 16);
	ck_assert_uint_eq(p.kek_len, 16);

	p = get(2, FW_AKM_8021X, 0);
	ck_assert(!p.psk);
	ck_assert_int_eq(p.pmkid_hash, FW_HASH_SHA1);
	/* an unknown AKM under a fixed version: a passphrase may still be tried */
	p = get(2, 0, 0);
	ck_assert(p.psk);
	p = get(1, 0, 0);
	ck_assert(p.psk && p.keydata_rc4);

	for (uint8_t akm = FW_AKM_FT_8021X; akm <= FW_AKM_PSK_SHA256; akm++) {
		p = get(3, akm, 0);
		ck_assert_int_eq(p.mic, FW_MIC_AES_CMAC);
		ck_assert_int_eq(p.kdf, FW_KDF_SHA256);
		ck_assert_int_eq(p.pmkid_hash, FW_HASH_SHA256);
		ck_assert(p.ft == (akm == FW_AKM_FT_8021X || akm == FW_AKM_FT_PSK));
		ck_assert(p.psk == (akm == FW_AKM_FT_PSK || akm == FW_AKM_PSK_SHA256));
	}
	/* a version that does not fit the AKM is refused with a reason */
	ck_assert_int_eq(fw_akm_params(&p, 2, FW_AKM_PSK_SHA256, 0), FW_EUNSUPP);
	ck_assert_int_eq(fw_akm_params(&p, 3, FW_AKM_PSK, 0), FW_EUNSUPP);
	ck_assert_int_eq(fw_akm_params(&p, 4, FW_AKM_PSK, 0), FW_EUNSUPP);
	ck_assert_int_eq(fw_akm_params(NULL, 2, FW_AKM_PSK, 0), FW_EINVAL);
	ck_assert_str_eq(fw_akm_unsupported_reason(2, FW_AKM_PSK, 0), "supported");
}
END_TEST

START_TEST(test_version_0_akm_defined)
{
	struct fw_akm_params p;

	p = get(0, FW_AKM_SAE, 0);
	ck_assert_int_eq(p.mic, FW_MIC_AES_CMAC);
	ck_assert_int_eq(p.kdf, FW_KDF_SHA256);
	ck_assert(!p.pmkid_checkable && !p.psk && !p.ft);
	p = get(0, FW_AKM_FT_SAE, 0);
	ck_assert(p.ft && !p.pmkid_checkable);

	p = get(0, FW_AKM_8021X_SUITE_B, 0);
	ck_assert_int_eq(p.mic, FW_MIC_HMAC_SHA256);
	ck_assert_uint_eq(p.mic_len, 16);
	ck_assert_int_eq(p.pmkid_hash, FW_HASH_SHA256);

	static const uint8_t sha384[] = { FW_AKM_8021X_SUITE_B_192, FW_AKM_FT_8021X_SHA384,
					  FW_AKM_FT_PSK_SHA384, FW_AKM_PSK_SHA384 };
	for (size_t i = 0; i < sizeof(sha384); i++) {
		char what[16];

		snprintf(what, sizeof(what), "AKM %u", sha384[i]);
		p = get(0, sha384[i], 0);
		tc_int_cmp(what, p.mic, ==, FW_MIC_HMAC_SHA384);
		tc_int_cmp(what, p.kdf, ==, FW_KDF_SHA384);
		tc_uint_cmp(what, p.mic_len, ==, 24);
		tc_uint_cmp(what, p.kck_len, ==, 24);
		tc_uint_cmp(what, p.kek_len, ==, 32);
		tc_int_cmp(what, p.pmkid_hash, ==, FW_HASH_SHA384);
		tc_true(what, p.pmkid_checkable);
		tc_true(what,
				p.ft == (sha384[i] == FW_AKM_FT_8021X_SHA384 || sha384[i] == FW_AKM_FT_PSK_SHA384));
		tc_true(what,
				p.psk == (sha384[i] == FW_AKM_FT_PSK_SHA384 || sha384[i] == FW_AKM_PSK_SHA384));
	}

	static const uint8_t by_group[] = { FW_AKM_OWE, FW_AKM_SAE_EXT_KEY, FW_AKM_FT_SAE_EXT_KEY };
	for (size_t i = 0; i < sizeof(by_group); i++) {
		char what[16];

		snprintf(what, sizeof(what), "AKM %u", by_group[i]);
		p = get(0, by_group[i], 19);
		tc_int_cmp(what, p.mic, ==, FW_MIC_HMAC_SHA256);
		tc_int_cmp(what, p.kdf, ==, FW_KDF_SHA256);
		tc_uint_cmp(what, p.mic_len, ==, 16);
		tc_uint_cmp(what, p.kek_len, ==, 16);
		tc_true(what, !p.pmkid_checkable);
		tc_true(what, p.ft == (by_group[i] == FW_AKM_FT_SAE_EXT_KEY));
		p = get(0, by_group[i], 20);
		tc_int_cmp(what, p.mic, ==, FW_MIC_HMAC_SHA384);
		tc_int_cmp(what, p.kdf, ==, FW_KDF_SHA384);
		tc_uint_cmp(what, p.mic_len, ==, 24);
		tc_uint_cmp(what, p.kck_len, ==, 24);
		tc_uint_cmp(what, p.kek_len, ==, 32);
		p = get(0, by_group[i], 21);
		tc_int_cmp(what, p.mic, ==, FW_MIC_HMAC_SHA512);
		tc_int_cmp(what, p.kdf, ==, FW_KDF_SHA512);
		tc_uint_cmp(what, p.mic_len, ==, 32);
		tc_uint_cmp(what, p.kck_len, ==, 32);
		tc_uint_cmp(what, p.kek_len, ==, 32);
		tc_int_cmp(what, fw_akm_params(&p, 0, by_group[i], 22), ==, FW_EUNSUPP);
		tc_int_cmp(what, fw_akm_params(&p, 0, by_group[i], 0), ==, FW_EUNSUPP);
		tc_true(what, strstr(fw_akm_unsupported_reason(0, by_group[i], 22),
				"group") != NULL);
	}

	ck_assert_int_eq(fw_akm_params(&p, 0, FW_AKM_FILS_SHA256, 0), FW_EUNSUPP);
	ck_assert_int_eq(fw_akm_params(&p, 0, FW_AKM_FILS_SHA384, 0), FW_EUNSUPP);
	ck_assert_str_eq(fw_akm_unsupported_reason(0, FW_AKM_FILS_SHA256, 0), "FILS is not supported");
	ck_assert_int_eq(fw_akm_params(&p, 0, FW_AKM_PSK, 0), FW_EUNSUPP);
	ck_assert_int_eq(fw_akm_params(&p, 0, 0, 0), FW_EUNSUPP);
}
END_TEST

START_TEST(test_names_and_lengths)
{
	char buf[32];

	ck_assert_str_eq(fw_akm_name(IEEE(2)), "PSK");
	ck_assert_str_eq(fw_akm_name(IEEE(6)), "PSK-SHA256");
	ck_assert_str_eq(fw_akm_name(IEEE(8)), "SAE");
	ck_assert_str_eq(fw_akm_name(IEEE(24)), "SAE-EXT-KEY");
	ck_assert_str_eq(fw_akm_name(MS(2)), "WPA-PSK");
	ck_assert_str_eq(fw_akm_name(MS(1)), "WPA-802.1X");
	ck_assert_str_eq(fw_akm_name(IEEE(200)), "unknown");
	ck_assert_str_eq(fw_akm_name(0x00101800 | 2), "unknown");
	ck_assert_str_eq(fw_akm_describe(IEEE(200), buf, sizeof(buf)), "AKM-00-0f-ac:200");
	ck_assert_str_eq(fw_akm_describe(IEEE(18), buf, sizeof(buf)), "OWE");

	ck_assert_str_eq(fw_cipher_name(IEEE(4)), "CCMP");
	ck_assert_str_eq(fw_cipher_name(IEEE(9)), "GCMP-256");
	ck_assert_str_eq(fw_cipher_name(IEEE(10)), "CCMP-256");
	ck_assert_str_eq(fw_cipher_name(MS(2)), "TKIP");
	ck_assert_str_eq(fw_cipher_name(MS(4)), "CCMP");
	ck_assert_str_eq(fw_cipher_name(MS(9)), "unknown");

	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_TKIP)), 32);
	ck_assert_uint_eq(fw_cipher_tk_len(MS(FW_CIPHER_TKIP)), 32);
	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_CCMP)), 16);
	ck_assert_uint_eq(fw_cipher_tk_len(MS(FW_CIPHER_CCMP)), 16);
	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_CCMP_256)), 32);
	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_GCMP)), 16);
	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_GCMP_256)), 32);
	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_WEP40)), 5);
	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_WEP104)), 13);
	ck_assert_uint_eq(fw_cipher_tk_len(IEEE(FW_CIPHER_BIP_CMAC)), 0);
	ck_assert_uint_eq(fw_cipher_tk_len(MS(FW_CIPHER_GCMP)), 0);
	ck_assert_uint_eq(fw_cipher_tk_len(FW_CIPHER_CCMP), 0);
}
END_TEST

Suite *akm_suite(void)
{
	Suite *s = suite_create("akm");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_versions_1_to_3);
	tcase_add_test(tc, test_version_0_akm_defined);
	tcase_add_test(tc, test_names_and_lengths);
	suite_add_tcase(s, tc);
	return s;
}
