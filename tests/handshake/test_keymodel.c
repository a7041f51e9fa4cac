/*
 * test_keymodel.c - the model of both sides' keys, on synthesized links
 * whose definition says who holds which key when (src/synth/scenarios.c):
 *
 *  - reassoc-stale-ptk: both sides install the first handshake's PTK, the
 *    station re-associates (the AP drops the PTK) and sends its 2/4s
 *    encrypted with it: every protected frame before the re-association
 *    reached a receiver holding its key, every one after did not, dropped
 *    at that re-association;
 *  - dup-assoc-stale-ptk: a second association request before 4/4 makes
 *    the AP forget the handshake; the PTK the station installed with its
 *    4/4 was never the AP's, and its 2/4s under it are lost to that
 *    association;
 *  - pmf-deauth-ignored: the 4/4 is lost, so the AP never installs the
 *    first PTK while the station uses it until its own protected
 *    deauthentication; after the reconnection both hold the new one;
 *  - early-key-install: the station's protected 4/4s reach an AP without
 *    the key;
 *  - clean: every protected frame reaches a receiver holding its key, and
 *    PMF is not in use;
 *  - pmf-spoofed-deauth: an unprotected deauthentication in the AP's name
 *    while both sides hold the key changes nothing; the station's SA Query
 *    is answered: no PMF_MISMATCH.
 * The frames' kinds, protection and packet numbers are read back from the
 * bytes the scenario wrote.  KEY_REINSTALL: raised for key-reinstall (the
 * same PTK's PN restarts), not for pmf-deauth-ignored, where the station's
 * PN goes back too, but under the new handshake's key.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "keys/keyring.h"
#include "synth/synth.h"
#include "util/mac.h"

#define MAX_FRAMES 512

/* What the written bytes say about one frame. */
struct seen {
	enum fw_frame_kind kind;
	bool prot, from_sta;
	uint64_t pn;
};

struct rig {
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct fw_keyring *kr;
	struct fw_core *c;
	unsigned input;
	uint64_t n;
	struct seen f[MAX_FRAMES + 1];	/* by frame number */
	unsigned drop_pmgmt;	/* leave out the n-th protected management frame (1-based), 0 none */
	unsigned n_pmgmt;
	unsigned flood;		/* protected action frames the AP sends before the first one */
};

/*
 * n protected action frames from the AP (ra) to the station (ta), opaque
 * (CCMP, packet numbers from 1,000,000 on), fed before the frame f that
 * brought them on: a link flooded with what no key opens.
 */
static void feed_flood(struct rig *r, int64_t ts_ns, const struct fw_frame *f, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint8_t b[8 + 24 + 8 + 16 + 8] = { 0x00, 0x00, 0x08, 0x00 };	/* radiotap, no field */
		uint8_t *h = b + 8;
		uint32_t pn = 1000000 + i;
		struct fw_frame g;

		h[0] = 0xd0;	/* action */
		h[1] = 0x40;	/* Protected */
		memcpy(h + 4, f->ta, 6);
		memcpy(h + 10, f->ra, 6);
		memcpy(h + 16, f->ra, 6);
		h[24] = (uint8_t)pn;
		h[25] = (uint8_t)(pn >> 8);
		h[27] = 0x20;	/* ExtIV */
		h[28] = (uint8_t)(pn >> 16);
		memset(h + 32, 0x5a, 24);
		fw_frame_decode(&g, FW_DLT_IEEE802_11_RADIO, b, sizeof(b));
		ck_assert_int_eq(g.status, 0);
		ck_assert_uint_lt(r->n, MAX_FRAMES);
		r->n++;
		r->f[r->n].kind = g.kind;
		r->f[r->n].prot = true;
		r->f[r->n].pn = g.pn;
		fw_core_feed(r->c, r->input, r->n, ts_ns - (int64_t)(n - i), &g);
	}
}

