/*
 * test_mapped.c - capture files read here from a mapping (or from read()
 * into a buffer) give what libpcap gives: for every packet, pcap_next_ex's
 * timestamp (asked at ns precision), captured and original length, bytes
 * and link type, and the same end (the same words, at the same frame, for
 * a bad or truncated record).  The interface ID, which libpcap does not
 * give, is checked against the IDs the test wrote (or, for real captures,
 * against the block walker of ifid.c).
 *
 * The files: every capture in captures/ (and the corpus, in
 * test_capture_corpus); and files built here byte by byte after
 * pcap-savefile(5) and draft-ietf-opsawg-pcapng, cut at every length: a
 * classic pcap in each byte order and precision, with timestamps libpcap
 * reads as negative and a record longer than the snapshot length; a pcapng
 * in each byte order with two sections, interfaces of several timestamp
 * resolutions and offsets, Enhanced, Simple and obsolete Packet Blocks,
 * options, and other blocks between them; and pcapng files broken one way
 * each (lengths, trailers, interfaces, options, sections).  Then a file
 * cut shorter and one grown while they are read.
 *
 * Every file the source reads itself also goes through a pipe, a byte at
 * a time, to the stream reader of `live -` (stream.c): it must give the
 * same packets, interface IDs included, and end the same way.  And a
 * pcapng of several interfaces and timestamp resolutions through a pipe,
 * against the times and interfaces written.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/ifid.h"
#include "capture/internal.h"
#include "capture/source.h"
#include "suites.h"
#include "util/err.h"

/* ---- building files ---- */

struct buf {
	uint8_t *b;
	size_t n, cap;
	bool big;		/* the byte order being written */
	uint32_t ids[512];	/* pcapng: the interface ID of each packet written */
	size_t n_ids;
};

static void put(struct buf *g, const void *p, size_t n)
{
	if (g->n + n > g->cap) {
		g->cap = (g->n + n) * 2 + 256;
		g->b = realloc(g->b, g->cap);
		ck_assert_ptr_nonnull(g->b);
	}
	memcpy(g->b + g->n, p, n);
	g->n += n;
}

static void p8(struct buf *g, uint8_t v)
{
	put(g, &v, 1);
}

static void p16(struct buf *g, uint16_t v)
{
	p8(g, (uint8_t)(g->big ? v >> 8 : v));
	p8(g, (uint8_t)(g->big ? v : v >> 8));
}

static void p32(struct buf *g, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p8(g, (uint8_t)(g->big ? v >> (24 - 8 * i) : v >> (8 * i)));
}

static void p64(struct buf *g, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p8(g, (uint8_t)(g->big ? v >> (56 - 8 * i) : v >> (8 * i)));
}

static void bytes(struct buf *g, uint32_t n, uint8_t seed)
{
	for (uint32_t i = 0; i < n; i++)
		p8(g, (uint8_t)(seed + i * 13));
}

static void pad4(struct buf *g)
{
	while (g->n % 4)
		p8(g, 0);
}

/* Classic pcap: file header, version 2.4. */
static void pcap_header(struct buf *g, bool nano, uint32_t snaplen, uint32_t linktype)
{
	p32(g, nano ? 0xa1b23c4d : 0xa1b2c3d4);
	p16(g, 2);
	p16(g, 4);
	p32(g, 0);
	p32(g, 0);
	p32(g, snaplen);
	p32(g, linktype);
}

static void pcap_record(struct buf *g, uint32_t sec, uint32_t frac, uint32_t caplen, uint32_t len)
{
	p32(g, sec);
	p32(g, frac);
	p32(g, caplen);
	p32(g, len);
	bytes(g, caplen, (uint8_t)(sec + caplen));
}

/* pcapng blocks: the start returns the offset of the length, closed by block_end(). */
static size_t block_start(struct buf *g, uint32_t type)
{
	size_t at;

	p32(g, type);
	at = g->n;
	p32(g, 0);
	return at;
}

static void block_end(struct buf *g, size_t at)
{
	uint32_t len = (uint32_t)(g->n + 4 - (at - 4));
	size_t n = g->n;

	g->n = at;
	p32(g, len);
	g->n = n;
	p32(g, len);
}

static void opt(struct buf *g, uint16_t code, const void *v, uint16_t len)
{
	p16(g, code);
	p16(g, len);
	put(g, v, len);
	pad4(g);
}

static void shb(struct buf *g, bool comment)
{
	size_t at = block_start(g, 0x0A0D0D0A);

	p32(g, 0x1A2B3C4D);
	p16(g, 1);
	p16(g, 0);
	p64(g, UINT64_MAX);	/* section length: not given */
	if (comment) {
		opt(g, 1, "two sections", 12);
		opt(g, 4, "test_mapped", 11);
		p32(g, 0);
	}
	block_end(g, at);
}

/* An IDB; tsresol 0: none given (us); tsoffset set when has_offset. */
static void idb(struct buf *g, uint16_t linktype, uint32_t snaplen, uint8_t tsresol,
		bool has_offset, int64_t tsoffset)
{
	size_t at = block_start(g, 1);

	p16(g, linktype);
	p16(g, 0);
	p32(g, snaplen);
	opt(g, 2, "wlan0mon", 8);	/* if_name */
	if (tsresol)
		opt(g, 9, &tsresol, 1);
	if (has_offset) {
		p16(g, 14);
		p16(g, 8);
		p64(g, (uint64_t)tsoffset);
	}
	p32(g, 0);
	block_end(g, at);
}

static void epb(struct buf *g, uint32_t iface, uint64_t ts, uint32_t caplen, uint32_t len,
		bool options)
{
	size_t at = block_start(g, 6);

	p32(g, iface);
	p32(g, (uint32_t)(ts >> 32));
	p32(g, (uint32_t)ts);
	p32(g, caplen);
	p32(g, len);
	bytes(g, caplen, (uint8_t)(ts + iface));
	pad4(g);
	if (options) {
		uint32_t flags = 1;

		opt(g, 1, "a packet", 8);
		opt(g, 2, &flags, 4);	/* epb_flags */
		p32(g, 0);
	}
	block_end(g, at);
	g->ids[g->n_ids++] = iface;
}

static void spb(struct buf *g, uint32_t len)
{
	size_t at = block_start(g, 3);

	p32(g, len);
	bytes(g, len, (uint8_t)len);
	pad4(g);
	block_end(g, at);
	g->ids[g->n_ids++] = 0;
}

static void pb(struct buf *g, uint16_t iface, uint64_t ts, uint32_t caplen, uint32_t len)
{
	size_t at = block_start(g, 2);

	p16(g, iface);
	p16(g, 0);	/* drops */
	p32(g, (uint32_t)(ts >> 32));
	p32(g, (uint32_t)ts);
	p32(g, caplen);
	p32(g, len);
	bytes(g, caplen, (uint8_t)(ts + 7));
	pad4(g);
	block_end(g, at);
	g->ids[g->n_ids++] = iface;
}

