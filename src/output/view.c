/*
 * view.c - snapshot of the core's read-only accessors for the renderers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output/fmt.h"
#include "output/view.h"
#include "util/err.h"

/* calloc of n pointers; a non-NULL pointer even for n == 0 keeps fini simple. */
static void *ptr_array(size_t n)
{
	return calloc(n ? n : 1, sizeof(void *));
}

/* A link's key as fw_out_finding_on_link() matches: BSSID, station, and the file unless merged. */
static int key_cmp(bool merged, const uint8_t *b1, const uint8_t *s1, unsigned f1, const uint8_t *b2,
		   const uint8_t *s2, unsigned f2)
{
	int r = memcmp(b1, b2, 6);

	if (!r)
		r = memcmp(s1, s2, 6);
	if (!r && !merged)
		r = (f1 > f2) - (f1 < f2);
	return r;
}

static _Thread_local const struct fw_view *sort_view;	/* qsort has no context argument */
static _Thread_local unsigned long long view_serial;	/* the last view's number (fw_view.serial) */

static int by_key(const void *a, const void *b)
{
	const struct fw_link *x = sort_view->links[*(const size_t *)a];
	const struct fw_link *y = sort_view->links[*(const size_t *)b];

	return key_cmp(sort_view->merged, x->bssid, x->sta, x->file, y->bssid, y->sta, y->file);
}

static int by_addr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)sort_view->links[*(const size_t *)a];
	uintptr_t y = (uintptr_t)sort_view->links[*(const size_t *)b];

	return (x > y) - (x < y);
}

/* The first of the links sorted by key (ord) whose key is not below finding f's. */
static size_t lower_bound(const struct fw_view *v, const size_t *ord, const struct fw_finding *f)
{
	size_t lo = 0, hi = v->n_links;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct fw_link *l = v->links[ord[mid]];

		if (key_cmp(v->merged, l->bssid, l->sta, l->file, f->bssid, f->sta, f->file) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Group the findings by link: two sorts and a counting pass, O((links +
 * findings) log links).  A finding goes to every link with its key.
 */
static int index_findings(struct fw_view *v)
{
	size_t nl = v->n_links, *key = calloc(nl + 1, sizeof(size_t)), *addr = calloc(nl + 1, sizeof(size_t));
	size_t *rank = calloc(nl + 1, sizeof(size_t)), *off = calloc(nl + 2, sizeof(size_t));
	size_t *fx = NULL, total = 0;
	const struct fw_link **links = calloc(nl + 1, sizeof(*links));
	int rc = FW_ENOMEM;

	if (!key || !addr || !rank || !off || !links)
		goto out;
	for (size_t i = 0; i < nl; i++)
		key[i] = addr[i] = i;
	sort_view = v;
	qsort(key, nl, sizeof(*key), by_key);
	qsort(addr, nl, sizeof(*addr), by_addr);
	sort_view = NULL;
	for (size_t k = 0; k < nl; k++) {
		rank[addr[k]] = k;	/* link index -> its place by address */
		links[k] = v->links[addr[k]];
	}
	/* count, then place: off[k + 1] counts the k-th link's findings first */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < v->n_findings; i++) {
			const struct fw_finding *f = v->findings[i];

			for (size_t j = lower_bound(v, key, f); j < nl; j++) {
				if (!fw_out_finding_on_link(v, f, v->links[key[j]]))
					break;
				if (pass == 0)
					off[rank[key[j]] + 1]++, total++;
				else
					fx[off[rank[key[j]]]++] = i;
			}
		}
		if (pass == 0) {
			for (size_t k = 0; k < nl; k++)
				off[k + 1] += off[k];
			fx = calloc(total ? total : 1, sizeof(*fx));
			if (!fx)
				goto out;
		}
	}
	/* the placing moved each start to the next one's: shift back */
	for (size_t k = nl; k > 0; k--)
		off[k] = off[k - 1];
	off[0] = 0;
	v->fx_links = links;
	v->fx_off = off;
	v->fx = fx;
	links = NULL;
	off = NULL;
	fx = NULL;
	rc = 0;
out:
	free(key);
	free(addr);
	free(rank);
	free(off);
	free(fx);
	free((void *)links);
	return rc;
}

