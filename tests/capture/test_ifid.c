/*
 * test_ifid.c - the interface ID of each pcapng packet (capture/ifid.c),
 * on files written here block by block after the pcapng draft
 * (draft-ietf-opsawg-pcapng: SHB 0x0A0D0D0A with the byte-order magic
 * 0x1A2B3C4D, IDB 1, EPB 6 with its interface ID, SPB 3 always
 * interface 0), in both byte orders, through the source as every command
 * reads it; and a walker that meets a broken block gives 0, never fails.
 */
#include <check.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/ifid.h"
#include "capture/source.h"
#include "suites.h"

struct ng {
	uint8_t b[4096];
	size_t n;
	bool big;
};

static void u32(struct ng *g, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		g->b[g->n++] = (uint8_t)(g->big ? v >> (24 - 8 * i) : v >> (8 * i));
}

static void u16(struct ng *g, uint16_t v)
{
	g->b[g->n++] = (uint8_t)(g->big ? v >> 8 : v);
	g->b[g->n++] = (uint8_t)(g->big ? v : v >> 8);
}

static void shb(struct ng *g)
{
	u32(g, 0x0A0D0D0A);
	u32(g, 28);
	u32(g, 0x1A2B3C4D);
	u16(g, 1);
	u16(g, 0);
	u32(g, 0xffffffff);	/* section length: unknown */
	u32(g, 0xffffffff);
	u32(g, 28);
}

static void idb(struct ng *g)
{
	u32(g, 1);
	u32(g, 20);
	u16(g, 127);	/* radiotap */
	u16(g, 0);
	u32(g, 65535);
	u32(g, 20);
}

/* An 8-byte packet whose first byte says which it is. */
static void epb(struct ng *g, uint32_t iface, uint8_t tag)
{
	u32(g, 6);
	u32(g, 40);
	u32(g, iface);
	u32(g, 0);
	u32(g, tag);	/* timestamp (low): in order */
	u32(g, 8);
	u32(g, 8);
	memset(g->b + g->n, tag, 8);
	g->n += 8;
	u32(g, 40);
}

static void spb(struct ng *g, uint8_t tag)
{
	u32(g, 3);
	u32(g, 24);
	u32(g, 8);
	memset(g->b + g->n, tag, 8);
	g->n += 8;
	u32(g, 24);
}

/* A Name Resolution Block with no records: a block the walker skips. */
static void nrb(struct ng *g)
{
	u32(g, 4);
	u32(g, 16);
	u32(g, 0);	/* nrb_record_end */
	u32(g, 16);
}

static void check_file(bool big)
{
	struct ng g = { .big = big };
	static const uint32_t want_if[] = { 0, 1, 0, 1, 1 };
	char *dir = tc_tmpdir(), *path;
	struct fw_source *s;
	struct fw_pkt pkt;
	char err[512];
	size_t n = 0;

	shb(&g);
	idb(&g);
	idb(&g);
	epb(&g, 0, 1);
	epb(&g, 1, 2);
	spb(&g, 3);
	nrb(&g);
	epb(&g, 1, 4);
	epb(&g, 1, 5);
	path = tc_write(dir, "two.pcapng", g.b, g.n);
	ck_assert_msg(fw_source_open_file(&s, path, err, sizeof(err)) == 0, "%s", err);
	while (fw_source_next(s, &pkt, err, sizeof(err)) == 1) {
		ck_assert_uint_lt(n, 5);
		ck_assert_uint_eq(pkt.data[0], n + 1);
		ck_assert_uint_eq(pkt.iface, want_if[n]);
		n++;
	}
	ck_assert_uint_eq(n, 5);
	fw_source_close(s);
	free(path);
	tc_rmtree(dir);
}

START_TEST(test_ifid_little_endian) { check_file(false); }
END_TEST

START_TEST(test_ifid_big_endian) { check_file(true); }
END_TEST

/* A block length below 12 ends the walk: interface 0 from there on, no read past it. */
START_TEST(test_ifid_broken_block)
{
	struct ng g = { 0 };
	char *dir = tc_tmpdir(), *path;
	struct fw_ifid *w;
	int fd;

	shb(&g);
	idb(&g);
	epb(&g, 3, 1);
	u32(&g, 6);
	u32(&g, 4);	/* too short to be a block */
	u32(&g, 7);
	path = tc_write(dir, "broken.pcapng", g.b, g.n);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	w = fw_ifid_new(fd);
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(fw_ifid_next(w), 3);
	ck_assert_uint_eq(fw_ifid_next(w), 0);
	ck_assert_uint_eq(fw_ifid_next(w), 0);
	fw_ifid_free(w);
	close(fd);
	free(path);
	tc_rmtree(dir);
}
END_TEST

/* Not pcapng: no walker (a pcap file's packets are interface 0). */
START_TEST(test_ifid_not_pcapng)
{
	static const uint8_t pcap_hdr[24] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };
	char *dir = tc_tmpdir(), *path = tc_write(dir, "x.pcap", pcap_hdr, sizeof(pcap_hdr));
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_ptr_null(fw_ifid_new(fd));
	close(fd);
	free(path);
	tc_rmtree(dir);
}
END_TEST

Suite *ifid_suite(void)
{
	Suite *s = suite_create("ifid");
	TCase *tc = tcase_create("walk");

	tcase_add_test(tc, test_ifid_little_endian);
	tcase_add_test(tc, test_ifid_big_endian);
	tcase_add_test(tc, test_ifid_broken_block);
	tcase_add_test(tc, test_ifid_not_pcapng);
	suite_add_tcase(s, tc);
	return s;
}
