/*
 * sightings.c - one air, several sniffers: the same transmission recorded
 * by several interfaces (one pcapng with several interface IDs) or files
 * (--merge) is one frame with several sightings.
 *
 * A transmission is known by its MPDU: transmitter, sequence number,
 * Retry bit and the bytes of the 802.11 frame, without the capture header
 * (radiotap, PPI, ...) and the FCS, which each sniffer writes on its own.
 * The fingerprint covers the whole MAC header, the body's length and its
 * first and last bytes (a CCMP/GCMP header and MIC, an EAPOL-Key's
 * counter and nonce, a management frame's fixed fields): another frame of
 * the same transmitter with the same sequence number and these bytes
 * within a few ms is the same transmission, and hashing every byte of a
 * busy channel twice would cost more than the rest of the analysis.  Two sniffers timestamp it within a few milliseconds of each
 * other; a MAC retransmission sets the Retry bit, and a new MSDU gets a
 * new sequence number, so neither is taken for a copy.  A copy is never
 * classified again: its message or protected frame gains a sighting, and
 * its interface's ACK queue still sees it (ack.c), so the ACK that
 * interface shows after it is matched to the same message.
 *
 * The recent frames are kept in a small set-associative table (a few
 * hundred entries, the oldest way of a set replaced): memory does not grow
 * with frames, and a copy is found as long as its set has not been
 * refilled by newer frames in the few milliseconds between the sightings.
 * Nothing is hashed while the run has a single source (input, interface).
 */
#include <string.h>

#include "handshake/internal.h"

#define SIGHT_WINDOW_NS (5 * 1000 * 1000)	/* sniffers' clocks and delivery: a few ms */

#define HEAD_BYTES 48	/* of the body, from its start */
#define TAIL_BYTES 16	/* and from its end */

/* FNV-1a, 64 bits: a fingerprint, not a defence against anyone */
static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t mpdu_hash(const struct fw_dot11 *d)
{
	uint64_t h = 0xcbf29ce484222325ull ^ d->body_len;
	size_t head = d->body_len < HEAD_BYTES + TAIL_BYTES ? d->body_len : HEAD_BYTES;

	h = fnv(h, d->body - d->hdr_len, d->hdr_len + head);
	if (head < d->body_len)
		h = fnv(h, d->body + d->body_len - TAIL_BYTES, TAIL_BYTES);
	return h;
}

/* Make i the current source (hs_src_get's first guess). */
static unsigned src_cur(struct fw_core *c, unsigned i)
{
	c->cur_src = i;
	c->cur_q = &c->pending[i];
	c->cur_src_id = hs_src_id(c->srcs[i].input, c->srcs[i].iface);
	return i;
}

unsigned hs_src_lookup(struct fw_core *c, unsigned input, uint32_t iface)
{
	struct hs_src *s;

	for (unsigned i = 0; i < c->n_srcs; i++)
		if (c->srcs[i].input == input && c->srcs[i].iface == iface)
			return src_cur(c, i);
	/* past the cap (a hostile file names thousands of interfaces) they share the last */
	if (c->n_srcs == HS_MAX_SRCS)
		return src_cur(c, HS_MAX_SRCS - 1);
	s = &c->srcs[c->n_srcs];
	memset(s, 0, sizeof(*s));
	s->input = input;
	s->iface = iface;
	return src_cur(c, c->n_srcs++);
}

bool hs_sight_key(const struct fw_core *c, const struct fw_frame *f, uint64_t *key)
{
	if (c->n_srcs < 2 || !f->has_dot11 || !f->has_ta || !f->dot11.has_seq ||
	    f->dot11.type == FW_T_CTRL || !f->dot11.body)
		return false;
	*key = mpdu_hash(&f->dot11);
	return true;
}

static bool same_frame(const struct hs_sight *e, uint64_t key, const struct fw_frame *f)
{
	return e->used && e->key == key && e->seq == f->dot11.seq && e->retry == f->dot11.retry &&
	       memcmp(e->ta, f->ta, 6) == 0;
}

bool hs_sight_find(struct fw_core *c, unsigned src, int64_t ts_ns, uint64_t key,
		   const struct fw_frame *f, struct hs_sight *out)
{
	struct hs_sight *set = &c->sight[(key % HS_SIGHT_SETS) * HS_SIGHT_WAYS];
	unsigned input = c->srcs[src].input;

	for (unsigned w = 0; w < HS_SIGHT_WAYS; w++) {
		struct hs_sight *e = &set[w];
		int64_t d;

		if (!same_frame(e, key, f) || e->src == src)
			continue;
		/* hostile timestamps reach the ends of int64 */
		if (__builtin_sub_overflow(ts_ns, e->ts_ns, &d) || d < -SIGHT_WINDOW_NS ||
		    d > SIGHT_WINDOW_NS)
			continue;
		/* without --merge each file is its own air */
		if (!c->opts.merge && c->srcs[e->src].input != input)
			continue;
		*out = *e;
		return true;
	}
	return false;
}

void hs_sight_add(struct fw_core *c, unsigned src, int64_t ts_ns, uint64_t key,
		  const struct fw_frame *f, struct hs_link *l, size_t msg, size_t pframe)
{
	struct hs_sight *set = &c->sight[(key % HS_SIGHT_SETS) * HS_SIGHT_WAYS];
	struct hs_sight *e = &set[0];

	for (unsigned w = 0; w < HS_SIGHT_WAYS; w++) {
		if (!set[w].used) {
			e = &set[w];
			break;
		}
		if (set[w].ts_ns < e->ts_ns)
			e = &set[w];
	}
	e->used = true;
	e->key = key;
	memcpy(e->ta, f->ta, 6);
	e->seq = f->dot11.seq;
	e->retry = f->dot11.retry;
	e->src = (uint16_t)src;
	e->ts_ns = ts_ns;
	e->l = l;
	e->msg = msg;
	e->pframe = pframe;
}

void hs_sight_forget_evicted(struct fw_core *c)
{
	for (size_t i = 0; i < HS_SIGHT_SETS * HS_SIGHT_WAYS; i++)
		if (c->sight[i].used && c->sight[i].l && c->sight[i].l->evicted)
			c->sight[i].used = false;
}

/* Append a sighting; its index, or -1 when the array is full (it is still counted). */
static int push(struct fw_sighting *s, unsigned *n, const struct fw_sighting *v)
{
	if (*n >= FW_MAX_SIGHTINGS) {
		(*n)++;
		return -1;
	}
	s[*n] = *v;
	return (int)(*n)++;
}

int hs_sight_record(struct fw_core *c, struct hs_link *l, size_t msg, size_t pframe,
		    unsigned src, uint64_t frame_no, int64_t ts_ns)
{
	struct fw_sighting v = {
		.file = c->srcs[src].input, .iface = c->srcs[src].iface, .frame = frame_no,
		.ts_ns = ts_ns, .acked = FW_ACK_UNKNOWN,
	};
	int k = -1;

	hs_touch(l);

	if (!l)
		return -1;
	if (msg && msg <= l->n_msgs)
		k = push(l->msgs[msg - 1].sightings, &l->msgs[msg - 1].n_sightings, &v);
	if (pframe && pframe <= l->n_pframes) {
		int kp = push(l->pframes[pframe - 1].sightings, &l->pframes[pframe - 1].n_sightings, &v);

		if (!msg)
			k = kp;
	}
	return k;
}
