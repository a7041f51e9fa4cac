/*
 * test_rules.c - judging a capture's view by rules: the default policy,
 * the sidecars of the three hwsim captures, a flipped expectation, and
 * each rule's corner (expected findings exempt from "forbid severity",
 * info findings and "forbid others", handshakes without a key).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check/check.h"
#include "suites.h"
#include "views.h"

static void rules(struct fw_expect *e, const char *text)
{
	char err[256];

	ck_assert_msg(fw_expect_parse(e, "t.expect", text, strlen(text), true, err, sizeof(err)) == 0,
		      "%s", err);
}

/* Judge v by text (NULL: the default policy) into r. */
static void judge(struct fw_check_result *r, const struct fw_view *v, const char *text)
{
	struct fw_expect e;

	if (text)
		rules(&e, text);
	else
		ck_assert_int_eq(fw_expect_default(&e), 0);
	ck_assert_int_eq(fw_check_result_init(r, v->inputs[0]->path), 0);
	fw_check_eval(r, v, &e);
	fw_check_finish(r, v, e.name);
	fw_expect_fini(&e);
}

static void has_reason(const struct fw_check_result *r, size_t i, const char *want)
{
	ck_assert_msg(i < r->n_reasons, "reason %zu missing (%zu reasons)", i, r->n_reasons);
	ck_assert_str_eq(r->reasons[i], want);
}

/* Judging v by text (NULL: the default policy) fails with exactly the n reasons want. */
static void fails(const struct fw_view *v, const char *text, size_t n, const char *const *want)
{
	struct fw_check_result r;

	judge(&r, v, text);
	ck_assert_int_eq(r.status, FW_CHECK_FAIL);
	ck_assert_ptr_null(r.summary);
	ck_assert_uint_eq(r.n_reasons, n);
	for (size_t i = 0; i < n; i++)
		has_reason(&r, i, want[i]);
	ck_assert_uint_eq(r.n_findings, v->n_findings);	/* every finding is listed for the reports */
	fw_check_result_fini(&r);
}

START_TEST(default_policy_clean)
{
	struct fw_check_result r;
	struct cv x;

	judge(&r, cv_clean(&x), NULL);
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	ck_assert_uint_eq(r.n_reasons, 0);
	ck_assert_str_eq(r.summary, "1 of 1 handshake complete, 0 findings; judged by the default policy");
	fw_check_result_fini(&r);
}
END_TEST

START_TEST(default_policy_wrong_psk)
{
	static const char *const want[] = {
		"the default policy: handshakes complete all: 02:00:00:00:00:00>02:00:00:00:01:00 "
		"handshake 1 (frames 27-83) is failed: deauth reason 15",
		"the default policy: forbid severity>=error: found unexpected MIC_BAD error "
		"02:00:00:00:00:00>02:00:00:00:01:00 frames 30,43,58,71: MIC_BAD over frames "
		"starting at 30",
		"the default policy: forbid severity>=error: found unexpected TIMEOUT error "
		"02:00:00:00:00:00>02:00:00:00:01:00 frames 71,83: TIMEOUT over frames starting at 71",
	};
	struct cv x;

	fails(cv_wrong(&x), NULL, 3, want);
}
END_TEST

START_TEST(sidecar_wrong_psk)
{
	struct fw_check_result r;
	struct cv x;

	judge(&r, cv_wrong(&x), "handshakes complete 0\nexpect MIC_BAD at 30\nexpect MIC_BAD at 71\n"
	      "expect TIMEOUT at 83\nforbid NO_KEY\nforbid others\n");
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	ck_assert_str_eq(r.summary, "0 of 1 handshake complete, 2 findings; judged by t.expect");
	fw_check_result_fini(&r);
}
END_TEST

START_TEST(flipped_expectation)
{
	static const char *const want[] = {
		"t.expect:2: expect TIMEOUT at 84: not found (the TIMEOUT findings hold frames 71,83)",
		/* the TIMEOUT at 83 is now named by no expect line */
		"t.expect:3: forbid others: found unexpected TIMEOUT error "
		"02:00:00:00:00:00>02:00:00:00:01:00 frames 71,83: TIMEOUT over frames starting at 71",
	};
	struct cv x;

	fails(cv_wrong(&x), "expect MIC_BAD at 30\nexpect TIMEOUT at 84\nforbid others\n", 2, want);
}
END_TEST

START_TEST(expect_absent_code)
{
	const char *want[] = {
		fw_code_info(FW_F_M4_LOST)->implemented
		? "t.expect:1: expect M4_LOST: not found (no M4_LOST finding)"
		: "t.expect:1: expect M4_LOST: not found (no detector emits M4_LOST yet)",
		"t.expect:2: expect MIC_BAD at 29: not found (no MIC_BAD finding)",
	};
	struct cv x;

	fails(cv_m4drop(&x), "expect M4_LOST\nexpect MIC_BAD at 29\n", 2, want);
}
END_TEST

