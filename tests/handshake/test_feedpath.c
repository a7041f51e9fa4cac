/*
 * test_feedpath.c - what the feed keeps to spend less per frame and per
 * handshake gives the answers it would give without it.
 *
 *  - The ACK window (ack.h) divides a frame's bits by its rate through a
 *    multiplier kept per rate: known airtimes (bits * 1000 / rate in kb/s,
 *    rounded down, plus the PLCP preamble of the PHY, SIFS, the ACK at
 *    1 Mb/s and the slack), and the same quotient as a division for every
 *    rate a PHY names and lengths up to the largest that fits 32 bits.
 *  - A message's MIC is checked once per PTK (verify.c's memo): a link
 *    verified as a protected frame follows its handshake and again at the
 *    end checks each MIC once, and a PTK derived anew (a copy analysed by
 *    a refresh) checks them again.  Msg 3/4's Key Data is unwrapped once
 *    per PTK in the same way.
 *  - A link's ACK bits per source (ack.h's hint in the link's first line):
 *    a link heard by two sources in turn still sets both sources' bits,
 *    and an ACK of one side sets its bit while only the other side's
 *    hint names its source.
 *  - The ACK of the usual case (ack.h: one frame waiting, of its
 *    receiver, within 20 ms) is taken without the frame's window; an ACK
 *    to another receiver, one past the window (computed from the rate and
 *    length the frame kept), a corrupted one, one of two frames waiting
 *    and one after a frame was let go for room get what the search gives.
 *    Each of those cases runs twice: its ACKs given decoded, then offered
 *    first by their receiver alone (fw_core_feed_ack, as the driver offers
 *    an ACK it tells without decoding), which takes the usual case only
 *    and leaves the core untouched when it declines.
 *  - A message's rarer parts, held apart (msgmore.c): the list of MIC
 *    tries grows 1, 2, 4, 8 entries and keeps the first eight of any
 *    number counted; a MIC reason is a constant pointed to or a text
 *    formatted into a copy of the message's own, cut at 95 characters as
 *    before; the unwrapped Key Data, the tries and the reasons of a link
 *    copied for a refresh are the copy's own, equal to the original's,
 *    and a change to the copy's leaves the original's as it was.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run.h"
#include "builder.h"
#include "handshake/ack.h"
#include "handshake/core.h"
#include "handshake/internal.h"
#include "keys/keyring.h"

static struct fw_core *core(void)
{
	struct fw_core_opts o = { 0 };
	struct fw_core *c = fw_core_new(&o, NULL);

	ck_assert_ptr_nonnull(c);
	return c;
}

static uint32_t window(struct fw_core *c, uint32_t rate_kbps, size_t hdr_len, size_t body_len)
{
	struct fw_frame f;

	memset(&f, 0, sizeof(f));
	f.radio.has_rate = true;
	f.radio.rate_kbps = rate_kbps;
	f.dot11.hdr_len = hdr_len;
	f.dot11.body_len = body_len;
	return hs_ack_window(c, &f);
}

/* 16 us SIFS + 304 us ACK at 1 Mb/s (long preamble) + 1000 us slack */
#define AFTER 1320u

START_TEST(test_airtime_known)
{
	struct fw_core *c = core();

	/* 24 + 1472 + FCS 4 = 1500 bytes, 12,000 bits */
	ck_assert_uint_eq(window(c, 54000, 24, 1472), 222 + 20 + AFTER);	/* 222.2 us, OFDM */
	ck_assert_uint_eq(window(c, 1000, 24, 1472), 12000 + 192 + AFTER);	/* DSSS, long PLCP */
	ck_assert_uint_eq(window(c, 2000, 24, 1472), 6000 + 192 + AFTER);
	ck_assert_uint_eq(window(c, 11000, 24, 1472), 1090 + 20 + AFTER);	/* 1090.9 */
	ck_assert_uint_eq(window(c, 5500, 24, 1472), 2181 + 20 + AFTER);	/* 2181.8 */
	/* back to a rate seen before, and an ACK-sized frame: 14 bytes, 112 bits */
	ck_assert_uint_eq(window(c, 54000, 10, 0), 2 + 20 + AFTER);	/* 2.07 */
	ck_assert_uint_eq(window(c, 6000, 10, 0), 18 + 20 + AFTER);	/* 18.7 */
	/* HT MCS 7, 20 MHz, short GI: 72.2 Mb/s as 72200 kb/s */
	ck_assert_uint_eq(window(c, 72200, 26, 1500), 169 + 20 + AFTER);	/* 12,240 bits: 169.5 */
	/* past 2^32 / 1000 bits: the 64-bit division */
	ck_assert_uint_eq(window(c, 6000, 24, 600000), 800037 + 20 + AFTER);	/* 800037.3 */
	/* rate 1 kb/s (no PHY's): the division, not a 65-bit multiplier */
	ck_assert_uint_eq(window(c, 1, 0, 0), 32000 + 192 + AFTER);
	/* no rate: the configured window */
	{
		struct fw_frame f;

		memset(&f, 0, sizeof(f));
		ck_assert_uint_eq(hs_ack_window(c, &f), FW_CORE_ACK_WINDOW_US);
	}
	fw_core_free(c);
}
END_TEST

