/*
 * The annotations of `fourway annotate`, from hand-built views: which frames
 * get comments, their order and wording (message, handshake outcome,
 * findings), escaping of bytes from outside, no key bytes, and the summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "output/annot.h"
#include "output/utf8.h"
#include "suites.h"

/* The n comments of a frame, asserted equal to want[0..n). */
static void assert_frame(const struct fw_annot *a, uint64_t frame, const char *const *want,
			 size_t n)
{
	const char *const *t;
	size_t got = fw_annot_frame(a, 0, frame, &t);

	ck_assert_msg(got == n, "frame %llu: %zu comments, want %zu", (unsigned long long)frame,
		      got, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(t[i], want[i]);
}

/* No byte below 0x20 (a comment is one line), valid UTF-8. */
static void assert_clean(const char *s, bool newlines_ok)
{
	for (const char *p = s; *p; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 || (newlines_ok && *p == '\n'),
			      "control byte 0x%02x in '%s'", (unsigned char)*p, s);
	ck_assert(fw_utf8_valid((const uint8_t *)s, strlen(s)));
}

START_TEST(induction)
{
	static const char *const f87[] = {
		"M1 of handshake 1 (replay counter 0), from the AP",
		"handshake 1: complete, verified with key 1",
		"info PMKID_MISMATCH: the PMKID in msg 1/4 (frame 87) matches no key, but the MICs verify",
	};
	static const char *const f89[] = {
		"M2 of handshake 1 (replay counter 0), from the station, answering the M1 of frame 87, "
		"MIC ok with the ANonce of frame 87 (key 1)",
	};
	static const char *const f92[] = {
		"M3 of handshake 1 (replay counter 1), from the AP, MIC ok (key 1), carries GTK id 1",
	};
	static const char *const f94[] = {
		"M4 of handshake 1 (replay counter 1), from the station, answering the M3 of frame 92, "
		"MIC ok with the ANonce of frame 87 (key 1)",
	};
	struct fx x;
	struct fw_annot a;
	const char *const *t;

	fx_induction(&x);
	ck_assert_int_eq(fw_annot_init(&a, fx_view(&x), "fourway 9.9"), 0);
	ck_assert_uint_eq(a.n_frames, 4);
	ck_assert_uint_eq(a.n, 6);
	assert_frame(&a, 87, f87, 3);
	assert_frame(&a, 89, f89, 1);
	assert_frame(&a, 92, f92, 1);
	assert_frame(&a, 94, f94, 1);
	ck_assert_uint_eq(fw_annot_frame(&a, 0, 88, &t), 0);
	ck_assert_ptr_null(t);
	ck_assert_uint_eq(fw_annot_frame(&a, 0, 1, &t), 0);
	ck_assert_uint_eq(fw_annot_frame(&a, 0, 95, &t), 0);
	ck_assert_uint_eq(fw_annot_frame(&a, 1, 87, &t), 0);	/* another input */
	/* the GTK's bytes (e0 e1 e2 ...) never reach a comment */
	for (size_t i = 0; i < a.n; i++) {
		ck_assert_ptr_null(strstr(a.texts[i], "e0e1e2"));
		assert_clean(a.texts[i], false);
	}
	ck_assert_str_eq(a.summary,
			 "fourway 9.9 analysis of wpa-Induction.pcap\n"
			 "1 link, 1 handshake (1 complete), findings: 0 errors, 0 warnings, 1 info\n"
			 "00:0c:41:82:b2:55 \"Coherer\" <-> 00:0d:93:82:36:3a PSK CCMP/TKIP\n"
			 "  handshake 1: complete, verified with key 1\n"
			 "  info PMKID_MISMATCH (frame 87): the PMKID in msg 1/4 (frame 87) matches "
			 "no key, but the MICs verify");
	fw_annot_fini(&a);
	ck_assert_uint_eq(a.n, 0);
	ck_assert_ptr_null(a.summary);
}
END_TEST

/* Two links; the error outranks the info on a frame; duplicates dropped. */
START_TEST(stale_and_order)
{
	static const char *const f10[] = {
		"M1 of handshake 1 of 02:00:00:00:01:00 <-> 02:00:00:00:02:00 (replay counter 1), "
		"from the AP",
		"handshake 1 of 02:00:00:00:01:00 <-> 02:00:00:00:02:00: failed (MIC failed), "
		"not verified",
		"error MIC_BAD: stale ANonce: msg 2/4 (frame 13) verifies only with the ANonce of frame 10",
		"info PMKID_MISMATCH: a second finding on frame 10",
	};
	static const char *const f13[] = {
		"M2 of handshake 1 of 02:00:00:00:01:00 <-> 02:00:00:00:02:00 (replay counter 2), "
		"from the station, answering the M1 of frame 12, "
		"MIC BAD: stale ANonce; verifies only with the ANonce of frame 10",
		"error MIC_BAD: stale ANonce: msg 2/4 (frame 13) verifies only with the ANonce of frame 10",
	};
	struct fx x;
	struct fw_annot a;
	struct fw_finding *f;

	fx_induction(&x);
	fx_add_stale(&x);
	x.find[1].frames[2].frame = 13;	/* the same frame twice: one comment */
	x.find[1].n_frames = 3;
	/* an info finding on frame 10 of the same link, after the error */
	f = &x.find[2];
	*f = x.find[0];
	memcpy(f->bssid, x.link[1].bssid, 6);
	memcpy(f->sta, x.link[1].sta, 6);
	f->frames[0].frame = 10;
	snprintf(f->detail, sizeof(f->detail), "a second finding on frame 10");
	x.n_find = 3;
	ck_assert_int_eq(fw_annot_init(&a, fx_view(&x), NULL), 0);
	assert_frame(&a, 10, f10, 4);
	assert_frame(&a, 13, f13, 2);
	{
		static const char *const f12[] = {
			"M1 of handshake 1 of 02:00:00:00:01:00 <-> 02:00:00:00:02:00 (replay counter 2), "
			"from the AP, retransmission of the M1 of frame 10",
		};

		assert_frame(&a, 12, f12, 1);
	}
	ck_assert_uint_eq(a.n_frames, 7);	/* 87 89 92 94, 10 12 13 */
	{
		static const char head[] = "fourway analysis of wpa-Induction.pcap\n"
			"2 links, 2 handshakes (1 complete), findings: 1 error, 0 warnings, 2 info\n";

		ck_assert(strncmp(a.summary, head, sizeof(head) - 1) == 0);
	}
	ck_assert_ptr_nonnull(strstr(a.summary,
		"\n02:00:00:00:01:00 \"lab\" <-> 02:00:00:00:02:00 PSK CCMP/CCMP\n"
		"  handshake 1: failed (MIC failed), not verified\n"
		"  error MIC_BAD (frames 13, 10, 13): stale ANonce: msg 2/4 (frame 13) verifies only "
		"with the ANonce of frame 10\n"
		"  info PMKID_MISMATCH (frame 10): a second finding on frame 10"));
	fw_annot_fini(&a);
}
END_TEST

/* A response whose replay counter no request carries names none. */
START_TEST(unpaired)
{
	static const char *const f89[] = {
		"M2 of handshake 1 (replay counter 7), from the station, MIC ok with the ANonce "
		"of frame 87 (key 1)",
	};
	struct fx x;
	struct fw_annot a;

	fx_induction(&x);
	x.msgs[0][1].replay_counter = 7;
	ck_assert_int_eq(fw_annot_init(&a, fx_view(&x), NULL), 0);
	assert_frame(&a, 89, f89, 1);
	fw_annot_fini(&a);
}
END_TEST

/* Bytes from the air and from files are escaped: every text stays clean. */
START_TEST(escaping)
{
	static const uint8_t ssid[] = { 'a', '\n', 0x1b, '[', '2', 'J', 0xff, '"', 0xc3, 0xa9 };
	struct fx x;
	struct fw_annot a;

	fx_induction(&x);
	memcpy(x.link[0].ssid, ssid, sizeof(ssid));
	x.link[0].ssid_len = sizeof(ssid);
	x.in[0].path = "dir\n/x\x01.pcap";
	snprintf(x.hs[0][0].outcome_detail, sizeof(x.hs[0][0].outcome_detail), "two\nlines");
	x.msgs[0][1].mic_reason = "tab\there";
	x.msgs[0][1].mic = FW_MICV_UNCHECKED;
	x.msgs[0][1].anonce_from = 0;
	snprintf(x.find[0].detail, sizeof(x.find[0].detail), "bell\a and \xe2\x82 cut");
	x.notes[0] = "note\r";
	x.n_notes = 1;
	ck_assert_int_eq(fw_annot_init(&a, fx_view(&x), "fourway"), 0);
	for (size_t i = 0; i < a.n; i++)
		assert_clean(a.texts[i], false);
	assert_clean(a.summary, true);
	ck_assert_ptr_nonnull(strstr(a.summary, "analysis of dir\\x0a/x\\x01.pcap\n"));
	ck_assert_ptr_nonnull(strstr(a.summary, "\"a\\x0a\\x1b[2J\\xff\\\"\xc3\xa9\" <->"));
	ck_assert_ptr_nonnull(strstr(a.summary, "complete (two\\x0alines)"));
	ck_assert_ptr_nonnull(strstr(a.summary, "bell\\x07 and \\xe2\\x82 cut"));
	ck_assert_ptr_nonnull(strstr(a.summary, "\nnote: note\\x0d"));
	{
		static const char *const f89[] = {
			"M2 of handshake 1 (replay counter 0), from the station, answering the M1 of "
			"frame 87, MIC unchecked: tab\\x09here",
		};

		assert_frame(&a, 89, f89, 1);
	}
	fw_annot_fini(&a);
}
END_TEST

/* A summary longer than a pcapng option allows is cut at a line end. */
START_TEST(long_summary)
{
	enum { N = 150 };
	struct fw_finding *fs = calloc(N, sizeof(*fs));
	const struct fw_finding **fp = calloc(N, sizeof(*fp));
	struct fx x;
	struct fw_view *v;
	struct fw_annot a;
	size_t len;

	ck_assert_ptr_nonnull(fs);
	ck_assert_ptr_nonnull(fp);
	fx_beacons(&x);
	v = (struct fw_view *)fx_view(&x);
	for (int i = 0; i < N; i++) {
		fs[i].code = FW_F_SLOW_RESPONSE;
		fs[i].severity = FW_SEV_INFO;
		fs[i].n_frames = 1;
		fs[i].frames[0].frame = (uint64_t)i + 1;
		memset(fs[i].detail, 'd', 500);
		fp[i] = &fs[i];
	}
	v->n_findings = N;
	v->findings = fp;
	ck_assert_int_eq(fw_annot_init(&a, v, "fourway"), 0);
	len = strlen(a.summary);
	ck_assert_uint_le(len, FW_ANNOT_SUMMARY_MAX);
	ck_assert_uint_gt(len, FW_ANNOT_SUMMARY_MAX - 600);
	ck_assert_str_eq(a.summary + len - 58,
			 "\n... (cut short; `fourway analyze` gives the whole report)");
	/* the line before the cut is whole: 500 d's then the newline */
	ck_assert(a.summary[len - 59] == 'd' && a.summary[len - 559] == ' ');
	ck_assert_uint_eq(a.n_frames, N);	/* every frame still has its comment */
	fw_annot_fini(&a);
	free(fs);
	free(fp);
}
END_TEST

Suite *annot_suite(void)
{
	Suite *s = suite_create("annot");
	TCase *tc = tcase_create("annot");

	tcase_add_test(tc, induction);
	tcase_add_test(tc, stale_and_order);
	tcase_add_test(tc, unpaired);
	tcase_add_test(tc, escaping);
	tcase_add_test(tc, long_summary);
	suite_add_tcase(s, tc);
	return s;
}
