/*
 * eapol.c - an EAPOL-Key frame becomes a message of its link and joins a
 * handshake.
 *
 * The link is (authenticator, supplicant): Ack-bearing messages (M1, M3,
 * G1) travel from the authenticator, the others towards it.  SA/DA are used,
 * not TA/RA, because under MLO the keys bind the MLD addresses.
 *
 * Grouping is causal, not by capture order (join_pairwise): a handshake is
 * an ANonce of the authenticator, and an answer joins the handshake of the
 * request it answers.  Deauthentication and (re)association close the open
 * handshake (mgmt.c).  Group messages form their own handshakes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/akm.h"
#include "decode/eapol.h"
#include "handshake/feedidx.h"
#include "handshake/internal.h"
#include "handshake/walkidx.h"
#include "util/cursor.h"
#include "util/mac.h"

static bool hs_has(const struct hs_link *l, int h, enum fw_msg_type t)
{
	if (l->hsx)
		return l->hsx[h].n_type[t] != 0;
	for (size_t i = 0; i < l->n_msgs; i++)
		if ((int)l->msgs[i].handshake == h && l->msgs[i].type == t)
			return true;
	return false;
}

static bool is_request(enum fw_msg_type t, bool group)
{
	return group ? t == FW_MSG_G1 : t == FW_MSG_M1 || t == FW_MSG_M3;
}

/*
 * Whether handshake h holds a message of the AP (M1, M3) with this ANonce;
 * *any says whether it holds an ANonce at all (a handshake the capture
 * joined at an answer has none until the AP speaks).
 */
static bool hs_anonce(const struct hs_link *l, int h, const uint8_t *nonce, bool *any)
{
	*any = false;
	if (l->hsx && !l->hsx[h].nonces_differ) {
		uint32_t f = l->hsx[h].first_req;

		*any = f != 0;
		return f && memcmp(l->msgs[f - 1].nonce, nonce, 32) == 0;
	}
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *o = &l->msgs[i];

		if ((int)o->handshake != h || !is_request(o->type, false) || o->nonce_zero)
			continue;
		*any = true;
		if (memcmp(o->nonce, nonce, 32) == 0)
			return true;
	}
	return false;
}

/*
 * An answer whose request was not captured joins the open handshake only
 * while that one could still be going on: hostapd's whole retry budget
 * for a message is under 5 s.  A later one belongs to a handshake whose
 * requests the capture missed.
 */
#define HS_ORPHAN_GAP_NS (5LL * 1000000000LL)

static bool recent(const struct hs_link *l, int h, const struct fw_msg *m)
{
	for (size_t i = l->n_msgs; i-- > 0;) {
		const struct fw_msg *o = &l->msgs[i];

		if ((int)o->handshake == h)
			return m->ts_ns - o->ts_ns < HS_ORPHAN_GAP_NS;
	}
	return false;
}

/* Whether no msg 2/4 of handshake h echoes a replay counter above rc. */
static bool answers_upto(const struct hs_link *l, int h, uint64_t rc)
{
	if (l->hsx && l->hsx[h].n_type[FW_MSG_M2] == 0)
		return true;
	for (size_t i = 0; i < l->n_msgs; i++)
		if ((int)l->msgs[i].handshake == h && l->msgs[i].type == FW_MSG_M2 &&
		    l->msgs[i].replay_counter > rc)
			return false;
	return true;
}

/*
 * A request captured after answers of its handshake that echo its replay
 * counter (the capture reordered them): those answers are its.
 */
static void bind_earlier_answers(struct hs_link *l, int h, size_t r, enum fw_msg_type answer)
{
	if (l->hsx && l->hsx[h].n_type[answer] == 0)
		return;
	for (size_t i = 0; i < r; i++) {
		struct fw_msg *m = &l->msgs[i];

		if ((int)m->handshake != h || m->type != answer || l->priv[i].req ||
		    m->replay_counter != l->msgs[r].replay_counter)
			continue;
		l->priv[i].req = r + 1;
		m->answers = l->msgs[r].frame;
		m->answers_file = l->msgs[r].file;
	}
}

/*
 * The request an answer echoes the replay counter of (12.7.6.3, .5, 12.7.7):
 * the latest one captured before it (a counter restarts with an
 * association).  Index+1, 0 when the capture does not hold it.
 */
static size_t request_of(struct hs_link *l, size_t answer, enum fw_msg_type t, uint64_t rc)
{
	struct hs_feedx *x = answer + 1 == l->n_msgs ? hs_feedx_sync(l, answer) : NULL;

	if (x)
		return hs_feedx_request(x, t, rc);
	for (size_t i = answer; i-- > 0;) {
		hs_walk_steps++;
		if (l->msgs[i].type == t && l->msgs[i].from_ap && l->msgs[i].replay_counter == rc)
			return i + 1;
	}
	return 0;
}

