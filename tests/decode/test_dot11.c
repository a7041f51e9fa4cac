/*
 * The 802.11 header and what frame_dot11.c makes of it: header lengths by
 * type/subtype/DS bits (IEEE 802.11-2020 9.3), Block Ack bitmaps, IV/PN
 * layouts of CCMP/GCMP, TKIP and WEP, management fixed fields, addressing,
 * and LLC/SNAP to EAPOL.  All frames are built here byte by byte.
 */
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bytes.h"
#include "../common/named.h"
#include "decode/dot11.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "suites.h"
#include "util/err.h"

static const uint8_t A1[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t A2[6] = { 0x02, 0, 0, 0, 0, 0x02 };
static const uint8_t A3[6] = { 0x02, 0, 0, 0, 0, 0x03 };
static const uint8_t A4[6] = { 0x02, 0, 0, 0, 0, 0x04 };

/* FC = type/subtype octet, flags octet */
static void hdr3(struct tbuf *t, uint8_t fc0, uint8_t fc1, uint16_t seq)
{
	t->n = 0;
	put_u8(t, fc0);
	put_u8(t, fc1);
	put_le16(t, 0x013a);
	put(t, A1, 6);
	put(t, A2, 6);
	put(t, A3, 6);
	put_le16(t, (uint16_t)(seq << 4 | 2));	/* fragment 2 */
}

static int decode(struct fw_frame *f, const struct tbuf *t)
{
	return fw_frame_decode(f, FW_DLT_IEEE802_11, t->b, t->n);
}

START_TEST(test_header_lengths)
{
	struct tbuf t;
	struct fw_frame f;

	/* data, no DS bits: 24 */
	hdr3(&t, 0x08, 0x00, 100);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.hdr_len, 24);
	ck_assert_uint_eq(f.dot11.n_addr, 3);
	ck_assert(f.dot11.has_seq);
	ck_assert_uint_eq(f.dot11.seq, 100);
	ck_assert_uint_eq(f.dot11.frag, 2);
	ck_assert_uint_eq(f.dot11.duration, 0x013a);
	ck_assert(!f.dot11.qos);
	/* QoS data (subtype 8), TID 6: 26 */
	hdr3(&t, 0x88, 0x00, 1);
	put_le16(&t, 0x0006);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.hdr_len, 26);
	ck_assert(f.dot11.qos);
	ck_assert_uint_eq(f.dot11.tid, 6);
	/* QoS data with +HTC: 30 */
	hdr3(&t, 0x88, 0x80, 1);
	put_le16(&t, 0x0000);
	put_fill(&t, 0, 4);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.hdr_len, 30);
	ck_assert(f.dot11.has_htc && f.dot11.order);
	/* 4-address QoS data with +HTC: 36 */
	hdr3(&t, 0x88, 0x83, 1);
	put(&t, A4, 6);
	put_le16(&t, 0x0000);
	put_fill(&t, 0, 4);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.hdr_len, 36);
	ck_assert_uint_eq(f.dot11.n_addr, 4);
	ck_assert_mem_eq(f.dot11.a4, A4, 6);
	/* non-QoS data with the Order bit: no HT Control (24) */
	hdr3(&t, 0x08, 0x80, 1);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.hdr_len, 24);
	ck_assert(!f.dot11.has_htc);
	/* management with +HTC: 28, elements after the fixed fields of a beacon */
	hdr3(&t, 0x80, 0x80, 1);
	put_fill(&t, 0, 4);
	put_fill(&t, 0, 12);
	put(&t, "\x00\x04test", 6);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.hdr_len, 28);
	ck_assert_int_eq(f.kind, FW_KIND_BEACON);
	ck_assert_uint_eq(f.ies_len, 6);
	ck_assert_mem_eq(f.ies, "\x00\x04test", 6);
	/* retry and more-fragments flags */
	hdr3(&t, 0x08, 0x0c, 1);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert(f.dot11.retry && f.dot11.more_frag && !f.dot11.protected_);
}
END_TEST

