/*
 * The pcapng writer: files read back through libpcap (the source) give the
 * same bytes, lengths and nanosecond timestamps; the blocks and options,
 * walked here by the test's own reader of the format (draft-ietf-opsawg-
 * pcapng section 3-4), are well formed and carry the comments given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/pcapng.h"
#include "capture/source.h"
#include "suites.h"
#include "util/err.h"

static const uint8_t rt[] = {0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x88, 0x02,
			     0x2c, 0x00};
static const uint8_t odd[] = {0xde, 0xad, 0xbe};
static const uint8_t beacon[] = {0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00,
				 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02};

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* What the test's reader found in a file. */
#define MAXB 16
#define MAXO 8
struct opt {
	uint16_t code;
	uint16_t len;
	const uint8_t *v;
};
struct block {
	uint32_t type;
	uint32_t len;
	const uint8_t *body;	/* after type and length */
	uint32_t body_len;	/* fixed part + options */
	size_t n_opts;
	struct opt opts[MAXO];
	int endofopt;		/* the list was closed by opt_endofopt */
};
struct parsed {
	size_t n;
	struct block b[MAXB];
};

/* Options from p to end: code, length, value padded to 4, 0/0 last. */
static void parse_opts(struct block *b, const uint8_t *p, const uint8_t *end)
{
	while (p < end) {
		uint16_t code, len;

		ck_assert_int_ge(end - p, 4);
		code = rd16(p);
		len = rd16(p + 2);
		p += 4;
		if (code == 0) {
			ck_assert_uint_eq(len, 0);
			ck_assert_ptr_eq(p, end);	/* nothing after opt_endofopt */
			b->endofopt = 1;
			return;
		}
		ck_assert_int_ge(end - p, len + ((4 - (len & 3)) & 3));
		ck_assert_uint_lt(b->n_opts, MAXO);
		b->opts[b->n_opts++] = (struct opt){ code, len, p };
		for (unsigned i = len; i < len + ((4u - (len & 3u)) & 3u); i++)
			ck_assert_uint_eq(p[i], 0);	/* padding is zero */
		p += len + ((4 - (len & 3)) & 3);
	}
}

/* Walk every block; assert the framing, and split the options out. */
static void parse_file(const uint8_t *raw, size_t n, struct parsed *out)
{
	size_t off = 0;

	memset(out, 0, sizeof(*out));
	while (off < n) {
		struct block *b;
		size_t fixed;

		ck_assert_uint_ge(n - off, 12);
		ck_assert_uint_lt(out->n, MAXB);
		b = &out->b[out->n++];
		b->type = rd32(raw + off);
		b->len = rd32(raw + off + 4);
		ck_assert_uint_eq(b->len % 4, 0);
		ck_assert_uint_ge(b->len, 12);
		ck_assert_uint_le(b->len, n - off);
		ck_assert_uint_eq(rd32(raw + off + b->len - 4), b->len);	/* trailer */
		b->body = raw + off + 8;
		b->body_len = b->len - 12;
		switch (b->type) {
		case 0x0A0D0D0A:
			fixed = 16;
			break;
		case 1:
			fixed = 8;
			break;
		case 6:
			ck_assert_uint_ge(b->body_len, 20);
			fixed = 20 + rd32(b->body + 12);
			fixed += (4 - (fixed & 3)) & 3;
			break;
		default:
			ck_abort_msg("unexpected block type 0x%08x", b->type);
			return;
		}
		ck_assert_uint_le(fixed, b->body_len);
		parse_opts(b, b->body + fixed, b->body + b->body_len);
		off += b->len;
	}
	ck_assert_uint_eq(off, n);
}

static void assert_opt_str(const struct opt *o, uint16_t code, const char *s)
{
	ck_assert_uint_eq(o->code, code);
	ck_assert_uint_eq(o->len, strlen(s));
	ck_assert_mem_eq(o->v, s, o->len);
}

