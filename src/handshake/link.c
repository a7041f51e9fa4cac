/*
 * link.c - the link table: one link per (BSSID, station), found or created
 * by hs_link_get(), looked up only by hs_link_find().
 *
 * The table is capped (struct fw_core_opts.max_links, --max-links): frames
 * from anyone in radio range can name any number of stations, and each
 * link costs memory until the end of the run.  Links are kept on a recency
 * list (most recently found or created first); when a new link would pass
 * the cap, the least recently active ones are dropped, a batch at a time so
 * that the array of links (in creation order, which the reports follow) is
 * compacted once per batch, not once per link.  One note, updated in
 * place, says how many were dropped.  Networks (net.c) have the same cap.
 *
 * A link's arrays start at one element and double (most links of a
 * hostile capture hold a single message); a link's messages hold at most
 * HS_LINK_MSG_BUDGET bytes, later ones are dropped with a note.
 *
 * A link's memory is this file's: the link, the copy of it a refresh runs
 * the passes on (hs_link_snapshot), and their ends.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/feedidx.h"
#include "handshake/internal.h"
#include "util/mac.h"

#define HS_LINK_FIRST_MSGS 1
/*
 * The budget of all links' messages together: a message costs its record,
 * its private state, its EAPOL frame and the parts it may come to hold
 * apart (hs_msg_parts_cost(): some 740 bytes a msg 1/4, 1.2 kB a msg
 * 3/4).  256 MiB is some 360,000 messages, tens of thousands of
 * handshakes; the passes copy the records once more, so messages take at
 * most about twice this.
 */
#define HS_MSG_BUDGET ((size_t)256 << 20)
/*
 * The share one link may take, half the budget: some 115,000 to 180,000
 * messages.  A link up all day that re-keys or reconnects every second,
 * or a capture where one station retries for hours, is analysed entirely, while
 * a link that floods the air still leaves half the room to the others.
 * The passes look at one handshake's messages through an index (byhs.c),
 * so a link of that size costs seconds, not hours.
 */
#define HS_LINK_MSG_BUDGET ((size_t)128 << 20)
/* links dropped at once when the cap is reached: 1/64 of it */
#define HS_EVICT_SHIFT 6
#define HS_LINK_ALIGN 128

static void bssid_mark(struct fw_core *c, const uint8_t bssid[6])
{
	unsigned bit = hs_bssid_bit(bssid);

	c->bssid_seen[bit / 64] |= (uint64_t)1 << (bit % 64);
}

static struct hs_link *link_of(struct hs_lru_node *n)
{
	return (struct hs_link *)(void *)((char *)n - offsetof(struct hs_link, lru));
}

void hs_link_arrays_free(struct hs_link *l)
{
	for (size_t i = 0; l->ptk_cache && i < l->n_ptk; i++)
		fw_ptk_wipe(&l->ptk_cache[i].ptk);
	free(l->ptk_cache);
	hs_tks_free(l->tks);
	free(l->pn_events);
	free(l->kev);
	free(l->msgs);
	free(l->priv);
	free(l->hs);
	free(l->hsx);
	hs_rcset_free(l);
	hs_feedx_free(l);
	free(l->ev);
	free(l->pframes);
	free(l->eap);
}

static size_t msg_cost(size_t bytes)
{
	return sizeof(struct fw_msg) + sizeof(struct hs_msg_priv) + bytes;
}

/* A message past its link's share: dropped, counted in one note for the run. */
static void link_full(struct fw_core *c, struct hs_link *l)
{
	c->n_msgs_dropped++;
	if (!l->full) {
		l->full = true;
		c->n_links_full++;
	}
	/* one note for the whole input, its numbers kept up to date in place */
	hs_note_update(c, &c->msgs_drop_note, "%llu link%s reached the limit of %zu MiB of "
		       "EAPOL-Key messages per link: %llu later message%s dropped, not analysed",
		       (unsigned long long)c->n_links_full, c->n_links_full == 1 ? "" : "s",
		       HS_LINK_MSG_BUDGET >> 20, (unsigned long long)c->n_msgs_dropped,
		       c->n_msgs_dropped == 1 ? "" : "s");
}

