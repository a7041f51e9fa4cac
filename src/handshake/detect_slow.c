/*
 * detect_slow.c - SLOW_RESPONSE: a side took longer to answer than the
 * other side waits.  hostapd resends an EAPOL-Key request after 100 ms the
 * first time and 1 s after that (the thresholds are options); an answer
 * later than that makes the requester retry, which is a warning, otherwise
 * it is information.  Answers are paired with the first request carrying
 * their replay counter: M1->M2 and M3->M4 by the station, M2->M3 and
 * G1->G2 likewise.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"
#include "handshake/walkidx.h"

#define SLOW_MAX_PER_LINK 8

static bool answers(const struct fw_msg *req, const struct fw_msg *resp)
{
	switch (req->type) {
	case FW_MSG_M1: return resp->type == FW_MSG_M2 && resp->replay_counter == req->replay_counter;
	case FW_MSG_M3: return resp->type == FW_MSG_M4 && resp->replay_counter == req->replay_counter;
	case FW_MSG_M2: return resp->type == FW_MSG_M3;
	case FW_MSG_G1: return resp->type == FW_MSG_G2 && resp->replay_counter == req->replay_counter;
	default: return false;
	}
}

/*
 * An answer captured after the answer to a later transmission of its
 * request left its sender before that one: it was held up on the way (the
 * medium, a sniffer that saw it late), not answered slowly.  LATE_ANSWER
 * says what became of it.
 */
static bool overtaken(const struct hs_link *l, const struct fw_msg *resp)
{
	struct hs_hs_iter it;
	size_t k;

	if (!resp->late)
		return false;
	for (hs_hs_iter_init(&it, l, resp->handshake); hs_hs_next(&it, &k);) {
		const struct fw_msg *m = &l->msgs[k];

		hs_walk_steps++;
		if (m != resp && m->type == resp->type &&
		    m->from_ap == resp->from_ap && m->replay_counter > resp->replay_counter &&
		    hs_msg_before(m, resp))
			return true;
	}
	return false;
}

/*
 * The indexed searches: each message of the link in five sorted arrays,
 * built once per link in O(n log n), so a request finds its answer and its
 * retry, and an answer whether a later transmission overtook it, by a
 * binary search rather than a walk over its handshake (a handshake of
 * thousands of requests made the walks quadratic).  "Later" is link order,
 * as the walks had it; "before" is hs_msg_before, which compares frames of
 * one file by order and frames of two files (--merge) by time.
 */
struct sent {
	size_t h;
	uint64_t rc;
	uint32_t type, from_ap, file, i;
};

struct slow_idx {
	struct sent *ans;	/* (handshake, type, counter, index): answers by counter */
	struct sent *seq;	/* (handshake, type, index): msg 3/4s for a 2/4 */
	struct sent *rt;	/* (handshake, type, sender, index), no MAC retries: retries */
	struct sent *ov;	/* (handshake, type, sender, counter): overtaking, other files */
	struct sent *of;	/* (handshake, type, sender, file, counter): overtaking, same file */
	int64_t *ts1, *ts2;	/* ov: earliest time from here to the group's end, and of another file */
	uint32_t *file1;	/* ov: the file of ts1 */
	uint64_t *fr;		/* of: the lowest frame from here to the group's end */
	size_t n, n_rt;
};

#define CMP(a, b)                                     \
	do {                                          \
		if ((a) != (b))                       \
			return (a) < (b) ? -1 : 1;    \
	} while (0)

static int ans_cmp(const struct sent *a, const struct sent *b)
{
	CMP(a->h, b->h);
	CMP(a->type, b->type);
	CMP(a->rc, b->rc);
	CMP(a->i, b->i);
	return 0;
}

static int seq_cmp(const struct sent *a, const struct sent *b)
{
	CMP(a->h, b->h);
	CMP(a->type, b->type);
	CMP(a->i, b->i);
	return 0;
}

