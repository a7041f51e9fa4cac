/*
 * Capture files: frame counts of the real corpus (MANIFEST.tsv), gzip and
 * standard input giving the same packets as the plain file, truncation at
 * a known frame, and the messages for inputs that are no capture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture/source.h"
#include "suites.h"
#include "util/err.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static char *corpus_file(const char *dir, const char *name)
{
	char *p = malloc(4096);

	snprintf(p, 4096, "%s/%s", dir, name);
	return p;
}

START_TEST(corpus_frame_counts)
{
	const char *dir = tc_corpus("corpus_frame_counts");
	char line[8192];
	unsigned checked = 0, pcapng = 0;
	char *manifest;
	FILE *f;

	if (!dir)
		return;
	manifest = corpus_file(dir, "MANIFEST.tsv");
	f = fopen(manifest, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		char *field[6] = {0}, *p = line, *path, *end;
		struct tc_pkts pk;
		unsigned long frames;
		int want_lt;

		for (int i = 0; i < 6 && p; i++) {
			field[i] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (!field[3] || strcmp(field[0], "file") == 0)
			continue;
		frames = strtoul(field[3], &end, 10);
		if (end == field[3] || *end)
			continue;
		path = corpus_file(dir, field[0]);
		if (access(path, R_OK) != 0) {
			free(path);
			continue;
		}
		/* the linktype column: "ieee-802-11-radiotap / IEEE802_11_RADIO ..." or "ieee-802-11 / IEEE802_11 ..." */
		want_lt = strstr(field[2], "IEEE802_11_RADIO") ? 127 :
			  strstr(field[2], "IEEE802_11 ") ? 105 : -1;
		tc_read_all(path, &pk);
		ck_assert_msg(pk.rc == 0, "%s: %s", field[0], pk.err);
		ck_assert_msg(pk.n == frames, "%s: %zu frames, MANIFEST says %lu", field[0], pk.n, frames);
		for (size_t i = 0; i < pk.n; i++) {
			ck_assert_uint_eq(pk.v[i].frame_no, i + 1);
			ck_assert_uint_le(pk.v[i].caplen, pk.v[i].len);
			if (want_lt >= 0)
				ck_assert_int_eq(pk.v[i].linktype, want_lt);
		}
		checked++;
		if (strstr(field[2], "pcapng"))
			pcapng++;
		tc_pkts_free(&pk);
		free(path);
	}
	fclose(f);
	free(manifest);
	ck_assert_uint_ge(checked, 5);
	ck_assert_uint_ge(pcapng, 2);
}
END_TEST

/* A microsecond pcap's first record, read by hand: the source must give ns. */
START_TEST(pcap_timestamps_in_ns)
{
	const char *dir = tc_corpus("pcap_timestamps_in_ns");
	struct tc_pkts pk;
	uint8_t *raw;
	size_t n, off = 24;
	char *path;

	if (!dir)
		return;
	path = corpus_file(dir, "wireshark/wpa-Induction.pcap");
	raw = tc_slurp(path, &n);
	ck_assert_uint_eq(le32(raw), 0xa1b2c3d4);	/* microsecond pcap, little-endian */
	tc_read_all(path, &pk);
	ck_assert_int_eq(pk.rc, 0);
	for (size_t i = 0; i < 3; i++) {
		int64_t want = (int64_t)le32(raw + off) * 1000000000 + (int64_t)le32(raw + off + 4) * 1000;

		ck_assert_int_eq(pk.v[i].ts_ns, want);
		ck_assert_uint_eq(pk.v[i].caplen, le32(raw + off + 8));
		ck_assert_uint_eq(pk.v[i].len, le32(raw + off + 12));
		ck_assert_mem_eq(pk.v[i].data, raw + off + 16, pk.v[i].caplen);
		off += 16 + le32(raw + off + 8);
	}
	tc_pkts_free(&pk);
	free(raw);
	free(path);
}
END_TEST