START_TEST(forbid_severity_exempts_expected)
{
	static const char *const once =
		"t.expect:1: forbid severity>=warning: found unexpected TIMEOUT error "
		"02:00:00:00:00:00>02:00:00:00:01:00 frames 75,93: TIMEOUT over frames starting at 75";
	struct fw_check_result r;
	struct cv x;

	judge(&r, cv_m4drop(&x), "expect TIMEOUT at 93\nforbid severity>=warning\nforbid others\n");
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	fw_check_result_fini(&r);
	/* without the expect line the same TIMEOUT fails, once though two rules forbid it */
	fails(cv_m4drop(&x), "forbid severity>=warning\nforbid others\n", 1, &once);
	/* an expect at another frame does not name it */
	judge(&r, cv_m4drop(&x), "expect TIMEOUT at 94\nforbid others\n");
	ck_assert_uint_eq(r.n_reasons, 2);
	fw_check_result_fini(&r);
}
END_TEST

START_TEST(forbid_code_and_info)
{
	static const uint64_t fr[] = { 27 };
	static const char *const nokey = "t.expect:2: forbid NO_KEY: found NO_KEY info "
		"02:00:00:00:00:00>02:00:00:00:01:00 frames 27: NO_KEY over frames starting at 27";
	static const char *const info = "t.expect:1: forbid severity>=info: found unexpected NO_KEY "
		"info 02:00:00:00:00:00>02:00:00:00:01:00 frames 27: NO_KEY over frames starting at 27";
	struct fw_check_result r;
	struct cv x;

	cv_clean(&x);
	cv_add_finding(&x, FW_F_NO_KEY, FW_SEV_INFO, fr, 1);
	judge(&r, &x.v, "forbid others\nforbid severity>=warning\n");
	ck_assert_int_eq(r.status, FW_CHECK_PASS);	/* info is not "others" */
	fw_check_result_fini(&r);
	fails(&x.v, "forbid others\nforbid NO_KEY\n", 1, &nokey);
	fails(&x.v, "forbid severity>=info\n", 1, &info);
}
END_TEST

START_TEST(handshake_counts)
{
	static const char *const two = "t.expect:1: handshakes complete 2: 1 of 2 handshakes complete";
	static const char *const all = "t.expect:1: handshakes complete all: "
		"02:00:00:00:00:00>02:00:00:00:01:00 handshake 1 (frames 26-93) is failed: "
		"deauth reason 15";
	struct fw_check_result r;
	struct cv x;

	judge(&r, cv_m4drop(&x), "handshakes complete 1\n");
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	ck_assert_str_eq(r.summary, "1 of 2 handshakes complete, 1 finding; judged by t.expect");
	fw_check_result_fini(&r);
	fails(cv_m4drop(&x), "handshakes complete 2\n", 1, &two);
	/* the second one completed */
	fails(cv_m4drop(&x), "handshakes complete all\n", 1, &all);
}
END_TEST

START_TEST(complete_all_needs_a_key)
{
	struct fw_check_result r;
	struct cv x;

	cv_wrong(&x);
	for (size_t i = 0; i < x.link.n_msgs; i++)
		if (x.msgs[i].mic == FW_MICV_BAD)
			x.msgs[i].mic = FW_MICV_UNCHECKED;	/* no key for this network */
	ck_assert(!fw_check_key_known(&x.link, &x.hs[0]));
	judge(&r, &x.v, "handshakes complete all\n");
	ck_assert_int_eq(r.status, FW_CHECK_PASS);
	fw_check_result_fini(&r);
}
END_TEST

START_TEST(errors_win_and_lines_are_clean)
{
	struct fw_check_result r;

	ck_assert_int_eq(fw_check_result_init(&r, "a\nb.pcap"), 0);
	ck_assert_str_eq(r.path, "a b.pcap");	/* one line, whatever the name */
	fw_check_error(&r, "a.pcap: truncated dump file");
	fw_check_fail(&r, "x\ty");
	ck_assert_int_eq(r.status, FW_CHECK_ERROR);
	ck_assert_str_eq(r.reasons[1], "x y");
	fw_check_result_fini(&r);
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("eval");

	tcase_add_test(tc, default_policy_clean);
	tcase_add_test(tc, default_policy_wrong_psk);
	tcase_add_test(tc, sidecar_wrong_psk);
	tcase_add_test(tc, flipped_expectation);
	tcase_add_test(tc, expect_absent_code);
	tcase_add_test(tc, forbid_severity_exempts_expected);
	tcase_add_test(tc, forbid_code_and_info);
	tcase_add_test(tc, handshake_counts);
	tcase_add_test(tc, complete_all_needs_a_key);
	tcase_add_test(tc, errors_win_and_lines_are_clean);
	suite_add_tcase(s, tc);
	return s;
}