START_TEST(test_truncated_headers)
{
	struct tbuf t;
	struct fw_frame f;
	static const struct { size_t len; const char *field; size_t off; } cut[] = {
		{ 0, "frame control", 0 }, { 1, "frame control", 0 }, { 3, "duration", 2 },
		{ 9, "address 1", 4 }, { 15, "address 2", 10 }, { 21, "address 3", 16 },
		{ 23, "sequence control", 22 }, { 29, "address 4", 24 }, { 31, "qos control", 30 },
	};

	hdr3(&t, 0x88, 0x03, 1);
	put(&t, A4, 6);
	put_le16(&t, 0);
	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		char what[48];

		snprintf(what, sizeof(what), "cut at %zu (%s)", cut[i].len, cut[i].field);
		tc_int_cmp(what, fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, cut[i].len), ==,
				FW_ETRUNC);
		tc_str_cmp(what, f.err_field, ==, cut[i].field);
		tc_uint_cmp(what, f.err_off, ==, cut[i].off);
		tc_true(what, !f.has_dot11);
	}
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, t.n), 0);
	/* protocol version 2 */
	t.b[0] |= 2;
	ck_assert_int_eq(decode(&f, &t), FW_EUNSUPP);
	ck_assert_str_eq(f.err_field, "protocol version");
}
END_TEST

START_TEST(test_control_frames)
{
	struct tbuf t;
	struct fw_frame f;

	/* ACK: RA only */
	t.n = 0;
	put_le16(&t, 0x00d4);
	put_le16(&t, 0);
	put(&t, A1, 6);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_uint_eq(f.dot11.n_addr, 1);
	ck_assert_mem_eq(f.ra, A1, 6);
	ck_assert(!f.has_ta);
	ck_assert(fw_is_zero(f.ta, 6));
	/*
	 * A plain 10-byte ACK takes a short path: its header must be what the
	 * general parser makes of the same bytes, and the frame what an ACK
	 * with a flag set (the general path) gives but for that flag.
	 */
	{
		struct fw_dot11 h;
		struct fw_frame g;
		const char *field = NULL;
		size_t eoff = 0;

		t.b[2] = 0x2c;	/* duration 44 */
		ck_assert_int_eq(decode(&f, &t), 0);
		ck_assert_int_eq(fw_dot11_parse(&h, t.b, t.n, &field, &eoff), 0);
		ck_assert_mem_eq(&f.dot11, &h, sizeof(h));
		ck_assert_uint_eq(f.dot11.duration, 44);
		ck_assert_ptr_eq(f.dot11.body, t.b + 10);
		t.b[1] = 0x10;	/* Power Management */
		ck_assert_int_eq(decode(&g, &t), 0);
		ck_assert_int_eq(g.kind, FW_KIND_ACK);
		g.dot11.fc = f.dot11.fc;
		ck_assert_mem_eq(&g, &f, offsetof(struct fw_frame, has_eapol));
		t.b[1] = 0;
		t.b[2] = 0;
		/* an ACK with a byte too many is not the short path's */
		put_u8(&t, 0xaa);
		ck_assert_int_eq(decode(&f, &t), 0);
		ck_assert_int_eq(f.kind, FW_KIND_ACK);
		ck_assert_uint_eq(f.dot11.body_len, 1);
		t.n--;
	}
	/* CTS: RA only, kind other */
	t.b[0] = 0xc4;
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_OTHER);
	ck_assert(!f.has_ta);
	/* RTS: RA and TA */
	t.b[0] = 0xb4;
	put(&t, A2, 6);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.n_addr, 2);
	ck_assert(f.has_ta);
	ck_assert_mem_eq(f.ta, A2, 6);
	ck_assert_uint_eq(f.dot11.hdr_len, 16);
	/* RTS cut inside TA */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 12), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "address 2");
}
END_TEST

