/*
 * tui_find.c - the findings of the live screen: the feed (newest first,
 * only those of the links the filter shows, one selected) and one finding
 * in full (its text wrapped to the screen, its evidence frames with their
 * roles, the findings it follows from and those that follow from it, as
 * analyze --json names them: id and caused_by).  The findings' indexes
 * (by id, by cause) are built when the view changes; drawing looks up,
 * never walks every finding.  The feed is kept across views as the rows
 * are (tui_rows.c): at a new view only the findings of the links analysed
 * again (fw_link.refresh) and new ones are sorted and merged into the
 * order kept, found again by id; a new filter sorts it all again.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1	/* qsort_r(3) */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "output/tstyle.h"
#include "output/tui_internal.h"
#include "util/err.h"
#include "util/mac.h"

/* Newest first: by time, then by position in the view (later first). */
static int cmp_feed(const void *a, const void *b, void *ctx)
{
	const struct fw_view *v = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int64_t x = v->findings[i]->ts_ns, y = v->findings[j]->ts_ns;

	if (x != y)
		return x > y ? -1 : 1;
	return i > j ? -1 : i < j;
}

/* By id, then by place in the view. */
static int cmp_id(const void *a, const void *b, void *ctx)
{
	const struct fw_view *v = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	unsigned x = v->findings[i]->id, y = v->findings[j]->id;

	if (x != y)
		return x < y ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* (cause id, finding) pairs: by the cause, then by the finding's place in the view. */
static int cmp_pair(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

int tui_find_index(struct fw_tui *t, const struct fw_view *v)
{
	size_t n = v->n_findings, np = 0;

	if (n > t->cap_fx) {
		size_t *bi = realloc(t->by_id, n * sizeof(*bi));
		size_t *co;

		if (!bi)
			goto oom;
		t->by_id = bi;
		co = realloc(t->cause_of, n * FW_FINDING_MAX_CAUSES * 2 * sizeof(*co));
		if (!co)
			goto oom;
		t->cause_of = co;
		t->cap_fx = n;
	}
	for (size_t i = 0; i < n; i++) {
		const struct fw_finding *g = v->findings[i];

		t->by_id[i] = i;
		for (size_t k = 0; k < g->n_causes && k < FW_FINDING_MAX_CAUSES; k++) {
			/* a finding names a cause once: the feed lists it once under it */
			bool again = false;

			for (size_t m = 0; m < k && !again; m++)
				again = g->caused_by[m] == g->caused_by[k];
			if (again)
				continue;
			t->cause_of[2 * np] = g->caused_by[k];
			t->cause_of[2 * np + 1] = i;
			np++;
		}
	}
	if (n > 1)
		qsort_r(t->by_id, n, sizeof(*t->by_id), cmp_id, (void *)v);
	if (np > 1)
		qsort(t->cause_of, np, 2 * sizeof(*t->cause_of), cmp_pair);
	t->n_cause_of = np;
	return 0;
oom:
	t->cap_fx = 0;
	t->n_cause_of = 0;
	return FW_ENOMEM;
}

const struct fw_finding *tui_finding_by_id(const struct fw_tui *t, const struct fw_view *v,
					   unsigned id)
{
	size_t lo = 0, hi = v->n_findings;

	if (!id || !t->by_id || t->cap_fx < v->n_findings)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->findings[t->by_id[mid]]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->n_findings && v->findings[t->by_id[lo]]->id == id ?
	       v->findings[t->by_id[lo]] : NULL;
}

/* Room for the feed of n findings, what it keeps of them, and a mark each. */
static int feed_room(struct fw_tui *t, size_t n)
{
	if (n > t->cap_feed) {
		size_t *nf = realloc(t->feed, n * sizeof(*nf));
		unsigned *ni;
		int64_t *nt;

		if (!nf)
			return FW_ENOMEM;
		t->feed = nf;
		ni = realloc(t->feed_id, n * sizeof(*ni));
		if (!ni)
			return FW_ENOMEM;
		t->feed_id = ni;
		nt = realloc(t->feed_ts, n * sizeof(*nt));
		if (!nt)
			return FW_ENOMEM;
		t->feed_ts = nt;
		t->cap_feed = n;
	}
	if (n > t->cap_fmark) {
		unsigned char *nm = realloc(t->fmark, n);

		if (!nm)
			return FW_ENOMEM;
		t->fmark = nm;
		t->cap_fmark = n;
	}
	return 0;
}

/* The feed gives up what it kept: empty until the next view. */
static int feed_drop(struct fw_tui *t)
{
	t->n_feed = 0;
	t->feed_kept = false;
	return FW_ENOMEM;
}

/* fmark: FM_SHOWN on the findings the feed lists (all, or those of the links the filter keeps). */
static void feed_members(struct fw_tui *t, const struct fw_view *v)
{
	if (!v->n_findings)
		return;
	memset(t->fmark, t->filter[0] ? 0 : FM_SHOWN, v->n_findings);
	if (t->filter[0])
		for (size_t r = 0; r < t->n_rows; r++)
			for (size_t k = 0, j; fw_view_link_finding(v, tui_row_at(t, r)->l, k, &j); k++)
				t->fmark[j] |= FM_SHOWN;
}

/* The highest fw_link.refresh of the view. */
static uint64_t top_refresh(const struct fw_view *v)
{
	uint64_t top = 0;

	for (size_t i = 0; i < v->n_links; i++)
		if (v->links[i]->refresh > top)
			top = v->links[i]->refresh;
	return top;
}

/* What the next view is compared with: each entry's id and time; the selection found again. */
static void feed_settle(struct fw_tui *t, const struct fw_view *v, uint64_t top)
{
	size_t n = t->n_feed;

	for (size_t k = 0; k < n; k++) {
		t->feed_id[k] = v->findings[t->feed[k]]->id;
		t->feed_ts[k] = v->findings[t->feed[k]]->ts_ns;
	}
	t->feed_refresh = top;
	t->feed_kept = true;
	t->fsel = 0;
	if (t->fsel_id) {
		bool found = false;

		for (size_t k = 0; k < n && !found; k++)
			if (v->findings[t->feed[k]]->id == t->fsel_id) {
				t->fsel = k;
				found = true;
			}
		if (!found) {
			t->fsel_id = 0;
			t->fopen = false;
		}
	}
}

int tui_feed_build(struct fw_tui *t, const struct fw_view *v)
{
	size_t n = 0;

	if (feed_room(t, v->n_findings) != 0)
		return feed_drop(t);
	feed_members(t, v);
	for (size_t i = 0; i < v->n_findings; i++)
		if (t->fmark[i] & FM_SHOWN)
			t->feed[n++] = i;
	if (n > 1)	/* feed is still NULL before the first finding */
		qsort_r(t->feed, n, sizeof(*t->feed), cmp_feed, (void *)v);
	t->n_feed = n;
	t->work.fed += n;
	feed_settle(t, v, top_refresh(v));
	return 0;
}

static size_t id_slot(const struct fw_tui *t, unsigned id)
{
	return (size_t)(((uint64_t)id * 0x9e3779b97f4a7c15ULL) >> 32) & (t->fid_cap - 1);
}

/*
 * The view's findings by id (index + 1; 0 empty).  An id twice in the
 * view (findings built by hand have none) is not trusted to name one
 * finding: both are marked FM_FRESH.  False: out of memory.
 */
static bool id_hash(struct fw_tui *t, const struct fw_view *v)
{
	size_t cap = 16;

	while (cap < 2 * v->n_findings + 2)
		cap *= 2;
	if (cap != t->fid_cap) {
		size_t *h = malloc(cap * sizeof(*h));

		if (!h)
			return false;
		free(t->fid_hash);
		t->fid_hash = h;
		t->fid_cap = cap;
	}
	memset(t->fid_hash, 0, t->fid_cap * sizeof(*t->fid_hash));
	for (size_t i = 0; i < v->n_findings; i++) {
		unsigned id = v->findings[i]->id;
		size_t k = id_slot(t, id);

		if (!id) {
			t->fmark[i] |= FM_FRESH;
			continue;
		}
		while (t->fid_hash[k] && v->findings[t->fid_hash[k] - 1]->id != id)
			k = (k + 1) & (t->fid_cap - 1);
		if (t->fid_hash[k]) {
			t->fmark[t->fid_hash[k] - 1] |= FM_FRESH;
			t->fmark[i] |= FM_FRESH;
		} else {
			t->fid_hash[k] = i + 1;
		}
	}
	return true;
}

/* The index in the view of the finding of that id, or SIZE_MAX. */
static size_t id_find(const struct fw_tui *t, const struct fw_view *v, unsigned id)
{
	for (size_t k = id_slot(t, id); t->fid_hash[k]; k = (k + 1) & (t->fid_cap - 1))
		if (v->findings[t->fid_hash[k] - 1]->id == id)
			return t->fid_hash[k] - 1;
	return SIZE_MAX;
}

int tui_feed_sync(struct fw_tui *t, const struct fw_view *v)
{
	size_t n = v->n_findings, nk = 0, m = 0, *add;
	uint64_t top = 0;
	bool ordered = true;

	if (!t->feed_kept)
		return tui_feed_build(t, v);
	if (feed_room(t, n) != 0)
		return feed_drop(t);
	add = malloc((n ? n : 1) * sizeof(*add));
	if (!add)
		return feed_drop(t);
	feed_members(t, v);
	if (!id_hash(t, v)) {
		free(add);
		return feed_drop(t);
	}
	/* the findings of the links analysed again (or built by hand) are placed anew */
	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];

		if (l->refresh > top)
			top = l->refresh;
		if (l->refresh && l->refresh <= t->feed_refresh)
			continue;
		for (size_t k = 0, j; fw_view_link_finding(v, l, k, &j); k++)
			t->fmark[j] |= FM_FRESH;
	}
	/*
	 * The entries kept, in their order: a finding of the same id and
	 * time, still listed, not on a link analysed again.  Their order is
	 * the feed's unless their places in the view moved (checked: a full
	 * sort then).
	 */
	for (size_t k = 0; k < t->n_feed; k++) {
		size_t j = id_find(t, v, t->feed_id[k]);

		if (j == SIZE_MAX || (t->fmark[j] & (FM_FRESH | FM_KEPT)) ||
		    !(t->fmark[j] & FM_SHOWN) || v->findings[j]->ts_ns != t->feed_ts[k])
			continue;
		t->fmark[j] |= FM_KEPT;
		if (nk && cmp_feed(&t->feed[nk - 1], &j, (void *)v) > 0)
			ordered = false;
		t->feed[nk++] = j;
	}
	for (size_t i = 0; i < n; i++)
		if ((t->fmark[i] & (FM_SHOWN | FM_KEPT)) == FM_SHOWN)
			add[m++] = i;
	if (ordered) {
		/* the new entries sorted, then merged into the kept ones from the ends down */
		size_t i = nk, j = m, out = nk + m;

		if (m > 1)
			qsort_r(add, m, sizeof(*add), cmp_feed, (void *)v);
		t->work.fed += m;
		while (j > 0) {
			if (i > 0 && cmp_feed(&t->feed[i - 1], &add[j - 1], (void *)v) > 0)
				t->feed[--out] = t->feed[--i];
			else
				t->feed[--out] = add[--j];
		}
	} else {
		memcpy(t->feed + nk, add, m * sizeof(*add));
		if (nk + m > 1)
			qsort_r(t->feed, nk + m, sizeof(*t->feed), cmp_feed, (void *)v);
		t->work.fed += nk + m;
	}
	free(add);
	t->n_feed = nk + m;
	feed_settle(t, v, top);
	return 0;
}

