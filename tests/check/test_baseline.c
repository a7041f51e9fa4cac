/*
 * test_baseline.c - reading a JSON report of `analyze --json` back and
 * comparing a capture with it: the same capture passes, a worse one
 * (wrong key, dropped msg 4/4) fails with the reasons the baseline rules
 * give, a better one passes; matching by file name; malformed baselines
 * refused with the place named.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE		/* open_memstream */
#endif
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/baseline.h"
#include "output/json.h"
#include "suites.h"
#include "util/err.h"
#include "views.h"

/* The report fourway analyze --json writes for v. */
static char *report(const struct fw_view *v)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fw_json_write(f, v, false), 0);
	fclose(f);
	return buf;
}

static void load(struct fw_baseline *b, const struct fw_view *v)
{
	char *doc = report(v), err[300];

	ck_assert_msg(fw_baseline_parse(b, "base.json", doc, strlen(doc), err, sizeof(err)) == 0,
		      "%s", err);
	free(doc);
}

static void compare(struct fw_check_result *r, const struct fw_baseline *b,
		    const struct fw_view *v)
{
	ck_assert_int_eq(fw_check_result_init(r, v->inputs[0]->path), 0);
	fw_baseline_compare(r, b, v, v->inputs[0]->path);
}

START_TEST(reads_what_analyze_writes)
{
	struct fw_baseline b;
	struct cv x;

	load(&b, cv_m4drop(&x));
	ck_assert_uint_eq(b.n_links, 1);
	ck_assert_str_eq(b.links[0].file, "m4-drop.pcap");	/* the last path component */
	ck_assert_uint_eq(b.links[0].bssid[4], 0x00);
	ck_assert_uint_eq(b.links[0].sta[4], 0x01);
	ck_assert_uint_eq(b.links[0].complete, 1);
	ck_assert_uint_eq(b.links[0].mic_bad, 0);
	ck_assert_uint_eq(b.links[0].n_ok, 10);	/* every M2, M3, M4: 6 in the first handshake, 4 in the second */
	ck_assert_uint_eq(b.links[0].ok[0].frame, 29);
	ck_assert_int_eq(b.links[0].ok[0].type, FW_MSG_M2);
	ck_assert_uint_eq(b.links[0].ok[9].frame, 126);
	ck_assert_int_eq(b.links[0].ok[9].type, FW_MSG_M4);
	ck_assert_uint_eq(b.n_findings, 1);
	ck_assert_int_eq(b.findings[0].code, FW_F_TIMEOUT);
	fw_baseline_fini(&b);
}
END_TEST

START_TEST(same_capture_passes)
{
	struct fw_check_result r;
	struct fw_baseline b;
	struct cv x, y;

	load(&b, cv_clean(&x));
	compare(&r, &b, cv_clean(&y));
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	fw_check_result_fini(&r);
	fw_baseline_fini(&b);
	/* known failures recorded in the baseline are not regressions */
	load(&b, cv_wrong(&x));
	compare(&r, &b, cv_wrong(&y));
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	fw_check_result_fini(&r);
	fw_baseline_fini(&b);
}
END_TEST

START_TEST(wrong_key_is_worse)
{
	struct fw_check_result r;
	struct fw_baseline b;
	struct cv x, y;

	load(&b, cv_clean(&x));
	compare(&r, &b, cv_wrong(&y));	/* another capture: compared with all entries */
	ck_assert_int_eq(r.status, FW_CHECK_FAIL);
	ck_assert_uint_eq(r.n_reasons, 4);
	ck_assert_str_eq(r.reasons[0], "baseline base.json: 02:00:00:00:00:00>02:00:00:00:01:00: 0 of 1 "
			 "handshakes complete, the baseline had 1");
	ck_assert_str_eq(r.reasons[1], "baseline base.json: 02:00:00:00:00:00>02:00:00:00:01:00: 4 MICs "
			 "fail, the baseline had 0");
	ck_assert(strncmp(r.reasons[2], "baseline base.json: new finding MIC_BAD error", 45) == 0);
	ck_assert(strncmp(r.reasons[3], "baseline base.json: new finding TIMEOUT error", 45) == 0);
	fw_check_result_fini(&r);
	fw_baseline_fini(&b);
}
END_TEST

START_TEST(dropped_m4_is_worse)
{
	struct fw_check_result r;
	struct fw_baseline b;
	struct cv x, y;

	load(&b, cv_clean(&x));
	compare(&r, &b, cv_m4drop(&y));
	/* one handshake still completes; what is new is the TIMEOUT */
	ck_assert_int_eq(r.status, FW_CHECK_FAIL);
	ck_assert_uint_eq(r.n_reasons, 1);
	ck_assert_str_eq(r.reasons[0], "baseline base.json: new finding TIMEOUT error "
			 "02:00:00:00:00:00>02:00:00:00:01:00 frames 75,93: TIMEOUT over frames "
			 "starting at 75");
	fw_check_result_fini(&r);
	fw_baseline_fini(&b);
	/* and the other way round nothing got worse */
	load(&b, cv_m4drop(&x));
	compare(&r, &b, cv_clean(&y));
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	fw_check_result_fini(&r);
	fw_baseline_fini(&b);
}
END_TEST

