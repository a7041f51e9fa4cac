/*
 * ack.h - what ACK correlation (ack.c) does for every frame, inline in the
 * core's feed: a frame joins its source's queue of frames an ACK may still
 * answer, an ACK settles the one it answers.  Half the frames of a busy
 * capture are ACKs and most of the others are acknowledged: the calls
 * alone would cost as much as the work.  The model is described in ack.c,
 * where what a frame rarely needs (a window passed, a MAC retry, a full
 * queue, an ACK no frame takes, Block Acks) stays, out of line.  A frame's
 * window itself is asked only of an ACK that comes later than any window
 * is sure to hold: most ACKs come microseconds after their frame.
 */
#ifndef FW_HANDSHAKE_ACK_H
#define FW_HANDSHAKE_ACK_H

#include <stddef.h>
#include <string.h>

#include "handshake/internal.h"
#include "util/mac.h"

#define HS_SIFS_US 16u
#define HS_ACK_AIRTIME_MAX_US 304u	/* an ACK at 1 Mb/s with the long preamble */
#define HS_ACK_SLACK_US 1000u	/* sniffer timestamping jitter */

/* ack.c: settle the waiting frames whose window (late ACKs included) has passed, as not ACKed */
void hs_ack_expire(struct fw_core *c, struct hs_pending *q, unsigned src, int64_t ts_ns);
/* ack.c: f is a MAC retry: the waiting frames it repeats were not ACKed */
void hs_ack_retried(struct hs_pending *q, unsigned src, const struct fw_frame *f);
/* ack.c: the queue is full (HS_ACK_QUEUE): one waiting frame is let go for f */
void hs_ack_make_room(struct fw_core *c, struct hs_pending *q, const struct fw_frame *f);

/*
 * ack.c: hs_ack_on_ack past its usual case: no frame or several waiting,
 * none takes it, one let go for room, or the ACK later than any window is
 * sure to hold it.  Few arguments: the usual case's caller jumps to it.
 */
void hs_ack_take(struct fw_core *c, uint64_t frame_no, int64_t ts_ns, const struct fw_frame *f,
		 struct hs_link *last);
/* ack.c: an ACK no waiting frame takes: one let go for room, or one the sniffer missed */
void hs_ack_unanswered(struct fw_core *c, struct hs_pending *q, unsigned src, uint64_t frame_no,
		       int64_t ts_ns, const struct fw_frame *f, struct hs_link *last);

/*
 * How much later still a capture may show an ACK: one that writes each ACK
 * when the transmitter learns the frame's status.  mac80211_hwsim's hwsim0
 * shows it once the medium has handled the frame, behind the medium's
 * backlog: 5 to 13.4 ms under 8,500 frames/s in
 * captures/messy/flood-m4-drop, always in the transmitter's order.
 */
#define HS_ACK_LATE_US 20000u

/*
 * Two addresses are equal: loads and compares, never a call (GCC leaves a
 * memcmp on a path it deems cold as a call to libc, half the ACKs' path).
 */
static inline bool hs_ack_mac_eq(const uint8_t a[6], const uint8_t b[6])
{
	uint32_t a0, b0;
	uint16_t a1, b1;

	memcpy(&a0, a, 4);
	memcpy(&b0, b, 4);
	memcpy(&a1, a + 4, 2);
	memcpy(&b1, b + 4, 2);
	return ((a0 ^ b0) | (uint32_t)(a1 ^ b1)) == 0;
}

/*
 * ack.c: hs_ack_settle past its usual case: a message or a protected frame
 * the link keeps, or an ACK of a side whose bit of src may not be set yet
 */
void hs_ack_settle_more(const struct hs_pending_frame *p, unsigned src, enum fw_acked v,
			uint64_t ack_frame);

_Static_assert(offsetof(struct hs_link, ack_hint_sta) == offsetof(struct hs_link, ack_hint_ap) + 1,
	       "hs_ack_settle reads both hints at once");

/*
 * The verdict of one source (q's) on one sighting of a frame; inlined: an
 * ACK's work.  Most frames are neither a message nor a protected frame
 * the link keeps, and most ACKs are of a link both sides of which src was
 * seen acknowledging (both hints name src): then there is nothing to
 * write but the link's touch, and no call.
 */
static inline __attribute__((always_inline)) void hs_ack_settle(struct hs_pending_frame *p,
								 unsigned src, enum fw_acked v,
								 uint64_t ack_frame)
{
	struct hs_link *l = p->l;
	uint16_t hints;

	if (!l)
		return;
	l->touched = true;	/* hs_touch */
	memcpy(&hints, &l->ack_hint_ap, 2);
	if ((v == FW_ACK_YES && hints != (uint16_t)((src + 1) * 0x0101u)) || (p->msg | p->pframe))
		hs_ack_settle_more(p, src, v, ack_frame);
}