void tui_find_free(struct fw_tui *t)
{
	free(t->feed);
	free(t->feed_id);
	free(t->feed_ts);
	free(t->fid_hash);
	free(t->fmark);
	free(t->by_id);
	free(t->cause_of);
}

const struct fw_finding *tui_feed_selected(const struct fw_tui *t, const struct fw_view *v)
{
	if (!t->n_feed || t->fsel >= t->n_feed || t->feed[t->fsel] >= v->n_findings)
		return NULL;
	return v->findings[t->feed[t->fsel]];
}

/* Move the selection; it then stays on that finding as newer ones arrive. */
void tui_feed_move(struct fw_tui *t, const struct fw_view *v, long d)
{
	long s = (long)t->fsel + d;

	if (!t->n_feed)
		return;
	if (s < 0)
		s = 0;
	if (s >= (long)t->n_feed)
		s = (long)t->n_feed - 1;
	t->fsel = (size_t)s;
	t->fsel_id = v->findings[t->feed[t->fsel]]->id;
}

size_t tui_feed_lines(const struct fw_tui *t)
{
	return t->n_feed ? t->n_feed : 1;
}

void tui_draw_feed(struct fw_tui *t, const struct fw_view *v, int y, int h, int w)
{
	if (!t->n_feed) {
		tui_put(y, 0, w, t->filter[0] && v->n_findings ? " no finding on the links shown" :
			" no findings yet");
		return;
	}
	/* the selection stays in sight */
	if (t->fsel < t->scroll)
		t->scroll = t->fsel;
	if (h > 0 && t->fsel >= t->scroll + (size_t)h)
		t->scroll = t->fsel - (size_t)h + 1;
	if (t->scroll >= t->n_feed)
		t->scroll = 0;
	for (int i = 0; i < h && t->scroll + (size_t)i < t->n_feed; i++) {
		size_t k = t->scroll + (size_t)i;
		const struct fw_finding *f = v->findings[t->feed[k]];
		const struct fw_code_info *ci = fw_code_info(f->code);
		char tm[32], a[FW_MAC_STRLEN], s[FW_MAC_STRLEN], d[600], line[800];
		bool sel = k == t->fsel && t->focus == 1;
		int attr = sel ? A_REVERSE : 0;

		tui_hms(tm, sizeof(tm), f->ts_ns);
		tui_safe_text(d, sizeof(d), (const uint8_t *)f->detail, strlen(f->detail));
		/* narrow: no link (the table and the finding in full name it), seconds only */
		if (w >= 120)
			snprintf(line, sizeof(line), "%c%s %-7s %-22s %s > %s  %s", sel ? '>' : ' ', tm,
				 fw_severity_name(f->severity), ci ? ci->name : "?",
				 fw_mac_fmt(a, f->bssid), fw_mac_fmt(s, f->sta), d);
		else
			snprintf(line, sizeof(line), "%c%.8s %-7s %s  %s", sel ? '>' : ' ', tm,
				 fw_severity_name(f->severity), ci ? ci->name : "?", d);
		if (t->color && !sel)
			attron(COLOR_PAIR(tui_sev_color((int)f->severity)));
		attron(attr);
		tui_put(y + i, 0, w, line);
		attroff(attr);
		if (t->color && !sel)
			attroff(COLOR_PAIR(tui_sev_color((int)f->severity)));
	}
}

