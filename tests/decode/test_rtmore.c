/*
 * Radiotap headers past fields 0..6, as Linux monitor interfaces write
 * them: one present word with RX flags, antenna, MCS, A-MPDU, VHT, HE...,
 * chains of words with per-antenna namespaces, vendor namespaces.  Known
 * answers from the field definitions of radiotap.org (alignment to the
 * field's natural size counted from the header start; MCS rates from
 * IEEE 802.11-2020 Table 19-27..), every it_len that cuts a field, and the
 * answers of the reference walk (fw_radiotap_walk) on many generated
 * headers.
 */
#include <check.h>
#include <stdint.h>

#include "bytes.h"
#include "decode/frame.h"
#include "decode/radio.h"
#include "suites.h"
#include "util/err.h"

#define BIT(n) (UINT32_C(1) << (n))

static void rt_begin(struct tbuf *t)
{
	t->n = 0;
	put_u8(t, 0);
	put_u8(t, 0);
	put_le16(t, 0);		/* it_len, set by rt_end */
}

/* Pad with 0xee to an alignment counted from the header start. */
static void pad_to(struct tbuf *t, size_t align)
{
	while (t->n % align)
		put_u8(t, 0xee);
}

static void rt_end(struct tbuf *t)
{
	t->b[2] = (uint8_t)t->n;
	t->b[3] = (uint8_t)(t->n >> 8);
}

/* an ACK, the smallest 802.11 frame */
static void put_ack(struct tbuf *t)
{
	put_le16(t, 0x00d4);
	put_le16(t, 0);
	put(t, MAC_STA, 6);
}

/* Both parsers on t, with it_len cut to every shorter value: same answers, and an error each time. */
static void check_cuts(struct tbuf *t, size_t it_len, int want_rc, const char *want_field)
{
	for (size_t cut = 8; cut < it_len; cut++) {
		struct fw_radio r1, r2;
		size_t h1, h2;
		const char *f1 = NULL, *f2 = NULL;
		int rc1, rc2;

		t->b[2] = (uint8_t)cut;
		t->b[3] = (uint8_t)(cut >> 8);
		rc1 = fw_radiotap_parse(&r1, t->b, t->n, &h1, &f1);
		rc2 = fw_radiotap_walk(&r2, t->b, t->n, &h2, &f2);
		ck_assert_int_eq(rc1, rc2);
		ck_assert_ptr_eq(f1, f2);
		ck_assert_msg(memcmp(&r1, &r2, sizeof(r1)) == 0, "it_len %zu", cut);
		if (cut == it_len - 1) {
			ck_assert_int_eq(rc1, want_rc);
			ck_assert_str_eq(f1, want_field);
		}
	}
	t->b[2] = (uint8_t)it_len;
	t->b[3] = (uint8_t)(it_len >> 8);
}

/* Decode t as a radiotap packet and check the radio part against the reference walk. */
static void decode(struct fw_frame *f, struct tbuf *t, size_t it_len)
{
	struct fw_radio w;
	size_t hl;
	const char *field = NULL;

	memset(f, 0x5a, sizeof(*f));	/* a reused frame holds garbage */
	ck_assert_int_eq(fw_frame_decode(f, FW_DLT_IEEE802_11_RADIO, t->b, t->n), 0);
	ck_assert_uint_eq(f->radio.hdr_len, it_len);
	ck_assert_int_eq(fw_radiotap_walk(&w, t->b, t->n, &hl, &field), 0);
	ck_assert_msg(memcmp(&f->radio, &w, sizeof(w)) == 0, "radio part differs from the walk");
	ck_assert_int_eq(f->kind, FW_KIND_ACK);
}

