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
 *    dropped once a PTK is in place), and would have protected its own
 *    (one in its name in the clear while it holds a key is forged);
 *  - the station installs a handshake's PTK once it has sent msg 4/4
 *    (12.7.6.5); the AP installs it when it accepts a 4/4 it can read: one
 *    not left unacknowledged, after which the AP retransmits no msg 3/4 of
 *    that handshake, of a handshake begun after its last (re)association
 *    (a restarted AP has forgotten the older one);
 *  - a side that transmits a frame protected with a key holds that key,
 *    and a station that answers a protected request (the same replay
 *    counter) held the key that opened it, whatever the rules above
 *    concluded (a station may install its new PTK a little after its 4/4,
 *    and read a 3/4 retry under the old one meanwhile).
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
#include <string.h>

#include "handshake/internal.h"
#include "handshake/walkidx.h"

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
	unsigned at_file;
	int64_t at_ts;
};

/*
 * Where each handshake's key began (for "from before an association"): the
 * first message of the AP carrying the ANonce its PTK was derived from,
 * else the handshake's first message.
 */
struct hs_start {
	bool seen;
	unsigned file;
	uint64_t frame;
	int64_t ts_ns;
};

struct model {
	const struct hs_link *l;
	struct hs_start *start;	/* l->n_hs entries */
	struct side ap, sta;
	bool pmf;
	/* the AP's msg 3/4s by (replay counter, file, frame), for ap_accepts; NULL: walk */
	uint32_t *m3;
	size_t n_m3;
};

/* Whether handshake h began before the event s->at (so its PTK is from before it). */
static bool began_before(const struct model *m, int h, const struct side *s)
{
	const struct hs_start *st = &m->start[h];

	return h >= 0 && (size_t)h < m->l->n_hs && st->seen && s->at &&
	       hs_earlier(st->file, st->frame, st->ts_ns, s->at_file, s->at, s->at_ts);
}

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

static void install(struct side *s, int h, unsigned file, uint64_t frame, int64_t ts)
{
	if (s->held == h)
		return;
	s->held = h;
	s->why = FW_RXW_INSTALLED;
	s->at = frame;
	s->at_file = file;
	s->at_ts = ts;
}

static void drop(struct side *s, enum fw_rx_why why, const struct hs_kev *e)
{
	if (s->held >= 0)
		s->last = s->held;
	s->held = -1;
	s->why = why;
	s->at = e->frame;
	s->at_file = e->file;
	s->at_ts = e->ts_ns;
}

/*
 * Whether the receiver s held handshake h's PTK, and why not.  A receiver
 * that holds no key since a (re)association lost any PTK of a handshake
 * begun before it, whether or not it had installed it (an AP restarted by
 * a duplicated association request in the middle of the handshake).
 */
static enum fw_rx_key verdict(const struct model *m, const struct side *s, int h,
			      enum fw_rx_why *why, uint64_t *at)
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
	else if (s->held < 0 && s->why == FW_RXW_DROPPED_ASSOC && began_before(m, h, s))
		*why = FW_RXW_DROPPED_ASSOC;
	else
		*why = FW_RXW_NOT_YET;
	if (*why == FW_RXW_NOT_YET && s->held >= 0)
		*at = 0;
	return FW_RXK_NO;
}

/* Whether the AP sent msg 3/4 m since its last (re)association, before m4, with m4's counter. */
static bool asks_m4(const struct model *md, const struct fw_msg *m, const struct fw_msg *m4)
{
	return m->type == FW_MSG_M3 && m->from_ap && m->replay_counter == m4->replay_counter &&
	       hs_msg_before(m, m4) &&
	       hs_earlier(md->ap.at_file, md->ap.at, md->ap.at_ts, m->file, m->frame, m->ts_ns);
}

/* An AP's 3/4 while sorting them: what it is sorted by. */
struct m3_key {
	uint64_t rc, frame;
	unsigned file;
	uint32_t i;
};