/*
 * The first request the AP sent after request r and before the answer
 * that moved it on: a higher replay counter or, for the 4-way handshake, a
 * new ANonce (index+1, 0 none).  An authenticator discards an answer whose
 * counter is no longer the one it waits for before it checks any MIC
 * (12.7.6); hostapd also takes the counter of an earlier transmission of
 * the request it still waits on (detect_late.c says which case it was).
 */
static size_t superseded_walk(const struct hs_link *l, size_t r, size_t answer)
{
	const struct fw_msg *req = &l->msgs[r];
	bool group = req->type == FW_MSG_G1;

	for (size_t j = r + 1; j < answer; j++) {
		const struct fw_msg *o = &l->msgs[j];

		hs_walk_steps++;
		if (!o->from_ap || !is_request(o->type, group))
			continue;
		if (o->replay_counter > req->replay_counter ||
		    (!group && !o->nonce_zero && !req->nonce_zero && memcmp(o->nonce, req->nonce, 32) != 0))
			return j + 1;
	}
	return 0;
}

/* The feed's answer (answer the latest message): by the link's index, else the walk. */
static size_t superseded_by(struct hs_link *l, size_t r, size_t answer)
{
	struct hs_feedx *x = answer + 1 == l->n_msgs ? hs_feedx_sync(l, answer) : NULL;
	bool found = false;
	size_t s = x ? hs_feedx_superseded(l, x, r, answer, &found) : 0;

	return found ? s : superseded_walk(l, r, answer);
}

/*
 * Message i joins handshake h (or moves to it): the handshake index
 * follows.  A request is always placed once (the feed), an answer may move.
 */
static void hs_index_move(struct hs_link *l, size_t i, unsigned h)
{
	struct fw_msg *m = &l->msgs[i];
	unsigned t = m->type <= FW_MSG_REQ ? m->type : FW_MSG_UNKNOWN;

	if (l->hsx && m->handshake < l->n_hs && l->hsx[m->handshake].n_type[t])
		l->hsx[m->handshake].n_type[t]--;
	m->handshake = h;
	if (!l->hsx || h >= l->n_hs)
		return;
	l->hsx[h].n_type[t]++;
	if (is_request(m->type, false) && m->ts_ns > l->hsx[h].last_req_ts)
		l->hsx[h].last_req_ts = m->ts_ns;
	if (is_request(m->type, false) && !m->nonce_zero) {
		struct hs_hs_index *x = &l->hsx[h];

		if (!x->first_req)
			x->first_req = (uint32_t)i + 1;
		else if (memcmp(l->msgs[x->first_req - 1].nonce, m->nonce, 32) != 0)
			x->nonces_differ = true;
	}
}

/* Answer i answers request r (indices): bind it, and say whether it came late. */
void hs_bind_answer(struct hs_link *l, size_t i, size_t r)
{
	struct fw_msg *m = &l->msgs[i];
	struct hs_msg_priv *p = &l->priv[i];

	p->req = r + 1;
	m->answers = l->msgs[r].frame;
	m->answers_file = l->msgs[r].file;
	p->late_by = r < i ? superseded_walk(l, r, i) : 0;
	m->late = p->late_by != 0;
	hs_index_move(l, i, l->msgs[r].handshake);
}

/* Bind answer i to its request; returns the request's index+1 (0: not captured). */
static size_t bind_answer(struct hs_link *l, size_t i, enum fw_msg_type req_type)
{
	struct fw_msg *m = &l->msgs[i];
	struct hs_msg_priv *p = &l->priv[i];
	size_t r = request_of(l, i, req_type, m->replay_counter);

	p->req = r;
	p->late_by = 0;
	if (!r)
		return 0;
	m->answers = l->msgs[r - 1].frame;
	m->answers_file = l->msgs[r - 1].file;
	p->late_by = superseded_by(l, r - 1, i);
	m->late = p->late_by != 0;
	return r;
}

