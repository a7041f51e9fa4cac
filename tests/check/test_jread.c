/*
 * test_jread.c - the bounded JSON reader (json-c within limits): the
 * values and escapes of RFC 8259 (its section 13 examples among them), the
 * documents it must refuse, with the place named, its limits, and what
 * json-c reads otherwise than the RFC's grammar, which nothing may take
 * for a frame number.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/jread.h"
#include "suites.h"
#include "util/err.h"

static struct json_object *ok(const char *text)
{
	struct json_object *d;
	char err[200];

	ck_assert_msg(fw_jr_parse(&d, text, strlen(text), err, sizeof(err)) == 0, "%s: %s", text, err);
	return d;
}

static void refused(const char *text, size_t len, int rc, const char *want)
{
	struct json_object *d = (struct json_object *)1;
	char err[200];

	ck_assert_int_eq(fw_jr_parse(&d, text, len, err, sizeof(err)), rc);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(err, want);
}

/* RFC 8259 section 13, the first example (shortened) */
START_TEST(rfc_example)
{
	struct json_object *d = ok(
		"{\n"
		"  \"Image\": {\n"
		"    \"Width\":  800,\n"
		"    \"Height\": 600,\n"
		"    \"Title\":  \"View from 15th Floor\",\n"
		"    \"Thumbnail\": { \"Url\": \"http://www.example.com/image/481989943\", \"Width\": 100 },\n"
		"    \"Animated\" : false,\n"
		"    \"IDs\": [116, 943, 234, 38793]\n"
		"  }\n"
		"}");
	struct json_object *img = fw_jr_member(d, "Image"), *ids, *n;
	uint64_t v;

	ck_assert_ptr_nonnull(img);
	ck_assert(json_object_is_type(img, json_type_object));
	ck_assert_int_eq(json_object_object_length(img), 6);
	ck_assert_int_eq(fw_jr_uint(fw_jr_member(img, "Height"), &v), 0);
	ck_assert_uint_eq(v, 600);
	ck_assert_str_eq(fw_jr_string(fw_jr_member(img, "Title")), "View from 15th Floor");
	ck_assert_str_eq(fw_jr_string(fw_jr_member(fw_jr_member(img, "Thumbnail"), "Url")),
			 "http://www.example.com/image/481989943");
	ck_assert(json_object_is_type(fw_jr_member(img, "Animated"), json_type_boolean));
	ck_assert(!json_object_get_boolean(fw_jr_member(img, "Animated")));
	ids = fw_jr_member(img, "IDs");
	ck_assert_uint_eq(fw_jr_length(ids), 4);
	n = fw_jr_at(ids, 3);
	ck_assert_int_eq(fw_jr_uint(n, &v), 0);
	ck_assert_uint_eq(v, 38793);
	ck_assert_ptr_null(fw_jr_at(ids, 4));
	ck_assert_ptr_null(fw_jr_at(img, 0));	/* not an array */
	ck_assert_uint_eq(fw_jr_length(img), 0);
	ck_assert_ptr_null(fw_jr_member(img, "Missing"));
	ck_assert_ptr_null(fw_jr_member(ids, "Width"));	/* not an object */
	json_object_put(d);
}
END_TEST

