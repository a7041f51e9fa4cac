/*
 * net.c - what beacons and probe responses say about each BSS (SSID, RSNE,
 * WPA IE, RSNXE), keyed by BSSID, at most hs_max_links() of them: beyond
 * it the network heard least recently is forgotten.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"

/*
 * Every beacon looks its network up: the six bytes in one word, one
 * multiply (Fibonacci hashing), the bucket from the product's high half
 * where every byte has mixed in.
 */
static size_t mac_hash(const uint8_t m[6], size_t size)
{
	uint64_t v = 0;

	memcpy(&v, m, 6);
	return (size_t)((v * UINT64_C(0x9e3779b97f4a7c15)) >> 32) & (size - 1);
}

struct hs_net *hs_net_find(const struct fw_core *c, unsigned scope, const uint8_t bssid[6])
{
	for (struct hs_net *n = c->net_tab[mac_hash(bssid, c->net_tab_size)]; n; n = n->next)
		if (n->scope == scope && memcmp(n->bssid, bssid, 6) == 0)
			return n;
	return NULL;
}

static void net_free(struct hs_net *n)
{
	free(n->wpa);
	free(n->rsnx);
	free(n);
}

/* Forget the network heard least recently (the cap of link.c applies to networks too). */
static void evict_one(struct fw_core *c)
{
	struct hs_net *n, **pp;

	if (!c->net_lru.tail)
		return;
	n = (struct hs_net *)(void *)((char *)c->net_lru.tail - offsetof(struct hs_net, lru));
	hs_lru_remove(&c->net_lru, &n->lru);
	pp = &c->net_tab[mac_hash(n->bssid, c->net_tab_size)];
	while (*pp && *pp != n)
		pp = &(*pp)->next;
	if (*pp)
		*pp = n->next;
	net_free(n);
	c->n_nets--;
	c->n_nets_evicted++;
	hs_note_update(c, &c->net_evict_note, "more than %zu networks (BSSIDs): the %llu heard "
		       "least recently were forgotten (--max-links)", hs_max_links(c),
		       (unsigned long long)c->n_nets_evicted);
}

/* Twice the buckets once there are as many networks (as link.c does for links). */
static void tab_grow(struct fw_core *c)
{
	size_t size = c->net_tab_size * 2;
	struct hs_net **tab = calloc(size, sizeof(*tab));

	if (!tab)
		return;
	for (size_t i = 0; i < c->net_tab_size; i++) {
		struct hs_net *n = c->net_tab[i], *next;

		for (; n; n = next) {
			size_t h = mac_hash(n->bssid, size);

			next = n->next;
			n->next = tab[h];
			tab[h] = n;
		}
	}
	free(c->net_tab);
	c->net_tab = tab;
	c->net_tab_size = size;
}

struct hs_net *hs_net_get(struct fw_core *c, const uint8_t bssid[6])
{
	struct hs_net *n = hs_net_find(c, hs_scope(c), bssid);
	size_t h;

	if (n) {
		hs_lru_touch(&c->net_lru, &n->lru);
		return n;
	}
	if (c->n_nets >= hs_max_links(c))
		evict_one(c);
	if (c->n_nets >= c->net_tab_size)
		tab_grow(c);
	n = calloc(1, sizeof(*n));
	if (!n)
		return NULL;
	memcpy(n->bssid, bssid, 6);
	n->scope = hs_scope(c);
	/* a generation of its own: a link that read a forgotten network at this address reads again */
	n->gen = n->cite_gen = ++c->net_gen;
	h = mac_hash(bssid, c->net_tab_size);
	n->next = c->net_tab[h];
	c->net_tab[h] = n;
	c->n_nets++;
	hs_lru_touch(&c->net_lru, &n->lru);
	return n;
}

void hs_net_free_all(struct fw_core *c)
{
	for (size_t i = 0; i < c->net_tab_size && c->net_tab; i++) {
		struct hs_net *n = c->net_tab[i];

		while (n) {
			struct hs_net *next = n->next;

			net_free(n);
			n = next;
		}
		c->net_tab[i] = NULL;
	}
	c->net_lru.head = c->net_lru.tail = NULL;
}

bool hs_link_ssid(const struct fw_core *c, const struct hs_link *l, const uint8_t **ssid, size_t *len)
{
	const struct hs_net *n = hs_net_find(c, l->scope, l->pub.bssid);

	if (n && n->has_ssid) {
		*ssid = n->ssid;
		*len = n->ssid_len;
		return true;
	}
	if (l->has_assoc_ssid) {
		*ssid = l->assoc_ssid;
		*len = l->assoc_ssid_len;
		return true;
	}
	return false;
}