START_TEST(test_block_ack_compressed)
{
	/* handshake_exists.cap frame 7: compressed BA, SSN 750, bitmap ff 07 00.. */
	static const uint8_t ba[] = {
		0x94, 0x00, 0x00, 0x00, 0x00, 0x26, 0xbb, 0x1e, 0x44, 0x14, 0x44, 0x32,
		0xc8, 0xe5, 0x30, 0x70, 0x05, 0x00, 0xe0, 0x2e, 0xff, 0x07, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
	};
	static const uint8_t ra[6] = { 0x00, 0x26, 0xbb, 0x1e, 0x44, 0x14 };
	static const uint8_t ta[6] = { 0x44, 0x32, 0xc8, 0xe5, 0x30, 0x70 };
	struct fw_frame f;
	struct tbuf t;

	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, ba, sizeof(ba)), 0);
	ck_assert_int_eq(f.kind, FW_KIND_BLOCK_ACK);
	ck_assert(f.dot11.has_ba);
	ck_assert_uint_eq(f.dot11.ba_ssn, 750);
	ck_assert(f.dot11.ba_bitmap == 0x7ff);
	ck_assert_uint_eq(f.dot11.ba_tid, 0);
	ck_assert_mem_eq(f.ra, ra, 6);
	ck_assert_mem_eq(f.ta, ta, 6);
	ck_assert_uint_eq(f.dot11.hdr_len, 16);
	/* bitmap cut short */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, ba, sizeof(ba) - 1), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "block ack bitmap");
	ck_assert_uint_eq(f.err_off, 20);

	/* TID 5, bitmap with the top bit (SSN + 63) set */
	t.n = 0;
	put(&t, ba, 16);
	put_le16(&t, 0x5005);
	put_le16(&t, 4095 << 4);
	put_le64(&t, UINT64_C(0x8000000000000001));
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.dot11.ba_tid, 5);
	ck_assert_uint_eq(f.dot11.ba_ssn, 4095);
	ck_assert(f.dot11.ba_bitmap == UINT64_C(0x8000000000000001));
}
END_TEST

START_TEST(test_block_ack_basic_and_other)
{
	struct tbuf t;
	struct fw_frame f;

	/* Basic BA: 64 MSDUs x 16 fragment bits; fragment 0 of MSDUs 0, 3 and 63 acked */
	t.n = 0;
	put_le16(&t, 0x0094);
	put_le16(&t, 0);
	put(&t, A1, 6);
	put(&t, A2, 6);
	put_le16(&t, 0x3000);		/* Basic, TID 3 */
	put_le16(&t, 10 << 4);
	for (int i = 0; i < 64; i++)
		put_le16(&t, (i == 0 || i == 3 || i == 63) ? 0x0001 : (i == 5 ? 0x0002 : 0));
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert(f.dot11.has_ba);
	ck_assert_uint_eq(f.dot11.ba_tid, 3);
	ck_assert_uint_eq(f.dot11.ba_ssn, 10);
	ck_assert(f.dot11.ba_bitmap == (UINT64_C(1) | UINT64_C(8) | UINT64_C(1) << 63));
	/* Multi-TID (type 3): not decoded, not an error */
	t.b[16] = 0x06;
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_BLOCK_ACK);
	ck_assert(!f.dot11.has_ba);
	/* BA control missing */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 17), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "block ack control");
}
END_TEST