static int rt_cmp(const struct sent *a, const struct sent *b)
{
	CMP(a->h, b->h);
	CMP(a->type, b->type);
	CMP(a->from_ap, b->from_ap);
	CMP(a->i, b->i);
	return 0;
}

static int ov_cmp(const struct sent *a, const struct sent *b)
{
	CMP(a->h, b->h);
	CMP(a->type, b->type);
	CMP(a->from_ap, b->from_ap);
	CMP(a->rc, b->rc);
	return 0;
}

static int of_cmp(const struct sent *a, const struct sent *b)
{
	CMP(a->h, b->h);
	CMP(a->type, b->type);
	CMP(a->from_ap, b->from_ap);
	CMP(a->file, b->file);
	CMP(a->rc, b->rc);
	return 0;
}

static int ans_q(const void *a, const void *b) { return ans_cmp(a, b); }
static int seq_q(const void *a, const void *b) { return seq_cmp(a, b); }
static int rt_q(const void *a, const void *b) { return rt_cmp(a, b); }
static int ov_q(const void *a, const void *b) { return ov_cmp(a, b); }
static int of_q(const void *a, const void *b) { return of_cmp(a, b); }

/* The first entry of e[0..n) not below key (cmp < 0 means below). */
static size_t lower(const struct sent *e, size_t n, const struct sent *key,
		    int (*cmp)(const struct sent *, const struct sent *))
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		hs_walk_steps++;
		if (cmp(&e[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void idx_free(struct slow_idx *x)
{
	free(x->ans);
	free(x->seq);
	free(x->rt);
	free(x->ov);
	free(x->of);
	free(x->ts1);
	free(x->ts2);
	free(x->file1);
	free(x->fr);
}

static struct sent entry(const struct hs_link *l, size_t i)
{
	const struct fw_msg *m = &l->msgs[i];

	return (struct sent){ m->handshake, m->replay_counter, (uint32_t)m->type, m->from_ap,
			      m->file, (uint32_t)i };
}

static int idx_build(struct slow_idx *x, const struct hs_link *l)
{
	size_t n = l->n_msgs, cap = n ? n : 1;

	memset(x, 0, sizeof(*x));
	if (hs_walk_noindex || n > UINT32_MAX)
		return -1;
	x->ans = malloc(cap * sizeof(*x->ans));
	x->seq = malloc(cap * sizeof(*x->seq));
	x->rt = malloc(cap * sizeof(*x->rt));
	x->ov = malloc(cap * sizeof(*x->ov));
	x->of = malloc(cap * sizeof(*x->of));
	x->ts1 = malloc(cap * sizeof(*x->ts1));
	x->ts2 = malloc(cap * sizeof(*x->ts2));
	x->file1 = malloc(cap * sizeof(*x->file1));
	x->fr = malloc(cap * sizeof(*x->fr));
	if (!x->ans || !x->seq || !x->rt || !x->ov || !x->of || !x->ts1 || !x->ts2 || !x->file1 ||
	    !x->fr) {
		idx_free(x);
		return -1;
	}
	x->n = n;
	for (size_t i = 0; i < n; i++) {
		x->ans[i] = x->seq[i] = x->ov[i] = x->of[i] = entry(l, i);
		if (l->msgs[i].retrans != FW_RT_MAC)
			x->rt[x->n_rt++] = entry(l, i);
	}
	qsort(x->ans, n, sizeof(*x->ans), ans_q);
	qsort(x->seq, n, sizeof(*x->seq), seq_q);
	qsort(x->rt, x->n_rt, sizeof(*x->rt), rt_q);
	qsort(x->ov, n, sizeof(*x->ov), ov_q);
	qsort(x->of, n, sizeof(*x->of), of_q);
	/* from each group's end back: the earliest time, and the earliest of another file */
	for (size_t k = n; k-- > 0;) {
		int64_t ts = l->msgs[x->ov[k].i].ts_ns;
		uint32_t file = x->ov[k].file;

		hs_walk_steps++;
		if (k + 1 == n || ov_cmp(&(struct sent){ x->ov[k].h, 0, x->ov[k].type,
							 x->ov[k].from_ap, 0, 0 },
					 &(struct sent){ x->ov[k + 1].h, 0, x->ov[k + 1].type,
							 x->ov[k + 1].from_ap, 0, 0 }) != 0) {
			x->ts1[k] = ts;
			x->file1[k] = file;
			x->ts2[k] = INT64_MAX;
		} else if (ts < x->ts1[k + 1]) {
			x->ts1[k] = ts;
			x->file1[k] = file;
			x->ts2[k] = x->file1[k + 1] != file ? x->ts1[k + 1] : x->ts2[k + 1];
		} else {
			x->ts1[k] = x->ts1[k + 1];
			x->file1[k] = x->file1[k + 1];
			x->ts2[k] = file != x->file1[k + 1] && ts < x->ts2[k + 1] ? ts : x->ts2[k + 1];
		}
	}
	for (size_t k = n; k-- > 0;) {
		uint64_t fr = l->msgs[x->of[k].i].frame;
		const struct sent *a = &x->of[k], *b = &x->of[k + 1];

		hs_walk_steps++;
		if (k + 1 == n || a->h != b->h || a->type != b->type || a->from_ap != b->from_ap ||
		    a->file != b->file || fr < x->fr[k + 1])
			x->fr[k] = fr;
		else
			x->fr[k] = x->fr[k + 1];
	}
	return 0;
}

/* The first message after i in handshake h of the given type and counter (any with any_rc). */
static const struct fw_msg *next_of(const struct slow_idx *x, const struct hs_link *l, size_t i,
				   size_t h, uint32_t type, uint64_t rc, bool any_rc)
{
	struct sent key = { h, rc, type, 0, 0, (uint32_t)(i + 1) };
	const struct sent *e = any_rc ? x->seq : x->ans;
	size_t k = lower(e, x->n, &key, any_rc ? seq_cmp : ans_cmp);

	if (i + 1 > UINT32_MAX || k == x->n || e[k].h != h || e[k].type != type ||
	    (!any_rc && e[k].rc != rc))
		return NULL;
	return &l->msgs[e[k].i];
}

static const struct fw_msg *idx_answer(const struct slow_idx *x, const struct hs_link *l,
				       size_t i)
{
	const struct fw_msg *req = &l->msgs[i];

	switch (req->type) {
	case FW_MSG_M1: return next_of(x, l, i, req->handshake, FW_MSG_M2, req->replay_counter, false);
	case FW_MSG_M3: return next_of(x, l, i, req->handshake, FW_MSG_M4, req->replay_counter, false);
	case FW_MSG_M2: return next_of(x, l, i, req->handshake, FW_MSG_M3, 0, true);
	case FW_MSG_G1: return next_of(x, l, i, req->handshake, FW_MSG_G2, req->replay_counter, false);
	default: return NULL;
	}
}

static const struct fw_msg *idx_retry(const struct slow_idx *x, const struct hs_link *l, size_t i)
{
	const struct fw_msg *req = &l->msgs[i];
	struct sent key = { req->handshake, 0, (uint32_t)req->type, req->from_ap, 0,
			    (uint32_t)(i + 1) };
	size_t k = lower(x->rt, x->n_rt, &key, rt_cmp);

	if (k == x->n_rt || x->rt[k].h != key.h || x->rt[k].type != key.type ||
	    x->rt[k].from_ap != key.from_ap)
		return NULL;
	return &l->msgs[x->rt[k].i];
}

static bool idx_overtaken(const struct slow_idx *x, const struct fw_msg *resp)
{
	/* the first entry above resp's counter: its counter plus one, unless that wraps */
	struct sent key = { resp->handshake, resp->replay_counter + 1, (uint32_t)resp->type,
			    resp->from_ap, resp->file, 0 };
	size_t k;

	if (!resp->late || resp->replay_counter == UINT64_MAX)
		return false;
	k = lower(x->ov, x->n, &key, ov_cmp);
	if (k < x->n && x->ov[k].h == key.h && x->ov[k].type == key.type &&
	    x->ov[k].from_ap == key.from_ap &&
	    (x->file1[k] != resp->file ? x->ts1[k] : x->ts2[k]) < resp->ts_ns)
		return true;
	k = lower(x->of, x->n, &key, of_cmp);
	return k < x->n && x->of[k].h == key.h && x->of[k].type == key.type &&
	       x->of[k].from_ap == key.from_ap && x->of[k].file == key.file &&
	       x->fr[k] < resp->frame;
}

void detect_slow(struct fw_core *c, struct hs_link *l)
{
	uint32_t first_ms = c->opts.slow_first_ms ? c->opts.slow_first_ms : FW_CORE_SLOW_FIRST_MS;
	uint32_t later_ms = c->opts.slow_later_ms ? c->opts.slow_later_ms : FW_CORE_SLOW_LATER_MS;
	size_t n = 0;
	struct slow_idx x;
	bool indexed = idx_build(&x, l) == 0;

	for (size_t i = 0; i < l->n_msgs && n < SLOW_MAX_PER_LINK; i++) {
		const struct fw_msg *req = &l->msgs[i], *resp = NULL, *retry = NULL;
		struct fw_finding *f;
		int64_t delay_ms;
		uint32_t limit;
		struct hs_hs_iter it;
		size_t j;

		if (req->retrans == FW_RT_MAC || req->protected_)
			continue;
		if (indexed) {
			resp = idx_answer(&x, l, i);
			retry = resp ? idx_retry(&x, l, i) : NULL;
			/* a retry sent after the answer is no retry */
			if (retry && retry > resp)
				retry = NULL;
		}
		/* without the index: the later messages of its handshake */
		for (hs_hs_iter_init(&it, l, req->handshake);
		     !indexed && !resp && hs_hs_next(&it, &j);) {
			const struct fw_msg *m = &l->msgs[j];

			hs_walk_steps++;
			if (j <= i)
				continue;
			if (answers(req, m))
				resp = m;
			else if (m->type == req->type && m->from_ap == req->from_ap && !retry &&
				 m->retrans != FW_RT_MAC)
				retry = m;
		}
		/* a request answered only after it was sent again: the answer belongs to the retry */
		if (!resp || (retry && req->type == FW_MSG_M2) ||
		    (indexed ? idx_overtaken(&x, resp) : overtaken(l, resp)))
			continue;
		delay_ms = (resp->ts_ns - req->ts_ns) / 1000000;
		limit = req->retrans == FW_RT_EAPOL ? later_ms : first_ms;
		if (delay_ms <= (int64_t)limit)
			continue;
		f = hs_finding_add(c, FW_F_SLOW_RESPONSE, l);
		if (!f)
			break;
		n++;
		hs_finding_frame_role(f, req, FW_ROLE_REQUEST);
		hs_finding_frame_role(f, resp, FW_ROLE_ANSWER);
		if (retry) {
			f->severity = FW_SEV_WARNING;
			hs_finding_frame_role(f, retry, FW_ROLE_RETRY);
		}
		snprintf(f->detail, sizeof(f->detail),
			 "the %s answered %s (frame %llu) with %s (frame %llu) after %lld ms, past the "
			 "%u ms the other side waits%s%s%s",
			 resp->from_ap ? "AP" : "station", hs_msg_name(req->type),
			 (unsigned long long)req->frame, hs_msg_name(resp->type),
			 (unsigned long long)resp->frame, (long long)delay_ms, limit,
			 retry ? ": the " : "", retry ? (req->from_ap ? "AP" : "station") : "",
			 retry ? " had already sent it again" : "");
		if (retry) {
			size_t used = strlen(f->detail);

			snprintf(f->detail + used, sizeof(f->detail) - used, " (frame %llu)",
				 (unsigned long long)retry->frame);
		}
	}
	if (indexed)
		idx_free(&x);
}
