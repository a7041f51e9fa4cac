/*
 * test_writers.c - the reports of `fourway check`: the text line and the
 * summary, TAP 13 (plan, ok/not ok, '#' escaped in descriptions, the YAML
 * block), JUnit XML (counts, one testcase a result, escaping, bytes that
 * are not UTF-8), and the worker-to-parent result lines.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE		/* open_memstream */
#endif
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/checkout.h"
#include "suites.h"
#include "util/err.h"

struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static FILE *mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	ck_assert_ptr_nonnull(m->f);
	return m->f;
}

static char *mem_close(struct mem *m)
{
	fclose(m->f);
	return m->buf;
}

/* Three results: a pass, a failure and an unreadable input. */
static void three(struct fw_check_result r[3])
{
	ck_assert_int_eq(fw_check_result_init(&r[0], "caps/wpa2-psk.pcap"), 0);
	fw_check_set_summary(&r[0], "1 of 1 handshake complete, 0 findings; judged by x.expect");
	r[0].elapsed_ns = 3456789;
	ck_assert_int_eq(fw_check_result_init(&r[1], "caps/#1 <wrong> & \"psk\".pcap"), 0);
	fw_check_fail(&r[1], "x.expect:2: expect TIMEOUT at 84: not found");
	fw_check_fail(&r[1], "x.expect:3: forbid others: found unexpected TIMEOUT");
	r[1].findings = calloc(1, sizeof(char *));
	r[1].findings[0] = strdup("TIMEOUT error a>b frames 71,83: the \"deauth\" \\ reason 15");
	r[1].n_findings = 1;
	r[1].elapsed_ns = 1200000000;
	ck_assert_int_eq(fw_check_result_init(&r[2], "caps/bad\xff.pcap"), 0);
	fw_check_error(&r[2], "caps/bad\xff.pcap: unknown file format");
}

static void free3(struct fw_check_result r[3])
{
	for (int i = 0; i < 3; i++)
		fw_check_result_fini(&r[i]);
}

/* The three results as text lines (tap false) or TAP, the way the command streams them. */
static char *render(bool tap)
{
	struct fw_check_result r[3];
	struct fw_check_counts c = { 0 };
	struct mem m;

	three(r);
	mem_open(&m);
	if (tap)
		fw_tap_begin(m.f, 3);
	for (int i = 0; i < 3; i++) {
		fw_check_count(&c, &r[i]);
		if (tap)
			fw_tap_write(m.f, (size_t)i + 1, &r[i]);
		else
			fw_check_write_line(m.f, &r[i]);
	}
	if (tap)
		fw_tap_end(m.f, &c);
	else
		fw_check_write_summary(m.f, &c);
	free3(r);
	return mem_close(&m);
}

START_TEST(text_lines)
{
	char *out = render(false);

	ck_assert_str_eq(out,
		"PASS caps/wpa2-psk.pcap: 1 of 1 handshake complete, 0 findings; judged by x.expect\n"
		"FAIL caps/#1 <wrong> & \"psk\".pcap:\n"
		"  x.expect:2: expect TIMEOUT at 84: not found\n"
		"  x.expect:3: forbid others: found unexpected TIMEOUT\n"
		"ERROR caps/bad\\xff.pcap: unknown file format\n"
		"3 captures: 1 passed, 1 failed, 1 unreadable\n");
	free(out);
}
END_TEST

START_TEST(tap)
{
	char *out = render(true);

	ck_assert_str_eq(out,
		"TAP version 13\n"
		"1..3\n"
		"ok 1 - caps/wpa2-psk.pcap\n"
		"# 1 of 1 handshake complete, 0 findings; judged by x.expect\n"
		"not ok 2 - caps/\\#1 <wrong> & \"psk\".pcap\n"
		"  ---\n"
		"  message: \"x.expect:2: expect TIMEOUT at 84: not found\"\n"
		"  severity: fail\n"
		"  reasons:\n"
		"    - \"x.expect:2: expect TIMEOUT at 84: not found\"\n"
		"    - \"x.expect:3: forbid others: found unexpected TIMEOUT\"\n"
		"  findings:\n"
		"    - \"TIMEOUT error a>b frames 71,83: the \\\"deauth\\\" \\\\ reason 15\"\n"
		"  ...\n"
		"not ok 3 - caps/bad\\xff.pcap\n"
		"  ---\n"
		"  message: \"caps/bad\\xff.pcap: unknown file format\"\n"
		"  severity: error\n"
		"  reasons:\n"
		"    - \"caps/bad\\xff.pcap: unknown file format\"\n"
		"  ...\n"
		"# 3 captures: 1 passed, 1 failed, 1 unreadable\n");
	free(out);
}
END_TEST

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