static int sink(void *ctx, int64_t ts_ns, const uint8_t *data, size_t len)
{
	struct rig *r = ctx;
	struct fw_frame f;

	fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, data, len);
	ck_assert_int_eq(f.status, 0);
	ck_assert_uint_lt(r->n, MAX_FRAMES);
	if (f.has_dot11 && f.dot11.protected_ && f.dot11.type == FW_T_MGMT && r->n_pmgmt == 0 &&
	    r->flood)
		feed_flood(r, ts_ns, &f, r->flood);
	if (f.has_dot11 && f.dot11.protected_ && f.dot11.type == FW_T_MGMT &&
	    ++r->n_pmgmt == r->drop_pmgmt)
		return 0;	/* the sniffer, or the air, lost it */
	r->n++;
	r->f[r->n].kind = f.kind;
	r->f[r->n].prot = f.has_dot11 && f.dot11.protected_;
	r->f[r->n].pn = f.pn;
	/* the station is the transmitter whose address is not the BSSID */
	r->f[r->n].from_sta = f.has_ta && !fw_mac_eq(f.ta, f.bssid);
	fw_core_feed(r->c, r->input, r->n, ts_ns, &f);
	return 0;
}

static const struct fw_link *run_keys(struct rig *r, const char *scenario, bool with_key)
{
	struct fw_core_opts co = { 0 };
	char err[256], line[256];
	unsigned drop = r->drop_pmgmt, flood = r->flood;

	memset(r, 0, sizeof(*r));
	r->drop_pmgmt = drop;
	r->flood = flood;
	fw_synth_opts_init(&r->o);
	r->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(r->kr);
	snprintf(line, sizeof(line), "psk \"%s\" \"%s\"", r->o.passphrase, r->o.ssid);
	if (with_key)
		ck_assert_int_eq(fw_keyring_add_line(r->kr, line, "test", NULL, err, sizeof(err)), 0);
	r->c = fw_core_new(&co, r->kr);
	ck_assert_ptr_nonnull(r->c);
	r->input = fw_core_add_input(r->c, scenario, FW_DLT_IEEE802_11_RADIO);
	ck_assert_int_eq(fw_synth_run(&r->o, scenario, sink, r, &r->res, err, sizeof(err)), 0);
	fw_core_finish(r->c);
	ck_assert_uint_eq(fw_core_n_links(r->c), 1);
	return fw_core_link(r->c, 0);
}

static const struct fw_link *run(struct rig *r, const char *scenario)
{
	return run_keys(r, scenario, true);
}

static void rig_free(struct rig *r)
{
	fw_core_free(r->c);
	fw_keyring_free(r->kr);
}

/* The kept protected frame with this number, or NULL. */
static const struct fw_pframe *pframe(const struct fw_link *l, uint64_t frame)
{
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].frame == frame)
			return &l->pframes[i];
	return NULL;
}

static uint64_t first_of(const struct rig *r, enum fw_frame_kind kind, bool prot)
{
	for (uint64_t i = 1; i <= r->n; i++)
		if (r->f[i].kind == kind && r->f[i].prot == prot)
			return i;
	return 0;
}

static bool has_code(const struct rig *r, enum fw_code code)
{
	for (size_t i = 0; i < fw_core_n_findings(r->c); i++)
		if (fw_core_finding(r->c, i)->code == code)
			return true;
	return false;
}

