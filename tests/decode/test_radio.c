/*
 * Capture headers: radiotap (present-word chains, namespaces, alignment,
 * stop rules, bounds), PPI, Prism and AVS, each hand-built byte by byte
 * from the published layouts.
 */
#include <check.h>
#include <stdint.h>

#include "bytes.h"
#include "decode/frame.h"
#include "decode/radio.h"
#include "suites.h"
#include "util/err.h"

#define BIT(n) (UINT32_C(1) << (n))

/* an ACK to MAC_STA, the smallest 802.11 frame */
static void put_ack(struct tbuf *t)
{
	put_le16(t, 0x00d4);
	put_le16(t, 0);
	put(t, MAC_STA, 6);
}

static void rt_begin(struct tbuf *t, uint16_t it_len)
{
	t->n = 0;
	put_u8(t, 0);
	put_u8(t, 0);
	put_le16(t, it_len);
}

START_TEST(test_radiotap_basic)
{
	struct tbuf t;
	struct fw_frame f;

	/* TSFT @8, Flags @16, Rate @17, Channel @18 (aligned 2), dBm signal @22 */
	rt_begin(&t, 23);
	put_le32(&t, BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(5));
	put_le64(&t, UINT64_C(0x1122334455667788));
	put_u8(&t, 0x12);		/* short preamble | FCS at end */
	put_u8(&t, 108);		/* 54 Mb/s */
	put_le16(&t, 5180);
	put_le16(&t, 0x0140);
	put_u8(&t, (uint8_t)-42);
	put_ack(&t);
	put_fill(&t, 0xee, 4);		/* FCS */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(f.radio.has_tsft);
	ck_assert(f.radio.tsft == UINT64_C(0x1122334455667788));
	ck_assert(f.radio.fcs_at_end && f.radio.short_preamble && !f.radio.bad_fcs);
	ck_assert(f.radio.has_rate);
	ck_assert_uint_eq(f.radio.rate_kbps, 54000);
	ck_assert(f.radio.has_freq);
	ck_assert_uint_eq(f.radio.freq_mhz, 5180);
	ck_assert_uint_eq(f.radio.chan_flags, 0x0140);
	ck_assert(f.radio.has_signal);
	ck_assert_int_eq(f.radio.signal_dbm, -42);
	ck_assert(!f.radio.has_noise);
	ck_assert_uint_eq(f.radio.hdr_len, 23);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_mem_eq(f.ra, MAC_STA, 6);
	/* the FCS was cut off before parsing */
	ck_assert_uint_eq(f.dot11.body_len, 0);
}
END_TEST

START_TEST(test_radiotap_bad_fcs_flag)
{
	struct tbuf t;
	struct fw_frame f;

	rt_begin(&t, 9);
	put_le32(&t, BIT(1));
	put_u8(&t, 0x50);		/* FCS at end, bad FCS */
	put_ack(&t);
	put_fill(&t, 0, 4);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(f.radio.bad_fcs && f.radio.fcs_at_end);
}
END_TEST

START_TEST(test_radiotap_extended_bitmaps)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * Three present words: the combined signal, then two per-antenna sets
	 * after namespace resets (the usual multi-chain layout).  Fields start
	 * at 16: flags, signal -40 | signal -42, antenna 0 | signal -44, antenna 1.
	 */
	rt_begin(&t, 22);
	put_le32(&t, BIT(1) | BIT(5) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5) | BIT(11) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5) | BIT(11));
	put_u8(&t, 0x00);
	put_u8(&t, (uint8_t)-40);
	put_u8(&t, (uint8_t)-42);
	put_u8(&t, 0);
	put_u8(&t, (uint8_t)-44);
	put_u8(&t, 1);
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(f.radio.has_signal);
	ck_assert_int_eq(f.radio.signal_dbm, -40);
	ck_assert(!f.radio.fcs_at_end);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
}
END_TEST

