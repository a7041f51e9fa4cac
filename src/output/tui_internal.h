/*
 * tui_internal.h - what the files of the live screen share: tui.c (the
 * screen, keys, status, help), tui_rows.c (the links table's rows, kept
 * across draws), tui_panes.c (the table and the detail pane drawn),
 * tui_find.c (the findings feed, a finding in full) and tui_draw.c (text
 * on the screen, below all of them).  Calls go down that list only:
 * tui.c calls the others, they call tui_draw.c, none calls tui.c.
 *
 * The rows outlive the views: a row per link, refilled only when its link
 * was analysed again (fw_link.refresh), and the order of the rows shown
 * kept sorted by placing the refilled ones, so that a key press costs the
 * rows on the screen, not the links in the view.  A row's link pointer is
 * valid only with the view it was last synced to; the selection is kept
 * as an address pair.
 */
#ifndef FW_OUTPUT_TUI_INTERNAL_H
#define FW_OUTPUT_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "output/tui.h"
#include "util/mac.h"

enum tui_sort { SORT_SEEN, SORT_AGE, SORT_BSSID, SORT_STA, SORT_SSID, SORT_STATE, SORT_FINDINGS,
		SORT_COUNT };

#define TUI_STATE_LEN 40
#define TUI_STATE_SHORT_LEN 24

struct tui_row {
	const struct fw_link *l;
	/* the link's key, kept here: l is not read before the row is matched to the new view */
	uint8_t a_bssid[6], a_sta[6];
	unsigned file;
	char bssid[FW_MAC_STRLEN], sta[FW_MAC_STRLEN];
	char ssid[80];		/* terminal-safe */
	/*
	 * "M1".."M4", "G1", "G2", "complete", "failed", "-"; or both sides'
	 * views when they differ ("sta done / ap retrying 3/4"), and that in
	 * fewer columns in state_short
	 */
	char state[TUI_STATE_LEN];
	char state_short[TUI_STATE_SHORT_LEN];
	bool split;	/* the station's and the AP's views differ (state names both) */
	int64_t last_ts;
	unsigned retries;
	const char *mic;	/* "ok", "bad", "unchk", "-" */
	size_t n_find;
	size_t seen;		/* index in the view: order of appearance */
	size_t pos;		/* index in the order shown, SIZE_MAX when filtered out */
	uint64_t sync;		/* the last sync that found its link in the view */
	bool used;		/* a slot in use (else on the free list) */
};

/* Work done since the counters were last cleared (the timing log, tests). */
struct tui_work {
	size_t built;		/* rows filled from their link */
	size_t sorted;		/* rows put through a sort */
	size_t drawn;		/* table rows drawn */
	size_t syncs;		/* views synced (the rows compared with their links) */
	size_t fed;		/* entries of the findings feed sorted into it */
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
	int64_t now_ns;

	/* the rows (tui_rows.c): slots, reused through a free list */
	struct tui_row *rows;
	size_t n_slots, cap_slots;
	size_t *free_slots;
	size_t n_free;
	size_t *ord;		/* the rows shown, sorted: slot numbers */
	size_t n_rows, cap_ord;
	size_t *hash;		/* (BSSID, station, file) -> slot + 1; 0 empty */
	size_t hash_cap;	/* a power of two, at least twice the slots in use */
	size_t n_state_w[TUI_STATE_LEN], n_short_w[TUI_STATE_SHORT_LEN];	/* shown rows per width */
	unsigned long long view_serial;	/* the view the rows were last synced to */
	uint64_t seen_refresh;	/* the highest fw_link.refresh of that view */
	uint64_t n_sync;
	bool synced;
	size_t sel;		/* index into ord, valid when n_rows */

	/* the findings (tui_find.c): the feed, indices into the view's findings, newest first */
	size_t *feed;
	size_t n_feed, cap_feed;
	unsigned *feed_id;	/* each entry's finding id and time, as of the view it was built for */
	int64_t *feed_ts;
	uint64_t feed_refresh;	/* the highest fw_link.refresh of that view */
	bool feed_kept;		/* feed_id/feed_ts hold a feed to carry over */
	size_t *fid_hash;	/* the view's findings by id: index + 1, 0 empty */
	size_t fid_cap;		/* a power of two */
	unsigned char *fmark;	/* per finding of the view: FM_* bits */
	size_t cap_fmark;
	size_t *by_id;		/* the view's findings sorted by id */
	size_t *cause_of;	/* (cause id, finding) pairs sorted, two size_t a pair */
	size_t n_cause_of;
	size_t cap_fx;
	unsigned fsel_id;	/* the selected finding (its id), 0 none yet */
	size_t fsel;		/* its index in feed, valid when n_feed */
	bool fopen;		/* the selected finding shown in full */
	size_t fscroll;		/* first line shown of it */
	unsigned mark_id;	/* the ladder marks this finding's evidence frames, 0 none */

