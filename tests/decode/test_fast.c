/*
 * The decoder's fast paths (radiotap.c rt_fast, frame_dot11.c dot11_fast)
 * held to known answers: a radiotap header of one present word among bits
 * 0..6 (offsets from radiotap.org's alignment rules), ACK and CTS (IEEE
 * 802.11-2020 9.3.1.3, 9.3.1.4), protected Data and QoS Data under each
 * To DS / From DS meaning (9.3.2.1 Table 9-42) with the CCMP/GCMP header
 * (12.5.3.2, 12.5.5.2) or TKIP's (12.5.2.2), unprotected management frames
 * of each subtype fourway reads (9.3.3).  Each case is built byte by
 * byte and compared field by field with a struct fw_frame written from the
 * standard's layout; the edges are a frame just long enough for its path
 * and one byte short of it (which the general path must then name), an FCS
 * at the end, and headers that leave the fast path.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "../common/named.h"
#include "decode/frame.h"
#include "suites.h"
#include "util/err.h"

#define BIT(n) (UINT32_C(1) << (n))

static const uint8_t A1[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x01 };
static const uint8_t A2[6] = { 0x02, 0x55, 0x66, 0x77, 0x88, 0x02 };
static const uint8_t A3[6] = { 0x02, 0x99, 0xaa, 0xbb, 0xcc, 0x03 };
static const uint8_t A4[6] = { 0x02, 0xdd, 0xee, 0xff, 0x00, 0x04 };

#define TSFT UINT64_C(0x0102030405060708)
#define RT23 23		/* the header rt_common writes */

/*
 * TSFT @8, Flags @16, Rate @17, Channel @18 (2-aligned), dBm signal @22:
 * 23 bytes, present word 0x2f.
 */
static void rt_common(struct tbuf *t, uint8_t flags)
{
	t->n = 0;
	put_u8(t, 0);
	put_u8(t, 0);
	put_le16(t, RT23);
	put_le32(t, BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(5));
	put_le64(t, TSFT);
	put_u8(t, flags);
	put_u8(t, 12);			/* 6 Mb/s */
	put_le16(t, 2437);
	put_le16(t, 0x00a0);
	put_u8(t, (uint8_t)-57);
}

/* A header of the Rate field alone (bit 2, 1/1): 9 bytes, it_len saying it_len. */
static void rt_rate_only(struct tbuf *t, uint16_t it_len, uint8_t rate)
{
	t->n = 0;
	put_u8(t, 0);
	put_u8(t, 0);
	put_le16(t, it_len);
	put_le32(t, BIT(2));
	put_u8(t, rate);
}

/* What rt_common's header says, by radiotap.org's field definitions. */
static void want_rt_common(struct fw_frame *w, uint8_t flags)
{
	memset(w, 0, sizeof(*w));
	w->linktype = FW_DLT_IEEE802_11_RADIO;
	w->radio.has_tsft = true;
	w->radio.tsft = TSFT;
	w->radio.fcs_at_end = (flags & 0x10) != 0;
	w->radio.bad_fcs = (flags & 0x40) != 0;
	w->radio.short_preamble = (flags & 0x02) != 0;
	w->radio.has_rate = true;
	w->radio.rate_kbps = 6000;
	w->radio.has_freq = true;
	w->radio.freq_mhz = 2437;
	w->radio.chan_flags = 0x00a0;
	w->radio.has_signal = true;
	w->radio.signal_dbm = -57;
	w->radio.hdr_len = RT23;
}

