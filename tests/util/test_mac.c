#include <check.h>
#include <stdint.h>

#include "suites.h"
#include "util/err.h"
#include "util/hex.h"
#include "util/mac.h"

START_TEST(test_mac_roundtrip)
{
	uint8_t m[6];
	char buf[FW_MAC_STRLEN];

	ck_assert_int_eq(fw_mac_parse(m, "00:0C:41:82:b2:55"), 0);
	ck_assert_str_eq(fw_mac_fmt(buf, m), "00:0c:41:82:b2:55");
	ck_assert_int_eq(fw_mac_parse(m, "000d9382363a"), 0);
	ck_assert_str_eq(fw_mac_fmt(buf, m), "00:0d:93:82:36:3a");
	ck_assert_int_eq(fw_mac_parse(m, "00-0d-93-82-36-3b"), 0);
	ck_assert_uint_eq(m[5], 0x3b);
	ck_assert_int_eq(fw_mac_parse(m, "00:0d:93:82:36"), FW_EINVAL);
	ck_assert_int_eq(fw_mac_parse(m, "00:0d:93:82:36:zz"), FW_EINVAL);
	ck_assert_int_eq(fw_mac_parse(m, "00;0d:93:82:36:3a"), FW_EINVAL);
}
END_TEST

START_TEST(test_mac_predicates)
{
	static const uint8_t bc[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t a[6] = { 0x00, 0x0c, 0x41, 0x82, 0xb2, 0x55 };
	static const uint8_t b[6] = { 0x00, 0x0d, 0x93, 0x82, 0x36, 0x3a };
	static const uint8_t z[6] = { 0 };

	ck_assert(fw_mac_is_group(bc));
	ck_assert(!fw_mac_is_group(a));
	ck_assert(fw_mac_is_zero(z));
	ck_assert(!fw_mac_is_zero(a));
	ck_assert(fw_mac_cmp(a, b) < 0);
	ck_assert(fw_mac_eq(a, a));
}
END_TEST

START_TEST(test_hex)
{
	uint8_t out[4];
	char txt[9];

	ck_assert_int_eq(fw_hex_decode(out, sizeof(out), "DEADbeef"), 4);
	ck_assert_str_eq(fw_hex_encode(txt, out, 4), "deadbeef");
	ck_assert_int_eq(fw_hex_decode(out, sizeof(out), "abc"), FW_EINVAL);
	ck_assert_int_eq(fw_hex_decode(out, sizeof(out), "0011223344"), FW_ERANGE);
	ck_assert_int_eq(fw_hex_decode(out, sizeof(out), "zz"), FW_EINVAL);
	ck_assert_str_eq(fw_strerror(FW_ETRUNC), "truncated");
}
END_TEST

Suite *mac_suite(void)
{
	Suite *s = suite_create("mac");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_mac_roundtrip);
	tcase_add_test(tc, test_mac_predicates);
	tcase_add_test(tc, test_hex);
	suite_add_tcase(s, tc);
	return s;
}
