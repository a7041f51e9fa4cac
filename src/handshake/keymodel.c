/*
 * keymodel.c - which pairwise key each side of a link held over time, as
 * the air shows it, and for every protected frame whether its receiver
 * held the key that opened it.
 *
 * The rules (IEEE 802.11-2020 12.7.6, 11.3.5, and what hostapd and
 * wpa_supplicant do):
 *  - a (re)association drops both sides' PTK: the AP deletes the station's
 *    keys when it accepts a new association, and the 4-way handshake that
 *    follows is in the clear;
 *  - a deauthentication or disassociation drops them too, except that a
 *    side holding a PTK with management frame protection in use discards
 *    an unprotected one (11.13: a robust management frame in the clear is
 *    dropped once a PTK is in place);
 *  - the station installs a handshake's PTK once it has sent msg 4/4
 *    (12.7.6.5); the AP installs it when it accepts a 4/4 it can read: one
 *    not left unacknowledged, after which the AP retransmits no msg 3/4 of
 *    that handshake;
 *  - a side that transmits a frame protected with a key holds that key,
 *    whatever the rules above concluded.
 * The key that opened a frame is named again here against the handshake
 * the frame belongs to (its message's, or the one open when it was seen):
 * "new" for that handshake's PTK, "previous" for an earlier one's, since at
 * the time of decryption the newest key of the link may still have been an
 * earlier handshake's (a 2/4 encrypted with the PTK of before a
 * re-association).
 * Frames are taken in capture order: protected frames first at a frame
 * number they share with an event (a protected deauthentication is read
 * with the keys held before it), then events, then the messages.
 */
#include <stdlib.h>

#include "handshake/internal.h"

enum item_kind { IT_PFRAME, IT_KEV, IT_MSG };

struct item {
	uint8_t kind;
	size_t idx;
	unsigned file;
	uint64_t frame;
	int64_t ts_ns;
};

/* What one side holds: a handshake's PTK (held >= 0) or none, and since when. */
struct side {
	int held;		/* handshake index, -1 none */
	int last;		/* the PTK it held before it dropped it, -1 none */
	enum fw_rx_why why;	/* INSTALLED, or how it came to hold none */
	uint64_t at;		/* frame of that install or drop, 0 none */
};

static int item_cmp(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->file == b->file ? a->frame != b->frame : a->ts_ns != b->ts_ns) {
		if (hs_earlier(a->file, a->frame, a->ts_ns, b->file, b->frame, b->ts_ns))
			return -1;
		return 1;
	}
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void install(struct side *s, int h, uint64_t frame)
{
	if (s->held == h)
		return;
	s->held = h;
	s->why = FW_RXW_INSTALLED;
	s->at = frame;
}

static void drop(struct side *s, enum fw_rx_why why, uint64_t frame)
{
	if (s->held >= 0)
		s->last = s->held;
	s->held = -1;
	s->why = why;
	s->at = frame;
}

/* Whether the receiver s held handshake h's PTK, and why not. */
static enum fw_rx_key verdict(const struct side *s, int h, enum fw_rx_why *why, uint64_t *at)
{
	*at = s->at;
	if (s->held == h) {
		*why = FW_RXW_INSTALLED;
		return FW_RXK_YES;
	}
	if (s->held > h || (s->held < 0 && s->last > h))
		*why = FW_RXW_REPLACED;
	else if (s->held < 0 && s->last == h)
		*why = s->why;
	else
		*why = FW_RXW_NOT_YET;
	if (*why == FW_RXW_NOT_YET && s->held >= 0)
		*at = 0;
	return FW_RXK_NO;
}

/* The AP accepted this 4/4: not unacknowledged, and no 3/4 of its handshake after it. */
static bool ap_accepts(const struct hs_link *l, const struct fw_msg *m4)
{
	if (m4->acked == FW_ACK_NO || (m4->protected_ && m4->rx_has_key != FW_RXK_YES))
		return false;
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->handshake == m4->handshake && m->type == FW_MSG_M3 && m->from_ap &&
		    hs_msg_before(m4, m))
			return false;
	}
	return true;
}

/* "new" when key_hs is the PTK of handshake own, "previous" when of an earlier one. */
static enum fw_dec_key relabel(enum fw_dec_key k, int key_hs, unsigned own)
{
	if ((k != FW_DEC_NEW && k != FW_DEC_PREV) || key_hs < 0)
		return k;
	if ((unsigned)key_hs == own)
		return FW_DEC_NEW;
	return (unsigned)key_hs < own ? FW_DEC_PREV : k;
}

