/*
 * EAPOL-Key MICs and the PMKID: hashcat mode-22000 reference lines
 * (WPA*02 EAPOL, WPA*01 PMKID), AES-CMAC (NIST SP 800-38B / RFC 4493),
 * truncated HMAC-SHA2 (RFC 4231 test case 2), and real corpus handshakes
 * for versions 1 (HMAC-MD5), 2 (HMAC-SHA1) and 3 (AES-128-CMAC) whose
 * published passphrases are known to verify (GROUND_TRUTH.md); the MICs of
 * one KCK key their HMAC once.
 */
#include <string.h>

#include "crypto/kdf.h"
#include "crypto/mic.h"
#include "crypto/ptk.h"
#include "frames.h"
#include "suites.h"
#include "util/err.h"

#define NONCE_OFF 17
#define MIC_OFF 81

static const char hashcat_m2[] =
	"0103007502010a0000000000000000000148ce2ccba9c1fda130ff2fbbfb4fd3b063d1a93920b0f7df54a5cbf787b"
	"161710000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
	"00000000001630140100000fac040100000fac040100000fac028000";

static struct fw_akm_params params(uint8_t ver, uint8_t akm)
{
	struct fw_akm_params p;

	ck_assert_int_eq(fw_akm_params(&p, ver, akm, 0), 0);
	return p;
}

/* KCK of a handshake: PSK from passphrase/SSID, nonces from the frames (offset 17). */
static void kck_of(const struct fw_akm_params *p, const char *pass, const char *ssid,
		   const char *aa_hex, const char *spa_hex, const uint8_t *anonce,
		   const uint8_t *snonce, struct fw_ptk *ptk)
{
	uint8_t pmk[32], aa[6], spa[6];

	ck_assert_int_eq(fw_psk_from_passphrase(pass, (const uint8_t *)ssid, strlen(ssid), pmk), 0);
	th_hex(aa, 6, aa_hex);
	th_hex(spa, 6, spa_hex);
	ck_assert_int_eq(fw_ptk_derive(p, pmk, 32, aa, spa, anonce, snonce, 16, ptk), 0);
}

START_TEST(test_hashcat_wpa02_mic)
{
	struct fw_akm_params p = params(2, FW_AKM_PSK);
	uint8_t m2[256], anonce[32], mic[16];
	size_t len = th_hex(m2, sizeof(m2), hashcat_m2);
	struct fw_ptk ptk;

	th_hex(anonce, 32, "10e3be3b005a629e89de088d6a2fdc489db83ad4764f2d186b9cde15446e972e");
	kck_of(&p, "hashcat!", "TP-LINK_HASHCAT_TEST", "6466b38ec3fc", "225edc49b7aa", anonce,
	       m2 + NONCE_OFF, &ptk);
	/* the hash line carries the M2 with its MIC zeroed and the MIC separately */
	ck_assert_int_eq(fw_mic_compute(p.mic, ptk.kck, ptk.kck_len, m2, len, mic, 16), 0);
	th_eq_hex(mic, 16, "024022795224bffca545276c3762686f");
	memcpy(m2 + MIC_OFF, mic, 16);
	ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m2, len, MIC_OFF, 16), 0);
	/* any changed bit fails: in the body, in the MIC, or in the key */
	m2[100] ^= 0x01;
	ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m2, len, MIC_OFF, 16), FW_EVERIFY);
	m2[100] ^= 0x01;
	m2[MIC_OFF + 15] ^= 0x80;
	ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m2, len, MIC_OFF, 16), FW_EVERIFY);
	m2[MIC_OFF + 15] ^= 0x80;
	kck_of(&p, "hashcat?", "TP-LINK_HASHCAT_TEST", "6466b38ec3fc", "225edc49b7aa", anonce,
	       m2 + NONCE_OFF, &ptk);
	ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m2, len, MIC_OFF, 16), FW_EVERIFY);
}
END_TEST

/*
 * The MICs of one handshake share a KCK: checked one after the other they
 * key the HMAC once, and after another KCK came between, the first one's
 * answer is still hashcat's.
 */
START_TEST(test_mics_of_one_kck)
{
	struct fw_akm_params p = params(2, FW_AKM_PSK);
	uint8_t m2[256], anonce[32], mic[16];
	size_t len = th_hex(m2, sizeof(m2), hashcat_m2);
	struct fw_ptk ptk, other;
	unsigned long before;

	th_hex(anonce, 32, "10e3be3b005a629e89de088d6a2fdc489db83ad4764f2d186b9cde15446e972e");
	kck_of(&p, "hashcat?", "TP-LINK_HASHCAT_TEST", "6466b38ec3fc", "225edc49b7aa", anonce,
	       m2 + NONCE_OFF, &other);
	kck_of(&p, "hashcat!", "TP-LINK_HASHCAT_TEST", "6466b38ec3fc", "225edc49b7aa", anonce,
	       m2 + NONCE_OFF, &ptk);
	th_eq_hex(ptk.kck, 16, "57d0f2ff5faef56f9b94390aebf4474d");
	th_hex(m2 + MIC_OFF, 16, "024022795224bffca545276c3762686f");
	before = fw_mac_keyings();
	for (int k = 0; k < 3; k++)
		ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m2, len, MIC_OFF, 16), 0);
	ck_assert_uint_le(fw_mac_keyings() - before, 1);
	ck_assert_int_eq(fw_mic_verify(p.mic, other.kck, other.kck_len, m2, len, MIC_OFF, 16),
			 FW_EVERIFY);
	before = fw_mac_keyings();
	memset(m2 + MIC_OFF, 0, 16);
	ck_assert_int_eq(fw_mic_compute(p.mic, ptk.kck, ptk.kck_len, m2, len, mic, 16), 0);
	th_eq_hex(mic, 16, "024022795224bffca545276c3762686f");
	ck_assert_uint_eq(fw_mac_keyings() - before, 0);
}
END_TEST

