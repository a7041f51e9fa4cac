/*
 * tui_rows.c - the rows of the links table, kept from one view to the
 * next (filtered and sorted here, never in the core).
 *
 * A row is a slot filled from its link: the texts the table shows and
 * sorts by.  At each new view (fw_view.serial) a link found again, with
 * the same address and a refresh the rows have already seen
 * (fw_link.refresh: its analysis and findings are the same), keeps its
 * row as it is; only the links analysed again, and new ones, are filled,
 * sorted among themselves and merged into the order kept.  So a refresh
 * costs a walk of the links plus the changed rows' sort, a key press
 * nothing here at all, and only a new filter or sort key sorts every row
 * again.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1	/* qsort_r(3) */
#endif
#include <stdlib.h>
#include <string.h>

#include "output/lstate.h"
#include "output/tui_internal.h"
#include "util/err.h"
#include "util/mac.h"

#define NONE SIZE_MAX

const char *tui_sort_name(enum tui_sort s)
{
	static const char *const names[SORT_COUNT] = {
		"seen", "age", "bssid", "station", "ssid", "state", "findings",
	};

	return s < SORT_COUNT ? names[s] : "?";
}

/* Verdict of the latest handshake with a MIC: bad beats ok beats unchecked. */
static const char *link_mic(const struct fw_link *l)
{
	for (size_t k = l->n_hs; k-- > 0;) {
		const struct fw_handshake *h = &l->hs[k];
		bool ok = false, bad = false, unchk = false;

		for (size_t i = h->first; i < h->first + h->count && i < l->n_msgs; i++) {
			ok |= l->msgs[i].mic == FW_MICV_OK;
			bad |= l->msgs[i].mic == FW_MICV_BAD;
			unchk |= l->msgs[i].mic == FW_MICV_UNCHECKED ||
				 l->msgs[i].mic == FW_MICV_KEY_WRONG;
		}
		if (bad)
			return "bad";
		if (ok)
			return "ok";
		if (unchk)
			return "unchk";
	}
	return "-";
}

/*
 * MAC retransmissions (Retry bit) and EAPOL ones (a type again in its
 * handshake): one pass, the (handshake, type) pairs seen so far in a small
 * open-addressed set (on the stack for the usual short lists), so that a
 * link of many messages costs their number, not its square.
 */
unsigned tui_link_retries(const struct fw_link *l)
{
	uint64_t small[128], *set = small;
	size_t cap = 128;
	unsigned n = 0;

	while (cap < 2 * l->n_msgs)
		cap *= 2;
	if (cap > 128 && !(set = calloc(cap, sizeof(*set)))) {
		/*
		 * no room for the set: the MAC retransmissions alone, a lower
		 * bound, rather than each message against all before it (the
		 * square of a hostile link's messages at every redraw)
		 */
		for (size_t i = 0; i < l->n_msgs; i++)
			n += l->msgs[i].retry;
		return n;
	}
	if (set == small)
		memset(small, 0, sizeof(small));
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		/* + 1: 0 marks an empty place */
		uint64_t key = ((uint64_t)m->handshake << 32 | (uint32_t)m->type) + 1;
		uint64_t h = key * 0x9e3779b97f4a7c15ULL;
		size_t k = (size_t)(h >> 32) & (cap - 1);
		bool again = false;

		while (set[k] && !again) {
			again = set[k] == key;
			if (!again)
				k = (k + 1) & (cap - 1);
		}
		if (!again)
			set[k] = key;
		n += again || m->retry;
	}
	if (set != small)
		free(set);
	return n;
}

static int64_t link_last(const struct fw_link *l)
{
	int64_t t = INT64_MIN;

	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].ts_ns > t)
			t = l->msgs[i].ts_ns;
	for (size_t i = 0; i < l->n_hs; i++)
		if (l->hs[i].ended && l->hs[i].end_ts_ns > t)
			t = l->hs[i].end_ts_ns;
	return t;
}

