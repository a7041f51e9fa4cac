/*
 * Elements and KDEs: iteration and its bounds, RSNE with every optional
 * tail, the WPA1 element, MDE, FTE sub-elements and Key Data padding.
 * RSNE/WPA bytes come from corpus frames (wpa-Induction.pcap frame 89,
 * wpa-psk-linksys.cap frame 19); the rest is built from 9.4.2.
 */
#include <check.h>
#include <stdint.h>

#include "bytes.h"
#include "decode/eapol.h"
#include "decode/ie.h"
#include "suites.h"
#include "util/err.h"

/* the RSNE of wpa-Induction.pcap frame 89 (M2): group TKIP, pairwise CCMP, AKM PSK */
static const uint8_t RSNE_INDUCTION[22] = {
	0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04,
	0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
};

START_TEST(test_ie_iteration)
{
	static const uint8_t ies[] = {
		0x00, 0x04, 'a', 'b', 'c', 'd',		/* SSID */
		0xff, 0x03, 0x20, 0x13, 0x00,		/* OWE DH parameter, group 19 */
		0xdd, 0x05, 0x00, 0x50, 0xf2, 0x02, 0x01,	/* WMM, not WPA */
		0x30, 0x02, 0x01, 0x00,			/* RSNE, version only */
	};
	struct fw_cursor c;
	struct fw_ie ie;

	fw_cur_init(&c, ies, sizeof(ies));
	ck_assert_int_eq(fw_ie_next(&c, &ie), 1);
	ck_assert_uint_eq(ie.id, 0);
	ck_assert_uint_eq(ie.len, 4);
	ck_assert_mem_eq(ie.data, "abcd", 4);
	ck_assert(ie.raw == ies);
	ck_assert_uint_eq(ie.raw_len, 6);
	ck_assert_int_eq(fw_ie_next(&c, &ie), 1);
	ck_assert_uint_eq(ie.id, 255);
	ck_assert_uint_eq(ie.ext_id, FW_EID_EXT_OWE_DH);
	ck_assert_uint_eq(ie.len, 2);
	ck_assert(ie.data == ies + 9);
	ck_assert_uint_eq(ie.raw_len, 5);
	ck_assert_int_eq(fw_ie_next(&c, &ie), 1);
	ck_assert_int_eq(fw_ie_next(&c, &ie), 1);
	ck_assert_uint_eq(ie.id, FW_EID_RSN);
	ck_assert_int_eq(fw_ie_next(&c, &ie), 0);

	ck_assert(fw_ie_find(ies, sizeof(ies), FW_EID_EXT, FW_EID_EXT_OWE_DH, &ie));
	ck_assert_uint_eq(ie.data[0], 0x13);
	ck_assert(!fw_ie_find(ies, sizeof(ies), FW_EID_EXT, FW_EID_EXT_MLE, &ie));
	ck_assert(fw_ie_find(ies, sizeof(ies), FW_EID_RSN, 0, &ie));
	ck_assert(ie.raw == ies + 18);
	ck_assert(!fw_ie_find(ies, sizeof(ies), FW_EID_MDE, 0, &ie));
	ck_assert(!fw_ie_find_wpa(ies, sizeof(ies), &ie));

	/* an element running past the list: truncated, the cursor stays */
	fw_cur_init(&c, ies, 5);
	ck_assert_int_eq(fw_ie_next(&c, &ie), FW_ETRUNC);
	ck_assert_uint_eq(fw_cur_offset(&c), 0);
	fw_cur_init(&c, ies, 1);
	ck_assert_int_eq(fw_ie_next(&c, &ie), FW_ETRUNC);
	/* an extension element without its extension id */
	fw_cur_init(&c, (const uint8_t *)"\xff\x00\x00\x00", 4);
	ck_assert_int_eq(fw_ie_next(&c, &ie), FW_EMALFORMED);
	/* elements past a broken one are not found */
	ck_assert(!fw_ie_find(ies, 20, FW_EID_RSN, 0, &ie));
}
END_TEST