START_TEST(test_hashcat_wpa01_pmkid)
{
	uint8_t pmk[32], aa[6], spa[6], pmkid[16];
	const char *ssid = "hashcat-essid";

	ck_assert_int_eq(fw_psk_from_passphrase("hashcat!", (const uint8_t *)ssid, strlen(ssid), pmk), 0);
	th_eq_hex(pmk, 32, "88f43854ae7b1624fc2ab7724859e795130f4843c7535729e819cf92f39535dc");
	th_hex(aa, 6, "fc690c158264");
	th_hex(spa, 6, "f4747f87f9f4");
	ck_assert_int_eq(fw_pmkid(FW_HASH_SHA1, pmk, 32, aa, spa, pmkid), 0);
	th_eq_hex(pmkid, 16, "4d4fe7aac3a2cecab195321ceb99a7d0");
	/* AA and SPA are not interchangeable in the PMKID */
	ck_assert_int_eq(fw_pmkid(FW_HASH_SHA1, pmk, 32, spa, aa, pmkid), 0);
	ck_assert(memcmp(pmkid, "\x4d\x4f\xe7\xaa", 4) != 0);
}
END_TEST

START_TEST(test_aes_cmac_nist)
{
	static const char msg[] = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
				  "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
	static const struct {
		size_t len;
		const char *mac;
	} v[] = {
		{ 0, "bb1d6929e95937287fa37d129b756746" },
		{ 16, "070a16b46b4d4144f79bdd9dd04a287c" },
		{ 40, "dfa66747de9ae63030ca32611497c827" },
		{ 64, "51f0bebf7e3b9d92fc49741779363cfe" },
	};
	uint8_t key[16], m[64], mac[16];

	th_hex(key, 16, "2b7e151628aed2a6abf7158809cf4f3c");
	th_hex(m, 64, msg);
	/* twice round, another key between: a kept CMAC context restarts under its key */
	for (size_t i = 0; i < 8; i++) {
		uint8_t other[16];

		ck_assert_int_eq(fw_mic_compute(FW_MIC_AES_CMAC, key, 16, m, v[i % 4].len, mac, 16), 0);
		th_eq_hex(mac, 16, v[i % 4].mac);
		memset(other, (int)i, sizeof(other));
		ck_assert_int_eq(fw_mic_compute(FW_MIC_AES_CMAC, other, 16, m, 16, mac, 16), 0);
	}
	/* AES-128-CMAC only takes a 128-bit KCK */
	ck_assert_int_eq(fw_mic_compute(FW_MIC_AES_CMAC, m, 24, m, 16, mac, 16), FW_EINVAL);
}
END_TEST