	/* FOURWAY_TUI_TIMING: a line per key press (tui.c) */
	FILE *timing;
	bool key_pending;
	int64_t key_t0, key_t1;	/* the keys read from, handled at */
	char key_names[64];
	struct tui_work work, key_w0;	/* the work counters now, and when the keys were read */
};

/* fmark: listed in the feed; on a link analysed again (placed anew); kept from the last feed */
enum { FM_SHOWN = 1, FM_FRESH = 2, FM_KEPT = 4 };

enum { TUI_RED = 1, TUI_YELLOW, TUI_CYAN, TUI_GREEN };

/* The row shown at index i of the order (i < n_rows). */
static inline const struct tui_row *tui_row_at(const struct fw_tui *t, size_t i)
{
	return &t->rows[t->ord[i]];
}

/* The selected row, or NULL when none is shown. */
static inline const struct tui_row *tui_sel_row(const struct fw_tui *t)
{
	return t->n_rows && t->sel < t->n_rows ? tui_row_at(t, t->sel) : NULL;
}

/* The widest state (shrt: short state) among the rows shown, at least min. */
static inline int tui_rows_state_w(const struct fw_tui *t, bool shrt, int min)
{
	const size_t *n = shrt ? t->n_short_w : t->n_state_w;

	for (int w = shrt ? TUI_STATE_SHORT_LEN - 1 : TUI_STATE_LEN - 1; w > min; w--)
		if (n[w])
			return w;
	return min;
}

/* tui_rows.c: the rows, kept across views */
/*
 * Bring the rows up to the view: 1 when it is another view than the
 * last (the rows of the links analysed again refilled and placed), 0 when
 * it is the same (nothing done), FW_ENOMEM (no rows then).
 */
int tui_rows_sync(struct fw_tui *t, const struct fw_view *v);
/* The filter changed: every row matched again and the order sorted. */
int tui_rows_refilter(struct fw_tui *t);
/* The sort key changed: the order sorted again. */
void tui_rows_resort(struct fw_tui *t);
/* Index in the order of the row of (bssid, sta) shown, or SIZE_MAX. */
size_t tui_rows_find(const struct fw_tui *t, const uint8_t bssid[6], const uint8_t sta[6]);
const char *tui_sort_name(enum tui_sort s);
/* A link's retransmissions: Retry bit set, or a type again in its handshake. */
unsigned tui_link_retries(const struct fw_link *l);
void tui_rows_free(struct fw_tui *t);

/*
 * tui_panes.c: the table and the detail pane.  mark: the finding whose
 * evidence frames the ladder marks, or NULL.
 */
void tui_draw_table(struct fw_tui *t, int y, int h, int w);
void tui_draw_detail(struct fw_tui *t, const struct fw_view *v, const struct fw_finding *mark,
		     int y, int h, int w);
/* Lines the detail pane holds now (to clamp scrolling). */
size_t tui_detail_lines(struct fw_tui *t, const struct fw_view *v, const struct fw_finding *mark);
/* The line of the ladder pane that shows mark's first evidence frame, or SIZE_MAX. */
size_t tui_mark_line(struct fw_tui *t, const struct fw_view *v, const struct fw_finding *mark);

/* tui_find.c: the findings feed and a finding in full */
/* The view changed: the findings' indexes (by id, by cause) built again. */
int tui_find_index(struct fw_tui *t, const struct fw_view *v);
/* The feed built again, every entry sorted (the filter changed). */
int tui_feed_build(struct fw_tui *t, const struct fw_view *v);
/*
 * The feed brought to a new view: the entries of the links analysed again
 * and new findings sorted and merged into the order kept; the same feed
 * as tui_feed_build() gives.  0 or FW_ENOMEM (an empty feed then).
 */
int tui_feed_sync(struct fw_tui *t, const struct fw_view *v);
void tui_feed_move(struct fw_tui *t, const struct fw_view *v, long d);
void tui_draw_feed(struct fw_tui *t, const struct fw_view *v, int y, int h, int w);
size_t tui_feed_lines(const struct fw_tui *t);
void tui_draw_finding(struct fw_tui *t, const struct fw_view *v, int y, int h, int w);
size_t tui_finding_lines(struct fw_tui *t, const struct fw_view *v, int w);
/* The selected finding, or NULL. */
const struct fw_finding *tui_feed_selected(const struct fw_tui *t, const struct fw_view *v);
/* The finding of that id in the view, or NULL: O(log findings). */
const struct fw_finding *tui_finding_by_id(const struct fw_tui *t, const struct fw_view *v,
					   unsigned id);
void tui_find_free(struct fw_tui *t);

/* tui_draw.c: text at (y, x), at most w columns, terminal-safe; the bottom of the screen */
void tui_put(int y, int x, int w, const char *s);
int tui_sev_color(int sev);
/* "HH:MM:SS.mmm" of ns since the epoch (UTC). */
void tui_hms(char *b, size_t len, int64_t ns);
/* Terminal-safe text of n bytes, into buf. */
void tui_safe_text(char *buf, size_t len, const uint8_t *s, size_t n);

#endif