START_TEST(test_radiotap_alignment)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * Flags @8, Channel @10, dBm signal @14, MCS @15..17, A-MPDU aligned
	 * to 4 -> @20, timestamp aligned to 8 -> @32..43.  Padding holds 0xee
	 * so a misaligned read shows.
	 */
	rt_begin(&t, 44);
	put_le32(&t, BIT(1) | BIT(3) | BIT(5) | BIT(19) | BIT(20) | BIT(22));
	put_u8(&t, 0x00);
	put_fill(&t, 0xee, 1);
	put_le16(&t, 2437);
	put_le16(&t, 0x00a0);
	put_u8(&t, (uint8_t)-55);
	put_u8(&t, 0x07);		/* MCS known: bandwidth, index, GI */
	put_u8(&t, 0x01);		/* 40 MHz, long GI */
	put_u8(&t, 7);
	put_fill(&t, 0xee, 2);
	put_fill(&t, 0x11, 8);		/* A-MPDU status */
	put_fill(&t, 0xee, 4);
	put_fill(&t, 0x22, 12);		/* timestamp */
	ck_assert_uint_eq(t.n, 44);
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert_uint_eq(f.radio.freq_mhz, 2437);
	ck_assert_int_eq(f.radio.signal_dbm, -55);
	/* HT MCS 7, 40 MHz, long GI: 135 Mb/s */
	ck_assert(f.radio.has_rate);
	ck_assert_uint_eq(f.radio.rate_kbps, 135000);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_uint_eq(f.dot11.hdr_len, 10);
}
END_TEST

START_TEST(test_radiotap_tsft_after_two_words)
{
	struct tbuf t;
	struct fw_frame f;

	/* two present words end at 12; TSFT aligns to 16 from the header start */
	rt_begin(&t, 24);
	put_le32(&t, BIT(0) | BIT(31));
	put_le32(&t, 0);
	put_fill(&t, 0xee, 4);
	put_le64(&t, UINT64_C(0x0102030405060708));
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(f.radio.has_tsft);
	ck_assert(f.radio.tsft == UINT64_C(0x0102030405060708));
}
END_TEST

START_TEST(test_radiotap_vendor_namespace)
{
	struct tbuf t;
	struct fw_frame f;

	/*
	 * Flags, then a vendor namespace (header aligned to 2 at 18: OUI,
	 * sub namespace, skip_length 3, 3 bytes of data), then back to the
	 * radiotap namespace for dBm signal at 27.
	 */
	rt_begin(&t, 28);
	put_le32(&t, BIT(1) | BIT(30) | BIT(31));
	put_le32(&t, BIT(0) | BIT(3) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5));
	put_u8(&t, 0x10);
	put_fill(&t, 0xee, 1);
	put_u8(&t, 0x00);
	put_u8(&t, 0x11);
	put_u8(&t, 0x22);
	put_u8(&t, 0x01);
	put_le16(&t, 3);
	put_fill(&t, 0x99, 3);
	put_u8(&t, (uint8_t)-60);
	ck_assert_uint_eq(t.n, 28);
	put_ack(&t);
	put_fill(&t, 0, 4);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(f.radio.fcs_at_end);
	ck_assert(f.radio.has_signal);
	ck_assert_int_eq(f.radio.signal_dbm, -60);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
}
END_TEST

START_TEST(test_radiotap_vendor_skip_past_header)
{
	struct tbuf t;
	struct fw_frame f;

	rt_begin(&t, 20);
	put_le32(&t, BIT(30) | BIT(31));
	put_le32(&t, BIT(0));
	put(&t, "\x00\x11\x22\x00", 4);
	put_le16(&t, 200);		/* skip_length beyond it_len */
	put_fill(&t, 0, 2);
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "radiotap vendor namespace");
	ck_assert(!f.has_dot11);
}
END_TEST

START_TEST(test_radiotap_unknown_field_stops)
{
	struct tbuf t;
	struct fw_frame f;

	/* field 32 is undefined: nothing after it can be located, not even the signal */
	rt_begin(&t, 24);
	put_le32(&t, BIT(1) | BIT(31));
	put_le32(&t, BIT(0) | BIT(29) | BIT(31));
	put_le32(&t, BIT(5));
	put_u8(&t, 0x10);
	put_fill(&t, 0x77, 7);
	put_ack(&t);
	put_fill(&t, 0, 4);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(f.radio.fcs_at_end);
	ck_assert(!f.radio.has_signal);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_uint_eq(f.radio.hdr_len, 24);
}
END_TEST

START_TEST(test_radiotap_tlv_stops)
{
	struct tbuf t;
	struct fw_frame f;

	/* bit 28: TLVs follow the fixed fields; the signal bit after it is not read */
	rt_begin(&t, 16);
	put_le32(&t, BIT(1) | BIT(28));
	put_u8(&t, 0x00);
	put_fill(&t, 0x55, 7);
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), 0);
	ck_assert(!f.radio.fcs_at_end);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
}
END_TEST

