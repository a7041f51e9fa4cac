/*
 * feedidx.c - the feed's per-link index (feedidx.h), brought up to date
 * when asked: messages are only ever appended while the feed asks, so each
 * is put in once.
 *
 * The requests from the AP are kept in two lists in link order (the 4-way
 * handshake's msg 1/4 and 3/4, the group handshake's 1/2).  For each entry
 * the list keeps the first later entry with a higher replay counter (a
 * stack of the entries still waiting for one: each is pushed and popped
 * once) and the first later entry whose non-zero nonce differs from the
 * non-zero nonce before it: after a request with nonce N, the first
 * request with a non-zero nonce other than N is the first such change,
 * since every non-zero nonce between equals N.  A hash from (type, replay
 * counter) to the latest request gives the request an answer echoes.
 */
#include <stdlib.h>
#include <string.h>

#include "handshake/feedidx.h"
#include "handshake/walkidx.h"

struct reqlist {
	uint32_t *idx;		/* the message's index, ascending */
	uint32_t *next_gt;	/* index+1 of the first later entry with a higher counter, 0 none yet */
	uint32_t *next_diff;	/* index+1 of the first later change of nonce, 0 none yet */
	uint32_t *stack;	/* positions still waiting for a higher counter */
	size_t n, cap, n_stack;
	size_t wait_from;	/* positions from here wait for a change of nonce */
	size_t last_nz;		/* position+1 of the latest non-zero nonce, 0 none */
};

struct hs_feedx {
	size_t seen;		/* the link's messages put in */
	size_t last_m1;
	struct reqlist pw, gr;
	uint64_t *rc;		/* (type, rc) -> index+1 of the latest such request */
	uint8_t *type;		/* 0: an empty slot */
	uint32_t *at;
	size_t cap, n;
};

static void list_free(struct reqlist *q)
{
	free(q->idx);
	free(q->next_gt);
	free(q->next_diff);
	free(q->stack);
}

void hs_feedx_free(struct hs_link *l)
{
	struct hs_feedx *x = l->feedx;

	if (x) {
		list_free(&x->pw);
		list_free(&x->gr);
		free(x->rc);
		free(x->type);
		free(x->at);
	}
	free(x);
	l->feedx = NULL;
}

static bool grow32(uint32_t **p, size_t cap)
{
	uint32_t *n = realloc(*p, cap * sizeof(**p));

	if (!n)
		return false;
	*p = n;
	return true;
}

static bool list_add(struct reqlist *q, const struct fw_msg *msgs, size_t j)
{
	const struct fw_msg *m = &msgs[j];
	size_t k = q->n;

	if (k == q->cap) {
		size_t cap = q->cap ? 2 * q->cap : 16;

		if (!grow32(&q->idx, cap) || !grow32(&q->next_gt, cap) ||
		    !grow32(&q->next_diff, cap) || !grow32(&q->stack, cap))
			return false;
		q->cap = cap;
	}
	while (q->n_stack) {
		size_t top = q->stack[q->n_stack - 1];

		hs_walk_steps++;
		if (msgs[q->idx[top]].replay_counter >= m->replay_counter)
			break;
		q->next_gt[top] = (uint32_t)j + 1;
		q->n_stack--;
	}
	q->idx[k] = (uint32_t)j;
	q->next_gt[k] = 0;
	q->next_diff[k] = 0;
	q->stack[q->n_stack++] = (uint32_t)k;
	if (!m->nonce_zero) {
		if (q->last_nz && memcmp(msgs[q->idx[q->last_nz - 1]].nonce, m->nonce, 32) != 0) {
			for (; q->wait_from < k; q->wait_from++) {
				hs_walk_steps++;
				q->next_diff[q->wait_from] = (uint32_t)j + 1;
			}
		}
		q->last_nz = k + 1;
	}
	q->n++;
	return true;
}

static size_t slot(const struct hs_feedx *x, enum fw_msg_type t, uint64_t rc)
{
	uint64_t h = (rc ^ ((uint64_t)t << 58)) * 0x9e3779b97f4a7c15ULL;

	for (size_t i = (size_t)(h >> 20) & (x->cap - 1);; i = (i + 1) & (x->cap - 1)) {
		hs_walk_steps++;
		if (!x->type[i] || (x->type[i] == t && x->rc[i] == rc))
			return i;
	}
}