/* A Name Resolution Block, an Interface Statistics Block, a custom block: skipped by both. */
static void other_blocks(struct buf *g)
{
	size_t at = block_start(g, 4);

	p16(g, 1);	/* nrb_record_ipv4 */
	p16(g, 10);
	bytes(g, 10, 1);
	pad4(g);
	p32(g, 0);
	block_end(g, at);
	at = block_start(g, 5);
	p32(g, 0);
	p64(g, 12345);
	p32(g, 0);
	block_end(g, at);
	at = block_start(g, 0x00000BAD);
	p32(g, 32473);	/* a Private Enterprise Number */
	bytes(g, 5, 9);
	pad4(g);
	block_end(g, at);
}

/*
 * Two sections in the byte order of g: the first with three interfaces
 * (us by default, ns, 2^-20 s with an offset of 1000 s), the second with
 * two (10^-3 s; 10^-12 s with a negative offset); packets of every kind
 * between other blocks.
 */
static void two_sections(struct buf *g)
{
	const uint64_t t = 1767225600ull;

	shb(g, true);
	other_blocks(g);
	idb(g, 127, 65535, 0, false, 0);
	epb(g, 0, t * 1000000 + 123456, 40, 40, true);
	idb(g, 127, 65535, 9, false, 0);
	idb(g, 127, 65535, 0x80 | 20, true, 1000);
	epb(g, 1, t * 1000000000 + 987654321, 33, 60, false);
	other_blocks(g);
	epb(g, 2, (t << 20) | 0xfffff, 17, 17, true);
	spb(g, 21);
	pb(g, 1, t * 1000000000 + 5, 9, 9);
	epb(g, 0, 0, 0, 0, false);
	shb(g, false);
	idb(g, 127, 65535, 3, false, 0);
	epb(g, 0, t * 1000 + 999, 25, 25, false);
	other_blocks(g);
	idb(g, 127, 65535, 12, true, -3600);
	epb(g, 1, t * 1000000000000ull + 1, 12, 1500, true);
	epb(g, 0, UINT64_MAX, 8, 8, false);
}

/* ---- reading and comparing ---- */

static char *write_file(const char *dir, const char *name, const uint8_t *b, size_t n)
{
	return tc_write(dir, name, b, n);
}

/* ---- the stream reader (live -) over a pipe: the same records as the file reader ---- */

/* What the stream reader waits for when opened: the pcap header, or pcapng to its first IDB. */
static size_t stream_header(const uint8_t *b, size_t n)
{
	bool big;
	size_t off = 0;

	if (n < 12 || !(b[0] == 0x0A && b[1] == 0x0D && b[2] == 0x0D && b[3] == 0x0A))
		return n < 24 ? n : 24;
	big = b[8] == 0x1A;
	while (off + 8 <= n) {
		const uint8_t *h = b + off;
		uint32_t type = big ? (uint32_t)h[0] << 24 | h[1] << 16 | h[2] << 8 | h[3] :
				      (uint32_t)h[3] << 24 | h[2] << 16 | h[1] << 8 | h[0];
		uint32_t len = big ? (uint32_t)h[4] << 24 | h[5] << 16 | h[6] << 8 | h[7] :
				     (uint32_t)h[7] << 24 | h[6] << 16 | h[5] << 8 | h[4];

		if (len < 12 || len > n - off)
			return n;
		off += len;
		if (type == 1)
			return off;
	}
	return n;
}

/* The message after "NAME: ": the two readers name their input differently. */
static const char *after_name(const char *err)
{
	const char *p = strstr(err, ": ");

	return p ? p + 2 : err;
}

/*
 * The file at path, whole, written into a pipe while the stream reader
 * reads it (a byte at a time, so that every record arrives in pieces;
 * larger files in pieces of an odd size): every packet as the file reader
 * gives it (time, lengths, bytes, link type, interface, number), and the
 * same end.  The times and interfaces of the first max packets go to ts
 * and ifaces.
 */
static void same_as_stream(const char *what, const char *path, int64_t *ts, uint32_t *ifaces,
			   size_t max)
{
	char ferr[1024] = "", serr[1024] = "", dev[64];
	struct fw_source *f = NULL, *s = NULL;
	struct fw_pkt fp, sp;
	uint8_t *b;
	size_t n, off, hdr, step, pkts = 0;
	int fds[2], rf, rs = 0;
	struct stat st;
	FILE *in;

	ck_assert_int_eq(fw_file_open(&f, path, true, ferr, sizeof(ferr)), 0);
	in = fopen(path, "rb");
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(fstat(fileno(in), &st), 0);
	n = (size_t)st.st_size;
	b = malloc(n ? n : 1);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(fread(b, 1, n, in), n);
	fclose(in);
	step = n <= 8192 ? 1 : 32749;
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_ne(fcntl(fds[1], F_SETFL, O_NONBLOCK), -1);
	hdr = stream_header(b, n);
	ck_assert_msg(hdr < 60000, "%s: a header of %zu bytes does not fit the pipe", what, hdr);
	ck_assert_int_eq(write(fds[1], b, hdr), (ssize_t)hdr);
	off = hdr;
	snprintf(dev, sizeof(dev), "/dev/fd/%d", fds[0]);
	ck_assert_msg(fw_source_open_stream(&s, dev, serr, sizeof(serr)) == 0, "%s: stream: %s",
		      what, serr);
	close(fds[0]);
	for (;;) {
		rs = fw_source_next(s, &sp, serr, sizeof(serr));
		if (rs == 0 && !fw_source_ended(s)) {
			size_t k = n - off < step ? n - off : step;

			/* the next record has not fully arrived: the next bytes, or the end */
			if (k == 0) {
				ck_assert_int_ge(fds[1], 0);
				close(fds[1]);
				fds[1] = -1;
				continue;
			}
			ck_assert_int_eq(write(fds[1], b + off, k), (ssize_t)k);
			off += k;
			continue;
		}
		rf = fw_source_next(f, &fp, ferr, sizeof(ferr));
		ck_assert_msg(rs == rf, "%s: packet %zu: the file reader says %d (%s), the stream %d (%s)",
			      what, pkts + 1, rf, ferr, rs, serr);
		if (rs != 1)
			break;
		ck_assert_msg(sp.frame_no == fp.frame_no && sp.ts_ns == fp.ts_ns &&
			      sp.caplen == fp.caplen && sp.len == fp.len &&
			      sp.linktype == fp.linktype && sp.iface == fp.iface &&
			      memcmp(sp.data, fp.data, fp.caplen) == 0,
			      "%s: frame %zu: stream frame %llu time %lld caplen %u len %u link type %d "
			      "interface %u, file frame %llu time %lld caplen %u len %u link type %d "
			      "interface %u (or the bytes differ)", what, pkts + 1,
			      (unsigned long long)sp.frame_no, (long long)sp.ts_ns, sp.caplen, sp.len,
			      sp.linktype, sp.iface, (unsigned long long)fp.frame_no,
			      (long long)fp.ts_ns, fp.caplen, fp.len, fp.linktype, fp.iface);
		if (pkts < max) {
			ts[pkts] = sp.ts_ns;
			ifaces[pkts] = sp.iface;
		}
		pkts++;
	}
	if (rs < 0)
		ck_assert_msg(strcmp(after_name(serr), after_name(ferr)) == 0,
			      "%s: the stream ends \"%s\", the file reader \"%s\"", what, serr, ferr);
	else
		ck_assert_msg(fw_source_ended(s), "%s: the file ends, the stream waits", what);
	ck_assert_uint_eq(fw_source_snaplen(s), fw_source_snaplen(f));
	fw_source_close(s);
	fw_source_close(f);
	if (fds[1] >= 0)
		close(fds[1]);
	free(b);
}