START_TEST(test_protected_ivs)
{
	struct tbuf t;
	struct fw_frame f;

	/* CCMP/GCMP: PN0 PN1 0 KeyID|ExtIV PN2 PN3 PN4 PN5 */
	hdr3(&t, 0x08, 0x41, 7);	/* To DS, Protected */
	put(&t, "\x01\x02\x00\x60\x03\x04\x05\x06", 8);
	put_fill(&t, 0x5a, 20);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_PROTECTED);
	ck_assert(f.has_pn && !f.tkip_iv);
	ck_assert(f.pn == UINT64_C(0x060504030201));
	ck_assert_uint_eq(f.keyid, 1);
	ck_assert(!f.has_eapol);
	/* TKIP: TSC1 WEPSeed TSC0 KeyID|ExtIV TSC2..TSC5, WEPSeed = (TSC1 | 0x20) & 0x7f */
	hdr3(&t, 0x08, 0x41, 7);
	put(&t, "\x00\x20\x1f\x20\x00\x00\x00\x00", 8);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert(f.has_pn && f.tkip_iv);
	ck_assert(f.pn == 0x1f);
	hdr3(&t, 0x08, 0x41, 7);
	put(&t, "\xab\x2b\xcd\xa0\x11\x22\x33\x44", 8);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert(f.tkip_iv);
	ck_assert(f.pn == UINT64_C(0x44332211abcd));
	ck_assert_uint_eq(f.keyid, 2);
	/* WEP: no extended IV, no packet number */
	hdr3(&t, 0x08, 0x41, 7);
	put(&t, "\x11\x22\x33\xc0", 4);
	put_fill(&t, 0, 8);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_PROTECTED);
	ck_assert(!f.has_pn);
	ck_assert_uint_eq(f.keyid, 3);
	/* cut inside the IV and inside the extended IV */
	hdr3(&t, 0x08, 0x41, 7);
	put(&t, "\x01\x02\x00\x20\x03\x04\x05\x06", 8);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 26), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "iv");
	ck_assert_uint_eq(f.err_off, 24);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 30), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "extended iv");
	ck_assert_uint_eq(f.err_off, 28);
	/* a protected deauthentication (802.11w): PN, no reason in the clear */
	hdr3(&t, 0xc0, 0x40, 7);
	put(&t, "\x1e\x00\x00\x20\x00\x00\x00\x00", 8);
	put_fill(&t, 0, 10);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_PROTECTED);
	ck_assert(f.pn == 30);
	ck_assert_uint_eq(f.reason, 0);
}
END_TEST

START_TEST(test_addressing)
{
	struct tbuf t;
	struct fw_frame f;

	/* no DS bits: DA=A1 SA=A2 BSSID=A3 */
	hdr3(&t, 0x08, 0x00, 1);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_mem_eq(f.da, A1, 6);
	ck_assert_mem_eq(f.sa, A2, 6);
	ck_assert_mem_eq(f.bssid, A3, 6);
	/* To DS: BSSID=A1 SA=A2 DA=A3 */
	hdr3(&t, 0x08, 0x01, 1);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_mem_eq(f.bssid, A1, 6);
	ck_assert_mem_eq(f.sa, A2, 6);
	ck_assert_mem_eq(f.da, A3, 6);
	/* From DS: DA=A1 BSSID=A2 SA=A3 */
	hdr3(&t, 0x08, 0x02, 1);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_mem_eq(f.da, A1, 6);
	ck_assert_mem_eq(f.bssid, A2, 6);
	ck_assert_mem_eq(f.sa, A3, 6);
	/* WDS: RA=A1 TA=A2 DA=A3 SA=A4, no BSSID */
	hdr3(&t, 0x08, 0x03, 1);
	put(&t, A4, 6);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_mem_eq(f.ra, A1, 6);
	ck_assert_mem_eq(f.ta, A2, 6);
	ck_assert(f.has_ta);
	ck_assert_mem_eq(f.da, A3, 6);
	ck_assert_mem_eq(f.sa, A4, 6);
	ck_assert(fw_is_zero(f.bssid, 6));
	/* management: DA=A1 SA=A2 BSSID=A3 whatever the DS bits */
	hdr3(&t, 0xc0, 0x00, 1);
	put_le16(&t, 3);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_mem_eq(f.da, A1, 6);
	ck_assert_mem_eq(f.sa, A2, 6);
	ck_assert_mem_eq(f.bssid, A3, 6);
	ck_assert_mem_eq(f.ra, A1, 6);
	ck_assert_mem_eq(f.ta, A2, 6);
}
END_TEST