bool hs_msg_budget_take(struct fw_core *c, struct hs_link *l, size_t bytes)
{
	size_t cost = msg_cost(bytes);

	/* once full, full: a message let in after one was dropped would look lost on the air */
	if (l->full || l->msg_bytes + cost > HS_LINK_MSG_BUDGET) {
		link_full(c, l);
		return false;
	}
	if (c->msg_bytes + cost > HS_MSG_BUDGET) {
		c->n_msgs_over_budget++;
		hs_note_update(c, &c->budget_note, "the messages of all links reached their memory "
			       "budget (%zu MiB): %llu later EAPOL-Key message%s dropped, not analysed",
			       HS_MSG_BUDGET >> 20, (unsigned long long)c->n_msgs_over_budget,
			       c->n_msgs_over_budget == 1 ? "" : "s");
		return false;
	}
	c->msg_bytes += cost;
	l->msg_bytes += cost;
	return true;
}

void hs_msg_budget_give(struct fw_core *c, struct hs_link *l, size_t bytes)
{
	size_t cost = msg_cost(bytes);

	c->msg_bytes -= cost;
	l->msg_bytes -= cost;
}

/*
 * The elements a link and its messages own, and its messages' parts held
 * apart (msgmore.c), in the original and in each snapshot alike.
 */
static void elems_free(struct hs_link *l)
{
	for (size_t i = 0; l->priv && i < l->n_msgs; i++)
		free(l->priv[i].rsne);
	for (size_t i = 0; l->msgs && i < l->n_msgs; i++)
		hs_msg_parts_free(&l->msgs[i]);
	free(l->assoc_rsne);
}

static void link_free(struct hs_link *l)
{
	hs_link_cache_free(l);
	for (size_t i = 0; i < l->n_msgs; i++)
		free(l->priv[i].eapol);
	elems_free(l);
	hs_link_arrays_free(l);
	free(l);
}

static void hash_remove(struct fw_core *c, struct hs_link *l)
{
	struct hs_link **pp = &c->link_tab[hs_pair_hash(l->pub.bssid, l->pub.sta, c->link_tab_size)];

	while (*pp && *pp != l)
		pp = &(*pp)->next;
	if (*pp)
		*pp = l->next;
}

/* Drop the least recently active links, then compact the array of links. */
static void evict(struct fw_core *c, size_t max)
{
	size_t batch = max >> HS_EVICT_SHIFT, j = 0;

	if (batch == 0)
		batch = 1;
	hs_snapshots_drop(c);
	for (size_t k = 0; k < batch && c->link_lru.tail; k++) {
		struct hs_link *l = link_of(c->link_lru.tail);

		hs_lru_remove(&c->link_lru, &l->lru);
		hash_remove(c, l);
		l->evicted = true;
		c->n_evicted++;
	}
	/* frames waiting for an ACK (ack.c) keep their link: forget the dropped ones */
	if (c->last_link && c->last_link->evicted)
		c->last_link = NULL;
	for (size_t i = 0; i < c->n_srcs; i++)
		for (size_t k = 0; k < c->pending[i].n; k++)
			if (c->pending[i].q[k].l && c->pending[i].q[k].l->evicted)
				c->pending[i].q[k].l = NULL;
	hs_sight_forget_evicted(c);
	for (size_t i = 0; i < c->n_links; i++) {
		if (c->links[i]->evicted) {
			c->msg_bytes -= c->links[i]->msg_bytes;
			link_free(c->links[i]);
		}
		else
			c->links[j++] = c->links[i];
	}
	c->n_links = j;
	hs_note_update(c, &c->evict_note, "more than %zu links (BSSID, station pairs): the %llu "
		       "least recently active were dropped with their messages (--max-links)",
		       max, (unsigned long long)c->n_evicted);
}

