#include <check.h>
#include <stdint.h>

#include "suites.h"
#include "util/cursor.h"

START_TEST(test_reads_and_bounds)
{
	static const uint8_t b[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09 };
	struct fw_cursor c;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	fw_cur_init(&c, b, sizeof(b));
	ck_assert(fw_cur_u8(&c, &u8));
	ck_assert_uint_eq(u8, 0x01);
	ck_assert(fw_cur_u16le(&c, &u16));
	ck_assert_uint_eq(u16, 0x0302);
	ck_assert(fw_cur_u16be(&c, &u16));
	ck_assert_uint_eq(u16, 0x0405);
	ck_assert_uint_eq(fw_cur_offset(&c), 5);
	/* 4 bytes left: a u64 must fail and leave the cursor untouched */
	ck_assert(!fw_cur_u64be(&c, &u64));
	ck_assert_uint_eq(fw_cur_left(&c), 4);
	ck_assert(fw_cur_u32be(&c, &u32));
	ck_assert_uint_eq(u32, 0x06070809);
	ck_assert(!fw_cur_u8(&c, &u8));
}
END_TEST

START_TEST(test_le64_be64)
{
	static const uint8_t b[] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct fw_cursor c;
	uint64_t v;

	fw_cur_init(&c, b, 8);
	ck_assert(fw_cur_u64le(&c, &v));
	ck_assert(v == 0x0807060504030201ULL);
	fw_cur_init(&c, b, 8);
	ck_assert(fw_cur_u64be(&c, &v));
	ck_assert(v == 0x0102030405060708ULL);
	fw_cur_init(&c, b, 4);
	uint32_t w;
	ck_assert(fw_cur_u32le(&c, &w));
	ck_assert_uint_eq(w, 0x04030201);
}
END_TEST

START_TEST(test_sub_and_align)
{
	static const uint8_t b[] = { 0xaa, 0, 0, 0, 0x11, 0x22, 0x33 };
	struct fw_cursor c, sub;
	uint8_t u8;

	fw_cur_init(&c, b, sizeof(b));
	ck_assert(fw_cur_u8(&c, &u8));
	ck_assert(fw_cur_align(&c, 4));
	ck_assert_uint_eq(fw_cur_offset(&c), 4);
	ck_assert(!fw_cur_sub(&c, &sub, 4));
	ck_assert(fw_cur_sub(&c, &sub, 2));
	ck_assert_uint_eq(fw_cur_left(&sub), 2);
	ck_assert_uint_eq(fw_cur_offset(&sub), 4);
	ck_assert(fw_cur_u8(&sub, &u8));
	ck_assert_uint_eq(u8, 0x11);
	ck_assert(fw_cur_u8(&c, &u8));
	ck_assert_uint_eq(u8, 0x33);
	/* aligning past the end fails */
	fw_cur_init(&c, b, 3);
	ck_assert(fw_cur_skip(&c, 1));
	ck_assert(!fw_cur_align(&c, 8));
	ck_assert_uint_eq(fw_cur_offset(&c), 1);
}
END_TEST

START_TEST(test_null_buffer)
{
	struct fw_cursor c;
	uint8_t u8;

	fw_cur_init(&c, NULL, 10);
	ck_assert_uint_eq(fw_cur_left(&c), 0);
	ck_assert(!fw_cur_u8(&c, &u8));
	ck_assert(fw_cur_skip(&c, 0));
}
END_TEST

Suite *cursor_suite(void)
{
	Suite *s = suite_create("cursor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_reads_and_bounds);
	tcase_add_test(tc, test_le64_be64);
	tcase_add_test(tc, test_sub_and_align);
	tcase_add_test(tc, test_null_buffer);
	suite_add_tcase(s, tc);
	return s;
}
