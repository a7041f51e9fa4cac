/*
 * test_utf8.c - RFC 3629 well-formedness (with the examples of its section
 * 7 and the boundary cases of section 4), and the test JSON checker itself
 * against documents RFC 8259 accepts and rejects.
 */
#include <check.h>
#include <string.h>

#include "jcheck.h"
#include "output/utf8.h"
#include "suites.h"

static bool ok(const char *s)
{
	return fw_utf8_valid((const uint8_t *)s, strlen(s));
}

START_TEST(utf8_rfc3629_examples)
{
	uint32_t cp;

	/* RFC 3629 section 7: "A<NOT IDENTICAL TO><ALPHA>.", Korean, Japanese, BOM + Chinese */
	ck_assert(ok("\x41\xE2\x89\xA2\xCE\x91\x2E"));
	ck_assert(ok("\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4"));
	ck_assert(ok("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"));
	ck_assert(ok("\xEF\xBB\xBF\xF0\xA3\x8E\xB4"));
	ck_assert_uint_eq(fw_utf8_seq((const uint8_t *)"\xF0\xA3\x8E\xB4", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x233B4);
	ck_assert_uint_eq(fw_utf8_seq((const uint8_t *)"\xE2\x89\xA2", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x2262);
	ck_assert_uint_eq(fw_utf8_seq((const uint8_t *)"\xCE\x91", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0x391);
}
END_TEST

START_TEST(utf8_ill_formed)
{
	uint32_t cp;

	ck_assert(!ok("\xC0\xAF"));		/* overlong '/' */
	ck_assert(!ok("\xE0\x80\xAF"));		/* overlong, 3 bytes */
	ck_assert(!ok("\xF0\x80\x80\xAF"));	/* overlong, 4 bytes */
	ck_assert(!ok("\xED\xA0\x80"));		/* surrogate U+D800 */
	ck_assert(!ok("\xF4\x90\x80\x80"));	/* U+110000 */
	ck_assert(!ok("\xF5\x80\x80\x80"));
	ck_assert(!ok("\xFF"));
	ck_assert(!ok("\x80"));			/* lone continuation */
	ck_assert(!ok("\xE2\x89"));		/* truncated */
	ck_assert(!ok("a\xC3"));
	ck_assert(ok("\xF4\x8F\xBF\xBF"));	/* U+10FFFF */
	ck_assert(ok("\xED\x9F\xBF"));		/* U+D7FF */
	ck_assert(ok("\xC2\x80"));		/* U+0080 */
	ck_assert(ok(""));
	ck_assert_uint_eq(fw_utf8_seq((const uint8_t *)"x", 0, &cp), 0);
}
END_TEST

START_TEST(jcheck_accepts)
{
	char err[128], out[64];

	ck_assert(jc_valid("{}", err, sizeof(err)));
	ck_assert(jc_valid(" [1, -0.5, 2e10, 1E-3, true, false, null, \"\"] \n", err, sizeof(err)));
	ck_assert(jc_valid("{\"a\":{\"b\":[1,{\"c\":\"\\ud83d\\ude00\\u00e9\\/\"}]}}", err, sizeof(err)));
	ck_assert(jc_valid("\"\xE6\x97\xA5\"", err, sizeof(err)));
	ck_assert(jc_get("{\"a\":{\"b\":[1,{\"c\":\"x\"}]}}", "a.b[1].c", out, sizeof(out)));
	ck_assert_str_eq(out, "\"x\"");
	ck_assert(jc_get("{\"a\":{\"b\":[1,{\"c\":\"x\"}]}}", "a.b[0]", out, sizeof(out)));
	ck_assert_str_eq(out, "1");
	ck_assert(jc_get("{\"ab\":1,\"a\":[]}", "a", out, sizeof(out)));
	ck_assert_str_eq(out, "[]");
	ck_assert(!jc_get("{\"a\":1}", "b", out, sizeof(out)));
	ck_assert(!jc_get("{\"a\":[1]}", "a[1]", out, sizeof(out)));
}
END_TEST

START_TEST(jcheck_rejects)
{
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", ".5", "-", "+1", "1e",
		"\"a\nb\"", "\"\\x41\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
		"\"\xFF\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "tru", "nul", "{} {}", "[1 2]",
		"{\"a\" 1}", "'a'", "\"abc",
	};
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!jc_valid(bad[i], err, sizeof(err)), "accepted: %s", bad[i]);
}
END_TEST

Suite *utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");

	tcase_add_test(tc, utf8_rfc3629_examples);
	tcase_add_test(tc, utf8_ill_formed);
	tcase_add_test(tc, jcheck_accepts);
	tcase_add_test(tc, jcheck_rejects);
	suite_add_tcase(s, tc);
	return s;
}