/* The batches the source is read in besides one packet a call (fw_source_next()). */
#define BATCH 4u
#define BIG_BATCH 16u

/* The packets of a source one by one, from batches of up to max (1: fw_source_next()). */
struct batches {
	struct fw_source *s;
	unsigned max, n, i;
	struct fw_pkt pkts[BIG_BATCH];
};

static int next_of(struct batches *b, struct fw_pkt *pkt, char *err, size_t errlen)
{
	int rc;

	if (b->max == 1)
		return fw_source_next(b->s, pkt, err, errlen);
	if (b->i == b->n) {
		rc = fw_source_next_batch(b->s, b->pkts, b->max, err, errlen);
		if (rc <= 0)
			return rc;
		ck_assert_int_le(rc, (int)b->max);
		b->n = (unsigned)rc;
		b->i = 0;
	}
	*pkt = b->pkts[b->i++];
	return 1;
}

/*
 * path read by libpcap and by the source (mapped or read), in batches of
 * up to batch packets, must agree; ids: the interface IDs of the packets
 * (NULL: as ifid.c walks them; for classic pcap, 0).  want_reader: how
 * the source must read it, NULL for any.  Returns the packets compared.
 */
static size_t same_as_libpcap_by(const char *what, const char *path, bool map,
				 const uint32_t *ids, size_t n_ids, const char *want_reader,
				 unsigned batch)
{
	char perr[PCAP_ERRBUF_SIZE] = "", err[1024] = "", want[2048];
	struct batches b = { .max = batch };
	struct fw_source *s = NULL;
	struct fw_ifid *walk = NULL;
	struct pcap_pkthdr *h;
	const u_char *data;
	struct fw_pkt pkt;
	pcap_t *p;
	size_t n = 0;
	int rc, rp, fd = -1;

	p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, perr);
	rc = fw_file_open(&s, path, map, err, sizeof(err));
	if (!p) {
		/* libpcap refuses the header: so does the source, in its words */
		ck_assert_msg(rc < 0, "%s: libpcap refuses it (%s), the source opens it", what, perr);
		snprintf(want, sizeof(want), "%s: %s", path, perr);
		ck_assert_msg(strcmp(err, want) == 0, "%s: \"%s\", libpcap \"%s\"", what, err, want);
		return 0;
	}
	ck_assert_msg(rc == 0, "%s: libpcap opens it, the source says %s", what, err);
	if (want_reader)
		ck_assert_msg(strcmp(fw_file_reader(s), want_reader) == 0, "%s: read by %s, not %s",
			      what, fw_file_reader(s), want_reader);
	/* what the file reader reads itself, the stream reader reads alike */
	if (map && batch == 1 && strncmp(fw_file_reader(s), "mapped", 6) == 0)
		same_as_stream(what, path, NULL, NULL, 0);
	b.s = s;
	if (!ids) {
		fd = open(path, O_RDONLY);
		ck_assert_int_ge(fd, 0);
		walk = fw_ifid_new(fd);
	}
	for (;;) {
		rp = pcap_next_ex(p, &h, &data);
		rc = next_of(&b, &pkt, err, sizeof(err));
		if (rp != 1)
			break;
		ck_assert_msg(rc == 1, "%s: frame %zu: libpcap gives it, the source says %d: %s",
			      what, n + 1, rc, err);
		ck_assert_msg(pkt.frame_no == n + 1, "%s: frame %zu numbered %llu", what, n + 1,
			      (unsigned long long)pkt.frame_no);
		ck_assert_msg(pkt.ts_ns == fw_ts_join(h->ts.tv_sec, h->ts.tv_usec) &&
			      pkt.caplen == h->caplen && pkt.len == h->len &&
			      pkt.linktype == pcap_datalink(p),
			      "%s: frame %zu: time %lld/%lld.%09ld, caplen %u/%u, len %u/%u, link "
			      "type %d/%d", what, n + 1, (long long)pkt.ts_ns, (long long)h->ts.tv_sec,
			      (long)h->ts.tv_usec, pkt.caplen, h->caplen, pkt.len, h->len, pkt.linktype,
			      pcap_datalink(p));
		ck_assert_msg(memcmp(pkt.data, data, h->caplen) == 0, "%s: frame %zu: bytes differ",
			      what, n + 1);
		if (ids) {
			ck_assert_msg(n < n_ids && pkt.iface == ids[n], "%s: frame %zu: interface %u, "
				      "written %u", what, n + 1, pkt.iface, n < n_ids ? ids[n] : 0);
		} else {
			uint32_t id = walk ? fw_ifid_next(walk) : 0;

			ck_assert_msg(pkt.iface == id, "%s: frame %zu: interface %u, walked %u", what,
				      n + 1, pkt.iface, id);
		}
		n++;
	}
	if (rp == PCAP_ERROR_BREAK) {
		ck_assert_msg(rc == 0, "%s: libpcap ends after %zu, the source says %d: %s", what, n,
			      rc, err);
	} else {
		snprintf(want, sizeof(want), "%s: frame %zu: %s", path, n + 1, pcap_geterr(p));
		ck_assert_msg(rc < 0, "%s: libpcap fails at frame %zu (%s), the source says %d", what,
			      n + 1, pcap_geterr(p), rc);
		ck_assert_msg(strcmp(err, want) == 0, "%s: \"%s\", libpcap \"%s\"", what, err, want);
		ck_assert_int_eq(rc, strncmp(pcap_geterr(p), "truncated", 9) == 0 ? FW_ETRUNC :
				 FW_EIO);
	}
	ck_assert_int_eq(fw_source_next(s, &pkt, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_source_next_batch(s, b.pkts, BIG_BATCH, err, sizeof(err)), 0);
	fw_source_close(s);
	fw_ifid_free(walk);
	if (fd >= 0)
		close(fd);
	pcap_close(p);
	return n;
}

