/*
 * walkidx.c - the indexes of walkidx.h: sorted arrays and a hash table
 * built once per pass, in O(n log n) for a link of n messages.
 */
#include <stdlib.h>
#include <string.h>

#include "handshake/walkidx.h"
#include "util/err.h"

unsigned long long hs_walk_steps;
bool hs_walk_noindex;

/* An entry while building: its nonce too, to keep the first of each. */
struct nbuild {
	struct hs_nent e;
	const uint8_t *nonce;
};

static int grp_cmp(const struct hs_nent *a, const struct hs_nent *b)
{
	if (a->g1 != b->g1)
		return a->g1 < b->g1 ? -1 : 1;
	if (a->g2 != b->g2)
		return a->g2 < b->g2 ? -1 : 1;
	return 0;
}

static int by_nonce(const void *pa, const void *pb)
{
	const struct nbuild *a = pa, *b = pb;
	int d = grp_cmp(&a->e, &b->e);

	if (d)
		return d;
	d = memcmp(a->nonce, b->nonce, 32);
	if (d)
		return d;
	return (a->e.j > b->e.j) - (a->e.j < b->e.j);
}

static int by_index(const void *pa, const void *pb)
{
	const struct hs_nent *a = pa, *b = pb;
	int d = grp_cmp(a, b);

	return d ? d : (a->j > b->j) - (a->j < b->j);
}