static void on_pframe(struct fw_pframe *p, struct side *ap, struct side *sta)
{
	struct side *tx = p->from_ap ? ap : sta, *rx = p->from_ap ? sta : ap;

	p->rx_key_frame = 0;
	if (p->dec_key == FW_DEC_ZERO) {
		p->rx_has_key = FW_RXK_UNKNOWN;
		p->rx_why = FW_RXW_ZERO_TK;
		return;
	}
	if (p->dec_key == FW_DEC_NONE || p->dec_hs < 0) {
		p->rx_has_key = FW_RXK_UNKNOWN;
		p->rx_why = FW_RXW_KEY_UNKNOWN;
		return;
	}
	if (!p->is_eapol)
		p->dec_key = relabel(p->dec_key, p->dec_hs, p->after_hs);
	install(tx, p->dec_hs, p->frame);
	p->rx_has_key = verdict(rx, p->dec_hs, &p->rx_why, &p->rx_key_frame);
}

static void on_kev(struct hs_kev *e, bool pmf, struct side *ap, struct side *sta)
{
	struct side *to = e->from_ap ? sta : ap;

	e->ap_key = ap->held;
	e->sta_key = sta->held;
	switch (e->kind) {
	case HS_KEV_ASSOC:
		drop(ap, FW_RXW_DROPPED_ASSOC, e->frame);
		drop(sta, FW_RXW_DROPPED_ASSOC, e->frame);
		break;
	case HS_KEV_DEAUTH:
		drop(e->from_ap ? ap : sta, FW_RXW_DROPPED_DEAUTH, e->frame);
		/* with PMF a side that holds a PTK discards the frame in the clear */
		if (e->protected_ || !pmf || to->held < 0)
			drop(to, FW_RXW_DROPPED_DEAUTH, e->frame);
		break;
	default:
		break;
	}
}

static void on_msg(const struct hs_link *l, struct fw_msg *m, struct fw_pframe *last,
		   struct side *ap, struct side *sta)
{
	if (m->protected_ && last && last->file == m->file && last->frame == m->frame) {
		m->dec_key = last->dec_key = relabel(m->dec_key, last->dec_hs, m->handshake);
		m->rx_has_key = last->rx_has_key;
		m->rx_why = last->rx_why;
		m->rx_key_frame = last->rx_key_frame;
	}
	if (m->type != FW_MSG_M4 || m->from_ap || l->hs[m->handshake].group)
		return;
	/* the station installs once it has sent 4/4; the AP once it accepted one */
	install(sta, (int)m->handshake, m->frame);
	if (ap_accepts(l, m))
		install(ap, (int)m->handshake, m->frame);
}

void hs_key_model(struct fw_core *c, struct hs_link *l)
{
	struct side ap = { -1, -1, FW_RXW_NOT_YET, 0 }, sta = ap;
	struct fw_pframe *last = NULL;
	size_t n = l->n_pframes + l->n_kev + l->n_msgs, k = 0;
	struct item *it;
	bool pmf = hs_link_pmf(c, l);

	for (size_t i = 0; i < l->n_pframes && !pmf; i++)
		pmf = l->pframes[i].mgmt;
	for (size_t i = 0; i < l->n_kev && !pmf; i++)
		pmf = l->kev[i].protected_;
	l->pub.pmf = pmf;
	if (!n || !(it = malloc(n * sizeof(*it))))
		return;
	for (size_t i = 0; i < l->n_pframes; i++)
		it[k++] = (struct item){ IT_PFRAME, i, l->pframes[i].file, l->pframes[i].frame,
					 l->pframes[i].ts_ns };
	for (size_t i = 0; i < l->n_kev; i++)
		it[k++] = (struct item){ IT_KEV, i, l->kev[i].file, l->kev[i].frame, l->kev[i].ts_ns };
	for (size_t i = 0; i < l->n_msgs; i++)
		it[k++] = (struct item){ IT_MSG, i, l->msgs[i].file, l->msgs[i].frame,
					 l->msgs[i].ts_ns };
	qsort(it, n, sizeof(*it), item_cmp);
	for (size_t i = 0; i < n; i++) {
		switch (it[i].kind) {
		case IT_PFRAME:
			on_pframe(&l->pframes[it[i].idx], &ap, &sta);
			last = &l->pframes[it[i].idx];
			break;
		case IT_KEV:
			on_kev(&l->kev[it[i].idx], pmf, &ap, &sta);
			break;
		default:
			on_msg(l, &l->msgs[it[i].idx], last, &ap, &sta);
			break;
		}
	}
	free(it);
}
