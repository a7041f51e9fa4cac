/*
 * ack.c - ACK correlation (802.11-2020 10.3.2.9, 10.25).
 *
 * An ACK names only its receiver: it acknowledges the unicast frame that
 * immediately precedes it on the medium, sent by that receiver, one SIFS
 * after its end.  So each input keeps the few frames an ACK could still
 * answer; an ACK to a frame's transmitter within its window settles it
 * (yes), and the window passing without one settles it too (no).  A Block Ack names both sides and carries a
 * bitmap of sequence numbers, so it is checked against the frame's own
 * sequence number.
 *
 * "No" is only an answer where the capture shows ACKs at all for that side
 * of the link: a monitor interface of another radio, or a wired capture,
 * sees none, and there every verdict becomes unknown (hs_ack_finish).
 */
#include <string.h>

#include "handshake/internal.h"
#include "util/mac.h"

#define SIFS_US 16u
#define ACK_AIRTIME_MAX_US 304u	/* an ACK at 1 Mb/s with the long preamble */
#define ACK_SLACK_US 1000u	/* sniffer timestamping jitter */

/* How long after frame f an ACK may come: its airtime at its rate, SIFS, the ACK, slack. */
static uint32_t ack_window(const struct fw_core *c, const struct fw_frame *f)
{
	uint64_t bits, air;

	if (!f->radio.has_rate || f->radio.rate_kbps == 0)
		return c->opts.ack_window_us ? c->opts.ack_window_us : FW_CORE_ACK_WINDOW_US;
	bits = ((uint64_t)f->dot11.hdr_len + f->dot11.body_len + 4) * 8;
	/* a 32-bit division when it fits (every frame comes here; it is the cheaper one) */
	air = bits <= UINT32_MAX / 1000 ? (uint32_t)(bits * 1000) / f->radio.rate_kbps
					: bits * 1000 / f->radio.rate_kbps;
	air += f->radio.rate_kbps <= 2000 ? 192 : 20;
	return (uint32_t)(air + SIFS_US + ACK_AIRTIME_MAX_US + ACK_SLACK_US);
}

static void settle(struct hs_pending_frame *p, enum fw_acked v, uint64_t ack_frame)
{
	struct hs_link *l = p->l;

	if (!l)
		return;
	/*
	 * A frame of neither side (a neighbour's, waiting with the link last
	 * active) says nothing of what this sniffer hears of the link.
	 * pub.acks_visible is their "or", set at the end (the pub stays cold).
	 */
	if (v == FW_ACK_YES) {
		if (memcmp(p->ta, l->bssid, 6) == 0)
			l->acks_for_ap = true;
		else if (memcmp(p->ta, l->sta, 6) == 0)
			l->acks_for_sta = true;
	}
	if (p->msg && p->msg <= l->n_msgs) {
		l->msgs[p->msg - 1].acked = v;
		l->msgs[p->msg - 1].ack_frame = ack_frame;
	}
	if (p->pframe && p->pframe <= l->n_pframes) {
		l->pframes[p->pframe - 1].acked = v;
		l->pframes[p->pframe - 1].ack_frame = ack_frame;
	}
}

/* Block Ack: the bitmap bit of the frame's sequence number (10.25.6). */
static bool ba_covers(const struct hs_pending_frame *p, const struct fw_frame *f, bool *acked)
{
	const struct hs_link *l = p->l;
	uint16_t seq, off;

	if (!l || !f->dot11.has_ba || !p->msg || p->msg > l->n_msgs || !l->msgs[p->msg - 1].has_seq)
		return false;
	seq = l->msgs[p->msg - 1].seq;
	off = (uint16_t)((seq - f->dot11.ba_ssn) & 0x0fff);
	if (off >= 64)
		return false;
	*acked = (f->dot11.ba_bitmap >> off) & 1;
	return true;
}

static bool is_side(const struct hs_link *l, const uint8_t addr[6])
{
	return l && (memcmp(l->pub.bssid, addr, 6) == 0 || memcmp(l->pub.sta, addr, 6) == 0);
}

static void drop(struct hs_pending *q, size_t i)
{
	memmove(&q->q[i], &q->q[i + 1], (q->n - i - 1) * sizeof(q->q[0]));
	q->n--;
}

static bool in_window(const struct hs_pending_frame *p, int64_t ts_ns)
{
	return ts_ns - p->ts_ns <= (int64_t)p->window_us * 1000;
}