/* As same_as_libpcap_by(), one packet a call and in batches of BATCH: both agree with libpcap. */
static size_t same_as_libpcap(const char *what, const char *path, bool map, const uint32_t *ids,
			      size_t n_ids, const char *want_reader)
{
	size_t n = same_as_libpcap_by(what, path, map, ids, n_ids, want_reader, 1);
	char by[256];

	snprintf(by, sizeof(by), "%s, in batches of %u", what, BATCH);
	ck_assert_uint_eq(same_as_libpcap_by(by, path, map, ids, n_ids, want_reader, BATCH), n);
	return n;
}

/* Every prefix of g (from the first byte), mapped and read. */
static void every_cut(const char *what, const char *dir, struct buf *g, const char *mapped,
		      const char *read)
{
	for (size_t cut = 1; cut <= g->n; cut++) {
		char name[64], label[128], *path;

		snprintf(name, sizeof(name), "cut%zu", cut);
		path = write_file(dir, name, g->b, cut);
		snprintf(label, sizeof(label), "%s cut at %zu of %zu", what, cut, g->n);
		same_as_libpcap(label, path, true, g->n_ids ? g->ids : NULL, g->n_ids,
				cut == g->n ? mapped : NULL);
		same_as_libpcap(label, path, false, g->n_ids ? g->ids : NULL, g->n_ids,
				cut == g->n ? read : NULL);
		unlink(path);
		free(path);
	}
}

START_TEST(pcap_every_cut)
{
	char *dir = tc_tmpdir();

	for (int big = 0; big < 2; big++) {
		for (int nano = 0; nano < 2; nano++) {
			struct buf g = { .big = big };
			char what[64];

			pcap_header(&g, nano, 100, 105);
			pcap_record(&g, 1767225600, nano ? 999999999 : 999999, 30, 60);
			pcap_record(&g, 0x80000001u, 5, 10, 10);	/* before 1970, as libpcap reads it */
			pcap_record(&g, 1767225601, 0xfffffff0u, 0, 0);	/* a negative fraction */
			pcap_record(&g, 1767225602, 7, 140, 140);	/* beyond the snapshot: 100 kept */
			pcap_record(&g, 1767225603, 8, 3, 2);		/* longer than on the wire */
			snprintf(what, sizeof(what), "pcap %s %s", big ? "big-endian" : "little-endian",
				 nano ? "ns" : "us");
			every_cut(what, dir, &g, "mapped pcap", "read pcap");
			free(g.b);
		}
	}
	tc_rmtree(dir);
}
END_TEST

START_TEST(pcapng_every_cut)
{
	char *dir = tc_tmpdir();

	for (int big = 0; big < 2; big++) {
		struct buf g = { .big = big };

		two_sections(&g);
		ck_assert_uint_eq(g.n_ids, 9);
		every_cut(big ? "pcapng big-endian" : "pcapng little-endian", dir, &g,
			  "mapped pcapng", "read pcapng");
		free(g.b);
	}
	tc_rmtree(dir);
}
END_TEST

/* A pcapng file broken one way: its packets up to the break, then libpcap's words. */
struct broken {
	const char *what;
	void (*build)(struct buf *g);
};

static void ng_start(struct buf *g)
{
	shb(g, false);
	idb(g, 127, 65535, 0, false, 0);
	epb(g, 0, 1767225600000000ull, 20, 20, false);
}

static void b_short_block(struct buf *g)
{
	ng_start(g);
	p32(g, 6);
	p32(g, 8);
	p32(g, 8);
}

static void b_odd_length(struct buf *g)
{
	ng_start(g);
	p32(g, 6);
	p32(g, 34);
	bytes(g, 26, 0);
}

static void b_huge_block(struct buf *g)
{
	ng_start(g);
	p32(g, 6);
	p32(g, 17u << 20);
	bytes(g, 64, 0);
}

static void b_trailer(struct buf *g)
{
	size_t at;

	ng_start(g);
	at = g->n;
	epb(g, 0, 1, 4, 4, false);
	g->n -= 4;
	p32(g, (uint32_t)(g->n - at + 8));
}

static void b_unknown_iface(struct buf *g)
{
	ng_start(g);
	epb(g, 5, 1, 4, 4, false);
}

static void b_caplen(struct buf *g)
{
	ng_start(g);
	shb(g, false);
	idb(g, 127, 64, 0, false, 0);	/* another snapshot length than the first */
	epb(g, 0, 1, 4, 4, false);
}

static void b_caplen_snap(struct buf *g)
{
	shb(g, false);
	idb(g, 127, 64, 9, false, 0);
	epb(g, 0, 1, 64, 64, false);
	epb(g, 0, 2, 65, 65, false);
}

static void b_epb_short(struct buf *g)
{
	size_t at;

	ng_start(g);
	at = block_start(g, 6);
	p32(g, 0);
	p32(g, 0);
	p32(g, 1);
	p32(g, 400);	/* captured length beyond the block */
	p32(g, 400);
	bytes(g, 8, 0);
	block_end(g, at);
}

static void b_other_linktype(struct buf *g)
{
	ng_start(g);
	idb(g, 105, 65535, 0, false, 0);
}

static void b_snaplen_zero(struct buf *g)
{
	/* 0 is no limit, libpcap's maximum: the same as the first */
	shb(g, false);
	idb(g, 127, 0, 0, false, 0);
	epb(g, 0, 1, 4, 4, false);
	idb(g, 127, 0, 6, false, 0);
	idb(g, 127, 262144, 0, false, 0);
	epb(g, 2, 2, 4, 4, false);
	epb(g, 1, 3, 4, 4, false);
}

static void b_snaplen_over(struct buf *g)
{
	/*
	 * Beyond the maximum bounds a packet as the maximum does, but libpcap
	 * keeps it as written and stops at it: only 0 and lengths beyond
	 * INT_MAX become the maximum (found by fuzz_capfile)
	 */
	shb(g, false);
	idb(g, 127, 0, 0, false, 0);
	epb(g, 0, 1, 4, 4, false);
	idb(g, 127, 0xffffffffu, 0, false, 0);
	epb(g, 1, 2, 4, 4, false);
	idb(g, 127, 262656, 0, false, 0);
	epb(g, 2, 3, 4, 4, false);
}

static void b_other_order(struct buf *g)
{
	ng_start(g);
	g->big = !g->big;
	shb(g, false);
	g->big = !g->big;
}

static void b_bad_magic(struct buf *g)
{
	size_t at;

	ng_start(g);
	at = block_start(g, 0x0A0D0D0A);
	p32(g, 0x12345678);
	p16(g, 1);
	p16(g, 0);
	p64(g, 0);
	block_end(g, at);
}

static void b_major(struct buf *g)
{
	size_t at;

	ng_start(g);
	at = block_start(g, 0x0A0D0D0A);
	p32(g, 0x1A2B3C4D);
	p16(g, 2);
	p16(g, 0);
	p64(g, 0);
	block_end(g, at);
}