static inline void hs_ack_drop(struct hs_pending *q, size_t i)
{
	/* the last one (most often the only one) moves nothing: no call */
	if (i + 1 < q->n)
		memmove(&q->q[i], &q->q[i + 1], (q->n - i - 1) * sizeof(q->q[0]));
	q->n--;
}

_Static_assert(offsetof(struct fw_frame, ra) == offsetof(struct fw_frame, ta) + 6 &&
		       offsetof(struct hs_pending_frame, ra) ==
			       offsetof(struct hs_pending_frame, ta) + 6,
	       "hs_ack_sent copies a frame's transmitter and receiver addresses at once");

/* ack.c: make rate_kbps (> 0) the rate of hs_ack_airtime's multiplier */
void hs_air_rate(struct fw_core *c, uint32_t rate_kbps);

/*
 * floor(n / c->air_rate) for n < 2^32: with m = ceil(2^64 / d), the high
 * word of n * m is floor(n / d) for every n and d below 2^32 (D. Lemire,
 * O. Kaser, N. Kurz, "Faster remainder by direct computation", 2019,
 * theorem 1 with F = 64, N = 32): a multiply where a divide costs tens of
 * cycles.
 */
static inline uint64_t hs_air_div(const struct fw_core *c, uint32_t n)
{
#ifdef __SIZEOF_INT128__
	if (c->air_mul)
		return (uint64_t)(((unsigned __int128)n * c->air_mul) >> 64);
#endif
	return n / c->air_rate;
}

/*
 * How long after a frame of len bytes (its header and body, not its FCS)
 * at rate_kbps (0: not known) an ACK may come: its airtime at its rate,
 * SIFS, the ACK, slack; with no rate, the configured window.
 */
static inline uint32_t hs_ack_airtime(struct fw_core *c, uint32_t rate_kbps, uint64_t len)
{
	uint64_t bits, air;

	if (rate_kbps == 0)
		return c->opts.ack_window_us ? c->opts.ack_window_us : FW_CORE_ACK_WINDOW_US;
	if (rate_kbps != c->air_rate)
		hs_air_rate(c, rate_kbps);
	bits = (len + 4) * 8;
	air = bits <= UINT32_MAX / 1000 ? hs_air_div(c, (uint32_t)(bits * 1000))
					: bits * 1000 / rate_kbps;
	return (uint32_t)(air + c->air_add);
}

/* The rate a frame's window is computed at, 0 none. */
static inline uint32_t hs_ack_rate(const struct fw_frame *f)
{
	return f->radio.has_rate ? f->radio.rate_kbps : 0;
}

/* How long after frame f an ACK may come (hs_ack_airtime). */
static inline uint32_t hs_ack_window(struct fw_core *c, const struct fw_frame *f)
{
	return hs_ack_airtime(c, hs_ack_rate(f), (uint64_t)f->dot11.hdr_len + f->dot11.body_len);
}

/* How long after a waiting frame an ACK may come: computed when asked, most ACKs never ask. */
static inline uint32_t hs_ack_window_of(struct fw_core *c, const struct hs_pending_frame *p)
{
	return hs_ack_airtime(c, p->rate_kbps, p->len);
}

/* The end of p's window, late ACKs included. */
static inline int64_t hs_ack_late_end(struct fw_core *c, const struct hs_pending_frame *p)
{
	return p->ts_ns + ((int64_t)hs_ack_window_of(c, p) + HS_ACK_LATE_US) * 1000;
}

/*
 * An ACK at ts_ns is within p's window, late ACKs included, whatever the
 * window: no window is shorter than 0 (hs_ack_late_end).
 */
static inline bool hs_ack_surely_in(const struct hs_pending_frame *p, int64_t ts_ns)
{
	return ts_ns <= p->ts_ns + (int64_t)HS_ACK_LATE_US * 1000;
}

static inline bool hs_ack_in_window(struct fw_core *c, const struct hs_pending_frame *p,
				    int64_t ts_ns)
{
	return hs_ack_surely_in(p, ts_ns) || ts_ns <= hs_ack_late_end(c, p);
}

/*
 * hs_ack_on_frame() for a frame f with an 802.11 header that is neither an
 * ACK nor a Block Ack, of the current source: l, msg, pframe and sight as
 * there; own: l is the link of f's own transmitter and receiver (the
 * AP's and its station's, found by hs_on_protected), which then cannot
 * show the AP shared.
 */
