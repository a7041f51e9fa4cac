/*
 * tui.c - the live screen: curses setup and teardown, the keys, the
 * layout (title, links table, lower pane, status line) and the help
 * overlay.  The rows are kept by tui_rows.c, the panes drawn by
 * tui_panes.c and tui_find.c.
 *
 * FOURWAY_TUI_TIMING=FILE appends a line to FILE for each key press (or
 * keys read together): the time the keys took to handle and the next
 * draw took, and the work done in between (rows filled from their links,
 * rows sorted, table rows drawn), for bench/tui.sh and the tests.
 *
 * Layout, top to bottom: a title line; the links table (a header and up
 * to half the screen of rows); a rule naming the lower pane; the lower
 * pane (the findings feed, or the selected link's ladder after Enter); a
 * status line with the keys, the filter prompt or the last message.
 */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "output/tui_internal.h"
#include "util/err.h"
#include "util/mac.h"

#define KEY_TAB 9
#define KEY_ESC 27

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* FOURWAY_TUI_TIMING: appended to, never a symbolic link followed; 0 or FW_EIO. */
static int timing_open(struct fw_tui *t, char *err, size_t errlen)
{
	const char *path = getenv("FOURWAY_TUI_TIMING");
	int fd;

	if (!path || !path[0])
		return 0;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd >= 0 && !(t->timing = fdopen(fd, "a")))
		close(fd);
	if (!t->timing) {
		snprintf(err, errlen, "tui: FOURWAY_TUI_TIMING: cannot open %s: %s", path, strerror(errno));
		return FW_EIO;
	}
	setvbuf(t->timing, NULL, _IOLBF, 0);
	return 0;
}

int fw_tui_new(struct fw_tui **out, const struct fw_tui_hooks *h, char *err, size_t errlen)
{
	struct fw_tui *t = calloc(1, sizeof(*t));

	*out = NULL;
	if (!t) {
		snprintf(err, errlen, "tui: out of memory");
		return FW_ENOMEM;
	}
	if (h)
		t->h = *h;
	if (timing_open(t, err, errlen) != 0) {
		free(t);
		return FW_EIO;
	}
	setlocale(LC_ALL, "");
	if (!newterm(NULL, stdout, t->h.in ? t->h.in : stdin)) {
		snprintf(err, errlen, "tui: cannot start curses on this terminal");
		if (t->timing)
			fclose(t->timing);
		free(t);
		return FW_EIO;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(TUI_RED, COLOR_RED, -1);
		init_pair(TUI_YELLOW, COLOR_YELLOW, -1);
		init_pair(TUI_CYAN, COLOR_CYAN, -1);
		init_pair(TUI_GREEN, COLOR_GREEN, -1);
		t->color = true;
	}
	*out = t;
	return 0;
}

void fw_tui_free(struct fw_tui *t)
{
	if (!t)
		return;
	endwin();
	tui_rows_free(t);
	tui_find_free(t);
	if (t->timing)
		fclose(t->timing);
	free(t);
}

/* Bring the rows and the findings' indexes up to v (nothing when it is the view last seen). */
static void sync_view(struct fw_tui *t, const struct fw_view *v)
{
	if (tui_rows_sync(t, v) == 0)
		return;
	tui_find_index(t, v);
	tui_feed_sync(t, v);
}

/* The finding the ladder marks, if it is still in the view. */
static const struct fw_finding *marked(const struct fw_tui *t, const struct fw_view *v)
{
	return tui_finding_by_id(t, v, t->mark_id);
}

static void move_sel(struct fw_tui *t, long d)
{
	long s = (long)t->sel + d;

	if (!t->n_rows)
		return;
	if (s < 0)
		s = 0;
	if (s >= (long)t->n_rows)
		s = (long)t->n_rows - 1;
	t->sel = (size_t)s;
	memcpy(t->sel_bssid, tui_row_at(t, t->sel)->a_bssid, 6);
	memcpy(t->sel_sta, tui_row_at(t, t->sel)->a_sta, 6);
	t->has_sel = true;
	t->scroll = t->detail ? 0 : t->scroll;
	t->mark_id = 0;
}

