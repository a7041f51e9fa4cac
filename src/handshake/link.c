/*
 * link.c - the link table: one link per (BSSID, station), found or created
 * by hs_link_get(), looked up only by hs_link_find().
 */
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"
#include "util/mac.h"

static size_t pair_hash(const uint8_t a[6], const uint8_t b[6], size_t size)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < 6; i++)
		h = (h ^ a[i]) * 16777619u;
	for (int i = 0; i < 6; i++)
		h = (h ^ b[i]) * 16777619u;
	return h & (size - 1);
}

static unsigned bssid_bit(const uint8_t b[6])
{
	return (unsigned)((b[3] << 4) ^ (b[4] << 2) ^ b[5] ^ (b[0] << 1)) & 4095u;
}

bool hs_bssid_maybe(const struct fw_core *c, const uint8_t bssid[6])
{
	unsigned bit = bssid_bit(bssid);

	return (c->bssid_seen[bit / 64] >> (bit % 64)) & 1;
}

static void bssid_mark(struct fw_core *c, const uint8_t bssid[6])
{
	unsigned bit = bssid_bit(bssid);

	c->bssid_seen[bit / 64] |= (uint64_t)1 << (bit % 64);
}

struct hs_link *hs_link_find(const struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6])
{
	for (struct hs_link *l = c->link_tab[pair_hash(bssid, sta, c->link_tab_size)]; l; l = l->next)
		if (l->scope == hs_scope(c) && memcmp(l->pub.bssid, bssid, 6) == 0 &&
		    memcmp(l->pub.sta, sta, 6) == 0)
			return l;
	return NULL;
}

struct hs_link *hs_link_get(struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6])
{
	struct hs_link *l;
	struct hs_link **arr;
	size_t h;

	if (c->opts.filter_bssid && memcmp(bssid, c->opts.bssid, 6) != 0)
		return NULL;
	if (c->opts.filter_sta && memcmp(sta, c->opts.sta, 6) != 0)
		return NULL;
	l = hs_link_find(c, bssid, sta);
	if (l)
		return l;
	arr = hs_grow(c->links, &c->cap_links, c->n_links + 1, sizeof(*arr));
	if (!arr)
		return NULL;
	c->links = arr;
	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	memcpy(l->pub.bssid, bssid, 6);
	memcpy(l->pub.sta, sta, 6);
	l->scope = hs_scope(c);
	l->pub.file = c->cur_input;
	l->cur_hs = -1;
	l->cur_ghs = -1;
	h = pair_hash(bssid, sta, c->link_tab_size);
	l->next = c->link_tab[h];
	c->link_tab[h] = l;
	c->links[c->n_links++] = l;
	bssid_mark(c, bssid);
	return l;
}

static void link_free(struct hs_link *l)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		free(l->priv[i].eapol);
	free(l->msgs);
	free(l->priv);
	free(l->hs);
	free(l->ev);
	free(l->pframes);
	free(l->eap);
	fw_ptk_wipe(&l->tk_new.ptk);
	fw_ptk_wipe(&l->tk_prev.ptk);
	for (size_t i = 0; i < l->n_ptk; i++)
		fw_ptk_wipe(&l->ptk_cache[i].ptk);
	free(l);
}

void hs_link_free_all(struct fw_core *c)
{
	for (size_t i = 0; i < c->n_links; i++)
		link_free(c->links[i]);
	c->n_links = 0;
}

struct fw_msg *hs_link_add_msg(struct hs_link *l, struct hs_msg_priv **priv)
{
	size_t cap = l->cap_msgs;
	struct fw_msg *m = hs_grow(l->msgs, &l->cap_msgs, l->n_msgs + 1, sizeof(*m));
	struct hs_msg_priv *p;

	if (!m)
		return NULL;
	l->msgs = m;
	p = hs_grow(l->priv, &cap, l->n_msgs + 1, sizeof(*p));
	if (!p)
		return NULL;
	l->priv = p;
	*priv = &l->priv[l->n_msgs];
	memset(*priv, 0, sizeof(**priv));
	memset(&l->msgs[l->n_msgs], 0, sizeof(struct fw_msg));
	return &l->msgs[l->n_msgs++];
}

int hs_link_new_hs(struct hs_link *l, bool group)
{
	struct fw_handshake *arr = hs_grow(l->hs, &l->cap_hs, l->n_hs + 1, sizeof(*arr));

	if (!arr)
		return -1;
	l->hs = arr;
	memset(&l->hs[l->n_hs], 0, sizeof(l->hs[0]));
	l->hs[l->n_hs].group = group;
	l->hs[l->n_hs].outcome = FW_OUT_INCOMPLETE;
	return (int)l->n_hs++;
}

static void unhash(struct fw_core *c, struct hs_link *l)
{
	struct hs_link **pp = &c->link_tab[pair_hash(l->pub.bssid, l->pub.sta, c->link_tab_size)];

	while (*pp && *pp != l)
		pp = &(*pp)->next;
	if (*pp)
		*pp = l->next;
}

/*
 * A Linux cooked header names only the sender, so an EAPOL-Key frame shows
 * one side of its link: the AP's messages have no station, the station's
 * no AP.  The two halves are the same link: a message whose other side is
 * unknown joins the link where that side is known, or completes a half
 * link waiting for it (the latest one).
 */
struct hs_link *hs_link_get_half(struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6])
{
	bool ap_known = !fw_mac_is_zero(bssid);
	struct hs_link *best = NULL, *half = NULL;

	for (size_t i = c->n_links; i-- > 0 && !best;) {
		struct hs_link *l = c->links[i];

		if (l->scope != hs_scope(c))
			continue;
		if (ap_known ? memcmp(l->pub.bssid, bssid, 6) == 0 && !fw_mac_is_zero(l->pub.sta)
			     : memcmp(l->pub.sta, sta, 6) == 0 && !fw_mac_is_zero(l->pub.bssid))
			best = l;
		else if (!half && (ap_known ? fw_mac_is_zero(l->pub.bssid) && !fw_mac_is_zero(l->pub.sta)
					    : fw_mac_is_zero(l->pub.sta) && !fw_mac_is_zero(l->pub.bssid)))
			half = l;
	}
	if (best)
		return best;
	if (half && !(c->opts.filter_bssid && ap_known && memcmp(bssid, c->opts.bssid, 6) != 0) &&
	    !(c->opts.filter_sta && !ap_known && memcmp(sta, c->opts.sta, 6) != 0)) {
		size_t h;

		unhash(c, half);
		memcpy(ap_known ? half->pub.bssid : half->pub.sta, ap_known ? bssid : sta, 6);
		h = pair_hash(half->pub.bssid, half->pub.sta, c->link_tab_size);
		half->next = c->link_tab[h];
		c->link_tab[h] = half;
		bssid_mark(c, half->pub.bssid);
		return half;
	}
	return hs_link_get(c, bssid, sta);
}