START_TEST(gzip_same_packets)
{
	static const char *const files[] = {
		"wireshark/wpa-Induction.pcap", "wireshark/wpa-gcmp.pcapng",
		"wireshark/wpa2-psk-mfp.pcapng", "aircrack-ng/wpa2-psk-linksys.cap",
	};
	const char *dir = tc_corpus("gzip_same_packets");
	char *tmp;

	if (!dir)
		return;
	tmp = tc_tmpdir();
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *path = corpus_file(dir, files[i]), *gz, *orig;
		struct tc_pkts plain, packed;
		uint8_t *raw;
		size_t n;

		ck_assert_msg(access(path, R_OK) == 0, "%s: not in the corpus", files[i]);
		raw = tc_slurp(path, &n);
		/* the name says nothing: the magic decides */
		gz = tc_write_gz(tmp, "packed.cap", raw, n);
		tc_read_all(path, &plain);
		tc_read_all(gz, &packed);
		ck_assert_msg(plain.rc == 0, "%s: %s", files[i], plain.err);
		ck_assert_msg(packed.rc == 0, "%s gzipped: %s", files[i], packed.err);
		ck_assert_msg(plain.n == packed.n, "%s: %zu packets, %zu gzipped", files[i], plain.n,
			      packed.n);
		tc_assert_same_as(files[i], &plain, &packed, plain.n);
		tc_pkts_free(&packed);
		/* an original .gz kept beside the corpus file, when there is one */
		orig = malloc(strlen(path) + 4);
		snprintf(orig, strlen(path) + 4, "%s.gz", path);
		if (access(orig, R_OK) == 0) {
			tc_read_all(orig, &packed);
			ck_assert_msg(plain.n == packed.n, "%s: %zu packets, %zu in its .gz", files[i],
				      plain.n, packed.n);
			tc_assert_same_as(files[i], &plain, &packed, plain.n);
			tc_pkts_free(&packed);
		}
		free(orig);
		tc_pkts_free(&plain);
		free(gz);
		free(raw);
		free(path);
	}
	tc_rmtree(tmp);
}
END_TEST

/* Read path as "-" with stdin redirected from fd (restored afterwards). */
static void read_stdin_from(int fd, struct tc_pkts *out)
{
	int saved = dup(STDIN_FILENO);

	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(dup2(fd, STDIN_FILENO), 0);
	close(fd);
	tc_read_all("-", out);
	ck_assert_int_ge(dup2(saved, STDIN_FILENO), 0);
	close(saved);
}

START_TEST(standard_input)
{
	const char *dir = tc_corpus("standard_input");
	struct tc_pkts plain, in;
	char *path, *tmp, *gz;
	uint8_t *raw;
	size_t n;
	int fds[2];
	pid_t child;

	if (!dir)
		return;
	path = corpus_file(dir, "wireshark/wpa-ccmp-256.pcapng");
	raw = tc_slurp(path, &n);
	tc_read_all(path, &plain);
	ck_assert_uint_eq(plain.n, 59);

	/* `fourway analyze - < x.pcapng.gz` */
	tmp = tc_tmpdir();
	gz = tc_write_gz(tmp, "x.pcapng.gz", raw, n);
	read_stdin_from(open(gz, O_RDONLY), &in);
	ck_assert_int_eq(in.rc, 0);
	ck_assert_uint_eq(in.n, plain.n);
	tc_assert_same(&plain, &in, plain.n);
	tc_pkts_free(&in);

	/* `cat x.pcapng | fourway analyze -`: a pipe of plain pcapng */
	ck_assert_int_eq(pipe(fds), 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		close(fds[0]);
		_exit(write(fds[1], raw, n) == (ssize_t)n ? 0 : 1);
	}
	close(fds[1]);
	read_stdin_from(fds[0], &in);
	waitpid(child, NULL, 0);
	ck_assert_int_eq(in.rc, 0);
	ck_assert_uint_eq(in.n, plain.n);
	tc_assert_same(&plain, &in, plain.n);
	tc_pkts_free(&in);
	tc_pkts_free(&plain);
	free(gz);
	tc_rmtree(tmp);
	free(raw);
	free(path);
}
END_TEST