static int m3_cmp(const void *pa, const void *pb)
{
	const struct m3_key *a = pa, *b = pb;

	if (a->rc != b->rc)
		return a->rc < b->rc ? -1 : 1;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->frame != b->frame)
		return a->frame < b->frame ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* md->m3: the AP's 3/4s sorted by (replay counter, file, frame); NULL when it cannot be had. */
static void index_m3(struct model *md)
{
	const struct hs_link *l = md->l;
	struct m3_key *k;
	size_t n = 0;

	md->m3 = NULL;
	md->n_m3 = 0;
	if (hs_walk_noindex || l->n_msgs > UINT32_MAX ||
	    !(k = malloc((l->n_msgs ? l->n_msgs : 1) * sizeof(*k))))
		return;
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].type == FW_MSG_M3 && l->msgs[i].from_ap)
			k[n++] = (struct m3_key){ l->msgs[i].replay_counter, l->msgs[i].frame,
						  l->msgs[i].file, (uint32_t)i };
	qsort(k, n, sizeof(*k), m3_cmp);
	md->m3 = malloc((n ? n : 1) * sizeof(*md->m3));
	if (md->m3) {
		for (size_t i = 0; i < n; i++)
			md->m3[i] = k[i].i;
		md->n_m3 = n;
	}
	free(k);
}

/*
 * asks_m4 over the AP's 3/4s with m4's counter (md->m3): in m4's file and
 * the association's, between the two frames (a binary search); in other
 * files, each is asked.
 */
static bool asked_since(const struct model *md, const struct fw_msg *m4)
{
	const struct hs_link *l = md->l;
	size_t lo = 0, hi = md->n_m3;

	while (lo < hi) {	/* the first with m4's counter */
		size_t mid = lo + (hi - lo) / 2;

		hs_walk_steps++;
		if (l->msgs[md->m3[mid]].replay_counter < m4->replay_counter)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < md->n_m3 && l->msgs[md->m3[lo]].replay_counter == m4->replay_counter) {
		unsigned file = l->msgs[md->m3[lo]].file;
		size_t end = lo;

		while (end < md->n_m3 && l->msgs[md->m3[end]].replay_counter == m4->replay_counter &&
		       l->msgs[md->m3[end]].file == file)
			end++;
		if (file == m4->file && file == md->ap.at_file) {
			size_t a = lo, b = end;

			while (a < b) {	/* the first after the association */
				size_t mid = a + (b - a) / 2;

				hs_walk_steps++;
				if (l->msgs[md->m3[mid]].frame <= md->ap.at)
					a = mid + 1;
				else
					b = mid;
			}
			if (a < end && asks_m4(md, &l->msgs[md->m3[a]], m4))
				return true;
		} else {
			for (size_t k = lo; k < end; k++) {
				hs_walk_steps++;
				if (asks_m4(md, &l->msgs[md->m3[k]], m4))
					return true;
			}
		}
		lo = end;
	}
	return false;
}

/*
 * The AP accepted this 4/4: not unacknowledged, readable, answering a 3/4
 * the AP sent since its last (re)association (a restarted AP has forgotten
 * the older ones), and no 3/4 of its handshake after it.
 */
