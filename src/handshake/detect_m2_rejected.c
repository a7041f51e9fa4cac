/*
 * detect_m2_rejected.c - M2_REJECTED: a msg 2/4 that verifies with the key
 * given, answers the AP's latest msg 1/4 and reached the AP (not shown
 * unacknowledged), but the AP's next move is another msg 1/4 or a
 * deauthentication, never msg 3/4: the AP could not verify it (12.7.6.3:
 * a 2/4 whose MIC fails is silently discarded, and msg 1/4 is sent again
 * when the retransmission timer fires).  The key given is then the
 * station's; the AP holds another PMK, or its state no longer matched the
 * 2/4 (a new ANonce, an RSNE that differs from the association request's).
 *
 * A new ANonce sooner than the AP's first retransmission timer (100 ms in
 * hostapd) is a restart of its state machine (ANONCE_CHANGED), not a
 * verdict on the 2/4; a msg 1/4 or deauthentication seconds later (a
 * rekey, a reconnection, after a 3/4 the capture missed) is no answer to
 * it, nor is anything once the AP protected frames with this handshake's
 * PTK (it accepted the 4/4); an answer to a superseded msg 1/4 (a replay counter
 * that is not the latest) is dropped for its counter before any MIC check;
 * a 2/4 with bytes after its EAPOL length fails over the whole frame, which
 * MIC_BAD "trailing bytes" reports; a 2/4 inside a protected frame the AP
 * held no key for (the key model) was never read (STALE_PTK).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"

#define RESTART_NS 100000000LL	/* sooner than the first retransmission timer */
#define ANSWER_NS 3000000000LL	/* the AP's retransmission timer (1 s) with room to spare */
#define MAX_REJ 6

/* What the AP did after message i: the index+1 of its next message, or of a deauth event. */
struct ap_next {
	size_t msg;		/* index+1 of the AP's next EAPOL-Key message, 0 none */
	size_t ev;		/* index+1 of the AP's deauthentication/disassociation, 0 none */
};

static struct ap_next next_from_ap(const struct hs_link *l, size_t i)
{
	struct ap_next n = { 0, 0 };
	uint64_t at = l->priv[i].order, best = UINT64_MAX;

	for (size_t j = 0; j < l->n_msgs; j++) {
		const struct fw_msg *m = &l->msgs[j];

		if (!m->from_ap || l->priv[j].order <= at || l->priv[j].order >= best)
			continue;
		if (m->type != FW_MSG_M1 && m->type != FW_MSG_M3)
			continue;
		best = l->priv[j].order;
		n.msg = j + 1;
	}
	for (size_t e = 0; e < l->n_ev; e++) {
		if (!l->ev[e].from_ap || l->ev[e].order <= at || l->ev[e].order >= best)
			continue;
		best = l->ev[e].order;
		n.ev = e + 1;
		n.msg = 0;
	}
	return n;
}

/*
 * The AP's messages (1/4, 3/4) and its deauthentications in capture order,
 * so that each 2/4 asks a binary search for what came next, not a walk
 * over the link: (order, index), sorted.  NULL (out of memory): walk.
 */
struct by_order {
	uint64_t order;
	size_t i;
};

struct ap_seq {
	struct by_order *msg, *ev;
	size_t n_msg, n_ev;
};

static int order_cmp(const void *a, const void *b)
{
	const struct by_order *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static void ap_seq_build(const struct hs_link *l, struct ap_seq *s)
{
	s->n_msg = s->n_ev = 0;
	s->msg = malloc((l->n_msgs ? l->n_msgs : 1) * sizeof(*s->msg));
	s->ev = malloc((l->n_ev ? l->n_ev : 1) * sizeof(*s->ev));
	if (!s->msg || !s->ev) {
		free(s->msg);
		free(s->ev);
		s->msg = s->ev = NULL;
		return;
	}
	for (size_t j = 0; j < l->n_msgs; j++)
		if (l->msgs[j].from_ap &&
		    (l->msgs[j].type == FW_MSG_M1 || l->msgs[j].type == FW_MSG_M3))
			s->msg[s->n_msg++] = (struct by_order){ l->priv[j].order, j };
	for (size_t e = 0; e < l->n_ev; e++)
		if (l->ev[e].from_ap)
			s->ev[s->n_ev++] = (struct by_order){ l->ev[e].order, e };
	qsort(s->msg, s->n_msg, sizeof(*s->msg), order_cmp);
	qsort(s->ev, s->n_ev, sizeof(*s->ev), order_cmp);
}

/* The first of a[0 .. n) whose order is past at: n if none. */
static size_t first_after(const struct by_order *a, size_t n, uint64_t at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a[mid].order <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* next_from_ap through the sorted sequences: the same answer. */
static struct ap_next next_from_ap_seq(const struct ap_seq *s, uint64_t at)
{
	struct ap_next n = { 0, 0 };
	uint64_t best = UINT64_MAX;
	size_t k = first_after(s->msg, s->n_msg, at);

	if (k < s->n_msg) {
		best = s->msg[k].order;
		n.msg = s->msg[k].i + 1;
	}
	k = first_after(s->ev, s->n_ev, at);
	if (k < s->n_ev && s->ev[k].order < best) {
		n.ev = s->ev[k].i + 1;
		n.msg = 0;
	}
	return n;
}

/* The RSNE of a 2/4 differs from the association request's (both seen). */
static bool rsne_differs(const struct hs_link *l, size_t i)
{
	const struct hs_elem *a = hs_elem_or_none(l->priv[i].rsne);
	const struct hs_elem *b = hs_elem_or_none(l->assoc_rsne);

	return a->n >= 2 && b->n >= 2 && (a->n != b->n || memcmp(a->raw, b->raw, a->n) != 0);
}

/* The AP sent a frame protected with handshake h's PTK: it completed, whatever the capture missed. */
static bool ap_used_ptk(const struct hs_link *l, size_t h)
{
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].from_ap && l->pframes[i].dec_hs == (int)h)
			return true;
	return false;
}

