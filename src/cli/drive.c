/*
 * drive.c - captures -> decode -> reconstructor, written once (drive.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/merge.h"
#include "cli/drive.h"
#include "util/err.h"
#include "util/heap.h"

#define ERRLEN 512
/*
 * Packets asked of a source at a time: the calls and the source's
 * bookkeeping leave the per-packet path (4 a call: 2% more instructions
 * over a whole run).  The file is read ahead here, as each packet is
 * reached (capture/source.h says why: read ahead by the source as it
 * reads a batch, 8 or 16 a call measured 10-15% more CPU than 4).
 */
#define BATCH 16u
/*
 * The heap's first 16 MiB in huge pages (util/heap.h): a run's links take
 * about 10 KB each, so 1,600 links before the heap goes on in small pages.
 * Not more: a huge page is resident whole, the heap's free holes in it
 * too, and 64 MiB measured 800-1,400 KiB more peak RSS on 100,000
 * stations (tests/hostile, bound 64 MiB) where 16 and 32 MiB measured none.
 */
#define HEAP_HUGE_RESERVE (16u << 20)

/* fw_drive_packet's body, inlined into the read loops below: a call a frame saved */
static inline bool drive_packet(struct fw_core *core, struct fw_drive_input *in,
				const struct fw_pkt *pkt, struct fw_frame *f)
{
	bool bad;

	fw_frame_decode(f, pkt->linktype, pkt->data, pkt->caplen);
	/* a frame cut by the snapshot length is not the frame's fault */
	bad = f->status != 0 && pkt->caplen >= pkt->len;
	in->frames++;
	in->malformed += bad;
	if (pkt->caplen > in->max_caplen)
		in->max_caplen = pkt->caplen;
	in->last_ts_ns = pkt->ts_ns;
	fw_core_feed_iface(core, in->input, pkt->iface, pkt->frame_no, pkt->ts_ns, f);
	return bad;
}

bool fw_drive_packet(struct fw_core *core, struct fw_drive_input *in, const struct fw_pkt *pkt,
		     struct fw_frame *f)
{
	return drive_packet(core, in, pkt, f);
}

static void fail(struct fw_core *core, const struct fw_drive_hooks *h, struct fw_drive_input *in,
		 enum fw_drive_err err, const char *msg)
{
	in->err = err;
	fw_core_input_error(core, in->input, msg);
	if (h->error)
		h->error(h->arg, in, msg);
}

int fw_drive_attach(struct fw_core *core, struct fw_source *s, struct fw_drive_input *in,
		    char *err, size_t errlen)
{
	memset(in, 0, sizeof(*in));
	in->path = fw_source_path(s);
	in->linktype = fw_source_linktype(s);
	in->snaplen = fw_source_snaplen(s);
	in->input = fw_core_add_input(core, in->path, in->linktype);
	if (!fw_linktype_supported(in->linktype)) {
		snprintf(err, errlen, "%s: link type %d is not supported (want radiotap, 802.11, "
			 "PPI, Prism, AVS, Ethernet or Linux cooked)", in->path, in->linktype);
		in->err = FW_DRIVE_LINKTYPE;
		return FW_EUNSUPP;
	}
	return 0;
}

/* Open path and add it to the core; 0, or -1 after the error was reported. */
static int open_input(struct fw_core *core, const struct fw_drive_hooks *h, const char *path,
		      struct fw_drive_input *in, struct fw_source **s)
{
	char err[ERRLEN];
	int rc;

	memset(in, 0, sizeof(*in));
	in->path = path;
	in->linktype = -1;
	*s = NULL;
	if (fw_source_open_file(s, path, err, sizeof(err)) != 0) {
		*s = NULL;
		in->input = fw_core_add_input(core, path, -1);
		fail(core, h, in, FW_DRIVE_OPEN, err);
		return -1;
	}
	rc = fw_drive_attach(core, *s, in, err, sizeof(err));
	in->path = path;	/* the caller's: the source's own copy goes with it */
	if (rc != 0) {
		fail(core, h, in, FW_DRIVE_LINKTYPE, err);
		fw_source_close(*s);
		*s = NULL;
		return -1;
	}
	return 0;
}