/*
 * Keep chains short as links come (a hostile capture brings thousands):
 * twice the buckets once there are as many links as buckets.  Out of memory,
 * the table stays as it is, only slower.
 */
static void tab_grow(struct fw_core *c)
{
	size_t size = c->link_tab_size * 2;
	struct hs_link **tab = calloc(size, sizeof(*tab));

	if (!tab)
		return;
	for (size_t i = 0; i < c->n_links; i++) {
		struct hs_link *l = c->links[i];
		size_t h = hs_pair_hash(l->bssid, l->sta, size);

		l->next = tab[h];
		tab[h] = l;
	}
	free(c->link_tab);
	c->link_tab = tab;
	c->link_tab_size = size;
}

struct hs_link *hs_link_get(struct fw_core *c, const uint8_t bssid[6], const uint8_t sta[6])
{
	size_t max = hs_max_links(c);
	struct hs_link *l;
	struct hs_link **arr;
	size_t h;

	if (c->opts.filter_bssid && memcmp(bssid, c->opts.bssid, 6) != 0)
		return NULL;
	if (c->opts.filter_sta && memcmp(sta, c->opts.sta, 6) != 0)
		return NULL;
	l = hs_link_find(c, bssid, sta);
	if (l) {
		hs_lru_touch(&c->link_lru, &l->lru);
		return l;
	}
	if (c->n_links >= max)
		evict(c, max);
	if (c->n_links >= c->link_tab_size)
		tab_grow(c);
	arr = hs_grow(c->links, &c->cap_links, c->n_links + 1, sizeof(*arr));
	if (!arr)
		return NULL;
	c->links = arr;
	/* its first two lines one pair the core fetches together: every frame of the link reads them */
	l = aligned_alloc(HS_LINK_ALIGN, (sizeof(*l) + HS_LINK_ALIGN - 1) & ~(size_t)(HS_LINK_ALIGN - 1));
	if (!l)
		return NULL;
	memset(l, 0, sizeof(*l));
	memcpy(l->pub.bssid, bssid, 6);
	memcpy(l->pub.sta, sta, 6);
	memcpy(l->bssid, bssid, 6);
	memcpy(l->sta, sta, 6);
	l->scope = hs_scope(c);
	l->pub.file = c->cur_input;
	l->cur_hs = -1;
	l->cur_ghs = -1;
	h = hs_pair_hash(bssid, sta, c->link_tab_size);
	l->next = c->link_tab[h];
	c->link_tab[h] = l;
	c->links[c->n_links++] = l;
	bssid_mark(c, bssid);
	hs_lru_touch(&c->link_lru, &l->lru);
	return l;
}

void hs_link_free_all(struct fw_core *c)
{
	for (size_t i = 0; i < c->n_links; i++)
		link_free(c->links[i]);
	c->n_links = 0;
	c->msg_bytes = 0;
	c->link_lru.head = c->link_lru.tail = NULL;
}

/* Double an array of elem-sized items (first: the capacity of a new one). */
static void *grow(void *arr, size_t cap, size_t *ncap, size_t elem, size_t first)
{
	*ncap = cap ? cap * 2 : first;
	if (*ncap > SIZE_MAX / elem)
		return NULL;
	return realloc(arr, *ncap * elem);
}

struct fw_msg *hs_link_add_msg(struct hs_link *l, struct hs_msg_priv **priv)
{
	if (l->n_msgs == l->cap_msgs) {
		size_t ncap;
		struct fw_msg *m = grow(l->msgs, l->cap_msgs, &ncap, sizeof(*m), HS_LINK_FIRST_MSGS);
		struct hs_msg_priv *p;

		if (!m)
			return NULL;
		l->msgs = m;
		p = grow(l->priv, l->cap_msgs, &ncap, sizeof(*p), HS_LINK_FIRST_MSGS);
		if (!p)
			return NULL;	/* msgs is larger than cap_msgs says: harmless */
		l->priv = p;
		l->cap_msgs = ncap;
	}
	*priv = &l->priv[l->n_msgs];
	memset(*priv, 0, sizeof(**priv));
	memset(&l->msgs[l->n_msgs], 0, sizeof(struct fw_msg));
	return &l->msgs[l->n_msgs++];
}

