/*
 * Elements and KDEs: iteration and its bounds, RSNE with every optional
 * tail, the WPA1 element, MDE, FTE sub-elements and Key Data padding.
 * RSNE/WPA bytes come from corpus frames (wpa-Induction.pcap frame 89,
 * wpa-psk-linksys.cap frame 19); the rest is built from 9.4.2.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

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

/* What fw_ie_find (fw_ie_find_wpa) gives for each kind fw_ies_scan knows. */
static bool find_kind(const uint8_t *ies, size_t len, enum fw_ies_kind k, struct fw_ie *ie)
{
	static const uint8_t id[FW_IES_N] = {
		[FW_IES_SSID] = FW_EID_SSID, [FW_IES_RSN] = FW_EID_RSN, [FW_IES_RSNX] = FW_EID_RSNX,
		[FW_IES_MDE] = FW_EID_MDE, [FW_IES_FTE] = FW_EID_FTE, [FW_IES_OWE_DH] = FW_EID_EXT,
	};

	if (k == FW_IES_WPA)
		return fw_ie_find_wpa(ies, len, ie);
	return fw_ie_find(ies, len, id[k], k == FW_IES_OWE_DH ? FW_EID_EXT_OWE_DH : 0, ie);
}

/* One walk finds, for every kind, what a walk per kind finds. */
static void ies_same_as_find(const uint8_t *ies, size_t len)
{
	struct fw_ies s;
	struct fw_ie want;

	fw_ies_scan(&s, ies, len, FW_IES_BIT(FW_IES_N) - 1);
	for (int k = 0; k < FW_IES_N; k++) {
		const struct fw_ie *got = fw_ies_at(&s, (enum fw_ies_kind)k);

		if (!find_kind(ies, len, (enum fw_ies_kind)k, &want)) {
			ck_assert_msg(got == NULL, "kind %d found in %zu bytes", k, len);
			continue;
		}
		ck_assert_msg(got != NULL, "kind %d missed in %zu bytes", k, len);
		ck_assert_uint_eq(got->id, want.id);
		ck_assert_uint_eq(got->ext_id, want.ext_id);
		ck_assert_uint_eq(got->len, want.len);
		ck_assert(got->data == want.data);
		ck_assert(got->raw == want.raw);
		ck_assert_uint_eq(got->raw_len, want.raw_len);
	}
}

static const uint8_t MGMT_IES[] = {
	0x00, 0x03, 'n', 'e', 't',			/* 0: SSID */
	0xdd, 0x07, 0x00, 0x50, 0xf2, 0x02, 0x01, 0x01, 0x00,	/* 5: WMM, not WPA */
	0xdd, 0x03, 0x00, 0x50, 0xf2,			/* 14: vendor, too short for a type */
	0xff, 0x02, 0x6b, 0x00,				/* 19: MLE, not OWE DH */
	0xdd, 0x06, 0x00, 0x50, 0xf2, 0x01, 0x01, 0x00,	/* 23: WPA, version 1 */
	0x00, 0x02, 'x', 'y',				/* 31: a second SSID */
	0x30, 0x02, 0x01, 0x00,				/* 35: RSNE */
	0x36, 0x03, 0x34, 0x12, 0x01,			/* 39: MDE */
	0xff, 0x03, 0x20, 0x13, 0x00,			/* 44: OWE DH, group 19 */
	0x37, 0x00,					/* 49: FTE (empty) */
	0xf4, 0x01, 0x20,				/* 51: RSNXE */
	0x30, 0x04, 0x01, 0x00, 0x00, 0x0f,		/* 54: a second RSNE */
	0xff, 0x00,					/* 60: extension without its id */
	0xf4, 0x01, 0x00,				/* 62: past the broken one */
};