static void b_shb_short(struct buf *g)
{
	size_t at;

	ng_start(g);
	at = block_start(g, 0x0A0D0D0A);
	p32(g, 0x1A2B3C4D);
	block_end(g, at);
}

/* An IDB after the first with the options given raw (each closed by the caller). */
static size_t idb_raw(struct buf *g)
{
	size_t at;

	ng_start(g);
	at = block_start(g, 1);
	p16(g, 127);
	p16(g, 0);
	p32(g, 65535);
	return at;
}

static void b_tsresol_len(struct buf *g)
{
	size_t at = idb_raw(g);

	opt(g, 9, "\x06\x06", 2);
	block_end(g, at);
}

static void b_tsresol_twice(struct buf *g)
{
	size_t at = idb_raw(g);

	opt(g, 9, "\x06", 1);
	opt(g, 9, "\x09", 1);
	block_end(g, at);
}

static void b_tsresol_bin(struct buf *g)
{
	size_t at = idb_raw(g);

	opt(g, 9, "\xc0", 1);	/* 2^-64 */
	block_end(g, at);
}

static void b_tsresol_dec(struct buf *g)
{
	size_t at = idb_raw(g);

	opt(g, 9, "\x14", 1);	/* 10^-20 */
	block_end(g, at);
}

static void b_tsoffset_len(struct buf *g)
{
	size_t at = idb_raw(g);

	opt(g, 14, "\x01\x02\x03\x04", 4);
	block_end(g, at);
}

static void b_endofopt_len(struct buf *g)
{
	size_t at = idb_raw(g);

	opt(g, 0, "\x01\x02\x03\x04", 4);
	block_end(g, at);
}

static void b_option_overrun(struct buf *g)
{
	size_t at = idb_raw(g);

	p16(g, 2);
	p16(g, 200);
	bytes(g, 8, 0);
	block_end(g, at);
}

static void b_idb_short(struct buf *g)
{
	size_t at;

	ng_start(g);
	at = block_start(g, 1);
	p16(g, 127);	/* the link type and nothing more of the 8 fixed bytes */
	p16(g, 0);
	block_end(g, at);
}

static void b_ts_extremes(struct buf *g)
{
	/* timestamps libpcap wraps: an offset near 2^63, and a huge binary fraction */
	shb(g, false);
	idb(g, 127, 65535, 0x80 | 40, true, INT64_MAX);
	epb(g, 0, UINT64_MAX, 4, 4, false);
	idb(g, 127, 65535, 19, true, INT64_MIN);
	epb(g, 1, UINT64_MAX, 4, 4, false);
	epb(g, 1, 0, 4, 4, false);
}

/*
 * Timestamps around the limit below which the reader computes them in one
 * step (ngrec.c, set_linear()), for units of 1 ns (no offset, and an
 * offset of 1 s), 1 us (offsets of +-3600 s, and one that overflows in ns)
 * and 1 ms: each limit, the units just below and above it, and the ends.
 */
static uint64_t one_step_limit(int64_t offset_s, uint64_t mul)
{
	int64_t add;

	/* an offset whose ns overflow has no limit: 0, and its units are the ends only */
	if (__builtin_mul_overflow(offset_s, (int64_t)1000000000, &add))
		return 0;
	return ((uint64_t)INT64_MAX - (uint64_t)(add > 0 ? add : 0)) / mul + 1;
}

static void b_ts_edges(struct buf *g)
{
	const uint64_t top = (uint64_t)INT64_MAX;
	const struct { uint8_t tsresol; int64_t offset; uint64_t mul; } f[] = {
		{ 9, 0, 1 }, { 9, 1, 1 }, { 0, 3600, 1000 }, { 0, -3600, 1000 },
		{ 0, INT64_MAX / 1000000000 + 1, 1000 }, { 3, -9000000000, 1000000 },
	};

	shb(g, false);
	for (uint32_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		idb(g, 127, 65535, f[i].tsresol, f[i].offset != 0, f[i].offset);
	for (uint32_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const uint64_t lim = one_step_limit(f[i].offset, f[i].mul);
		const uint64_t units[] = { 0, 1, lim - 2, lim - 1, lim, lim + 1, top, top + 1, UINT64_MAX };

		for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++)
			epb(g, i, units[k], 4, 4, false);
	}
}

static const struct broken broken[] = {
	{ "block shorter than 12", b_short_block },
	{ "length not a multiple of 4", b_odd_length },
	{ "block over 16 MiB", b_huge_block },
	{ "trailer differs", b_trailer },
	{ "unknown interface", b_unknown_iface },
	{ "snapshot length differs", b_caplen },
	{ "captured length over the snapshot", b_caplen_snap },
	{ "captured length over the block", b_epb_short },
	{ "another link type", b_other_linktype },
	{ "snapshot length 0", b_snaplen_zero },
	{ "snapshot length beyond the maximum", b_snaplen_over },
	{ "section in the other byte order", b_other_order },
	{ "section with a bad magic", b_bad_magic },
	{ "section of version 2", b_major },
	{ "section header too short", b_shb_short },
	{ "if_tsresol of 2 bytes", b_tsresol_len },
	{ "if_tsresol twice", b_tsresol_twice },
	{ "if_tsresol 2^-64", b_tsresol_bin },
	{ "if_tsresol 10^-20", b_tsresol_dec },
	{ "if_tsoffset of 4 bytes", b_tsoffset_len },
	{ "opt_endofopt of 4 bytes", b_endofopt_len },
	{ "option past the block", b_option_overrun },
	{ "interface block too short", b_idb_short },
	{ "extreme timestamps", b_ts_extremes },
	{ "timestamps at the edges of one step", b_ts_edges },
};

START_TEST(pcapng_broken)
{
	char *dir = tc_tmpdir();

	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		for (int big = 0; big < 2; big++) {
			struct buf g = { .big = big };
			char what[128], *path;

			broken[i].build(&g);
			snprintf(what, sizeof(what), "%s (%s)", broken[i].what,
				 big ? "big-endian" : "little-endian");
			path = write_file(dir, "broken.pcapng", g.b, g.n);
			same_as_libpcap(what, path, true, g.ids, g.n_ids, NULL);
			same_as_libpcap(what, path, false, g.ids, g.n_ids, NULL);
			free(path);
			free(g.b);
		}
	}
	tc_rmtree(dir);
}
END_TEST