/* l's place in the index (fx_links), or SIZE_MAX when it has none. */
static size_t fx_place(const struct fw_view *v, const struct fw_link *l)
{
	size_t lo = 0, hi = v->n_links;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)v->fx_links[mid] < (uintptr_t)l)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->n_links && v->fx_links[lo] == l ? lo : SIZE_MAX;
}

void fw_view_msg_owners(const struct fw_link *l, size_t *owner)
{
	for (size_t h = 0; h < l->n_hs; h++)
		for (size_t i = l->hs[h].first; i < l->n_msgs && i - l->hs[h].first < l->hs[h].count; i++)
			if (!owner[i])
				owner[i] = h + 1;
}

size_t fw_view_msg_owner(const struct fw_link *l, size_t i)
{
	for (size_t h = 0; h < l->n_hs; h++)
		if (i >= l->hs[h].first && i - l->hs[h].first < l->hs[h].count)
			return h + 1;
	return 0;
}

bool fw_view_link_finding(const struct fw_view *v, const struct fw_link *l, size_t k, size_t *i)
{
	size_t p;

	if (!v->fx_links) {
		/* a view built by hand: walk */
		for (size_t j = 0; j < v->n_findings; j++)
			if (fw_out_finding_on_link(v, v->findings[j], l) && k-- == 0) {
				*i = j;
				return true;
			}
		return false;
	}
	p = fx_place(v, l);
	if (p == SIZE_MAX || k >= v->fx_off[p + 1] - v->fx_off[p])
		return false;
	*i = v->fx[v->fx_off[p] + k];
	return true;
}

size_t fw_view_link_n_findings(const struct fw_view *v, const struct fw_link *l)
{
	size_t n = 0, p, j;

	if (!v->fx_links) {
		while (fw_view_link_finding(v, l, n, &j))
			n++;
		return n;
	}
	p = fx_place(v, l);
	return p == SIZE_MAX ? 0 : v->fx_off[p + 1] - v->fx_off[p];
}

int fw_view_init(struct fw_view *v, const struct fw_core *c)
{
	const struct fw_input **in;
	const struct fw_link **li;
	const struct fw_finding **fi;
	const char **no;

	memset(v, 0, sizeof(*v));
	in = ptr_array(fw_core_n_inputs(c));
	li = ptr_array(fw_core_n_links(c));
	fi = ptr_array(fw_core_n_findings(c));
	no = ptr_array(fw_core_n_notes(c));
	if (!in || !li || !fi || !no) {
		free(in);
		free(li);
		free(fi);
		free(no);
		return FW_ENOMEM;
	}
	v->n_inputs = fw_core_n_inputs(c);
	v->merged = fw_core_merged(c);
	for (size_t i = 0; i < v->n_inputs; i++)
		in[i] = fw_core_input(c, i);
	v->n_links = fw_core_n_links(c);
	for (size_t i = 0; i < v->n_links; i++)
		li[i] = fw_core_link(c, i);
	v->n_findings = fw_core_n_findings(c);
	for (size_t i = 0; i < v->n_findings; i++)
		fi[i] = fw_core_finding(c, i);
	v->n_notes = fw_core_n_notes(c);
	for (size_t i = 0; i < v->n_notes; i++)
		no[i] = fw_core_note(c, i);
	v->inputs = in;
	v->links = li;
	v->findings = fi;
	v->notes = no;
	if (index_findings(v) != 0) {
		fw_view_fini(v);
		return FW_ENOMEM;
	}
	v->serial = ++view_serial;
	return 0;
}

void fw_view_fini(struct fw_view *v)
{
	/* The arrays were allocated non-const by fw_view_init(). */
	free((void *)v->inputs);
	free((void *)v->links);
	free((void *)v->findings);
	free((void *)v->notes);
	free((void *)v->fx_links);
	free((void *)v->fx_off);
	free((void *)v->fx);
	memset(v, 0, sizeof(*v));
}
