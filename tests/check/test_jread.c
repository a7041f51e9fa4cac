/*
 * test_jread.c - the bounded JSON reader: the values and escapes of
 * RFC 8259 (its section 13 examples among them), the documents it must
 * refuse, with the place named, and its limits.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/jread.h"
#include "suites.h"
#include "util/err.h"

static struct fw_jr_doc *ok(const char *text)
{
	struct fw_jr_doc *d;
	char err[200];

	ck_assert_msg(fw_jr_parse(&d, text, strlen(text), err, sizeof(err)) == 0, "%s: %s", text, err);
	return d;
}

static void refused(const char *text, size_t len, int rc, const char *want)
{
	struct fw_jr_doc *d = (struct fw_jr_doc *)1;
	char err[200];

	ck_assert_int_eq(fw_jr_parse(&d, text, len, err, sizeof(err)), rc);
	ck_assert_ptr_null(d);
	ck_assert_str_eq(err, want);
}

/* RFC 8259 section 13, the first example (shortened) */
START_TEST(rfc_example)
{
	struct fw_jr_doc *d = ok(
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
	const struct fw_jr_node *img = fw_jr_member(fw_jr_root(d), "Image"), *ids, *n;
	uint64_t v;

	ck_assert_ptr_nonnull(img);
	ck_assert_int_eq(img->type, FW_JR_OBJECT);
	ck_assert_uint_eq(img->n, 6);
	ck_assert_int_eq(fw_jr_uint(fw_jr_member(img, "Height"), &v), 0);
	ck_assert_uint_eq(v, 600);
	ck_assert_str_eq(fw_jr_string(fw_jr_member(img, "Title")), "View from 15th Floor");
	ck_assert_str_eq(fw_jr_string(fw_jr_member(fw_jr_member(img, "Thumbnail"), "Url")),
			 "http://www.example.com/image/481989943");
	ck_assert_int_eq(fw_jr_member(img, "Animated")->type, FW_JR_FALSE);
	ids = fw_jr_member(img, "IDs");
	ck_assert_uint_eq(ids->n, 4);
	n = ids->child->next->next->next;
	ck_assert_int_eq(fw_jr_uint(n, &v), 0);
	ck_assert_uint_eq(v, 38793);
	ck_assert_ptr_null(n->next);
	ck_assert_ptr_null(fw_jr_member(img, "Missing"));
	ck_assert_ptr_null(fw_jr_member(ids, "Width"));	/* not an object */
	fw_jr_free(d);
}
END_TEST

START_TEST(scalars_and_numbers)
{
	struct fw_jr_doc *d = ok(" [null, true, false, 0, -0, 12.5e-3, 1E+2, 18446744073709551615,"
				 " 18446744073709551616, -1, 1.0, \"\"] ");
	const struct fw_jr_node *a = fw_jr_root(d), *n = a->child;
	static const enum fw_jr_type types[] = {
		FW_JR_NULL, FW_JR_TRUE, FW_JR_FALSE, FW_JR_NUMBER, FW_JR_NUMBER, FW_JR_NUMBER,
		FW_JR_NUMBER, FW_JR_NUMBER, FW_JR_NUMBER, FW_JR_NUMBER, FW_JR_NUMBER, FW_JR_STRING,
	};
	uint64_t v;

	ck_assert_uint_eq(a->n, 12);
	for (size_t i = 0; i < 12; i++, n = n->next)
		ck_assert_int_eq(n->type, types[i]);
	n = a->child->next->next->next;	/* 0 */
	ck_assert_int_eq(fw_jr_uint(n, &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(fw_jr_uint(n->next, &v), FW_EINVAL);	/* -0 */
	ck_assert_str_eq(n->next->next->str, "12.5e-3");
	ck_assert_int_eq(fw_jr_uint(n->next->next, &v), FW_EINVAL);
	n = n->next->next->next->next;
	ck_assert_int_eq(fw_jr_uint(n, &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(fw_jr_uint(n->next, &v), FW_EINVAL);	/* 2^64 */
	ck_assert_str_eq(fw_jr_string(a->child->next->next->next->next->next->next->next->next->next
				      ->next->next), "");
	ck_assert_ptr_null(fw_jr_string(a->child));
	fw_jr_free(d);
}
END_TEST

START_TEST(escapes)
{
	/* G clef U+1D11E as a surrogate pair (RFC 8259 section 7), and every short escape */
	struct fw_jr_doc *d = ok("{\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20ac\\ud834\\udd1e\","
				 "\"raw\":\"caf\xc3\xa9\"}");
	const struct fw_jr_node *s = fw_jr_member(fw_jr_root(d), "s");

	ck_assert_str_eq(s->str, "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9d\x84\x9e");
	ck_assert_uint_eq(s->len, strlen(s->str));
	ck_assert_str_eq(fw_jr_string(fw_jr_member(fw_jr_root(d), "raw")), "caf\xc3\xa9");
	fw_jr_free(d);
}
END_TEST

START_TEST(refusals)
{
	refused("", 0, FW_EMALFORMED, "line 1 column 1: unexpected end of text");
	refused("[1,]", 4, FW_EMALFORMED, "line 1 column 4: unexpected character");
	refused("{\"a\":1,}", 8, FW_EMALFORMED, "line 1 column 8: expected a member name");
	refused("{\"a\" 1}", 7, FW_EMALFORMED, "line 1 column 6: expected ':'");
	refused("[1\n 2]", 6, FW_EMALFORMED, "line 2 column 2: expected ',' or ']'");
	refused("01", 2, FW_EMALFORMED, "line 1 column 2: text after the value");
	refused("[-]", 3, FW_EMALFORMED, "line 1 column 3: bad number");
	refused("[1.]", 4, FW_EMALFORMED, "line 1 column 4: bad number");
	refused("tru", 3, FW_EMALFORMED, "line 1 column 1: unexpected character");
	refused("\"abc", 4, FW_EMALFORMED, "line 1 column 5: unterminated string");
	refused("\"a\tb\"", 5, FW_EMALFORMED, "line 1 column 3: control character in a string");
	refused("\"\\x\"", 4, FW_EMALFORMED, "line 1 column 3: unknown escape");
	refused("\"\\u12g4\"", 8, FW_EMALFORMED, "line 1 column 6: bad \\u escape");
	refused("\"\\udd1e\"", 8, FW_EMALFORMED, "line 1 column 8: lone low surrogate");
	refused("\"\\ud834x\"", 9, FW_EMALFORMED,
		"line 1 column 8: high surrogate without its low half");
	refused("\"\\u0000\"", 8, FW_EMALFORMED, "line 1 column 8: \\u0000 in a string");
	refused("\"\xc0\xaf\"", 4, FW_EMALFORMED, "line 1 column 2: string is not UTF-8");
	refused("[1] [2]", 7, FW_EMALFORMED, "line 1 column 5: text after the value");
	refused("[1]\0", 4, FW_EMALFORMED, "line 1 column 4: text after the value");
}
END_TEST

START_TEST(depth_limit)
{
	char deep[2 * (FW_JR_MAX_DEPTH + 2) + 1];
	struct fw_jr_doc *d;
	char err[200];
	size_t n = FW_JR_MAX_DEPTH + 1;	/* levels 0..64: one too many */

	memset(deep, '[', n);
	memset(deep + n, ']', n);
	ck_assert_int_eq(fw_jr_parse(&d, deep, 2 * n, err, sizeof(err)), FW_ERANGE);
	ck_assert_str_eq(err, "line 1 column 65: nested too deeply");
	n = FW_JR_MAX_DEPTH;	/* exactly the limit */
	ck_assert_int_eq(fw_jr_parse(&d, deep + 1, 2 * n, err, sizeof(err)), 0);
	fw_jr_free(d);
}
END_TEST

Suite *jread_suite(void)
{
	Suite *s = suite_create("jread");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, rfc_example);
	tcase_add_test(tc, scalars_and_numbers);
	tcase_add_test(tc, escapes);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, depth_limit);
	suite_add_tcase(s, tc);
	return s;
}