/* The classic pcap record libpcap refuses, and one cut inside what it discards. */
START_TEST(pcap_broken)
{
	char *dir = tc_tmpdir(), *path;
	struct buf g = { 0 };

	pcap_header(&g, false, 100, 127);
	pcap_record(&g, 1, 2, 50, 50);
	pcap_record(&g, 1, 2, 300000, 300000);
	path = write_file(dir, "caplen.pcap", g.b, 24 + 16 + 50 + 16 + 1000);
	same_as_libpcap("capture length over the maximum", path, true, NULL, 0, "mapped pcap");
	free(path);
	g.n = 24 + 16 + 50;
	pcap_record(&g, 1, 2, 150, 150);
	path = write_file(dir, "discard.pcap", g.b, g.n - 20);
	same_as_libpcap("cut in the bytes over the snapshot", path, true, NULL, 0, "mapped pcap");
	same_as_libpcap("cut in the bytes over the snapshot", path, false, NULL, 0, "read pcap");
	free(path);
	free(g.b);
	tc_rmtree(dir);
}
END_TEST

/*
 * A snapshot length beyond libpcap's maximum stands as written there (only
 * 0 and lengths beyond INT_MAX become the maximum): it names the snapshot
 * length or the maximum in its refusals, and a pcapng packet longer than
 * the maximum but within the snapshot length is read.  libpcap reads such
 * a file itself; the stream reader must read it alike.
 */
START_TEST(snaplen_beyond_maximum)
{
	static const uint32_t caplens[] = { 270000, 400000 };
	char *dir = tc_tmpdir(), *path, what[128];

	for (size_t i = 0; i < sizeof(caplens) / sizeof(caplens[0]); i++) {
		struct buf g = { 0 };

		pcap_header(&g, false, 300000, 127);
		pcap_record(&g, 1, 2, 100, 100);
		pcap_record(&g, 1, 3, caplens[i], caplens[i]);
		snprintf(what, sizeof(what), "pcap, snapshot length 300000, a record of %u", caplens[i]);
		path = write_file(dir, "snaplen.pcap", g.b, g.n);
		same_as_libpcap(what, path, true, NULL, 0, NULL);
		same_as_stream(what, path, NULL, NULL, 0);
		free(path);
		free(g.b);
	}
	for (int big = 0; big < 2; big++) {
		struct buf g = { .big = big };

		shb(&g, false);
		idb(&g, 127, 300000, 0, false, 0);
		epb(&g, 0, 1, 100, 100, false);
		epb(&g, 0, 2, 270000, 270000, false);
		idb(&g, 127, 300000, 0, false, 0);
		epb(&g, 1, 3, 300000, 300000, false);
		epb(&g, 0, 4, 300004, 300004, false);
		snprintf(what, sizeof(what), "pcapng, snapshot length 300000 (%s)",
			 big ? "big-endian" : "little-endian");
		path = write_file(dir, "snaplen.pcapng", g.b, g.n);
		ck_assert_uint_eq(same_as_libpcap(what, path, true, g.ids, g.n_ids, NULL), 3);
		same_as_stream(what, path, NULL, NULL, 0);
		free(path);
		free(g.b);
	}
	tc_rmtree(dir);
}
END_TEST

/*
 * The built files with a few bytes changed at random (a fixed seed): any
 * field may now be absurd, and libpcap's reading is still the answer.
 */
START_TEST(mutated)
{
	char *dir = tc_tmpdir();
	uint32_t seed = 2026;

	for (int kind = 0; kind < 4; kind++) {
		struct buf g = { .big = kind & 1 };

		if (kind < 2) {
			two_sections(&g);
		} else {
			pcap_header(&g, kind == 3, 100, 127);
			for (uint32_t i = 0; i < 12; i++)
				pcap_record(&g, 1767225600 + i, i * 77777, i * 11, i * 11 + 3);
		}
		for (int round = 0; round < 400; round++) {
			uint8_t *m = malloc(g.n);
			char what[96], *path;
			int changes;

			ck_assert_ptr_nonnull(m);
			memcpy(m, g.b, g.n);
			seed = seed * 1103515245u + 12345u;
			changes = 1 + (int)(seed >> 16) % 3;
			for (int k = 0; k < changes; k++) {
				seed = seed * 1103515245u + 12345u;
				/* past the file header for pcap: libpcap judges that one itself */
				m[(kind < 2 ? 0 : 24) + (seed >> 8) % (g.n - (kind < 2 ? 0 : 24))] ^=
					(uint8_t)(1u << ((seed >> 4) % 8));
			}
			path = write_file(dir, "m", m, g.n);
			snprintf(what, sizeof(what), "file %d, mutation %d", kind, round);
			same_as_libpcap(what, path, true, NULL, 0, NULL);
			same_as_libpcap(what, path, false, NULL, 0, NULL);
			free(path);
			free(m);
		}
		free(g.b);
	}
	tc_rmtree(dir);
}
END_TEST

/* Every .pcap and .pcapng under dir (not .gz), against libpcap, mapped and read. */
static void walk_dir(const char *dir, size_t *files, size_t *mapped)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	ck_assert_msg(d != NULL, "%s: cannot list it", dir);
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		struct stat st;
		size_t len = strlen(e->d_name);
		struct fw_source *s;
		char err[512];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk_dir(path, files, mapped);
			continue;
		}
		if (!(len > 5 && strcmp(e->d_name + len - 5, ".pcap") == 0) &&
		    !(len > 7 && strcmp(e->d_name + len - 7, ".pcapng") == 0) &&
		    !(len > 4 && strcmp(e->d_name + len - 4, ".cap") == 0))
			continue;
		same_as_libpcap(path, path, true, NULL, 0, NULL);
		same_as_libpcap(path, path, false, NULL, 0, NULL);
		if (fw_source_open_file(&s, path, err, sizeof(err)) == 0) {
			if (strncmp(fw_file_reader(s), "mapped", 6) == 0)
				(*mapped)++;
			fw_source_close(s);
		}
		(*files)++;
	}
	closedir(d);
}

START_TEST(captures_dir)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	size_t files = 0, mapped = 0;

	snprintf(dir, sizeof(dir), "%s/captures", top ? top : "..");
	walk_dir(dir, &files, &mapped);
	ck_assert_uint_ge(files, 50);
	/* every capture of the project is 802.11 in a format read here */
	ck_assert_uint_eq(mapped, files);
}
END_TEST

START_TEST(corpus_dir)
{
	const char *dir = tc_corpus("corpus_dir");
	size_t files = 0, mapped = 0;

	if (!dir)
		return;
	walk_dir(dir, &files, &mapped);
	ck_assert_uint_ge(files, 10);
	ck_assert_uint_ge(mapped, 10);
}
END_TEST

/* Enough 1500-byte records for several windows of the mapping (a few MiB each). */
static void big_pcap(struct buf *g, size_t records)
{
	pcap_header(g, false, 65535, 127);
	for (size_t i = 0; i < records; i++)
		pcap_record(g, 1767225600 + (uint32_t)i, 0, 1500, 1500);
}

