/*
 * ack.c - ACK correlation (802.11-2020 10.3.2.9, 10.25).
 *
 * An ACK names only its receiver: it acknowledges the unicast frame that
 * immediately precedes it on the medium, sent by that receiver, one SIFS
 * after its end.  So each input keeps the few frames an ACK could still
 * answer; an ACK to a frame's transmitter within its window settles it
 * (yes), and the window passing without one settles it too (no).  A
 * capture may show ACKs late, in their transmitter's order (hwsim0 under
 * load): an ACK right after no frame of its receiver takes the oldest one
 * still waiting.  A Block Ack names both sides and carries a bitmap of
 * sequence numbers, so it is checked against the frame's own sequence
 * number.
 *
 * "No" is only an answer where the capture shows ACKs at all for that side
 * of the link: a monitor interface of another radio, or a wired capture,
 * sees none, and there every verdict becomes unknown (hs_ack_finish).
 */
#include <string.h>

#include "handshake/ack.h"
#include "handshake/internal.h"
#include "util/mac.h"

/* Block Ack: the bitmap bit of the frame's sequence number (10.25.6). */
static bool ba_covers(const struct hs_pending_frame *p, const struct fw_frame *f, bool *acked)
{
	uint16_t off;

	if (!f->dot11.has_ba || !p->has_seq)
		return false;
	off = (uint16_t)((p->seq - f->dot11.ba_ssn) & 0x0fff);
	if (off >= 64)
		return false;
	*acked = (f->dot11.ba_bitmap >> off) & 1;
	return true;
}

static void settle_one(struct fw_sighting *s, unsigned n, int k, enum fw_acked v,
		       uint64_t ack_frame)
{
	if (k < 0 || (unsigned)k >= n || k >= FW_MAX_SIGHTINGS)
		return;
	s[k].acked = v;
	s[k].ack_frame = ack_frame;
}

void hs_ack_settle_more(const struct hs_pending_frame *p, unsigned src, enum fw_acked v,
			uint64_t ack_frame)
{
	struct hs_link *l = p->l;

	/*
	 * A frame of neither side (a neighbour's, waiting with the link last
	 * active) says nothing of what this sniffer hears of the link.
	 * pub.acks_visible is their "or", set at the end (the pub stays cold).
	 * A bit once set stays: the link's first line says whether src's is.
	 */
	if (v == FW_ACK_YES) {
		if (hs_ack_mac_eq(p->ta, l->bssid)) {
			if (l->ack_hint_ap != src + 1) {
				l->ack_hint_ap = (uint8_t)(src + 1);
				l->ack_srcs_ap |= 1ull << src;
			}
		} else if (hs_ack_mac_eq(p->ta, l->sta)) {
			if (l->ack_hint_sta != src + 1) {
				l->ack_hint_sta = (uint8_t)(src + 1);
				l->ack_srcs_sta |= 1ull << src;
			}
		}
	}
	if (p->msg && p->msg <= l->n_msgs) {
		struct fw_msg *m = &l->msgs[p->msg - 1];

		settle_one(m->sightings, m->n_sightings, p->sight, v, ack_frame);
	}
	if (p->pframe && p->pframe <= l->n_pframes) {
		struct fw_pframe *pf = &l->pframes[p->pframe - 1];

		settle_one(pf->sightings, pf->n_sightings, p->sight, v, ack_frame);
	}
}

/*
 * Whose frame an ACK with none before it stands for: the station's (it
 * talks only to its AP), or the AP's while the AP is seen talking to this
 * station alone; an AP that serves others may have sent it to any of them.
 */
static bool missed_of(const struct hs_link *l, const uint8_t ra[6])
{
	return l && (memcmp(l->sta, ra, 6) == 0 || (memcmp(l->bssid, ra, 6) == 0 && !l->ap_shared));
}

/*
 * A Block Ack (10.25.6): every waiting frame of that originator to that
 * recipient whose sequence number its bitmap covers; an A-MPDU's frames
 * are answered together.
 */
static void on_block_ack(struct fw_core *c, struct hs_pending *q, unsigned src,
			 uint64_t frame_no, int64_t ts_ns, const struct fw_frame *f)
{
	for (size_t i = q->n; i-- > 0;) {
		struct hs_pending_frame *p = &q->q[i];
		bool acked = false;

		if (memcmp(f->ra, p->ta, 6) != 0 || memcmp(f->ta, p->ra, 6) != 0 ||
		    !hs_ack_in_window(c, p, ts_ns) || !ba_covers(p, f, &acked))
			continue;
		hs_ack_settle(p, src, acked ? FW_ACK_YES : FW_ACK_NO, acked ? frame_no : 0);
		hs_ack_drop(q, i);
	}
}