START_TEST(test_airtime_division)
{
	static const uint32_t rates[] = {
		1000, 2000, 5500, 11000, 6000, 9000, 12000, 18000, 24000, 36000, 48000, 54000,
		6500, 7200, 13000, 14400, 65000, 72200, 150000, 300000, 433300, 866700, 1201000,
		2402000, 500, 127500, 3, 7, 999983, 4294967295u,
	};
	struct fw_core *c = core();

	for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); r++) {
		const uint32_t d = rates[r];

		/* every byte length whose bits * 1000 fits 32 bits, and the first past it */
		for (uint64_t len = 0; (len + 4) * 8 * 1000 <= (uint64_t)UINT32_MAX + 8000; len += 1) {
			uint64_t bits = (len + 4) * 8, air;

			air = bits * 1000 / d + (d <= 2000 ? 192 : 20) + AFTER;
			if (window(c, d, 0, (size_t)len) != (uint32_t)air)
				ck_abort_msg("rate %u kb/s, %llu bytes: %u, not %llu", d,
					     (unsigned long long)len, window(c, d, 0, (size_t)len),
					     (unsigned long long)air);
			if (len > 2000)
				len += 97;	/* past the common sizes: a sample */
		}
	}
	/* the largest numerators below 2^32 at every divisor of a range */
	for (uint32_t d = 2; d < 70000; d++) {
		hs_air_rate(c, d);
		for (uint32_t n = UINT32_MAX - 3; n != 0 && n >= UINT32_MAX - 3; n++)
			ck_assert_uint_eq(hs_air_div(c, n), n / d);
		ck_assert_uint_eq(hs_air_div(c, d - 1), 0);
		ck_assert_uint_eq(hs_air_div(c, d), 1);
		ck_assert_uint_eq(hs_air_div(c, 4294967000u), 4294967000u / d);
	}
	fw_core_free(c);
}
END_TEST

static uint8_t AN[32], SN[32];

/* A CCMP data frame of the station to its AP after the handshake: no EAPOL-Key length. */
static void feed_protected(struct hsb *b, struct fw_core *c, uint64_t pn)
{
	struct fw_frame f;
	uint8_t mpdu[24 + 8 + 40 + 8];

	memset(&f, 0, sizeof(f));
	memset(mpdu, 0, sizeof(mpdu));
	f.kind = FW_KIND_PROTECTED;
	f.linktype = FW_DLT_IEEE802_11;
	f.has_dot11 = true;
	f.dot11.type = FW_T_DATA;
	f.dot11.hdr_len = 24;
	f.dot11.body = mpdu + 24;
	f.dot11.body_len = sizeof(mpdu) - 24;
	memcpy(f.ta, b->spa, 6);
	memcpy(f.sa, b->spa, 6);
	memcpy(f.ra, b->aa, 6);
	memcpy(f.da, b->aa, 6);
	memcpy(f.bssid, b->aa, 6);
	f.has_ta = true;
	f.has_pn = true;
	f.pn = pn;
	fw_core_feed(c, 0, b->frame++, b->ts_ns, &f);
	b->ts_ns += 1000000;
}

static struct fw_core *keyed_core(struct fw_keyring **kr, struct hsb *b)
{
	char err[256];
	struct fw_core_opts o = { 0 };
	struct fw_core *c;