/* Fields 0..6 of mask at their alignment from the header start (t->n), with known values. */
static void rt_put_fields(struct tbuf *t, uint32_t mask, uint8_t salt)
{
	static const uint8_t align[7] = { 8, 1, 1, 2, 1, 1, 1 }, size[7] = { 8, 1, 1, 4, 2, 1, 1 };

	for (unsigned bit = 0; bit < 7; bit++) {
		if (!(mask & BIT(bit)))
			continue;
		while (t->n % align[bit])
			put_u8(t, 0xee);
		for (unsigned i = 0; i < size[bit]; i++)
			put_u8(t, (uint8_t)(salt + 17 * bit + 3 * i + 1));
	}
}

START_TEST(test_radiotap_one_word_as_chain)
{
	/*
	 * A header of one present word naming fields among 0..6 has a fast
	 * path; the same fields behind a chain of two words (the second one
	 * empty) take the general walk.  Both must read the same values, and
	 * both must refuse every it_len that cuts a field.
	 */
	for (uint32_t mask = 0; mask < 128; mask++) {
		for (uint8_t salt = 0; salt < 2; salt++) {
			struct tbuf one, two;
			struct fw_radio r1, r2;
			size_t h1, h2, need;
			const char *field = NULL;

			rt_begin(&one, 0);
			put_le32(&one, mask);
			rt_put_fields(&one, mask, salt ? 221 : 0);	/* 221: the rate octet is 0 */
			rt_begin(&two, 0);
			put_le32(&two, mask | BIT(31));
			put_le32(&two, 0);
			rt_put_fields(&two, mask, salt ? 221 : 0);
			one.b[2] = (uint8_t)one.n;
			two.b[2] = (uint8_t)two.n;
			ck_assert_int_eq(fw_radiotap_parse(&r1, one.b, one.n, &h1, &field), 0);
			ck_assert_int_eq(fw_radiotap_parse(&r2, two.b, two.n, &h2, &field), 0);
			ck_assert_uint_eq(h1, one.n);
			ck_assert_uint_eq(h2, two.n);
			r2.hdr_len = r1.hdr_len;
			ck_assert_msg(memcmp(&r1, &r2, sizeof(r1)) == 0, "mask 0x%02x salt %u", mask, salt);
			ck_assert(r1.has_tsft == ((mask & BIT(0)) != 0));
			ck_assert(r1.has_signal == ((mask & BIT(5)) != 0));
			/* the fields' end is the last byte written */
			need = one.n;
			for (size_t cut = 8; cut < need; cut++) {
				one.b[2] = (uint8_t)cut;
				field = NULL;
				ck_assert_int_eq(fw_radiotap_parse(&r1, one.b, one.n, &h1, &field),
						 FW_EMALFORMED);
				ck_assert_str_eq(field, "radiotap field");
			}
		}
	}
}
END_TEST

START_TEST(test_radiotap_errors)
{
	struct tbuf t;
	struct fw_frame f;
	struct fw_radio r;
	size_t hl;
	const char *field = NULL;

	/* it_len below the fixed header */
	rt_begin(&t, 6);
	put_le32(&t, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "radiotap length");
	/* it_len past the packet */
	rt_begin(&t, 64);
	put_le32(&t, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "radiotap length");
	ck_assert_uint_eq(f.err_off, 0);
	/* version 1 does not exist */
	rt_begin(&t, 8);
	t.b[0] = 1;
	put_le32(&t, 0);
	ck_assert_int_eq(fw_radiotap_parse(&r, t.b, t.n, &hl, &field), FW_EUNSUPP);
	ck_assert_str_eq(field, "radiotap version");
	/* an extended bitmap chain that runs past it_len */
	rt_begin(&t, 8);
	put_le32(&t, BIT(31));
	put_le32(&t, 0);
	ck_assert_int_eq(fw_radiotap_parse(&r, t.b, t.n, &hl, &field), FW_EMALFORMED);
	ck_assert_str_eq(field, "radiotap present");
	/* a field that does not fit in it_len */
	rt_begin(&t, 12);
	put_le32(&t, BIT(0));
	put_le32(&t, 0);
	put_le64(&t, 0);
	ck_assert_int_eq(fw_radiotap_parse(&r, t.b, t.n, &hl, &field), FW_EMALFORMED);
	ck_assert_str_eq(field, "radiotap field");
	/* short of the 4-byte header */
	ck_assert_int_eq(fw_radiotap_parse(&r, t.b, 3, &hl, &field), FW_ETRUNC);
	/* radiotap fine, no 802.11 frame after it */
	rt_begin(&t, 8);
	put_le32(&t, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "frame control");
	ck_assert_uint_eq(f.err_off, 8);
	/* FCS announced but the frame is shorter than the FCS */
	rt_begin(&t, 9);
	put_le32(&t, BIT(1));
	put_u8(&t, 0x10);
	put_fill(&t, 0, 3);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, t.b, t.n), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "fcs");
}
END_TEST