START_TEST(test_rtmore_mac80211_rx)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * mac80211's usual header (present 0x0000482e): Flags @8, Rate @9,
	 * Channel @10 (aligned 2), dBm signal @14, antenna @15, RX flags
	 * @16 (aligned 2), it_len 18.
	 */
	rt_begin(&t);
	put_le32(&t, BIT(1) | BIT(2) | BIT(3) | BIT(5) | BIT(11) | BIT(14));
	put_u8(&t, 0x10);		/* FCS at end */
	put_u8(&t, 0x0c);		/* 6 Mb/s */
	put_le16(&t, 2437);
	put_le16(&t, 0x00a0);		/* CCK, 2 GHz */
	put_u8(&t, (uint8_t)-31);
	put_u8(&t, 0);			/* antenna 0 */
	put_le16(&t, 0x0000);		/* RX flags */
	ck_assert_uint_eq(t.n, 18);
	rt_end(&t);
	put_ack(&t);
	put_fill(&t, 0xcc, 4);
	decode(&f, &t, 18);
	ck_assert(f.radio.fcs_at_end && !f.radio.bad_fcs && !f.radio.short_preamble);
	ck_assert(f.radio.has_rate);
	ck_assert_uint_eq(f.radio.rate_kbps, 6000);
	ck_assert(f.radio.has_freq);
	ck_assert_uint_eq(f.radio.freq_mhz, 2437);
	ck_assert_uint_eq(f.radio.chan_flags, 0x00a0);
	ck_assert(f.radio.has_signal);
	ck_assert_int_eq(f.radio.signal_dbm, -31);
	ck_assert(!f.radio.has_tsft && !f.radio.has_noise);
	ck_assert_uint_eq(f.dot11.body_len, 0);	/* the FCS was cut off */
	check_cuts(&t, 18, FW_EMALFORMED, "radiotap field");
}
END_TEST

START_TEST(test_rtmore_mcs)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * present 0x0008482b: TSFT @8, Flags @16, Channel @18 (17 padded),
	 * dBm signal @22, antenna @23, RX flags @24, MCS @26..28; it_len 29.
	 * MCS 7, 40 MHz, short GI: 135 Mb/s * 10/9 = 150 Mb/s.
	 */
	rt_begin(&t);
	put_le32(&t, BIT(0) | BIT(1) | BIT(3) | BIT(5) | BIT(11) | BIT(14) | BIT(19));
	put_le64(&t, UINT64_C(0x0000001234abcdef));
	put_u8(&t, 0x02);		/* short preamble */
	pad_to(&t, 2);
	put_le16(&t, 5180);
	put_le16(&t, 0x0140);
	put_u8(&t, (uint8_t)-47);
	put_u8(&t, 1);
	put_le16(&t, 0x0002);
	ck_assert_uint_eq(t.n, 26);
	put_u8(&t, 0x07);		/* known: bandwidth, MCS, guard interval */
	put_u8(&t, 0x05);		/* 40 MHz, short GI */
	put_u8(&t, 7);
	ck_assert_uint_eq(t.n, 29);
	rt_end(&t);
	put_ack(&t);
	decode(&f, &t, 29);
	ck_assert(f.radio.has_tsft);
	ck_assert(f.radio.tsft == UINT64_C(0x0000001234abcdef));
	ck_assert(f.radio.short_preamble && !f.radio.fcs_at_end);
	ck_assert_uint_eq(f.radio.freq_mhz, 5180);
	ck_assert_uint_eq(f.radio.chan_flags, 0x0140);
	ck_assert_int_eq(f.radio.signal_dbm, -47);
	ck_assert(f.radio.has_rate);
	ck_assert_uint_eq(f.radio.rate_kbps, 150000);
	check_cuts(&t, 29, FW_EMALFORMED, "radiotap field");

	/* the legacy rate, when not 0, wins over the MCS field (Rate @9: 54 Mb/s) */
	rt_begin(&t);
	put_le32(&t, BIT(1) | BIT(2) | BIT(19));
	put_u8(&t, 0);
	put_u8(&t, 108);
	put_u8(&t, 0x02);
	put_u8(&t, 0);
	put_u8(&t, 15);
	rt_end(&t);
	put_ack(&t);
	decode(&f, &t, 13);
	ck_assert_uint_eq(f.radio.rate_kbps, 54000);
	/* ... and a Rate of 0 leaves it to MCS 15, 20 MHz long GI: 130 Mb/s */
	t.b[9] = 0;
	decode(&f, &t, 13);
	ck_assert_uint_eq(f.radio.rate_kbps, 130000);
}
END_TEST

