/*
 * link.c - the link table: one link per (BSSID, station), found or created
 * by hs_link_get(), looked up only by hs_link_find().
 */
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"

static size_t pair_hash(const uint8_t a[6], const uint8_t b[6], size_t size)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < 6; i++)
		h = (h ^ a[i]) * 16777619u;
	for (int i = 0; i < 6; i++)
		h = (h ^ b[i]) * 16777619u;
	return h & (size - 1);
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
