/*
 * tui_panes.c - the panes of the live screen: the links table (rows built
 * from the view, filtered and sorted here, never in the core) and the
 * detail pane (the selected link's handshakes drawn by ladder.c, the rows
 * of a finding's evidence marked, then its findings).  The findings feed
 * is tui_find.c's.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1	/* qsort_r(3) */
#endif
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "output/fmt.h"
#include "output/ladder.h"
#include "output/lstate.h"
#include "output/tstyle.h"
#include "output/tui_internal.h"
#include "util/err.h"
#include "util/mac.h"

/* Column widths of the table; SSID takes what is left. */
#define W_MAC 17
#define W_STATE 8
#define W_AGE 5
#define W_RTY 3
#define W_MIC 5
#define W_FND 3
#define W_SIG 4

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

/* MAC retransmissions (Retry bit) and EAPOL ones (a type again in its handshake). */
static unsigned link_retries(const struct fw_link *l)
{
	unsigned n = 0;

	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		bool again = m->retry;

		for (size_t j = 0; j < i && !again; j++)
			again = l->msgs[j].handshake == m->handshake && l->msgs[j].type == m->type;
		n += again;
	}
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

/* Terminal-safe text of n bytes (fw_tx_safe), into buf. */
void tui_safe_text(char *buf, size_t len, const uint8_t *s, size_t n)
{
	FILE *m = fmemopen(buf, len, "w");

	buf[0] = '\0';
	if (!m)
		return;
	fw_tx_safe(m, s, n, false);
	fclose(m);
	buf[len - 1] = '\0';
}

static bool row_matches(const struct tui_row *r, const char *filter)
{
	char a[FW_MAC_STRLEN], b[FW_MAC_STRLEN];

	if (!filter[0])
		return true;
	return strstr(fw_mac_fmt(a, r->l->bssid), filter) || strstr(fw_mac_fmt(b, r->l->sta), filter) ||
	       strstr(r->ssid, filter) || strstr(r->state, filter);
}

static int cmp_rows(const struct tui_row *x, const struct tui_row *y, enum tui_sort s)
{
	int c = 0;

	switch (s) {
	case SORT_AGE:
		c = x->last_ts > y->last_ts ? -1 : x->last_ts < y->last_ts;
		break;
	case SORT_BSSID:
		c = memcmp(x->l->bssid, y->l->bssid, 6);
		break;
	case SORT_STA:
		c = memcmp(x->l->sta, y->l->sta, 6);
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
	if (c == 0)
		c = x->seen < y->seen ? -1 : x->seen > y->seen;
	return c;
}

static int cmp_rows_q(const void *a, const void *b, void *sort)
{
	return cmp_rows(a, b, *(const enum tui_sort *)sort);
}

int tui_rows_build(struct fw_tui *t, const struct fw_view *v)
{
	size_t n = 0;

	if (v->n_findings > t->cap_fmark) {
		unsigned char *nm = realloc(t->fmark, v->n_findings);

		if (!nm) {
			t->n_rows = t->n_feed = 0;
			return FW_ENOMEM;
		}
		t->fmark = nm;
		t->cap_fmark = v->n_findings;
	}
	if (v->n_findings)
		memset(t->fmark, 0, v->n_findings);
	if (v->n_links > t->cap_rows) {
		struct tui_row *nr = realloc(t->rows, v->n_links * sizeof(*nr));

		if (!nr) {
			t->n_rows = 0;
			return FW_ENOMEM;
		}
		t->rows = nr;
		t->cap_rows = v->n_links;
	}
	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];
		struct tui_row *r = &t->rows[n];

		memset(r, 0, sizeof(*r));
		r->l = l;
		r->seen = i;
		if (l->has_ssid && l->ssid_len <= sizeof(l->ssid))
			tui_safe_text(r->ssid, sizeof(r->ssid), l->ssid, l->ssid_len);
		fw_out_link_state(l, r->state, sizeof(r->state), r->state_short, sizeof(r->state_short));
		r->mic = link_mic(l);
		r->retries = link_retries(l);
		r->last_ts = link_last(l);
		for (size_t j; fw_view_link_finding(v, l, r->n_find, &j);)
			r->n_find++;
		if (t->h.signal)
			r->has_sig = t->h.signal(t->h.ctx, l->sta, &r->sig);
		if (!row_matches(r, t->filter))
			continue;
		/* the feed shows the findings of the links shown */
		for (size_t k = 0, j; fw_view_link_finding(v, l, k, &j); k++)
			t->fmark[j] = 1;
		n++;
	}
	t->n_rows = n;
	/*
	 * qsort: tens of thousands of links are sorted on every key press, and
	 * cmp_rows breaks ties by order of appearance, so no two rows compare
	 * equal and the unstable sort gives the one order.
	 */
	if (n > 1)	/* no rows yet: rows may still be NULL, which qsort_r must not see */
		qsort_r(t->rows, n, sizeof(*t->rows), cmp_rows_q, &t->sort);
	t->sel = 0;
	for (size_t i = 0; t->has_sel && i < n; i++)
		if (memcmp(t->rows[i].l->bssid, t->sel_bssid, 6) == 0 &&
		    memcmp(t->rows[i].l->sta, t->sel_sta, 6) == 0)
			t->sel = i;
	if (n && !t->has_sel) {
		memcpy(t->sel_bssid, t->rows[0].l->bssid, 6);
		memcpy(t->sel_sta, t->rows[0].l->sta, 6);
		t->has_sel = true;
	}
	return tui_feed_build(t, v);
}