static void row_fill(struct fw_tui *t, const struct fw_view *v, struct tui_row *r,
		     const struct fw_link *l)
{
	r->l = l;
	memcpy(r->a_bssid, l->bssid, 6);
	memcpy(r->a_sta, l->sta, 6);
	r->file = l->file;
	fw_mac_fmt(r->bssid, l->bssid);
	fw_mac_fmt(r->sta, l->sta);
	r->ssid[0] = '\0';
	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid))
		tui_safe_text(r->ssid, sizeof(r->ssid), l->ssid, l->ssid_len);
	r->split = fw_out_link_state(l, r->state, sizeof(r->state), r->state_short, sizeof(r->state_short));
	r->mic = link_mic(l);
	r->retries = tui_link_retries(l);
	r->last_ts = link_last(l);
	r->n_find = fw_view_link_n_findings(v, l);
	t->work.built++;
}

static bool row_matches(const struct tui_row *r, const char *filter)
{
	if (!filter[0])
		return true;
	return strstr(r->bssid, filter) || strstr(r->sta, filter) || strstr(r->ssid, filter) ||
	       strstr(r->state, filter);
}

static int cmp_rows(const struct tui_row *x, const struct tui_row *y, enum tui_sort s)
{
	int c = 0;

	switch (s) {
	case SORT_AGE:
		c = x->last_ts > y->last_ts ? -1 : x->last_ts < y->last_ts;
		break;
	case SORT_BSSID:
		c = memcmp(x->a_bssid, y->a_bssid, 6);
		break;
	case SORT_STA:
		c = memcmp(x->a_sta, y->a_sta, 6);
		break;
	case SORT_SSID:
		c = strcmp(x->ssid, y->ssid);
		break;
	case SORT_STATE:
		c = strcmp(x->state, y->state);
		break;
	case SORT_FINDINGS:
		c = x->n_find > y->n_find ? -1 : x->n_find < y->n_find;
		break;
	default:
		break;
	}
	/* ties by order of appearance: no two rows compare equal, so there is one order */
	if (c == 0)
		c = x->seen < y->seen ? -1 : x->seen > y->seen;
	return c;
}

static int cmp_slots(const void *a, const void *b, void *ctx)
{
	const struct fw_tui *t = ctx;

	return cmp_rows(&t->rows[*(const size_t *)a], &t->rows[*(const size_t *)b], t->sort);
}

static void sort_slots(struct fw_tui *t, size_t *s, size_t n)
{
	if (n > 1)
		qsort_r(s, n, sizeof(*s), cmp_slots, t);
	t->work.sorted += n;
}

/* Where (bssid, sta) starts its probe in the hash. */
static size_t hash_of(const struct fw_tui *t, const uint8_t bssid[6], const uint8_t sta[6])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (int i = 0; i < 6; i++)
		h = (h ^ bssid[i]) * 0x100000001b3ULL;
	for (int i = 0; i < 6; i++)
		h = (h ^ sta[i]) * 0x100000001b3ULL;
	h ^= h >> 29;
	return (size_t)h & (t->hash_cap - 1);
}

static bool same_pair(const struct tui_row *r, const uint8_t bssid[6], const uint8_t sta[6])
{
	return memcmp(r->a_bssid, bssid, 6) == 0 && memcmp(r->a_sta, sta, 6) == 0;
}

/* The hash over the slots in use; false: out of memory (the caller gives up its rows). */
static bool hash_build(struct fw_tui *t)
{
	size_t used = t->n_slots - t->n_free, cap = 16;

	while (cap < 2 * used + 2)
		cap *= 2;
	if (cap != t->hash_cap) {
		size_t *h = malloc(cap * sizeof(*h));

		if (!h)
			return false;
		free(t->hash);
		t->hash = h;
		t->hash_cap = cap;
	}
	memset(t->hash, 0, t->hash_cap * sizeof(*t->hash));
	for (size_t s = 0; s < t->n_slots; s++) {
		size_t k;

		if (!t->rows[s].used)
			continue;
		for (k = hash_of(t, t->rows[s].a_bssid, t->rows[s].a_sta); t->hash[k];
		     k = (k + 1) & (t->hash_cap - 1))
			;
		t->hash[k] = s + 1;
	}
	return true;
}