START_TEST(test_rsne_induction)
{
	struct fw_rsne r;
	struct fw_ie ie;

	ck_assert(fw_ie_find(RSNE_INDUCTION, sizeof(RSNE_INDUCTION), FW_EID_RSN, 0, &ie));
	ck_assert_int_eq(fw_rsne_parse(&r, ie.data, ie.len, false), 0);
	ck_assert(!r.wpa1);
	ck_assert_uint_eq(r.version, 1);
	ck_assert_uint_eq(r.group, FW_SUITE(FW_OUI_IEEE, 2));
	ck_assert_uint_eq(r.n_pairwise, 1);
	ck_assert_uint_eq(r.pairwise[0], 0x000fac04);
	ck_assert_uint_eq(r.n_akm, 1);
	ck_assert_uint_eq(r.akm[0], FW_SUITE(FW_OUI_IEEE, 2));
	ck_assert(r.has_caps);
	ck_assert_uint_eq(r.caps, 0);
	ck_assert_uint_eq(r.n_pmkid, 0);
	ck_assert(!r.has_group_mgmt);
}
END_TEST

START_TEST(test_rsne_full_and_optional_tails)
{
	struct tbuf t = { .n = 0 };
	struct fw_rsne r;
	size_t full;

	/* SAE + PMF required, one PMKID, BIP-CMAC-128 */
	put_le16(&t, 1);
	put_be32(&t, 0x000fac04);
	put_le16(&t, 1);
	put_be32(&t, 0x000fac04);
	put_le16(&t, 2);
	put_be32(&t, 0x000fac08);
	put_be32(&t, 0x000fac18);
	put_le16(&t, 0x00cc);
	put_le16(&t, 1);
	put_fill(&t, 0x77, 16);
	put_be32(&t, 0x000fac06);
	full = t.n;
	ck_assert_int_eq(fw_rsne_parse(&r, t.b, t.n, false), 0);
	ck_assert_uint_eq(r.n_akm, 2);
	ck_assert_uint_eq(r.akm[0], 0x000fac08);
	ck_assert_uint_eq(r.akm[1], 0x000fac18);
	ck_assert_uint_eq(r.caps, 0x00cc);
	ck_assert_uint_eq(r.n_pmkid, 1);
	ck_assert(r.pmkid == t.b + 26);
	ck_assert_uint_eq(full, 46);
	ck_assert(r.has_group_mgmt);
	ck_assert_uint_eq(r.group_mgmt, 0x000fac06);

	/* every clean cut (at a field boundary) parses; every other cut is truncated */
	{
		static const size_t clean[] = { 2, 6, 12, 22, 24, 42, 46 };

		for (size_t n = 0; n <= full; n++) {
			bool is_clean = false;
			int rc;

			for (size_t i = 0; i < sizeof(clean) / sizeof(clean[0]); i++)
				is_clean |= clean[i] == n;
			rc = fw_rsne_parse(&r, t.b, n, false);
			if (is_clean)
				ck_assert_msg(rc == 0, "cut at %zu: %d", n, rc);
			else
				ck_assert_msg(rc == FW_ETRUNC, "cut at %zu: %d", n, rc);
		}
	}
	/* a cut after the AKM list: no caps */
	ck_assert_int_eq(fw_rsne_parse(&r, t.b, 22, false), 0);
	ck_assert(!r.has_caps);
	ck_assert_uint_eq(r.n_akm, 2);
	/* trailing bytes after the group management suite are ignored */
	put_fill(&t, 0, 3);
	ck_assert_int_eq(fw_rsne_parse(&r, t.b, t.n, false), 0);
	/* version 2 */
	t.b[0] = 2;
	ck_assert_int_eq(fw_rsne_parse(&r, t.b, t.n, false), FW_EUNSUPP);
}
END_TEST