/* Every field of the frame up to the EAPOL part, and the has_* flags after it. */
static void same_frame(const char *what, const struct fw_frame *g, const struct fw_frame *w)
{
	const struct fw_radio *gr = &g->radio, *wr = &w->radio;
	const struct fw_dot11 *gh = &g->dot11, *wh = &w->dot11;

	tc_int_cmp(what, g->status, ==, w->status);
	tc_true(what, (g->err_field == NULL) == (w->err_field == NULL));
	if (w->err_field)
		tc_str_cmp(what, g->err_field, ==, w->err_field);
	tc_uint_cmp(what, g->err_off, ==, w->err_off);
	tc_int_cmp(what, g->linktype, ==, w->linktype);
	tc_int_cmp(what, g->kind, ==, w->kind);

	tc_int_cmp(what, gr->has_tsft, ==, wr->has_tsft);
	tc_uint_cmp(what, gr->tsft, ==, wr->tsft);
	tc_int_cmp(what, gr->has_freq, ==, wr->has_freq);
	tc_uint_cmp(what, gr->freq_mhz, ==, wr->freq_mhz);
	tc_uint_cmp(what, gr->chan_flags, ==, wr->chan_flags);
	tc_int_cmp(what, gr->has_signal, ==, wr->has_signal);
	tc_int_cmp(what, gr->signal_dbm, ==, wr->signal_dbm);
	tc_int_cmp(what, gr->has_noise, ==, wr->has_noise);
	tc_int_cmp(what, gr->noise_dbm, ==, wr->noise_dbm);
	tc_int_cmp(what, gr->has_rate, ==, wr->has_rate);
	tc_uint_cmp(what, gr->rate_kbps, ==, wr->rate_kbps);
	tc_int_cmp(what, gr->fcs_at_end, ==, wr->fcs_at_end);
	tc_int_cmp(what, gr->bad_fcs, ==, wr->bad_fcs);
	tc_int_cmp(what, gr->short_preamble, ==, wr->short_preamble);
	tc_uint_cmp(what, gr->hdr_len, ==, wr->hdr_len);

	tc_int_cmp(what, g->has_dot11, ==, w->has_dot11);
	tc_uint_cmp(what, gh->fc, ==, wh->fc);
	tc_uint_cmp(what, gh->type, ==, wh->type);
	tc_uint_cmp(what, gh->subtype, ==, wh->subtype);
	tc_int_cmp(what, gh->to_ds, ==, wh->to_ds);
	tc_int_cmp(what, gh->from_ds, ==, wh->from_ds);
	tc_int_cmp(what, gh->more_frag, ==, wh->more_frag);
	tc_int_cmp(what, gh->retry, ==, wh->retry);
	tc_int_cmp(what, gh->protected_, ==, wh->protected_);
	tc_int_cmp(what, gh->order, ==, wh->order);
	tc_uint_cmp(what, gh->duration, ==, wh->duration);
	tc_uint_cmp(what, gh->n_addr, ==, wh->n_addr);
	tc_mem_eq(what, gh->a1, wh->a1, 6);
	tc_mem_eq(what, gh->a2, wh->a2, 6);
	tc_mem_eq(what, gh->a3, wh->a3, 6);
	tc_mem_eq(what, gh->a4, wh->a4, 6);
	tc_int_cmp(what, gh->has_seq, ==, wh->has_seq);
	tc_uint_cmp(what, gh->seq, ==, wh->seq);
	tc_uint_cmp(what, gh->frag, ==, wh->frag);
	tc_int_cmp(what, gh->qos, ==, wh->qos);
	tc_uint_cmp(what, gh->tid, ==, wh->tid);
	tc_uint_cmp(what, gh->qos_ctl, ==, wh->qos_ctl);
	tc_int_cmp(what, gh->has_htc, ==, wh->has_htc);
	tc_uint_cmp(what, gh->hdr_len, ==, wh->hdr_len);
	tc_true(what, gh->body == wh->body);
	tc_uint_cmp(what, gh->body_len, ==, wh->body_len);
	tc_int_cmp(what, gh->has_ba, ==, wh->has_ba);
	tc_uint_cmp(what, gh->ba_ssn, ==, wh->ba_ssn);
	tc_uint_cmp(what, gh->ba_bitmap, ==, wh->ba_bitmap);
	tc_uint_cmp(what, gh->ba_tid, ==, wh->ba_tid);

	tc_mem_eq(what, g->sa, w->sa, 6);
	tc_mem_eq(what, g->da, w->da, 6);
	tc_mem_eq(what, g->ta, w->ta, 6);
	tc_mem_eq(what, g->ra, w->ra, 6);
	tc_mem_eq(what, g->bssid, w->bssid, 6);
	tc_int_cmp(what, g->has_ta, ==, w->has_ta);
	tc_true(what, g->ies == w->ies);
	tc_uint_cmp(what, g->ies_len, ==, w->ies_len);
	tc_uint_cmp(what, g->reason, ==, w->reason);
	tc_uint_cmp(what, g->auth_alg, ==, w->auth_alg);
	tc_uint_cmp(what, g->auth_seq, ==, w->auth_seq);
	tc_uint_cmp(what, g->status_code, ==, w->status_code);
	tc_uint_cmp(what, g->sae_group, ==, w->sae_group);
	tc_int_cmp(what, g->has_action, ==, w->has_action);
	tc_int_cmp(what, g->has_sa_query, ==, w->has_sa_query);
	tc_int_cmp(what, g->has_pn, ==, w->has_pn);
	tc_uint_cmp(what, g->pn, ==, w->pn);
	tc_uint_cmp(what, g->keyid, ==, w->keyid);
	tc_int_cmp(what, g->tkip_iv, ==, w->tkip_iv);
	tc_int_cmp(what, g->has_eapol, ==, w->has_eapol);
	tc_int_cmp(what, g->has_key, ==, w->has_key);
	tc_int_cmp(what, g->has_radius, ==, w->has_radius);
}

/* Decode t (radiotap) into a frame that holds garbage first, as a reused one would. */
static int decode(struct fw_frame *f, const struct tbuf *t, size_t len)
{
	memset(f, 0xa5, sizeof(*f));
	return fw_frame_decode(f, FW_DLT_IEEE802_11_RADIO, t->b, len);
}

/* An ACK or CTS after rt_common: Frame Control, Duration 0x002c, RA = A1. */
static void put_ctrl(struct tbuf *t, uint8_t fc0, uint8_t fc1)
{
	put_u8(t, fc0);
	put_u8(t, fc1);
	put_le16(t, 0x002c);
	put(t, A1, 6);
}

/* 9.2.4.1: what every expected frame's Frame Control says, of type type. */
static void want_fc(struct fw_frame *w, unsigned type, uint8_t fc0, uint8_t fc1)
{
	w->has_dot11 = true;
	w->dot11.fc = (uint16_t)(fc0 | fc1 << 8);
	w->dot11.type = (uint8_t)type;
	w->dot11.subtype = fc0 >> 4;
	w->dot11.to_ds = fc1 & 0x01;
	w->dot11.from_ds = (fc1 >> 1) & 1;
	w->dot11.more_frag = (fc1 >> 2) & 1;
	w->dot11.retry = (fc1 >> 3) & 1;
}