START_TEST(truncated_pcap)
{
	const char *dir = tc_corpus("truncated_pcap");
	struct tc_pkts full, cut;
	char *path, *tmp, *tp, want[1024];
	uint8_t *raw;
	size_t n, off = 24, k;

	if (!dir)
		return;
	path = corpus_file(dir, "wireshark/wpa-Induction.pcap");
	raw = tc_slurp(path, &n);
	tc_read_all(path, &full);
	tmp = tc_tmpdir();
	/* frame 6 starts at off: keep its record header and 5 of its bytes */
	for (k = 1; k < 6; k++)
		off += 16 + le32(raw + off + 8);
	tp = tc_write(tmp, "cut.pcap", raw, off + 16 + 5);
	tc_read_all(tp, &cut);
	ck_assert_uint_eq(cut.n, 5);
	tc_assert_same(&full, &cut, 5);
	ck_assert_int_eq(cut.rc, FW_ETRUNC);
	snprintf(want, sizeof(want), "%s: frame 6: truncated dump file; tried to read %u captured "
		 "bytes, only got 5", tp, le32(raw + off + 8));
	ck_assert_str_eq(cut.err, want);
	tc_pkts_free(&cut);
	free(tp);

	/* cut inside frame 6's record header */
	tp = tc_write(tmp, "cut2.pcap", raw, off + 7);
	tc_read_all(tp, &cut);
	ck_assert_uint_eq(cut.n, 5);
	snprintf(want, sizeof(want), "%s: frame 6: truncated dump file; tried to read 16 header "
		 "bytes, only got 7", tp);
	ck_assert_str_eq(cut.err, want);
	tc_pkts_free(&cut);
	free(tp);

	/* a cut exactly between records is a shorter file, not an error */
	tp = tc_write(tmp, "cut3.pcap", raw, off);
	tc_read_all(tp, &cut);
	ck_assert_int_eq(cut.rc, 0);
	ck_assert_uint_eq(cut.n, 5);
	tc_pkts_free(&cut);
	free(tp);

	/* a gzip stream cut short: the complete frames, then an error naming the frame */
	tp = tc_write_gz(tmp, "full.pcap.gz", raw, n);
	{
		size_t gn;
		uint8_t *g = tc_slurp(tp, &gn);
		char *tg = tc_write(tmp, "cut.pcap.gz", g, gn / 2);
		char prefix[600];

		tc_read_all(tg, &cut);
		ck_assert_uint_gt(cut.n, 100);
		ck_assert_uint_lt(cut.n, full.n);
		tc_assert_same(&full, &cut, cut.n);
		ck_assert_int_eq(cut.rc, FW_ETRUNC);
		snprintf(prefix, sizeof(prefix), "%s: frame %zu: ", tg, cut.n + 1);
		ck_assert_msg(strncmp(cut.err, prefix, strlen(prefix)) == 0, "%s", cut.err);
		ck_assert_msg(strstr(cut.err, "unexpected end of file") != NULL, "%s", cut.err);
		tc_pkts_free(&cut);
		free(tg);
		free(g);
	}
	free(tp);
	tc_pkts_free(&full);
	tc_rmtree(tmp);
	free(raw);
	free(path);
}
END_TEST

START_TEST(truncated_pcapng)
{
	const char *dir = tc_corpus("truncated_pcapng");
	struct tc_pkts full, cut;
	char *path, *tmp, *tp, prefix[1024];
	uint8_t *raw;
	size_t n, off = 0, epb = 0;

	if (!dir)
		return;
	path = corpus_file(dir, "wireshark/wpa-gcmp.pcapng");
	raw = tc_slurp(path, &n);
	tc_read_all(path, &full);
	/* walk the blocks (type, total length) to the 10th Enhanced Packet Block (type 6) */
	while (off + 8 <= n) {
		if (le32(raw + off) == 6 && ++epb == 10)
			break;
		off += le32(raw + off + 4);
	}
	ck_assert_uint_eq(epb, 10);
	tmp = tc_tmpdir();
	tp = tc_write(tmp, "cut.pcapng", raw, off + 20);
	tc_read_all(tp, &cut);
	ck_assert_uint_eq(cut.n, 9);
	tc_assert_same(&full, &cut, 9);
	ck_assert_int_lt(cut.rc, 0);
	snprintf(prefix, sizeof(prefix), "%s: frame 10: truncated pcapng dump file", tp);
	ck_assert_msg(strncmp(cut.err, prefix, strlen(prefix)) == 0, "%s", cut.err);
	tc_pkts_free(&cut);
	tc_pkts_free(&full);
	free(tp);
	tc_rmtree(tmp);
	free(raw);
	free(path);
}
END_TEST