/* The slot of the last view with l's address and file that this sync has not claimed yet. */
static size_t hash_claim(const struct fw_tui *t, const struct fw_link *l)
{
	if (!t->hash_cap)
		return NONE;
	for (size_t k = hash_of(t, l->bssid, l->sta); t->hash[k]; k = (k + 1) & (t->hash_cap - 1)) {
		const struct tui_row *r = &t->rows[t->hash[k] - 1];

		if (r->sync != t->n_sync && same_pair(r, l->bssid, l->sta) && r->file == l->file)
			return t->hash[k] - 1;
	}
	return NONE;
}

size_t tui_rows_find(const struct fw_tui *t, const uint8_t bssid[6], const uint8_t sta[6])
{
	size_t best = NONE;

	if (!t->hash_cap)
		return NONE;
	for (size_t k = hash_of(t, bssid, sta); t->hash[k]; k = (k + 1) & (t->hash_cap - 1)) {
		const struct tui_row *r = &t->rows[t->hash[k] - 1];

		if (same_pair(r, bssid, sta) && r->pos < best)
			best = r->pos;
	}
	return best;
}

/* sel from the remembered address pair (the first row when none). */
static void reselect(struct fw_tui *t)
{
	size_t k;

	t->sel = 0;
	if (t->has_sel) {
		k = tui_rows_find(t, t->sel_bssid, t->sel_sta);
		if (k != NONE)
			t->sel = k;
	} else if (t->n_rows) {
		memcpy(t->sel_bssid, tui_row_at(t, 0)->a_bssid, 6);
		memcpy(t->sel_sta, tui_row_at(t, 0)->a_sta, 6);
		t->has_sel = true;
	}
}

/* Each row's place in the order and the widths of the states shown, from ord. */
static void places(struct fw_tui *t)
{
	memset(t->n_state_w, 0, sizeof(t->n_state_w));
	memset(t->n_short_w, 0, sizeof(t->n_short_w));
	for (size_t s = 0; s < t->n_slots; s++)
		t->rows[s].pos = NONE;
	for (size_t k = 0; k < t->n_rows; k++) {
		struct tui_row *r = &t->rows[t->ord[k]];

		r->pos = k;
		t->n_state_w[strlen(r->state)]++;
		t->n_short_w[strlen(r->state_short)]++;
	}
}

/* No rows at all (out of memory): the table is empty until the next view. */
static int drop_rows(struct fw_tui *t)
{
	t->n_slots = t->n_free = t->n_rows = 0;
	t->synced = false;
	free(t->hash);
	t->hash = NULL;
	t->hash_cap = 0;
	places(t);
	return FW_ENOMEM;
}

/* Room for n more slots, the order and the free list. */
static bool room(struct fw_tui *t, size_t n)
{
	size_t need = t->n_slots + n;

	if (need > t->cap_slots) {
		struct tui_row *nr = realloc(t->rows, need * sizeof(*nr));
		size_t *nf, *no;

		if (!nr)
			return false;
		t->rows = nr;
		nf = realloc(t->free_slots, need * sizeof(*nf));
		if (!nf)
			return false;
		t->free_slots = nf;
		no = realloc(t->ord, need * sizeof(*no));
		if (!no)
			return false;
		t->ord = no;
		t->cap_slots = t->cap_ord = need;
	}
	return true;
}

/*
 * Merge the m sorted slots of add into the n_rows sorted ones of ord (room
 * for both), from the ends down: O(n_rows + m).
 */
