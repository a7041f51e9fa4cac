/*
 * test_expect.c - the .expect and policy parser: every rule, comments and
 * blank lines, key lines kept for the keyring, and errors that name the
 * file and the line.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/expect.h"
#include "suites.h"
#include "util/err.h"

static int parse(struct fw_expect *e, const char *text, bool keys, char *err, size_t errlen)
{
	err[0] = '\0';
	return fw_expect_parse(e, "dir/cap.pcap.expect", text, strlen(text), keys, err, errlen);
}

/* The text must be refused with exactly this message. */
static void refused(const char *text, bool keys, const char *want)
{
	struct fw_expect e;
	char err[512];

	ck_assert_int_eq(parse(&e, text, keys, err, sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(e.n_rules, 0);	/* nothing left behind */
	ck_assert_ptr_null(e.rules);
}

START_TEST(every_rule)
{
	static const char text[] =
		"# a whole-line comment\n"
		"\n"
		"key psk \"correct horse battery staple\" \"hwsim-wpa2\"\n"
		"   key   pmk 97ec771347e64d42367432d72387c78aff911d091343a452ccc68192a50a96de\n"
		"handshakes complete 1\n"
		"expect TIMEOUT at 83   # the deauth\n"
		"expect MIC_BAD\n"
		"forbid NO_KEY\n"
		"forbid severity>=warning\n"
		"\tforbid others\r\n"
		"forbid severity>=info";
	struct fw_expect e;
	char err[256];

	ck_assert_int_eq(parse(&e, text, true, err, sizeof(err)), 0);
	ck_assert_str_eq(e.name, "dir/cap.pcap.expect");
	ck_assert_str_eq(e.dir, "dir");
	ck_assert_uint_eq(e.n_keys, 2);
	ck_assert_str_eq(e.keys[0].text, "psk \"correct horse battery staple\" \"hwsim-wpa2\"");
	ck_assert_uint_eq(e.keys[0].line, 3);
	ck_assert_str_eq(e.keys[1].text,
			 "pmk 97ec771347e64d42367432d72387c78aff911d091343a452ccc68192a50a96de");
	ck_assert_uint_eq(e.keys[1].line, 4);
	ck_assert_uint_eq(e.n_rules, 7);
	ck_assert_int_eq(e.rules[0].kind, FW_RULE_COMPLETE);
	ck_assert_uint_eq(e.rules[0].count, 1);
	ck_assert_uint_eq(e.rules[0].line, 5);
	ck_assert_int_eq(e.rules[1].kind, FW_RULE_EXPECT);
	ck_assert_int_eq(e.rules[1].code, FW_F_TIMEOUT);
	ck_assert(e.rules[1].has_frame);
	ck_assert_uint_eq(e.rules[1].frame, 83);
	ck_assert_int_eq(e.rules[2].code, FW_F_MIC_BAD);
	ck_assert(!e.rules[2].has_frame);
	ck_assert_int_eq(e.rules[3].kind, FW_RULE_FORBID);
	ck_assert_int_eq(e.rules[3].code, FW_F_NO_KEY);
	ck_assert_int_eq(e.rules[4].kind, FW_RULE_FORBID_SEV);
	ck_assert_int_eq(e.rules[4].sev, FW_SEV_WARNING);
	ck_assert(!e.rules[4].others);
	ck_assert_int_eq(e.rules[5].kind, FW_RULE_FORBID_SEV);	/* "forbid others" */
	ck_assert_int_eq(e.rules[5].sev, FW_SEV_WARNING);
	ck_assert(e.rules[5].others);
	ck_assert_uint_eq(e.rules[5].line, 10);
	ck_assert_int_eq(e.rules[6].sev, FW_SEV_INFO);	/* last line without a newline */
	fw_expect_fini(&e);
	ck_assert_ptr_null(e.rules);
}
END_TEST

START_TEST(complete_all_and_default)
{
	struct fw_expect e;
	char err[256];

	ck_assert_int_eq(parse(&e, "handshakes complete all\n", false, err, sizeof(err)), 0);
	ck_assert_uint_eq(e.n_rules, 1);
	ck_assert_int_eq(e.rules[0].kind, FW_RULE_COMPLETE_ALL);
	fw_expect_fini(&e);

	/* the default policy: every handshake with a known key completes, no error finding */
	ck_assert_int_eq(fw_expect_default(&e), 0);
	ck_assert_str_eq(e.name, "the default policy");
	ck_assert_uint_eq(e.n_rules, 2);
	ck_assert_int_eq(e.rules[0].kind, FW_RULE_COMPLETE_ALL);
	ck_assert_int_eq(e.rules[1].kind, FW_RULE_FORBID_SEV);
	ck_assert_int_eq(e.rules[1].sev, FW_SEV_ERROR);
	ck_assert(!e.rules[1].others);
	ck_assert_uint_eq(e.n_keys, 0);
	fw_expect_fini(&e);
}
END_TEST

START_TEST(errors_name_file_and_line)
{
	refused("forbid others\nexpect MIC_BADD\n", true,
		"dir/cap.pcap.expect:2: 'MIC_BADD' is not a finding code (see 'fourway codes')");
	refused("expect mic_bad\n", true,
		"dir/cap.pcap.expect:1: 'mic_bad' is not a finding code (see 'fourway codes')");
	refused("forbid WHATEVER\n", true,
		"dir/cap.pcap.expect:1: 'WHATEVER' is not a finding code (see 'fourway codes')");
	refused("\n\nexpect TIMEOUT at 0\n", true,
		"dir/cap.pcap.expect:3: '0' is not a frame number (frames count from 1)");
	refused("expect TIMEOUT at -3\n", true,
		"dir/cap.pcap.expect:1: '-3' is not a frame number (frames count from 1)");
	refused("expect TIMEOUT at 99999999999999999999\n", true,
		"dir/cap.pcap.expect:1: '99999999999999999999' is not a frame number (frames count from 1)");
	refused("expect TIMEOUT 83\n", true,
		"dir/cap.pcap.expect:1: want 'expect CODE' or 'expect CODE at FRAME'");
	refused("handshakes complete\n", true,
		"dir/cap.pcap.expect:1: want 'handshakes complete N' or 'handshakes complete all'");
	refused("handshakes complete some\n", true,
		"dir/cap.pcap.expect:1: 'some' is not a count (0..1000000) or 'all'");
	refused("handshakes complete 1\nhandshakes complete all\n", true,
		"dir/cap.pcap.expect:2: a second 'handshakes' line (the first is line 1)");
	refused("forbid severity>=fatal\n", true,
		"dir/cap.pcap.expect:1: 'fatal' is not a severity (info, warning or error)");
	refused("forbid\n", true,
		"dir/cap.pcap.expect:1: want 'forbid CODE', 'forbid severity>=LEVEL' or 'forbid others'");
	refused("require MIC_BAD\n", true, "dir/cap.pcap.expect:1: want 'require verified'");
	refused("requires MIC_BAD\n", true,
		"dir/cap.pcap.expect:1: not a rule (want key, merge, handshakes, expect, forbid or "
		"require; the line is not shown, it may hold a secret)");
	refused("key\n", true,
		"dir/cap.pcap.expect:1: 'key' needs a key: pmk HEX, psk \"PASS\" [\"SSID\"], keylog PATH, ...");
	refused("forbid others\nkey psk \"secret passphrase\"\n", false,
		"dir/cap.pcap.expect:2: key lines belong in a capture's .expect file, not in a policy");
	refused("forbid \xff\n", true, "dir/cap.pcap.expect:1: not valid UTF-8 text");
	refused("merge\n", true, "dir/cap.pcap.expect:1: 'merge' takes one path");
	refused("merge a.pcap b.pcap\n", true, "dir/cap.pcap.expect:1: 'merge' takes one path");
	refused("forbid others\nmerge wired.pcap\n", false,
		"dir/cap.pcap.expect:2: merge lines belong in a capture's .expect file, not in a policy");
}
END_TEST

/* Partners are joined to the sidecar's folder, as keylog paths are, and kept in order. */
START_TEST(merge_lines)
{
	static const char text[] =
		"key radius-secret \"testing123\"\n"
		"merge wired.pcap   # the AP's RADIUS side\n"
		"merge /abs/other.pcapng\n"
		"handshakes complete 2\n";
	struct fw_expect e;
	char err[256];

	ck_assert_int_eq(parse(&e, text, true, err, sizeof(err)), 0);
	ck_assert_uint_eq(e.n_merge, 2);
	ck_assert_str_eq(e.merge[0], "dir/wired.pcap");
	ck_assert_str_eq(e.merge[1], "/abs/other.pcapng");
	ck_assert_uint_eq(e.n_keys, 1);
	ck_assert_uint_eq(e.n_rules, 1);	/* a merge line is not a rule */
	ck_assert_uint_eq(e.rules[0].line, 4);
	fw_expect_fini(&e);
	ck_assert_ptr_null(e.merge);
}
END_TEST

START_TEST(nul_and_long_lines)
{
	static const char nul[] = "forbid others\nexpect\0MIC_BAD\n";
	char big[FW_EXPECT_LINE_MAX + 40];
	struct fw_expect e;
	char err[256];

	ck_assert_int_eq(fw_expect_parse(&e, "n.expect", nul, sizeof(nul) - 1, true, err,
					 sizeof(err)), FW_EINVAL);
	ck_assert_str_eq(err, "n.expect:2: holds a NUL byte");
	memset(big, ' ', sizeof(big));
	memcpy(big, "expect MIC_BAD", 14);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(fw_expect_parse(&e, "n.expect", big, strlen(big), true, err, sizeof(err)),
			 FW_EINVAL);
	ck_assert_str_eq(err, "n.expect:1: longer than 4096 bytes");
}
END_TEST

START_TEST(load_missing_file)
{
	struct fw_expect e;
	char err[256];

	ck_assert_int_eq(fw_expect_load(&e, "/nonexistent/x.expect", true, err, sizeof(err)), FW_EIO);
	ck_assert_str_eq(err, "/nonexistent/x.expect: No such file or directory");
}
END_TEST

START_TEST(load_file)
{
	char path[] = "/tmp/fw-expect-XXXXXX";
	int fd = mkstemp(path);
	struct fw_expect e;
	char err[256];
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs("key keylog hostapd.log\nexpect TIMEOUT at 93\n", f);
	fclose(f);
	ck_assert_int_eq(fw_expect_load(&e, path, true, err, sizeof(err)), 0);
	ck_assert_str_eq(e.dir, "/tmp");	/* keylog paths resolve against it */
	ck_assert_str_eq(e.keys[0].text, "keylog hostapd.log");
	ck_assert_uint_eq(e.rules[0].frame, 93);
	fw_expect_fini(&e);
	remove(path);
}
END_TEST

Suite *expect_suite(void)
{
	Suite *s = suite_create("expect");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, every_rule);
	tcase_add_test(tc, complete_all_and_default);
	tcase_add_test(tc, errors_name_file_and_line);
	tcase_add_test(tc, merge_lines);
	tcase_add_test(tc, nul_and_long_lines);
	tcase_add_test(tc, load_missing_file);
	tcase_add_test(tc, load_file);
	suite_add_tcase(s, tc);
	return s;
}