static inline __attribute__((always_inline)) void
hs_ack_sent(struct fw_core *c, int64_t ts_ns, const struct fw_frame *f, struct hs_link *l,
	    bool own, size_t msg, size_t pframe, int sight)
{
	struct hs_pending *q = c->cur_q;
	const unsigned src = c->cur_src;
	struct hs_pending_frame *p;
	uint32_t rate;
	uint64_t len;
	uint16_t seq;
	bool has_seq;

	/*
	 * The waiting frames whose window has passed were not acknowledged.
	 * On one channel an ACK follows its frame at once, but a capture may
	 * show a frame of the other side first (mac80211_hwsim delivers ACKs
	 * late): within the window a frame keeps waiting.
	 */
	if (q->n)
		hs_ack_expire(c, q, src, ts_ns);
	if (f->dot11.retry && f->dot11.has_seq && f->has_ta)
		hs_ack_retried(q, src, f);
	/*
	 * control frames take no ACK but the PS-Poll (10.2.3.2); Action No Ack
	 * none.  A frame of its own link (own) was found by its transmitter
	 * and unicast receiver, and is protected: data or management.
	 */
	if (!own && ((f->dot11.type == FW_T_CTRL && f->dot11.subtype != FW_ST_PS_POLL) ||
		     !f->has_ta || fw_mac_is_group(f->ra)))
		return;
	if (f->dot11.type == FW_T_MGMT && f->dot11.subtype == FW_ST_ACTION_NOACK)
		return;
	if (l && !own && !l->ap_shared && hs_ack_mac_eq(f->ta, l->bssid) &&
	    !hs_ack_mac_eq(f->ra, l->sta)) {
		l->ap_shared = true;
		hs_touch(l);
	}
	/* QoS Ack Policy No Ack (10.3.2.9): no ACK will come */
	if (f->dot11.qos && ((f->dot11.qos_ctl >> 5) & 3) == 1)
		return;
	/*
	 * What f gives, read before the queue is written (as far as C knows,
	 * they may alias): what its window needs, not the window, which most
	 * frames' ACKs never ask for (hs_ack_surely_in).
	 */
	rate = hs_ack_rate(f);
	len = (uint64_t)f->dot11.hdr_len + f->dot11.body_len;
	has_seq = f->dot11.has_seq;
	seq = f->dot11.seq;
	if (q->n == HS_ACK_QUEUE)
		hs_ack_make_room(c, q, f);
	p = &q->q[q->n++];
	p->ts_ns = ts_ns;
	p->rate_kbps = rate;
	p->len = len;
	p->l = l;
	p->msg = msg;
	p->pframe = pframe;
	p->sight = sight;
	p->has_seq = has_seq;
	p->seq = seq;
	/* both addresses at once: two loads and two stores, not four of each */
	memcpy((uint8_t *)p + offsetof(struct hs_pending_frame, ta),
	       (const uint8_t *)f + offsetof(struct fw_frame, ta), 12);
}

/*
 * The usual ACK, to receiver ra: one frame waiting, of that transmitter,
 * none let go for room, the ACK at most the late ACKs' delay after it.
 * hs_ack_take would settle that frame, and hs_ack_take_usual() does it in
 * the fewest steps.  An ACK decoded only so far as its receiver
 * (fw_core_feed_ack) asks too.
 */
static inline bool hs_ack_usual(const struct fw_core *c, int64_t ts_ns, const uint8_t ra[6])
{
	const struct hs_pending *q = c->cur_q;

	return q->n == 1 && !q->evicted && hs_ack_mac_eq(ra, q->q[0].ta) &&
	       hs_ack_surely_in(&q->q[0], ts_ns);
}

static inline void hs_ack_take_usual(struct fw_core *c, uint64_t frame_no)
{
	struct hs_pending *q = c->cur_q;

	q->n = 0;	/* the frame's fields stay until the next frame's */
	hs_ack_settle(&q->q[0], c->cur_src, FW_ACK_YES, frame_no);
}

/*
 * An ACK: the waiting frame of its receiver that it follows within that
 * frame's window (the oldest of them: two frames of one transmitter may
 * show before their ACKs); failing that, the oldest one whose ACK may come
 * late.  An ACK right after a frame is that frame's, so a lost frame of the
 * same transmitter some ms before it is not taken for it; a capture that
 * shows ACKs late shows them in the transmitter's order.  Only that one is
 * settled: on a busy channel the frames of other transmitters wait in the
 * same queue, and their ACKs may come after this one; they settle by their
 * own ACK or when their window passes.
 */
static inline void hs_ack_on_ack(struct fw_core *c, uint64_t frame_no, int64_t ts_ns,
				 const struct fw_frame *f, struct hs_link *last)
{
	if (hs_ack_usual(c, ts_ns, f->ra)) {
		hs_ack_take_usual(c, frame_no);
		return;
	}
	hs_ack_take(c, frame_no, ts_ns, f, last);
}

#endif