static void scroll_lower(struct fw_tui *t, const struct fw_view *v, long d)
{
	long s = (long)t->scroll + d;
	long max = (long)(t->detail && t->n_rows ? tui_detail_lines(t, v, marked(t, v)) :
			  tui_feed_lines(t)) - 1;

	if (s > max)
		s = max;
	if (s < 0)
		s = 0;
	t->scroll = (size_t)s;
}

/*
 * From a finding to its frames: its link selected, the link's ladder
 * open with the evidence rows marked, scrolled to the first of them.
 */
static void jump_ladder(struct fw_tui *t, const struct fw_view *v)
{
	const struct fw_finding *f = tui_feed_selected(t, v);
	size_t line, k;

	if (!f) {
		snprintf(t->msg, sizeof(t->msg), "no finding selected");
		return;
	}
	k = tui_rows_find(t, f->bssid, f->sta);
	if (k == SIZE_MAX) {
		/* the selection stays where it was */
		snprintf(t->msg, sizeof(t->msg), "the finding's link is not in the table");
		return;
	}
	t->sel = k;
	memcpy(t->sel_bssid, f->bssid, 6);
	memcpy(t->sel_sta, f->sta, 6);
	t->has_sel = true;
	t->fopen = false;
	t->detail = true;
	t->focus = 1;
	t->mark_id = f->id;
	line = tui_mark_line(t, v, f);
	/* two lines of context above the first marked row */
	t->scroll = line == SIZE_MAX ? 0 : line > 2 ? line - 2 : 0;
	if (line == SIZE_MAX)
		snprintf(t->msg, sizeof(t->msg), "no evidence frame of finding #%u is on the ladder",
			 f->id);
}

static void scroll_finding(struct fw_tui *t, const struct fw_view *v, long d)
{
	long s = (long)t->fscroll + d;
	long max = (long)tui_finding_lines(t, v, COLS) - 1;

	if (s > max)
		s = max;
	if (s < 0)
		s = 0;
	t->fscroll = (size_t)s;
}

/* A key while a finding is open in full; false when it is not one of its keys. */
static bool finding_key(struct fw_tui *t, const struct fw_view *v, int ch)
{
	switch (ch) {
	case 'q':
	case KEY_ESC:
	case '\n':
	case '\r':
	case KEY_ENTER:
		t->fopen = false;
		return true;
	case KEY_DOWN:
	case 'j':
		scroll_finding(t, v, 1);
		return true;
	case KEY_UP:
	case 'k':
		scroll_finding(t, v, -1);
		return true;
	case KEY_NPAGE:
		scroll_finding(t, v, 10);
		return true;
	case KEY_PPAGE:
		scroll_finding(t, v, -10);
		return true;
	case 'l':
		jump_ladder(t, v);
		return true;
	default:
		return false;
	}
}

/* Up/Down and the like in the lower pane: the finding selection, or the ladder's scroll. */
static void lower_move(struct fw_tui *t, const struct fw_view *v, long d)
{
	if (t->detail && t->n_rows)
		scroll_lower(t, v, d);
	else
		tui_feed_move(t, v, d);
}

/* A key while typing a filter: Enter applies (the rows and the feed again), Esc cancels. */
static void edit_key(struct fw_tui *t, const struct fw_view *v, int ch)
{
	size_t n = strlen(t->edit);

	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		bool changed = strcmp(t->filter, t->edit) != 0;

		memcpy(t->filter, t->edit, sizeof(t->filter));
		t->editing = false;
		t->top = 0;
		if (changed) {
			tui_rows_refilter(t);
			tui_feed_build(t, v);
		}
	} else if (ch == KEY_ESC) {
		t->editing = false;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (n)
			t->edit[n - 1] = '\0';
	} else if (ch >= 0x20 && ch < 0x7f && n + 1 < sizeof(t->edit)) {
		t->edit[n] = (char)ch;
		t->edit[n + 1] = '\0';
	}
}

static void save_selected(struct fw_tui *t)
{
	if (!t->n_rows) {
		snprintf(t->msg, sizeof(t->msg), "no link selected");
		return;
	}
	if (!t->h.save) {
		snprintf(t->msg, sizeof(t->msg), "saving is not available here");
		return;
	}
	if (t->h.save(t->h.ctx, tui_row_at(t, t->sel)->l, t->msg, sizeof(t->msg)) != 0 && !t->msg[0])
		snprintf(t->msg, sizeof(t->msg), "save failed");
}

