/*
 * test_lstate.c - a link's state as the live table names it
 * (output/lstate.h), over links built by hand after real runs:
 *
 * - captures/m4-drop-once.pcap (fw-medium drop:m4:1, captures/README.md):
 *   msg 4/4 (frame 30) never reached the AP, which sent msg 3/4 again
 *   (frames 32, 50, 70) while the station, its key installed, answered
 *   encrypted (34, 53, 73); the AP deauthenticated it (frame 88, reason
 *   15).  Until then the station is done and the AP is retrying msg 3/4.
 * - captures/m4-late.pcap (delay:m4:1:1500): the same retries, but the
 *   first 4/4 reached the AP late and hostapd completed on it (its log);
 *   the air shows it once the AP sends under the new key (frame 81).
 * - captures/wrong-psk.pcap without a key: the AP sends msg 1/4 again
 *   after each msg 2/4 it rejected (hostapd: MIC failure of 2/4).
 */
#include <check.h>
#include <string.h>

#include "output/lstate.h"
#include "suites.h"

struct row {
	enum fw_msg_type type;
	uint64_t frame;
	double t;	/* seconds after msg 1/4 */
	bool enc;
};

#define S(x) ((int64_t)((x) * 1e9))

static struct fw_msg msgs[16];
static struct fw_handshake hs[1];
static struct fw_pframe pf[1];

static void build(struct fw_link *l, const struct row *r, size_t n, enum fw_outcome out)
{
	memset(l, 0, sizeof(*l));
	memset(msgs, 0, sizeof(msgs));
	memset(hs, 0, sizeof(hs));
	for (size_t i = 0; i < n; i++) {
		msgs[i].type = r[i].type;
		msgs[i].frame = r[i].frame;
		msgs[i].ts_ns = S(r[i].t);
		msgs[i].protected_ = r[i].enc;
		msgs[i].from_ap = r[i].type == FW_MSG_M1 || r[i].type == FW_MSG_M3;
		msgs[i].mic = r[i].type == FW_MSG_M1 ? FW_MICV_ABSENT : FW_MICV_UNCHECKED;
	}
	hs[0].first = 0;
	hs[0].count = n;
	hs[0].outcome = out;
	l->msgs = msgs;
	l->n_msgs = n;
	l->hs = hs;
	l->n_hs = 1;
}

static const struct row race[] = {
	{ FW_MSG_M1, 24, 0.0, false }, { FW_MSG_M2, 26, 0.002988, false },
	{ FW_MSG_M3, 28, 0.007263, false }, { FW_MSG_M4, 30, 0.008851, false },
	{ FW_MSG_M3, 32, 0.107886, false }, { FW_MSG_M4, 34, 0.112635, true },
	{ FW_MSG_M3, 50, 1.127350, false }, { FW_MSG_M4, 53, 1.220672, true },
};

START_TEST(sta_done_ap_retrying)
{
	struct fw_link l;
	char st[40], sh[24];

	/* live, before the deauthentication, the core calls it complete (M3 and M4 seen) */
	build(&l, race, 8, FW_OUT_COMPLETE);
	ck_assert(fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh)));
	ck_assert_str_eq(st, "sta done / ap retrying 3/4");
	ck_assert_str_eq(sh, "sta done/ap rty 3/4");
	/* from the first retry on (frame 32), not before it */
	build(&l, race, 5, FW_OUT_COMPLETE);
	fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh));
	ck_assert_str_eq(st, "sta done / ap retrying 3/4");
	build(&l, race, 4, FW_OUT_COMPLETE);
	ck_assert(!fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh)));
	ck_assert_str_eq(st, "complete");
	ck_assert_str_eq(sh, "complete");
	/* the deauthentication ends it: both sides agree it failed */
	build(&l, race, 8, FW_OUT_FAILED);
	fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh));
	ck_assert_str_eq(st, "failed");
}
END_TEST

START_TEST(ap_takes_the_late_m4)
{
	static const struct row late[] = {
		{ FW_MSG_M1, 24, 0.0, false }, { FW_MSG_M2, 26, 0.002434, false },
		{ FW_MSG_M3, 28, 0.006996, false }, { FW_MSG_M4, 30, 0.008644, false },
		{ FW_MSG_M3, 33, 0.107616, false }, { FW_MSG_M4, 35, 0.112426, true },
		{ FW_MSG_M3, 53, 1.130976, false }, { FW_MSG_M4, 56, 1.191947, true },
	};
	struct fw_link l;
	char st[40], sh[24];

	build(&l, late, 8, FW_OUT_COMPLETE);
	fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh));
	ck_assert_str_eq(st, "sta done / ap retrying 3/4");
	/* frame 81: the AP's first frame under the handshake's PTK */
	memset(pf, 0, sizeof(pf));
	pf[0].frame = 81;
	pf[0].ts_ns = S(1.5);
	pf[0].from_ap = true;
	pf[0].dec_hs = 0;
	l.pframes = pf;
	l.n_pframes = 1;
	fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh));
	ck_assert_str_eq(st, "complete");
	/* a station's frame under the new key says nothing of the AP */
	pf[0].from_ap = false;
	fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh));
	ck_assert_str_eq(st, "sta done / ap retrying 3/4");
}
END_TEST

START_TEST(ap_resends_m1)
{
	static const struct row wrong[] = {
		{ FW_MSG_M1, 27, 0.0, false }, { FW_MSG_M2, 29, 0.003, false },
		{ FW_MSG_M1, 31, 1.0, false }, { FW_MSG_M2, 33, 1.003, false },
		{ FW_MSG_M1, 35, 2.0, false },
	};
	struct fw_link l;
	char st[40], sh[24];

	build(&l, wrong, 5, FW_OUT_INCOMPLETE);
	ck_assert(fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh)));
	ck_assert_str_eq(st, "sta sent 2/4 / ap retrying 1/4");
	ck_assert_str_eq(sh, "sta 2/4/ap rty 1/4");
	/* before any retry: the exchange is at msg 2/4, one view */
	build(&l, wrong, 2, FW_OUT_INCOMPLETE);
	ck_assert(!fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh)));
	ck_assert_str_eq(st, "M2");
	/* no handshake at all */
	build(&l, wrong, 0, FW_OUT_INCOMPLETE);
	l.n_hs = 0;
	fw_out_link_state(&l, st, sizeof(st), sh, sizeof(sh));
	ck_assert_str_eq(st, "-");
	ck_assert_str_eq(sh, "-");
}
END_TEST

Suite *lstate_suite(void)
{
	Suite *s = suite_create("lstate");
	TCase *tc = tcase_create("lstate");

	tcase_add_test(tc, sta_done_ap_retrying);
	tcase_add_test(tc, ap_takes_the_late_m4);
	tcase_add_test(tc, ap_resends_m1);
	suite_add_tcase(s, tc);
	return s;
}
