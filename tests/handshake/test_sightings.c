/*
 * test_sightings.c - one air, several sniffers, in the core: the frames of
 * captures/m4-drop-once.pcap (hwsim0, which sees every transmission and
 * its ACK; captures/README.md) fed twice, as a second file or a second
 * interface of the same air.  Known answers: what the capture alone gives
 * (its .expect, from hostapd's and the medium's logs: the first 4/4,
 * frame 30, is never acknowledged) must not change when every frame is
 * seen again, and a sniffer without ACKs must not make a frame "not
 * acknowledged".
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run.h"
#include "capture/source.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "handshake/internal.h"
#include "keys/keyring.h"

#define LOST_M4 30	/* captures/README.md: m4-drop-once's first 4/4, never ACKed */

/* How the second view holds the capture. */
enum view {
	V_NONE,		/* the capture alone */
	V_FILE,		/* a second file, the same frames 40 us later (--merge) */
	V_FILE_NOMERGE,	/* the same, without --merge: two airs */
	V_IFACE_NOACK,	/* interface 1 of the same file: no ACKs, and it alone has frame 30 */
};

struct run {
	struct fw_keyring *kr;
	struct fw_core *c;
};

static void run_capture(struct run *r, enum view v)
{
	const char *top = getenv("top_srcdir");
	struct fw_core_opts o = { 0 };
	struct fw_source *s;
	struct fw_pkt pkt;
	struct fw_frame f;
	char path[1024], err[512];
	static const char ssid[] = "hwsim-m4-drop-once";

	snprintf(path, sizeof(path), "%s/captures/m4-drop-once.pcap", top && *top ? top : ".");
	r->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(r->kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(r->kr, "lossy air for m4-drop-once",
						   (const uint8_t *)ssid, sizeof(ssid) - 1,
						   "--passphrase", err, sizeof(err)), 0);
	o.merge = v == V_FILE;
	r->c = fw_core_new(&o, r->kr);
	ck_assert_ptr_nonnull(r->c);
	fw_core_add_input(r->c, "hwsim0.pcap", FW_DLT_IEEE802_11_RADIO);
	if (v == V_FILE || v == V_FILE_NOMERGE)
		fw_core_add_input(r->c, "other.pcap", FW_DLT_IEEE802_11_RADIO);
	ck_assert_msg(fw_source_open_file(&s, path, err, sizeof(err)) == 0, "%s", err);
	while (fw_source_next(s, &pkt, err, sizeof(err)) == 1) {
		fw_frame_decode(&f, pkt.linktype, pkt.data, pkt.caplen);
		if (v != V_IFACE_NOACK || pkt.frame_no != LOST_M4)
			fw_core_feed_iface(r->c, 0, 0, pkt.frame_no, pkt.ts_ns, &f);
		if (v == V_FILE || v == V_FILE_NOMERGE)
			fw_core_feed_iface(r->c, 1, 0, pkt.frame_no, pkt.ts_ns + 40000, &f);
		else if (v == V_IFACE_NOACK && f.kind != FW_KIND_ACK && f.kind != FW_KIND_BLOCK_ACK)
			fw_core_feed_iface(r->c, 0, 1, pkt.frame_no + 1000, pkt.ts_ns + 40000, &f);
	}
	fw_source_close(s);
	fw_core_finish(r->c);
}

static void run_free(struct run *r)
{
	fw_core_free(r->c);
	fw_keyring_free(r->kr);
}

static size_t count(const struct fw_core *c, enum fw_code code)
{
	size_t n = 0;

	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		n += fw_core_finding(c, i)->code == code;
	return n;
}

/* The same findings, with the same evidence frames of input 0, as the capture alone. */
static void same_findings(const struct fw_core *a, const struct fw_core *b)
{
	ck_assert_uint_eq(fw_core_n_findings(a), fw_core_n_findings(b));
	for (size_t i = 0; i < fw_core_n_findings(a); i++) {
		const struct fw_finding *x = fw_core_finding(a, i), *y = fw_core_finding(b, i);

		ck_assert_int_eq(x->code, y->code);
		ck_assert_uint_eq(x->n_frames, y->n_frames);
		for (size_t k = 0; k < x->n_frames; k++) {
			ck_assert_uint_eq(x->frames[k].file, y->frames[k].file);
			ck_assert_uint_eq(x->frames[k].frame, y->frames[k].frame);
		}
	}
}

START_TEST(test_second_file_is_one_air)
{
	struct run alone, two;
	const struct fw_link *la, *lt;

	run_capture(&alone, V_NONE);
	run_capture(&two, V_FILE);
	ck_assert_uint_eq(fw_core_n_links(two.c), 1);
	la = fw_core_link(alone.c, 0);
	lt = fw_core_link(two.c, 0);
	ck_assert_uint_eq(la->n_msgs, lt->n_msgs);
	for (size_t i = 0; i < lt->n_msgs; i++) {
		const struct fw_msg *m = &lt->msgs[i];

		ck_assert_uint_eq(m->frame, la->msgs[i].frame);
		ck_assert_int_eq(m->retrans, la->msgs[i].retrans);
		ck_assert_int_eq(m->acked, la->msgs[i].acked);
		ck_assert_uint_eq(m->n_sightings, 2);
		ck_assert_uint_eq(m->sightings[0].file, 0);
		ck_assert_uint_eq(m->sightings[1].file, 1);
		ck_assert_uint_eq(m->sightings[1].frame, m->frame);
		/* both files show ACKs: each says the same */
		ck_assert_int_eq(m->sightings[1].acked, m->sightings[0].acked);
	}
	ck_assert_uint_gt(lt->duplicates, lt->n_msgs);
	ck_assert_uint_eq(count(two.c, FW_F_REPLAY_COUNTER), 0);
	ck_assert_uint_eq(count(two.c, FW_F_M4_LOST), 1);
	same_findings(alone.c, two.c);
	run_free(&alone);
	run_free(&two);
}
END_TEST

