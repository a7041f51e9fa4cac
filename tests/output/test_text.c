/*
 * test_text.c - the text report over hand-built views: the ladder of the
 * wpa-Induction handshake (frame numbers, relative times, arrow
 * directions, verdicts), problems first, severity order, the summary, the
 * beacon-only case, and that bytes from the air cannot reach the terminal
 * as control characters.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "output/clock.h"
#include "output/fmt.h"
#include "output/tstyle.h"
#include "suites.h"

static char *line_of(const char *text, const char *needle)
{
	static char buf[1024];

	ck_assert_msg(fx_line_with(text, needle, buf, sizeof(buf)), "no line with '%s' in\n%.1500s",
		      needle, text);
	return buf;
}

static void has(const char *hay, const char *needle)
{
	ck_assert_msg(strstr(hay, needle) != NULL, "'%s' not in\n%.1500s", needle, hay);
}

/* The arrow of a ladder row: from the AP it ends ">|", from the STA it starts "|<". */
static void arrow_from_ap(const char *line, bool from_ap)
{
	const char *bar = strchr(line, '|');

	ck_assert_msg(bar != NULL, "no lane in: %s", line);
	if (from_ap) {
		ck_assert_msg(strncmp(bar, "|--", 3) == 0 && strstr(bar, "->|") != NULL,
			      "not AP->STA: %s", line);
		ck_assert_ptr_null(strstr(line, "|<"));
	} else {
		ck_assert_msg(strncmp(bar, "|<-", 3) == 0 && strstr(bar, "--|") != NULL,
			      "not STA->AP: %s", line);
		ck_assert_ptr_null(strstr(line, "->|"));
	}
}