	for (int i = 0; i < 32; i++) {
		AN[i] = (uint8_t)(0x11 + 3 * i);
		SN[i] = (uint8_t)(0x92 + 5 * i);
	}
	*kr = fw_keyring_new();
	ck_assert_ptr_nonnull(*kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(*kr, "feed path passphrase", NULL, 0,
						   "--passphrase", err, sizeof(err)), 0);
	c = fw_core_new(&o, *kr);
	ck_assert_ptr_nonnull(c);
	fw_core_add_input(c, "test.pcap", FW_DLT_IEEE802_11_RADIO);
	hsb_init(b, "feed path passphrase", "fourway-feedpath");
	hsb_beacon(b, c);
	hsb_msg(b, c, 1, 1, AN, SN, NULL);
	hsb_msg(b, c, 2, 1, AN, SN, NULL);
	hsb_msg(b, c, 3, 2, AN, SN, NULL);
	hsb_msg(b, c, 4, 2, AN, SN, NULL);
	return c;
}

static void all_ok(const struct fw_core *c)
{
	const struct fw_link *l;

	ck_assert_uint_eq(fw_core_n_links(c), 1);
	l = fw_core_link(c, 0);
	ck_assert_uint_eq(l->n_msgs, 4);
	ck_assert_int_eq(l->hs[0].outcome, FW_OUT_COMPLETE);
	for (int i = 1; i < 4; i++) {
		ck_assert_int_eq(l->msgs[i].mic, FW_MICV_OK);
		ck_assert_str_ne(l->msgs[i].key_fp, "");
		ck_assert_str_eq(l->msgs[i].key_fp, l->msgs[1].key_fp);
	}
}