START_TEST(test_stale_ptk_after_reassociation)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "reassoc-stale-ptk");
	uint64_t ra = first_of(&r, FW_KIND_REASSOC_REQ, false);
	unsigned before = 0, after = 0, eapol_after = 0;

	ck_assert_uint_gt(ra, 0);
	for (uint64_t i = 1; i <= r.n; i++) {
		const struct fw_pframe *p;

		if (!r.f[i].prot)
			continue;
		p = pframe(l, i);
		ck_assert_msg(p != NULL, "protected frame %llu not kept", (unsigned long long)i);
		ck_assert_int_eq(p->dec_hs, 0);		/* the first handshake's PTK, always */
		if (i < ra) {
			ck_assert_int_eq(p->rx_has_key, FW_RXK_YES);
			ck_assert_int_eq(p->rx_why, FW_RXW_INSTALLED);
			before++;
		} else {
			ck_assert_msg(p->rx_has_key == FW_RXK_NO, "frame %llu", (unsigned long long)i);
			ck_assert_int_eq(p->rx_why, FW_RXW_DROPPED_ASSOC);
			ck_assert_uint_eq(p->rx_key_frame, ra);
			after++;
			eapol_after += p->is_eapol;
		}
	}
	ck_assert_uint_eq(before, 2);	/* the ping each way */
	ck_assert_uint_eq(after, 2);	/* the two 2/4s */
	ck_assert_uint_eq(eapol_after, 2);
	/* the messages carry the verdict of the frame they travelled in */
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].protected_)
			ck_assert_int_eq(l->msgs[i].rx_why, FW_RXW_DROPPED_ASSOC);
	ck_assert(has_code(&r, FW_F_STALE_PTK));
	ck_assert(!l->pmf);
	rig_free(&r);
}
END_TEST

START_TEST(test_stale_ptk_after_duplicate_association)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "dup-assoc-stale-ptk");
	uint64_t a1 = first_of(&r, FW_KIND_ASSOC_REQ, false), a2 = 0;
	unsigned n = 0;

	for (uint64_t i = a1 + 1; i <= r.n && !a2; i++)
		if (r.f[i].kind == FW_KIND_ASSOC_REQ)
			a2 = i;
	ck_assert_uint_gt(a2, a1);
	for (uint64_t i = 1; i <= r.n; i++) {
		const struct fw_pframe *p;

		if (!r.f[i].prot)
			continue;
		ck_assert_uint_gt(i, a2);
		p = pframe(l, i);
		ck_assert_ptr_nonnull(p);
		ck_assert(r.f[i].from_sta && p->is_eapol);
		ck_assert_int_eq(p->rx_has_key, FW_RXK_NO);
		ck_assert_int_eq(p->rx_why, FW_RXW_DROPPED_ASSOC);
		ck_assert_uint_eq(p->rx_key_frame, a2);
		n++;
	}
	ck_assert_uint_eq(n, 2);
	ck_assert(has_code(&r, FW_F_STALE_PTK));
	rig_free(&r);
}
END_TEST

START_TEST(test_pmf_station_keeps_key_ap_has_none)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "pmf-deauth-ignored");
	uint64_t own = first_of(&r, FW_KIND_PROTECTED, true), sta_deauth = 0, assoc2 = 0;
	unsigned no = 0, yes = 0;

	/* the station's own protected deauthentication: the last protected frame before the reconnection */
	for (uint64_t i = 1; i <= r.n; i++) {
		if (r.f[i].kind == FW_KIND_ASSOC_REQ && i > own)
			assoc2 = assoc2 ? assoc2 : i;
		if (r.f[i].prot && r.f[i].from_sta && !assoc2)
			sta_deauth = i;
	}
	ck_assert_uint_gt(own, 0);
	ck_assert_uint_gt(assoc2, sta_deauth);
	ck_assert(l->pmf);
	for (uint64_t i = 1; i <= r.n; i++) {
		const struct fw_pframe *p;

		if (!r.f[i].prot)
			continue;
		p = pframe(l, i);
		ck_assert_msg(p != NULL, "protected frame %llu not kept", (unsigned long long)i);
		if (i < assoc2) {
			/* only the station transmits protected frames, and the AP never had the key */
			ck_assert(r.f[i].from_sta);
			ck_assert_int_eq(p->dec_hs, 0);
			ck_assert_msg(p->rx_has_key == FW_RXK_NO, "frame %llu", (unsigned long long)i);
			ck_assert(p->rx_why == FW_RXW_NOT_YET);
			no++;
		} else {
			ck_assert_int_eq(p->dec_hs, 1);
			ck_assert_int_eq(p->rx_has_key, FW_RXK_YES);
			yes++;
		}
	}
	ck_assert_uint_eq(no, 8);	/* 2 pings, 5 SA Query requests, the deauthentication */
	ck_assert_uint_eq(yes, 2);	/* the pings after the reconnection */
	ck_assert(has_code(&r, FW_F_PMF_MISMATCH));
	rig_free(&r);
}
END_TEST