/* The timing log: a key read (its name added to the line being made). */
static void timing_key(struct fw_tui *t, int ch, int64_t t0, const struct tui_work *w0)
{
	const char *name = ch == ' ' ? "SPACE" : keyname(ch);
	size_t n;

	if (!t->timing)
		return;
	if (!t->key_pending) {
		t->key_pending = true;
		t->key_t0 = t0;
		t->key_w0 = *w0;
		t->key_names[0] = '\0';
	}
	n = strlen(t->key_names);
	snprintf(t->key_names + n, sizeof(t->key_names) - n, "%s%s", n ? "," : "", name ? name : "?");
}

/* The timing log: the draw after keys ended at t2, having started at t1. */
static void timing_drawn(struct fw_tui *t, const struct fw_view *v, int64_t t1, int64_t t2)
{
	const struct tui_work *w = &t->work, *w0 = &t->key_w0;

	if (!t->timing || !t->key_pending)
		return;
	t->key_pending = false;
	fprintf(t->timing, "key %s handle_us %lld draw_us %lld total_us %lld built %zu sorted %zu "
		"drawn %zu syncs %zu links %zu shown %zu feed %zu\n", t->key_names,
		(long long)((t->key_t1 - t->key_t0) / 1000), (long long)((t2 - t1) / 1000),
		(long long)((t2 - t->key_t0) / 1000), w->built - w0->built, w->sorted - w0->sorted,
		w->drawn - w0->drawn, w->syncs - w0->syncs, v->n_links, t->n_rows,
		w->fed - w0->fed);
}

unsigned fw_tui_keys(struct fw_tui *t, const struct fw_view *v)
{
	unsigned act = 0;
	int64_t t0 = t->timing ? mono_ns() : 0;
	struct tui_work w0 = t->work;
	int ch;

	sync_view(t, v);
	while ((ch = getch()) != ERR) {
		act |= FW_TUI_REDRAW;
		timing_key(t, ch, t0, &w0);
		if (ch == KEY_RESIZE)
			continue;
		if (t->editing) {
			edit_key(t, v, ch);
			continue;
		}
		if (t->help) {
			t->help = false;	/* any key closes the help */
			if (ch != 'q' || t->fopen)
				continue;
		}
		t->msg[0] = '\0';
		if (t->fopen && finding_key(t, v, ch))
			continue;
		switch (ch) {
		case 'q':
		case 'Q':
			return act | FW_TUI_QUIT;
		case '?':
			t->help = true;
			break;
		case KEY_DOWN:
		case 'j':
			if (t->focus == 0)
				move_sel(t, 1);
			else
				lower_move(t, v, 1);
			break;
		case KEY_UP:
		case 'k':
			if (t->focus == 0)
				move_sel(t, -1);
			else
				lower_move(t, v, -1);
			break;
		case KEY_NPAGE:
			if (t->focus == 0)
				move_sel(t, 10);
			else
				lower_move(t, v, 10);
			break;
		case KEY_PPAGE:
			if (t->focus == 0)
				move_sel(t, -10);
			else
				lower_move(t, v, -10);
			break;
		case '\n':
		case '\r':
		case KEY_ENTER:
			if (t->focus == 1 && !t->detail) {
				if (tui_feed_selected(t, v)) {
					t->fsel_id = tui_feed_selected(t, v)->id;
					t->fopen = true;
					t->fscroll = 0;
				}
				break;
			}
			t->detail = !t->detail;
			t->scroll = 0;
			t->mark_id = 0;
			break;
		case KEY_ESC:
			t->detail = false;
			t->scroll = 0;
			t->mark_id = 0;
			break;
		case 'f':
			t->detail = false;
			t->focus = 1;
			t->scroll = 0;
			t->mark_id = 0;
			break;
		case 'l':
			if (t->focus == 1 && !t->detail)
				jump_ladder(t, v);
			break;
		case KEY_TAB:
			t->focus = !t->focus;
			break;
		case '/':
			t->editing = true;
			memcpy(t->edit, t->filter, sizeof(t->edit));
			break;
		case 'o':
			t->sort = (enum tui_sort)((t->sort + 1) % SORT_COUNT);
			tui_rows_resort(t);
			snprintf(t->msg, sizeof(t->msg), "sorted by %s", tui_sort_name(t->sort));
			break;
		case 'p':
		case ' ':
			act |= FW_TUI_PAUSE;
			break;
		case 's':
			save_selected(t);
			break;
		default:
			break;
		}
	}
	if (t->key_pending)
		t->key_t1 = mono_ns();
	return act;
}