START_TEST(test_mic_once_per_ptk)
{
	struct fw_keyring *kr;
	struct hsb b;
	struct fw_core *c = keyed_core(&kr, &b);
	unsigned long long before;

	/* the frame after msg 4/4 verifies the link at once (its TKs) */
	before = hs_mic_checks;
	feed_protected(&b, c, 1);
	ck_assert_uint_eq(hs_mic_checks - before, 3);	/* msg 2/4, 3/4, 4/4 */
	feed_protected(&b, c, 2);
	ck_assert_uint_eq(hs_mic_checks - before, 3);	/* nothing new: not verified again */
	/* a refresh analyses a copy, whose PTKs are the link's (copied with it) */
	fw_core_refresh(c);
	all_ok(c);
	ck_assert_uint_eq(hs_mic_checks - before, 3);
	/* the end: verified again, with the same PTK: no MIC computed */
	fw_core_finish(c);
	all_ok(c);
	ck_assert_uint_eq(hs_mic_checks - before, 3);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/*
 * Msg 3/4's Key Data is unwrapped once per PTK: the feed unwraps it (its
 * wrapped bytes fail the integrity check), the refresh's copy and the end
 * keep what that gave.
 */
START_TEST(test_keydata_once_per_ptk)
{
	struct fw_keyring *kr;
	struct hsb b;
	struct fw_core *c = keyed_core(&kr, &b);
	unsigned long long before = hs_kd_unwraps;

	feed_protected(&b, c, 1);
	ck_assert_uint_eq(hs_kd_unwraps - before, 1);
	fw_core_refresh(c);
	fw_core_finish(c);
	all_ok(c);
	ck_assert_uint_eq(hs_kd_unwraps - before, 1);
	ck_assert_str_eq(fw_msg_more(&fw_core_link(c, 0)->msgs[2])->kd_error,
			 "key data unwrap failed (integrity check)");
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(test_mic_new_ptk_checks_again)
{
	struct fw_keyring *kr;
	struct hsb b;
	struct fw_core *c = keyed_core(&kr, &b);
	unsigned long long before = hs_mic_checks;

	/* no protected frame: the refresh's copy derives the PTK and checks */
	fw_core_refresh(c);
	all_ok(c);
	ck_assert_uint_eq(hs_mic_checks - before, 3);
	/* the link itself has no PTK yet: derived anew, its MICs checked anew */
	fw_core_finish(c);
	all_ok(c);
	ck_assert_uint_eq(hs_mic_checks - before, 6);
	/* and the Key Data is unwrapped with each new PTK */
	ck_assert_str_eq(fw_msg_more(&fw_core_link(c, 0)->msgs[2])->kd_error,
			 "key data unwrap failed (integrity check)");
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/* The tries as verify.c notes them (note_try): kept while there is room, always counted. */
static void try_one(struct fw_msg *m, unsigned key_id)
{
	if (hs_msg_try_room(m)) {
		m->tried[m->n_tried].key_id = key_id;
		m->tried[m->n_tried].anonce_frame = 100 + key_id;
		m->tried[m->n_tried].snonce_frame = 200 + key_id;
	}
	m->n_tried++;
}

START_TEST(test_tries_grow_and_cap)
{
	static const unsigned cap_after[] = { 1, 2, 4, 4, 8, 8, 8, 8, 8, 8, 8 };
	struct fw_msg m;

	memset(&m, 0, sizeof(m));
	ck_assert_uint_eq(fw_msg_tries_kept(&m), 0);
	for (unsigned k = 0; k < 11; k++) {
		try_one(&m, k + 1);
		ck_assert_uint_eq(m.tried_cap, cap_after[k]);
	}
	ck_assert_uint_eq(m.n_tried, 11);
	ck_assert_uint_eq(fw_msg_tries_kept(&m), FW_MSG_MAX_TRIED);
	for (unsigned t = 0; t < FW_MSG_MAX_TRIED; t++) {
		ck_assert_uint_eq(m.tried[t].key_id, t + 1);
		ck_assert_uint_eq(m.tried[t].anonce_frame, 101 + t);
		ck_assert_uint_eq(m.tried[t].snonce_frame, 201 + t);
	}
	/* verified again: counted from 0, the array kept */
	m.n_tried = 0;
	try_one(&m, 42);
	ck_assert_uint_eq(m.tried_cap, FW_MSG_MAX_TRIED);
	ck_assert_uint_eq(fw_msg_tries_kept(&m), 1);
	ck_assert_uint_eq(m.tried[0].key_id, 42);
	/* the Key Data part: made once, empty, then the same one */
	ck_assert_ptr_null(m.more);
	ck_assert_str_eq(fw_msg_more(&m)->kd_error, "");
	ck_assert_ptr_nonnull(hs_msg_more(&m));
	ck_assert_ptr_eq(hs_msg_more(&m), m.more);
	ck_assert_uint_eq(m.more->gtk_len, 0);
	hs_msg_parts_free(&m);
	ck_assert_ptr_null(m.more);
	ck_assert_ptr_null(m.tried);
	ck_assert_uint_eq(fw_msg_tries_kept(&m), 0);
}
END_TEST

START_TEST(test_mic_reason_parts)
{
	static const char constant[] = "no usable nonce pair";
	char longer[200];
	struct fw_msg m, d;
	bool ok = true;

	memset(&m, 0, sizeof(m));
	ck_assert_str_eq(fw_msg_mic_reason(&m), "");
	/* a text that outlives the message is pointed to, not copied */
	hs_msg_reason(&m, constant);
	ck_assert_ptr_eq(m.mic_reason, constant);
	ck_assert(!m.mic_reason_owned);
	/* a formatted one is the message's own, cut as the array it replaced was */
	hs_msg_reasonf(&m, "fails with %d key%s", 3, "s");
	ck_assert(m.mic_reason_owned);
	ck_assert_str_eq(m.mic_reason, "fails with 3 keys");
	memset(longer, 'a', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	hs_msg_reasonf(&m, "%s", longer);
	ck_assert_uint_eq(strlen(m.mic_reason), FW_MIC_REASON_MAX - 1);
	/* a long constant is cut the same way, into a copy */
	hs_msg_reason(&m, longer);
	ck_assert(m.mic_reason_owned);
	ck_assert_ptr_ne(m.mic_reason, longer);
	ck_assert_uint_eq(strlen(m.mic_reason), FW_MIC_REASON_MAX - 1);
	/* a copy of the message has a copy of its own reason */
	hs_msg_reasonf(&m, "stale ANonce: frame %d", 12);
	d = m;
	hs_msg_parts_dup(&d, &m, &ok);
	ck_assert(ok);
	ck_assert(d.mic_reason_owned);
	ck_assert_ptr_ne(d.mic_reason, m.mic_reason);
	ck_assert_str_eq(d.mic_reason, "stale ANonce: frame 12");
	hs_msg_parts_free(&d);
	ck_assert_str_eq(m.mic_reason, "stale ANonce: frame 12");
	/* and shares a constant one */
	hs_msg_reason(&m, constant);
	d = m;
	hs_msg_parts_dup(&d, &m, &ok);
	ck_assert_ptr_eq(d.mic_reason, constant);
	hs_msg_parts_free(&d);
	hs_msg_reason(&m, NULL);
	ck_assert_str_eq(fw_msg_mic_reason(&m), "");
	hs_msg_parts_free(&m);
}
END_TEST

START_TEST(test_snapshot_owns_msg_parts)
{
	struct fw_keyring *kr;
	struct hsb b;
	struct fw_core *c = keyed_core(&kr, &b);
	struct hs_link *l, *s;
	struct fw_msg_more *x;

	feed_protected(&b, c, 1);	/* verifies the link: tries noted, msg 3/4 unwrapped */
	ck_assert_uint_eq(c->n_links, 1);
	l = c->links[0];
	ck_assert_ptr_nonnull(l->msgs[2].more);
	ck_assert_str_eq(l->msgs[2].more->kd_error, "key data unwrap failed (integrity check)");
	ck_assert_uint_ge(fw_msg_tries_kept(&l->msgs[1]), 1);
	s = hs_link_snapshot(l);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *a = &l->msgs[i], *y = &s->msgs[i];

		ck_assert(!a->more || (y->more && y->more != a->more &&
				       memcmp(y->more, a->more, sizeof(*a->more)) == 0));
		ck_assert(!a->more == !y->more);
		ck_assert_uint_eq(y->tried_cap, a->tried_cap);
		ck_assert(!a->tried_cap || (y->tried != a->tried &&
					   memcmp(y->tried, a->tried,
						  a->tried_cap * sizeof(*a->tried)) == 0));
	}
	x = s->msgs[2].more;
	memset(x->kd_error, 'x', sizeof(x->kd_error) - 1);
	s->msgs[1].tried[0].key_id = 999;
	ck_assert_str_eq(l->msgs[2].more->kd_error, "key data unwrap failed (integrity check)");
	ck_assert_uint_ne(l->msgs[1].tried[0].key_id, 999);
	hs_link_snapshot_free(s);
	/* the original's parts outlive the copy (the sanitizer build sees a use after free) */
	fw_core_finish(c);
	all_ok(c);
	ck_assert_str_eq(fw_msg_more(&fw_core_link(c, 0)->msgs[2])->kd_error,
			 "key data unwrap failed (integrity check)");
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/* f: a protected data frame of mpdu (a 24-byte header, then its body), from ta to ra. */
static void small_protected(struct fw_frame *f, const uint8_t *mpdu, size_t len,
			    const uint8_t ta[6], const uint8_t ra[6], uint16_t seq, uint64_t pn)
{
	memset(f, 0, sizeof(*f));
	f->kind = FW_KIND_PROTECTED;
	f->has_dot11 = true;
	f->dot11.type = FW_T_DATA;
	f->dot11.hdr_len = 24;
	f->dot11.body = mpdu + 24;
	f->dot11.body_len = len - 24;
	f->dot11.has_seq = true;
	f->dot11.seq = seq;
	memcpy(f->ta, ta, 6);
	memcpy(f->ra, ra, 6);
	f->has_ta = true;
	f->has_pn = true;
	f->pn = pn;
}

START_TEST(test_ack_bits_two_sources)
{
	struct fw_keyring *kr;
	struct hsb b;
	struct fw_core *c = keyed_core(&kr, &b);
	struct fw_frame ack;

	/* a data frame of the station and its ACK, seen by interface 0, then interface 1 */
	for (uint32_t iface = 0; iface < 2; iface++) {
		struct fw_frame f;
		uint8_t mpdu[24 + 8 + 40 + 8];

		memset(mpdu, (int)iface, sizeof(mpdu));
		small_protected(&f, mpdu, sizeof(mpdu), b.spa, b.aa, (uint16_t)(100 + iface * 7),
				10 + iface);
		fw_core_feed_iface(c, 0, iface, b.frame++, b.ts_ns, &f);
		b.ts_ns += 20000;
		memset(&ack, 0, sizeof(ack));
		ack.kind = FW_KIND_ACK;
		ack.has_dot11 = true;
		ack.dot11.type = FW_T_CTRL;
		memcpy(ack.ra, b.spa, 6);
		fw_core_feed_iface(c, 0, iface, b.frame++, b.ts_ns, &ack);
		b.ts_ns += 5000000;
	}
	{
		struct hs_link *l = c->links[0];

		ck_assert_uint_eq(c->n_srcs, 2);
		ck_assert_uint_eq(l->ack_srcs_sta, 3);	/* both sources */
		ck_assert_uint_eq(l->ack_srcs_ap, 0);
	}
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/*
 * The ACK of the usual case (one frame waiting, of the ACK's receiver, the
 * ACK within 20 ms of it) is taken without asking the frame's window; any
 * other is left to the search.  A link's watched protected frames show
 * which frame an ACK settled: each case below is one a shortcut taking
 * more than it should would settle, or settle as another frame.
 */
struct ackrig {
	struct fw_keyring *kr;
	struct hsb b;
	struct fw_core *c;
	int64_t t;		/* the latest frame's time */
	uint64_t pn;
	/*
	 * ACKs offered by their receiver alone first (fw_core_feed_ack, as the
	 * driver offers the ACKs it tells without decoding), decoded when it
	 * declines: every case below the same either way
	 */
	bool plain;
	unsigned taken;		/* ACKs fw_core_feed_ack took */
};

static void ackrig_init(struct ackrig *r, bool plain)
{
	r->c = keyed_core(&r->kr, &r->b);
	r->t = r->b.ts_ns + 100000000;	/* the handshake's frames long settled */
	r->pn = 1;
	r->plain = plain;
	r->taken = 0;
}

static void ackrig_free(struct ackrig *r)
{
	fw_core_free(r->c);
	fw_keyring_free(r->kr);
}

/*
 * A data frame of the station (or its AP), dt_ns after the latest frame,
 * hdr 24 + body bytes at rate_kbps (0: no rate); its frame number.
 */
static uint64_t ackrig_data(struct ackrig *r, bool from_ap, int64_t dt_ns, uint32_t rate_kbps,
			    size_t body)
{
	static uint8_t mpdu[24 + 1600];
	struct fw_frame f;

	memset(&f, 0, sizeof(f));
	f.kind = FW_KIND_PROTECTED;
	f.has_dot11 = true;
	f.dot11.type = FW_T_DATA;
	f.dot11.hdr_len = 24;
	f.dot11.body = mpdu + 24;
	f.dot11.body_len = body;
	f.dot11.has_seq = true;
	f.dot11.seq = (uint16_t)(r->pn & 0xfff);
	f.radio.has_rate = rate_kbps != 0;
	f.radio.rate_kbps = rate_kbps;
	memcpy(f.ta, from_ap ? r->b.aa : r->b.spa, 6);
	memcpy(f.ra, from_ap ? r->b.spa : r->b.aa, 6);
	f.has_ta = true;
	f.has_pn = true;
	f.pn = r->pn++;
	r->t += dt_ns;
	fw_core_feed(r->c, 0, r->b.frame, r->t, &f);
	return r->b.frame++;
}

/* An ACK to ra, dt_ns after the latest frame (not moving it); its frame number. */
static uint64_t ackrig_ack(struct ackrig *r, const uint8_t ra[6], int64_t dt_ns, bool bad_fcs)
{
	const uint64_t frames = r->c->inputs[0].frames, n = r->c->pending[0].n;

	/* (one with a bad FCS is never offered: fw_frame_plain_ack tells it apart) */
	if (r->plain && !bad_fcs) {
		if (fw_core_feed_ack(r->c, 0, 0, r->b.frame, r->t + dt_ns, ra)) {
			ck_assert_uint_eq(r->c->inputs[0].frames, frames + 1);
			ck_assert_uint_eq(n, 1);	/* the usual case only */
			r->taken++;
			return r->b.frame++;
		}
		/* declined: nothing done */
		ck_assert_uint_eq(r->c->inputs[0].frames, frames);
		ck_assert_uint_eq(r->c->pending[0].n, n);
	}
	return hsb_ack_at(&r->b, r->c, ra, r->t + dt_ns, bad_fcs);
}

/* The verdict the feed gave the link's i-th watched protected frame, and by which ACK. */
static enum fw_acked ackrig_verdict(const struct ackrig *r, size_t i, uint64_t *ack_frame)
{
	const struct hs_link *l = r->c->links[0];

	ck_assert_uint_gt(l->n_pframes, i);
	ck_assert_uint_eq(l->pframes[i].n_sightings, 1);
	*ack_frame = l->pframes[i].sightings[0].ack_frame;
	return l->pframes[i].sightings[0].acked;
}

#define MS 1000000
#define US 1000

START_TEST(test_ack_shortcut_takes_only_its_own)
{
	struct ackrig r;
	uint64_t a, got;
	size_t i = 0;

	ackrig_init(&r, _i);
	/* the usual case: taken */
	ackrig_data(&r, false, 100 * MS, 54000, 110);
	a = ackrig_ack(&r, r.b.spa, 30 * US, false);
	ck_assert_int_eq(ackrig_verdict(&r, i++, &got), FW_ACK_YES);
	ck_assert_uint_eq(got, a);
	ck_assert_uint_eq(r.c->pending[0].n, 0);
	ck_assert_uint_eq(r.taken, r.plain ? 1 : 0);
	/* an ACK to the other side: not the station's frame's */
	ackrig_data(&r, false, 100 * MS, 54000, 110);
	ackrig_ack(&r, r.b.aa, 30 * US, false);
	ck_assert_int_eq(ackrig_verdict(&r, i++, &got), FW_ACK_UNKNOWN);
	ck_assert_uint_eq(r.c->pending[0].n, 1);
	/* an ACK the receiver saw corrupted, then a good one */
	ackrig_data(&r, false, 100 * MS, 54000, 110);
	ackrig_ack(&r, r.b.spa, 30 * US, true);
	ck_assert_int_eq(ackrig_verdict(&r, i, &got), FW_ACK_UNKNOWN);
	ck_assert_uint_eq(r.c->pending[0].n, 1);
	a = ackrig_ack(&r, r.b.spa, 60 * US, false);
	ck_assert_int_eq(ackrig_verdict(&r, i++, &got), FW_ACK_YES);
	ck_assert_uint_eq(got, a);
	/*
	 * two frames of the station waiting, the second 10 ms after the first:
	 * the ACK right after the second is the second's (the first's window,
	 * 1,360 us, has passed; only a late ACK could still be its)
	 */
	ackrig_data(&r, false, 100 * MS, 54000, 110);
	ackrig_data(&r, false, 10 * MS, 54000, 110);
	a = ackrig_ack(&r, r.b.spa, 30 * US, false);
	ck_assert_int_eq(ackrig_verdict(&r, i++, &got), FW_ACK_UNKNOWN);
	ck_assert_int_eq(ackrig_verdict(&r, i++, &got), FW_ACK_YES);
	ck_assert_uint_eq(got, a);
	ck_assert_uint_eq(r.c->pending[0].n, 1);
	ck_assert_int_eq(r.c->pending[0].q[0].ts_ns, r.t - 10 * MS);
	ackrig_free(&r);
}
END_TEST

/*
 * A frame 100 ms after the one before (of the AP or the station, at
 * rate_kbps, body of len bytes), then an ACK to its sender dt_ns after
 * it: taken by the i-th watched frame when taken, left to it otherwise.
 */
static void late_ack(struct ackrig *r, size_t *i, bool from_ap, uint32_t rate_kbps, size_t len,
		     int64_t dt_ns, bool taken)
{
	uint64_t a, got;

	ackrig_data(r, from_ap, 100 * MS, rate_kbps, len);
	a = ackrig_ack(r, from_ap ? r->b.aa : r->b.spa, dt_ns, false);
	ck_assert_int_eq(ackrig_verdict(r, (*i)++, &got), taken ? FW_ACK_YES : FW_ACK_UNKNOWN);
	if (taken)
		ck_assert_uint_eq(got, a);
}

/*
 * Past 20 ms (the delay of late ACKs) the frame's own window decides: its
 * airtime at its rate and length, SIFS, the ACK and the slack.
 */
START_TEST(test_ack_late_by_the_window)
{
	struct ackrig r;
	uint64_t got;
	size_t i = 0;

	ackrig_init(&r, _i);
	/* 24 + 110 + FCS 4 bytes at 54 Mb/s: 20.4 us, + 20 + 1,320: 1,360 us */
	late_ack(&r, &i, false, 54000, 110, 21350 * US, true);
	late_ack(&r, &i, false, 54000, 110, 21370 * US, false);
	/* 1,500 bytes at 1 Mb/s: 12,000 us, + 192 (long PLCP) + 1,320: 13,512 us */
	late_ack(&r, &i, false, 1000, 1472, 33500 * US, true);
	late_ack(&r, &i, false, 1000, 1472, 33520 * US, false);
	/* no rate: the default window, 5 ms */
	late_ack(&r, &i, true, 0, 110, 24990 * US, true);
	late_ack(&r, &i, true, 0, 110, 25010 * US, false);
	/* the next frame finds that one's window passed: not acknowledged */
	ackrig_data(&r, true, 100 * MS, 0, 110);
	ck_assert_int_eq(ackrig_verdict(&r, i - 1, &got), FW_ACK_NO);
	ackrig_free(&r);
}
END_TEST

/*
 * A frame let go for room (a full queue) may still be answered while its
 * transmitter's are: the last one waiting, taken by an ACK of the usual
 * kind, extends that to its own window.
 */
START_TEST(test_ack_after_room_made)
{
	struct ackrig r;

	ackrig_init(&r, _i);
	/* 17 frames 10 us apart, no ACK yet: the 17th lets the 13th go (the first 12 are kept) */
	ackrig_data(&r, false, 100 * MS, 54000, 110);
	for (int k = 1; k < HS_ACK_QUEUE + 1; k++)
		ackrig_data(&r, false, 10 * US, 54000, 110);
	ck_assert_uint_eq(r.c->pending[0].n, HS_ACK_QUEUE);
	ck_assert_uint_eq(r.c->pending[0].evicted, 1);
	ck_assert_int_eq(r.c->pending[0].evicted_until_ns, r.t - 4 * 10 * US + 21360 * US);
	/* their ACKs, oldest first: the last takes the 17th */
	for (int k = 0; k < HS_ACK_QUEUE; k++)
		ackrig_ack(&r, r.b.spa, (k + 1) * 10 * US, false);
	ck_assert_uint_eq(r.c->pending[0].n, 0);
	ck_assert_int_eq(r.c->pending[0].evicted_until_ns, r.t + 21360 * US);
	ackrig_free(&r);
}
END_TEST

/*
 * An ACK writes a link's bit only while the link's hints do not both name
 * its source: one side's hint naming it is not enough, whichever side,
 * and a second source's ACK of a side the first had set still sets its
 * own bit.
 */
START_TEST(test_ack_bits_both_sides)
{
	struct ackrig r;
	struct hs_link *l;
	struct fw_frame ack;

	ackrig_init(&r, _i);
	l = r.c->links[0];
	/* past the frames the link keeps after msg 3/4, whose ACKs are settled in any case */
	for (int k = 0; k < HS_PFRAMES_PER_M3; k++)
		ackrig_data(&r, false, 100 * MS, 54000, 110);
	ck_assert_uint_eq(l->n_pframes, HS_PFRAMES_PER_M3);
	ck_assert_uint_eq(l->ack_srcs_ap | l->ack_srcs_sta, 0);
	memset(&ack, 0, sizeof(ack));
	ack.kind = FW_KIND_ACK;
	ack.has_dot11 = true;
	ack.dot11.type = FW_T_CTRL;
	for (int k = 0; k < 4; k++) {
		/* source 0 hears the AP then the station, source 1 the station then the AP */
		static const uint32_t iface[4] = { 0, 0, 1, 1 };
		static const bool from_ap[4] = { true, false, false, true };
		struct fw_frame f;
		uint8_t mpdu[24 + 8 + 40 + 8];

		memset(mpdu, k, sizeof(mpdu));
		small_protected(&f, mpdu, sizeof(mpdu), from_ap[k] ? r.b.aa : r.b.spa,
				from_ap[k] ? r.b.spa : r.b.aa, (uint16_t)(200 + k), 20 + (uint64_t)k);
		r.t += 100 * MS;
		fw_core_feed_iface(r.c, 0, iface[k], r.b.frame++, r.t, &f);
		memcpy(ack.ra, f.ta, 6);
		fw_core_feed_iface(r.c, 0, iface[k], r.b.frame++, r.t + 30 * US, &ack);
		if (k == 1)
			ck_assert_uint_eq(l->ack_hint_ap == 1 && l->ack_hint_sta == 1, 1);
	}
	ck_assert_uint_eq(l->ack_srcs_ap, 3);	/* both sources, each side */
	ck_assert_uint_eq(l->ack_srcs_sta, 3);
	ackrig_free(&r);
}
END_TEST

static Suite *feedpath_suite(void)
{
	Suite *s = suite_create("feedpath");
	TCase *tc = tcase_create("feedpath");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_airtime_known);
	tcase_add_test(tc, test_airtime_division);
	tcase_add_test(tc, test_mic_once_per_ptk);
	tcase_add_test(tc, test_keydata_once_per_ptk);
	tcase_add_test(tc, test_mic_new_ptk_checks_again);
	tcase_add_test(tc, test_tries_grow_and_cap);
	tcase_add_test(tc, test_mic_reason_parts);
	tcase_add_test(tc, test_snapshot_owns_msg_parts);
	tcase_add_test(tc, test_ack_bits_two_sources);
	tcase_add_loop_test(tc, test_ack_shortcut_takes_only_its_own, 0, 2);
	tcase_add_loop_test(tc, test_ack_late_by_the_window, 0, 2);
	tcase_add_loop_test(tc, test_ack_after_room_made, 0, 2);
	tcase_add_loop_test(tc, test_ack_bits_both_sides, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tcommon_run(feedpath_suite(), NULL);
}