void hs_caps_note(struct fw_core *c)
{
	uint64_t links = 0, events = 0, mlinks = 0, mframes = 0;

	for (size_t i = 0; i < c->n_links; i++) {
		if (c->links[i]->kev_dropped) {
			links++;
			events += c->links[i]->kev_dropped;
		}
		if (c->links[i]->mgmt_dropped) {
			mlinks++;
			mframes += c->links[i]->mgmt_dropped;
		}
	}
	if (mlinks)
		hs_note_update(c, &c->mgmt_note, "%llu link%s reached the limit of %d protected "
			       "management frames kept per link: %llu later frame%s not kept (what "
			       "each said to the key model, and its packet number, still counted)",
			       (unsigned long long)mlinks, mlinks == 1 ? "" : "s",
			       HS_MGMT_PFRAMES_MAX, (unsigned long long)mframes,
			       mframes == 1 ? "" : "s");
	if (!links)
		return;
	hs_note_update(c, &c->kev_note, "%llu link%s reached the limit of %d key events "
		       "(associations, deauthentications, SA Queries) per link: %llu later event%s "
		       "not modelled, so which key each side held after them is not known",
		       (unsigned long long)links, links == 1 ? "" : "s", HS_KEV_MAX,
		       (unsigned long long)events, events == 1 ? "" : "s");
}

int hs_link_new_hs(struct hs_link *l, bool group)
{
	if (l->n_hs == l->cap_hs) {
		size_t ncap;
		struct fw_handshake *arr = grow(l->hs, l->cap_hs, &ncap, sizeof(*arr), 1);

		if (!arr)
			return -1;
		l->hs = arr;
		if (l->hsx || l->n_hs == 0) {
			struct hs_hs_index *x = realloc(l->hsx, ncap * sizeof(*x));

			if (!x)
				return -1;
			l->hsx = x;
		}
		l->cap_hs = ncap;
	}
	if (l->hsx)
		memset(&l->hsx[l->n_hs], 0, sizeof(l->hsx[0]));
	memset(&l->hs[l->n_hs], 0, sizeof(l->hs[0]));
	l->hs[l->n_hs].group = group;
	l->hs[l->n_hs].outcome = FW_OUT_INCOMPLETE;
	return (int)l->n_hs++;
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
	if (best) {
		hs_touch(best);
		return best;
	}
	if (half && !(c->opts.filter_bssid && ap_known && memcmp(bssid, c->opts.bssid, 6) != 0) &&
	    !(c->opts.filter_sta && !ap_known && memcmp(sta, c->opts.sta, 6) != 0)) {
		size_t h;

		hs_touch(half);
		hash_remove(c, half);
		memcpy(ap_known ? half->pub.bssid : half->pub.sta, ap_known ? bssid : sta, 6);
		memcpy(ap_known ? half->bssid : half->sta, ap_known ? bssid : sta, 6);
		h = hs_pair_hash(half->pub.bssid, half->pub.sta, c->link_tab_size);
		half->next = c->link_tab[h];
		c->link_tab[h] = half;
		bssid_mark(c, half->pub.bssid);
		return half;
	}
	return hs_link_get(c, bssid, sta);
}

static void *dup_array(const void *p, size_t n, size_t elem)
{
	void *d;

	if (n == 0)
		return NULL;
	d = malloc(n * elem);
	if (d)
		memcpy(d, p, n * elem);
	return d;
}