START_TEST(scalars_and_numbers)
{
	struct json_object *d = ok(" [null, true, false, 0, -0, 12.5e-3, 1E+2, 18446744073709551614,"
				   " 18446744073709551615, -1, 1.0, \"\", 9223372036854775808] ");
	static const enum json_type types[] = {
		json_type_null, json_type_boolean, json_type_boolean, json_type_int, json_type_int,
		json_type_double, json_type_double, json_type_int, json_type_int, json_type_int,
		json_type_double, json_type_string, json_type_int,
	};
	uint64_t v;

	ck_assert_uint_eq(fw_jr_length(d), 13);
	for (size_t i = 0; i < 13; i++)
		ck_assert_int_eq(json_object_get_type(fw_jr_at(d, i)), types[i]);
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 3), &v), 0);
	ck_assert_uint_eq(v, 0);
	/* json-c keeps no sign on an integer zero: -0 is 0 */
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 4), &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 5), &v), FW_EINVAL);	/* 12.5e-3 */
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 7), &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX - 1);
	/* 2^64 - 1 is where json-c puts every larger integer: refused */
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 8), &v), FW_EINVAL);
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 9), &v), FW_EINVAL);	/* -1 */
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 10), &v), FW_EINVAL);	/* 1.0 */
	ck_assert_str_eq(fw_jr_string(fw_jr_at(d, 11)), "");
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 12), &v), 0);	/* 2^63: past int64 */
	ck_assert_uint_eq(v, 1ull << 63);
	ck_assert_ptr_null(fw_jr_string(fw_jr_at(d, 0)));
	ck_assert_ptr_null(fw_jr_string(fw_jr_at(d, 3)));
	json_object_put(d);
}
END_TEST

/* Integers of any length, and what json-c takes for numbers beyond the grammar. */
START_TEST(huge_and_lax_numbers)
{
	struct json_object *d = ok("[18446744073709551616, 123456789012345678901234567890, 1e999,"
				   " -99999999999999999999, NaN, Infinity, -Infinity, 1., 00]");
	uint64_t v = 7;

	ck_assert_uint_eq(fw_jr_length(d), 9);
	for (size_t i = 0; i < 8; i++)
		ck_assert_msg(fw_jr_uint(fw_jr_at(d, i), &v) == FW_EINVAL, "element %zu", i);
	ck_assert_uint_eq(v, 7);
	/* "00" is read as 0: harmless, a number all the same */
	ck_assert_int_eq(fw_jr_uint(fw_jr_at(d, 8), &v), 0);
	ck_assert_uint_eq(v, 0);
	json_object_put(d);
}
END_TEST

START_TEST(escapes)
{
	/* G clef U+1D11E as a surrogate pair (RFC 8259 section 7), and every short escape */
	struct json_object *d = ok("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20ac\\ud834\\udd1e\","
				   "\"raw\":\"caf\xc3\xa9\",\"lone\":\"x\\udd1ey\",\"dup\":1,\"dup\":2,"
				   "\"tab\":\"a\tb\"}");
	struct json_object *s = fw_jr_member(d, "s");
	uint64_t v;

	ck_assert_str_eq(fw_jr_string(s), "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e");
	ck_assert_int_eq(json_object_get_string_len(s), strlen(fw_jr_string(s)));
	ck_assert_str_eq(fw_jr_string(fw_jr_member(d, "raw")), "caf\xc3\xa9");
	/* json-c makes a lone surrogate U+FFFD: the string stays UTF-8 */
	ck_assert_str_eq(fw_jr_string(fw_jr_member(d, "lone")), "x\xef\xbf\xbdy");
	/* json-c keeps a raw control character (RFC 8259 wants it escaped) */
	ck_assert_str_eq(fw_jr_string(fw_jr_member(d, "tab")), "a\tb");
	/* of duplicate names json-c keeps the last */
	ck_assert_int_eq(fw_jr_uint(fw_jr_member(d, "dup"), &v), 0);
	ck_assert_uint_eq(v, 2);
	json_object_put(d);
}
END_TEST

