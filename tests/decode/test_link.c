/*
 * Wired link types (Ethernet II, 802.3 + LLC/SNAP, 802.1Q, Linux cooked v1
 * and v2) carrying the M1, cooked headers around 802.11, and the link-type
 * table.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>

#include "bytes.h"
#include "../common/named.h"
#include "decode/frame.h"
#include "suites.h"
#include "util/err.h"

static void check_m1(const struct fw_frame *f, size_t trailing)
{
	ck_assert_int_eq(f->status, 0);
	ck_assert_int_eq(f->kind, FW_KIND_EAPOL);
	ck_assert(!f->has_dot11);
	ck_assert(f->has_eapol && f->has_key);
	ck_assert_uint_eq(f->key.key_info, 0x008a);
	ck_assert(f->key.replay_counter == 1);
	ck_assert_mem_eq(f->key.nonce, M1_NONCE, 32);
	ck_assert_uint_eq(f->eapol.trailing, trailing);
}

START_TEST(test_ethernet)
{
	struct tbuf t = { .n = 0 };
	struct fw_frame f;

	/* Ethernet II, AP -> STA, with three bytes after the EAPOL frame */
	put(&t, MAC_STA, 6);
	put(&t, MAC_AP, 6);
	put_be16(&t, 0x888e);
	put_m1(&t);
	put_fill(&t, 0, 3);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	check_m1(&f, 3);
	ck_assert_mem_eq(f.sa, MAC_AP, 6);
	ck_assert_mem_eq(f.da, MAC_STA, 6);
	ck_assert_mem_eq(f.ta, MAC_AP, 6);
	ck_assert_mem_eq(f.ra, MAC_STA, 6);
	ck_assert(f.has_ta);
	ck_assert(fw_is_zero(f.bssid, 6));
	ck_assert(f.eapol.start == t.b + 14);

	/* with an 802.1Q tag */
	t.n = 0;
	put(&t, MAC_STA, 6);
	put(&t, MAC_AP, 6);
	put_be16(&t, 0x8100);
	put_be16(&t, 0x0064);
	put_be16(&t, 0x888e);
	put_m1(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	check_m1(&f, 0);
	ck_assert(f.eapol.start == t.b + 18);

	/* 802.3 length + LLC/SNAP */
	t.n = 0;
	put(&t, MAC_STA, 6);
	put(&t, MAC_AP, 6);
	put_be16(&t, 8 + M1_LEN);
	put(&t, LLC_EAPOL, 8);
	put_m1(&t);
	put_fill(&t, 0, 4);		/* FCS outside the 802.3 length */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	check_m1(&f, 0);

	/* IPv4: data */
	t.n = 0;
	put(&t, MAC_STA, 6);
	put(&t, MAC_AP, 6);
	put_be16(&t, 0x0800);
	put_fill(&t, 0x45, 20);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	ck_assert_int_eq(f.kind, FW_KIND_DATA);
	ck_assert(!f.has_eapol);

	/* truncated */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, 13), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "ethernet header");
	t.n = 0;
	put(&t, MAC_STA, 6);
	put(&t, MAC_AP, 6);
	put_be16(&t, 0x8100);
	put_be16(&t, 0x0064);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "vlan tag");
	/* EAPOL cut inside: the error is at the EAPOL length field's packet offset */
	t.n = 0;
	put(&t, MAC_STA, 6);
	put(&t, MAC_AP, 6);
	put_be16(&t, 0x888e);
	put_m1(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n - 10), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "eapol body length");
	ck_assert_uint_eq(f.err_off, 16);
}
END_TEST

START_TEST(test_sll)
{
	struct tbuf t = { .n = 0 };
	struct fw_frame f;

	/* outgoing (4) on an Ethernet-type interface: the address is the sender's */
	put_be16(&t, 4);
	put_be16(&t, 1);
	put_be16(&t, 6);
	put(&t, MAC_AP, 6);
	put_fill(&t, 0, 2);
	put_be16(&t, 0x888e);
	put_m1(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL, t.b, t.n), 0);
	check_m1(&f, 0);
	ck_assert(f.eapol.start == t.b + 16);
	ck_assert_mem_eq(f.sa, MAC_AP, 6);
	ck_assert_mem_eq(f.ta, MAC_AP, 6);
	ck_assert(fw_is_zero(f.da, 6));
	ck_assert_int_eq(f.linktype, FW_DLT_LINUX_SLL);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL, t.b, 15), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "linux cooked header");

	/* protocol 4: an 802.2 LLC frame follows */
	t.n = 0;
	put_be16(&t, 0);
	put_be16(&t, 1);
	put_be16(&t, 6);
	put(&t, MAC_STA, 6);
	put_fill(&t, 0, 2);
	put_be16(&t, 0x0004);
	put(&t, LLC_EAPOL, 8);
	put_m1(&t);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL, t.b, t.n), 0);
	check_m1(&f, 0);
	ck_assert_mem_eq(f.sa, MAC_STA, 6);
}
END_TEST