void hs_nlist_build(struct hs_nlist *nl, const struct hs_link *l, hs_nlist_pick pick)
{
	struct nbuild *b;
	size_t n = 0, k = 0;

	nl->e = NULL;
	nl->off = NULL;
	nl->n_off = 0;
	nl->n = 0;
	nl->built = true;
	nl->failed = hs_walk_noindex || l->n_msgs > UINT32_MAX;
	if (nl->failed)
		return;
	b = malloc((l->n_msgs ? l->n_msgs : 1) * sizeof(*b));
	if (!b) {
		nl->failed = true;
		return;
	}
	for (size_t j = 0; j < l->n_msgs; j++) {
		const struct fw_msg *m = &l->msgs[j];

		if (!pick(m, &b[n].e.g1, &b[n].e.g2) || fw_is_zero(m->nonce, 32))
			continue;
		b[n].e.j = (uint32_t)j;
		b[n++].nonce = m->nonce;
	}
	qsort(b, n, sizeof(*b), by_nonce);
	nl->e = malloc((n ? n : 1) * sizeof(*nl->e));
	if (!nl->e) {
		free(b);
		nl->failed = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (i == 0 || grp_cmp(&b[i].e, &b[i - 1].e) != 0 ||
		    memcmp(b[i].nonce, b[i - 1].nonce, 32) != 0)
			nl->e[k++] = b[i].e;
	free(b);
	qsort(nl->e, k, sizeof(*nl->e), by_index);
	nl->n = k;
	/* groups by handshake (or one group): offsets, not a binary search per message */
	if (k && nl->e[k - 1].g1 < l->n_msgs + 1) {
		bool dense = true;

		for (size_t i = 0; i < k && dense; i++)
			dense = nl->e[i].g2 == 0;
		nl->n_off = (size_t)nl->e[k - 1].g1 + 1;
		if (dense && (nl->off = calloc(nl->n_off + 1, sizeof(*nl->off)))) {
			for (size_t i = 0; i < k; i++)
				nl->off[nl->e[i].g1 + 1]++;
			for (size_t g = 0; g < nl->n_off; g++)
				nl->off[g + 1] += nl->off[g];
		} else {
			nl->n_off = 0;
		}
	}
}

void hs_nlist_group(const struct hs_nlist *nl, uint64_t g1, uint64_t g2, size_t *first,
		    size_t *end)
{
	struct hs_nent key = { g1, g2, 0 };
	size_t lo = 0, hi = nl->n;

	if (nl->off && g2 == 0) {
		hs_walk_steps++;
		*first = *end = 0;
		if (g1 < nl->n_off) {
			*first = nl->off[g1];
			*end = nl->off[g1 + 1];
		}
		return;
	}
	while (lo < hi) {	/* the first entry not below the group */
		size_t mid = lo + (hi - lo) / 2;

		hs_walk_steps++;
		if (grp_cmp(&nl->e[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	hi = nl->n;
	while (lo < hi) {	/* the first entry past it */
		size_t mid = lo + (hi - lo) / 2;

		hs_walk_steps++;
		if (grp_cmp(&nl->e[mid], &key) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*end = lo;
}

void hs_nlist_free(struct hs_nlist *nl)
{
	free(nl->e);
	free(nl->off);
	nl->e = NULL;
	nl->off = NULL;
	nl->n_off = 0;
	nl->n = 0;
	nl->built = false;
	nl->failed = false;
}

int hs_vptks_init(struct hs_vptks *v, size_t n_msgs)
{
	memset(v, 0, sizeof(*v));
	v->n = n_msgs;
	v->cap = 16;
	while (v->cap < 2 * n_msgs)
		v->cap *= 2;
	v->fen = calloc(n_msgs + 1, sizeof(*v->fen));
	v->in = calloc(n_msgs ? n_msgs : 1, sizeof(*v->in));
	v->tab = calloc(v->cap, sizeof(*v->tab));
	if (hs_walk_noindex || n_msgs > UINT32_MAX || !v->fen || !v->in || !v->tab) {
		hs_vptks_free(v);
		v->failed = true;
		return FW_ENOMEM;
	}
	return 0;
}

void hs_vptks_free(struct hs_vptks *v)
{
	free(v->fen);
	free(v->in);
	free(v->tab);
	v->fen = NULL;
	v->in = NULL;
	v->tab = NULL;
	v->failed = true;
}

static size_t slot_of(const struct hs_vptks *v, const uint8_t *anonce, const uint8_t *snonce,
		      unsigned key_id)
{
	uint64_t h = key_id * 0x9e3779b97f4a7c15ULL, x;

	memcpy(&x, anonce, 8);
	h ^= x * 0xff51afd7ed558ccdULL;
	memcpy(&x, snonce, 8);
	h ^= x * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 29;
	for (size_t s = (size_t)h & (v->cap - 1);; s = (s + 1) & (v->cap - 1)) {
		const struct hs_vgroup *g = &v->tab[s];

		hs_walk_steps++;
		if (!g->used || (g->key_id == key_id && memcmp(g->anonce, anonce, 32) == 0 &&
				 memcmp(g->snonce, snonce, 32) == 0))
			return s;
	}
}

const struct hs_vgroup *hs_vptks_find(const struct hs_vptks *v, const uint8_t *anonce,
				      const uint8_t *snonce, unsigned key_id)
{
	const struct hs_vgroup *g;

	if (v->failed || !v->fen)
		return NULL;
	g = &v->tab[slot_of(v, anonce, snonce, key_id)];
	return g->used ? g : NULL;
}

void hs_vptks_add(struct hs_vptks *v, size_t j, const uint8_t *anonce, const uint8_t *snonce,
		  unsigned key_id)
{
	struct hs_vgroup *g;

	if (v->failed || !v->fen)
		return;
	if (j >= v->n || v->in[j]) {
		v->failed = true;	/* counted under another PTK: the walk knows */
		return;
	}
	g = &v->tab[slot_of(v, anonce, snonce, key_id)];
	if (!g->used) {
		g->used = true;
		g->key_id = key_id;
		memcpy(g->anonce, anonce, 32);
		memcpy(g->snonce, snonce, 32);
	}
	if (j + 1 > g->max1) {
		g->max2 = g->max1;
		g->max1 = j + 1;
	} else if (j + 1 > g->max2) {
		g->max2 = j + 1;
	}
	v->in[j] = true;
	v->total++;
	{	/* among the latest? */
		size_t t = v->n_top < HS_VPTKS_TOP ? v->n_top++ : HS_VPTKS_TOP;

		for (; t > 0 && v->top[t - 1] < j; t--)
			if (t < HS_VPTKS_TOP)
				v->top[t] = v->top[t - 1];
		if (t < HS_VPTKS_TOP)
			v->top[t] = j;
	}
	for (size_t k = j + 1; k <= v->n; k += k & (~k + 1)) {
		hs_walk_steps++;
		v->fen[k]++;
	}
}

size_t hs_vptks_below(const struct hs_vptks *v, size_t j)
{
	size_t s = 0;

	for (size_t k = j < v->n ? j : v->n; k > 0; k -= k & (~k + 1)) {
		hs_walk_steps++;
		s += v->fen[k];
	}
	return s;
}

size_t hs_vptks_select(const struct hs_vptks *v, size_t r)
{
	size_t pos = 0, step = 1;

	while (step * 2 <= v->n)
		step *= 2;
	for (; step; step /= 2) {	/* the largest prefix holding at most r */
		hs_walk_steps++;
		if (pos + step <= v->n && v->fen[pos + step] <= r) {
			pos += step;
			r -= v->fen[pos];
		}
	}
	return pos;	/* 0-based index of the (r+1)-th counted message */
}