static void fmt_age(char *b, size_t len, int64_t now, int64_t then)
{
	int64_t d = now - then;

	if (then == INT64_MIN || now == 0)
		snprintf(b, len, "-");
	else if (d < 0)
		snprintf(b, len, "0s");
	else if (d < 10000000000LL)
		snprintf(b, len, "%d.%ds", (int)(d / 1000000000), (int)(d / 100000000 % 10));
	else if (d < 600000000000LL)
		snprintf(b, len, "%ds", (int)(d / 1000000000));
	else if (d < 36000000000000LL)
		snprintf(b, len, "%dm", (int)(d / 60000000000LL));
	else
		snprintf(b, len, "%dh", (int)(d / 3600000000000LL));
}

/*
 * The table's columns for width w: the state column as wide as the longest
 * state, SSID at least W_SSID_MIN.  When that does not fit, SIG, then AGE
 * go, then the short forms of the states are tried with fewer columns
 * still (RTY last): the two views of a link are what this table is for.
 */
#define W_SSID_MIN 8

struct layout {
	bool shrt, sig, age, rty;
	int state_w, ssid_w;
};

static int layout_fixed(const struct layout *o)
{
	return 1 + W_MAC + 1 + W_MAC + 1 + 1 + o->state_w + (o->age ? 1 + W_AGE : 0) +
	       (o->rty ? 1 + W_RTY : 0) + 1 + W_MIC + 1 + W_FND + (o->sig ? 1 + W_SIG : 0);
}

static struct layout table_layout(const struct fw_tui *t, int w)
{
	static const struct layout plans[] = {
		{ false, true, true, true, 0, 0 }, { false, false, true, true, 0, 0 },
		{ false, false, false, true, 0, 0 }, { true, true, true, true, 0, 0 },
		{ true, false, true, true, 0, 0 }, { true, false, false, true, 0, 0 },
		{ true, false, false, false, 0, 0 },
	};
	int lw = W_STATE, sw = W_STATE;
	struct layout o = plans[0];

	for (size_t i = 0; i < t->n_rows; i++) {
		int a = (int)strlen(t->rows[i].state), b = (int)strlen(t->rows[i].state_short);

		lw = a > lw ? a : lw;
		sw = b > sw ? b : sw;
	}
	for (size_t i = 0; i < sizeof(plans) / sizeof(plans[0]); i++) {
		o = plans[i];
		o.state_w = o.shrt ? sw : lw;
		o.ssid_w = w - layout_fixed(&o);
		if (o.ssid_w >= W_SSID_MIN)
			return o;
	}
	if (o.ssid_w < 4)
		o.ssid_w = 4;
	return o;
}