START_TEST(induction_ladder)
{
	struct fx x;
	char *t, *l;

	fx_induction(&x);
	t = fx_text(fx_view(&x), false, false);
	has(line_of(t, "<->"), "00:0c:41:82:b2:55 \"Coherer\" <-> 00:0d:93:82:36:3a");
	has(line_of(t, "<->"), "PSK");
	has(line_of(t, "<->"), "CCMP/TKIP");
	has(line_of(t, "<->"), "(wpa-Induction.pcap)");
	has(t, "  handshake 1: complete, verified with key 1\n");
	l = line_of(t, "#87 ");
	has(l, "+0.000000");
	has(l, "M1 rc=0");
	arrow_from_ap(l, true);
	ck_assert_ptr_null(strstr(l, "MIC"));	/* msg 1/4 has no MIC */
	l = line_of(t, "#89 ");
	has(l, "+0.001006");
	has(l, "M2 rc=0 --|");
	has(l, "MIC ok (ANonce of #87)");
	arrow_from_ap(l, false);
	l = line_of(t, "#92 ");
	has(l, "+0.006004");
	has(l, "M3 rc=1");
	has(l, "MIC ok; GTK id 1");
	arrow_from_ap(l, true);
	ck_assert_ptr_null(strstr(t, "e0e1e2e3"));	/* no key bytes without --show-keys */
	l = line_of(t, "#94 ");
	has(l, "+0.006020");
	has(l, "M4 rc=1");
	arrow_from_ap(l, false);
	/* AP over the left bar, STA over the right one */
	l = line_of(t, " AP ");
	{
		char row[1024];
		const char *r, *lbar, *rbar;

		ck_assert(fx_line_with(t, "#89 ", row, sizeof(row)));
		lbar = strchr(row, '|');
		rbar = strrchr(row, '|');
		r = strstr(l, "AP");
		ck_assert_int_eq((int)(r + 1 - l), (int)(lbar - row));
		r = strstr(l, "STA");
		ck_assert_int_eq((int)(r + 1 - l), (int)(rbar - row));
	}
	has(t, "info PMKID_MISMATCH (frame 87): the PMKID");
	has(t, "No problems found.\n");
	ck_assert_ptr_null(strstr(t, "Problems:"));
	ck_assert(strstr(t, "No problems found.") < strstr(t, "<->"));
	has(t, "Input wpa-Induction.pcap: IEEE802_11_RADIO (127), 1093 frames, 3 malformed, "
	       "3 bad FCS\n");
	has(t, "1 link, 1 handshake (1 complete), findings: 0 errors, 0 warnings, 1 info\n");
	free(t);

	t = fx_text(fx_view(&x), false, true);
	has(line_of(t, "#92 "),
	    "GTK id 1 e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
	free(t);
}
END_TEST

START_TEST(problems_lead)
{
	struct fx x;
	char *t, *l;

	fx_induction(&x);
	fx_add_stale(&x);
	/* an info finding on the same link, before the error in the core's order */
	x.find[2] = x.find[1];
	x.find[1].code = FW_F_REPLAY_COUNTER;
	x.find[1].severity = FW_SEV_INFO;
	x.find[1].diagnosis[0] = '\0';
	snprintf(x.find[1].detail, sizeof(x.find[1].detail), "counter note");
	x.n_find = 3;
	t = fx_text(fx_view(&x), false, false);
	ck_assert(strncmp(t, "Problems:\n", 10) == 0);
	l = line_of(t, "  error MIC_BAD 02:00:00:00:01:00 <-> 02:00:00:00:02:00");
	has(l, "(frames 13, 10): stale ANonce: msg 2/4 (frame 13)");
	ck_assert(strstr(t, "error MIC_BAD") < strstr(t, "<->"));
	ck_assert_ptr_null(strstr(t, "No problems found."));
	/* info findings are not problems */
	ck_assert(strstr(t, "info REPLAY_COUNTER") > strstr(t, "\"lab\""));
	/* within the link: most severe first */
	ck_assert(strstr(t, "    error MIC_BAD (frames 13, 10)") != NULL);
	ck_assert(strstr(t, "    error MIC_BAD (frames 13, 10)") < strstr(t, "    info REPLAY_COUNTER"));
	has(t, "  handshake 1: failed (MIC failed), not verified\n");
	l = line_of(t, "#13 ");
	has(l, "+0.021500");
	has(l, "M2 rc=2");
	has(l, "MIC BAD: stale ANonce (verifies only with the ANonce of #10)");
	arrow_from_ap(l, false);
	arrow_from_ap(line_of(t, "#12 "), true);
	has(t, "2 links, 2 handshakes (1 complete), findings: 1 error, 0 warnings, 2 info\n");
	free(t);
}
END_TEST

START_TEST(deauth_marks_and_acks)
{
	struct fx x;
	char *t, *l;

	fx_induction(&x);
	fx_add_stale(&x);
	x.hs[1][0].ended = true;
	x.hs[1][0].end_reason = 15;
	x.hs[1][0].end_from_ap = true;
	x.hs[1][0].end_frame = 120;
	x.hs[1][0].end_ts_ns = x.msgs[1][0].ts_ns + 3004000000LL;
	x.msgs[0][2].retry = true;
	x.msgs[0][2].protected_ = true;
	x.msgs[0][2].acked = FW_ACK_NO;
	x.msgs[0][3].acked = FW_ACK_YES;
	x.msgs[0][3].ack_frame = 12;
	x.msgs[0][3].trailing = 2;
	x.msgs[1][2].mic = FW_MICV_UNCHECKED;
	x.msgs[1][2].anonce_from = 0;
	x.msgs[1][2].mic_reason = "no key for SSID lab";
	t = fx_text(fx_view(&x), false, false);
	l = line_of(t, "#120 ");
	has(l, "+3.004000");
	has(l, "DEAUTH reason 15");
	arrow_from_ap(l, true);
	l = line_of(t, "#92 ");
	has(l, "M3 rc=1 [retry] [enc]");
	has(l, "no ACK");
	l = line_of(t, "#94 ");
	has(l, "ACKed #12; 2 trailing bytes");
	has(line_of(t, "#13 "), "MIC unchecked: no key for SSID lab");
	free(t);
}
END_TEST

START_TEST(beacons_only)
{
	struct fx x;
	char *t;

	fx_beacons(&x);
	t = fx_text(fx_view(&x), false, false);
	ck_assert(strncmp(t, "No EAPOL-Key handshake found.\n", 30) == 0);
	ck_assert_ptr_null(strstr(t, "Problems"));
	ck_assert_ptr_null(strstr(t, "No problems found"));
	has(t, "Input beacons.pcap: IEEE802_11_RADIO (127), 40 frames, 0 malformed\n");
	has(t, "0 links, 0 handshakes (0 complete), findings: 0 errors, 0 warnings, 0 info\n");
	free(t);
}
END_TEST

START_TEST(input_error_and_stray_messages)
{
	struct fx x;
	char *t;

	fx_induction(&x);
	x.in[0].read_error = true;
	snprintf(x.in[0].error, sizeof(x.in[0].error), "wpa-Induction.pcap: truncated dump file");
	x.link[0].n_hs = 0;
	x.link[0].n_msgs = 1;
	x.n_find = 0;
	t = fx_text(fx_view(&x), false, false);
	{
		static const char head[] = "Problems:\n  error input wpa-Induction.pcap: "
					   "wpa-Induction.pcap: truncated dump file\n";

		ck_assert(strncmp(t, head, strlen(head)) == 0);
	}
	has(t, "No EAPOL-Key handshake found.\n");
	has(t, "stopped early");
	has(t, "  no handshake (1 EAPOL-Key message)\n  messages outside any handshake:\n");
	arrow_from_ap(line_of(t, "#87 "), true);
	free(t);
}
END_TEST

START_TEST(merged_references)
{
	struct fx x;
	char *t;

	fx_induction(&x);
	fx_add_stale(&x);
	x.in[1] = x.in[0];
	x.in[1].path = "wired.pcap";
	x.n_in = 2;
	x.find[1].frames[1].file = 1;
	x.msgs[1][2].anonce_from_file = 1;
	fx_view(&x);
	x.v.merged = true;
	t = fx_text(&x.v, false, false);
	has(t, "[1] Input wpa-Induction.pcap:");
	has(t, "[2] Input wired.pcap:");
	has(t, "(frames [1]13, [2]10)");
	has(line_of(t, "#[1]13 "), "ANonce of #[2]10");
	free(t);
}
END_TEST

/* Every ESC in the output starts an SGR sequence "ESC [ digits/; m". */
static void only_sgr(const char *t)
{
	for (const char *p = strchr(t, 0x1b); p; p = strchr(p + 1, 0x1b)) {
		size_t n = strspn(p + 2, "0123456789;");

		ck_assert_msg(p[1] == '[' && p[2 + n] == 'm', "stray ESC at offset %zu",
			      (size_t)(p - t));
	}
}

START_TEST(hostile_bytes_escaped)
{
	static const uint8_t ssid[] = { 'x', 0x1b, '[', '2', 'J', '"', 0xc2, 0x9b, '3', 'm', 0xff,
					'\n', '\\' };
	struct fx x;
	char *t;

	fx_induction(&x);
	memcpy(x.link[0].ssid, ssid, sizeof(ssid));
	x.link[0].ssid_len = sizeof(ssid);
	snprintf(x.find[0].detail, sizeof(x.find[0].detail), "bell\a esc\x1b[1m end");
	x.notes[0] = "note \x1b]0;title\x07";
	x.n_notes = 1;
	x.in[0].path = "a\rb.pcap";
	t = fx_text(fx_view(&x), false, false);
	ck_assert_ptr_null(strchr(t, 0x1b));
	ck_assert_ptr_null(strchr(t, '\a'));
	ck_assert_ptr_null(strchr(t, '\r'));
	ck_assert_ptr_null(strstr(t, "\xc2\x9b"));
	has(t, "\"x\\x1b[2J\\\"\\xc2\\x9b3m\\xff\\x0a\\\\\" <->");
	has(t, "bell\\x07 esc\\x1b[1m end");
	has(t, "  - note \\x1b]0;title\\x07\n");
	has(t, "Input a\\x0db.pcap:");
	free(t);

	t = fx_text(fx_view(&x), true, false);
	only_sgr(t);
	has(t, "\033[36minfo\033[0m");
	has(t, "MIC \033[32mok\033[0m");
	free(t);
}
END_TEST

/*
 * What the report's writers do with a string or a frame number: printable
 * text (UTF-8 included) kept whole, quotes and backslashes escaped only in
 * a quoted string, every control byte, C1 character and malformed byte as
 * \xNN; numbers in decimal, with the file's index under --merge.
 */
START_TEST(safe_text_and_frames)
{
	static const uint8_t s[] = "caf\xc3\xa9 \xe2\x98\x95 \"q\" \\ \x7f\xc2\x85\xe2\x98 end";
	struct fw_view v;
	char *buf, f[48];
	size_t len;
	FILE *out;

	for (int quoted = 0; quoted < 2; quoted++) {
		out = open_memstream(&buf, &len);
		ck_assert_ptr_nonnull(out);
		fw_tx_safe(out, s, sizeof(s) - 1, quoted);
		fclose(out);
		ck_assert_str_eq(buf, quoted ?
			"caf\xc3\xa9 \xe2\x98\x95 \\\"q\\\" \\\\ \\x7f\\xc2\\x85\\xe2\\x98 end" :
			"caf\xc3\xa9 \xe2\x98\x95 \"q\" \\ \\x7f\\xc2\\x85\\xe2\\x98 end");
		free(buf);
	}
	memset(&v, 0, sizeof(v));
	ck_assert_str_eq(fw_tx_frame(f, sizeof(f), &v, 0, 0), "0");
	ck_assert_str_eq(fw_tx_frame(f, sizeof(f), &v, 3, 4613), "4613");
	ck_assert_str_eq(fw_tx_frame(f, sizeof(f), &v, 0, UINT64_MAX), "18446744073709551615");
	ck_assert_str_eq(fw_tx_frame(f, 5, &v, 0, 123456), "1234");
	v.merged = true;
	ck_assert_str_eq(fw_tx_frame(f, sizeof(f), &v, 1, 77), "[2]77");
}
END_TEST

/* The EAP exchange precedes the handshakes, identity shown escaped. */
START_TEST(eap_rows)
{
	static struct fw_eap_event ev[2];
	struct fx x;
	char *t, *l;

	fx_induction(&x);
	memset(ev, 0, sizeof(ev));
	ev[0] = (struct fw_eap_event){ .frame = 80, .from_ap = true, .code = 1, .method = 25,
				       .ts_ns = x.link[0].msgs[0].ts_ns - 2000000 };
	ev[1] = (struct fw_eap_event){ .frame = 81, .code = 2, .method = 1, .identity = "carol",
				       .ts_ns = x.link[0].msgs[0].ts_ns - 1000000 };
	x.link[0].eap = ev;
	x.link[0].n_eap = 2;
	t = fx_text(fx_view(&x), false, false);
	has(t, "  authentication (EAP, 2 packets):\n");
	l = line_of(t, "#80 ");
	has(l, "EAP Request/PEAP");
	arrow_from_ap(l, true);
	l = line_of(t, "#81 ");
	has(l, "EAP Response/Identity");
	has(l, "identity carol");
	has(l, "+0.001000");
	arrow_from_ap(l, false);
	ck_assert(strstr(t, "authentication (EAP") < strstr(t, "handshake 1:"));
	free(t);
}
END_TEST

/* A handshake names the PMK that verified it, and where that PMK came from. */
/*
 * Causes lead, consequences are indented under them with an arrow (the
 * link's addresses said once, on the cause); a consequence of several
 * causes stands under the last of them and names the others; an info
 * cause leaves its warning consequence a root of the problems.
 */
START_TEST(chains_indent)
{
	struct fx x;
	struct fw_finding *f;
	char *t;
	const char *p1, *p2, *p3, *p4;

	fx_induction(&x);
	fx_add_stale(&x);
	x.find[0].id = 1;
	x.find[1].id = 2;
	/* 3: a warning on the stale link, caused by the MIC_BAD (2) */
	f = &x.find[2];
	*f = x.find[1];
	f->code = FW_F_ANONCE_CHANGED;
	f->severity = FW_SEV_WARNING;
	f->id = 3;
	f->n_causes = 1;
	f->caused_by[0] = 2;
	snprintf(f->detail, sizeof(f->detail), "second in chain");
	/* 4: the end, caused by both */
	f = &x.find[3];
	*f = x.find[1];
	f->code = FW_F_TIMEOUT;
	f->id = 4;
	f->n_causes = 2;
	f->caused_by[0] = 2;
	f->caused_by[1] = 3;
	f->n_frames = 1;
	f->frames[0].frame = 14;
	snprintf(f->detail, sizeof(f->detail), "the end");
	/* 5: a warning on the induction link after its info PMKID_MISMATCH (1) */
	f = &x.find[4];
	*f = x.find[0];
	f->code = FW_F_REPLAY_COUNTER;
	f->severity = FW_SEV_WARNING;
	f->id = 5;
	f->n_causes = 1;
	f->caused_by[0] = 1;
	snprintf(f->detail, sizeof(f->detail), "after an info");
	x.n_find = 5;
	t = fx_text(fx_view(&x), false, false);
	p1 = strstr(t, "Problems:\n  error MIC_BAD 02:00:00:00:01:00 <-> 02:00:00:00:02:00 "
		       "(frames 13, 10): stale ANonce");
	ck_assert_msg(p1 != NULL, "%s", t);
	/* the error consequence comes before the warning only by its chain, not by severity */
	p2 = strstr(t, "\n  -> warning ANONCE_CHANGED (frames 13, 10): second in chain\n");
	p3 = strstr(t, "\n    -> error TIMEOUT (frame 14), also after MIC_BAD: the end\n");
	p4 = strstr(t, "\n  warning REPLAY_COUNTER 00:0c:41:82:b2:55 <-> 00:0d:93:82:36:3a "
		       "(frame 87): after an info\n");
	ck_assert_msg(p2 && p3 && p4, "%s", t);
	ck_assert(p1 < p2 && p2 < p3 && p3 < p4);
	/* the link's own list, indented one level deeper, the info cause now shown */
	has(t, "  findings:\n    error MIC_BAD (frames 13, 10): stale ANonce");
	has(t, "\n    -> warning ANONCE_CHANGED (frames 13, 10): second in chain\n"
	       "      -> error TIMEOUT (frame 14), also after MIC_BAD: the end\n");
	has(t, "  findings:\n    info PMKID_MISMATCH (frame 87): the PMKID in msg 1/4 (frame 87) "
	       "matches no key, but the MICs verify\n    -> warning REPLAY_COUNTER (frame 87): "
	       "after an info\n");
	free(t);

	/* a cause that names itself, or two findings that name each other: still each once */
	x.find[1].n_causes = 1;
	x.find[1].caused_by[0] = 4;
	t = fx_text(fx_view(&x), false, false);
	p1 = strstr(t, "MIC_BAD 02:00:00:00:01:00");
	ck_assert_ptr_nonnull(p1);
	ck_assert_ptr_null(strstr(p1 + 1, "MIC_BAD 02:00:00:00:01:00"));
	ck_assert_ptr_nonnull(strstr(t, "TIMEOUT"));
	free(t);
}
END_TEST

START_TEST(key_fingerprint_line)
{
	struct fx x;
	char *t;

	fx_induction_fp(&x, "232934c0", "Access-Accept in frame 16 of wired.pcap");
	t = fx_text(fx_view(&x), false, false);
	has(t, "  handshake 1: complete, verified with key 1 (PMK 232934c0, from Access-Accept in "
	       "frame 16 of wired.pcap)\n");
	free(t);
	x.hs[0][0].key_origin = NULL;
	t = fx_text(fx_view(&x), false, false);
	has(t, "  handshake 1: complete, verified with key 1 (PMK 232934c0)\n");
	free(t);
}
END_TEST

/*
 * The time columns of -t r, d and e, and the JSON's timestamps: seconds,
 * a point and six digits of microseconds (the ns below them dropped),
 * signed for r and d, the sign only when negative for e and the JSON; a
 * difference that overflows is shown as 0.
 */
START_TEST(clock_formats)
{
	static const struct {
		enum fw_tfmt f;
		int64_t ns, ref, prev;
		const char *want;
	} cases[] = {
		{ FW_T_REL, 1500000000, 0, 0, "+1.500000" },
		{ FW_T_REL, 0, 0, 0, "+0.000000" },
		{ FW_T_REL, 999, 0, 0, "+0.000000" },
		{ FW_T_REL, 0, 1000, 0, "-0.000001" },
		{ FW_T_REL, 12345678901234567, 0, 0, "+12345678.901234" },
		{ FW_T_REL, INT64_MAX, 0, 0, "+9223372036.854775" },
		{ FW_T_REL, INT64_MAX, -1, 0, "+0.000000" },
		{ FW_T_DELTA, 5000000000, 0, 2500000000, "+2.500000" },
		{ FW_T_DELTA, 2500000000, 0, 5000000000, "-2.500000" },
		{ FW_T_EPOCH, 1796149932098142000, 0, 0, "1796149932.098142" },
		{ FW_T_EPOCH, 10000, 0, 0, "0.000010" },
		{ FW_T_EPOCH, -1500000000, 0, 0, "-1.500000" },
		{ FW_T_EPOCH, INT64_MIN, 0, 0, "-9223372036.854775" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[FW_CLOCK_LEN];

		memset(buf, 'x', sizeof(buf));
		ck_assert_str_eq(fw_clock_fmt(buf, cases[i].f, cases[i].ns, cases[i].ref, cases[i].prev),
				 cases[i].want);
	}
	/* the JSON's timestamps: the same numbers, the sign only when negative */
	{
		char t[FW_OUT_TIME_LEN];

		ck_assert_str_eq(fw_out_time(t, 1796149932098142999), "1796149932.098142");
		ck_assert_str_eq(fw_out_time(t, 0), "0.000000");
		ck_assert_str_eq(fw_out_time(t, -1500000000), "-1.500000");
		ck_assert_str_eq(fw_out_time(t, INT64_MIN), "-9223372036.854775");
	}
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, induction_ladder);
	tcase_add_test(tc, problems_lead);
	tcase_add_test(tc, deauth_marks_and_acks);
	tcase_add_test(tc, beacons_only);
	tcase_add_test(tc, input_error_and_stray_messages);
	tcase_add_test(tc, merged_references);
	tcase_add_test(tc, hostile_bytes_escaped);
	tcase_add_test(tc, safe_text_and_frames);
	tcase_add_test(tc, eap_rows);
	tcase_add_test(tc, key_fingerprint_line);
	tcase_add_test(tc, chains_indent);
	tcase_add_test(tc, clock_formats);
	suite_add_tcase(s, tc);
	return s;
}