START_TEST(test_rtmore_misaligned)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * Fields whose alignment pads: Flags @8, dB antenna signal @9, lock
	 * quality @10, antenna @12, RX flags @14 (13 padded), XChannel @16,
	 * MCS @24, A-MPDU @28 (27 padded to 4), VHT @36, timestamp @48
	 * (aligned 8), HE @60, HE-MU @72, L-SIG @84; it_len 88.  The
	 * frequency comes from XChannel (there is no Channel), the rate from
	 * MCS 3 without bandwidth or guard interval known: 26 Mb/s.  A dB
	 * signal is no dBm signal.
	 */
	rt_begin(&t);
	put_le32(&t, BIT(1) | BIT(7) | BIT(11) | BIT(12) | BIT(14) | BIT(18) | BIT(19) |
		     BIT(20) | BIT(21) | BIT(22) | BIT(23) | BIT(24) | BIT(27));
	put_u8(&t, 0x50);		/* FCS at end, bad FCS */
	put_u8(&t, 40);			/* dB antenna signal */
	put_le16(&t, 0x1234);		/* lock quality */
	put_u8(&t, 2);			/* antenna */
	pad_to(&t, 2);
	ck_assert_uint_eq(t.n, 14);
	put_le16(&t, 0x0001);		/* RX flags */
	put_le32(&t, 0x00000140);	/* XChannel: flags, freq, channel, max power */
	put_le16(&t, 5745);
	put_u8(&t, 149);
	put_u8(&t, 30);
	ck_assert_uint_eq(t.n, 24);
	put_u8(&t, 0x02);		/* MCS known: the index only */
	put_u8(&t, 0x05);		/* (40 MHz, short GI: not known, not used) */
	put_u8(&t, 3);
	pad_to(&t, 4);
	ck_assert_uint_eq(t.n, 28);
	put_fill(&t, 0xa1, 8);		/* A-MPDU status */
	put_fill(&t, 0xa2, 12);		/* VHT */
	pad_to(&t, 8);
	ck_assert_uint_eq(t.n, 48);
	put_fill(&t, 0xa3, 12);		/* timestamp */
	put_fill(&t, 0xa4, 12);		/* HE */
	put_fill(&t, 0xa5, 12);		/* HE-MU */
	put_fill(&t, 0xa6, 4);		/* L-SIG */
	ck_assert_uint_eq(t.n, 88);
	rt_end(&t);
	put_ack(&t);
	put_fill(&t, 0xcc, 4);
	decode(&f, &t, 88);
	ck_assert(f.radio.fcs_at_end && f.radio.bad_fcs);
	ck_assert(f.radio.has_freq);
	ck_assert_uint_eq(f.radio.freq_mhz, 5745);
	ck_assert_uint_eq(f.radio.chan_flags, 0x0140);
	ck_assert(f.radio.has_rate);
	ck_assert_uint_eq(f.radio.rate_kbps, 26000);
	ck_assert(!f.radio.has_signal && !f.radio.has_noise && !f.radio.has_tsft);
	check_cuts(&t, 88, FW_EMALFORMED, "radiotap field");

	/* bit 28 (TLVs) after them changes nothing: the fixed fields end there */
	t.b[7] |= 0x10;
	decode(&f, &t, 88);
	ck_assert_uint_eq(f.radio.freq_mhz, 5745);
	ck_assert_uint_eq(f.radio.rate_kbps, 26000);
}
END_TEST