/* 9.3.1.3 / 9.3.1.4: one address; the body is whatever follows the 10 octets. */
static void want_ctrl(struct fw_frame *w, const struct tbuf *t, uint8_t fc0, uint8_t fc1,
		      size_t mpdu_len)
{
	want_fc(w, 1, fc0, fc1);
	w->dot11.protected_ = (fc1 >> 6) & 1;
	w->dot11.order = (fc1 >> 7) & 1;
	w->dot11.duration = 0x002c;
	w->dot11.n_addr = 1;
	memcpy(w->dot11.a1, A1, 6);
	w->dot11.hdr_len = 10;
	w->dot11.body = t->b + RT23 + 10;
	w->dot11.body_len = mpdu_len - 10;
	memcpy(w->ra, A1, 6);
	if (fc0 == 0xd4)
		w->kind = FW_KIND_ACK;
}

START_TEST(test_fast_ack_cts)
{
	static const struct { uint8_t fc0, fc1, rt_flags; size_t tail; const char *name; } cases[] = {
		{ 0xd4, 0x00, 0x00, 0, "ack" },
		{ 0xc4, 0x00, 0x00, 0, "cts" },
		{ 0xd4, 0x10, 0x00, 0, "ack, power management" },
		{ 0xd4, 0x08, 0x00, 0, "ack, retry" },
		{ 0xd4, 0x01, 0x00, 0, "ack, to ds" },
		{ 0xd4, 0x00, 0x10, 4, "ack, fcs at end" },
		{ 0xc4, 0x00, 0x12, 4, "cts, fcs at end, short preamble" },
		{ 0xd4, 0x00, 0x00, 4, "ack, 4 bytes more, no fcs flag" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tbuf t;
		struct fw_frame f, w;
		char what[96];
		size_t fcs = (cases[i].rt_flags & 0x10) ? 4 : 0;

		rt_common(&t, cases[i].rt_flags);
		put_ctrl(&t, cases[i].fc0, cases[i].fc1);
		put_fill(&t, 0xee, cases[i].tail);
		/* just long enough */
		snprintf(what, sizeof(what), "%s, %zu bytes", cases[i].name, t.n);
		ck_assert_int_eq(decode(&f, &t, t.n), 0);
		want_rt_common(&w, cases[i].rt_flags);
		want_ctrl(&w, &t, cases[i].fc0, cases[i].fc1, t.n - RT23 - fcs);
		same_frame(what, &f, &w);
		/* one byte short (of the frame, or of the FCS after it) */
		snprintf(what, sizeof(what), "%s, %zu bytes", cases[i].name, t.n - 1);
		if (!cases[i].tail || fcs) {
			tc_int_cmp(what, decode(&f, &t, t.n - 1), ==, FW_ETRUNC);
			tc_str_cmp(what, f.err_field, ==, "address 1");
			tc_uint_cmp(what, f.err_off, ==, RT23 + 4);
			tc_true(what, !f.has_dot11 && f.kind == FW_KIND_OTHER);
			tc_true(what, f.radio.has_tsft && f.radio.tsft == TSFT);
			continue;
		}
		ck_assert_int_eq(decode(&f, &t, t.n - 1), 0);
		want_rt_common(&w, cases[i].rt_flags);
		want_ctrl(&w, &t, cases[i].fc0, cases[i].fc1, t.n - 1 - RT23);
		same_frame(what, &f, &w);
	}
}
END_TEST

/* FCS flagged, and fewer bytes than an FCS after the header. */
START_TEST(test_fast_fcs_short)
{
	struct tbuf t;
	struct fw_frame f, w;

	rt_common(&t, 0x10);
	put_fill(&t, 0, 3);
	ck_assert_int_eq(decode(&f, &t, t.n), FW_ETRUNC);
	want_rt_common(&w, 0x10);
	w.status = FW_ETRUNC;
	w.err_field = "fcs";
	w.err_off = RT23;
	same_frame("3 bytes after the header, fcs flagged", &f, &w);
}
END_TEST

/*
 * Protected data: FC, Duration 0x0030, A1..A3, Sequence Control (sequence
 * 0x123, fragment 0), QoS Control when qos, then the 8-octet IV and a body.
 */
static void put_protected(struct tbuf *t, uint8_t fc0, uint8_t fc1, const uint8_t iv[8],
			  size_t body)
{
	put_u8(t, fc0);
	put_u8(t, fc1);
	put_le16(t, 0x0030);
	put(t, A1, 6);
	put(t, A2, 6);
	put(t, A3, 6);
	put_le16(t, 0x123 << 4);
	if (fc0 & 0x80)
		put_le16(t, 0x0005);	/* TID 5 */
	put(t, iv, 8);
	put_fill(t, 0x77, body);
}

/* The general layout of 9.3.2.1 and Table 9-42, and the PN as iv says. */
static void want_protected(struct fw_frame *w, const struct tbuf *t, uint8_t fc0, uint8_t fc1,
			   size_t mpdu_len, uint64_t pn, uint8_t keyid, bool tkip)
{
	size_t hdr = (fc0 & 0x80) ? 26 : 24;

	w->kind = FW_KIND_PROTECTED;
	want_fc(w, 2, fc0, fc1);
	w->dot11.protected_ = true;
	w->dot11.duration = 0x0030;
	w->dot11.n_addr = 3;
	memcpy(w->dot11.a1, A1, 6);
	memcpy(w->dot11.a2, A2, 6);
	memcpy(w->dot11.a3, A3, 6);
	w->dot11.has_seq = true;
	w->dot11.seq = 0x123;
	if (fc0 & 0x80) {
		w->dot11.qos = true;
		w->dot11.tid = 5;
		w->dot11.qos_ctl = 5;
	}
	w->dot11.hdr_len = hdr;
	w->dot11.body = t->b + RT23 + hdr;
	w->dot11.body_len = mpdu_len - hdr;
	memcpy(w->ra, A1, 6);
	memcpy(w->ta, A2, 6);
	w->has_ta = true;
	switch (fc1 & 3) {
	case 0:
		memcpy(w->da, A1, 6);
		memcpy(w->sa, A2, 6);
		memcpy(w->bssid, A3, 6);
		break;
	case 1:
		memcpy(w->bssid, A1, 6);
		memcpy(w->sa, A2, 6);
		memcpy(w->da, A3, 6);
		break;
	default:
		memcpy(w->da, A1, 6);
		memcpy(w->bssid, A2, 6);
		memcpy(w->sa, A3, 6);
		break;
	}
	w->has_pn = true;
	w->pn = pn;
	w->keyid = keyid;
	w->tkip_iv = tkip;
}

/* CCMP: PN0 PN1 0 KeyID|ExtIV PN2..PN5; PN 0x3a3b3c3d1a1b, key 2 */
static const uint8_t IV_CCMP[8] = { 0x1b, 0x1a, 0x00, 0xa0, 0x3d, 0x3c, 0x3b, 0x3a };
#define PN_CCMP UINT64_C(0x3a3b3c3d1a1b)
/* TKIP: TSC1 (TSC1|0x20)&0x7f TSC0 KeyID|ExtIV TSC2..TSC5; TSC 0x44332211abcd, key 1 */
static const uint8_t IV_TKIP[8] = { 0xab, 0x2b, 0xcd, 0x60, 0x11, 0x22, 0x33, 0x44 };
#define PN_TKIP UINT64_C(0x44332211abcd)

START_TEST(test_fast_protected)
{
	static const struct {
		uint8_t fc0, fc1, rt_flags;
		const uint8_t *iv;
		uint64_t pn;
		uint8_t keyid;
		bool tkip;
		const char *name;
	} cases[] = {
		{ 0x08, 0x41, 0x00, IV_CCMP, PN_CCMP, 2, false, "data to ds" },
		{ 0x08, 0x42, 0x00, IV_CCMP, PN_CCMP, 2, false, "data from ds" },
		{ 0x08, 0x40, 0x00, IV_CCMP, PN_CCMP, 2, false, "data, no ds bit" },
		{ 0x88, 0x41, 0x00, IV_CCMP, PN_CCMP, 2, false, "qos data to ds" },
		{ 0x88, 0x4a, 0x10, IV_CCMP, PN_CCMP, 2, false, "qos data from ds, retry, fcs" },
		{ 0x08, 0x7d, 0x10, IV_CCMP, PN_CCMP, 2, false, "data to ds, all flags, fcs" },
		{ 0x08, 0x41, 0x00, IV_TKIP, PN_TKIP, 1, true, "tkip to ds" },
		{ 0x88, 0x42, 0x10, IV_TKIP, PN_TKIP, 1, true, "tkip qos from ds, fcs" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t hdr = (cases[i].fc0 & 0x80) ? 26 : 24;
		size_t fcs = (cases[i].rt_flags & 0x10) ? 4 : 0;

		for (size_t body = 0; body <= 16; body += 16) {
			struct tbuf t;
			struct fw_frame f, w;
			char what[96];

			rt_common(&t, cases[i].rt_flags);
			put_protected(&t, cases[i].fc0, cases[i].fc1, cases[i].iv, body + fcs);
			snprintf(what, sizeof(what), "%s, %zu bytes", cases[i].name, t.n);
			ck_assert_int_eq(decode(&f, &t, t.n), 0);
			want_rt_common(&w, cases[i].rt_flags);
			want_protected(&w, &t, cases[i].fc0, cases[i].fc1, t.n - RT23 - fcs,
				       cases[i].pn, cases[i].keyid, cases[i].tkip);
			same_frame(what, &f, &w);
			if (body)
				continue;
			/* one byte short of the extended IV (or of the FCS after it) */
			snprintf(what, sizeof(what), "%s, %zu bytes", cases[i].name, t.n - 1);
			ck_assert_int_eq(decode(&f, &t, t.n - 1), FW_ETRUNC);
			tc_str_cmp(what, f.err_field, ==, "extended iv");
			tc_uint_cmp(what, f.err_off, ==, RT23 + hdr + 4);
			tc_int_cmp(what, f.kind, ==, FW_KIND_PROTECTED);
			tc_uint_cmp(what, f.keyid, ==, cases[i].keyid);
			tc_true(what, f.has_dot11 && !f.has_pn && f.dot11.hdr_len == hdr);
			tc_mem_eq(what, f.ta, A2, 6);
		}
	}
}
END_TEST

/* Data frames the fast path leaves to the general one, with their known answers. */
START_TEST(test_fast_protected_others)
{
	struct tbuf t;
	struct fw_frame f, w;

	/* WEP: KeyID without Extended IV: a key id, no packet number */
	rt_common(&t, 0);
	put_protected(&t, 0x08, 0x41, (const uint8_t *)"\x11\x22\x33\xc0\x00\x00\x00\x00", 0);
	ck_assert_int_eq(decode(&f, &t, t.n), 0);
	want_rt_common(&w, 0);
	want_protected(&w, &t, 0x08, 0x41, t.n - RT23, 0, 3, false);
	w.has_pn = false;
	same_frame("wep", &f, &w);

	/* four addresses (To DS and From DS): DA = A3, SA = A4, no BSSID (Table 9-42) */
	t.n = 0;
	rt_common(&t, 0);
	put_u8(&t, 0x08);
	put_u8(&t, 0x43);
	put_le16(&t, 0x0030);
	put(&t, A1, 6);
	put(&t, A2, 6);
	put(&t, A3, 6);
	put_le16(&t, 0x123 << 4);
	put(&t, A4, 6);
	put(&t, IV_CCMP, 8);
	ck_assert_int_eq(decode(&f, &t, t.n), 0);
	want_rt_common(&w, 0);
	want_protected(&w, &t, 0x08, 0x43, t.n - RT23, PN_CCMP, 2, false);
	w.dot11.n_addr = 4;
	memcpy(w.dot11.a4, A4, 6);
	w.dot11.hdr_len = 30;
	w.dot11.body = t.b + RT23 + 30;
	w.dot11.body_len = 8;
	memcpy(w.da, A3, 6);
	memcpy(w.sa, A4, 6);
	memset(w.bssid, 0, 6);
	same_frame("four addresses", &f, &w);

	/* QoS data with Order: a 4-octet HT Control before the IV (9.2.4.1.10) */
	rt_common(&t, 0);
	put_u8(&t, 0x88);
	put_u8(&t, 0xc1);
	put_le16(&t, 0x0030);
	put(&t, A1, 6);
	put(&t, A2, 6);
	put(&t, A3, 6);
	put_le16(&t, 0x123 << 4);
	put_le16(&t, 0x0005);
	put_fill(&t, 0xff, 4);		/* (an Extended IV bit, were it read as an IV) */
	put(&t, IV_CCMP, 8);
	ck_assert_int_eq(decode(&f, &t, t.n), 0);
	want_rt_common(&w, 0);
	want_protected(&w, &t, 0x88, 0xc1, t.n - RT23, PN_CCMP, 2, false);
	w.dot11.order = true;
	w.dot11.has_htc = true;
	w.dot11.hdr_len = 30;
	w.dot11.body = t.b + RT23 + 30;
	w.dot11.body_len = 8;
	same_frame("qos data, +htc", &f, &w);

	/* unprotected data: not the fast path's, and not protected */
	rt_common(&t, 0);
	put_protected(&t, 0x08, 0x01, IV_CCMP, 0);
	ck_assert_int_eq(decode(&f, &t, t.n), 0);
	ck_assert_int_eq(f.kind, FW_KIND_DATA);
	ck_assert(!f.has_pn && !f.dot11.protected_);
}
END_TEST

/* A management header after rt_common: 9.3.3.1, Duration 0x013a, Sequence 0x456 fragment 0. */
static void put_mgmt(struct tbuf *t, uint8_t fc0, uint8_t fc1)
{
	put_u8(t, fc0);
	put_u8(t, fc1);
	put_le16(t, 0x013a);
	put(t, A1, 6);
	put(t, A2, 6);
	put(t, A3, 6);
	put_le16(t, 0x456 << 4);
}

/* 9.3.3.1: DA = A1, SA = A2, BSSID = A3 whatever the DS bits; the body after 24 octets. */
static void want_mgmt(struct fw_frame *w, const struct tbuf *t, uint8_t fc0, uint8_t fc1,
		      size_t mpdu_len)
{
	want_fc(w, 0, fc0, fc1);
	w->dot11.duration = 0x013a;
	w->dot11.n_addr = 3;
	memcpy(w->dot11.a1, A1, 6);
	memcpy(w->dot11.a2, A2, 6);
	memcpy(w->dot11.a3, A3, 6);
	w->dot11.has_seq = true;
	w->dot11.seq = 0x456;
	w->dot11.hdr_len = 24;
	w->dot11.body = t->b + RT23 + 24;
	w->dot11.body_len = mpdu_len - 24;
	memcpy(w->ra, A1, 6);
	memcpy(w->ta, A2, 6);
	w->has_ta = true;
	memcpy(w->da, A1, 6);
	memcpy(w->sa, A2, 6);
	memcpy(w->bssid, A3, 6);
}

/*
 * Unprotected management frames without +HTC (mgmt_header): each
 * subtype's fixed fields (9.3.3.3 to 9.3.3.13) and where its elements
 * start, with and without an FCS and the header's flags; one byte short
 * of the fixed fields names them, one short of the header names the field
 * cut, and the Order and Protected bits leave the short cut.
 */
START_TEST(test_fast_mgmt)
{
	static const struct {
		uint8_t fc0, fc1;
		size_t fixed;		/* bytes before the elements */
		int kind;
		const char *fixed_name;	/* what a body one byte short names */
		const char *name;
	} cases[] = {
		{ 0x80, 0x00, 12, FW_KIND_BEACON, "beacon fixed fields", "beacon" },
		{ 0x50, 0x08, 12, FW_KIND_PROBE_RESP, "beacon fixed fields", "probe response, retry" },
		{ 0x00, 0x00, 4, FW_KIND_ASSOC_REQ, "association request fixed fields", "assoc req" },
		{ 0x20, 0x04, 10, FW_KIND_REASSOC_REQ, "reassociation request fixed fields",
		  "reassoc req, more fragments" },
		{ 0x10, 0x00, 6, FW_KIND_ASSOC_RESP, "association response fixed fields", "assoc resp" },
		{ 0x30, 0x03, 6, FW_KIND_REASSOC_RESP, "association response fixed fields",
		  "reassoc resp, both ds bits" },
		{ 0x40, 0x00, 0, FW_KIND_OTHER, "probe request", "probe request" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (uint8_t rt_flags = 0; rt_flags <= 0x10; rt_flags += 0x10) {
			size_t fcs = rt_flags ? 4 : 0;
			struct tbuf t;
			struct fw_frame f, w;
			char what[96];

			rt_common(&t, rt_flags);
			put_mgmt(&t, cases[i].fc0, cases[i].fc1);
			put_fill(&t, 0x00, cases[i].fixed);
			if (cases[i].kind == FW_KIND_ASSOC_RESP || cases[i].kind == FW_KIND_REASSOC_RESP)
				memcpy(t.b + t.n - 4, "\x11\x00", 2);	/* status 17 */
			put(&t, "\x00\x02hi\x30\x00", 6);
			put_fill(&t, 0xee, fcs);
			snprintf(what, sizeof(what), "%s, fcs %zu", cases[i].name, fcs);
			ck_assert_int_eq(decode(&f, &t, t.n), 0);
			want_rt_common(&w, rt_flags);
			want_mgmt(&w, &t, cases[i].fc0, cases[i].fc1, t.n - RT23 - fcs);
			w.kind = cases[i].kind;
			w.ies = t.b + RT23 + 24 + cases[i].fixed;
			w.ies_len = 6;
			if (cases[i].kind == FW_KIND_ASSOC_RESP || cases[i].kind == FW_KIND_REASSOC_RESP)
				w.status_code = 17;
			same_frame(what, &f, &w);
			if (cases[i].fixed == 0)
				continue;	/* a probe request's elements start at once */
			/* the fixed fields one byte short: named at the body's start */
			t.n = RT23 + 24 + cases[i].fixed - 1;
			put_fill(&t, 0xee, fcs);
			ck_assert_int_eq(decode(&f, &t, t.n), FW_ETRUNC);
			tc_str_cmp(what, f.err_field, ==, cases[i].fixed_name);
			tc_uint_cmp(what, f.err_off, ==, RT23 + 24);
			tc_int_cmp(what, f.kind, ==, cases[i].kind);
			tc_true(what, f.has_dot11 && f.has_ta && f.dot11.hdr_len == 24);
			tc_mem_eq(what, f.bssid, A3, 6);
		}
	}
}
END_TEST

/* Management frames the short cut leaves to the general path, with their known answers. */
START_TEST(test_fast_mgmt_others)
{
	struct tbuf t;
	struct fw_frame f, w;

	/* a header one byte short: the field cut is named */
	rt_common(&t, 0);
	put_mgmt(&t, 0x80, 0x00);
	ck_assert_int_eq(decode(&f, &t, t.n - 1), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "sequence control");
	ck_assert_uint_eq(f.err_off, RT23 + 22);
	ck_assert_int_eq(decode(&f, &t, RT23 + 15), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "address 2");

	/* +HTC (Order): 4 octets of HT Control before the body (9.2.4.1.10) */
	rt_common(&t, 0);
	put_mgmt(&t, 0x80, 0x80);
	put_fill(&t, 0x33, 4);
	put_fill(&t, 0x00, 12);
	put(&t, "\x00\x00", 2);
	ck_assert_int_eq(decode(&f, &t, t.n), 0);
	want_rt_common(&w, 0);
	want_mgmt(&w, &t, 0x80, 0x80, t.n - RT23);
	w.kind = FW_KIND_BEACON;
	w.dot11.order = true;
	w.dot11.has_htc = true;
	w.dot11.hdr_len = 28;
	w.dot11.body = t.b + RT23 + 28;
	w.dot11.body_len = 14;
	w.ies = t.b + RT23 + 40;
	w.ies_len = 2;
	same_frame("beacon, +htc", &f, &w);

	/* a protected deauthentication (12.6.1): its CCMP header, no reason code */
	rt_common(&t, 0);
	put_mgmt(&t, 0xc0, 0x40);
	put(&t, IV_CCMP, 8);
	put_fill(&t, 0x77, 10);
	ck_assert_int_eq(decode(&f, &t, t.n), 0);
	want_rt_common(&w, 0);
	want_mgmt(&w, &t, 0xc0, 0x40, t.n - RT23);
	w.dot11.protected_ = true;
	w.kind = FW_KIND_PROTECTED;
	w.has_pn = true;
	w.pn = PN_CCMP;
	w.keyid = 2;
	same_frame("protected deauth", &f, &w);

	/* protocol version 1: not a header of this layout */
	rt_common(&t, 0);
	put_mgmt(&t, 0x81, 0x00);
	ck_assert_int_eq(decode(&f, &t, t.n), FW_EUNSUPP);
	ck_assert_str_eq(f.err_field, "protocol version");
}
END_TEST

/*
 * Radiotap headers of one present word: each field at its aligned offset
 * (TSFT 8/8, Flags 1/1, Rate 1/1, Channel 2/4, FHSS 1/2, dBm signal 1/1,
 * dBm noise 1/1), just long enough and one byte short (which the walk then
 * reports), and words that leave the fast path.
 */
START_TEST(test_fast_radiotap_layouts)
{
	struct tbuf t;
	struct fw_frame f, w;

	/* Flags, Channel (aligned from 9 to 10), FHSS, noise: 8 + 1 + pad + 4 + 2 + 1 = 17 */
	t.n = 0;
	put_u8(&t, 0);
	put_u8(&t, 0);
	put_le16(&t, 17);
	put_le32(&t, BIT(1) | BIT(3) | BIT(4) | BIT(6));
	put_u8(&t, 0x40);		/* bad FCS */
	put_u8(&t, 0xff);		/* pad */
	put_le16(&t, 5745);
	put_le16(&t, 0x0140);
	put_le16(&t, 0xffff);		/* FHSS */
	put_u8(&t, (uint8_t)-95);
	put_ctrl(&t, 0xd4, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	memset(&w, 0, sizeof(w));
	w.linktype = FW_DLT_IEEE802_11_RADIO;
	w.radio.bad_fcs = true;
	w.radio.has_freq = true;
	w.radio.freq_mhz = 5745;
	w.radio.chan_flags = 0x0140;
	w.radio.has_noise = true;
	w.radio.noise_dbm = -95;
	w.radio.hdr_len = 17;
	want_ctrl(&w, &t, 0xd4, 0, 10);
	w.dot11.body = t.b + 17 + 10;
	same_frame("flags, channel, fhss, noise", &f, &w);
	/* it_len one short of the fields: the walk says which is cut */
	t.b[2] = 16;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "radiotap field");
	ck_assert_uint_eq(f.err_off, 0);
	ck_assert(!f.has_dot11);

	/* no field at all; rate 0 (given elsewhere) is no rate */
	rt_rate_only(&t, 9, 0);
	put_ctrl(&t, 0xd4, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(!f.radio.has_rate && f.radio.rate_kbps == 0);
	ck_assert_uint_eq(f.radio.hdr_len, 9);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	t.b[4] = 0;			/* present word 0: an 8-byte header with a pad byte */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert_uint_eq(f.radio.hdr_len, 9);
	ck_assert(!f.radio.has_rate);

	/* the header just long enough for the packet, then one byte longer than it */
	rt_common(&t, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "frame control");
	ck_assert_uint_eq(f.err_off, RT23);
	ck_assert(f.radio.has_tsft && f.radio.tsft == TSFT);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n - 1), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "radiotap length");
	ck_assert(!f.radio.has_tsft);
}
END_TEST

START_TEST(test_fast_radiotap_leaves)
{
	struct tbuf t;
	struct fw_frame f, w;

	/* present word with RX flags (bit 14, 2/2) after the fields of rt_common: the walk */
	t.n = 0;
	put_u8(&t, 0);
	put_u8(&t, 0);
	put_le16(&t, 26);
	put_le32(&t, BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(5) | BIT(14));
	put_le64(&t, TSFT);
	put_u8(&t, 0x10);
	put_u8(&t, 12);
	put_le16(&t, 2437);
	put_le16(&t, 0x00a0);
	put_u8(&t, (uint8_t)-57);
	put_u8(&t, 0);			/* pad to 24 */
	put_le16(&t, 0);		/* RX flags */
	put_protected(&t, 0x88, 0x42, IV_CCMP, 4);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	want_rt_common(&w, 0x10);
	w.radio.hdr_len = 26;
	want_protected(&w, &t, 0x88, 0x42, t.n - 26 - 4, PN_CCMP, 2, false);
	w.dot11.body = t.b + 26 + 26;
	same_frame("rx flags", &f, &w);

	/* the same fields in two present words (bit 31): the walk */
	t.n = 0;
	put_u8(&t, 0);
	put_u8(&t, 0);
	put_le16(&t, 31);
	put_le32(&t, BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(5) | BIT(31));
	put_le32(&t, 0);
	put_fill(&t, 0, 4);		/* TSFT aligned to 16 */
	put_le64(&t, TSFT);
	put_u8(&t, 0);
	put_u8(&t, 12);
	put_le16(&t, 2437);
	put_le16(&t, 0x00a0);
	put_u8(&t, (uint8_t)-57);
	put_ctrl(&t, 0xc4, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	want_rt_common(&w, 0);
	w.radio.hdr_len = 31;
	want_ctrl(&w, &t, 0xc4, 0, 10);
	w.dot11.body = t.b + 31 + 10;
	same_frame("two present words", &f, &w);

	/* version 1 */
	rt_common(&t, 0);
	put_ctrl(&t, 0xd4, 0);
	t.b[0] = 1;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_EUNSUPP);
	ck_assert_str_eq(f.err_field, "radiotap version");
	ck_assert(!f.has_dot11 && !f.radio.has_tsft);
	/* fewer than the 4 bytes that say the version and length */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, 3), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "radiotap header");
}
END_TEST