/* The lines of a finding in full: counted, or drawn inside [fscroll, fscroll + h). */
struct flines {
	struct fw_tui *t;
	int y, h, w;
	size_t line;
	bool draw;
};

static void fl_put(struct flines *p, const char *s, int color, int attr)
{
	if (p->draw && p->line >= p->t->fscroll && p->line < p->t->fscroll + (size_t)p->h) {
		int y = p->y + (int)(p->line - p->t->fscroll);

		if (color && p->t->color)
			attron(COLOR_PAIR(color));
		attron(attr);
		tui_put(y, 0, p->w, s);
		attroff(attr);
		if (color && p->t->color)
			attroff(COLOR_PAIR(color));
	}
	p->line++;
}

/* s wrapped at blanks to the width, each line after indent blanks. */
static void fl_wrap(struct flines *p, const char *s, int indent, int color)
{
	int width = p->w - indent - 1;
	char line[1024];

	if (width < 10)
		width = 10;
	if (width > (int)sizeof(line) - indent - 1)
		width = (int)sizeof(line) - indent - 1;
	while (*s) {
		int n = (int)strlen(s), cut = n;

		if (n > width) {
			cut = width;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = width;	/* one word longer than the line: split it */
		}
		snprintf(line, sizeof(line), "%*s%.*s", indent, "", cut, s);
		fl_put(p, line, color, 0);
		s += cut;
		while (*s == ' ')
			s++;
	}
}