START_TEST(test_mgmt_bodies)
{
	struct tbuf t;
	struct fw_frame f;

	/* deauthentication, reason 15 (4-way handshake timeout) */
	hdr3(&t, 0xc0, 0x00, 1);
	put_le16(&t, 15);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_DEAUTH);
	ck_assert_uint_eq(f.reason, 15);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 25), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "reason code");
	ck_assert_uint_eq(f.err_off, 24);
	/* disassociation, reason 8 */
	hdr3(&t, 0xa0, 0x00, 1);
	put_le16(&t, 8);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_DISASSOC);
	ck_assert_uint_eq(f.reason, 8);
	/* association request: capability, listen interval, then elements */
	hdr3(&t, 0x00, 0x00, 1);
	put_le16(&t, 0x0431);
	put_le16(&t, 10);
	put(&t, "\x00\x02hi", 4);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_ASSOC_REQ);
	ck_assert_uint_eq(f.ies_len, 4);
	ck_assert_mem_eq(f.ies, "\x00\x02hi", 4);
	/* reassociation request: + current AP address */
	hdr3(&t, 0x20, 0x00, 1);
	put_le16(&t, 0x0431);
	put_le16(&t, 10);
	put(&t, A3, 6);
	put(&t, "\x00\x02hi", 4);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_REASSOC_REQ);
	ck_assert_uint_eq(f.ies_len, 4);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 30), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "reassociation request fixed fields");
	/* (re)association response: status code 17 */
	for (int sub = 0; sub < 2; sub++) {
		hdr3(&t, sub ? 0x30 : 0x10, 0x00, 1);
		put_le16(&t, 0x0431);
		put_le16(&t, 17);
		put_le16(&t, 0xc001);
		put(&t, "\x30\x00", 2);
		ck_assert_int_eq(decode(&f, &t), 0);
		ck_assert_int_eq(f.kind, sub ? FW_KIND_REASSOC_RESP : FW_KIND_ASSOC_RESP);
		ck_assert_uint_eq(f.status_code, 17);
		ck_assert_uint_eq(f.ies_len, 2);
	}
	/* probe response: 12 fixed bytes */
	hdr3(&t, 0x50, 0x00, 1);
	put_fill(&t, 0, 12);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_PROBE_RESP);
	ck_assert_uint_eq(f.ies_len, 0);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 30), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "beacon fixed fields");
	/* action frame */
	hdr3(&t, 0xd0, 0x00, 1);
	put(&t, "\x03\x00", 2);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_ACTION);
	ck_assert(f.has_action);
	ck_assert_uint_eq(f.action_cat, 3);
	ck_assert(!f.has_sa_query);
}
END_TEST

/*
 * SA Query (IEEE 802.11-2020 9.6.9): Category 8, Action 0 (request) or 1
 * (response), then a 2-octet Transaction Identifier; an action frame with
 * nothing after its header is truncated at its category.
 */
START_TEST(test_sa_query)
{
	struct tbuf t;
	struct fw_frame f;

	hdr3(&t, 0xd0, 0x00, 7);
	put(&t, "\x08\x00\x5a\xc3", 4);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_ACTION);
	ck_assert(f.has_action && f.has_sa_query);
	ck_assert_uint_eq(f.action_cat, 8);
	ck_assert_uint_eq(f.action_code, 0);
	ck_assert_mem_eq(f.sa_query_tid, "\x5a\xc3", 2);
	hdr3(&t, 0xd0, 0x00, 8);
	put(&t, "\x08\x01\x5a\xc3", 4);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert(f.has_sa_query);
	ck_assert_uint_eq(f.action_code, 1);
	/* the identifier cut short: truncated where it starts, no SA Query */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 27), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "sa query transaction id");
	ck_assert_uint_eq(f.err_off, 26);
	ck_assert(!f.has_sa_query);
	/* no category at all */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 24), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "action category");
	ck_assert(!f.has_action);
	/* an action of another category carries no identifier */
	hdr3(&t, 0xd0, 0x00, 9);
	put(&t, "\x08\x05", 2);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert(f.has_action && !f.has_sa_query);
}
END_TEST