START_TEST(test_rtmore_antennas)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * mac80211 with per-chain signals: three words (present 0xa000402f,
	 * 0xa0000820, 0x00000820), the fields from 16: TSFT @16, Flags @24,
	 * Rate @25, Channel @26, dBm signal @30, RX flags @32 (31 padded);
	 * chain 0: signal @34, antenna @35; chain 1: signal @36, antenna @37.
	 * The first signal, the combined one, is kept.
	 */
	rt_begin(&t);
	put_le32(&t, BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(5) | BIT(14) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5) | BIT(11) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5) | BIT(11));
	ck_assert_uint_eq(t.n, 16);
	put_le64(&t, UINT64_C(0x8877665544332211));
	put_u8(&t, 0x10);
	put_u8(&t, 2);			/* 1 Mb/s */
	put_le16(&t, 2412);
	put_le16(&t, 0x00a0);
	put_u8(&t, (uint8_t)-50);
	pad_to(&t, 2);
	put_le16(&t, 0);
	put_u8(&t, (uint8_t)-52);
	put_u8(&t, 0);
	put_u8(&t, (uint8_t)-49);
	put_u8(&t, 1);
	ck_assert_uint_eq(t.n, 38);
	rt_end(&t);
	put_ack(&t);
	put_fill(&t, 0xcc, 4);
	decode(&f, &t, 38);
	ck_assert(f.radio.has_tsft);
	ck_assert(f.radio.tsft == UINT64_C(0x8877665544332211));
	ck_assert(f.radio.fcs_at_end);
	ck_assert_uint_eq(f.radio.rate_kbps, 1000);
	ck_assert_uint_eq(f.radio.freq_mhz, 2412);
	ck_assert_int_eq(f.radio.signal_dbm, -50);
	check_cuts(&t, 38, FW_EMALFORMED, "radiotap field");

	/* the present words alone run past it_len */
	t.b[2] = 10;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "radiotap present");
	t.b[2] = 38;

	/* a Flags field in a later namespace is read again: the walk keeps the last */
	rt_begin(&t);
	put_le32(&t, BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(5) | BIT(14) | BIT(29) | BIT(31));
	put_le32(&t, BIT(1) | BIT(5) | BIT(11) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5) | BIT(11));
	put_le64(&t, 1);
	put_u8(&t, 0x10);
	put_u8(&t, 2);
	put_le16(&t, 2412);
	put_le16(&t, 0x00a0);
	put_u8(&t, (uint8_t)-50);
	pad_to(&t, 2);
	put_le16(&t, 0);
	put_u8(&t, 0x00);		/* chain 0: Flags @34, signal @35, antenna @36 */
	put_u8(&t, (uint8_t)-52);
	put_u8(&t, 0);
	put_u8(&t, (uint8_t)-49);	/* chain 1: signal @37, antenna @38 */
	put_u8(&t, 1);
	ck_assert_uint_eq(t.n, 39);
	rt_end(&t);
	put_ack(&t);
	decode(&f, &t, 39);
	ck_assert(!f.radio.fcs_at_end);
	ck_assert_int_eq(f.radio.signal_dbm, -50);
	check_cuts(&t, 39, FW_EMALFORMED, "radiotap field");
}
END_TEST

START_TEST(test_rtmore_vendor)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * Four words: Flags and Rate, then a vendor namespace (its header at
	 * 22: OUI 00:11:22, sub namespace 0, skip_length 5, data 28..32), a
	 * second vendor word (no fields of its own), and back to radiotap:
	 * dBm signal @33, MCS @34..36; it_len 37.  Rate 0 leaves the rate to
	 * MCS 4 at 20 MHz, short GI: 39 Mb/s * 10/9 = 43.3 Mb/s.
	 */
	rt_begin(&t);
	put_le32(&t, BIT(1) | BIT(2) | BIT(30) | BIT(31));
	put_le32(&t, UINT32_C(0x1234) | BIT(31));
	put_le32(&t, UINT32_C(0xffff) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5) | BIT(19));
	ck_assert_uint_eq(t.n, 20);
	put_u8(&t, 0x00);
	put_u8(&t, 0);
	put(&t, "\x00\x11\x22\x00", 4);
	put_le16(&t, 5);
	put_fill(&t, 0x99, 5);
	put_u8(&t, (uint8_t)-70);
	put_u8(&t, 0x07);
	put_u8(&t, 0x04);
	put_u8(&t, 4);
	ck_assert_uint_eq(t.n, 37);
	rt_end(&t);
	put_ack(&t);
	decode(&f, &t, 37);
	ck_assert(f.radio.has_signal);
	ck_assert_int_eq(f.radio.signal_dbm, -70);
	ck_assert(f.radio.has_rate);
	ck_assert_uint_eq(f.radio.rate_kbps, 43330);
	check_cuts(&t, 37, FW_EMALFORMED, "radiotap field");

	/* a skip_length past it_len */
	t.b[26] = 50;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "radiotap vendor namespace");
}
END_TEST