/* "#3 EARLY_KEY_INSTALL (error)" */
static void fl_ref(struct flines *p, const struct fw_finding *f, unsigned id)
{
	const struct fw_code_info *ci = f ? fw_code_info(f->code) : NULL;
	char b[128];

	if (f)
		snprintf(b, sizeof(b), "   #%u %s (%s)", id, ci ? ci->name : "?",
			 fw_severity_name(f->severity));
	else
		snprintf(b, sizeof(b), "   #%u", id);
	fl_put(p, b, f ? tui_sev_color((int)f->severity) : 0, 0);
}

/* The first (cause id, finding) pair of cause id, or n_cause_of. */
static size_t cause_first(const struct fw_tui *t, unsigned id)
{
	size_t lo = 0, hi = t->n_cause_of;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->cause_of[2 * mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void finding_lines(struct flines *p, const struct fw_view *v, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	char b[1024], a[FW_MAC_STRLEN], s[FW_MAC_STRLEN], tm[32], d[600];
	size_t used = 0, nc = 0;

	snprintf(b, sizeof(b), " #%u %s %s", f->id, fw_severity_name(f->severity), ci ? ci->name : "?");
	fl_put(p, b, tui_sev_color((int)f->severity), A_BOLD);
	tui_hms(tm, sizeof(tm), f->ts_ns);
	snprintf(b, sizeof(b), " link %s > %s, at %s UTC", fw_mac_fmt(a, f->bssid),
		 fw_mac_fmt(s, f->sta), tm);
	fl_put(p, b, 0, 0);
	if (f->diagnosis[0]) {
		tui_safe_text(d, sizeof(d), (const uint8_t *)f->diagnosis, strlen(f->diagnosis));
		snprintf(b, sizeof(b), " diagnosis: %s", d);
		fl_put(p, b, 0, 0);
	}
	fl_put(p, "", 0, 0);
	tui_safe_text(d, sizeof(d), (const uint8_t *)f->detail, strlen(f->detail));
	fl_wrap(p, d, 1, 0);
	fl_put(p, "", 0, 0);
	fl_put(p, " evidence (frame role):", 0, A_BOLD);
	b[0] = '\0';
	for (size_t i = 0; i < n && used < sizeof(b); i++) {
		char fr[48];
		int k = snprintf(b + used, sizeof(b) - used, "%s%s %s", i ? ", " : "",
				 fw_tx_frame(fr, sizeof(fr), v, f->frames[i].file, f->frames[i].frame),
				 fw_role_name((enum fw_role)f->frames[i].role));

		if (k < 0)
			break;
		used += (size_t)k;
	}
	fl_wrap(p, n ? b : "none", 3, 0);
	fl_put(p, " caused by:", 0, A_BOLD);
	for (size_t i = 0; i < f->n_causes && i < FW_FINDING_MAX_CAUSES; i++)
		fl_ref(p, tui_finding_by_id(p->t, v, f->caused_by[i]), f->caused_by[i]);
	if (!f->n_causes)
		fl_put(p, "   none: this is a cause", 0, 0);
	fl_put(p, " consequences:", 0, A_BOLD);
	for (size_t k = cause_first(p->t, f->id); f->id && k < p->t->n_cause_of &&
	     p->t->cause_of[2 * k] == f->id; k++) {
		const struct fw_finding *g = v->findings[p->t->cause_of[2 * k + 1]];

		fl_ref(p, g, g->id);
		nc++;
	}
	if (!nc)
		fl_put(p, "   none", 0, 0);
}

size_t tui_finding_lines(struct fw_tui *t, const struct fw_view *v, int w)
{
	struct flines p = { .t = t, .w = w, .draw = false };
	const struct fw_finding *f = tui_feed_selected(t, v);

	if (f)
		finding_lines(&p, v, f);
	return p.line;
}

void tui_draw_finding(struct fw_tui *t, const struct fw_view *v, int y, int h, int w)
{
	struct flines p = { .t = t, .y = y, .h = h, .w = w, .draw = true };
	const struct fw_finding *f = tui_feed_selected(t, v);

	if (!f) {
		tui_put(y, 0, w, " the finding is no longer shown");
		return;
	}
	finding_lines(&p, v, f);
}
