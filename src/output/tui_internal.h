/*
 * tui_internal.h - what tui.c (the screen, keys, status, help),
 * tui_panes.c (links table, detail pane) and tui_find.c (findings feed, a
 * finding in full) share.
 *
 * Rows are rebuilt from the view at every key and every draw, so nothing
 * here outlives the view it was made from; the selection is kept as an
 * address pair.
 */
#ifndef FW_OUTPUT_TUI_INTERNAL_H
#define FW_OUTPUT_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "output/tui.h"

enum tui_sort { SORT_SEEN, SORT_AGE, SORT_BSSID, SORT_STA, SORT_SSID, SORT_STATE, SORT_FINDINGS,
		SORT_COUNT };

struct tui_row {
	const struct fw_link *l;
	char ssid[80];		/* terminal-safe */
	/*
	 * "M1".."M4", "G1", "G2", "complete", "failed", "-"; or both sides'
	 * views when they differ ("sta done / ap retrying 3/4"), and that in
	 * fewer columns in state_short
	 */
	char state[40];
	char state_short[24];
	int64_t last_ts;
	unsigned retries;
	const char *mic;	/* "ok", "bad", "unchk", "-" */
	size_t n_find;
	bool has_sig;
	int sig;
	size_t seen;		/* index in the view: order of appearance */
};

struct fw_tui {
	struct fw_tui_hooks h;
	bool color;
	bool has_sel;
	uint8_t sel_bssid[6], sel_sta[6];
	size_t top;		/* first row shown in the table */
	int focus;		/* 0 table, 1 lower pane */
	bool detail;		/* lower pane: the selected link's ladder */
	size_t scroll;		/* first line shown in the lower pane */
	bool help;
	bool editing;		/* typing a filter after '/' */
	char edit[64];
	char filter[64];
	enum tui_sort sort;
	char msg[256];		/* one-shot message on the status line */
	struct tui_row *rows;
	size_t n_rows, cap_rows;
	size_t sel;		/* index into rows, valid when n_rows */
	int64_t now_ns;
	/* the findings feed: indices into the view's findings, newest first, filtered */
	size_t *feed;
	size_t n_feed, cap_feed;
	unsigned char *fmark;	/* per finding of the view: on a link shown */
	size_t cap_fmark;
	unsigned fsel_id;	/* the selected finding (its id), 0 none yet */
	size_t fsel;		/* its index in feed, valid when n_feed */
	bool fopen;		/* the selected finding shown in full */
	size_t fscroll;		/* first line shown of it */
	unsigned mark_id;	/* the ladder marks this finding's evidence frames, 0 none */
};

enum { TUI_RED = 1, TUI_YELLOW, TUI_CYAN, TUI_GREEN };

/* tui_panes.c */
int tui_rows_build(struct fw_tui *t, const struct fw_view *v);
const char *tui_sort_name(enum tui_sort s);
void tui_draw_table(struct fw_tui *t, int y, int h, int w);
void tui_draw_detail(struct fw_tui *t, const struct fw_view *v, int y, int h, int w);
/* Lines the lower pane holds now (to clamp scrolling). */
size_t tui_lower_lines(struct fw_tui *t, const struct fw_view *v);
/* The line of the ladder pane that shows the marked finding's first evidence frame, or SIZE_MAX. */
size_t tui_mark_line(struct fw_tui *t, const struct fw_view *v);
/* "HH:MM:SS.mmm" of ns since the epoch (UTC). */
void tui_hms(char *b, size_t len, int64_t ns);
/* Terminal-safe text of n bytes, into buf. */
void tui_safe_text(char *buf, size_t len, const uint8_t *s, size_t n);

/* tui_find.c: the findings feed and a finding in full */
int tui_feed_build(struct fw_tui *t, const struct fw_view *v);
void tui_feed_move(struct fw_tui *t, const struct fw_view *v, long d);
void tui_draw_feed(struct fw_tui *t, const struct fw_view *v, int y, int h, int w);
size_t tui_feed_lines(const struct fw_tui *t);
void tui_draw_finding(struct fw_tui *t, const struct fw_view *v, int y, int h, int w);
size_t tui_finding_lines(struct fw_tui *t, const struct fw_view *v, int w);
/* The selected finding, or NULL. */
const struct fw_finding *tui_feed_selected(const struct fw_tui *t, const struct fw_view *v);

/* tui.c: text at (y, x), at most w columns, terminal-safe */
void tui_put(int y, int x, int w, const char *s);
int tui_sev_color(int sev);

#endif