/* What the source found wrong at its end without losing a frame, as a note of the report. */
static void source_note(struct fw_core *core, const struct fw_drive_input *in,
			const struct fw_source *s)
{
	char msg[ERRLEN];
	const char *note = fw_source_note(s);

	if (!note)
		return;
	snprintf(msg, sizeof(msg), "%s: %s", in->path, note);
	fw_core_add_note(core, msg);
}

static void packet(struct fw_core *core, const struct fw_drive_hooks *h, struct fw_drive_input *in,
		   const struct fw_pkt *pkt)
{
	struct fw_frame f;

	if (drive_packet(core, in, pkt, &f) && h->malformed)
		h->malformed(h->arg, in, pkt, &f);
}

/*
 * A batch of packets of one input: as packet() for each, the input's
 * counters kept in locals and stored once a batch (and before a hook,
 * which may look at them).
 */
static uintptr_t packets(struct fw_core *core, const struct fw_drive_hooks *h,
			 struct fw_drive_input *in, const struct fw_pkt *pkts, unsigned n,
			 bool in_place, uintptr_t ahead, struct fw_plain_ack_memo *acks)
{
	const size_t dist = fw_source_ahead_dist(pkts, n);
	uint32_t max_caplen = in->max_caplen;
	const uint64_t frames = in->frames;
	const unsigned input = in->input;
	struct fw_frame f;

	for (unsigned i = 0; i < n; i++) {
		const struct fw_pkt *pkt = &pkts[i];
		const uint8_t *ra;

		if (in_place)
			ahead = fw_source_ahead(ahead, pkt, dist);
		/* half a capture's frames: an ACK of the usual kind needs no decoding */
		if (fw_frame_plain_ack(acks, pkt->linktype, pkt->data, pkt->caplen, &ra) &&
		    fw_core_feed_ack(core, input, pkt->iface, pkt->frame_no, pkt->ts_ns, ra)) {
			if (pkt->caplen > max_caplen)
				max_caplen = pkt->caplen;
			continue;
		}
		fw_frame_decode(&f, pkt->linktype, pkt->data, pkt->caplen);
		if (pkt->caplen > max_caplen)
			max_caplen = pkt->caplen;
		fw_core_feed_iface(core, input, pkt->iface, pkt->frame_no, pkt->ts_ns, &f);
		/* a frame cut by the snapshot length is not the frame's fault */
		if (__builtin_expect(f.status != 0, 0) && pkt->caplen >= pkt->len) {
			in->malformed++;
			in->frames = frames + i + 1;
			in->max_caplen = max_caplen;
			in->last_ts_ns = pkt->ts_ns;
			if (h->malformed)
				h->malformed(h->arg, in, pkt, &f);
		}
	}
	in->frames = frames + n;
	in->max_caplen = max_caplen;
	in->last_ts_ns = pkts[n - 1].ts_ns;
	return ahead;
}

/*
 * A batch taken only so far (fw_drive_opts.upto): what the reading, or
 * the reading and decoding, of packets() cost without the core, for the
 * benchmark to set beside the whole.  Only the counters are kept.
 */
static uintptr_t packets_upto(struct fw_drive_input *in, const struct fw_pkt *pkts, unsigned n,
			      bool in_place, uintptr_t ahead, enum fw_drive_upto upto)
{
	const size_t dist = fw_source_ahead_dist(pkts, n);
	struct fw_frame f;

	for (unsigned i = 0; i < n; i++) {
		if (in_place)
			ahead = fw_source_ahead(ahead, &pkts[i], dist);
		if (upto == FW_DRIVE_UPTO_DECODE) {
			fw_frame_decode(&f, pkts[i].linktype, pkts[i].data, pkts[i].caplen);
			in->malformed += f.status != 0 && pkts[i].caplen >= pkts[i].len;
		}
		if (pkts[i].caplen > in->max_caplen)
			in->max_caplen = pkts[i].caplen;
	}
	in->frames += n;
	in->last_ts_ns = pkts[n - 1].ts_ns;
	return ahead;
}