START_TEST(test_sll2)
{
	struct tbuf t = { .n = 0 };
	struct fw_frame f;

	put_be16(&t, 0x888e);
	put_be16(&t, 0);
	put_be32(&t, 3);		/* ifindex */
	put_be16(&t, 1);		/* ARPHRD_ETHER */
	put_u8(&t, 0);			/* to us */
	put_u8(&t, 6);
	put(&t, MAC_STA, 6);
	put_fill(&t, 0, 2);
	put_m1(&t);
	put_fill(&t, 0xff, 2);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL2, t.b, t.n), 0);
	check_m1(&f, 2);
	ck_assert(f.eapol.start == t.b + 20);
	ck_assert_mem_eq(f.sa, MAC_STA, 6);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL2, t.b, 19), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "linux cooked v2 header");
	/* an address that is not 6 bytes long is not used */
	t.b[11] = 8;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL2, t.b, t.n), 0);
	ck_assert(!f.has_ta);
	ck_assert(fw_is_zero(f.sa, 6));
}
END_TEST

START_TEST(test_cooked_monitor)
{
	struct tbuf t = { .n = 0 };
	struct fw_frame f;

	/* SLL around radiotap (ARPHRD_IEEE80211_RADIOTAP) around an ACK */
	put_be16(&t, 0);
	put_be16(&t, 803);
	put_be16(&t, 6);
	put_fill(&t, 0, 8);
	put_be16(&t, 0x0003);
	put_u8(&t, 0);
	put_u8(&t, 0);
	put_le16(&t, 9);
	put_le32(&t, 1u << 5);
	put_u8(&t, (uint8_t)-33);
	put_le16(&t, 0x00d4);
	put_le16(&t, 0);
	put(&t, MAC_STA, 6);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL, t.b, t.n), 0);
	ck_assert_int_eq(f.linktype, FW_DLT_LINUX_SLL);
	ck_assert(f.has_dot11);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_int_eq(f.radio.signal_dbm, -33);
	ck_assert_mem_eq(f.ra, MAC_STA, 6);
	/* errors inside are reported at packet offsets */
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL, t.b, t.n - 1), FW_ETRUNC);
	ck_assert_str_eq(f.err_field, "address 1");
	ck_assert_uint_eq(f.err_off, 16 + 9 + 4);

	/* SLL2 around bare 802.11 (ARPHRD_IEEE80211) */
	t.n = 0;
	put_be16(&t, 0x0019);
	put_be16(&t, 0);
	put_be32(&t, 5);
	put_be16(&t, 801);
	put_u8(&t, 0);
	put_u8(&t, 6);
	put_fill(&t, 0, 8);
	put_le16(&t, 0x00d4);
	put_le16(&t, 0);
	put(&t, MAC_AP, 6);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_LINUX_SLL2, t.b, t.n), 0);
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_mem_eq(f.ra, MAC_AP, 6);
}
END_TEST

START_TEST(test_linktypes)
{
	struct fw_frame f;
	static const uint8_t one[1] = { 0 };
	static const int all[] = { 1, 105, 113, 119, 127, 163, 192, 276 };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		char what[32];

		snprintf(what, sizeof(what), "link type %d", all[i]);
		tc_true(what, fw_linktype_supported(all[i]));
		tc_str_cmp(what, fw_linktype_name(all[i]), !=, "unknown");
		/* nothing at all: every link type reports truncation, never crashes */
		tc_int_cmp(what, fw_frame_decode(&f, all[i], NULL, 0), ==, FW_ETRUNC);
		tc_true(what, f.err_field != NULL);
		tc_int_cmp(what, fw_frame_decode(&f, all[i], one, 1), ==, FW_ETRUNC);
	}
	ck_assert_str_eq(fw_linktype_name(127), "radiotap");
	ck_assert_str_eq(fw_linktype_name(105), "802.11");
	ck_assert_str_eq(fw_linktype_name(1), "ethernet");
	ck_assert(!fw_linktype_supported(0));
	ck_assert(!fw_linktype_supported(228));
	ck_assert_str_eq(fw_linktype_name(228), "unknown");
	ck_assert_int_eq(fw_frame_decode(&f, 228, one, 1), FW_EUNSUPP);
	ck_assert_str_eq(f.err_field, "link type");
	ck_assert_int_eq(f.linktype, 228);
}
END_TEST

Suite *link_suite(void)
{
	Suite *s = suite_create("link");
	TCase *tc = tcase_create("link");

	tcase_add_test(tc, test_ethernet);
	tcase_add_test(tc, test_sll);
	tcase_add_test(tc, test_sll2);
	tcase_add_test(tc, test_cooked_monitor);
	tcase_add_test(tc, test_linktypes);
	suite_add_tcase(s, tc);
	return s;
}
