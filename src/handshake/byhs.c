/*
 * byhs.c - the messages of each handshake, in link order, for the passes
 * that ask about one handshake at a time (outcomes, agreement, the key
 * model, the detectors).  A walk over the whole link per handshake costs
 * the square of a link's size: a link up all day holds tens of thousands
 * of handshakes.  finish_link builds the index once grouping is final (no
 * pass after verification moves a message to another handshake) and
 * drops it before messages are sorted for the outputs.  Without it (out
 * of memory) an iteration walks the link, with the same answers.
 */
#include <stdlib.h>

#include "handshake/internal.h"

void hs_byhs_free(struct hs_link *l)
{
	free(l->byhs);
	free(l->byhs_start);
	l->byhs = NULL;
	l->byhs_start = NULL;
}

/* A counting sort by handshake: stable, so each handshake's messages keep link order. */
void hs_byhs_build(struct hs_link *l)
{
	size_t n_hs = l->n_hs;

	hs_byhs_free(l);
	if (l->n_msgs > UINT32_MAX)
		return;
	l->byhs_start = calloc(n_hs + 2, sizeof(*l->byhs_start));
	l->byhs = malloc((l->n_msgs ? l->n_msgs : 1) * sizeof(*l->byhs));
	if (!l->byhs_start || !l->byhs) {
		hs_byhs_free(l);
		return;
	}
	/* messages in no handshake (index n_hs or more) go to the last bucket, never asked for */
	for (size_t i = 0; i < l->n_msgs; i++) {
		size_t h = l->msgs[i].handshake < n_hs ? l->msgs[i].handshake : n_hs;

		l->byhs_start[h + 1]++;
	}
	for (size_t h = 0; h <= n_hs; h++)
		l->byhs_start[h + 1] += l->byhs_start[h];
	{
		uint32_t *next = malloc((n_hs + 1) * sizeof(*next));

		if (!next) {
			hs_byhs_free(l);
			return;
		}
		for (size_t h = 0; h <= n_hs; h++)
			next[h] = l->byhs_start[h];
		for (size_t i = 0; i < l->n_msgs; i++) {
			size_t h = l->msgs[i].handshake < n_hs ? l->msgs[i].handshake : n_hs;

			l->byhs[next[h]++] = (uint32_t)i;
		}
		free(next);
	}
	l->byhs_n_hs = n_hs;
	l->byhs_n_msgs = l->n_msgs;
}

void hs_hs_iter_init(struct hs_hs_iter *it, const struct hs_link *l, size_t h)
{
	it->l = l;
	it->h = h;
	if (l->byhs && l->byhs_n_hs == l->n_hs && l->byhs_n_msgs == l->n_msgs && h < l->n_hs) {
		it->k = l->byhs_start[h];
		it->end = l->byhs_start[h + 1];
		it->indexed = true;
	} else {
		it->k = 0;
		it->end = l->n_msgs;
		it->indexed = false;
	}
}

bool hs_hs_next(struct hs_hs_iter *it, size_t *i)
{
	if (it->indexed) {
		if (it->k >= it->end)
			return false;
		*i = it->l->byhs[it->k++];
		return true;
	}
	while (it->k < it->end) {
		size_t j = it->k++;

		if (it->l->msgs[j].handshake == it->h) {
			*i = j;
			return true;
		}
	}
	return false;
}