/* Each input to its end before the next is opened. */
static void one_by_one(struct fw_core *core, const char *const *paths, size_t n,
		       const struct fw_drive_hooks *h, struct fw_drive_input *in,
		       enum fw_drive_upto upto)
{
	for (size_t i = 0; i < n; i++) {
		struct fw_pkt pkts[BATCH];
		struct fw_plain_ack_memo acks = { 0 };
		struct fw_source *s;
		fw_source_batch_fn batch;
		uintptr_t ahead = 0;
		char err[ERRLEN];
		int rc;

		if (open_input(core, h, paths[i], &in[i], &s) != 0)
			continue;
		batch = fw_source_batch_reader(s);
		while ((rc = batch(s, pkts, BATCH, err, sizeof(err))) > 0)
			ahead = upto == FW_DRIVE_UPTO_CORE ?
				packets(core, h, &in[i], pkts, (unsigned)rc, fw_source_in_place(s),
					ahead, &acks) :
				packets_upto(&in[i], pkts, (unsigned)rc, fw_source_in_place(s), ahead,
					     upto);
		if (rc < 0)
			fail(core, h, &in[i], FW_DRIVE_READ, err);
		source_note(core, &in[i], s);
		if (h->done)
			h->done(h->arg, &in[i]);
		fw_source_close(s);
	}
}

/* Every input opened first, then one timeline; a failing input ends, the others go on. */
static int merged(struct fw_core *core, const char *const *paths, size_t n,
		  const struct fw_drive_opts *o, const struct fw_drive_hooks *h,
		  struct fw_drive_input *in)
{
	struct fw_source **src = calloc(n ? n : 1, sizeof(*src));
	size_t *map = calloc(n ? n : 1, sizeof(*map));
	struct fw_merge *m = NULL;
	size_t k = 0, which;
	struct fw_pkt pkt;
	char err[ERRLEN];
	int rc = 0;

	if (!src || !map) {
		rc = FW_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (open_input(core, h, paths[i], &in[i], &src[k]) != 0) {
			if (o->all_or_nothing)
				goto out;
			continue;
		}
		map[k++] = i;
	}
	m = fw_merge_new(src, k);
	if (!m) {
		rc = FW_ENOMEM;
		goto out;
	}
	while ((rc = fw_merge_next(m, &pkt, &which, err, sizeof(err))) != 0) {
		if (rc < 0)
			fail(core, h, &in[map[which]], FW_DRIVE_READ, err);
		else
			packet(core, h, &in[map[which]], &pkt);
	}
	for (size_t i = 0; i < k; i++) {
		source_note(core, &in[map[i]], src[i]);
		if (h->done)
			h->done(h->arg, &in[map[i]]);
	}
out:
	fw_merge_free(m);
	for (size_t i = 0; i < k; i++)
		fw_source_close(src[i]);
	free(src);
	free(map);
	return rc;
}

int fw_drive_files(struct fw_core *core, const char *const *paths, size_t n,
		   const struct fw_drive_opts *o, const struct fw_drive_hooks *h,
		   struct fw_drive_input *in)
{
	static const struct fw_drive_hooks none;

	fw_heap_huge(HEAP_HUGE_RESERVE);
	if (!h)
		h = &none;
	if (o && o->merge)
		return merged(core, paths, n, o, h, in);
	one_by_one(core, paths, n, h, in, o ? o->upto : FW_DRIVE_UPTO_CORE);
	return 0;
}