/* xorshift32: the same headers on every run */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

START_TEST(test_rtmore_against_walk)
{
	/* present bits seen in captures, and a few that stop or switch the walk */
	static const uint32_t pool[] = {
		0x0000482e, 0x0000482f, 0x0008482b, 0x0008482a, 0x0000588e, 0x0008000a,
		0x00000820, 0x0000402f, 0x00200000, 0x00800000, 0x01000000, 0x00400000,
		0x00100000, 0x08000000, 0x10000000, 0x0004000e, 0x0fffffff, 0x0000007f,
	};
	uint32_t s = 0x2545f491;

	for (unsigned iter = 0; iter < 200000; iter++) {
		struct tbuf t;
		struct fw_radio r1, r2;
		struct fw_frame f;
		size_t h1 = 0, h2 = 0, it_len;
		const char *f1 = NULL, *f2 = NULL;
		unsigned n_words = 1 + rnd(&s) % 4;
		int rc1, rc2, rc3;

		rt_begin(&t);
		for (unsigned i = 0; i < n_words; i++) {
			uint32_t w = pool[rnd(&s) % (sizeof(pool) / sizeof(pool[0]))];
			uint32_t ns = rnd(&s) % 8;

			if (rnd(&s) % 8 == 0)
				w = rnd(&s) & 0x1fffffff;
			if (ns == 1)
				w |= BIT(30);
			else if (ns < 5)
				w |= BIT(29);
			if (i + 1 < n_words)
				w |= BIT(31);
			put_le32(&t, w);
		}
		it_len = 4 + rnd(&s) % 160;
		while (t.n < it_len)
			put_u8(&t, (uint8_t)(rnd(&s) % 4 ? rnd(&s) : 2));	/* small skip_lengths */
		/* an ACK after the header (when the words fit in it_len) */
		put_ack(&t);
		put_fill(&t, 0xcc, 4);		/* an FCS, if Flags says so */
		t.b[2] = (uint8_t)it_len;
		t.b[3] = (uint8_t)(it_len >> 8);
		if (rnd(&s) % 64 == 0)
			t.b[0] = 1;
		rc1 = fw_radiotap_parse(&r1, t.b, t.n, &h1, &f1);
		rc2 = fw_radiotap_walk(&r2, t.b, t.n, &h2, &f2);
		memset(&f, 0x5a, sizeof(f));
		rc3 = fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n);
		/*
		 * Asserted only when they differ: each ck_assert of Check's is a
		 * write to the test's parent, and 200,000 rounds of seven took
		 * seconds of system time, near the default timeout.
		 */
		if (rc1 != rc2 || f1 != f2 || h1 != h2 || memcmp(&r1, &r2, sizeof(r1)) != 0 ||
		    rc3 != rc2 || (rc2 == 0 && memcmp(&f.radio, &r2, sizeof(r2)) != 0))
			ck_abort_msg("iteration %u: the parse %d (%s, %zu bytes), the walk %d (%s, "
				     "%zu bytes), the decode %d; radio %s, decoded radio %s", iter,
				     rc1, f1 ? f1 : "-", h1, rc2, f2 ? f2 : "-", h2, rc3,
				     memcmp(&r1, &r2, sizeof(r1)) ? "differs" : "same",
				     rc2 == 0 && memcmp(&f.radio, &r2, sizeof(r2)) ? "differs" : "same");
	}
}
END_TEST

Suite *rtmore_suite(void)
{
	Suite *s = suite_create("rtmore");
	TCase *tc = tcase_create("rtmore");

	tcase_add_test(tc, test_rtmore_mac80211_rx);
	tcase_add_test(tc, test_rtmore_mcs);
	tcase_add_test(tc, test_rtmore_misaligned);
	tcase_add_test(tc, test_rtmore_antennas);
	tcase_add_test(tc, test_rtmore_vendor);
	tcase_add_test(tc, test_rtmore_against_walk);
	suite_add_tcase(s, tc);
	return s;
}
