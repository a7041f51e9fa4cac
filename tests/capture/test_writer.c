/*
 * The pcap writer: packets written with nanosecond timestamps read back
 * byte for byte through the source, and the writer's argument checks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/source.h"
#include "capture/writer.h"
#include "suites.h"
#include "util/err.h"

static const uint8_t p1[] = {0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x88, 0x02};
static const uint8_t p2[] = {0xde, 0xad, 0xbe, 0xef};
static const uint8_t p3[] = {0x80, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};

START_TEST(round_trip)
{
	static const int64_t ts[3] = {1700000000123456789LL, 1700000000123456790LL,
				      1700000001000000001LL};
	const uint8_t *data[3] = {p1, p2, p3};
	const uint32_t caplen[3] = {sizeof(p1), sizeof(p2), sizeof(p3)};
	const uint32_t len[3] = {sizeof(p1), 1500, sizeof(p3)};	/* the second is cut short */
	struct fw_pcap_writer *w;
	struct tc_pkts back;
	char *tmp = tc_tmpdir(), path[8192], err[512] = "";
	uint8_t *raw;
	size_t n;

	snprintf(path, sizeof(path), "%s/out.pcap", tmp);
	ck_assert_int_eq(fw_pcap_writer_open(&w, path, 127, 65535, err, sizeof(err)), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(fw_pcap_writer_write(w, ts[i], data[i], caplen[i], len[i]), 0);
	ck_assert_int_eq(fw_pcap_writer_close(w), 0);

	/* classic pcap, nanosecond magic, little-endian on this host; snaplen and DLT as asked */
	raw = tc_slurp(path, &n);
	ck_assert_uint_eq(n, 24 + 3 * 16 + sizeof(p1) + sizeof(p2) + sizeof(p3));
	ck_assert_mem_eq(raw, "\x4d\x3c\xb2\xa1", 4);
	ck_assert_mem_eq(raw + 16, "\xff\xff\x00\x00\x7f\x00\x00\x00", 8);
	free(raw);

	tc_read_all(path, &back);
	ck_assert_int_eq(back.rc, 0);
	ck_assert_uint_eq(back.n, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_uint_eq(back.v[i].frame_no, (uint64_t)i + 1);
		ck_assert_int_eq(back.v[i].ts_ns, ts[i]);
		ck_assert_uint_eq(back.v[i].caplen, caplen[i]);
		ck_assert_uint_eq(back.v[i].len, len[i]);
		ck_assert_int_eq(back.v[i].linktype, 127);
		ck_assert_mem_eq(back.v[i].data, data[i], caplen[i]);
	}
	tc_pkts_free(&back);
	tc_rmtree(tmp);
}
END_TEST

/* Microsecond precision: magic a1b2c3d4, the record holds microseconds, ns are dropped. */
START_TEST(micro)
{
	struct fw_pcap_writer *w;
	struct tc_pkts back;
	char *tmp = tc_tmpdir(), path[8192], err[512] = "";
	uint8_t *raw;
	size_t n;

	snprintf(path, sizeof(path), "%s/us.pcap", tmp);
	ck_assert_int_eq(fw_pcap_writer_open_prec(&w, path, 105, 65535, false, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_pcap_writer_write(w, 1700000000123456789LL, p2, sizeof(p2), sizeof(p2)), 0);
	ck_assert_int_eq(fw_pcap_writer_close(w), 0);
	raw = tc_slurp(path, &n);
	ck_assert_uint_eq(n, 24 + 16 + sizeof(p2));
	ck_assert_mem_eq(raw, "\xd4\xc3\xb2\xa1", 4);
	/* ts_sec 1700000000 = 0x6553f100, ts_usec 123456 = 0x0001e240, little-endian */
	ck_assert_mem_eq(raw + 24, "\x00\xf1\x53\x65\x40\xe2\x01\x00", 8);
	free(raw);
	tc_read_all(path, &back);
	ck_assert_int_eq(back.rc, 0);
	ck_assert_uint_eq(back.n, 1);
	ck_assert_int_eq(back.v[0].ts_ns, 1700000000123456000LL);
	ck_assert_int_eq(back.v[0].linktype, 105);
	tc_pkts_free(&back);
	tc_rmtree(tmp);
}
END_TEST

START_TEST(checks)
{
	struct fw_pcap_writer *w;
	char *tmp = tc_tmpdir(), path[8192], err[512] = "";

	snprintf(path, sizeof(path), "%s/out.pcap", tmp);
	ck_assert_int_eq(fw_pcap_writer_open(&w, path, 105, 64, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_pcap_writer_write(w, 0, p1, 11, 10), FW_EINVAL);	/* caplen > len */
	ck_assert_int_eq(fw_pcap_writer_write(w, 0, p3, 65, 100), FW_EINVAL);	/* caplen > snaplen */
	ck_assert_int_eq(fw_pcap_writer_write(w, -1, p1, 10, 10), FW_ERANGE);
	ck_assert_int_eq(fw_pcap_writer_write(w, (int64_t)5000000000 * 1000000000, p1, 10, 10), FW_ERANGE);
	ck_assert_int_eq(fw_pcap_writer_close(w), 0);

	snprintf(path, sizeof(path), "%s/no/such/dir/out.pcap", tmp);
	ck_assert_int_eq(fw_pcap_writer_open(&w, path, 105, 65535, err, sizeof(err)), FW_EIO);
	ck_assert_ptr_null(w);
	ck_assert_msg(strstr(err, path) && strstr(err, "No such file or directory"), "%s", err);
	tc_rmtree(tmp);
}
END_TEST

Suite *writer_suite(void)
{
	Suite *s = suite_create("writer");
	TCase *tc = tcase_create("writer");

	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, checks);
	tcase_add_test(tc, micro);
	suite_add_tcase(s, tc);
	return s;
}