void tui_draw_table(struct fw_tui *t, int y, int h, int w)
{
	struct layout o = table_layout(t, w);
	int rows = h - 1, ssid_w = o.ssid_w;
	char b[512], age_h[16] = "", rty_h[16] = "", sig_h[16] = "";

	if (o.age)
		snprintf(age_h, sizeof(age_h), " %*s", W_AGE, "AGE");
	if (o.rty)
		snprintf(rty_h, sizeof(rty_h), " %*s", W_RTY, "RTY");
	if (o.sig)
		snprintf(sig_h, sizeof(sig_h), " %*s", W_SIG, "SIG");
	snprintf(b, sizeof(b), " %-*s %-*s %-*.*s %-*s%s%s %-*s %*s%s", W_MAC, "BSSID", W_MAC,
		 "STATION", ssid_w, ssid_w, "SSID", o.state_w, "STATE", age_h, rty_h,
		 W_MIC, "MIC", W_FND, "FND", sig_h);
	attron(A_BOLD | A_UNDERLINE);
	tui_put(y, 0, w, b);
	attroff(A_BOLD | A_UNDERLINE);
	if (!t->n_rows) {
		tui_put(y + 1, 0, w, t->filter[0] ? " no link matches the filter" :
			" no handshake seen yet");
		return;
	}
	if (t->sel < t->top)
		t->top = t->sel;
	if (rows > 0 && t->sel >= t->top + (size_t)rows)
		t->top = t->sel - (size_t)rows + 1;
	for (int i = 0; i < rows && t->top + (size_t)i < t->n_rows; i++) {
		const struct tui_row *r = &t->rows[t->top + (size_t)i];
		char a[FW_MAC_STRLEN], s[FW_MAC_STRLEN], age[16], sig[16];
		bool sel = t->top + (size_t)i == t->sel;
		int x;

		fmt_age(age, sizeof(age), t->now_ns, r->last_ts);
		if (r->has_sig)
			snprintf(sig, sizeof(sig), "%d", r->sig);
		else
			snprintf(sig, sizeof(sig), "-");
		if (sel)
			attron(t->focus == 0 ? A_REVERSE : A_BOLD);
		snprintf(b, sizeof(b), "%c%-*s %-*s ", sel ? '>' : ' ', W_MAC, fw_mac_fmt(a, r->l->bssid),
			 W_MAC, fw_mac_fmt(s, r->l->sta));
		tui_put(y + 1 + i, 0, w, b);
		x = 1 + W_MAC + 1 + W_MAC + 1;
		tui_put(y + 1 + i, x, ssid_w, r->ssid);
		x += ssid_w + 1;
		if (x < w) {
			char ag[24] = "", rt[24] = "";

			if (o.age)
				snprintf(ag, sizeof(ag), " %*s", W_AGE, age);
			if (o.rty)
				snprintf(rt, sizeof(rt), " %*u", W_RTY, r->retries);
			snprintf(b, sizeof(b), "%-*s%s%s ", o.state_w, o.shrt ? r->state_short : r->state,
				 ag, rt);
			tui_put(y + 1 + i, x, w - x, b);
			x += o.state_w + (o.age ? 1 + W_AGE : 0) + (o.rty ? 1 + W_RTY : 0) + 1;
		}
		if (x < w) {
			bool bad = strcmp(r->mic, "bad") == 0, ok = strcmp(r->mic, "ok") == 0;

			if (t->color && !sel && (bad || ok))
				attron(COLOR_PAIR(bad ? TUI_RED : TUI_GREEN));
			tui_put(y + 1 + i, x, w - x < W_MIC ? w - x : W_MIC, r->mic);
			if (t->color && !sel && (bad || ok))
				attroff(COLOR_PAIR(bad ? TUI_RED : TUI_GREEN));
			x += W_MIC + 1;
		}
		if (x < w) {
			snprintf(b, sizeof(b), "%*zu", W_FND, r->n_find);
			if (o.sig)
				snprintf(b + strlen(b), sizeof(b) - strlen(b), " %*s", W_SIG, sig);
			tui_put(y + 1 + i, x - 1, w - x + 1, b);
		}
		if (sel)
			attroff(t->focus == 0 ? A_REVERSE : A_BOLD);
	}
}

/*
 * The lower pane is a list of lines: out counts them (draw false) or puts
 * those inside the window [scroll, scroll + h) on the screen.  mark: the
 * finding whose evidence frames the ladder marks ('*' and bold);
 * first_mark receives the first marked line.
 */
struct pane {
	struct fw_tui *t;
	int y, h, w;
	size_t line;		/* next line's number */
	bool draw;
	const struct fw_finding *mark;
	size_t first_mark;
};

