/*
 * test_drive.c - the driver (src/cli/drive.h) over pcap files written here
 * byte by byte, so every count is known from how the file was made: frames
 * read, frames the decoder refuses (a protocol version other than 0, IEEE
 * 802.11-2020 9.2.4.1.2) apart from those cut by the snapshot length, the
 * order of a merge by timestamp, and each way an input fails.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/drive.h"
#include "decode/frame.h"
#include "util/err.h"

#define DLT_80211 105
#define DLT_USER0 147
#define SEC 1000000000LL

/* An ACK to 02:00:00:00:00:01: FC d4 00, duration, RA (10 bytes). */
static const uint8_t ack[10] = { 0xd4, 0, 0, 0, 2, 0, 0, 0, 0, 1 };
/* The same with protocol version 1: well-formed for no decoder. */
static const uint8_t badver[10] = { 0xd5, 0, 0, 0, 2, 0, 0, 0, 0, 1 };

static char dir[4096];	/* the test's own temporary folder */

struct rec {
	int64_t sec;
	const uint8_t *data;
	uint32_t caplen, len;
};

static void put32(FILE *f, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	ck_assert_uint_eq(fwrite(b, 1, 4, f), 4);
}

static void put16(FILE *f, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	ck_assert_uint_eq(fwrite(b, 1, 2, f), 2);
}