START_TEST(mic_at_same_frame)
{
	struct fw_check_result r;
	struct fw_baseline b;
	struct cv x, y;

	load(&b, cv_clean(&x));
	cv_clean(&y);
	y.msgs[2].mic = FW_MICV_UNCHECKED;	/* M3 #32 */
	y.msgs[2].mic_reason = "no key";
	compare(&r, &b, &y.v);
	ck_assert_uint_eq(r.n_reasons, 1);
	ck_assert_str_eq(r.reasons[0], "baseline base.json: 02:00:00:00:00:00>02:00:00:00:01:00: msg M3 "
			 "at frame 32 no longer verifies (MIC unchecked: no key)");
	fw_check_result_fini(&r);
	fw_baseline_fini(&b);
}
END_TEST

START_TEST(gone_link_and_file_scope)
{
	struct fw_check_result r;
	struct fw_baseline b;
	struct cv x, y;

	load(&b, cv_clean(&x));
	cv_clean(&y);
	y.v.n_links = 0;
	compare(&r, &b, &y.v);
	ck_assert_uint_eq(r.n_reasons, 1);
	ck_assert_str_eq(r.reasons[0], "baseline base.json: 02:00:00:00:00:00>02:00:00:00:01:00: the "
			 "link is gone (the baseline had 1 complete handshake)");
	fw_check_result_fini(&r);
	/* the baseline's file has this name: only its entries count, by name */
	cv_wrong(&y);
	y.in.path = "elsewhere/wpa2-psk.pcap";
	ck_assert_int_eq(fw_check_result_init(&r, "x"), 0);
	fw_baseline_compare(&r, &b, &y.v, "other/dir/wpa2-psk.pcap");
	ck_assert_int_eq(r.status, FW_CHECK_FAIL);
	/* same file: frames identify messages, so the M2 of frame 30 is named */
	ck_assert_str_eq(r.reasons[1], "baseline base.json: 02:00:00:00:00:00>02:00:00:00:01:00: msg M2 "
			 "at frame 30 no longer verifies (MIC bad: wrong key)");
	fw_check_result_fini(&r);
	fw_baseline_fini(&b);
}
END_TEST

static void bad_doc(const char *doc, const char *want)
{
	struct fw_baseline b;
	char err[300];

	ck_assert_int_ne(fw_baseline_parse(&b, "b.json", doc, strlen(doc), err, sizeof(err)), 0);
	ck_assert_str_eq(err, want);
	ck_assert_ptr_null(b.name);
}

START_TEST(malformed_baselines)
{
	bad_doc("{\"links\":[", "b.json: not JSON: line 1 column 11: unexpected end of text");
	bad_doc("[]", "b.json: not a report of 'fourway analyze --json' (want an object)");
	bad_doc("{\"links\":[]}", "b.json: findings: missing, or not an array");
	bad_doc("{\"links\":{},\"findings\":[]}", "b.json: links: missing, or not an array");
	bad_doc("{\"links\":[{\"file\":\"a.pcap\",\"bssid\":\"02:00\",\"sta\":\"02:00:00:00:01:00\","
		"\"handshakes\":[]}],\"findings\":[]}",
		"b.json: links[0].bssid: missing, or not a MAC address");
	bad_doc("{\"links\":[{\"file\":\"a.pcap\",\"bssid\":\"02:00:00:00:00:00\",\"sta\":"
		"\"02:00:00:00:01:00\",\"handshakes\":[{\"outcome\":\"complete\",\"messages\":"
		"[{\"msg\":\"M2\",\"frame\":-1,\"mic\":\"ok\"}]}]}],\"findings\":[]}",
		"b.json: links[0].handshakes[0].messages[0].frame: missing, or not a frame number");
	bad_doc("{\"links\":[],\"findings\":[{\"code\":7}]}",
		"b.json: findings[0].code: missing, or not a string");
}
END_TEST

START_TEST(unknown_codes_skipped)
{
	static const char doc[] = "{\"links\":[],\"findings\":[{\"code\":\"FROM_THE_FUTURE\"},"
		"{\"code\":\"TIMEOUT\",\"file\":\"/x/a.pcap\",\"bssid\":\"02:00:00:00:00:00\","
		"\"sta\":\"02:00:00:00:01:00\"}]}";
	struct fw_baseline b;
	char err[300];

	ck_assert_int_eq(fw_baseline_parse(&b, "b.json", doc, strlen(doc), err, sizeof(err)), 0);
	ck_assert_uint_eq(b.n_findings, 1);
	ck_assert_str_eq(b.findings[0].file, "a.pcap");
	fw_baseline_fini(&b);
}
END_TEST

Suite *baseline_suite(void)
{
	Suite *s = suite_create("baseline");
	TCase *tc = tcase_create("compare");

	tcase_add_test(tc, reads_what_analyze_writes);
	tcase_add_test(tc, same_capture_passes);
	tcase_add_test(tc, wrong_key_is_worse);
	tcase_add_test(tc, dropped_m4_is_worse);
	tcase_add_test(tc, mic_at_same_frame);
	tcase_add_test(tc, gone_link_and_file_scope);
	tcase_add_test(tc, malformed_baselines);
	tcase_add_test(tc, unknown_codes_skipped);
	suite_add_tcase(s, tc);
	return s;
}