/*
 * Packets read in batches: several a call, never more than asked, in
 * order and numbered; the packets before a record libpcap refuses all
 * come, then its error, at its frame; then the end.  A classic pcap and
 * a pcapng (a block skipped among the packets, an interface described
 * midway, a packet of an interface never described), mapped and read.
 */
static void batches_of(const char *what, const char *path, bool map, const uint8_t *first,
		       size_t bad, const char *want_err)
{
	struct fw_pkt pkts[BIG_BATCH];
	struct fw_source *s;
	char err[512];
	size_t n = 0;
	unsigned full = 0;
	int rc;

	ck_assert_int_eq(fw_file_open(&s, path, map, err, sizeof(err)), 0);
	while ((rc = fw_source_next_batch(s, pkts, BIG_BATCH, err, sizeof(err))) > 0) {
		ck_assert_int_le(rc, (int)BIG_BATCH);
		full += rc == (int)BIG_BATCH;
		for (int i = 0; i < rc; i++) {
			n++;
			ck_assert_msg(pkts[i].frame_no == n && pkts[i].ts_ns == (int64_t)n * 1000000000,
				      "%s: packet %zu: frame %llu at %lld", what, n,
				      (unsigned long long)pkts[i].frame_no, (long long)pkts[i].ts_ns);
			ck_assert_uint_eq(pkts[i].caplen, 20 + n);
			ck_assert_uint_eq(pkts[i].data[0], first[n - 1]);
		}
	}
	ck_assert_msg(full >= 1, "%s: no batch of %u", what, BIG_BATCH);
	ck_assert_uint_eq(n, bad - 1);
	ck_assert_int_eq(rc, FW_EIO);
	ck_assert_msg(strstr(err, want_err) != NULL, "%s: %s", what, err);
	ck_assert_int_eq(fw_source_next_batch(s, pkts, BIG_BATCH, err, sizeof(err)), 0);
	fw_source_close(s);
}

START_TEST(batches)
{
	char *dir = tc_tmpdir(), *path, want[128];
	struct buf g = { 0 }, ng = { 0 };
	uint8_t first[40];

	pcap_header(&g, false, 65535, 127);
	for (uint32_t i = 1; i <= 40; i++) {
		pcap_record(&g, i, 0, i == 30 ? 300000 : 20 + i, 20 + i);
		first[i - 1] = (uint8_t)(i + 20 + i);	/* as pcap_record() writes them */
	}
	path = write_file(dir, "batches.pcap", g.b, g.n);
	snprintf(want, sizeof(want), "frame 30: invalid packet capture length 300000, bigger than "
		 "snaplen of 65535");
	batches_of("pcap, mapped", path, true, first, 30, want);
	batches_of("pcap, read", path, false, first, 30, want);
	free(path);
	shb(&ng, false);
	idb(&ng, 127, 65535, 9, false, 0);
	for (uint32_t i = 1; i <= 40; i++) {
		uint32_t iface = i == 30 ? 7 : i > 20;

		epb(&ng, iface, (uint64_t)i * 1000000000, 20 + i, 20 + i, i % 3 == 0);
		first[i - 1] = (uint8_t)((uint64_t)i * 1000000000 + iface);	/* as epb() writes them */
		if (i == 5)
			other_blocks(&ng);
		if (i == 20)
			idb(&ng, 127, 65535, 9, false, 0);
	}
	path = write_file(dir, "batches.pcapng", ng.b, ng.n);
	snprintf(want, sizeof(want), "frame 30: a packet arrived on interface 7, but there's no "
		 "Interface Description Block for that interface");
	batches_of("pcapng, mapped", path, true, first, 30, want);
	batches_of("pcapng, read", path, false, first, 30, want);
	free(path);
	free(g.b);
	free(ng.b);
	tc_rmtree(dir);
}
END_TEST

/* A file cut shorter while it is read ends where it now ends, with libpcap's words. */
START_TEST(file_cut_while_read)
{
	char *dir = tc_tmpdir(), *path, err[512];
	struct buf g = { 0 };
	struct fw_source *s;
	struct fw_pkt pkt;
	size_t n = 0, cut;
	int rc;

	big_pcap(&g, 12000);	/* 18 MiB */
	path = write_file(dir, "shrinks.pcap", g.b, g.n);
	ck_assert_int_eq(fw_source_open_file(&s, path, err, sizeof(err)), 0);
	ck_assert_str_eq(fw_file_reader(s), "mapped pcap");
	for (; n < 10; n++)
		ck_assert_int_eq(fw_source_next(s, &pkt, err, sizeof(err)), 1);
	/* past the first windows, inside a record */
	cut = 24 + 9000 * (16 + 1500) + 700;
	ck_assert_int_eq(truncate(path, (off_t)cut), 0);
	while ((rc = fw_source_next(s, &pkt, err, sizeof(err))) == 1) {
		ck_assert_int_eq(pkt.ts_ns, (1767225600ll + (int64_t)n) * 1000000000);
		n++;
	}
	ck_assert_uint_eq(n, 9000);
	ck_assert_int_eq(rc, FW_ETRUNC);
	ck_assert_msg(strstr(err, "frame 9001: truncated dump file; tried to read 1500 captured "
			     "bytes, only got 684") != NULL, "%s", err);
	fw_source_close(s);
	free(path);
	free(g.b);
	tc_rmtree(dir);
}
END_TEST

/* A file written on while it is read (a live capture): what was there at its end is read too. */
START_TEST(file_grown_while_read)
{
	char *dir = tc_tmpdir(), *path, err[512];
	struct buf g = { 0 };
	struct fw_source *s;
	struct fw_pkt pkt;
	size_t n = 0, first;
	FILE *f;
	int rc;

	big_pcap(&g, 6000);
	first = 24 + 2000 * (16 + 1500);
	path = write_file(dir, "grows.pcap", g.b, first);
	ck_assert_int_eq(fw_source_open_file(&s, path, err, sizeof(err)), 0);
	ck_assert_str_eq(fw_file_reader(s), "mapped pcap");
	for (; n < 1990; n++)
		ck_assert_int_eq(fw_source_next(s, &pkt, err, sizeof(err)), 1);
	f = fopen(path, "ab");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(g.b + first, 1, g.n - first, f), g.n - first);
	ck_assert_int_eq(fclose(f), 0);
	while ((rc = fw_source_next(s, &pkt, err, sizeof(err))) == 1) {
		ck_assert_int_eq(pkt.ts_ns, (1767225600ll + (int64_t)n) * 1000000000);
		n++;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, 6000);
	fw_source_close(s);
	free(path);
	free(g.b);
	tc_rmtree(dir);
}
END_TEST