/* A classic little-endian microsecond pcap; cut_last drops the last record's final bytes. */
static char *write_pcap(const char *name, int linktype, uint32_t snaplen, const struct rec *r,
			size_t n, size_t cut_last)
{
	char *path = malloc(sizeof(dir) + 64);
	FILE *f;

	ck_assert_ptr_nonnull(path);
	snprintf(path, sizeof(dir) + 64, "%s/%s", dir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	put32(f, 0xa1b2c3d4);
	put16(f, 2);
	put16(f, 4);
	put32(f, 0);
	put32(f, 0);
	put32(f, snaplen);
	put32(f, (uint32_t)linktype);
	for (size_t i = 0; i < n; i++) {
		size_t w = r[i].caplen - (i + 1 == n ? cut_last : 0);

		put32(f, (uint32_t)r[i].sec);
		put32(f, 0);
		put32(f, r[i].caplen);
		put32(f, r[i].len);
		ck_assert_uint_eq(fwrite(r[i].data, 1, w, f), w);
	}
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

static void remove_pcap(char *path)
{
	unlink(path);
	free(path);
}

/* What the hooks saw. */
struct seen {
	unsigned errors, done;
	enum fw_drive_err last_err;
	char msg[512];
	struct { unsigned input; uint64_t frame_no; } order[16];
	size_t n;
};

static void on_error(void *arg, const struct fw_drive_input *in, const char *msg)
{
	struct seen *s = arg;

	s->errors++;
	s->last_err = in->err;
	snprintf(s->msg, sizeof(s->msg), "%s", msg);
}

static void on_malformed(void *arg, const struct fw_drive_input *in, const struct fw_pkt *pkt,
			 const struct fw_frame *f)
{
	struct seen *s = arg;

	ck_assert_int_ne(f->status, 0);
	ck_assert_uint_lt(s->n, 16);
	s->order[s->n].input = in->input;
	s->order[s->n].frame_no = pkt->frame_no;
	s->n++;
}

static void on_done(void *arg, const struct fw_drive_input *in)
{
	struct seen *s = arg;

	(void)in;
	s->done++;
}

static struct fw_core *new_core(void)
{
	struct fw_core_opts o = { 0 };
	struct fw_core *c = fw_core_new(&o, NULL);

	ck_assert_ptr_nonnull(c);
	return c;
}

START_TEST(counts_malformed_not_cut)
{
	/* 2 ACKs, 3 refused frames, 2 refused frames cut by a snaplen of 4 */
	const struct rec r[] = {
		{ 10, ack, 10, 10 }, { 11, badver, 10, 10 }, { 12, badver, 4, 10 },
		{ 13, badver, 10, 10 }, { 14, ack, 10, 10 }, { 15, badver, 4, 10 },
		{ 16, badver, 10, 10 },
	};
	char *p = write_pcap("counts.pcap", DLT_80211, 4096, r, 7, 0);
	const char *paths[] = { p };
	struct seen s = { 0 };
	const struct fw_drive_hooks h = { on_error, on_malformed, on_done, &s };
	struct fw_drive_input in;
	struct fw_core *c = new_core();

	ck_assert_int_eq(fw_drive_files(c, paths, 1, NULL, &h, &in), 0);
	ck_assert_int_eq(in.err, FW_DRIVE_OK);
	ck_assert_int_eq(in.linktype, DLT_80211);
	ck_assert_uint_eq(in.snaplen, 4096);
	ck_assert_uint_eq(in.frames, 7);
	ck_assert_uint_eq(in.malformed, 3);
	ck_assert_uint_eq(in.max_caplen, 10);
	ck_assert_int_eq(in.last_ts_ns, 16 * SEC);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_uint_eq(s.order[0].frame_no, 2);
	ck_assert_uint_eq(s.order[1].frame_no, 4);
	ck_assert_uint_eq(s.order[2].frame_no, 7);
	ck_assert_uint_eq(s.errors, 0);
	ck_assert_uint_eq(s.done, 1);
	/* the core saw every frame */
	ck_assert_uint_eq(fw_core_input(c, in.input)->frames, 7);
	fw_core_free(c);
	remove_pcap(p);
}
END_TEST

/* The benchmark's stages: read only, or read and decoded; the core sees none of it. */
START_TEST(upto_read_and_decode)
{
	const struct rec r[] = {
		{ 10, ack, 10, 10 }, { 11, badver, 10, 10 }, { 12, badver, 4, 10 },
		{ 13, badver, 10, 10 }, { 14, ack, 10, 10 },
	};
	char *p = write_pcap("upto.pcap", DLT_80211, 4096, r, 5, 0);
	const char *paths[] = { p };
	const enum fw_drive_upto upto[] = { FW_DRIVE_UPTO_READ, FW_DRIVE_UPTO_DECODE };
	const uint64_t malformed[] = { 0, 2 };

	for (size_t i = 0; i < 2; i++) {
		struct fw_drive_opts o = { .upto = upto[i] };
		struct seen s = { 0 };
		const struct fw_drive_hooks h = { on_error, on_malformed, on_done, &s };
		struct fw_drive_input in;
		struct fw_core *c = new_core();

		ck_assert_int_eq(fw_drive_files(c, paths, 1, &o, &h, &in), 0);
		ck_assert_int_eq(in.err, FW_DRIVE_OK);
		ck_assert_uint_eq(in.frames, 5);
		ck_assert_uint_eq(in.malformed, malformed[i]);
		ck_assert_uint_eq(in.max_caplen, 10);
		ck_assert_int_eq(in.last_ts_ns, 14 * SEC);
		ck_assert_uint_eq(s.n, 0);	/* no hook per frame: counted only */
		ck_assert_uint_eq(s.done, 1);
		ck_assert_uint_eq(fw_core_input(c, in.input)->frames, 0);
		fw_core_free(c);
	}
	remove_pcap(p);
}
END_TEST

START_TEST(merge_by_timestamp)
{
	const struct rec a[] = { { 1, badver, 10, 10 }, { 3, badver, 10, 10 }, { 5, badver, 10, 10 } };
	const struct rec b[] = { { 2, badver, 10, 10 }, { 4, badver, 10, 10 }, { 6, badver, 10, 10 } };
	char *pa = write_pcap("a.pcap", DLT_80211, 4096, a, 3, 0);
	char *pb = write_pcap("b.pcap", DLT_80211, 4096, b, 3, 0);
	const char *paths[] = { pa, pb };
	const struct fw_drive_opts o = { .merge = true };
	struct seen s = { 0 };
	const struct fw_drive_hooks h = { on_error, on_malformed, on_done, &s };
	struct fw_drive_input in[2];
	struct fw_core *c = new_core();

	ck_assert_int_eq(fw_drive_files(c, paths, 2, &o, &h, in), 0);
	ck_assert_uint_eq(s.n, 6);
	for (size_t i = 0; i < 6; i++) {
		ck_assert_uint_eq(s.order[i].input, in[i % 2].input);
		ck_assert_uint_eq(s.order[i].frame_no, i / 2 + 1);
	}
	ck_assert_uint_eq(in[0].malformed, 3);
	ck_assert_uint_eq(in[1].malformed, 3);
	ck_assert_int_eq(in[1].last_ts_ns, 6 * SEC);
	ck_assert_uint_eq(s.done, 2);
	fw_core_free(c);
	remove_pcap(pa);
	remove_pcap(pb);
}
END_TEST

/* One after the other: the first file to its end before the second. */
START_TEST(one_by_one)
{
	const struct rec a[] = { { 5, badver, 10, 10 }, { 6, badver, 10, 10 } };
	const struct rec b[] = { { 1, badver, 10, 10 } };
	char *pa = write_pcap("a1.pcap", DLT_80211, 4096, a, 2, 0);
	char *pb = write_pcap("b1.pcap", DLT_80211, 4096, b, 1, 0);
	const char *paths[] = { pa, pb };
	struct seen s = { 0 };
	const struct fw_drive_hooks h = { on_error, on_malformed, on_done, &s };
	struct fw_drive_input in[2];
	struct fw_core *c = new_core();

	ck_assert_int_eq(fw_drive_files(c, paths, 2, NULL, &h, in), 0);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_uint_eq(s.order[0].input, in[0].input);
	ck_assert_uint_eq(s.order[1].input, in[0].input);
	ck_assert_uint_eq(s.order[2].input, in[1].input);
	fw_core_free(c);
	remove_pcap(pa);
	remove_pcap(pb);
}
END_TEST

START_TEST(missing_partner)
{
	const struct rec a[] = { { 1, ack, 10, 10 }, { 2, ack, 10, 10 } };
	char *pa = write_pcap("m.pcap", DLT_80211, 4096, a, 2, 0);
	const char *paths[] = { pa, "/nonexistent/fourway-drive.pcap" };
	struct fw_drive_opts o = { .merge = true, .all_or_nothing = true };
	struct seen s = { 0 };
	const struct fw_drive_hooks h = { on_error, on_malformed, on_done, &s };
	struct fw_drive_input in[2];
	struct fw_core *c = new_core();

	/* all or nothing: the present file is not read */
	ck_assert_int_eq(fw_drive_files(c, paths, 2, &o, &h, in), 0);
	ck_assert_uint_eq(in[0].frames, 0);
	ck_assert_int_eq(in[1].err, FW_DRIVE_OPEN);
	ck_assert_int_eq(in[1].linktype, -1);
	ck_assert_uint_eq(s.errors, 1);
	ck_assert_ptr_nonnull(strstr(s.msg, "/nonexistent/fourway-drive.pcap"));
	ck_assert_uint_eq(s.done, 0);
	ck_assert_ptr_nonnull(strstr(fw_core_input(c, in[1].input)->error, "fourway-drive.pcap"));
	fw_core_free(c);
	/* otherwise the other input is read */
	o.all_or_nothing = false;
	memset(&s, 0, sizeof(s));
	c = new_core();
	ck_assert_int_eq(fw_drive_files(c, paths, 2, &o, &h, in), 0);
	ck_assert_uint_eq(in[0].frames, 2);
	ck_assert_int_eq(in[0].err, FW_DRIVE_OK);
	ck_assert_uint_eq(s.errors, 1);
	ck_assert_uint_eq(s.done, 1);
	fw_core_free(c);
	remove_pcap(pa);
}
END_TEST

START_TEST(unsupported_linktype)
{
	const struct rec a[] = { { 1, ack, 10, 10 } };
	char *pa = write_pcap("u.pcap", DLT_USER0, 4096, a, 1, 0);
	const char *paths[] = { pa };
	struct seen s = { 0 };
	const struct fw_drive_hooks h = { on_error, on_malformed, on_done, &s };
	struct fw_drive_input in;
	struct fw_core *c = new_core();

	ck_assert_int_eq(fw_drive_files(c, paths, 1, NULL, &h, &in), 0);
	ck_assert_int_eq(in.err, FW_DRIVE_LINKTYPE);
	ck_assert_int_eq(s.last_err, FW_DRIVE_LINKTYPE);
	ck_assert_int_eq(in.linktype, DLT_USER0);
	ck_assert_uint_eq(in.frames, 0);
	ck_assert_ptr_nonnull(strstr(s.msg, "link type 147 is not supported"));
	ck_assert_uint_eq(s.done, 0);
	fw_core_free(c);
	remove_pcap(pa);
}
END_TEST

START_TEST(read_error_names_frame)
{
	const struct rec a[] = { { 1, ack, 10, 10 }, { 2, ack, 10, 10 }, { 3, ack, 10, 10 } };
	char *pa = write_pcap("t.pcap", DLT_80211, 4096, a, 3, 4);
	const char *paths[] = { pa };
	struct seen s = { 0 };
	const struct fw_drive_hooks h = { on_error, on_malformed, on_done, &s };
	struct fw_drive_input in;
	struct fw_core *c = new_core();

	ck_assert_int_eq(fw_drive_files(c, paths, 1, NULL, &h, &in), 0);
	ck_assert_int_eq(in.err, FW_DRIVE_READ);
	ck_assert_uint_eq(in.frames, 2);
	ck_assert_uint_eq(s.errors, 1);
	ck_assert_msg(strstr(s.msg, "t.pcap") && strstr(s.msg, "frame 3"), "%s", s.msg);
	ck_assert_uint_eq(s.done, 1);
	ck_assert(fw_core_input(c, in.input)->read_error);
	fw_core_free(c);
	remove_pcap(pa);
}
END_TEST

/* A packet that came from elsewhere (a live interface, a fuzzer) goes the same way. */
START_TEST(one_packet)
{
	struct fw_core *c = new_core();
	struct fw_drive_input in = { .path = "x", .linktype = DLT_80211 };
	struct fw_pkt pkt = { 1, 7 * SEC, 10, 10, badver, DLT_80211, 0 };
	struct fw_frame f;

	in.input = fw_core_add_input(c, in.path, in.linktype);
	ck_assert(fw_drive_packet(c, &in, &pkt, &f));
	pkt.data = ack;
	pkt.frame_no = 2;
	ck_assert(!fw_drive_packet(c, &in, &pkt, &f));
	ck_assert_int_eq(f.kind, FW_KIND_ACK);
	ck_assert_uint_eq(in.frames, 2);
	ck_assert_uint_eq(in.malformed, 1);
	ck_assert_uint_eq(fw_core_input(c, in.input)->frames, 2);
	fw_core_free(c);
}
END_TEST

/* A source the caller opened (live, replay): added to the core, its link type judged. */
START_TEST(attach_opened)
{
	const struct rec a[] = { { 1, badver, 10, 10 } };
	char *pu = write_pcap("at-u.pcap", DLT_USER0, 4096, a, 1, 0);
	char *pk = write_pcap("at-k.pcap", DLT_80211, 2048, a, 1, 0);
	struct fw_drive_input in;
	struct fw_source *s;
	struct fw_core *c = new_core();
	struct fw_pkt pkt;
	struct fw_frame f;
	char err[512];

	ck_assert_int_eq(fw_source_open_file(&s, pu, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_drive_attach(c, s, &in, err, sizeof(err)), FW_EUNSUPP);
	ck_assert_int_eq(in.err, FW_DRIVE_LINKTYPE);
	ck_assert_ptr_nonnull(strstr(err, "link type 147 is not supported"));
	fw_source_close(s);
	ck_assert_int_eq(fw_source_open_file(&s, pk, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_drive_attach(c, s, &in, err, sizeof(err)), 0);
	ck_assert_uint_eq(in.input, 1);
	ck_assert_int_eq(in.linktype, DLT_80211);
	ck_assert_uint_eq(in.snaplen, 2048);
	ck_assert_int_eq(fw_source_next(s, &pkt, err, sizeof(err)), 1);
	ck_assert(fw_drive_packet(c, &in, &pkt, &f));
	ck_assert_uint_eq(fw_core_input(c, 1)->frames, 1);
	fw_source_close(s);
	fw_core_free(c);
	remove_pcap(pu);
	remove_pcap(pk);
}
END_TEST

/*
 * The usual ACK taken without decoding (fw_frame_plain_ack and
 * fw_core_feed_ack, as the driver's batches take it) leaves the core as
 * the whole decode and fw_core_feed_iface() leave it: on every capture of
 * captures/, each message's and kept protected frame's ACK verdicts and
 * ACK frames, each link's ACK counts, every finding, and the input's
 * counts are the same after the driver's batches, after one packet at a
 * time decoded in full, and after the shortcut taken here packet by
 * packet (which says how many ACKs it took).
 */
enum feed_way { FEED_DRIVE, FEED_DECODED, FEED_PLAIN };

static struct fw_core *feed_capture(const char *path, enum feed_way way, uint64_t *plain)
{
	struct fw_core_opts o = { 0 };
	struct fw_core *c = fw_core_new(&o, NULL);
	struct fw_drive_input in;
	struct fw_source *s;
	struct fw_plain_ack_memo acks = { 0 };
	struct fw_pkt pkt;
	struct fw_frame f;
	char err[512];
	int rc;

	ck_assert_ptr_nonnull(c);
	if (way == FEED_DRIVE) {
		ck_assert_int_eq(fw_drive_files(c, &path, 1, NULL, &(struct fw_drive_hooks){ 0 }, &in),
				 0);
		fw_core_finish(c);
		return c;
	}
	ck_assert_msg(fw_source_open_file(&s, path, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(fw_drive_attach(c, s, &in, err, sizeof(err)) == 0, "%s", err);
	while ((rc = fw_source_next(s, &pkt, err, sizeof(err))) > 0) {
		const uint8_t *ra;

		if (way == FEED_PLAIN &&
		    fw_frame_plain_ack(&acks, pkt.linktype, pkt.data, pkt.caplen, &ra) &&
		    fw_core_feed_ack(c, in.input, pkt.iface, pkt.frame_no, pkt.ts_ns, ra)) {
			(*plain)++;
			continue;
		}
		fw_drive_packet(c, &in, &pkt, &f);
	}
	ck_assert_msg(rc == 0, "%s: %s", path, err);
	fw_source_close(s);
	fw_core_finish(c);
	return c;
}

static void same_sightings(const char *what, const struct fw_sighting *a, unsigned na,
			   const struct fw_sighting *b, unsigned nb)
{
	ck_assert_msg(na == nb, "%s: %u sightings, %u", what, na, nb);
	for (unsigned k = 0; k < na && k < FW_MAX_SIGHTINGS; k++)
		ck_assert_msg(a[k].frame == b[k].frame && a[k].acked == b[k].acked &&
			      a[k].ack_frame == b[k].ack_frame,
			      "%s: sighting %u: frame %llu acked %d by %llu, frame %llu acked %d by %llu",
			      what, k, (unsigned long long)a[k].frame, (int)a[k].acked,
			      (unsigned long long)a[k].ack_frame, (unsigned long long)b[k].frame,
			      (int)b[k].acked, (unsigned long long)b[k].ack_frame);
}

static void same_core(const char *path, const struct fw_core *a, const struct fw_core *b)
{
	const struct fw_input *ia = fw_core_input(a, 0), *ib = fw_core_input(b, 0);

	ck_assert_msg(ia->frames == ib->frames && ia->malformed == ib->malformed &&
		      ia->bad_fcs == ib->bad_fcs, "%s: input counts differ", path);
	ck_assert_msg(fw_core_n_links(a) == fw_core_n_links(b), "%s: links differ", path);
	for (size_t i = 0; i < fw_core_n_links(a); i++) {
		const struct fw_link *la = fw_core_link(a, i), *lb = fw_core_link(b, i);

		ck_assert_msg(memcmp(la->bssid, lb->bssid, 6) == 0 && memcmp(la->sta, lb->sta, 6) == 0 &&
			      la->n_msgs == lb->n_msgs && la->n_pframes == lb->n_pframes &&
			      la->acks_visible == lb->acks_visible &&
			      la->acks_unmatched == lb->acks_unmatched,
			      "%s: link %zu differs", path, i);
		for (size_t m = 0; m < la->n_msgs; m++)
			same_sightings(path, la->msgs[m].sightings, la->msgs[m].n_sightings,
				       lb->msgs[m].sightings, lb->msgs[m].n_sightings);
		for (size_t p = 0; p < la->n_pframes; p++) {
			ck_assert_msg(la->pframes[p].acked == lb->pframes[p].acked &&
				      la->pframes[p].ack_frame == lb->pframes[p].ack_frame,
				      "%s: link %zu protected frame %zu differs", path, i, p);
			same_sightings(path, la->pframes[p].sightings, la->pframes[p].n_sightings,
				       lb->pframes[p].sightings, lb->pframes[p].n_sightings);
		}
	}
	ck_assert_msg(fw_core_n_findings(a) == fw_core_n_findings(b), "%s: findings differ", path);
	for (size_t i = 0; i < fw_core_n_findings(a); i++)
		ck_assert_msg(fw_core_finding(a, i)->code == fw_core_finding(b, i)->code &&
			      strcmp(fw_core_finding(a, i)->detail, fw_core_finding(b, i)->detail) == 0,
			      "%s: finding %zu: %s | %s", path, i, fw_core_finding(a, i)->detail,
			      fw_core_finding(b, i)->detail);
}

static void plain_acks_in(const char *folder, unsigned *files, uint64_t *plain)
{
	DIR *d = opendir(folder);
	struct dirent *e;

	ck_assert_msg(d != NULL, "%s", folder);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char path[8192];
		struct fw_core *drive, *decoded, *shortcut;

		if (!(n > 5 && strcmp(e->d_name + n - 5, ".pcap") == 0) &&
		    !(n > 7 && strcmp(e->d_name + n - 7, ".pcapng") == 0))
			continue;
		snprintf(path, sizeof(path), "%s/%s", folder, e->d_name);
		drive = feed_capture(path, FEED_DRIVE, plain);
		decoded = feed_capture(path, FEED_DECODED, plain);
		shortcut = feed_capture(path, FEED_PLAIN, plain);
		same_core(path, drive, decoded);
		same_core(path, shortcut, decoded);
		fw_core_free(drive);
		fw_core_free(decoded);
		fw_core_free(shortcut);
		(*files)++;
	}
	closedir(d);
}

START_TEST(plain_acks_as_decoded)
{
	static const char *const sub[] = { "captures", "captures/messy", "captures/synth" };
	const char *top = getenv("top_srcdir");
	unsigned files = 0;
	uint64_t plain = 0;

	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		char folder[4096];

		snprintf(folder, sizeof(folder), "%s/%s", top ? top : "..", sub[i]);
		plain_acks_in(folder, &files, &plain);
	}
	printf("test_drive: %u captures the same with %llu ACKs taken without decoding\n", files,
	       (unsigned long long)plain);
	ck_assert_uint_ge(files, 50);
	ck_assert_uint_ge(plain, 1000);
}
END_TEST

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	Suite *s = suite_create("drive");
	TCase *tc = tcase_create("drive");
	SRunner *sr;
	int failed;

	snprintf(dir, sizeof(dir), "%s/fwdriveXXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("test_drive: mkdtemp");
		return 99;
	}

	tcase_add_test(tc, counts_malformed_not_cut);
	tcase_add_test(tc, upto_read_and_decode);
	tcase_add_test(tc, merge_by_timestamp);
	tcase_add_test(tc, one_by_one);
	tcase_add_test(tc, missing_partner);
	tcase_add_test(tc, unsupported_linktype);
	tcase_add_test(tc, read_error_names_frame);
	tcase_add_test(tc, one_packet);
	tcase_add_test(tc, attach_opened);
	tcase_add_test(tc, plain_acks_as_decoded);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	rmdir(dir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