/* Why a new pairwise handshake began, as far as the air shows it. */
static void say_opened_by(struct hs_link *l, int h, int prev, const struct fw_msg *m)
{
	struct fw_handshake *hs = &l->hs[h];
	size_t n_m1 = 0;
	bool m4 = false;
	int64_t last_req = 0, gap_ms;

	if (l->assoc_new) {
		snprintf(hs->opened_by, sizeof(hs->opened_by), "%s %s, frame %llu",
			 l->assoc_reassoc ? "reassociation" : "association",
			 l->assoc_by_resp ? "response (its request not captured)" : "request",
			 (unsigned long long)l->assoc_frame);
		return;
	}
	if (prev < 0)
		return;
	if (l->hs[prev].ended) {
		snprintf(hs->opened_by, sizeof(hs->opened_by), "after the %s's %s (reason %u), frame %llu",
			 l->hs[prev].end_from_ap ? "AP" : "station",
			 l->hs[prev].end_disassoc ? "disassociation" : "deauthentication",
			 l->hs[prev].end_reason, (unsigned long long)l->hs[prev].end_frame);
		return;
	}
	if (!is_request(m->type, false)) {
		snprintf(hs->opened_by, sizeof(hs->opened_by),
			 "an answer whose request was not captured");
		return;
	}
	if (l->hsx) {	/* what the walk below finds, kept as messages joined */
		n_m1 = l->hsx[prev].n_type[FW_MSG_M1];
		m4 = l->hsx[prev].n_type[FW_MSG_M4] != 0;
		last_req = l->hsx[prev].last_req_ts > 0 ? l->hsx[prev].last_req_ts : 0;
	}
	for (size_t i = 0; !l->hsx && i < l->n_msgs; i++) {
		const struct fw_msg *o = &l->msgs[i];

		if ((int)o->handshake != prev)
			continue;
		n_m1 += o->type == FW_MSG_M1;
		m4 |= o->type == FW_MSG_M4;
		if (is_request(o->type, false) && o->ts_ns > last_req)
			last_req = o->ts_ns;
	}
	if (m4) {
		snprintf(hs->opened_by, sizeof(hs->opened_by), "a new ANonce after handshake %d (rekey)",
			 prev + 1);
		return;
	}
	/* the AP's retransmission timer, or a new start event: the interval tells them apart */
	gap_ms = last_req && m->ts_ns > last_req ? (m->ts_ns - last_req) / 1000000 : 0;
	snprintf(hs->opened_by, sizeof(hs->opened_by),
		 "a new ANonce %lld ms after the last request of handshake %d (%zu msg 1/4), "
		 "no (re)association or deauth between", (long long)(gap_ms % 100000000),
		 prev % 10000 + 1, n_m1 % 1000);
}

static int open_pairwise(struct hs_link *l, const struct fw_msg *m)
{
	int prev = -1, h;

	for (size_t i = l->n_hs; i-- > 0 && prev < 0;)
		if (!l->hs[i].group)
			prev = (int)i;
	h = hs_link_new_hs(l, false);
	if (h < 0)
		return h;
	say_opened_by(l, h, prev, m);
	l->assoc_new = false;
	l->cur_hs = h;
	return h;
}

/*
 * A pairwise handshake is one ANonce of the authenticator (DESIGN.md,
 * "A handshake is causal"): its msg 1/4 retransmissions (same ANonce,
 * higher replay counter) and its 3/4s stay in it whatever frames come
 * between; a new ANonce, or any after a (re)association or a
 * deauthentication, opens the next.  An answer joins the handshake of the
 * request whose replay counter it echoes, however late it comes; one whose
 * request was not captured joins the open handshake (or opens one).
 */
static int join_pairwise(struct hs_link *l, size_t i)
{
	const struct fw_msg *m = &l->msgs[i];
	int h = l->cur_hs;
	bool same = false, any = false;
	size_t r;

	if (h >= 0 && !l->hs[h].group && !m->nonce_zero)
		same = hs_anonce(l, h, m->nonce, &any);
	switch (m->type) {
	case FW_MSG_M1:
		/* a retransmitted M1 keeps its ANonce (12.7.6.2) until the AP moves on to 3/4 */
		if (h >= 0 && !hs_has(l, h, FW_MSG_M3) && !hs_has(l, h, FW_MSG_M4) &&
		    (same || (!any && answers_upto(l, h, m->replay_counter)))) {
			bind_earlier_answers(l, h, i, FW_MSG_M2);
			return h;
		}
		break;
	case FW_MSG_M3:
		if (h >= 0 && (same || !any)) {
			bind_earlier_answers(l, h, i, FW_MSG_M4);
			return h;
		}
		/* the AP answers this handshake's 2/4 with another ANonce: ANONCE_CHANGED, same one */
		if (h >= 0 && hs_has(l, h, FW_MSG_M2) && !hs_has(l, h, FW_MSG_M3))
			return h;
		/* a 3/4 of an earlier ANonce still open (captured late): that handshake's */
		for (int k = h; k-- > 0;)
			if (!l->hs[k].group && !l->hs[k].ended && hs_anonce(l, k, m->nonce, &any))
				return k;
		break;
	case FW_MSG_M2:
	case FW_MSG_M4:
		r = bind_answer(l, i, m->type == FW_MSG_M2 ? FW_MSG_M1 : FW_MSG_M3);
		if (r)
			return (int)l->msgs[r - 1].handshake;
		if (h >= 0 && recent(l, h, m) &&
		    (m->type == FW_MSG_M4 || (!hs_has(l, h, FW_MSG_M3) && !hs_has(l, h, FW_MSG_M4))))
			return h;
		break;
	default:
		if (h >= 0)
			return h;
		break;
	}
	return open_pairwise(l, m);
}