/* The same large file, mapped and read, against libpcap: records across windows. */
START_TEST(across_windows)
{
	char *dir = tc_tmpdir(), *path;
	struct buf g = { 0 }, ng = { .big = true };

	big_pcap(&g, 7000);
	path = write_file(dir, "big.pcap", g.b, g.n);
	ck_assert_uint_eq(same_as_libpcap("large pcap", path, true, NULL, 0, "mapped pcap"), 7000);
	ck_assert_uint_eq(same_as_libpcap("large pcap", path, false, NULL, 0, "read pcap"), 7000);
	free(path);
	/*
	 * Records of every size up to 200 KB among small ones: each runs past
	 * what the view had at hand in its own way (the read side's buffer
	 * grows and moves under a record whose header it already gave out)
	 */
	g.n = 0;
	pcap_header(&g, true, 262144, 127);
	for (uint32_t i = 0; i < 120; i++) {
		uint32_t len = i % 3 == 2 ? 1000 + i * 1700 : 60 + i;

		pcap_record(&g, 1767225600 + i, i * 7, len, len + i % 2);
	}
	path = write_file(dir, "sizes.pcap", g.b, g.n);
	ck_assert_uint_eq(same_as_libpcap("pcap of all sizes", path, true, NULL, 0, "mapped pcap"),
			  120);
	ck_assert_uint_eq(same_as_libpcap("pcap of all sizes", path, false, NULL, 0, "read pcap"),
			  120);
	free(path);
	shb(&ng, false);
	idb(&ng, 127, 0, 9, false, 0);
	for (int i = 0; i < 100; i++)
		epb(&ng, 0, (uint64_t)i, 200000, 200000, i % 2);	/* 200 KB records */
	path = write_file(dir, "big.pcapng", ng.b, ng.n);
	ck_assert_uint_eq(same_as_libpcap("large pcapng", path, true, ng.ids, ng.n_ids,
					  "mapped pcapng"), 100);
	ck_assert_uint_eq(same_as_libpcap("large pcapng", path, false, ng.ids, ng.n_ids,
					  "read pcapng"), 100);
	free(path);
	free(g.b);
	free(ng.b);
	tc_rmtree(dir);
}
END_TEST

/*
 * A pcapng of several interfaces and timestamp resolutions through a pipe
 * (as `dumpcap -i a -i b -w - | fourway live -`): each packet's interface
 * and time as written (draft-ietf-opsawg-pcapng 4.2: if_tsresol, bit 7
 * clear a power of 10, set a power of 2; if_tsoffset seconds added), in
 * both byte orders.
 */
START_TEST(pipe_interfaces)
{
	const uint64_t t = 1767225600ull;
	const int64_t t_ns = (int64_t)t * 1000000000;
	/* 0xfffff / 2^20 s is 999999046.325... ns: libpcap truncates */
	const int64_t want_ts[] = { t_ns + 123456000, t_ns + 987654321, t_ns + 1000000000000 + 999999046,
				    t_ns + 999000000, t_ns - 3600000000000 + 7, t_ns + 250000000 };
	const uint32_t want_if[] = { 0, 1, 2, 3, 4, 1 };
	char *dir = tc_tmpdir(), *path;

	for (int big = 0; big < 2; big++) {
		struct buf g = { .big = big };
		int64_t ts[6];
		uint32_t ifs[6];

		shb(&g, false);
		idb(&g, 127, 65535, 0, false, 0);		/* us, the default */
		idb(&g, 127, 65535, 9, false, 0);		/* ns */
		idb(&g, 127, 65535, 0x80 | 20, true, 1000);	/* 2^-20 s, 1000 s later */
		idb(&g, 127, 65535, 3, false, 0);		/* ms */
		idb(&g, 127, 65535, 10, true, -3600);		/* 100 ps, an hour earlier */
		epb(&g, 0, t * 1000000 + 123456, 40, 40, true);
		epb(&g, 1, t * 1000000000 + 987654321, 33, 60, false);
		epb(&g, 2, (t << 20) | 0xfffff, 17, 17, true);
		epb(&g, 3, t * 1000 + 999, 25, 25, false);
		epb(&g, 4, t * 10000000000ull + 70, 12, 1500, true);
		pb(&g, 1, t * 1000000000 + 250000000, 9, 9);
		path = write_file(dir, "ifaces.pcapng", g.b, g.n);
		same_as_stream(big ? "interfaces, big-endian" : "interfaces, little-endian", path, ts,
			       ifs, 6);
		for (size_t i = 0; i < 6; i++) {
			ck_assert_msg(ifs[i] == want_if[i], "%s: packet %zu on interface %u, written on %u",
				      big ? "big-endian" : "little-endian", i + 1, ifs[i], want_if[i]);
			ck_assert_msg(ts[i] == want_ts[i], "%s: packet %zu at %lld ns, written at %lld",
				      big ? "big-endian" : "little-endian", i + 1, (long long)ts[i],
				      (long long)want_ts[i]);
		}
		free(path);
		free(g.b);
	}
	tc_rmtree(dir);
}
END_TEST

/* Pipes, gzip and link types libpcap rewrites stay with libpcap. */
START_TEST(left_to_libpcap)
{
	char *dir = tc_tmpdir(), *path, err[512];
	struct buf g = { .big = true };
	struct fw_source *s;

	pcap_header(&g, false, 65535, 113);	/* Linux cooked, not in the host's byte order */
	pcap_record(&g, 1, 2, 20, 20);
	path = write_file(dir, "sll.pcap", g.b, g.n);
	same_as_libpcap("swapped Linux cooked capture", path, true, NULL, 0, "libpcap");
	free(path);
	path = tc_write_gz(dir, "x.pcap.gz", g.b, g.n);
	ck_assert_int_eq(fw_source_open_file(&s, path, err, sizeof(err)), 0);
	ck_assert_str_eq(fw_file_reader(s), "libpcap");
	fw_source_close(s);
	free(path);
	free(g.b);
	tc_rmtree(dir);
}
END_TEST

Suite *mapped_suite(void)
{
	Suite *s = suite_create("mapped");
	TCase *tc = tcase_create("mapped");

	tcase_add_test(tc, pcap_every_cut);
	tcase_add_test(tc, pcapng_every_cut);
	tcase_add_test(tc, pcapng_broken);
	tcase_add_test(tc, pcap_broken);
	tcase_add_test(tc, snaplen_beyond_maximum);
	tcase_add_test(tc, mutated);
	tcase_add_test(tc, captures_dir);
	tcase_add_test(tc, file_cut_while_read);
	tcase_add_test(tc, file_grown_while_read);
	tcase_add_test(tc, across_windows);
	tcase_add_test(tc, left_to_libpcap);
	tcase_add_test(tc, pipe_interfaces);
	tcase_add_test(tc, batches);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return s;
}

/* The corpus, in test_capture_corpus. */
Suite *mapped_corpus_suite(void)
{
	Suite *s = suite_create("mapped corpus");
	TCase *tc = tcase_create("mapped corpus");

	tcase_add_test(tc, corpus_dir);
	tcase_set_timeout(tc, 300);
	suite_add_tcase(s, tc);
	return s;
}