START_TEST(test_early_install_frames_unreadable)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "early-key-install");
	unsigned n = 0;

	for (uint64_t i = 1; i <= r.n; i++) {
		const struct fw_pframe *p = r.f[i].prot ? pframe(l, i) : NULL;

		if (!r.f[i].prot)
			continue;
		ck_assert_ptr_nonnull(p);
		ck_assert(r.f[i].from_sta && p->is_eapol);
		ck_assert_int_eq(p->rx_has_key, FW_RXK_NO);
		ck_assert_int_eq(p->rx_why, FW_RXW_NOT_YET);
		n++;
	}
	ck_assert_uint_eq(n, 2);
	rig_free(&r);
}
END_TEST

START_TEST(test_clean_every_receiver_holds_the_key)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "clean");
	unsigned n = 0;

	for (size_t i = 0; i < l->n_pframes; i++) {
		ck_assert_int_eq(l->pframes[i].rx_has_key, FW_RXK_YES);
		ck_assert_int_eq(l->pframes[i].rx_why, FW_RXW_INSTALLED);
		n++;
	}
	ck_assert_uint_eq(n, 2);
	ck_assert(!l->pmf);
	rig_free(&r);
}
END_TEST

START_TEST(test_pmf_forged_deauth_changes_nothing)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "pmf-spoofed-deauth");
	unsigned n = 0, mgmt = 0;

	ck_assert(l->pmf);
	ck_assert_uint_gt(first_of(&r, FW_KIND_DEAUTH, false), 0);
	for (uint64_t i = 1; i <= r.n; i++) {
		const struct fw_pframe *p = r.f[i].prot ? pframe(l, i) : NULL;

		if (!r.f[i].prot)
			continue;
		ck_assert_ptr_nonnull(p);
		ck_assert_msg(p->rx_has_key == FW_RXK_YES, "frame %llu", (unsigned long long)i);
		mgmt += p->mgmt;
		n++;
	}
	ck_assert_uint_eq(n, 6);	/* two pings each way, the SA Query request and response */
	ck_assert_uint_eq(mgmt, 2);
	ck_assert_uint_eq(fw_core_n_findings(r.c), 0);
	rig_free(&r);
}
END_TEST

/*
 * Without a key nothing is decrypted, yet the air still shows the
 * mismatch: the AP's deauthentication in the clear, the station's
 * protected frames after it and its protected deauthentication; and the
 * PN that restarts after the new handshake is still no reinstallation
 * (the frame before it came ahead of that handshake's 3/4).
 */
START_TEST(test_pmf_mismatch_without_key)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run_keys(&r, "pmf-deauth-ignored", false);
	const struct fw_finding *f = NULL;
	uint64_t d = first_of(&r, FW_KIND_DEAUTH, false);

	ck_assert(l->pmf);
	for (size_t i = 0; i < fw_core_n_findings(r.c); i++)
		if (fw_core_finding(r.c, i)->code == FW_F_PMF_MISMATCH)
			f = fw_core_finding(r.c, i);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->frames[0].frame, d);
	ck_assert(!has_code(&r, FW_F_KEY_REINSTALL));
	rig_free(&r);
}
END_TEST

/* The same with the AP's SA Query response gone: the request is unanswered. */
START_TEST(test_pmf_sa_query_unanswered)
{
	struct rig r = { .drop_pmgmt = 2 };
	const struct fw_link *l = run(&r, "pmf-spoofed-deauth");

	ck_assert(l->pmf);
	ck_assert(has_code(&r, FW_F_PMF_MISMATCH));
	rig_free(&r);
}
END_TEST