START_TEST(junit)
{
	struct fw_check_result r[3];
	const struct fw_check_result *rs[3] = { &r[0], &r[1], &r[2] };
	struct mem m;
	char *out;

	three(r);
	mem_open(&m);
	ck_assert_int_eq(fw_junit_write(m.f, rs, 3), 0);
	out = mem_close(&m);
	ck_assert(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
	ck_assert_ptr_nonnull(strstr(out, "<testsuites name=\"fourway check\" tests=\"3\" failures=\"1\" "
				     "errors=\"1\" time=\"1.203\">"));
	ck_assert_ptr_nonnull(strstr(out, "<testsuite name=\"fourway check\" tests=\"3\" failures=\"1\" "
				     "errors=\"1\" skipped=\"0\" time=\"1.203\">"));
	ck_assert_uint_eq(count(out, "<testcase "), 3);
	ck_assert_uint_eq(count(out, "</testcase>"), 3);
	ck_assert_ptr_nonnull(strstr(out, "<testcase classname=\"fourway check\" "
				     "name=\"caps/wpa2-psk.pcap\" time=\"0.003\">"));
	ck_assert_ptr_nonnull(strstr(out, "name=\"caps/#1 &lt;wrong&gt; &amp; &quot;psk&quot;.pcap\" "
				     "time=\"1.200\">"));
	ck_assert_ptr_nonnull(strstr(out, "<failure type=\"expectations\" message=\"x.expect:2: expect "
				     "TIMEOUT at 84: not found\">x.expect:2: expect TIMEOUT at 84: "
				     "not found\nx.expect:3: forbid others: found unexpected TIMEOUT\n"
				     "findings:\n  TIMEOUT error a&gt;b frames 71,83: the &quot;deauth"
				     "&quot; \\ reason 15\n</failure>"));
	/* the byte that is not UTF-8 becomes U+FFFD */
	ck_assert_ptr_nonnull(strstr(out, "name=\"caps/bad\xef\xbf\xbd.pcap\""));
	ck_assert_ptr_nonnull(strstr(out, "<error type=\"unreadable\" message=\"caps/bad\xef\xbf\xbd.pcap: "
				     "unknown file format\">"));
	ck_assert_ptr_null(strchr(out, '\xff'));
	{
		static const char end[] = "  </testsuite>\n</testsuites>\n";

		ck_assert_str_eq(out + strlen(out) - (sizeof(end) - 1), end);
	}
	free(out);
	free3(r);
}
END_TEST

START_TEST(result_lines_round_trip)
{
	struct fw_check_result r[3], back;
	struct mem m;
	char *out;

	three(r);
	for (int i = 0; i < 3; i++) {
		mem_open(&m);
		ck_assert_int_eq(fw_check_result_write(m.f, &r[i]), 0);
		out = mem_close(&m);
		ck_assert_int_eq(fw_check_result_init(&back, "placeholder"), 0);
		ck_assert_int_eq(fw_check_result_read(&back, out, strlen(out)), 0);
		ck_assert_str_eq(back.path, r[i].path);
		ck_assert_int_eq(back.status, r[i].status);
		ck_assert_int_eq(back.elapsed_ns, r[i].elapsed_ns);
		ck_assert_uint_eq(back.n_reasons, r[i].n_reasons);
		for (size_t k = 0; k < back.n_reasons; k++)
			ck_assert_str_eq(back.reasons[k], r[i].reasons[k]);
		ck_assert_uint_eq(back.n_findings, r[i].n_findings);
		for (size_t k = 0; k < back.n_findings; k++)
			ck_assert_str_eq(back.findings[k], r[i].findings[k]);
		if (r[i].summary)
			ck_assert_str_eq(back.summary, r[i].summary);
		else
			ck_assert_ptr_null(back.summary);
		/* cut short: no final "." line, so no verdict */
		fw_check_result_fini(&back);
		ck_assert_int_eq(fw_check_result_init(&back, "x"), 0);
		ck_assert_int_eq(fw_check_result_read(&back, out, strlen(out) - 2), FW_EMALFORMED);
		fw_check_result_fini(&back);
		free(out);
	}
	ck_assert_int_eq(fw_check_result_init(&back, "x"), 0);
	ck_assert_int_eq(fw_check_result_read(&back, "S maybe\n.\n", 10), FW_EMALFORMED);
	ck_assert_int_eq(fw_check_result_read(&back, "Q what\n.\n", 9), FW_EMALFORMED);
	fw_check_result_fini(&back);
	free3(r);
}
END_TEST

START_TEST(caps_lines)
{
	struct fw_check_result r;

	ck_assert_int_eq(fw_check_result_init(&r, "many.pcap"), 0);
	for (int i = 0; i < FW_CHECK_MAX_LINES + 5; i++)
		fw_check_fail(&r, "reason %d", i);
	ck_assert_uint_eq(r.n_reasons, FW_CHECK_MAX_LINES);
	ck_assert_uint_eq(r.dropped, 5);
	fw_check_result_fini(&r);
}
END_TEST

Suite *writers_suite(void)
{
	Suite *s = suite_create("writers");
	TCase *tc = tcase_create("reports");

	tcase_add_test(tc, text_lines);
	tcase_add_test(tc, tap);
	tcase_add_test(tc, junit);
	tcase_add_test(tc, result_lines_round_trip);
	tcase_add_test(tc, caps_lines);
	suite_add_tcase(s, tc);
	return s;
}
