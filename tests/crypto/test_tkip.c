/*
 * test_tkip.c - TKIP decryption against a real WPA1 capture: the PTK of
 * wpa-psk-linksys.cap's handshake (passphrase "dictionary", SSID linksys;
 * tshark decrypts all 59 protected frames with it) opens frame 25, which
 * holds an EAPOL-Key group msg 1/2 (GROUND_TRUTH.md: G1[enc] rc3 #25).
 */
#include <check.h>
#include <string.h>

#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/ptk.h"
#include "crypto/tkip.h"
#include "frames.h"
#include "suites.h"
#include "util/err.h"

static size_t linksys_tk(struct fw_ptk *ptk)
{
	struct fw_akm_params p;
	uint8_t pmk[32], aa[6], spa[6], m1[128], m2[160];

	ck_assert_int_eq(fw_akm_params(&p, 1, FW_AKM_PSK, 0), 0);
	ck_assert_int_eq(fw_psk_from_passphrase("dictionary", (const uint8_t *)"linksys", 7, pmk), 0);
	th_hex(aa, 6, "000b86c2a485");
	th_hex(spa, 6, "0013ce5598ef");
	th_hex(m1, sizeof(m1), fr_linksys_m1);
	th_hex(m2, sizeof(m2), fr_linksys_m2);
	/* the Key Nonce sits 17 octets into the EAPOL frame (header 4, descriptor fields 13) */
	ck_assert_int_eq(fw_ptk_derive(&p, pmk, 32, aa, spa, m1 + 17, m2 + 17, 32, ptk), 0);
	return 32;
}

START_TEST(test_real_tkip)
{
	struct fw_ptk ptk;
	uint8_t mpdu[256], out[256];
	size_t len = th_hex(mpdu, sizeof(mpdu), fr_linksys_tkip25), n = 0;

	linksys_tk(&ptk);
	ck_assert_int_eq(fw_tkip_decrypt(ptk.tk, ptk.tk_len, mpdu, len, 24, out, &n), 0);
	ck_assert_uint_eq(n, len - 24 - 8 - 12);
	/* LLC/SNAP with EtherType 0x888e, EAPOL version 1, type 3 (Key), descriptor 254 */
	th_eq_hex(out, 11, "aaaa03000000888e010300");
	ck_assert_uint_eq(out[12], 0xfe);
	fw_ptk_wipe(&ptk);
}
END_TEST

START_TEST(test_tkip_rejects)
{
	struct fw_ptk ptk;
	uint8_t mpdu[256], out[256], tk[32];
	size_t len = th_hex(mpdu, sizeof(mpdu), fr_linksys_tkip25), n = 0;

	linksys_tk(&ptk);
	/* one ciphertext bit flipped: the ICV no longer matches */
	mpdu[60] ^= 0x01;
	ck_assert_int_eq(fw_tkip_decrypt(ptk.tk, ptk.tk_len, mpdu, len, 24, out, &n), FW_EVERIFY);
	mpdu[60] ^= 0x01;
	/* another key */
	memcpy(tk, ptk.tk, 32);
	tk[0] ^= 0x80;
	ck_assert_int_eq(fw_tkip_decrypt(tk, 32, mpdu, len, 24, out, &n), FW_EVERIFY);
	/* a WEP IV (no Ext IV bit) is no TKIP frame */
	mpdu[24 + 3] &= (uint8_t)~0x20;
	ck_assert_int_eq(fw_tkip_decrypt(ptk.tk, ptk.tk_len, mpdu, len, 24, out, &n), FW_EMALFORMED);
	/* too short to hold IV, MIC and ICV */
	ck_assert_int_eq(fw_tkip_decrypt(ptk.tk, ptk.tk_len, mpdu, 24 + 8 + 11, 24, out, &n),
			 FW_EINVAL);
	fw_ptk_wipe(&ptk);
}
END_TEST

Suite *tkip_suite(void)
{
	Suite *s = suite_create("tkip");
	TCase *tc = tcase_create("tkip");

	tcase_add_test(tc, test_real_tkip);
	tcase_add_test(tc, test_tkip_rejects);
	suite_add_tcase(s, tc);
	return s;
}