/*
 * fw_frame_plain_ack: an ACK told without decoding, against the whole
 * decode of the same bytes.  Taken: the ACKs of test_fast_ack_cts with no
 * Frame Control flag and nothing past the frame or its FCS, under
 * rt_common's header or one without Flags; left to the decode: everything
 * else, even what the decode makes an ACK of.  Each packet is told twice:
 * with nothing remembered, and after the ACKs taken before it (the
 * driver's way), so that a packet that differs from the one remembered
 * only in its Flags or its Frame Control is not taken for it.
 */
static void plain_ack_case(const char *what, const struct tbuf *t, size_t len, int linktype,
			   bool taken, struct fw_plain_ack_memo *run)
{
	struct fw_plain_ack_memo fresh = { 0 };
	struct fw_frame f;
	const uint8_t *ra = NULL, *ra_run = NULL;
	bool got = fw_frame_plain_ack(&fresh, linktype, t->b, len, &ra);

	tc_int_cmp(what, got, ==, taken);
	tc_int_cmp(what, fw_frame_plain_ack(run, linktype, t->b, len, &ra_run), ==, taken);
	if (!got)
		return;
	tc_true(what, ra_run == ra);
	/* what the reader of *ra alone takes as said: the whole decode agrees */
	tc_true(what, ra == t->b + (t->b[2] | t->b[3] << 8) + 4);	/* A1, after the header */
	tc_mem_eq(what, ra, A1, 6);
	memset(&f, 0xa5, sizeof(f));
	tc_int_cmp(what, fw_frame_decode(&f, linktype, t->b, len), ==, 0);
	tc_int_cmp(what, f.kind, ==, FW_KIND_ACK);
	tc_true(what, !f.radio.bad_fcs);
	tc_mem_eq(what, f.ra, ra, 6);
	/* remembered: told again by the compares alone */
	ra = NULL;
	tc_true(what, fw_frame_plain_ack(&fresh, linktype, t->b, len, &ra));
	tc_true(what, ra == ra_run);
}