static bool ap_accepts(const struct model *md, const struct fw_msg *m4)
{
	const struct hs_link *l = md->l;
	struct hs_hs_iter it;
	size_t i;

	if (m4->acked == FW_ACK_NO || (m4->protected_ && m4->rx_has_key != FW_RXK_YES))
		return false;
	if (md->ap.held < 0 && md->ap.why == FW_RXW_DROPPED_ASSOC) {
		bool asked = false;

		/* it answers a 3/4 the AP sent since: the same replay counter */
		if (md->m3)
			asked = asked_since(md, m4);
		for (i = 0; !md->m3 && i < l->n_msgs && !asked; i++) {
			hs_walk_steps++;
			asked = asks_m4(md, &l->msgs[i], m4);
		}
		if (!asked)
			return false;
	}
	for (hs_hs_iter_init(&it, l, m4->handshake); hs_hs_next(&it, &i);) {
		const struct fw_msg *m = &l->msgs[i];

		hs_walk_steps++;
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

static void on_pframe(struct model *m, struct fw_pframe *p)
{
	struct side *tx = p->from_ap ? &m->ap : &m->sta, *rx = p->from_ap ? &m->sta : &m->ap;

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
	install(tx, p->dec_hs, p->file, p->frame, p->ts_ns);
	p->rx_has_key = verdict(m, rx, p->dec_hs, &p->rx_why, &p->rx_key_frame);
}

static void on_kev(struct model *m, struct hs_kev *e)
{
	struct side *ap = &m->ap, *sta = &m->sta, *to = e->from_ap ? sta : ap;
	struct side *from = e->from_ap ? ap : sta;

	e->ap_key = ap->held;
	e->sta_key = sta->held;
	switch (e->kind) {
	case HS_KEV_ASSOC:
		drop(ap, FW_RXW_DROPPED_ASSOC, e);
		drop(sta, FW_RXW_DROPPED_ASSOC, e);
		break;
	case HS_KEV_DEAUTH:
		/*
		 * With PMF a side that holds a PTK discards the frame in the
		 * clear, and would have protected its own: one in the clear in
		 * its name while it holds a key is not its (forged).
		 */
		if (e->protected_ || !m->pmf || from->held < 0) {
			drop(from, FW_RXW_DROPPED_DEAUTH, e);
			if (e->protected_ || !m->pmf || to->held < 0)
				drop(to, FW_RXW_DROPPED_DEAUTH, e);
		}
		break;
	default:
		break;
	}
}

/* The station answered AP request m: a later message of its with the same replay counter. */
static bool answered(const struct hs_link *l, const struct fw_msg *m)
{
	if (!m->from_ap || (m->type != FW_MSG_M1 && m->type != FW_MSG_M3 && m->type != FW_MSG_G1))
		return false;
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *a = &l->msgs[i];

		if (!a->from_ap && a->replay_counter == m->replay_counter && hs_msg_before(m, a) &&
		    (a->type == FW_MSG_M2 || a->type == FW_MSG_M4 || a->type == FW_MSG_G2))
			return true;
	}
	return false;
}

static void on_msg(struct model *md, struct fw_msg *m, struct fw_pframe *last)
{
	if (m->protected_ && last && last->file == m->file && last->frame == m->frame) {
		if (!md->l->hs[m->handshake].group)
			m->dec_key = last->dec_key = relabel(m->dec_key, last->dec_hs, m->handshake);
		if (last->dec_hs >= 0 && last->rx_has_key != FW_RXK_YES && answered(md->l, m)) {
			install(&md->sta, last->dec_hs, m->file, m->frame, m->ts_ns);
			last->rx_has_key = FW_RXK_YES;
			last->rx_why = FW_RXW_ANSWERED;
			last->rx_key_frame = 0;
		}
		m->rx_has_key = last->rx_has_key;
		m->rx_why = last->rx_why;
		m->rx_key_frame = last->rx_key_frame;
	}
	if (m->type != FW_MSG_M4 || m->from_ap || md->l->hs[m->handshake].group)
		return;
	/* the station installs once it has sent 4/4; the AP once it accepted one */
	install(&md->sta, (int)m->handshake, m->file, m->frame, m->ts_ns);
	if (ap_accepts(md, m))
		install(&md->ap, (int)m->handshake, m->file, m->frame, m->ts_ns);
}

static void start_at(struct hs_start *st, const struct fw_msg *m)
{
	if (!st->seen || hs_earlier(m->file, m->frame, m->ts_ns, st->file, st->frame, st->ts_ns))
		*st = (struct hs_start){ true, m->file, m->frame, m->ts_ns };
}

/* An AP request (msg 1/4, 3/4) by its ANonce, sorted with link order kept among equals. */
struct by_nonce {
	uint8_t nonce[32];
	size_t i;
};

static int nonce_cmp(const void *a, const void *b)
{
	const struct by_nonce *x = a, *y = b;
	int d = memcmp(x->nonce, y->nonce, 32);

	return d ? d : (x->i > y->i) - (x->i < y->i);
}

static bool ap_request(const struct fw_msg *m)
{
	return m->from_ap && (m->type == FW_MSG_M1 || m->type == FW_MSG_M3);
}

static void key_starts(struct model *md)
{
	const struct hs_link *l = md->l;
	struct by_nonce *req;
	size_t n_req = 0;

	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].handshake < l->n_hs)
			start_at(&md->start[l->msgs[i].handshake], &l->msgs[i]);
	/*
	 * Each handshake asks for the AP's requests with its ANonce: sorted
	 * once, each asks a binary search, not a walk over the link.
	 */
	req = malloc((l->n_msgs ? l->n_msgs : 1) * sizeof(*req));
	if (req) {
		for (size_t i = 0; i < l->n_msgs; i++)
			if (ap_request(&l->msgs[i])) {
				memcpy(req[n_req].nonce, l->msgs[i].nonce, 32);
				req[n_req++].i = i;
			}
		qsort(req, n_req, sizeof(*req), nonce_cmp);
	}
	for (size_t h = 0; h < l->n_hs; h++) {
		const uint8_t *anonce = NULL;
		struct hs_start st = { false, 0, 0, 0 };
		struct hs_hs_iter it;
		size_t i;

		for (hs_hs_iter_init(&it, l, h); !anonce && hs_hs_next(&it, &i);)
			if (l->priv[i].verified_pair)
				anonce = l->priv[i].ptk_anonce;
		if (anonce && req) {
			size_t lo = 0, hi = n_req;

			while (lo < hi) {	/* the first with this ANonce */
				size_t mid = lo + (hi - lo) / 2;

				if (memcmp(req[mid].nonce, anonce, 32) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < n_req && memcmp(req[lo].nonce, anonce, 32) == 0; lo++)
				start_at(&st, &l->msgs[req[lo].i]);
		} else {
			for (i = 0; i < l->n_msgs && anonce; i++)
				if (ap_request(&l->msgs[i]) && memcmp(l->msgs[i].nonce, anonce, 32) == 0)
					start_at(&st, &l->msgs[i]);
		}
		if (st.seen)
			md->start[h] = st;
	}
	free(req);
}

