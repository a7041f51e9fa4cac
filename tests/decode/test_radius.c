/*
 * test_radius.c - RADIUS on the AP's wired side: Ethernet -> IPv4/IPv6 ->
 * UDP 1812 -> RADIUS header and attributes, every layer cut short.
 */
#include <check.h>
#include <string.h>

#include "bytes.h"
#include "decode/frame.h"
#include "suites.h"
#include "util/err.h"

static const uint8_t MAC_A[6] = { 0x02, 0, 0, 0, 0, 0x0a };
static const uint8_t MAC_B[6] = { 0x02, 0, 0, 0, 0, 0x0b };

/* An Access-Request: Calling-Station-Id and a Microsoft MS-MPPE-Recv-Key VSA. */
static void put_radius(struct tbuf *t, uint8_t code, uint8_t id)
{
	static const char csid[] = "02-00-00-00-01-00";

	put_u8(t, code);
	put_u8(t, id);
	put_be16(t, (uint16_t)(20 + 2 + 17 + 2 + 6 + 4));
	put_fill(t, 0x5a, 16);
	put_u8(t, 31);				/* Calling-Station-Id */
	put_u8(t, 2 + 17);
	put(t, csid, 17);
	put_u8(t, 26);				/* Vendor-Specific: Microsoft, type 17, 4 octets */
	put_u8(t, 2 + 6 + 4);
	put_be32(t, 311);
	put_u8(t, 17);
	put_u8(t, 2 + 4);
	put_be32(t, 0xdeadbeef);
}

static size_t put_eth_ipv4_udp(struct tbuf *t, uint16_t dport, size_t radius_len)
{
	put(t, MAC_B, 6);
	put(t, MAC_A, 6);
	put_be16(t, 0x0800);
	put_u8(t, 0x45);			/* IPv4, 20-octet header */
	put_u8(t, 0);
	put_be16(t, (uint16_t)(20 + 8 + radius_len));
	put_be32(t, 0);				/* id, no fragment */
	put_u8(t, 64);
	put_u8(t, 17);				/* UDP */
	put_be16(t, 0);
	put_be32(t, 0x0a000001);
	put_be32(t, 0x0a000002);
	put_be16(t, 40000);
	put_be16(t, dport);
	put_be16(t, (uint16_t)(8 + radius_len));
	put_be16(t, 0);
	return t->n;
}

START_TEST(test_radius_over_ipv4)
{
	struct tbuf t = { .n = 0 };
	struct fw_radius_attr a;
	struct fw_frame f;
	size_t start = put_eth_ipv4_udp(&t, 1812, 51);

	put_radius(&t, FW_RADIUS_ACCESS_REQUEST, 9);
	ck_assert_uint_eq(t.n - start, 51);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	ck_assert_int_eq(f.kind, FW_KIND_RADIUS);
	ck_assert(f.has_radius);
	ck_assert_uint_eq(f.radius.code, FW_RADIUS_ACCESS_REQUEST);
	ck_assert_uint_eq(f.radius.id, 9);
	ck_assert_uint_eq(f.radius.length, 51);
	ck_assert_uint_eq(f.radius.sport, 40000);
	ck_assert_uint_eq(f.radius.dport, 1812);
	ck_assert_uint_eq(f.radius.src[15], 1);
	ck_assert_uint_eq(f.radius.dst[15], 2);
	ck_assert(fw_radius_attr_find(&f.radius, FW_RADIUS_ATTR_CALLING_STATION_ID, &a));
	ck_assert_uint_eq(a.len, 17);
	ck_assert_mem_eq(a.value, "02-00-00-00-01-00", 17);
	ck_assert(fw_radius_vsa_find(&f.radius, FW_RADIUS_VENDOR_MICROSOFT, FW_MS_MPPE_RECV_KEY, &a));
	ck_assert_uint_eq(a.len, 4);
	ck_assert_uint_eq(a.value[0], 0xde);
	ck_assert(!fw_radius_vsa_find(&f.radius, FW_RADIUS_VENDOR_MICROSOFT, FW_MS_MPPE_SEND_KEY, &a));
	ck_assert(!fw_radius_attr_find(&f.radius, FW_RADIUS_ATTR_USER_NAME, &a));
}
END_TEST

START_TEST(test_other_udp_is_not_radius)
{
	struct tbuf t = { .n = 0 };
	struct fw_frame f;

	put_eth_ipv4_udp(&t, 53, 51);
	put_radius(&t, FW_RADIUS_ACCESS_REQUEST, 9);
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	ck_assert(!f.has_radius);
	ck_assert_int_eq(f.kind, FW_KIND_DATA);
}
END_TEST

START_TEST(test_radius_every_prefix)
{
	struct tbuf t = { .n = 0 };
	struct fw_frame f;
	size_t start = put_eth_ipv4_udp(&t, 1812, 51);

	put_radius(&t, FW_RADIUS_ACCESS_ACCEPT, 3);
	for (size_t n = 0; n < t.n; n++) {
		int rc = fw_frame_decode(&f, FW_DLT_EN10MB, t.b, n);

		/* a cut in the RADIUS part is an error; before it, the frame is just not RADIUS */
		if (n >= start + 4 && n < t.n)
			ck_assert_msg(rc == FW_EMALFORMED && f.err_field, "prefix %zu: %d", n, rc);
		ck_assert(!f.has_radius);
	}
}
END_TEST

START_TEST(test_radius_bad_lengths)
{
	struct tbuf t = { .n = 0 };
	struct fw_radius_attr a;
	struct fw_frame f;
	size_t start = put_eth_ipv4_udp(&t, 1812, 51);
	size_t pos = 0;

	put_radius(&t, FW_RADIUS_ACCESS_REQUEST, 1);
	/* a RADIUS length below the header */
	t.b[start + 2] = 0;
	t.b[start + 3] = 19;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), FW_EMALFORMED);
	ck_assert_str_eq(f.err_field, "radius length");
	/* an attribute whose length runs past the packet ends the walk */
	t.b[start + 3] = 51;
	t.b[start + 21] = 200;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	ck_assert(!fw_radius_attr_next(&f.radius, &pos, &a));
	/* an attribute length below 2 likewise */
	t.b[start + 21] = 1;
	ck_assert_int_eq(fw_frame_decode(&f, FW_DLT_EN10MB, t.b, t.n), 0);
	pos = 0;
	ck_assert(!fw_radius_attr_next(&f.radius, &pos, &a));
}
END_TEST

Suite *radius_suite(void)
{
	Suite *s = suite_create("radius");
	TCase *tc = tcase_create("radius");

	tcase_add_test(tc, test_radius_over_ipv4);
	tcase_add_test(tc, test_other_udp_is_not_radius);
	tcase_add_test(tc, test_radius_every_prefix);
	tcase_add_test(tc, test_radius_bad_lengths);
	suite_add_tcase(s, tc);
	return s;
}