/* A copy, its own arrays and elements; priv[].eapol belongs to the original link. */
void hs_link_snapshot_free(struct hs_link *s)
{
	elems_free(s);
	hs_link_arrays_free(s);
	free(s);
}

/*
 * The snapshot s's own copies of l's elements and messages' rarer parts,
 * in place of the pointers its struct, msgs and priv copies share with l
 * (false: one is missing, out of memory; s owns whatever it then holds).
 */
static bool elems_dup(struct hs_link *s, const struct hs_link *l)
{
	bool ok = true;

	s->assoc_rsne = hs_elem_dup(l->assoc_rsne, &ok);
	for (size_t i = 0; s->priv && i < l->n_msgs; i++)
		s->priv[i].rsne = hs_elem_dup(l->priv[i].rsne, &ok);
	for (size_t i = 0; s->msgs && i < l->n_msgs; i++)
		hs_msg_parts_dup(&s->msgs[i], &l->msgs[i], &ok);
	return ok;
}

/*
 * fw_core_refresh() runs the passes on a copy of each link, so the link
 * the feed goes on with keeps exactly its fed state (message order,
 * indices, ACK and grouping state) whatever the passes change.  The copy
 * duplicates every array the passes may write, the elements (the passes
 * may add a message's) and the messages' rarer parts (they may write
 * them); the EAPOL frames (priv[].eapol) are only read and stay shared
 * with the original.
 */
struct hs_link *hs_link_snapshot(const struct hs_link *l)
{
	struct hs_link *s = malloc(sizeof(*s));
	bool own;

	if (!s)
		return NULL;
	*s = *l;
	s->next = NULL;
	s->cached = NULL;	/* the cache is the original's */
	s->cached_fx = NULL;
	s->n_cached_fx = 0;
	s->msgs = dup_array(l->msgs, l->n_msgs, sizeof(*l->msgs));
	s->priv = dup_array(l->priv, l->n_msgs, sizeof(*l->priv));
	own = elems_dup(s, l);
	s->hs = dup_array(l->hs, l->n_hs, sizeof(*l->hs));
	s->hsx = NULL;	/* the passes' rebinding scans; the feed's index stays the original's */
	s->rcset = NULL;	/* classify.c's, the feed's alone */
	s->feedx = NULL;	/* eapol.c's, the feed's alone */
	s->ev = dup_array(l->ev, l->n_ev, sizeof(*l->ev));
	s->pframes = dup_array(l->pframes, l->n_pframes, sizeof(*l->pframes));
	s->eap = dup_array(l->eap, l->n_eap, sizeof(*l->eap));
	s->pn_events = dup_array(l->pn_events, l->n_pn_events, sizeof(*l->pn_events));
	s->kev = dup_array(l->kev, l->n_kev, sizeof(*l->kev));
	s->tks = dup_array(l->tks, l->tks ? 1 : 0, sizeof(*l->tks));
	s->peek_hint = NULL;	/* the original's */
	if (s->tks) {	/* key schedules stay the original's */
		s->tks->tk_new.peek = s->tks->tk_prev.peek = (struct fw_aead_peek_key){ 0 };
		s->tks->tk_new.full = s->tks->tk_prev.full = (struct fw_aead_key){ 0 };
	}
	/* the PTK cache is the copy's own: its passes fill it, its end wipes it */
	s->ptk_cache = dup_array(l->ptk_cache, l->cap_ptk, sizeof(*l->ptk_cache));
	s->cap_msgs = l->n_msgs;
	s->cap_hs = l->n_hs;
	s->cap_ev = l->n_ev;
	s->cap_pframes = l->n_pframes;
	s->cap_eap = l->n_eap;
	s->cap_pn_events = l->n_pn_events;
	s->cap_kev = l->n_kev;
	if (!own || (l->n_msgs && (!s->msgs || !s->priv)) || (l->n_hs && !s->hs) ||
	    (l->n_ev && !s->ev) || (l->n_pframes && !s->pframes) || (l->n_eap && !s->eap) ||
	    (l->ptk_cache && !s->ptk_cache) || (l->n_pn_events && !s->pn_events) ||
	    (l->n_kev && !s->kev) || (l->tks && !s->tks)) {
		hs_link_snapshot_free(s);
		return NULL;
	}
	return s;
}

