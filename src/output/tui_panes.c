/*
 * tui_panes.c - the panes of the live screen: the links table (the rows
 * tui_rows.c keeps; only those on the screen are drawn, their signal
 * levels read as they are) and the detail pane (the selected link's
 * handshakes drawn by ladder.c, the rows of a finding's evidence marked,
 * then its findings).  The findings feed is tui_find.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "output/fmt.h"
#include "output/ladder.h"
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
	int lw = tui_rows_state_w(t, false, W_STATE), sw = tui_rows_state_w(t, true, W_STATE);
	struct layout o = plans[0];

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
		const struct tui_row *r = tui_row_at(t, t->top + (size_t)i);
		char age[16], sig[16];
		bool sel = t->top + (size_t)i == t->sel;
		int x, dbm;

		t->work.drawn++;
		fmt_age(age, sizeof(age), t->now_ns, r->last_ts);
		if (t->h.signal && t->h.signal(t->h.ctx, r->l->sta, &dbm))
			snprintf(sig, sizeof(sig), "%d", dbm);
		else
			snprintf(sig, sizeof(sig), "-");
		if (sel)
			attron(t->focus == 0 ? A_REVERSE : A_BOLD);
		snprintf(b, sizeof(b), "%c%-*s %-*s ", sel ? '>' : ' ', W_MAC, r->bssid, W_MAC, r->sta);
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
	pane_line(p, b, r->split ? TUI_YELLOW : 0);
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

size_t tui_detail_lines(struct fw_tui *t, const struct fw_view *v, const struct fw_finding *mark)
{
	struct pane p = { .t = t, .draw = false, .mark = mark, .first_mark = SIZE_MAX };

	if (tui_sel_row(t))
		detail_lines(&p, v, tui_sel_row(t));
	return p.line;
}

size_t tui_mark_line(struct fw_tui *t, const struct fw_view *v, const struct fw_finding *mark)
{
	struct pane p = { .t = t, .draw = false, .mark = mark, .first_mark = SIZE_MAX };

	if (!t->detail || !tui_sel_row(t) || !mark)
		return SIZE_MAX;
	detail_lines(&p, v, tui_sel_row(t));
	return p.first_mark;
}

void tui_draw_detail(struct fw_tui *t, const struct fw_view *v, const struct fw_finding *mark,
		     int y, int h, int w)
{
	struct pane p = { .t = t, .y = y, .h = h, .w = w, .draw = true, .mark = mark,
			  .first_mark = SIZE_MAX };

	if (tui_sel_row(t))
		detail_lines(&p, v, tui_sel_row(t));
}