START_TEST(test_hmac_sha2_truncated)
{
	/* RFC 4231 test case 2, truncated to the MIC lengths of Table 12-11 */
	const char *msg = "what do ya want for nothing?";
	uint8_t mic[32];

	ck_assert_int_eq(fw_mic_compute(FW_MIC_HMAC_SHA256, (const uint8_t *)"Jefe", 4,
					(const uint8_t *)msg, strlen(msg), mic, 16), 0);
	th_eq_hex(mic, 16, "5bdcc146bf60754e6a042426089575c7");
	ck_assert_int_eq(fw_mic_compute(FW_MIC_HMAC_SHA384, (const uint8_t *)"Jefe", 4,
					(const uint8_t *)msg, strlen(msg), mic, 24), 0);
	th_eq_hex(mic, 24, "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47");
	ck_assert_int_eq(fw_mic_compute(FW_MIC_HMAC_SHA512, (const uint8_t *)"Jefe", 4,
					(const uint8_t *)msg, strlen(msg), mic, 32), 0);
	th_eq_hex(mic, 32, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554");
	/* RFC 2202 test case 2 for HMAC-MD5 and HMAC-SHA1 */
	ck_assert_int_eq(fw_mic_compute(FW_MIC_HMAC_MD5, (const uint8_t *)"Jefe", 4,
					(const uint8_t *)msg, strlen(msg), mic, 16), 0);
	th_eq_hex(mic, 16, "750c783e6ab0b503eaa86e310a5db738");
	ck_assert_int_eq(fw_mic_compute(FW_MIC_HMAC_SHA1, (const uint8_t *)"Jefe", 4,
					(const uint8_t *)msg, strlen(msg), mic, 16), 0);
	th_eq_hex(mic, 16, "effcdf6ae5eb2fa2d27416d5f184df9c");
	/* a MIC longer than the MAC is refused */
	ck_assert_int_eq(fw_mic_compute(FW_MIC_HMAC_SHA1, (const uint8_t *)"Jefe", 4,
					(const uint8_t *)msg, strlen(msg), mic, 24), FW_EINVAL);
	ck_assert_int_eq(fw_mic_compute(FW_MIC_NONE, (const uint8_t *)"Jefe", 4,
					(const uint8_t *)msg, strlen(msg), mic, 16), FW_EINVAL);
}
END_TEST

/* Verify the M2 (and optionally M3) MIC of a corpus handshake. */
static void check_capture(uint8_t ver, uint8_t akm, const char *pass, const char *ssid,
			  const char *aa, const char *spa, const char *m1_hex, const char *m2_hex,
			  const char *m3_hex)
{
	struct fw_akm_params p = params(ver, akm);
	uint8_t m1[256], m2[256], m3[256];
	size_t l2, l3;
	struct fw_ptk ptk;

	ck_assert_uint_ge(th_hex(m1, sizeof(m1), m1_hex), NONCE_OFF + 32);
	l2 = th_hex(m2, sizeof(m2), m2_hex);
	ck_assert_uint_ge(l2, MIC_OFF + 16 + 2);
	kck_of(&p, pass, ssid, aa, spa, m1 + NONCE_OFF, m2 + NONCE_OFF, &ptk);
	ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m2, l2, MIC_OFF, 16), 0);
	if (m3_hex) {
		l3 = th_hex(m3, sizeof(m3), m3_hex);
		ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m3, l3, MIC_OFF, 16), 0);
	}
	/* the same frame under a wrong passphrase does not verify */
	kck_of(&p, "wrong passphrase", ssid, aa, spa, m1 + NONCE_OFF, m2 + NONCE_OFF, &ptk);
	ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, m2, l2, MIC_OFF, 16), FW_EVERIFY);
}

START_TEST(test_capture_v1_hmac_md5)
{
	/* aircrack-ng wpa-psk-linksys.cap: WPA1, key descriptor version 1 */
	check_capture(1, FW_AKM_PSK, "dictionary", "linksys", "000b86c2a485", "0013ce5598ef",
		      fr_linksys_m1, fr_linksys_m2, fr_linksys_m3);
}
END_TEST

START_TEST(test_capture_v2_hmac_sha1)
{
	check_capture(2, FW_AKM_PSK, "12345678", "Wireshark-ccmp-256", "020000000000",
		      "020000000100", fr_ccmp256_m1, fr_ccmp256_m2, NULL);
	check_capture(2, FW_AKM_PSK, "12345678", "Wireshark-gcmp", "020000000000",
		      "020000000100", fr_gcmp_m1, fr_gcmp_m2, NULL);
	check_capture(2, FW_AKM_PSK, "12345678", "Valium_dongle", "90f652e6ef92",
		      "6abbccddeeff", fr_mgmt_m1, fr_mgmt_m2, NULL);
}
END_TEST

START_TEST(test_capture_v3_aes_cmac)
{
	/* Wireshark wpa2-psk-mfp.pcapng: AKM 6, key descriptor version 3 */
	check_capture(3, FW_AKM_PSK_SHA256, "12345678", "Wireshark-pmf", "020000000000",
		      "020000000200", fr_mfp_m1, fr_mfp_m2, NULL);
}
END_TEST

START_TEST(test_verify_bounds)
{
	uint8_t kck[16] = { 0 }, frame[8] = { 0 };

	ck_assert_int_eq(fw_mic_verify(FW_MIC_HMAC_SHA1, kck, 16, frame, 4097, 81, 16), FW_EINVAL);
	ck_assert_int_eq(fw_mic_verify(FW_MIC_HMAC_SHA1, kck, 16, frame, 8, 81, 16), FW_ETRUNC);
	ck_assert_int_eq(fw_mic_verify(FW_MIC_HMAC_SHA1, kck, 16, frame, 8, 0, 16), FW_ETRUNC);
	ck_assert_int_eq(fw_mic_verify(FW_MIC_HMAC_SHA1, kck, 16, frame, 8, (size_t)-4, 16),
			 FW_ETRUNC);
}
END_TEST

Suite *mic_suite(void)
{
	Suite *s = suite_create("mic");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hashcat_wpa02_mic);
	tcase_add_test(tc, test_mics_of_one_kck);
	tcase_add_test(tc, test_hashcat_wpa01_pmkid);
	tcase_add_test(tc, test_aes_cmac_nist);
	tcase_add_test(tc, test_hmac_sha2_truncated);
	tcase_add_test(tc, test_capture_v1_hmac_md5);
	tcase_add_test(tc, test_capture_v2_hmac_sha1);
	tcase_add_test(tc, test_capture_v3_aes_cmac);
	tcase_add_test(tc, test_verify_bounds);
	suite_add_tcase(s, tc);
	return s;
}