/* Messages of one handshake side by side: sort a link's messages by handshake, stably. */
void hs_link_sort_by_handshake(struct hs_link *l)
{
	/*
	 * A counting sort when every message has a handshake: answers bound
	 * to an early handshake at the end of a long link cost the insertion
	 * sort below the square of its size.  It then finds the order sorted.
	 */
	size_t n_hs = l->n_hs, *next = NULL;
	struct fw_msg *msgs = NULL;
	struct hs_msg_priv *priv = NULL;
	bool sorted = true, all = true;

	hs_feedx_free(l);	/* its indices are the capture order's */
	for (size_t i = 0; i < l->n_msgs; i++) {
		all = all && l->msgs[i].handshake < n_hs;
		sorted = sorted && (i == 0 || l->msgs[i - 1].handshake <= l->msgs[i].handshake);
	}
	if (!sorted && all && (next = calloc(n_hs + 1, sizeof(*next))) &&
	    (msgs = malloc(l->n_msgs * sizeof(*msgs))) && (priv = malloc(l->n_msgs * sizeof(*priv)))) {
		for (size_t i = 0; i < l->n_msgs; i++)
			next[l->msgs[i].handshake + 1]++;
		for (size_t h = 0; h < n_hs; h++)
			next[h + 1] += next[h];
		for (size_t i = 0; i < l->n_msgs; i++) {
			size_t k = next[l->msgs[i].handshake]++;

			msgs[k] = l->msgs[i];
			priv[k] = l->priv[i];
		}
		memcpy(l->msgs, msgs, l->n_msgs * sizeof(*msgs));
		memcpy(l->priv, priv, l->n_msgs * sizeof(*priv));
	}
	free(next);
	free(msgs);
	free(priv);
	/* insertion sort: links hold few messages, and the order is nearly sorted */
	for (size_t i = 1; i < l->n_msgs; i++) {
		struct fw_msg m = l->msgs[i];
		struct hs_msg_priv p = l->priv[i];
		size_t j = i;

		while (j > 0 && l->msgs[j - 1].handshake > m.handshake) {
			l->msgs[j] = l->msgs[j - 1];
			l->priv[j] = l->priv[j - 1];
			j--;
		}
		l->msgs[j] = m;
		l->priv[j] = p;
	}
	/* sorted: each handshake's messages are one run, found in one pass */
	for (size_t h = 0; h < l->n_hs; h++) {
		l->hs[h].first = 0;
		l->hs[h].count = 0;
	}
	for (size_t i = 0; i < l->n_msgs; i++) {
		size_t h = l->msgs[i].handshake;

		if (h >= l->n_hs)
			continue;
		if (l->hs[h].count++ == 0)
			l->hs[h].first = i;
	}
}

void hs_link_cache_free(struct hs_link *l)
{
	if (l->cached)
		hs_link_snapshot_free(l->cached);
	free(l->cached_fx);
	l->cached = NULL;
	l->cached_fx = NULL;
	l->n_cached_fx = 0;
}

/* The copies themselves belong to their links (hs_link.cached). */
void hs_snapshots_free(struct fw_core *c)
{
	free(c->snap);
	c->snap = NULL;
	c->n_snap = 0;
}

/*
 * A snapshot shares its link's EAPOL copies, so the published view must not
 * outlive the eviction of any link: it is emptied until the next refresh.
 */
void hs_snapshots_drop(struct fw_core *c)
{
	if (!c->snap)
		return;
	hs_snapshots_free(c);
	c->n_shown = 0;
	c->n_findings = 0;
}