START_TEST(test_rsne_many_suites)
{
	struct tbuf t = { .n = 0 };
	struct fw_rsne r;

	put_le16(&t, 1);
	put_be32(&t, 0x000fac04);
	put_le16(&t, 10);
	for (uint32_t i = 0; i < 10; i++)
		put_be32(&t, 0x000fac00 | i);
	put_le16(&t, 1);
	put_be32(&t, 0x000fac02);
	put_le16(&t, 0x000c);
	put_le16(&t, 6);		/* more PMKIDs than kept */
	for (int i = 0; i < 6; i++)
		put_fill(&t, (uint8_t)i, 16);
	ck_assert_int_eq(fw_rsne_parse(&r, t.b, t.n, false), 0);
	ck_assert_uint_eq(r.n_pairwise, FW_RSNE_MAX_SUITES);
	ck_assert_uint_eq(r.pairwise[7], 0x000fac07);
	ck_assert_uint_eq(r.n_akm, 1);
	ck_assert_uint_eq(r.akm[0], 0x000fac02);
	ck_assert_uint_eq(r.caps, 0x000c);
	ck_assert_uint_eq(r.n_pmkid, FW_RSNE_MAX_PMKIDS);
	ck_assert_uint_eq(r.pmkid[3 * 16], 3);
	/* a pairwise count larger than the list */
	t.b[6] = 11;
	ck_assert_int_eq(fw_rsne_parse(&r, t.b, 8 + 40, false), FW_ETRUNC);
}
END_TEST

START_TEST(test_wpa1)
{
	/* Key Data of wpa-psk-linksys.cap frame 19 (WPA1 M2): the WPA element */
	static const uint8_t kd[26] = {
		0xdd, 0x18, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02, 0x01,
		0x00, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x00, 0x00, 0x50, 0xf2, 0x02, 0x2a, 0x00,
	};
	struct fw_ie ie;
	struct fw_rsne r;

	ck_assert(fw_ie_find_wpa(kd, sizeof(kd), &ie));
	ck_assert_uint_eq(ie.len, 24);
	ck_assert_int_eq(fw_rsne_parse(&r, ie.data + 4, ie.len - 4u, true), 0);
	ck_assert(r.wpa1);
	ck_assert_uint_eq(r.version, 1);
	ck_assert_uint_eq(r.group, FW_SUITE(FW_OUI_MS, 2));
	ck_assert_uint_eq(r.n_pairwise, 1);
	ck_assert_uint_eq(r.pairwise[0], 0x0050f202);
	ck_assert_uint_eq(r.akm[0], 0x0050f202);
	ck_assert(r.has_caps);
	ck_assert_uint_eq(r.caps, 0x002a);
}
END_TEST

START_TEST(test_mde_fte)
{
	struct tbuf t = { .n = 0 };
	struct fw_mde m;
	struct fw_fte f;

	ck_assert_int_eq(fw_mde_parse(&m, (const uint8_t *)"\x34\x12\x01", 3), 0);
	ck_assert_uint_eq(m.mdid, 0x1234);
	ck_assert_uint_eq(m.ft_cap, 1);
	ck_assert_int_eq(fw_mde_parse(&m, (const uint8_t *)"\x34\x12", 2), FW_ETRUNC);

	for (size_t mic = 16; mic <= 32; mic += 8) {
		t.n = 0;
		put_le16(&t, 0x0300);
		put_fill(&t, 0xaa, mic);
		put_fill(&t, 0xa1, 32);
		put_fill(&t, 0x5b, 32);
		put(&t, "\x03\x05r0kh!", 7);
		put(&t, "\x02\x03\x00\x00\x00", 5);	/* GTK sub-element, skipped */
		put_u8(&t, 1);
		put_u8(&t, 6);
		put(&t, MAC_AP, 6);
		ck_assert_int_eq(fw_fte_parse(&f, t.b, t.n, mic), 0);
		ck_assert_uint_eq(f.mic_control, 0x0300);
		ck_assert_uint_eq(f.mic_len, mic);
		ck_assert(f.mic == t.b + 2);
		ck_assert_uint_eq(f.anonce[0], 0xa1);
		ck_assert_uint_eq(f.snonce[31], 0x5b);
		ck_assert_uint_eq(f.r0kh_id_len, 5);
		ck_assert_mem_eq(f.r0kh_id, "r0kh!", 5);
		ck_assert_ptr_nonnull(f.r1kh_id);
		ck_assert_mem_eq(f.r1kh_id, MAC_AP, 6);
		/* cut inside a sub-element */
		ck_assert_int_eq(fw_fte_parse(&f, t.b, t.n - 1, mic), FW_ETRUNC);
		/* cut inside the SNonce */
		ck_assert_int_eq(fw_fte_parse(&f, t.b, 2 + mic + 63, mic), FW_ETRUNC);
	}
	ck_assert_int_eq(fw_fte_parse(&f, t.b, t.n, 20), FW_EINVAL);
	/* R0KH-ID longer than 48 */
	t.n = 0;
	put_le16(&t, 0);
	put_fill(&t, 0, 16 + 64);
	put_u8(&t, 3);
	put_u8(&t, 49);
	put_fill(&t, 'x', 49);
	ck_assert_int_eq(fw_fte_parse(&f, t.b, t.n, 16), FW_EMALFORMED);
	/* R1KH-ID of the wrong length */
	t.n = 2 + 16 + 64;
	put(&t, "\x01\x05\x00\x00\x00\x00\x00", 7);
	ck_assert_int_eq(fw_fte_parse(&f, t.b, t.n, 16), FW_EMALFORMED);
}
END_TEST

