/*
 * classify.c - which message of which handshake an EAPOL-Key frame is.
 *
 * Key-information bits first (12.7.6): Request -> REQ; not Pairwise -> group
 * (Ack: G1, else G2); Pairwise with Ack: M1 without MIC, M3 with it.
 * Without Ack the frame is M2 or M4, and the bits cannot always tell them
 * apart (rekeys set Secure on M2; WPA1 never sets Secure; some stacks put a
 * nonce in M4), so: Key Data present -> M2; zero nonce -> M4; then the
 * replay-counter pairing with an earlier M3 of the link; then Secure.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/eapol.h"
#include "handshake/internal.h"
#include "handshake/walkidx.h"

const char *hs_msg_name(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M1: return "M1";
	case FW_MSG_M2: return "M2";
	case FW_MSG_M3: return "M3";
	case FW_MSG_M4: return "M4";
	case FW_MSG_G1: return "G1";
	case FW_MSG_G2: return "G2";
	case FW_MSG_REQ: return "REQ";
	default: return "?";
	}
}

/*
 * The (type, replay counter) pairs of a link's msg 1/4 and 3/4, a hash set
 * brought up to date when asked (messages are only ever appended while the
 * feed asks): a walk over the link for each msg 2/4 or 4/4 costs the square
 * of its size.  Out of memory, the walk.
 */
struct hs_rcset {
	uint64_t *rc;
	uint8_t *type;		/* FW_MSG_M1 or FW_MSG_M3; 0 an empty slot */
	size_t cap, n;		/* cap a power of two, n used */
	size_t seen;		/* the link's messages put in */
};

void hs_rcset_free(struct hs_link *l)
{
	if (l->rcset) {
		free(l->rcset->rc);
		free(l->rcset->type);
	}
	free(l->rcset);
	l->rcset = NULL;
}

static size_t rc_slot(const struct hs_rcset *s, enum fw_msg_type t, uint64_t rc)
{
	uint64_t h = (rc ^ ((uint64_t)t << 58)) * 0x9e3779b97f4a7c15ULL;

	for (size_t i = (size_t)(h >> 20) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		hs_walk_steps++;
		if (!s->type[i] || (s->type[i] == t && s->rc[i] == rc))
			return i;
	}
}

static bool rc_put(struct hs_rcset *s, enum fw_msg_type t, uint64_t rc)
{
	size_t i;

	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct hs_rcset g = { calloc(cap, sizeof(*g.rc)), calloc(cap, sizeof(*g.type)), cap,
				      0, s->seen };

		if (!g.rc || !g.type) {
			free(g.rc);
			free(g.type);
			return false;
		}
		for (size_t k = 0; k < s->cap; k++)
			if (s->type[k]) {
				i = rc_slot(&g, s->type[k], s->rc[k]);
				g.type[i] = s->type[k];
				g.rc[i] = s->rc[k];
				g.n++;
			}
		free(s->rc);
		free(s->type);
		*s = g;
	}
	i = rc_slot(s, t, rc);
	if (!s->type[i]) {
		s->type[i] = (uint8_t)t;
		s->rc[i] = rc;
		s->n++;
	}
	return true;
}

/* The link's set, up to date; NULL when it cannot be had. */
static struct hs_rcset *rcset_of(struct hs_link *l)
{
	struct hs_rcset *s = l->rcset;

	if (hs_walk_noindex)
		return NULL;
	if (!s && !(s = l->rcset = calloc(1, sizeof(*s))))
		return NULL;
	if (s->seen > l->n_msgs) {	/* never while fed: start again */
		hs_rcset_free(l);
		return rcset_of(l);
	}
	for (; s->seen < l->n_msgs; s->seen++) {
		const struct fw_msg *m = &l->msgs[s->seen];

		if ((m->type == FW_MSG_M1 || m->type == FW_MSG_M3) &&
		    !rc_put(s, m->type, m->replay_counter)) {
			hs_rcset_free(l);
			return NULL;
		}
	}
	return s;
}

static bool rc_seen(struct hs_link *l, enum fw_msg_type t, uint64_t rc)
{
	struct hs_rcset *s = rcset_of(l);

	if (s)
		return s->cap && s->type[rc_slot(s, t, rc)] != 0;
	for (size_t i = l->n_msgs; i-- > 0;) {
		hs_walk_steps++;
		if (l->msgs[i].type == t && l->msgs[i].replay_counter == rc)
			return true;
	}
	return false;
}

static bool rc_answers_m3(struct hs_link *l, uint64_t rc)
{
	return rc_seen(l, FW_MSG_M3, rc);
}

static bool rc_answers_m1(struct hs_link *l, uint64_t rc)
{
	return rc_seen(l, FW_MSG_M1, rc);
}

enum fw_msg_type hs_classify(const struct fw_eapol_key *k, struct hs_link *l, size_t mic_len)
{
	uint16_t ki = k->key_info;
	struct fw_eapol_key_tail t;
	bool has_kd = false;

	if (ki & FW_KI_REQUEST)
		return FW_MSG_REQ;
	if (!(ki & FW_KI_PAIRWISE))
		return (ki & FW_KI_ACK) ? FW_MSG_G1 : FW_MSG_G2;
	if (ki & FW_KI_ACK)
		return (ki & FW_KI_MIC) ? FW_MSG_M3 : FW_MSG_M1;

	if (fw_eapol_key_split(k, mic_len, &t) == 0)
		has_kd = t.key_data_len > 0;
	if (has_kd)
		return FW_MSG_M2;
	if (fw_is_zero(k->nonce, 32))
		return FW_MSG_M4;
	if (l && rc_answers_m3(l, k->replay_counter) && !rc_answers_m1(l, k->replay_counter))
		return FW_MSG_M4;
	if (l && rc_answers_m1(l, k->replay_counter))
		return FW_MSG_M2;
	return (ki & FW_KI_SECURE) ? FW_MSG_M4 : FW_MSG_M2;
}