START_TEST(test_auth)
{
	struct tbuf t;
	struct fw_frame f;

	/* open system, seq 2, success, with an element */
	hdr3(&t, 0xb0, 0x00, 1);
	put_le16(&t, 0);
	put_le16(&t, 2);
	put_le16(&t, 0);
	put(&t, "\x36\x03\x34\x12\x01", 5);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_AUTH);
	ck_assert_uint_eq(f.auth_alg, 0);
	ck_assert_uint_eq(f.auth_seq, 2);
	ck_assert_uint_eq(f.ies_len, 5);
	ck_assert_uint_eq(f.sae_group, 0);
	/* SAE commit, group 19; the scalar and element are not elements */
	for (int i = 0; i < 2; i++) {
		hdr3(&t, 0xb0, 0x00, 1);
		put_le16(&t, 3);
		put_le16(&t, 1);
		put_le16(&t, i ? 126 : 0);
		put_le16(&t, 19);
		put_fill(&t, 0x33, 96);
		ck_assert_int_eq(decode(&f, &t), 0);
		ck_assert_uint_eq(f.auth_alg, 3);
		ck_assert_uint_eq(f.status_code, i ? 126 : 0);
		ck_assert_uint_eq(f.sae_group, 19);
		ck_assert_uint_eq(f.ies_len, 0);
	}
	/* SAE commit rejected with 77 (unsupported group): no group read */
	hdr3(&t, 0xb0, 0x00, 1);
	put_le16(&t, 3);
	put_le16(&t, 1);
	put_le16(&t, 77);
	put_le16(&t, 20);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_uint_eq(f.sae_group, 0);
	/* SAE commit without the group field */
	hdr3(&t, 0xb0, 0x00, 1);
	put_le16(&t, 3);
	put_le16(&t, 1);
	put_le16(&t, 0);
	ck_assert_int_eq(decode(&f, &t), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "sae group");
	ck_assert_uint_eq(f.err_off, 30);
	/* fixed fields cut */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, 27), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "authentication fixed fields");
}
END_TEST

START_TEST(test_data_to_eapol)
{
	struct tbuf t;
	struct fw_frame f;
	static const uint8_t bridge[8] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0xf8, 0x88, 0x8e };

	/* From DS data carrying the M1 */
	hdr3(&t, 0x08, 0x02, 1);
	put(&t, LLC_EAPOL, 8);
	put_m1(&t);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_EAPOL);
	ck_assert(f.has_eapol && f.has_key);
	ck_assert_uint_eq(f.key.key_info, 0x008a);
	ck_assert(f.key.replay_counter == 1);
	ck_assert_mem_eq(f.key.nonce, M1_NONCE, 32);
	ck_assert_uint_eq(f.eapol.trailing, 0);
	ck_assert(f.eapol.start == t.b + 32);
	/* the 802.1H bridge-tunnel OUI carries EAPOL too */
	hdr3(&t, 0x08, 0x02, 1);
	put(&t, bridge, 8);
	put_m1(&t);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert(f.has_key);
	/* an error inside EAPOL is reported at its packet offset */
	hdr3(&t, 0x08, 0x02, 1);
	put(&t, LLC_EAPOL, 8);
	put_m1(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_IEEE802_11, t.b, t.n - 1), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "eapol body length");
	ck_assert_uint_eq(f.err_off, 32 + 2);
	ck_assert_int_eq(f.kind, FW_KIND_EAPOL);
	ck_assert(!f.has_eapol);
	/* not EAPOL: IPv4 */
	hdr3(&t, 0x08, 0x02, 1);
	put(&t, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	put_fill(&t, 0x45, 20);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_DATA);
	ck_assert(!f.has_eapol);
	/* an A-MSDU body is not one LLC payload */
	hdr3(&t, 0x88, 0x02, 1);
	put_le16(&t, 0x0080);
	put(&t, LLC_EAPOL, 8);
	put_m1(&t);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_DATA);
	ck_assert(!f.has_eapol);
	/* QoS Null: no body, nothing of interest */
	hdr3(&t, 0xc8, 0x01, 1);
	put_le16(&t, 0x0000);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_OTHER);
	/* short body: data, not an error */
	hdr3(&t, 0x08, 0x02, 1);
	put(&t, "\xaa\xaa\x03", 3);
	ck_assert_int_eq(decode(&f, &t), 0);
	ck_assert_int_eq(f.kind, FW_KIND_DATA);
}
END_TEST