static void pane_line_attr(struct pane *p, const char *s, int color, int attr)
{
	if (p->draw && p->line >= p->t->scroll && p->line < p->t->scroll + (size_t)p->h) {
		int y = p->y + (int)(p->line - p->t->scroll);

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

static void pane_line(struct pane *p, const char *s, int color)
{
	pane_line_attr(p, s, color, 0);
}

void tui_hms(char *b, size_t len, int64_t ns)
{
	time_t s = (time_t)(ns / 1000000000);
	struct tm tm;

	if (ns <= 0 || !gmtime_r(&s, &tm)) {
		snprintf(b, len, "--:--:--.---");
		return;
	}
	snprintf(b, len, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (int)(ns / 1000000 % 1000));
}

static void finding_line(struct pane *p, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	char t[32], d[600], line[800];

	tui_hms(t, sizeof(t), f->ts_ns);
	tui_safe_text(d, sizeof(d), (const uint8_t *)f->detail, strlen(f->detail));
	snprintf(line, sizeof(line), " %s %-7s %-22s %s", t, fw_severity_name(f->severity),
		 ci ? ci->name : "?", d);
	pane_line(p, line, tui_sev_color((int)f->severity));
}

/*
 * Whether a ladder row shows one of f's evidence frames: rows start with
 * the indent, '#' and the frame as the report writes it (fw_tx_frame()).
 */
static bool row_is_evidence(const struct fw_view *v, const struct fw_finding *f, const char *line)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;

	while (*line == ' ')
		line++;
	if (*line++ != '#')
		return false;
	for (size_t i = 0; i < n; i++) {
		char b[48];
		size_t k = strlen(fw_tx_frame(b, sizeof(b), v, f->frames[i].file, f->frames[i].frame));

		if (strncmp(line, b, k) == 0 && line[k] == ' ')
			return true;
	}
	return false;
}

/* The text ladder.c draws, line by line, the marked finding's rows marked. */
static void ladder_lines(struct pane *p, const struct fw_view *v, const struct fw_link *l,
			 const struct fw_handshake *h)
{
	struct fw_text_opts o = { .color = false, .show_keys = false };
	char *buf = NULL, *line, *next;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return;
	fw_ladder_write(m, v, l, h->first, h->count, h, &o);
	if (fclose(m) != 0) {
		free(buf);
		return;
	}
	for (line = buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (p->mark && line[0] == ' ' && row_is_evidence(v, p->mark, line)) {
			if (p->first_mark == SIZE_MAX)
				p->first_mark = p->line;
			line[0] = '*';
			pane_line_attr(p, line, 0, A_BOLD);
			continue;
		}
		pane_line(p, line, 0);
	}
	free(buf);
}

static void detail_lines(struct pane *p, const struct fw_view *v, const struct tui_row *r)
{
	const struct fw_link *l = r->l;
	char b[256], su[FW_OUT_SUITE_LEN], pw[FW_OUT_SUITE_LEN];
	const char *akm = fw_out_suite(su, l->akm, false), *ci = fw_out_suite(pw, l->pairwise, true);
	char ssid[80] = "";
	size_t nf = 0;

	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid))
		tui_safe_text(ssid, sizeof(ssid), l->ssid, l->ssid_len);
	snprintf(b, sizeof(b), " SSID \"%s\"  AKM %s  cipher %s  %zu message%s, %zu handshake%s", ssid,
		 akm ? akm : "?", ci ? ci : "?", l->n_msgs, l->n_msgs == 1 ? "" : "s", l->n_hs,
		 l->n_hs == 1 ? "" : "s");
	pane_line(p, b, 0);
	snprintf(b, sizeof(b), " state: %s", r->state);
	pane_line(p, b, strstr(r->state, " / ") ? TUI_YELLOW : 0);
	for (size_t i = 0; i < l->n_hs; i++) {
		const struct fw_handshake *h = &l->hs[i];
		int color = h->outcome == FW_OUT_COMPLETE ? TUI_GREEN :
			    h->outcome == FW_OUT_FAILED ? TUI_RED : 0;

		if (!h->count)
			continue;
		pane_line(p, "", 0);
		snprintf(b, sizeof(b), " %s handshake %zu: %s%s%s", h->group ? "group" : "pairwise",
			 i + 1, fw_out_outcome_name(h->outcome), h->outcome_detail[0] ? ", " : "",
			 h->outcome_detail);
		pane_line(p, b, color);
		ladder_lines(p, v, l, h);
	}
	for (size_t k = 0, i; fw_view_link_finding(v, l, k, &i); k++) {
		if (!nf++) {
			pane_line(p, "", 0);
			pane_line(p, " findings on this link:", 0);
		}
		finding_line(p, v->findings[i]);
	}
}

/* The finding the ladder marks, if it is still in the view. */
static const struct fw_finding *marked(const struct fw_tui *t, const struct fw_view *v)
{
	for (size_t i = 0; t->mark_id && i < v->n_findings; i++)
		if (v->findings[i]->id == t->mark_id)
			return v->findings[i];
	return NULL;
}

size_t tui_lower_lines(struct fw_tui *t, const struct fw_view *v)
{
	struct pane p = { .t = t, .draw = false, .mark = marked(t, v), .first_mark = SIZE_MAX };

	if (t->detail && t->n_rows)
		detail_lines(&p, v, &t->rows[t->sel]);
	else
		return tui_feed_lines(t);
	return p.line;
}

size_t tui_mark_line(struct fw_tui *t, const struct fw_view *v)
{
	struct pane p = { .t = t, .draw = false, .mark = marked(t, v), .first_mark = SIZE_MAX };

	if (!t->detail || !t->n_rows || !p.mark)
		return SIZE_MAX;
	detail_lines(&p, v, &t->rows[t->sel]);
	return p.first_mark;
}

void tui_draw_detail(struct fw_tui *t, const struct fw_view *v, int y, int h, int w)
{
	struct pane p = { .t = t, .y = y, .h = h, .w = w, .draw = true, .mark = marked(t, v),
			  .first_mark = SIZE_MAX };

	detail_lines(&p, v, &t->rows[t->sel]);
}