START_TEST(refusals)
{
	refused("", 0, FW_EMALFORMED, "line 1 column 1: unexpected end of text");
	refused("  \n ", 4, FW_EMALFORMED, "line 2 column 2: unexpected end of text");
	refused("[1,]", 4, FW_EMALFORMED, "line 1 column 4: unexpected character");
	refused("{\"a\":1,}", 8, FW_EMALFORMED, "line 1 column 8: unexpected character");
	refused("{\"a\" 1}", 7, FW_EMALFORMED, "line 1 column 6: expected ':'");
	refused("{1:2}", 5, FW_EMALFORMED, "line 1 column 2: expected a member name");
	refused("{\"a\":1 \"b\":2}", 13, FW_EMALFORMED, "line 1 column 8: expected ',' or '}'");
	refused("[1\n 2]", 6, FW_EMALFORMED, "line 2 column 2: expected ',' or ']'");
	refused("01", 2, FW_EMALFORMED, "line 1 column 3: bad number");
	refused("[-]", 3, FW_EMALFORMED, "line 1 column 3: bad number");
	refused("[0x10]", 6, FW_EMALFORMED, "line 1 column 3: bad number");
	refused("[+1]", 4, FW_EMALFORMED, "line 1 column 2: unexpected character");
	refused("[nan]", 5, FW_EMALFORMED, "line 1 column 3: expected null");
	refused("[True]", 6, FW_EMALFORMED, "line 1 column 2: expected true or false");
	refused("['a']", 5, FW_EMALFORMED, "line 1 column 2: unexpected character");
	refused("// c\n[1]", 8, FW_EMALFORMED, "line 1 column 1: unexpected character");
	refused("\"\\x\"", 4, FW_EMALFORMED, "line 1 column 3: bad escape");
	refused("\"\\u12g4\"", 8, FW_EMALFORMED, "line 1 column 6: bad escape");
	refused("\"\\u0000\"", 8, FW_EMALFORMED, "line 1 column 2: \\u0000 in a string");
	refused("{\"k\\u0000x\":1}", 14, FW_EMALFORMED, "line 1 column 4: \\u0000 in a string");
	refused("[1] [2]", 7, FW_EMALFORMED, "line 1 column 5: unexpected character");
	refused("[1]\0", 4, FW_EMALFORMED, "line 1 column 4: text after the value");
}
END_TEST

/* Cut anywhere, a document is refused at its end (or where the cut makes it wrong). */
START_TEST(truncated)
{
	static const char doc[] = "{\"links\":[{\"bssid\":\"02:00:00:00:00:00\",\"n\":[1,-2.5e3,true,"
				  "null,\"\\u00e9\\ud834\\udd1e\"]}],\"findings\":[]}";
	char want[64];

	refused("\"abc", 4, FW_EMALFORMED, "line 1 column 5: unexpected end of text");
	refused("tru", 3, FW_EMALFORMED, "line 1 column 4: unexpected end of text");
	refused("\"\\u00", 5, FW_EMALFORMED, "line 1 column 6: unexpected end of text");
	refused("[1", 2, FW_EMALFORMED, "line 1 column 3: unexpected end of text");
	for (size_t n = 1; n < sizeof(doc) - 1; n++) {
		struct json_object *d = (struct json_object *)1;
		char err[200];

		ck_assert_msg(fw_jr_parse(&d, doc, n, err, sizeof(err)) == FW_EMALFORMED, "%zu", n);
		ck_assert_ptr_null(d);
		snprintf(want, sizeof(want), "line 1 column %zu: unexpected end of text", n + 1);
		/* a number cut after its "e" or "-" is a bad number; all else ends too soon */
		if (strcmp(err + strlen(err) - 10, "bad number") != 0)
			ck_assert_str_eq(err, want);
	}
	json_object_put(ok(doc));
}
END_TEST

/* RFC 3629: what json-c lets through, the pre-pass refuses, at the byte. */
START_TEST(bad_utf8)
{
	refused("\"\xc0\xaf\"", 4, FW_EMALFORMED, "line 1 column 2: text is not UTF-8");
	refused("[\"a\",\n\"\xed\xa0\x80\"]", 11, FW_EMALFORMED,
		"line 2 column 2: text is not UTF-8");	/* a surrogate, encoded */
	refused("\"\xf4\x90\x80\x80\"", 6, FW_EMALFORMED,
		"line 1 column 2: text is not UTF-8");	/* above U+10FFFF */
	refused("\"ab\xe2\x82\"", 6, FW_EMALFORMED, "line 1 column 4: text is not UTF-8");
	refused("\xef\xbb\xbf[1]", 6, FW_EMALFORMED, "line 1 column 1: unexpected character");
	refused("[1]\x80", 4, FW_EMALFORMED, "line 1 column 4: text is not UTF-8");
	/* a backslash before a non-ASCII byte: no escape, json-c stops at it */
	refused("\"\\\xc3\xa9\"", 5, FW_EMALFORMED, "line 1 column 3: unexpected character");
}
END_TEST