void hs_ack_unanswered(struct fw_core *c, struct hs_pending *q, unsigned src, uint64_t frame_no,
		       int64_t ts_ns, const struct fw_frame *f, struct hs_link *last)
{
	/*
	 * An ACK whose frame the queue let go for room (make_room) stands
	 * for that frame, not for one the sniffer missed.
	 */
	if (q->evicted && ts_ns <= q->evicted_until_ns && memcmp(f->ra, q->evicted_ta, 6) == 0) {
		q->evicted--;
		return;
	}
	/* an ACK with no frame before it: the sniffer missed that frame */
	if (missed_of(last, f->ra)) {
		hs_touch(last);
		if (!last->pub.acks_unmatched++) {
			last->unmatched_ack_frame = frame_no;
			last->unmatched_ack_file = c->srcs[src].input;
		}
	}
}

/* A frame let go for want of room: its ACK may still come (on_ack). */
static void evicted(struct fw_core *c, struct hs_pending *q, const struct hs_pending_frame *p)
{
	if (!q->evicted || memcmp(q->evicted_ta, p->ta, 6) != 0) {
		memcpy(q->evicted_ta, p->ta, 6);
		q->evicted = 0;
	}
	if (q->evicted < UINT32_MAX)
		q->evicted++;
	q->evicted_until_ns = hs_ack_late_end(c, p);
}

/*
 * A MAC retry (Retry bit, same sequence number, same receiver): its
 * transmitter saw no ACK for the frames it repeats, which settles them.
 */
void hs_ack_retried(struct hs_pending *q, unsigned src, const struct fw_frame *f)
{
	for (size_t i = q->n; i-- > 0;) {
		struct hs_pending_frame *p = &q->q[i];

		if (p->has_seq && p->seq == f->dot11.seq && memcmp(p->ta, f->ta, 6) == 0 &&
		    memcmp(p->ra, f->ra, 6) == 0) {
			hs_ack_settle(p, src, FW_ACK_NO, 0);
			hs_ack_drop(q, i);
		}
	}
}

/* The waiting frames whose window has passed were not acknowledged (ack.h). */
void hs_ack_expire(struct fw_core *c, struct hs_pending *q, unsigned src, int64_t ts_ns)
{
	for (size_t i = q->n; i-- > 0;) {
		if (!hs_ack_in_window(c, &q->q[i], ts_ns)) {
			hs_ack_settle(&q->q[i], src, FW_ACK_NO, 0);
			hs_ack_drop(q, i);
		}
	}
}

/* A full queue (HS_ACK_QUEUE) lets one frame go for f. */
void hs_ack_make_room(struct fw_core *c, struct hs_pending *q, const struct fw_frame *f)
{
	/*
	 * More frames waiting than the queue holds (a flood whose ACKs come
	 * late): a neighbour's go first, the sender's own oldest before
	 * others', none is called unacknowledged for want of room, and its
	 * ACK is not taken for a missed frame's.
	 */
	size_t i = 0, own = q->n;

	for (; i < q->n && q->q[i].l && (q->q[i].msg || q->q[i].pframe); i++)
		;
	for (size_t k = i; k < q->n && own == q->n; k++)
		if (!(q->q[k].l && (q->q[k].msg || q->q[k].pframe)) &&
		    memcmp(q->q[k].ta, f->ta, 6) == 0)
			own = k;
	i = own < q->n ? own : i < q->n ? i : 0;
	evicted(c, q, &q->q[i]);
	hs_ack_drop(q, i);
}

void hs_air_rate(struct fw_core *c, uint32_t rate_kbps)
{
	c->air_rate = rate_kbps;
	/* DSSS (1 and 2 Mb/s) sends the long PLCP preamble and header, 192 us; OFDM 20 us */
	c->air_add = (rate_kbps <= 2000 ? 192 : 20) + HS_SIFS_US + HS_ACK_AIRTIME_MAX_US +
		     HS_ACK_SLACK_US;
	/* 2^64 / 1 needs 65 bits: that rate (no PHY's) divides */
	c->air_mul = rate_kbps >= 2 ? UINT64_MAX / rate_kbps + 1 : 0;
}

void hs_ack_take(struct fw_core *c, uint64_t frame_no, int64_t ts_ns, const struct fw_frame *f,
		 struct hs_link *last)
{
	struct hs_pending *q = c->cur_q;
	const unsigned src = c->cur_src;
	const size_t n = q->n;
	size_t late = n, i;
	struct hs_pending_frame *p;

	for (i = 0; i < n; i++) {
		p = &q->q[i];
		if (!hs_ack_mac_eq(f->ra, p->ta) || !hs_ack_in_window(c, p, ts_ns))
			continue;
		if (ts_ns - p->ts_ns <= (int64_t)hs_ack_window_of(c, p) * 1000)
			break;
		if (late == n)
			late = i;
	}
	if (i == n)
		i = late;
	if (i == n) {
		hs_ack_unanswered(c, q, src, frame_no, ts_ns, f, last);
		return;
	}
	p = &q->q[i];
	/* the frames let go may still be answered while their transmitter's are */
	if (q->evicted && hs_ack_mac_eq(p->ta, q->evicted_ta) &&
	    hs_ack_late_end(c, p) > q->evicted_until_ns)
		q->evicted_until_ns = hs_ack_late_end(c, p);
	hs_ack_settle(p, src, FW_ACK_YES, frame_no);
	hs_ack_drop(q, i);
}