static const char *const help_text[] = {
	"fourway live: keys",
	"",
	"  Up/Down, j/k    move in the links table (or scroll the lower pane)",
	"  PgUp/PgDn       ten at a time",
	"  Enter           open or close the selected link's ladder;",
	"                  in the findings, open the selected finding in full",
	"  Esc             close the ladder (or the finding)",
	"  Tab             switch between the table and the lower pane",
	"  f               the findings: select one with Up/Down, Enter opens it",
	"  l               from a finding: its link's ladder, evidence rows marked *",
	"  /               filter links and their findings (BSSID, station, SSID,",
	"                  state); Enter applies",
	"  o               next sort order (seen, age, bssid, station, ssid, state, findings)",
	"  p               pause or resume the display (capture goes on)",
	"  s               save the selected link's frames to a pcap file",
	"  ?               this help (any key closes it)",
	"  q               quit",
	NULL,
};

static void draw_help(int rows, int cols)
{
	int n = 0, w = 0, y0, x0;

	for (; help_text[n]; n++)
		if ((int)strlen(help_text[n]) > w)
			w = (int)strlen(help_text[n]);
	w += 4;
	if (w > cols)
		w = cols;
	y0 = (rows - n - 2) / 2;
	x0 = (cols - w) / 2;
	if (y0 < 0)
		y0 = 0;
	for (int i = -1; i <= n && y0 + i + 1 < rows; i++) {
		attron(A_REVERSE);
		tui_put(y0 + i + 1, x0, w, i >= 0 && i < n ? "" : "");
		if (i >= 0 && i < n)
			tui_put(y0 + i + 1, x0 + 2, w - 4, help_text[i]);
		attroff(A_REVERSE);
	}
}

static void draw_title(struct fw_tui *t, const struct fw_view *v, const struct fw_tui_status *st,
		       int cols)
{
	char b[768], drops[320] = "";

	if (st->has_drops)
		snprintf(drops, sizeof(drops), "  drops %llu%s%s%s", (unsigned long long)st->drops,
			 st->drops_detail ? " (" : "", st->drops_detail ? st->drops_detail : "",
			 st->drops_detail ? ")" : "");
	snprintf(b, sizeof(b), " fourway live  %s%s%s  frames %llu%s  links %zu  findings %zu%s%s",
		 st->source ? st->source : "-", st->radio && st->radio[0] ? "  " : "",
		 st->radio ? st->radio : "", (unsigned long long)st->frames, drops, t->n_rows,
		 v->n_findings, st->paused ? "  [paused]" : "", st->done ? "  [ended]" : "");
	attron(A_REVERSE | A_BOLD);
	tui_put(0, 0, cols, b);
	attroff(A_REVERSE | A_BOLD);
}

static void draw_status(struct fw_tui *t, int y, int cols)
{
	char b[256];

	if (t->editing) {
		snprintf(b, sizeof(b), "filter: %s_", t->edit);
		tui_put(y, 0, cols, b);
		return;
	}
	if (t->msg[0]) {
		tui_put(y, 0, cols, t->msg);
		return;
	}
	if (t->fopen)
		snprintf(b, sizeof(b), "Esc/q close  l its frames on the ladder  Up/Down scroll  ? help");
	else if (t->focus == 1 && !t->detail)
		snprintf(b, sizeof(b), "Enter open finding  l ladder  Up/Down select  Tab table"
			 "  / filter%s%s%s  q quit", t->filter[0] ? " [" : "", t->filter,
			 t->filter[0] ? "]" : "");
	else {
		/* as many of the keys as the width holds, in this order (? lists them all) */
		char fl[96], so[48];
		const char *keys[] = { "q quit", "? help", "Enter ladder", "Tab pane", "f findings", fl,
				       so, "p pause", "s save" };
		size_t used = 0;

		snprintf(fl, sizeof(fl), "/ filter%s%s%s", t->filter[0] ? " [" : "", t->filter,
			 t->filter[0] ? "]" : "");
		snprintf(so, sizeof(so), "o sort (%s)", tui_sort_name(t->sort));
		b[0] = '\0';
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			size_t k = strlen(keys[i]) + (used ? 2 : 0);

			if (used + k > (size_t)cols || used + k >= sizeof(b))
				continue;
			snprintf(b + used, sizeof(b) - used, "%s%s", used ? "  " : "", keys[i]);
			used += k;
		}
	}
	attron(A_DIM);
	tui_put(y, 0, cols, b);
	attroff(A_DIM);
}