START_TEST(round_trip)
{
	static const int64_t ts[3] = {1700000000123456789LL, 1700000000123456790LL,
				      4500000001000000001LL};	/* past 2^32 s too */
	const char *c0[] = {"M2 of handshake 1 (replay counter 1)", "MIC_BAD: wrong key"};
	const char *c2[] = {"caf\xc3\xa9, a comment of 25"};
	const struct fw_pcapng_pkt in[3] = {
		{ 127, ts[0], rt, sizeof(rt), sizeof(rt), c0, 2 },
		{ 127, ts[1], odd, sizeof(odd), 1500, NULL, 0 },	/* cut short, no comment */
		{ 127, ts[2], beacon, sizeof(beacon), sizeof(beacon), c2, 1 },
	};
	const struct fw_pcapng_section sec = { "summary line 1\nline 2", NULL, NULL, "fourway test" };
	struct fw_pcapng_writer *w;
	struct tc_pkts back;
	struct parsed ps;
	char *tmp = tc_tmpdir(), path[8192], err[512] = "";
	uint8_t *raw;
	size_t n;

	snprintf(path, sizeof(path), "%s/out.pcapng", tmp);
	ck_assert_int_eq(fw_pcapng_writer_open(&w, path, &sec, 65535, err, sizeof(err)), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(fw_pcapng_writer_write(w, &in[i]), 0);
	ck_assert_uint_eq(fw_pcapng_writer_count(w), 3);
	ck_assert_int_eq(fw_pcapng_writer_close(w), 0);

	/* libpcap reads it back: same bytes, lengths, link type, ns timestamps */
	tc_read_all(path, &back);
	ck_assert_int_eq(back.rc, 0);
	ck_assert_uint_eq(back.n, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_uint_eq(back.v[i].frame_no, (uint64_t)i + 1);
		ck_assert_int_eq(back.v[i].ts_ns, ts[i]);
		ck_assert_uint_eq(back.v[i].caplen, in[i].caplen);
		ck_assert_uint_eq(back.v[i].len, in[i].len);
		ck_assert_int_eq(back.v[i].linktype, 127);
		ck_assert_mem_eq(back.v[i].data, in[i].data, in[i].caplen);
	}
	tc_pkts_free(&back);
	{
		struct fw_source *src;

		ck_assert_int_eq(fw_source_open_file(&src, path, err, sizeof(err)), 0);
		ck_assert_uint_eq(fw_source_snaplen(src), 65535);	/* the IDB's */
		fw_source_close(src);
	}

	/* the blocks: SHB, IDB, three EPBs */
	raw = tc_slurp(path, &n);
	parse_file(raw, n, &ps);
	ck_assert_uint_eq(ps.n, 5);
	ck_assert_uint_eq(ps.b[0].type, 0x0A0D0D0A);
	ck_assert_uint_eq(rd32(ps.b[0].body), 0x1A2B3C4D);	/* little-endian section */
	ck_assert_uint_eq(rd16(ps.b[0].body + 4), 1);
	ck_assert_uint_eq(rd16(ps.b[0].body + 6), 0);
	ck_assert_uint_eq(rd32(ps.b[0].body + 8), 0xFFFFFFFF);	/* section length unknown */
	ck_assert_uint_eq(rd32(ps.b[0].body + 12), 0xFFFFFFFF);
	ck_assert_uint_eq(ps.b[0].n_opts, 2);
	ck_assert(ps.b[0].endofopt);
	assert_opt_str(&ps.b[0].opts[0], 1, sec.comment);
	assert_opt_str(&ps.b[0].opts[1], 4, sec.userappl);

	ck_assert_uint_eq(ps.b[1].type, 1);
	ck_assert_uint_eq(rd16(ps.b[1].body), 127);
	ck_assert_uint_eq(rd32(ps.b[1].body + 4), 65535);
	ck_assert_uint_eq(ps.b[1].n_opts, 1);
	ck_assert_uint_eq(ps.b[1].opts[0].code, 9);	/* if_tsresol */
	ck_assert_uint_eq(ps.b[1].opts[0].len, 1);
	ck_assert_uint_eq(ps.b[1].opts[0].v[0], 9);	/* 10^-9 s */

	for (int i = 0; i < 3; i++) {
		const struct block *b = &ps.b[2 + i];
		uint64_t t = (uint64_t)rd32(b->body + 4) << 32 | rd32(b->body + 8);

		ck_assert_uint_eq(b->type, 6);
		ck_assert_uint_eq(rd32(b->body), 0);	/* interface 0 */
		ck_assert_uint_eq(t, (uint64_t)ts[i]);
		ck_assert_uint_eq(rd32(b->body + 12), in[i].caplen);
		ck_assert_uint_eq(rd32(b->body + 16), in[i].len);
		ck_assert_mem_eq(b->body + 20, in[i].data, in[i].caplen);
		ck_assert_uint_eq(b->n_opts, in[i].n_comments);
		ck_assert_int_eq(b->endofopt, in[i].n_comments > 0);
		for (size_t k = 0; k < in[i].n_comments; k++)
			assert_opt_str(&b->opts[k], 1, in[i].comments[k]);
	}
	free(raw);
	tc_rmtree(tmp);
}
END_TEST

/* A new link type gets its own IDB, written before its first packet. */
START_TEST(link_types)
{
	const struct fw_pcapng_pkt in[3] = {
		{ 105, 1000, beacon + 8, sizeof(beacon) - 8, sizeof(beacon) - 8, NULL, 0 },
		{ 127, 2000, beacon, sizeof(beacon), sizeof(beacon), NULL, 0 },
		{ 105, 3000, beacon + 8, sizeof(beacon) - 8, sizeof(beacon) - 8, NULL, 0 },
	};
	static const uint32_t want_type[6] = {0x0A0D0D0A, 1, 6, 1, 6, 6};
	static const uint32_t want_if[3] = {0, 1, 0};
	struct fw_pcapng_writer *w;
	struct parsed ps;
	char *tmp = tc_tmpdir(), path[8192], err[512] = "";
	uint8_t *raw;
	size_t n;

	snprintf(path, sizeof(path), "%s/two.pcapng", tmp);
	ck_assert_int_eq(fw_pcapng_writer_open(&w, path, NULL, 0, err, sizeof(err)), 0);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(fw_pcapng_writer_write(w, &in[i]), 0);
	ck_assert_int_eq(fw_pcapng_writer_close(w), 0);
	raw = tc_slurp(path, &n);
	parse_file(raw, n, &ps);
	ck_assert_uint_eq(ps.n, 6);
	for (int i = 0; i < 6; i++)
		ck_assert_uint_eq(ps.b[i].type, want_type[i]);
	ck_assert_uint_eq(ps.b[0].n_opts, 0);	/* no SHB options: no opt_endofopt either */
	ck_assert(!ps.b[0].endofopt);
	ck_assert_uint_eq(rd16(ps.b[1].body), 105);
	ck_assert_uint_eq(rd32(ps.b[1].body + 4), 0);	/* snaplen 0: no limit */
	ck_assert_uint_eq(rd16(ps.b[3].body), 127);
	for (int i = 0, e = 0; i < 6; i++) {
		if (ps.b[i].type != 6)
			continue;
		ck_assert_uint_eq(rd32(ps.b[i].body), want_if[e]);
		ck_assert_uint_eq(rd32(ps.b[i].body + 8), (uint32_t)in[e].ts_ns);
		e++;
	}
	free(raw);
	tc_rmtree(tmp);
}
END_TEST

START_TEST(checks)
{
	struct fw_pcapng_writer *w;
	char *tmp = tc_tmpdir(), path[8192], err[512] = "";
	char *big = malloc(FW_PCAPNG_OPT_MAX + 2);
	const char *cs[1];
	struct fw_pcapng_pkt p = { 127, 0, rt, sizeof(rt), sizeof(rt), NULL, 0 };
	struct fw_pcapng_section sec = { NULL, NULL, NULL, NULL };
	struct parsed ps;
	uint8_t *raw;
	size_t n;

	ck_assert_ptr_nonnull(big);
	memset(big, 'x', FW_PCAPNG_OPT_MAX + 1);
	big[FW_PCAPNG_OPT_MAX + 1] = '\0';
	snprintf(path, sizeof(path), "%s/c.pcapng", tmp);

	/* a section comment longer than an option can hold */
	sec.comment = big;
	ck_assert_int_eq(fw_pcapng_writer_open(&w, path, &sec, 64, err, sizeof(err)), FW_EINVAL);
	ck_assert_ptr_null(w);
	ck_assert_msg(strstr(err, path) && strstr(err, "too long"), "%s", err);
	ck_assert_int_ne(access(path, F_OK), 0);	/* refused before the file was made */

	ck_assert_int_eq(fw_pcapng_writer_open(&w, path, NULL, 64, err, sizeof(err)), 0);
	p.caplen = sizeof(rt) + 1;
	ck_assert_int_eq(fw_pcapng_writer_write(w, &p), FW_EINVAL);	/* caplen > len */
	p.caplen = p.len = 65;
	ck_assert_int_eq(fw_pcapng_writer_write(w, &p), FW_EINVAL);	/* caplen > snaplen */
	p.caplen = p.len = sizeof(rt);
	p.linktype = 0x10000;
	ck_assert_int_eq(fw_pcapng_writer_write(w, &p), FW_EINVAL);
	p.linktype = 127;
	p.ts_ns = -1;
	ck_assert_int_eq(fw_pcapng_writer_write(w, &p), FW_ERANGE);
	p.ts_ns = 0;
	cs[0] = big;
	p.comments = cs;
	p.n_comments = 1;
	ck_assert_int_eq(fw_pcapng_writer_write(w, &p), FW_EINVAL);	/* 65536 bytes */
	big[FW_PCAPNG_OPT_MAX] = '\0';
	ck_assert_int_eq(fw_pcapng_writer_write(w, &p), 0);		/* 65535: the largest */
	ck_assert_uint_eq(fw_pcapng_writer_count(w), 1);
	ck_assert_int_eq(fw_pcapng_writer_close(w), 0);

	/* nothing of the refused packets reached the file */
	raw = tc_slurp(path, &n);
	parse_file(raw, n, &ps);
	ck_assert_uint_eq(ps.n, 3);
	ck_assert_uint_eq(ps.b[2].n_opts, 1);
	ck_assert_uint_eq(ps.b[2].opts[0].len, FW_PCAPNG_OPT_MAX);
	free(raw);

	snprintf(path, sizeof(path), "%s/no/such/dir/out.pcapng", tmp);
	ck_assert_int_eq(fw_pcapng_writer_open(&w, path, NULL, 0, err, sizeof(err)), FW_EIO);
	ck_assert_ptr_null(w);
	ck_assert_msg(strstr(err, path) && strstr(err, "No such file or directory"), "%s", err);
	free(big);
	tc_rmtree(tmp);
}
END_TEST

/* A full device: the loss is reported, at the latest by close. */
START_TEST(full_disk)
{
	struct fw_pcapng_writer *w;
	struct fw_pcapng_pkt p = { 127, 0, rt, sizeof(rt), sizeof(rt), NULL, 0 };
	struct stat st;
	char err[512] = "";
	int rc = 0;

	if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode)) {
		printf("test_capture: full_disk: no /dev/full: skipped\n");
		return;
	}
	ck_assert_int_eq(fw_pcapng_writer_open(&w, "/dev/full", NULL, 0, err, sizeof(err)), 0);
	for (int i = 0; i < 2000 && rc == 0; i++)
		rc = fw_pcapng_writer_write(w, &p);
	if (rc == 0)
		rc = fw_pcapng_writer_close(w);
	else
		fw_pcapng_writer_close(w);
	ck_assert_int_eq(rc, FW_EIO);
}
END_TEST

Suite *pcapng_suite(void)
{
	Suite *s = suite_create("pcapng");
	TCase *tc = tcase_create("pcapng");

	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, link_types);
	tcase_add_test(tc, checks);
	tcase_add_test(tc, full_disk);
	suite_add_tcase(s, tc);
	return s;
}