START_TEST(test_fast_plain_ack)
{
	static const struct {
		uint8_t fc0, fc1, rt_flags;
		size_t tail;
		bool taken;
		const char *name;
	} cases[] = {
		{ 0xd4, 0x00, 0x10, 4, true, "ack, fcs at end" },
		{ 0xd4, 0x00, 0x12, 4, true, "ack, fcs at end, short preamble" },
		{ 0xd4, 0x00, 0x50, 4, false, "ack, fcs at end, bad fcs" },
		{ 0xd4, 0x00, 0x10, 5, false, "ack, fcs at end, a byte more" },
		{ 0xd4, 0x00, 0x00, 0, true, "ack" },
		{ 0xd4, 0x00, 0x40, 0, false, "ack, bad fcs" },
		{ 0xd4, 0x10, 0x00, 0, false, "ack, power management" },
		{ 0xd4, 0x08, 0x00, 0, false, "ack, retry" },
		{ 0xd4, 0x00, 0x00, 4, false, "ack, 4 bytes more, no fcs flag" },
		{ 0xc4, 0x00, 0x00, 0, false, "cts" },
		{ 0xd5, 0x00, 0x00, 0, false, "ack, version 1" },
		{ 0xe4, 0x00, 0x00, 0, false, "cf-end" },
	};
	struct fw_plain_ack_memo run = { 0 };
	struct tbuf t;
	char what[96];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rt_common(&t, cases[i].rt_flags);
		put_ctrl(&t, cases[i].fc0, cases[i].fc1);
		put_fill(&t, 0xee, cases[i].tail);
		plain_ack_case(cases[i].name, &t, t.n, FW_DLT_IEEE802_11_RADIO, cases[i].taken,
			       &run);
		if (!cases[i].taken)
			continue;
		snprintf(what, sizeof(what), "%s, one byte short", cases[i].name);
		plain_ack_case(what, &t, t.n - 1, FW_DLT_IEEE802_11_RADIO, false, &run);
	}
	/* the same bytes under another link type */
	rt_common(&t, 0);
	put_ctrl(&t, 0xd4, 0);
	plain_ack_case("ack, link type 802.11", &t, t.n, FW_DLT_IEEE802_11, false, &run);
	plain_ack_case("ack, link type PPI", &t, t.n, FW_DLT_PPI, false, &run);
	/* radiotap header of version 1; of a length past the packet; too short for its fields */
	t.b[0] = 1;
	plain_ack_case("ack, radiotap version 1", &t, t.n, FW_DLT_IEEE802_11_RADIO, false, &run);
	t.b[0] = 0;
	t.b[2] = (uint8_t)(t.n + 1);
	plain_ack_case("ack, radiotap longer than the packet", &t, t.n, FW_DLT_IEEE802_11_RADIO,
		       false, &run);
	t.b[2] = RT23 - 1;
	plain_ack_case("ack, radiotap one byte short of its fields", &t, t.n,
		       FW_DLT_IEEE802_11_RADIO, false, &run);
	t.b[2] = RT23;

	/* a header of Rate alone (no Flags: no FCS, none bad) */
	rt_rate_only(&t, 9, 12);
	put_ctrl(&t, 0xd4, 0);
	plain_ack_case("ack, rate only", &t, t.n, FW_DLT_IEEE802_11_RADIO, true, &run);
	/* RX flags (bit 14), then a second present word: the decode's ACKs, not taken here */
	t.b[6] = 0x40;
	plain_ack_case("ack, present bit 14", &t, t.n, FW_DLT_IEEE802_11_RADIO, false, &run);
	t.b[6] = 0;
	t.b[7] = 0x80;
	plain_ack_case("ack, present bit 31", &t, t.n, FW_DLT_IEEE802_11_RADIO, false, &run);
	/* past FW_PLAIN_ACK_MAX: a header of 90 bytes */
	rt_rate_only(&t, 90, 12);
	put_fill(&t, 0, 90 - 9);
	put_ctrl(&t, 0xd4, 0);
	ck_assert_int_eq(fw_frame_decode(&(struct fw_frame){ 0 }, FW_DLT_IEEE802_11_RADIO, t.b, t.n),
			 0);
	plain_ack_case("ack, 90-byte radiotap header", &t, t.n, FW_DLT_IEEE802_11_RADIO, false,
		       &run);
}
END_TEST

Suite *fast_suite(void)
{
	Suite *s = suite_create("fast");
	TCase *tc = tcase_create("fast");

	tcase_add_test(tc, test_fast_ack_cts);
	tcase_add_test(tc, test_fast_fcs_short);
	tcase_add_test(tc, test_fast_protected);
	tcase_add_test(tc, test_fast_protected_others);
	tcase_add_test(tc, test_fast_mgmt);
	tcase_add_test(tc, test_fast_mgmt_others);
	tcase_add_test(tc, test_fast_radiotap_layouts);
	tcase_add_test(tc, test_fast_radiotap_leaves);
	tcase_add_test(tc, test_fast_plain_ack);
	suite_add_tcase(s, tc);
	return s;
}