/* An ACK or Block Ack: the oldest waiting frame of its receiver, in its window. */
static void on_ack(struct hs_pending *q, unsigned input, uint64_t frame_no, int64_t ts_ns,
		   const struct fw_frame *f, struct hs_link *last)
{
	for (size_t i = 0; i < q->n; i++) {
		struct hs_pending_frame *p = &q->q[i];
		bool acked = false;

		if (memcmp(f->ra, p->ta, 6) != 0 || !in_window(p, ts_ns))
			continue;
		if (f->kind == FW_KIND_ACK)
			settle(p, FW_ACK_YES, frame_no);
		else if (memcmp(f->ta, p->ra, 6) == 0 && ba_covers(p, f, &acked))
			settle(p, acked ? FW_ACK_YES : FW_ACK_NO, acked ? frame_no : 0);
		else
			continue;
		/* the ones before it went unanswered */
		for (size_t j = 0; j < i; j++)
			settle(&q->q[j], FW_ACK_NO, 0);
		q->n -= i + 1;
		if (q->n)	/* usually the one frame waiting was this one */
			memmove(&q->q[0], &q->q[i + 1], q->n * sizeof(q->q[0]));
		return;
	}
	/* an ACK with no frame before it: the sniffer missed that frame */
	if (f->kind == FW_KIND_ACK && is_side(last, f->ra)) {
		if (!last->pub.acks_unmatched++) {
			last->unmatched_ack_frame = frame_no;
			last->unmatched_ack_file = input;
		}
	}
}

void hs_ack_on_frame(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		     const struct fw_frame *f, struct hs_link *l, size_t msg, size_t pframe)
{
	struct hs_pending *q;
	struct hs_pending_frame *p;

	if (!c->pending || input >= c->n_inputs || !f->has_dot11)
		return;
	q = &c->pending[input];
	if (f->kind == FW_KIND_ACK || f->kind == FW_KIND_BLOCK_ACK) {
		on_ack(q, input, frame_no, ts_ns, f, l);
		return;
	}
	/*
	 * Any other frame: the waiting frames whose window has passed were not
	 * acknowledged.  On one channel an ACK follows its frame at once, but
	 * a capture may show a frame of the other side first (mac80211_hwsim
	 * delivers ACKs late): within the window a frame keeps waiting.
	 */
	for (size_t i = q->n; i-- > 0;) {
		if (!in_window(&q->q[i], ts_ns)) {
			settle(&q->q[i], FW_ACK_NO, 0);
			drop(q, i);
		}
	}
	if (f->dot11.type == FW_T_CTRL || !f->has_ta || fw_mac_is_group(f->ra))
		return;
	if (q->n == HS_ACK_QUEUE) {
		settle(&q->q[0], FW_ACK_NO, 0);
		drop(q, 0);
	}
	p = &q->q[q->n++];
	memcpy(p->ta, f->ta, 6);
	memcpy(p->ra, f->ra, 6);
	p->ts_ns = ts_ns;
	p->window_us = ack_window(c, f);
	p->l = l;
	p->msg = msg;
	p->pframe = pframe;
}

/*
 * A sniffer may hear one side's ACKs and not the other's (it sits by the
 * AP and the station is far): "no ACK" holds only for frames of a side
 * whose other frames were seen acknowledged.
 */
void hs_ack_finish(struct fw_core *c, struct hs_link *l)
{
	(void)c;
	for (size_t i = 0; i < l->n_msgs; i++) {
		if (l->msgs[i].from_ap ? l->acks_for_ap : l->acks_for_sta)
			continue;
		l->msgs[i].acked = FW_ACK_UNKNOWN;
		l->msgs[i].ack_frame = 0;
	}
	for (size_t i = 0; i < l->n_pframes; i++) {
		if (l->pframes[i].from_ap ? l->acks_for_ap : l->acks_for_sta)
			continue;
		l->pframes[i].acked = FW_ACK_UNKNOWN;
		l->pframes[i].ack_frame = 0;
	}
}

/*
 * A message repeats the latest earlier one of its handshake, type and
 * sender.  Handshakes are causal (eapol.c), so an answer only ever repeats
 * an answer to the same ANonce; and a late answer repeats only an answer
 * to the same request (the same replay counter), never the answer to the
 * request that superseded it.
 */
void hs_retrans_mark(struct hs_link *l)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];

		m->retrans = FW_RT_NONE;
		m->retrans_of = 0;
		for (size_t j = i; j-- > 0;) {
			const struct fw_msg *o = &l->msgs[j];

			if (o->handshake != m->handshake || o->type != m->type || o->from_ap != m->from_ap)
				continue;
			if (m->late && o->replay_counter != m->replay_counter)
				continue;
			m->retrans = m->retry && m->has_seq && o->has_seq && m->seq == o->seq
					     ? FW_RT_MAC : FW_RT_EAPOL;
			m->retrans_of = o->frame;
			break;
		}
	}
}