void hs_key_model(struct fw_core *c, struct hs_link *l)
{
	struct model md = { l, NULL, { -1, -1, FW_RXW_NOT_YET, 0, 0, 0 },
			    { -1, -1, FW_RXW_NOT_YET, 0, 0, 0 }, hs_link_pmf(c, l), NULL, 0 };
	struct fw_pframe *last = NULL;
	size_t n = l->n_pframes + l->n_kev + l->n_msgs, k = 0;
	struct item *it;

	for (size_t i = 0; i < l->n_pframes && !md.pmf; i++)
		md.pmf = l->pframes[i].mgmt;
	for (size_t i = 0; i < l->n_kev && !md.pmf; i++)
		md.pmf = l->kev[i].protected_;
	l->pub.pmf = md.pmf;
	if (!n || !(md.start = calloc(l->n_hs ? l->n_hs : 1, sizeof(*md.start))))
		return;
	if (!(it = malloc(n * sizeof(*it)))) {
		free(md.start);
		return;
	}
	key_starts(&md);
	index_m3(&md);
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
			on_pframe(&md, &l->pframes[it[i].idx]);
			last = &l->pframes[it[i].idx];
			break;
		case IT_KEV:
			on_kev(&md, &l->kev[it[i].idx]);
			break;
		default:
			on_msg(&md, &l->msgs[it[i].idx], last);
			break;
		}
	}
	free(it);
	free(md.start);
	free(md.m3);
}