static int join_group(struct hs_link *l, size_t i)
{
	const struct fw_msg *m = &l->msgs[i];
	int h = l->cur_ghs;
	size_t r;

	if (m->type == FW_MSG_G2) {
		r = bind_answer(l, i, FW_MSG_G1);
		if (r && l->hs[l->msgs[r - 1].handshake].group)
			return (int)l->msgs[r - 1].handshake;
		if (h >= 0)
			return h;
	}
	if (m->type == FW_MSG_G1 && h >= 0 && !hs_has(l, h, FW_MSG_G2))
		return h;
	h = hs_link_new_hs(l, true);
	l->cur_ghs = h;
	return h;
}

/* MIC length to split the tail when the AKM is not yet known: by the link's RSNE. */
static size_t guess_mic_len(const struct fw_core *c, const struct hs_link *l, uint8_t ver)
{
	struct fw_akm_params p;
	uint8_t akm = 0;
	uint32_t pw, gr;

	if (ver != 0)
		return 16;
	if (hs_link_akm(c, l, &akm, &pw, &gr) == 0 &&
	    fw_akm_params(&p, ver, akm, l->dh_group) == 0)
		return p.mic_len;
	return 16;
}

/*
 * A Key Data Length that runs past the frame whatever the MIC length: 16
 * for key descriptor versions 1..3, else (AKM-defined, 12.7.3) 0 for the
 * AEAD AKMs, 16, 24 or 32.  The frame is malformed, not a message.
 */
static bool key_data_overflows(const struct fw_eapol_key *k, uint16_t *kd_len)
{
	static const size_t mic_lens[] = { 16, 0, 24, 32 };
	size_t n = k->version != 0 ? 1 : sizeof(mic_lens) / sizeof(mic_lens[0]);
	struct fw_eapol_key_tail t;

	*kd_len = 0;
	for (size_t i = 0; i < n; i++) {
		if (fw_eapol_key_split(k, mic_lens[i], &t) == 0)
			return false;
		if (mic_lens[i] == 16)
			*kd_len = t.key_data_len;
	}
	return true;
}