static void merge(struct fw_tui *t, const size_t *add, size_t m)
{
	size_t i = t->n_rows, j = m, out = t->n_rows + m;

	while (j > 0) {
		if (i > 0 && cmp_slots(&t->ord[i - 1], &add[j - 1], t) > 0)
			t->ord[--out] = t->ord[--i];
		else
			t->ord[--out] = add[--j];
	}
	t->n_rows += m;
}

int tui_rows_sync(struct fw_tui *t, const struct fw_view *v)
{
	size_t n = v->n_links, nfresh = 0, kept = 0, *fresh;
	uint64_t top = 0;
	bool ordered = true;

	if (t->synced && v->serial && v->serial == t->view_serial)
		return 0;
	t->work.syncs++;
	t->n_sync++;
	fresh = malloc((n ? n : 1) * sizeof(*fresh));
	if (!fresh || !room(t, n)) {
		free(fresh);
		return drop_rows(t);
	}
	for (size_t i = 0; i < n; i++) {
		const struct fw_link *l = v->links[i];
		size_t s = hash_claim(t, l);
		struct tui_row *r;

		if (l->refresh > top)
			top = l->refresh;
		if (s != NONE && t->rows[s].l == l && l->refresh && l->refresh <= t->seen_refresh) {
			/* the same analysis as last time: the row stands */
			t->rows[s].sync = t->n_sync;
			t->rows[s].seen = i;
			continue;
		}
		if (s == NONE)
			s = t->n_free ? t->free_slots[--t->n_free] : t->n_slots++;
		r = &t->rows[s];
		row_fill(t, v, r, l);
		r->seen = i;
		r->sync = t->n_sync;
		r->used = true;
		r->pos = NONE;	/* placed again below */
		fresh[nfresh++] = s;
	}
	/* the rows whose link left the view */
	for (size_t s = 0; s < t->n_slots; s++)
		if (t->rows[s].used && t->rows[s].sync != t->n_sync) {
			t->rows[s].used = false;
			t->rows[s].pos = NONE;
			t->free_slots[t->n_free++] = s;
		}
	/*
	 * The order kept: the rows that stand, in their order, which stays
	 * sorted unless the links' order of appearance changed (checked: a
	 * full sort then).
	 */
	for (size_t k = 0; k < t->n_rows; k++) {
		size_t s = t->ord[k];

		if (t->rows[s].used && t->rows[s].pos != NONE) {
			if (kept && cmp_slots(&t->ord[kept - 1], &s, t) > 0)
				ordered = false;
			t->ord[kept++] = s;
		}
	}
	t->n_rows = kept;
	{
		size_t m = 0;

		for (size_t k = 0; k < nfresh; k++)
			if (row_matches(&t->rows[fresh[k]], t->filter))
				fresh[m++] = fresh[k];
		if (ordered) {
			sort_slots(t, fresh, m);
			merge(t, fresh, m);
		} else {
			memcpy(t->ord + t->n_rows, fresh, m * sizeof(*fresh));
			t->n_rows += m;
			sort_slots(t, t->ord, t->n_rows);
		}
	}
	free(fresh);
	if (!hash_build(t))
		return drop_rows(t);
	places(t);
	t->seen_refresh = top;
	t->view_serial = v->serial;
	t->synced = true;
	reselect(t);
	return 1;
}

int tui_rows_refilter(struct fw_tui *t)
{
	t->n_rows = 0;
	for (size_t s = 0; s < t->n_slots; s++)
		if (t->rows[s].used && row_matches(&t->rows[s], t->filter))
			t->ord[t->n_rows++] = s;
	sort_slots(t, t->ord, t->n_rows);
	places(t);
	reselect(t);
	return 0;
}

void tui_rows_resort(struct fw_tui *t)
{
	sort_slots(t, t->ord, t->n_rows);
	places(t);
	reselect(t);
}

void tui_rows_free(struct fw_tui *t)
{
	free(t->rows);
	free(t->free_slots);
	free(t->ord);
	free(t->hash);
}