static void open_fails(const char *path, int code, const char *msg)
{
	struct fw_source *s = (struct fw_source *)1;
	char err[512] = "", want[1024];

	ck_assert_int_eq(fw_source_open_file(&s, path, err, sizeof(err)), code);
	ck_assert_ptr_null(s);
	snprintf(want, sizeof(want), "%s: %s", path, msg);
	ck_assert_str_eq(err, want);
}

START_TEST(not_captures)
{
	char *tmp = tc_tmpdir();
	char *txt = tc_write(tmp, "x.txt", "hello, this is a text file\n", 27);
	char *empty = tc_write(tmp, "empty.pcap", "", 0);
	char *gztxt = tc_write_gz(tmp, "notes.pcap.gz", "just words, compressed\n", 23);
	char *junkgz = tc_write(tmp, "junk.gz", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage!!", 19);
	char *missing = malloc(8192);
	struct fw_source *s;
	char err[512];

	snprintf(missing, 8192, "%s/missing.pcap", tmp);
	open_fails(txt, FW_EUNSUPP, "unknown file format");
	open_fails(gztxt, FW_EUNSUPP, "unknown file format");
	open_fails(empty, FW_EIO, "truncated dump file; tried to read 4 file header bytes, only got 0");
	open_fails(missing, FW_EIO, "No such file or directory");
	open_fails(tmp, FW_EIO, "Is a directory");
	ck_assert_int_lt(fw_source_open_file(&s, junkgz, err, sizeof(err)), 0);
	ck_assert_msg(strncmp(err, junkgz, strlen(junkgz)) == 0 && strstr(err, ": gzip: "), "%s", err);
	free(txt);
	free(empty);
	free(gztxt);
	free(junkgz);
	free(missing);
	tc_rmtree(tmp);
}
END_TEST

START_TEST(absurd_lengths)
{
	const char *dir = tc_corpus("absurd_lengths");
	struct tc_pkts full, bad;
	char *path, *tmp, *tp, want[1024];
	uint8_t *raw;
	size_t n, off;

	if (!dir)
		return;
	path = corpus_file(dir, "aircrack-ng/wpa2.eapol.cap");
	raw = tc_slurp(path, &n);
	ck_assert_uint_eq(le32(raw + 16), 65535);
	tc_read_all(path, &full);
	ck_assert_uint_eq(full.n, 5);
	tmp = tc_tmpdir();

	/* a record claiming 300000 captured bytes (more than the snaplen): frame 2 */
	off = 24 + 16 + le32(raw + 24 + 8);
	raw[off + 8] = 0xe0, raw[off + 9] = 0x93, raw[off + 10] = 0x04, raw[off + 11] = 0;
	tp = tc_write(tmp, "caplen.pcap", raw, n);
	tc_read_all(tp, &bad);
	ck_assert_uint_eq(bad.n, 1);
	ck_assert_int_eq(bad.rc, FW_EIO);
	snprintf(want, sizeof(want), "%s: frame 2: invalid packet capture length 300000, bigger than "
		 "snaplen of 65535", tp);
	ck_assert_str_eq(bad.err, want);
	tc_pkts_free(&bad);
	free(tp);

	/*
	 * An absurd snaplen in the file header: libpcap 1.10 clamps it to its
	 * maximum rather than rejecting it, so the packets are all there.
	 */
	free(raw);
	raw = tc_slurp(path, &n);
	raw[16] = raw[17] = raw[18] = raw[19] = 0xff;
	tp = tc_write(tmp, "snaplen.pcap", raw, n);
	tc_read_all(tp, &bad);
	ck_assert_int_eq(bad.rc, 0);
	ck_assert_uint_eq(bad.n, 5);
	tc_assert_same(&full, &bad, 5);
	tc_pkts_free(&bad);
	free(tp);
	tc_pkts_free(&full);
	tc_rmtree(tmp);
	free(raw);
	free(path);
}
END_TEST

/* A 32-bit field in the byte order of a hand-built pcap file. */
static void put32(uint8_t *b, uint32_t v, int be)
{
	for (int i = 0; i < 4; i++)
		b[be ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

static size_t put_record(uint8_t *b, uint32_t sec, uint32_t frac, uint32_t caplen, uint32_t len,
			 int be)
{
	put32(b, sec, be);
	put32(b + 4, frac, be);
	put32(b + 8, caplen, be);
	put32(b + 12, len, be);
	for (uint32_t i = 0; i < caplen; i++)
		b[16 + i] = (uint8_t)(i * 7 + caplen);
	return 16 + (size_t)caplen;
}

/*
 * Classic pcap in both byte orders and both precisions (magics a1b2c3d4,
 * a1b23c4d, written either way round), snaplen 65535: a short record, one
 * of 100000 captured bytes (libpcap keeps the first 65535), and 300
 * records of 1500 bytes, so records straddle every read the source makes.
 */
START_TEST(pcap_orders_and_lengths)
{
	static const uint32_t magic[2] = { 0xa1b2c3d4, 0xa1b23c4d };
	size_t cap = 24 + 16 + 3 + 16 + 100000 + 300 * (16 + 1500);
	uint8_t *raw = malloc(cap);
	char *tmp = tc_tmpdir();

	ck_assert_ptr_nonnull(raw);
	for (int be = 0; be < 2; be++) {
		for (int nano = 0; nano < 2; nano++) {
			struct tc_pkts pk;
			char name[32], *tp;
			size_t n = 24;
			uint32_t frac = nano ? 123456789 : 123456;

			put32(raw, magic[nano], be);
			raw[be ? 4 : 5] = 0, raw[be ? 5 : 4] = 2;	/* version 2.4 */
			raw[be ? 6 : 7] = 0, raw[be ? 7 : 6] = 4;
			put32(raw + 8, 0, be);
			put32(raw + 12, 0, be);
			put32(raw + 16, 65535, be);
			put32(raw + 20, 105, be);
			n += put_record(raw + n, 1767225600, frac, 3, 5, be);
			n += put_record(raw + n, 1767225601, frac, 100000, 100000, be);
			for (int i = 0; i < 300; i++)
				n += put_record(raw + n, 1767225602 + (uint32_t)i, 0, 1500, 1500, be);
			snprintf(name, sizeof(name), "o%d%d.pcap", be, nano);
			tp = tc_write(tmp, name, raw, n);
			tc_read_all(tp, &pk);
			ck_assert_int_eq(pk.rc, 0);
			ck_assert_uint_eq(pk.n, 302);
			ck_assert_int_eq(pk.v[0].linktype, 105);
			ck_assert_int_eq(pk.v[0].ts_ns, 1767225600ll * 1000000000 +
							(nano ? 123456789 : 123456000));
			ck_assert_uint_eq(pk.v[0].caplen, 3);
			ck_assert_uint_eq(pk.v[0].len, 5);
			ck_assert_uint_eq(pk.v[0].data[2], 2 * 7 + 3);
			ck_assert_uint_eq(pk.v[1].caplen, 65535);
			ck_assert_uint_eq(pk.v[1].len, 100000);
			ck_assert_uint_eq(pk.v[1].data[65534], (uint8_t)(65534 * 7 + 100000));
			for (size_t i = 2; i < pk.n; i++) {
				ck_assert_uint_eq(pk.v[i].frame_no, i + 1);
				ck_assert_int_eq(pk.v[i].ts_ns, (1767225600ll + (int64_t)i) * 1000000000);
				ck_assert_uint_eq(pk.v[i].caplen, 1500);
				ck_assert_uint_eq(pk.v[i].data[0], (uint8_t)1500);
				ck_assert_uint_eq(pk.v[i].data[1499], (uint8_t)(1499 * 7 + 1500));
			}
			tc_pkts_free(&pk);
			free(tp);
		}
	}
	tc_rmtree(tmp);
	free(raw);
}
END_TEST

/* A file behind the one source interface: always ready, no descriptor to poll, no kernel counters. */
START_TEST(file_as_a_source)
{
	uint8_t raw[24 + 3 * (16 + 10)];
	char *tmp = tc_tmpdir(), *tp, err[256];
	struct fw_source_stats st;
	struct fw_source *s;
	struct fw_pkt pkt;
	size_t n = 24;
	int rc;

	put32(raw, 0xa1b2c3d4, 0);
	raw[4] = 2, raw[5] = 0, raw[6] = 4, raw[7] = 0;	/* version 2.4, little-endian */
	put32(raw + 8, 0, 0);
	put32(raw + 12, 0, 0);
	put32(raw + 16, 4096, 0);
	put32(raw + 20, 105, 0);
	for (int i = 0; i < 3; i++)
		n += put_record(raw + n, 1767225600 + (uint32_t)i, 0, 10, 10, 0);
	tp = tc_write(tmp, "s.pcap", raw, n);
	ck_assert_int_eq(fw_source_open_file(&s, tp, err, sizeof(err)), 0);
	ck_assert(!fw_source_live(s));
	ck_assert_int_eq(fw_source_fd(s), -1);
	ck_assert_str_eq(fw_source_path(s), tp);
	ck_assert_uint_eq(fw_source_snaplen(s), 4096);
	ck_assert_int_eq(fw_source_stats(s, &st), 0);
	ck_assert_uint_eq(st.received, 0);
	while ((rc = fw_source_next(s, &pkt, err, sizeof(err))) == 1)
		;
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(fw_source_stats(s, &st), 0);
	ck_assert_uint_eq(st.received, 3);
	ck_assert(!st.kernel);
	ck_assert_uint_eq(st.kernel_dropped, 0);
	fw_source_close(s);
	free(tp);
	tc_rmtree(tmp);
}
END_TEST

/* The reader a loop may call itself hands out what fw_source_next() does, packet for packet. */
START_TEST(reader_as_next)
{
	uint8_t raw[24 + 3 * (16 + 10)];
	char *tmp = tc_tmpdir(), *tp, err[256];
	struct fw_source *a, *b;
	struct fw_pkt pa, pb;
	fw_source_next_fn next;
	size_t n = 24;
	int ra, rb, k = 0;

	put32(raw, 0xa1b2c3d4, 0);
	raw[4] = 2, raw[5] = 0, raw[6] = 4, raw[7] = 0;	/* version 2.4, little-endian */
	put32(raw + 8, 0, 0);
	put32(raw + 12, 0, 0);
	put32(raw + 16, 4096, 0);
	put32(raw + 20, 105, 0);
	for (int i = 0; i < 3; i++)
		n += put_record(raw + n, 1767225600 + (uint32_t)i, (uint32_t)i * 1000, 10, 10, 0);
	tp = tc_write(tmp, "r.pcap", raw, n);
	ck_assert_int_eq(fw_source_open_file(&a, tp, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_source_open_file(&b, tp, err, sizeof(err)), 0);
	next = fw_source_reader(b);
	do {
		ra = fw_source_next(a, &pa, err, sizeof(err));
		rb = next(b, &pb, err, sizeof(err));
		ck_assert_int_eq(ra, rb);
		if (ra != 1)
			break;
		k++;
		ck_assert_uint_eq(pa.frame_no, pb.frame_no);
		ck_assert_int_eq(pa.ts_ns, pb.ts_ns);
		ck_assert_uint_eq(pa.caplen, pb.caplen);
		ck_assert_int_eq(memcmp(pa.data, pb.data, pa.caplen), 0);
	} while (1);
	ck_assert_int_eq(k, 3);
	/* no source: at its end at once, as fw_source_next(NULL, ...) */
	ck_assert_int_eq(fw_source_reader(NULL)(NULL, &pa, err, sizeof(err)), 0);
	fw_source_close(a);
	fw_source_close(b);
	free(tp);
	tc_rmtree(tmp);
}
END_TEST

Suite *file_suite(void)
{
	Suite *s = suite_create("file");
	TCase *tc = tcase_create("file");

	tcase_add_test(tc, not_captures);
	tcase_add_test(tc, pcap_orders_and_lengths);
	tcase_add_test(tc, file_as_a_source);
	tcase_add_test(tc, reader_as_next);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

/* The cases over the corpus: test_capture_corpus runs them. */
Suite *file_corpus_suite(void)
{
	Suite *s = suite_create("file corpus");
	TCase *tc = tcase_create("file corpus");

	tcase_add_test(tc, corpus_frame_counts);
	tcase_add_test(tc, pcap_timestamps_in_ns);
	tcase_add_test(tc, gzip_same_packets);
	tcase_add_test(tc, standard_input);
	tcase_add_test(tc, truncated_pcap);
	tcase_add_test(tc, truncated_pcapng);
	tcase_add_test(tc, absurd_lengths);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
