/*
 * detect_order.c - REORDERED: the capture's order and its clock disagree
 * (a message timestamped before the one captured ahead of it), or an
 * answer was captured before its request (an msg 2/4 before the msg 1/4
 * with its replay counter, a 4/4 before its 3/4).  Either way the sequence
 * of events on the way to the capture file was not the sequence on the
 * air: timing-based conclusions need care, and a split authenticator may
 * see the same disorder.
 */
#include <stdio.h>
#include <stdlib.h>

#include "handshake/internal.h"
#include "handshake/walkidx.h"

/* The requests of the link, by (handshake, type, replay counter, index). */
struct rq {
	uint64_t h, rc;
	size_t type, j;
};

static int rq_cmp(const void *pa, const void *pb)
{
	const struct rq *a = pa, *b = pb;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->rc != b->rc)
		return a->rc < b->rc ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

/*
 * Sorted once a pass, so that an answer's question costs a binary search,
 * not a walk over its handshake (thousands of answers in one handshake:
 * the square of its size).  NULL: walk.
 */
static struct rq *rq_build(const struct hs_link *l, size_t *n)
{
	struct rq *q;

	*n = 0;
	if (hs_walk_noindex || !(q = malloc((l->n_msgs ? l->n_msgs : 1) * sizeof(*q))))
		return NULL;
	for (size_t j = 0; j < l->n_msgs; j++) {
		const struct fw_msg *o = &l->msgs[j];

		if (o->type == FW_MSG_M1 || o->type == FW_MSG_M3)
			q[(*n)++] = (struct rq){ o->handshake, o->replay_counter, o->type, j };
	}
	qsort(q, *n, sizeof(*q), rq_cmp);
	return q;
}

static const struct fw_msg *request_after(const struct hs_link *l, size_t i, const struct rq *q,
					  size_t n_q)
{
	const struct fw_msg *m = &l->msgs[i];
	enum fw_msg_type want = m->type == FW_MSG_M2 ? FW_MSG_M1 : m->type == FW_MSG_M4 ? FW_MSG_M3
					    : FW_MSG_UNKNOWN;

	struct hs_hs_iter it;
	size_t j;

	if (want == FW_MSG_UNKNOWN)
		return NULL;
	if (q) {	/* the first of its handshake's requests with its counter */
		struct rq key = { m->handshake, m->replay_counter, want, 0 };
		size_t lo = 0, hi = n_q;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			hs_walk_steps++;
			if (rq_cmp(&q[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == n_q || q[lo].h != key.h || q[lo].type != key.type || q[lo].rc != key.rc)
			return NULL;
		j = q[lo].j;
		return j < i ? NULL : &l->msgs[j];
	}
	/* its handshake's messages in link order: the first request with its counter */
	for (hs_hs_iter_init(&it, l, m->handshake); hs_hs_next(&it, &j);) {
		hs_walk_steps++;
		if (j != i && l->msgs[j].type == want && l->msgs[j].replay_counter == m->replay_counter &&
		    l->msgs[j].handshake == m->handshake)
			return j < i ? NULL : &l->msgs[j];	/* before it: its request came first */
	}
	return NULL;
}

void detect_order(struct fw_core *c, struct hs_link *l)
{
	struct fw_finding *f = NULL;
	char detail[400] = "";
	size_t used = 0, n_q;
	struct rq *q = rq_build(l, &n_q);

	for (size_t i = 1; i < l->n_msgs; i++) {
		const struct fw_msg *a = &l->msgs[i - 1], *b = &l->msgs[i], *req;

		if (a->file == b->file && b->ts_ns < a->ts_ns) {
			if (!f && !(f = hs_finding_add(c, FW_F_REORDERED, l)))
				break;
			hs_finding_frame(f, a);
			hs_finding_frame(f, b);
			if (used + 120 < sizeof(detail))
				used += (size_t)snprintf(detail + used, sizeof(detail) - used,
					"%sframe %llu is timestamped %.6f s before frame %llu captured ahead of it",
					used ? "; " : "", (unsigned long long)b->frame,
					(double)(a->ts_ns - b->ts_ns) / 1e9, (unsigned long long)a->frame);
		}
		if ((req = request_after(l, i, q, n_q)) != NULL) {
			if (!f && !(f = hs_finding_add(c, FW_F_REORDERED, l)))
				break;
			hs_finding_frame(f, b);
			hs_finding_frame(f, req);
			if (used + 120 < sizeof(detail))
				used += (size_t)snprintf(detail + used, sizeof(detail) - used,
					"%s%s (frame %llu) was captured before the %s it answers (frame %llu, "
					"replay counter %llu)", used ? "; " : "", hs_msg_name(b->type),
					(unsigned long long)b->frame, hs_msg_name(req->type),
					(unsigned long long)req->frame,
					(unsigned long long)b->replay_counter);
		}
	}
	free(q);
	if (f)
		snprintf(f->detail, sizeof(f->detail),
			 "capture order and time order disagree: %s; events were reordered between "
			 "the air and the capture (or in the sniffer), so read timings with care", detail);
}