START_TEST(test_kde_iteration)
{
	struct tbuf t = { .n = 0 };
	struct fw_cursor c;
	struct fw_kde k;

	/* an RSNE, a GTK KDE (key id 1, 16-byte GTK), a PMKID KDE, then padding */
	put(&t, RSNE_INDUCTION, sizeof(RSNE_INDUCTION));
	put(&t, "\xdd\x16\x00\x0f\xac\x01\x01\x00", 8);
	put_fill(&t, 0x42, 16);
	put(&t, "\xdd\x14\x00\x0f\xac\x04", 6);
	put_fill(&t, 0x99, 16);
	put(&t, "\xdd\x00\x00\x00", 4);
	fw_cur_init(&c, t.b, t.n);
	ck_assert_int_eq(fw_kde_next(&c, &k), 1);
	ck_assert(!k.is_kde);
	ck_assert_uint_eq(k.type, FW_EID_RSN);
	ck_assert_uint_eq(k.len, 20);
	ck_assert(k.ie.raw == t.b);
	ck_assert_int_eq(fw_kde_next(&c, &k), 1);
	ck_assert(k.is_kde);
	ck_assert_uint_eq(k.type, FW_KDE_GTK);
	ck_assert_uint_eq(k.len, 18);
	ck_assert_uint_eq(k.data[0], 0x01);
	ck_assert_uint_eq(k.data[2], 0x42);
	ck_assert_int_eq(fw_kde_next(&c, &k), 1);
	ck_assert_uint_eq(k.type, FW_KDE_PMKID);
	ck_assert_uint_eq(k.len, 16);
	ck_assert_uint_eq(k.data[0], 0x99);
	ck_assert_int_eq(fw_kde_next(&c, &k), 0);
	ck_assert_uint_eq(fw_cur_left(&c), 0);
	ck_assert_int_eq(fw_kde_next(&c, &k), 0);

	/* a lone 0xdd at the end is padding too */
	fw_cur_init(&c, (const uint8_t *)"\xdd", 1);
	ck_assert_int_eq(fw_kde_next(&c, &k), 0);
	/* a KDE running past Key Data */
	fw_cur_init(&c, t.b + 22, 20);
	ck_assert_int_eq(fw_kde_next(&c, &k), FW_ETRUNC);
	/* a vendor element of another OUI is an element, not a KDE */
	fw_cur_init(&c, (const uint8_t *)"\xdd\x05\x00\x50\xf2\x04\x10", 7);
	ck_assert_int_eq(fw_kde_next(&c, &k), 1);
	ck_assert(!k.is_kde);
	ck_assert_uint_eq(k.type, FW_EID_VENDOR);
	ck_assert_uint_eq(k.len, 5);
	/* a vendor element too short for an OUI and type */
	fw_cur_init(&c, (const uint8_t *)"\xdd\x03\x00\x0f\xac", 5);
	ck_assert_int_eq(fw_kde_next(&c, &k), 1);
	ck_assert(!k.is_kde);
}
END_TEST

Suite *ie_suite(void)
{
	Suite *s = suite_create("ie");
	TCase *tc = tcase_create("ie");

	tcase_add_test(tc, test_ie_iteration);
	tcase_add_test(tc, test_rsne_induction);
	tcase_add_test(tc, test_rsne_full_and_optional_tails);
	tcase_add_test(tc, test_rsne_many_suites);
	tcase_add_test(tc, test_wpa1);
	tcase_add_test(tc, test_mde_fte);
	tcase_add_test(tc, test_kde_iteration);
	suite_add_tcase(s, tc);
	return s;
}