/* PPI header with an 802.11n MAC extension field (skipped) and 802.11-Common. */
static void put_ppi(struct tbuf *t, uint32_t dlt, uint16_t common_flags)
{
	t->n = 0;
	put_u8(t, 0);
	put_u8(t, 0);
	put_le16(t, 8 + 4 + 12 + 4 + 20);
	put_le32(t, dlt);
	put_le16(t, 3);			/* 802.11n MAC extensions */
	put_le16(t, 12);
	put_fill(t, 0xab, 12);
	put_le16(t, 2);			/* 802.11-Common */
	put_le16(t, 20);
	put_le64(t, 987654321);
	put_le16(t, common_flags);
	put_le16(t, 22);		/* 11 Mb/s */
	put_le16(t, 2412);
	put_le16(t, 0x00a0);
	put_le16(t, 0);
	put_u8(t, (uint8_t)-50);
	put_u8(t, (uint8_t)-95);
}

START_TEST(test_ppi)
{
	struct tbuf t;
	struct fw_frame f;

	put_ppi(&t, 105, 0x0001);
	put_ack(&t);
	put_fill(&t, 0, 4);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PPI, t.b, t.n), 0);
	ck_assert_uint_eq(f.radio.hdr_len, 48);
	ck_assert(f.radio.has_tsft);
	ck_assert(f.radio.tsft == 987654321);
	ck_assert(f.radio.fcs_at_end && !f.radio.bad_fcs);
	ck_assert_uint_eq(f.radio.rate_kbps, 11000);
	ck_assert_uint_eq(f.radio.freq_mhz, 2412);
	ck_assert_int_eq(f.radio.signal_dbm, -50);
	ck_assert_int_eq(f.radio.noise_dbm, -95);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_uint_eq(f.dot11.body_len, 0);

	put_ppi(&t, 105, 0x0005);	/* FCS present and invalid */
	put_ack(&t);
	put_fill(&t, 0, 4);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PPI, t.b, t.n), 0);
	ck_assert(f.radio.bad_fcs);

	put_ppi(&t, 127, 0);		/* PPI around radiotap: not 802.11 */
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PPI, t.b, t.n), FW_EUNSUPP);
	ck_assert_str_eq(f.err_field, "ppi dlt");

	/* a field whose length runs past the PPI header */
	put_ppi(&t, 105, 0);
	t.b[8 + 2] = 40;
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PPI, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "ppi field");

	/* header length past the packet */
	put_ppi(&t, 105, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PPI, t.b, 20), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "ppi length");
}
END_TEST

static void put_prism(struct tbuf *t, bool be)
{
	/* hosttime, mactime, channel, rssi, sq, signal, noise, rate, istx, frmlen */
	const uint32_t vals[10] = { 1000, 12345, 6, 40, 0, (uint32_t)-60, (uint32_t)-95, 22, 0, 14 };
	const uint16_t status[10] = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 };

	t->n = 0;
	if (be) {
		put_be32(t, 0x44);
		put_be32(t, 144);
	} else {
		put_le32(t, 0x44);
		put_le32(t, 144);
	}
	put(t, "wlan0\0\0\0\0\0\0\0\0\0\0\0", 16);
	for (int i = 0; i < 10; i++) {
		if (be) {
			put_be32(t, 0x00010044u + (uint32_t)i);
			put_be16(t, status[i]);
			put_be16(t, 4);
			put_be32(t, vals[i]);
		} else {
			put_le32(t, 0x00010044u + (uint32_t)i);
			put_le16(t, status[i]);
			put_le16(t, 4);
			put_le32(t, vals[i]);
		}
	}
}