void hs_ack_on_frame(struct fw_core *c, uint64_t frame_no, int64_t ts_ns,
		     const struct fw_frame *f, struct hs_link *l, size_t msg, size_t pframe,
		     int sight)
{
	if (!c->cur_q || !f->has_dot11)
		return;
	if (f->kind == FW_KIND_ACK)
		hs_ack_on_ack(c, frame_no, ts_ns, f, l);
	else if (f->kind == FW_KIND_BLOCK_ACK)
		on_block_ack(c, c->cur_q, c->cur_src, frame_no, ts_ns, f);
	else
		hs_ack_sent(c, ts_ns, f, l, false, msg, pframe, sight);
}

/*
 * A sniffer may hear one side's ACKs and not the other's (it sits by the
 * AP and the station is far): "no ACK" holds only for frames of a side
 * whose other frames were seen acknowledged.
 */
static void judge(struct fw_core *c, struct fw_sighting *s, unsigned n, uint64_t srcs,
		  enum fw_acked *acked, unsigned *ack_file, uint64_t *ack_frame)
{
	bool no = false;

	*acked = FW_ACK_UNKNOWN;
	*ack_file = 0;
	*ack_frame = 0;
	for (unsigned k = 0; k < n && k < FW_MAX_SIGHTINGS; k++) {
		unsigned src = hs_src_get(c, s[k].file, s[k].iface);

		if (s[k].acked == FW_ACK_NO && !((srcs >> src) & 1))
			s[k].acked = FW_ACK_UNKNOWN;	/* that interface shows no ACKs of this side */
		if (s[k].acked == FW_ACK_YES && *acked != FW_ACK_YES) {
			*acked = FW_ACK_YES;
			*ack_file = s[k].file;
			*ack_frame = s[k].ack_frame;
		}
		no = no || s[k].acked == FW_ACK_NO;
	}
	if (*acked == FW_ACK_UNKNOWN && no)
		*acked = FW_ACK_NO;
}

/*
 * Per sighting, then over them: yes when one interface showed the ACK; no
 * only when an interface that shows ACKs for that side saw the frame and
 * no ACK after it.  A sniffer may hear one side's ACKs and not the other's
 * (it sits by the AP and the station is far), and a monitor interface of
 * another radio hears none.
 */
void hs_ack_finish(struct fw_core *c, struct hs_link *l)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];

		judge(c, m->sightings, m->n_sightings, m->from_ap ? l->ack_srcs_ap : l->ack_srcs_sta,
		      &m->acked, &m->ack_file, &m->ack_frame);
	}
	for (size_t i = 0; i < l->n_pframes; i++) {
		struct fw_pframe *p = &l->pframes[i];

		judge(c, p->sightings, p->n_sightings, p->from_ap ? l->ack_srcs_ap : l->ack_srcs_sta,
		      &p->acked, &p->ack_file, &p->ack_frame);
	}
}

/*
 * A message repeats the latest earlier one of its handshake, type and
 * sender.  Handshakes are causal (eapol.c), so an answer only ever repeats
 * an answer to the same ANonce; and a late answer repeats only an answer
 * to the same request (the same replay counter), never the answer to the
 * request that superseded it.
 */
/* Whether o, an earlier message, is the one m repeats. */
static bool repeats(const struct fw_msg *m, const struct fw_msg *o)
{
	return o->handshake == m->handshake && o->type == m->type && o->from_ap == m->from_ap &&
	       (!m->late || o->replay_counter == m->replay_counter);
}

static void mark_one(struct fw_msg *m, const struct fw_msg *o)
{
	m->retrans = FW_RT_NONE;
	m->retrans_of = 0;
	m->retrans_of_file = 0;
	if (!o)
		return;
	m->retrans = m->retry && m->has_seq && o->has_seq && m->seq == o->seq ? FW_RT_MAC : FW_RT_EAPOL;
	m->retrans_of = o->frame;
	m->retrans_of_file = o->file;
}

void hs_retrans_mark(struct hs_link *l)
{
	if (!l->byhs || l->byhs_n_msgs != l->n_msgs || l->byhs_n_hs != l->n_hs) {
		for (size_t i = 0; i < l->n_msgs; i++) {
			const struct fw_msg *o = NULL;

			for (size_t j = i; j-- > 0 && !o;)
				if (repeats(&l->msgs[i], &l->msgs[j]))
					o = &l->msgs[j];
			mark_one(&l->msgs[i], o);
		}
		return;
	}
	/* the index lists each handshake's messages in link order: walk back within it */
	for (size_t h = 0; h <= l->n_hs; h++) {
		const uint32_t *b = l->byhs + l->byhs_start[h];
		size_t n = l->byhs_start[h + 1] - l->byhs_start[h];

		for (size_t k = 0; k < n; k++) {
			const struct fw_msg *o = NULL;

			for (size_t j = k; j-- > 0 && !o;)
				if (repeats(&l->msgs[b[k]], &l->msgs[b[j]]))
					o = &l->msgs[b[j]];
			mark_one(&l->msgs[b[k]], o);
		}
	}
}
