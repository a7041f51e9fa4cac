/*
 * Key Data protection: AES key wrap (RFC 3394 section 4 vectors) and RC4
 * for key descriptor version 1.  No real RC4-protected Key Data is at hand
 * (the WPA1 M3 of wpa-psk-linksys.cap, frame 22, has Key Information 0x01c9:
 * no Encrypted Key Data bit, its WPA IE is in the clear; the group message
 * travels inside TKIP), so RC4 is checked against RFC 6229
 * key-stream vectors: with IV = 01..10 and KEK = 11..20 the RC4 key is
 * 0102..20 (256 bits), and the first output byte is key-stream byte 256.
 */
#include <stdio.h>
#include <string.h>

#include "../common/named.h"
#include "crypto/keywrap.h"
#include "suites.h"
#include "util/err.h"

START_TEST(test_rfc3394_vectors)
{
	static const struct {
		size_t kek_len, kd_len;
		const char *out;
	} v[] = {
		{ 16, 16, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5" },
		{ 24, 16, "96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d" },
		{ 32, 16, "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7" },
		{ 24, 24, "031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2" },
		{ 32, 24, "a8f9bc1612c68b3ff6e6f4fbe30e71e4769c8b80a32cb8958cd5d17d6b254da1" },
		{ 32, 32, "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21" },
	};
	uint8_t kek[32], kd[32], wrapped[40], plain[32], want[40];

	for (size_t i = 0; i < sizeof(kek); i++)
		kek[i] = (uint8_t)i;
	th_hex(kd, 32, "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f");
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char what[64];

		snprintf(what, sizeof(what), "RFC 3394 vector %zu (KEK %zu, key data %zu bytes)", i,
			 v[i].kek_len, v[i].kd_len);
		tc_int_cmp(what, fw_aes_wrap(kek, v[i].kek_len, kd, v[i].kd_len, wrapped), ==, 0);
		th_eq_hex(wrapped, v[i].kd_len + 8, v[i].out);
		th_hex(want, sizeof(want), v[i].out);
		memset(plain, 0, sizeof(plain));
		tc_int_cmp(what, fw_aes_unwrap(kek, v[i].kek_len, want, v[i].kd_len + 8, plain), ==, 0);
		tc_mem_eq(what, plain, kd, v[i].kd_len);
	}
}
END_TEST

START_TEST(test_unwrap_integrity)
{
	uint8_t kek[16], in[24], out[16];

	for (size_t i = 0; i < sizeof(kek); i++)
		kek[i] = (uint8_t)i;
	th_hex(in, 24, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
	for (size_t pos = 0; pos < sizeof(in); pos += 7) {
		char what[32];

		snprintf(what, sizeof(what), "bit flipped at %zu", pos);
		in[pos] ^= 0x04;
		memset(out, 0xee, sizeof(out));
		tc_int_cmp(what, fw_aes_unwrap(kek, 16, in, 24, out), ==, FW_EVERIFY);
		/* nothing of the bogus plaintext is left behind */
		for (size_t i = 0; i < sizeof(out); i++)
			tc_uint_cmp(what, out[i], ==, 0);
		in[pos] ^= 0x04;
	}
	kek[0] ^= 1;
	ck_assert_int_eq(fw_aes_unwrap(kek, 16, in, 24, out), FW_EVERIFY);
	kek[0] ^= 1;
	/* lengths RFC 3394 cannot have */
	ck_assert_int_eq(fw_aes_unwrap(kek, 16, in, 16, out), FW_EINVAL);
	ck_assert_int_eq(fw_aes_unwrap(kek, 16, in, 23, out), FW_EINVAL);
	ck_assert_int_eq(fw_aes_unwrap(kek, 20, in, 24, out), FW_EINVAL);
	ck_assert_int_eq(fw_aes_wrap(kek, 16, in, 12, out), FW_EINVAL);
}
END_TEST

START_TEST(test_rc4_rfc6229)
{
	uint8_t iv[16], kek[16], zero[32] = { 0 }, ks[32], back[32];

	for (size_t i = 0; i < 16; i++) {
		iv[i] = (uint8_t)(1 + i);
		kek[i] = (uint8_t)(17 + i);
	}
	ck_assert_int_eq(fw_rc4_keydata(kek, iv, zero, 16, ks), 0);
	/* RFC 6229, 256-bit key 0x0102..20, offset 256 */
	th_eq_hex(ks, 16, "02e1e7056b0f623900496422943e97b6");
	/* the same operation decrypts */
	ck_assert_int_eq(fw_rc4_keydata(kek, iv, ks, 16, back), 0);
	ck_assert_mem_eq(back, zero, 16);
	ck_assert_int_eq(fw_rc4_keydata(kek, iv, zero, 0, ks), 0);
}
END_TEST

Suite *keywrap_suite(void)
{
	Suite *s = suite_create("keywrap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rfc3394_vectors);
	tcase_add_test(tc, test_unwrap_integrity);
	tcase_add_test(tc, test_rc4_rfc6229);
	suite_add_tcase(s, tc);
	return s;
}