static void detect_in(struct fw_core *c, struct hs_link *l, const bool *used,
		      const struct ap_seq *seq)
{
	for (size_t h = 0; h < l->n_hs; h++) {
		struct fw_finding *f = NULL;
		size_t n_rej = 0, last_rej = 0;
		uint64_t frames[MAX_REJ];
		bool new_anonce = false, rsne = false, deauth = false;
		uint16_t reason = 0;
		char list[128], end[64] = "";
		struct hs_hs_iter it;
		size_t i;

		if (l->hs[h].group || (used ? used[h] : ap_used_ptk(l, h)))
			continue;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
			const struct fw_msg *m = &l->msgs[i], *m1;
			struct ap_next nx;

			if (m->type != FW_MSG_M2 || m->mic != FW_MICV_OK ||
			    m->acked == FW_ACK_NO || !l->priv[i].prev_m1)
				continue;
			if (m->trailing)
				continue;	/* MIC_BAD "trailing bytes" says why (detect_trailing.c) */
			/* inside a frame the AP could not open (STALE_PTK, ...): never read, not rejected */
			if (m->protected_ && m->rx_has_key != FW_RXK_YES)
				continue;
			m1 = &l->msgs[l->priv[i].prev_m1 - 1];
			if (m1->replay_counter != m->replay_counter)
				continue;	/* an answer to a superseded 1/4 */
			nx = seq->msg ? next_from_ap_seq(seq, l->priv[i].order) : next_from_ap(l, i);
			if (nx.msg) {
				const struct fw_msg *n = &l->msgs[nx.msg - 1];

				if (n->type != FW_MSG_M1 || n->ts_ns - m->ts_ns > ANSWER_NS)
					continue;
				if (memcmp(n->nonce, m1->nonce, 32) != 0) {
					if (n->ts_ns - m1->ts_ns < RESTART_NS)
						continue;
					new_anonce = true;
				}
			} else if (!nx.ev || l->ev[nx.ev - 1].ts_ns - m->ts_ns > ANSWER_NS) {
				continue;	/* the capture ends before the AP's answer, or it is none */
			}
			if (!f && !(f = hs_finding_add(c, FW_F_M2_REJECTED, l)))
				return;
			hs_finding_frame_role(f, m, FW_ROLE_ANSWER);
			if (nx.msg)
				hs_finding_frame_role(f, &l->msgs[nx.msg - 1], FW_ROLE_RETRY);
			if (nx.ev) {
				const struct hs_event *e = &l->ev[nx.ev - 1];

				hs_finding_frame_at_role(f, e->file, e->frame, e->ts_ns, FW_ROLE_DEAUTH);
				deauth = true;
				reason = e->reason;
			}
			rsne |= rsne_differs(l, i);
			if (n_rej < MAX_REJ)
				frames[n_rej] = m->frame;
			n_rej++;
			last_rej = i + 1;
		}
		if (!f)
			continue;
		list[0] = '\0';
		if (deauth)
			snprintf(end, sizeof(end), ", then deauthenticated the station (reason %u)",
				 reason);
		hs_frame_list(list, sizeof(list), frames, n_rej < MAX_REJ ? n_rej : MAX_REJ);
		snprintf(f->detail, sizeof(f->detail),
			 "the AP rejected %zu msg 2/4 (frame%s %s%s) that verif%s with the key given "
			 "(key %u, fingerprint %s): it answered with msg 1/4 again%s, never with msg "
			 "3/4; likely: the AP holds another PMK than the station (the key given is the "
			 "station's: check the AP's passphrase or PMK)%s%s",
			 n_rej, n_rej == 1 ? "" : "s", list, n_rej > MAX_REJ ? ", ..." : "",
			 n_rej == 1 ? "ies" : "y", l->msgs[last_rej - 1].key_id,
			 l->msgs[last_rej - 1].key_fp,
			 end,
			 new_anonce ? "; the AP changed its ANonce before checking the answer" : "",
			 rsne ? "; the RSNE in msg 2/4 differs from the association request's" : "");
	}
}

void detect_m2_rejected(struct fw_core *c, struct hs_link *l)
{
	/* which handshakes' PTK the AP used, in one walk over the protected frames */
	bool *used = calloc(l->n_hs ? l->n_hs : 1, sizeof(*used));
	struct ap_seq seq;

	for (size_t p = 0; used && p < l->n_pframes; p++)
		if (l->pframes[p].from_ap && l->pframes[p].dec_hs >= 0 &&
		    (size_t)l->pframes[p].dec_hs < l->n_hs)
			used[l->pframes[p].dec_hs] = true;
	ap_seq_build(l, &seq);
	detect_in(c, l, used, &seq);
	free(seq.msg);
	free(seq.ev);
	free(used);
}