struct fw_msg *hs_on_eapol_key(struct fw_core *c, unsigned input, uint64_t frame_no,
			       int64_t ts_ns, const struct fw_frame *f, struct hs_link **link)
{
	const struct fw_eapol_key *k = &f->key;
	bool from_ap = (k->key_info & FW_KI_ACK) != 0;
	const uint8_t *aa = from_ap ? f->sa : f->da;
	const uint8_t *spa = from_ap ? f->da : f->sa;
	struct hs_link *l;
	struct hs_msg_priv *p;
	struct fw_msg *m;
	enum fw_msg_type type;
	struct fw_eapol_key_tail t;
	struct hs_feedx *x;
	uint16_t kd_len;
	size_t cost;
	int h;

	if (key_data_overflows(k, &kd_len)) {
		c->inputs[input].malformed++;
		hs_note(c, "%s: frame %llu: eapol-key key data length %u runs past the frame "
			"(%zu bytes follow it): frame counted as malformed", c->inputs[input].path,
			(unsigned long long)frame_no, kd_len, k->tail_len > 18 ? k->tail_len - 18 : 0);
		return NULL;
	}
	l = fw_mac_is_zero(aa) != fw_mac_is_zero(spa) ? hs_link_get_half(c, aa, spa)
						       : hs_link_get(c, aa, spa);
	if (!l)
		return NULL;
	type = hs_classify(k, l, guess_mic_len(c, l, k->version));
	if (l->n_msgs == 0)
		l->pub.file = input;
	m = hs_link_add_msg(l, &p);
	if (!m)
		return NULL;	/* out of memory */
	kd_len = fw_eapol_key_split(k, guess_mic_len(c, l, k->version), &t) == 0 ? t.key_data_len : 0;
	cost = f->eapol.frame_len + hs_msg_parts_cost(type, k->key_info & FW_KI_MIC, kd_len);
	if (!hs_msg_budget_take(c, l, cost)) {
		l->n_msgs--;
		return NULL;
	}
	p->eapol = malloc(f->eapol.frame_len);
	if (!p->eapol) {
		hs_msg_budget_give(c, l, cost);
		l->n_msgs--;
		return NULL;
	}
	memcpy(p->eapol, f->eapol.start, f->eapol.frame_len);
	p->eapol_len = f->eapol.frame_len;
	p->order = c->order;

	m->type = type;
	m->file = input;
	m->frame = frame_no;
	m->ts_ns = ts_ns;
	m->replay_counter = k->replay_counter;
	m->retry = f->has_dot11 && f->dot11.retry;
	m->protected_ = false;
	m->from_ap = from_ap;
	m->has_seq = f->has_dot11 && f->dot11.has_seq;
	m->seq = f->has_dot11 ? f->dot11.seq : 0;
	m->key_info = k->key_info;
	m->desc_type = k->desc_type;
	m->version = k->version;
	memcpy(m->nonce, k->nonce, 32);
	m->nonce_zero = fw_is_zero(k->nonce, 32);
	m->trailing = f->eapol.trailing;
	m->acked = FW_ACK_UNKNOWN;
	m->key_data_len = kd_len;

	if ((x = hs_feedx_sync(l, l->n_msgs - 1)) != NULL)
		p->prev_m1 = hs_feedx_last_m1(x);
	for (size_t i = l->n_msgs - 1; !x && i-- > 0;) {
		hs_walk_steps++;
		if (l->msgs[i].type == FW_MSG_M1) {
			p->prev_m1 = i + 1;
			break;
		}
	}
	m->handshake = (unsigned)-1;	/* in no handshake while it looks for one */
	if (type == FW_MSG_G1 || type == FW_MSG_G2)
		h = join_group(l, l->n_msgs - 1);
	else
		h = join_pairwise(l, l->n_msgs - 1);
	if (h < 0) {
		hs_msg_budget_give(c, l, cost);
		free(p->eapol);
		free(p->rsne);
		hs_msg_parts_free(m);
		l->n_msgs--;
		return NULL;
	}
	hs_index_move(l, l->n_msgs - 1, (unsigned)h);
	if (type == FW_MSG_M3)
		l->watch_left = HS_PFRAMES_PER_M3;
	if (k->key_info & FW_KI_MIC)
		l->tk_dirty = true;
	*link = l;
	return m;
}

#define HS_EAP_PER_LINK 64

/*
 * EAP (RFC 3748 4): Requests, Success and Failure come from the
 * authenticator, Responses and EAPOL-Start/Logoff from the supplicant.
 * The identity a Response/Identity carries is kept (printable only) so the
 * ladder can say who authenticated.
 */
void hs_on_eap(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
	       const struct fw_frame *f)
{
	const struct fw_eapol *e = &f->eapol;
	bool from_ap = e->type == FW_EAPOL_EAP && e->has_eap && e->eap_code != 2;
	struct hs_link *l;
	struct fw_eap_event *ev;

	if (e->type > FW_EAPOL_LOGOFF || (e->type == FW_EAPOL_EAP && !e->has_eap))
		return;
	l = hs_link_get(c, from_ap ? f->sa : f->da, from_ap ? f->da : f->sa);
	if (!l || l->n_eap >= HS_EAP_PER_LINK)
		return;
	ev = hs_grow(l->eap, &l->cap_eap, l->n_eap + 1, sizeof(*ev));
	if (!ev)
		return;
	l->eap = ev;
	ev = &l->eap[l->n_eap++];
	memset(ev, 0, sizeof(*ev));
	ev->file = input;
	ev->frame = frame_no;
	ev->ts_ns = ts_ns;
	ev->from_ap = from_ap;
	ev->eapol_type = e->type;
	if (e->type != FW_EAPOL_EAP)
		return;
	ev->code = e->eap_code;
	ev->method = e->eap_code <= 2 ? e->eap_type : 0;
	if (e->eap_code == 2 && e->eap_type == 1) {
		struct fw_cursor cur;
		size_t n = 0;
		uint8_t ch;

		/* EAPOL header 4, EAP code/id/length/type 5, then the identity */
		fw_cur_init(&cur, e->start, e->avail < e->frame_len ? e->avail : e->frame_len);
		if (!fw_cur_skip(&cur, 9))
			return;
		while (n + 1 < sizeof(ev->identity) && fw_cur_u8(&cur, &ch))
			ev->identity[n++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
	}
}