START_TEST(test_prism)
{
	struct tbuf t;
	struct fw_frame f;

	for (int be = 0; be < 2; be++) {
		put_prism(&t, be);
		ck_assert_uint_eq(t.n, 144);
		put_ack(&t);
		ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PRISM, t.b, t.n), 0);
		ck_assert_uint_eq(f.radio.hdr_len, 144);
		ck_assert(f.radio.has_tsft);
		ck_assert(f.radio.tsft == 12345);
		ck_assert(f.radio.has_freq);
		ck_assert_uint_eq(f.radio.freq_mhz, 2437);
		ck_assert_int_eq(f.radio.signal_dbm, -60);
		ck_assert_int_eq(f.radio.noise_dbm, -95);
		ck_assert_uint_eq(f.radio.rate_kbps, 11000);
		ck_assert(!f.radio.fcs_at_end);
		ck_assert_int_eq(f.kind, FW_KIND_ACK);
	}
	put_prism(&t, false);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PRISM, t.b, 100), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "prism header");
	t.b[4] = 0x91;		/* msglen neither 144 LE nor BE */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_PRISM, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "prism message length");
}
END_TEST

static void put_avs(struct tbuf *t, uint32_t hlen)
{
	t->n = 0;
	put_be32(t, 0x80211001);
	put_be32(t, hlen);
	put_be64(t, 5555);		/* mactime */
	put_be64(t, 7777);		/* hosttime */
	put_be32(t, 4);			/* phytype */
	put_be32(t, 11);		/* channel */
	put_be32(t, 110);		/* 11 Mb/s in 100 kb/s units */
	put_be32(t, 0);			/* antenna */
	put_be32(t, 0);			/* priority */
	put_be32(t, 2);			/* ssi_type: dBm */
	put_be32(t, (uint32_t)-48);
	put_be32(t, (uint32_t)-96);
	put_be32(t, 1);			/* short preamble */
	put_be32(t, 1);			/* encoding */
}

START_TEST(test_avs)
{
	struct tbuf t;
	struct fw_frame f;
	static const int dlts[2] = { FW_DLT_IEEE802_11_RADIO_AVS, FW_DLT_PRISM };

	/* DLT 163, and DLT 119 holding an AVS header (found by the magic) */
	for (int i = 0; i < 2; i++) {
		put_avs(&t, 64);
		ck_assert_uint_eq(t.n, 64);
		put_ack(&t);
		ck_assert_int_eq(fw_frame_decode(&f, dlts[i], t.b, t.n), 0);
		ck_assert_uint_eq(f.radio.hdr_len, 64);
		ck_assert(f.radio.tsft == 5555);
		ck_assert_uint_eq(f.radio.freq_mhz, 2462);
		ck_assert_uint_eq(f.radio.rate_kbps, 11000);
		ck_assert(f.radio.has_signal && f.radio.has_noise);
		ck_assert_int_eq(f.radio.signal_dbm, -48);
		ck_assert_int_eq(f.radio.noise_dbm, -96);
		ck_assert(f.radio.short_preamble);
		ck_assert_int_eq(f.kind, FW_KIND_ACK);
	}
	/* a longer declared header: the frame starts where the length says */
	put_avs(&t, 72);
	put_fill(&t, 0xcc, 8);
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO_AVS, t.b, t.n), 0);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_mem_eq(f.ra, MAC_STA, 6);
	/* a length past the packet */
	put_avs(&t, 200);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO_AVS, t.b, t.n), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "avs length");
	/* DLT 163 without the magic */
	put_avs(&t, 64);
	t.b[0] = 0x12;
	put_ack(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO_AVS, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "avs version");
}
END_TEST

Suite *radio_suite(void)
{
	Suite *s = suite_create("radio");
	TCase *tc = tcase_create("radio");

	tcase_add_test(tc, test_radiotap_basic);
	tcase_add_test(tc, test_radiotap_bad_fcs_flag);
	tcase_add_test(tc, test_radiotap_extended_bitmaps);
	tcase_add_test(tc, test_radiotap_alignment);
	tcase_add_test(tc, test_radiotap_tsft_after_two_words);
	tcase_add_test(tc, test_radiotap_vendor_namespace);
	tcase_add_test(tc, test_radiotap_vendor_skip_past_header);
	tcase_add_test(tc, test_radiotap_unknown_field_stops);
	tcase_add_test(tc, test_radiotap_tlv_stops);
	tcase_add_test(tc, test_radiotap_one_word_as_chain);
	tcase_add_test(tc, test_radiotap_errors);
	tcase_add_test(tc, test_ppi);
	tcase_add_test(tc, test_prism);
	tcase_add_test(tc, test_avs);
	suite_add_tcase(s, tc);
	return s;
}