/*
 * The same, the AP having sent 200 protected action frames no key opens
 * just before the request: past the 128 a link keeps, one of those not
 * kept may be the answer, so the request is not called unanswered.  Of
 * the 200, those kept are 128 and whichever the last msg 3/4's watch (12
 * frames) had left to take.
 */
START_TEST(test_pmf_sa_query_past_the_kept_frames)
{
	struct rig r = { .drop_pmgmt = 2, .flood = 200 };
	const struct fw_link *l = run(&r, "pmf-spoofed-deauth");
	size_t flood_kept = 0;

	ck_assert(l->pmf);
	ck_assert(!has_code(&r, FW_F_PMF_MISMATCH));
	for (size_t i = 0; i < l->n_pframes; i++)
		flood_kept += l->pframes[i].mgmt && l->pframes[i].pn >= 1000000;
	ck_assert_uint_ge(flood_kept, 128);
	ck_assert_uint_le(flood_kept, 128 + 12);
	rig_free(&r);
}
END_TEST

/* The station's PN goes back across the reconnection: new key, no KEY_REINSTALL. */
START_TEST(test_new_key_pn_restart_is_no_reinstall)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "pmf-deauth-ignored");
	uint64_t last_old = 0, first_new = 0;
	bool back = false;

	for (uint64_t i = 1; i <= r.n; i++) {
		if (!r.f[i].prot || !r.f[i].from_sta)
			continue;
		if (first_new == 0 && last_old && r.f[i].pn < last_old) {
			first_new = r.f[i].pn;
			back = true;
		}
		if (!back)
			last_old = r.f[i].pn;
	}
	ck_assert_msg(back && first_new == 1 && last_old > 1, "the written PNs do not go back");
	ck_assert(!has_code(&r, FW_F_KEY_REINSTALL));
	/* the core saw the PN go back, and that two handshakes' keys opened the frames */
	ck_assert_uint_ge(l->n_pn_events, 1);
	ck_assert_int_eq(l->pn_events[0].key_before, 0);
	ck_assert_int_eq(l->pn_events[0].key_after, 1);
	rig_free(&r);
}
END_TEST

/* The same PTK installed again after a 3/4 retry: its PN restarts, KEY_REINSTALL. */
START_TEST(test_same_key_pn_restart_is_reinstall)
{
	struct rig r = { .drop_pmgmt = 0 };
	const struct fw_link *l = run(&r, "key-reinstall");

	ck_assert(has_code(&r, FW_F_KEY_REINSTALL));
	ck_assert_uint_ge(l->n_pn_events, 1);
	ck_assert_int_eq(l->pn_events[0].key_before, l->pn_events[0].key_after);
	rig_free(&r);
}
END_TEST

static Suite *keymodel_suite(void)
{
	Suite *s = suite_create("keymodel");
	TCase *tc = tcase_create("keymodel");

	tcase_add_test(tc, test_stale_ptk_after_reassociation);
	tcase_add_test(tc, test_stale_ptk_after_duplicate_association);
	tcase_add_test(tc, test_pmf_station_keeps_key_ap_has_none);
	tcase_add_test(tc, test_pmf_forged_deauth_changes_nothing);
	tcase_add_test(tc, test_early_install_frames_unreadable);
	tcase_add_test(tc, test_clean_every_receiver_holds_the_key);
	tcase_add_test(tc, test_new_key_pn_restart_is_no_reinstall);
	tcase_add_test(tc, test_pmf_mismatch_without_key);
	tcase_add_test(tc, test_pmf_sa_query_unanswered);
	tcase_add_test(tc, test_pmf_sa_query_past_the_kept_frames);
	tcase_add_test(tc, test_same_key_pn_restart_is_reinstall);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tcommon_run(keymodel_suite(), NULL);
}