START_TEST(depth_limit)
{
	char deep[2 * (FW_JR_MAX_DEPTH + 2) + 1];
	struct json_object *d;
	char err[200];
	size_t n = FW_JR_MAX_DEPTH + 1;	/* levels 0..64: one too many */

	memset(deep, '[', n);
	memset(deep + n, ']', n);
	ck_assert_int_eq(fw_jr_parse(&d, deep, 2 * n, err, sizeof(err)), FW_ERANGE);
	ck_assert_str_eq(err, "line 1 column 65: nested too deeply");
	n = FW_JR_MAX_DEPTH;	/* exactly the limit */
	ck_assert_int_eq(fw_jr_parse(&d, deep + 1, 2 * n, err, sizeof(err)), 0);
	json_object_put(d);
}
END_TEST

/* The value and container counts, and strings that hold brackets and commas. */
START_TEST(value_limits)
{
	size_t m = FW_JR_MAX_VALUES - 1, n = 2 * m + 3, k;
	char *t = malloc(n), want[80];
	struct json_object *d;
	char err[200];

	ck_assert_ptr_nonnull(t);
	/* [0,0,...,0]: the array and m + 1 zeros, one value too many at the last comma */
	t[0] = '[';
	for (k = 0; k < m; k++)
		memcpy(t + 1 + 2 * k, "0,", 2);
	memcpy(t + 1 + 2 * m, "0]", 2);
	ck_assert_int_eq(fw_jr_parse(&d, t, n, err, sizeof(err)), FW_ERANGE);
	snprintf(want, sizeof(want), "line 1 column %zu: too many values", 2 * m + 1);
	ck_assert_str_eq(err, want);
	/* [[],[],...]: one array more than allowed */
	t[0] = '[';
	for (k = 0; k < FW_JR_MAX_CONTAINERS; k++)
		memcpy(t + 1 + 3 * k, "[],", 3);
	t[3 * k] = ']';
	ck_assert_int_eq(fw_jr_parse(&d, t, 3 * k + 1, err, sizeof(err)), FW_ERANGE);
	snprintf(want, sizeof(want), "line 1 column %zu: too many objects and arrays", 3 * k - 1);
	ck_assert_str_eq(err, want);
	free(t);
	/* brackets, commas and escaped quotes in strings are no values */
	d = ok("[\"[[[,,,{{{\", \"\\\"[,\\\\\", \"\\\\\"]");
	ck_assert_uint_eq(fw_jr_length(d), 3);
	ck_assert_str_eq(fw_jr_string(fw_jr_at(d, 1)), "\"[,\\");
	json_object_put(d);
}
END_TEST

START_TEST(null_document)
{
	struct json_object *d = (struct json_object *)1;
	char err[200];

	/* a document that is null is no error; its tree is JSON null */
	ck_assert_int_eq(fw_jr_parse(&d, "null", 4, err, sizeof(err)), 0);
	ck_assert_ptr_null(d);
	ck_assert_ptr_null(fw_jr_member(d, "links"));
}
END_TEST

Suite *jread_suite(void)
{
	Suite *s = suite_create("jread");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, rfc_example);
	tcase_add_test(tc, scalars_and_numbers);
	tcase_add_test(tc, huge_and_lax_numbers);
	tcase_add_test(tc, escapes);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, bad_utf8);
	tcase_add_test(tc, depth_limit);
	tcase_add_test(tc, value_limits);
	tcase_add_test(tc, null_document);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
