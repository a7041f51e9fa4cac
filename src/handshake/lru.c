/*
 * lru.c - recency lists (struct hs_lru), and the cap they enforce: the
 * link table (link.c) and the network table (net.c) each keep their
 * objects on one, most recently used first, and forget from its tail
 * once they hold hs_max_links() objects (--max-links).
 *
 * A list only threads nodes embedded in the objects it orders; it
 * allocates and frees nothing.
 */
#include <stddef.h>

#include "handshake/internal.h"

#define HS_MAX_LINKS_DEFAULT 16384

void hs_lru_remove(struct hs_lru *q, struct hs_lru_node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else if (q->head == n)
		q->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else if (q->tail == n)
		q->tail = n->prev;
	n->prev = n->next = NULL;
}

void hs_lru_touch(struct hs_lru *q, struct hs_lru_node *n)
{
	if (q->head == n)
		return;
	if (n->prev || n->next)
		hs_lru_remove(q, n);
	n->next = q->head;
	if (q->head)
		q->head->prev = n;
	q->head = n;
	if (!q->tail)
		q->tail = n;
}

size_t hs_max_links(const struct fw_core *c)
{
	return c->opts.max_links ? c->opts.max_links : HS_MAX_LINKS_DEFAULT;
}