static bool put(struct hs_feedx *x, enum fw_msg_type t, uint64_t rc, size_t j)
{
	size_t i;

	if (2 * (x->n + 1) > x->cap) {
		struct hs_feedx g = { 0 };

		g.cap = x->cap ? 2 * x->cap : 64;
		g.rc = calloc(g.cap, sizeof(*g.rc));
		g.type = calloc(g.cap, sizeof(*g.type));
		g.at = calloc(g.cap, sizeof(*g.at));
		if (!g.rc || !g.type || !g.at) {
			free(g.rc);
			free(g.type);
			free(g.at);
			return false;
		}
		for (size_t k = 0; k < x->cap; k++)
			if (x->type[k]) {
				i = slot(&g, x->type[k], x->rc[k]);
				g.type[i] = x->type[k];
				g.rc[i] = x->rc[k];
				g.at[i] = x->at[k];
			}
		free(x->rc);
		free(x->type);
		free(x->at);
		x->rc = g.rc;
		x->type = g.type;
		x->at = g.at;
		x->cap = g.cap;
	}
	i = slot(x, t, rc);
	if (!x->type[i]) {
		x->type[i] = (uint8_t)t;
		x->rc[i] = rc;
		x->n++;
	}
	x->at[i] = (uint32_t)j + 1;
	return true;
}

static bool add(struct hs_feedx *x, const struct fw_msg *msgs, size_t j)
{
	const struct fw_msg *m = &msgs[j];

	if (m->type == FW_MSG_M1)
		x->last_m1 = j + 1;
	if (!m->from_ap)
		return true;
	if (m->type == FW_MSG_M1 || m->type == FW_MSG_M3)
		return list_add(&x->pw, msgs, j) && put(x, m->type, m->replay_counter, j);
	if (m->type == FW_MSG_G1)
		return list_add(&x->gr, msgs, j) && put(x, m->type, m->replay_counter, j);
	return true;
}

/*
 * Links shorter than this walk: a walk over so few messages costs no more
 * than the index, and most links (a station that joined once, or a fake
 * one) never grow past it, so they carry no index.
 */
#define FEEDX_FROM 32

struct hs_feedx *hs_feedx_sync(struct hs_link *l, size_t upto)
{
	struct hs_feedx *x = l->feedx;

	if (hs_walk_noindex || upto < FEEDX_FROM || upto > UINT32_MAX - 1)
		return NULL;
	if (!x && !(x = l->feedx = calloc(1, sizeof(*x))))
		return NULL;
	if (x->seen > upto) {	/* never while fed: start again */
		hs_feedx_free(l);
		return hs_feedx_sync(l, upto);
	}
	for (; x->seen < upto; x->seen++)
		if (!add(x, l->msgs, x->seen)) {
			hs_feedx_free(l);
			return NULL;
		}
	return x;
}

size_t hs_feedx_last_m1(const struct hs_feedx *x)
{
	return x->last_m1;
}

size_t hs_feedx_request(const struct hs_feedx *x, enum fw_msg_type t, uint64_t rc)
{
	size_t i;

	if (!x->cap)
		return 0;
	i = slot(x, t, rc);
	return x->type[i] ? x->at[i] : 0;
}

size_t hs_feedx_superseded(const struct hs_link *l, const struct hs_feedx *x, size_t r,
			   size_t before, bool *found)
{
	const struct fw_msg *req = &l->msgs[r];
	bool group = req->type == FW_MSG_G1;
	const struct reqlist *q = group ? &x->gr : &x->pw;
	size_t lo = 0, hi = q->n, best;

	while (lo < hi) {	/* the entry of r */
		size_t mid = lo + (hi - lo) / 2;

		hs_walk_steps++;
		if (q->idx[mid] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < q->n && q->idx[lo] == r;
	if (!*found)
		return 0;
	best = q->next_gt[lo];
	if (!group && !req->nonce_zero && q->next_diff[lo] &&
	    (!best || q->next_diff[lo] < best))
		best = q->next_diff[lo];
	return best && best - 1 < before ? best : 0;
}