START_TEST(test_ies_scan)
{
	struct fw_ies s;
	const struct fw_ie *ie;

	fw_ies_scan(&s, MGMT_IES, sizeof(MGMT_IES), FW_IES_BIT(FW_IES_N) - 1);
	ck_assert_uint_eq(s.found, FW_IES_BIT(FW_IES_N) - 1);
	ck_assert((ie = fw_ies_at(&s, FW_IES_SSID)) != NULL);
	ck_assert(ie->raw == MGMT_IES && ie->len == 3 && ie->raw_len == 5);
	ck_assert((ie = fw_ies_at(&s, FW_IES_WPA)) != NULL);
	ck_assert(ie->raw == MGMT_IES + 23 && ie->len == 6 && ie->data == MGMT_IES + 25);
	ck_assert((ie = fw_ies_at(&s, FW_IES_RSN)) != NULL);
	ck_assert(ie->raw == MGMT_IES + 35 && ie->raw_len == 4);
	ck_assert((ie = fw_ies_at(&s, FW_IES_OWE_DH)) != NULL);
	ck_assert(ie->raw == MGMT_IES + 44 && ie->ext_id == FW_EID_EXT_OWE_DH && ie->len == 2);
	ck_assert(ie->data[0] == 0x13);
	ck_assert((ie = fw_ies_at(&s, FW_IES_FTE)) != NULL);
	ck_assert(ie->len == 0 && ie->raw_len == 2);
	ck_assert((ie = fw_ies_at(&s, FW_IES_RSNX)) != NULL);
	ck_assert(ie->raw == MGMT_IES + 51);
	/* at every length, and with every element broken in turn: the same as a walk a kind */
	for (size_t len = 0; len <= sizeof(MGMT_IES); len++)
		ies_same_as_find(MGMT_IES, len);
	for (size_t at = 0; at + 1 < sizeof(MGMT_IES); at++) {
		uint8_t b[sizeof(MGMT_IES)];

		memcpy(b, MGMT_IES, sizeof(b));
		b[at + 1] = 0xfe;	/* a length past the end, or an id of no kind */
		ies_same_as_find(b, sizeof(b));
		b[at + 1] = 0x00;
		ies_same_as_find(b, sizeof(b));
	}
	/* the walk ends once it holds the kinds asked for */
	fw_ies_scan(&s, MGMT_IES, sizeof(MGMT_IES), FW_IES_BIT(FW_IES_SSID));
	ck_assert_uint_eq(s.found, FW_IES_BIT(FW_IES_SSID));
	fw_ies_scan(&s, MGMT_IES, sizeof(MGMT_IES), FW_IES_BIT(FW_IES_RSN));
	ck_assert_uint_eq(s.found, FW_IES_BIT(FW_IES_SSID) | FW_IES_BIT(FW_IES_WPA) |
			  FW_IES_BIT(FW_IES_RSN));
	fw_ies_scan(&s, NULL, 0, FW_IES_BIT(FW_IES_RSN));
	ck_assert_uint_eq(s.found, 0);
}
END_TEST

/* Lists of random elements of every kind and their look-alikes: one walk, the same answers. */
START_TEST(test_ies_scan_random)
{
	static const uint8_t ids[] = { 0, 1, 48, 54, 55, 221, 221, 221, 244, 255, 255 };
	uint32_t x = 0x2545f491u;
	uint8_t b[300];

	for (int round = 0; round < 2000; round++) {
		size_t n = 0;

		while (n + 2 < sizeof(b)) {
			uint8_t id, len;

			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			id = ids[x % sizeof(ids)];
			len = (uint8_t)((x >> 8) % 9);
			if (n + 2 + len > sizeof(b))
				break;
			b[n] = id;
			b[n + 1] = len;
			for (size_t i = 0; i < len; i++)
				b[n + 2 + i] = (uint8_t)(x >> (16 + i));
			if (id == 221 && len >= 4 && (x & 0x100000))
				memcpy(b + n + 2, "\x00\x50\xf2\x01", 4);
			if (id == 255 && len >= 1 && (x & 0x200000))
				b[n + 2] = FW_EID_EXT_OWE_DH;
			n += 2 + (size_t)len;
			if ((x >> 28) == 0)
				break;
		}
		ies_same_as_find(b, n);
		ies_same_as_find(b, n ? n - 1 : 0);
	}
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
	tcase_add_test(tc, test_ies_scan);
	tcase_add_test(tc, test_ies_scan_random);
	suite_add_tcase(s, tc);
	return s;
}