START_TEST(test_decode_dot11_keeps_radio)
{
	struct tbuf t;
	struct fw_frame f;

	hdr3(&t, 0x08, 0x02, 1);
	put(&t, LLC_EAPOL, 8);
	put_m1(&t);
	put_fill(&t, 0xfc, 4);
	memset(&f, 0x5a, sizeof(f));
	f.linktype = FW_DLT_IEEE802_11_RADIO;
	memset(&f.radio, 0, sizeof(f.radio));
	f.radio.has_freq = true;
	f.radio.freq_mhz = 2412;
	ck_assert_int_eq(fw_frame_decode_dot11(&f, t.b, t.n, 4), 0);
	ck_assert_int_eq(f.linktype, FW_DLT_IEEE802_11_RADIO);
	ck_assert_uint_eq(f.radio.freq_mhz, 2412);
	ck_assert(f.has_key);
	ck_assert_uint_eq(f.eapol.trailing, 0);
	ck_assert_int_eq(fw_frame_decode_dot11(&f, t.b, t.n, 0), 0);
	ck_assert_uint_eq(f.eapol.trailing, 4);
	ck_assert_int_eq(fw_frame_decode_dot11(&f, t.b, 3, 4), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "fcs");
}
END_TEST

START_TEST(test_dot11_parse_direct)
{
	struct tbuf t;
	struct fw_dot11 h;
	const char *field = NULL;
	size_t off = 99;

	hdr3(&t, 0x88, 0x01, 321);
	put_le16(&t, 0x0007);
	put_fill(&t, 0x11, 5);
	ck_assert_int_eq(fw_dot11_parse(&h, t.b, t.n, &field, &off), 0);
	ck_assert_uint_eq(h.fc, 0x0188);
	ck_assert_uint_eq(h.type, FW_T_DATA);
	ck_assert_uint_eq(h.subtype, 8);
	ck_assert(h.to_ds && !h.from_ds);
	ck_assert_uint_eq(h.seq, 321);
	ck_assert_uint_eq(h.tid, 7);
	ck_assert_uint_eq(h.qos_ctl, 7);
	ck_assert(h.body == t.b + 26);
	ck_assert_uint_eq(h.body_len, 5);
	ck_assert_int_eq(fw_dot11_parse(&h, t.b, 25, &field, &off), FW_ETRUNC);
	ck_assert_str_eq(field, "qos control");
	ck_assert_uint_eq(off, 24);
}
END_TEST

Suite *dot11_suite(void)
{
	Suite *s = suite_create("dot11");
	TCase *tc = tcase_create("dot11");

	tcase_add_test(tc, test_header_lengths);
	tcase_add_test(tc, test_truncated_headers);
	tcase_add_test(tc, test_control_frames);
	tcase_add_test(tc, test_block_ack_compressed);
	tcase_add_test(tc, test_block_ack_basic_and_other);
	tcase_add_test(tc, test_protected_ivs);
	tcase_add_test(tc, test_sa_query);
	tcase_add_test(tc, test_addressing);
	tcase_add_test(tc, test_mgmt_bodies);
	tcase_add_test(tc, test_auth);
	tcase_add_test(tc, test_data_to_eapol);
	tcase_add_test(tc, test_decode_dot11_keeps_radio);
	tcase_add_test(tc, test_dot11_parse_direct);
	suite_add_tcase(s, tc);
	return s;
}