void fw_tui_draw(struct fw_tui *t, const struct fw_view *v, const struct fw_tui_status *st)
{
	int rows, cols, table_h, lower_y, lower_h;
	char rule[160];
	int64_t t1 = t->key_pending ? mono_ns() : 0;

	getmaxyx(stdscr, rows, cols);
	t->now_ns = st->now_ns;
	sync_view(t, v);
	erase();
	if (rows < 8 || cols < 40) {
		tui_put(0, 0, cols, "fourway live: the terminal is too small");
		refresh();
		timing_drawn(t, v, t1, t->key_pending ? mono_ns() : 0);
		return;
	}
	draw_title(t, v, st, cols);
	if (t->fopen) {
		const struct fw_finding *f = tui_feed_selected(t, v);
		const struct fw_code_info *ci = f ? fw_code_info(f->code) : NULL;
		long max = (long)tui_finding_lines(t, v, cols) - (rows - 3);

		if ((long)t->fscroll > (max > 0 ? max : 0))
			t->fscroll = (size_t)(max > 0 ? max : 0);
		snprintf(rule, sizeof(rule), "-- finding #%u %s (Esc close, l ladder%s)", f ? f->id : 0,
			 ci ? ci->name : "", max > 0 ? ", arrows scroll" : "");
		attron(A_BOLD);
		tui_put(1, 0, cols, rule);
		attroff(A_BOLD);
		tui_draw_finding(t, v, 2, rows - 3, cols);
		draw_status(t, rows - 1, cols);
		if (t->help)
			draw_help(rows, cols);
		refresh();
		timing_drawn(t, v, t1, t->key_pending ? mono_ns() : 0);
		return;
	}
	/* the table: a header and its rows, at most half of what is left */
	table_h = (int)t->n_rows + 1;
	if (table_h < 2)
		table_h = 2;
	if (table_h > (rows - 3) / 2)
		table_h = (rows - 3) / 2;
	tui_draw_table(t, 1, table_h, cols);
	lower_y = 1 + table_h + 1;
	lower_h = rows - lower_y - 1;
	if (t->detail && t->n_rows) {
		char a[FW_MAC_STRLEN], b[FW_MAC_STRLEN];

		char mk[64] = "";

		if (t->mark_id)
			snprintf(mk, sizeof(mk), "* finding #%u's frames ", t->mark_id);
		snprintf(rule, sizeof(rule), "-- ladder %s > %s %s%s",
			 fw_mac_fmt(a, tui_row_at(t, t->sel)->a_bssid),
			 fw_mac_fmt(b, tui_row_at(t, t->sel)->a_sta), mk, t->focus ? "(scroll: arrows) " : "");
	} else {
		snprintf(rule, sizeof(rule), "-- findings, newest first %s%s", t->filter[0] ?
			 "(of the links shown) " : "", t->focus ? "(select: arrows, Enter opens) " : "");
	}
	attron(A_BOLD);
	tui_put(lower_y - 1, 0, cols, rule);
	attroff(A_BOLD);
	if (t->detail && t->n_rows)
		tui_draw_detail(t, v, marked(t, v), lower_y, lower_h, cols);
	else
		tui_draw_feed(t, v, lower_y, lower_h, cols);
	draw_status(t, rows - 1, cols);
	if (t->help)
		draw_help(rows, cols);
	refresh();
	timing_drawn(t, v, t1, t->key_pending ? mono_ns() : 0);
}