START_TEST(test_without_merge_two_files_are_two_airs)
{
	struct run two;

	run_capture(&two, V_FILE_NOMERGE);
	ck_assert_uint_eq(fw_core_n_links(two.c), 2);
	for (size_t k = 0; k < 2; k++) {
		const struct fw_link *l = fw_core_link(two.c, k);

		ck_assert_uint_eq(l->duplicates, 0);
		for (size_t i = 0; i < l->n_msgs; i++)
			ck_assert_uint_eq(l->msgs[i].n_sightings, 1);
	}
	run_free(&two);
}
END_TEST

START_TEST(test_interface_without_acks_says_nothing)
{
	struct run alone, two;
	const struct fw_link *la, *lt;
	bool lost_seen = false;

	run_capture(&alone, V_NONE);
	run_capture(&two, V_IFACE_NOACK);
	la = fw_core_link(alone.c, 0);
	lt = fw_core_link(two.c, 0);
	ck_assert_uint_eq(la->n_msgs, lt->n_msgs);
	ck_assert_uint_eq(count(two.c, FW_F_REPLAY_COUNTER), 0);
	for (size_t i = 0; i < lt->n_msgs; i++) {
		const struct fw_msg *m = &lt->msgs[i];

		if (la->msgs[i].frame == LOST_M4) {
			/* only interface 1, which shows no ACKs, saw it: not "no" */
			lost_seen = true;
			ck_assert_uint_eq(m->n_sightings, 1);
			ck_assert_uint_eq(m->sightings[0].iface, 1);
			ck_assert_int_eq(m->acked, FW_ACK_UNKNOWN);
			continue;
		}
		ck_assert_uint_eq(m->n_sightings, 2);
		ck_assert_uint_eq(m->sightings[0].iface, 0);
		ck_assert_uint_eq(m->sightings[1].iface, 1);
		ck_assert_uint_eq(m->sightings[1].frame, m->frame + 1000);
		ck_assert_int_eq(m->sightings[1].acked, FW_ACK_UNKNOWN);
		ck_assert_int_eq(m->acked, la->msgs[i].acked);
	}
	ck_assert(lost_seen);
	run_free(&alone);
	run_free(&two);
}
END_TEST

/*
 * Sources are numbered in order of first use, and past HS_MAX_SRCS the
 * newcomers share the last; the feed tries the previous frame's source
 * first, so switching back and forth must still give each its own index.
 */
START_TEST(test_source_indices)
{
	struct fw_core *c = fw_core_new(NULL, NULL);

	ck_assert_ptr_nonnull(c);
	fw_core_add_input(c, "a.pcap", 127);
	fw_core_add_input(c, "b.pcap", 127);
	ck_assert_uint_eq(hs_src_get(c, 0, 0), 0);
	ck_assert_uint_eq(hs_src_get(c, 1, 0), 1);
	ck_assert_uint_eq(hs_src_get(c, 0, 0), 0);
	ck_assert_uint_eq(hs_src_get(c, 0, 7), 2);
	ck_assert_uint_eq(hs_src_get(c, 1, 0), 1);
	ck_assert_uint_eq(hs_src_get(c, 0, 7), 2);
	/* file 0's interfaces 100, 101, ... until the cap */
	for (unsigned i = 3; i < HS_MAX_SRCS; i++)
		ck_assert_uint_eq(hs_src_get(c, 0, 100 + i), i);
	ck_assert_uint_eq(c->n_srcs, HS_MAX_SRCS);
	ck_assert_uint_eq(hs_src_get(c, 1, 5000), HS_MAX_SRCS - 1);	/* past it: the last */
	ck_assert_uint_eq(hs_src_get(c, 1, 5000), HS_MAX_SRCS - 1);
	ck_assert_uint_eq(hs_src_get(c, 0, 0), 0);
	ck_assert_uint_eq(hs_src_get(c, 1, 5001), HS_MAX_SRCS - 1);
	ck_assert_uint_eq(hs_src_get(c, 0, 100 + HS_MAX_SRCS - 2), HS_MAX_SRCS - 2);
	ck_assert_uint_eq(hs_src_get(c, 1, 0), 1);
	ck_assert_uint_eq(c->n_srcs, HS_MAX_SRCS);
	fw_core_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sightings");
	TCase *tc = tcase_create("one air");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_second_file_is_one_air);
	tcase_add_test(tc, test_without_merge_two_files_are_two_airs);
	tcase_add_test(tc, test_interface_without_acks_says_nothing);
	tcase_add_test(tc, test_source_indices);
	suite_add_tcase(s, tc);
	return tcommon_run(s, NULL);
}
