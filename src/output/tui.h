/*
 * tui.h - the live screen (ncursesw): the links table, the detail pane
 * with a link's ladder, the findings feed, a help overlay.
 *
 * The TUI draws only from a view (view.h) the caller rebuilt after its
 * last fw_core_refresh(), and a status line the caller fills.  Between
 * calls it keeps the table's rows, whose link pointers it only compares
 * with the next view's links before reading any (fw_view.serial tells a
 * new view; fw_link.refresh a link analysed again); the selection is
 * remembered by address pair.  It never reads the terminal by itself: the
 * caller polls standard input and calls fw_tui_keys() when it is
 * readable.  Curses is used here and in tui_*.c only.
 *
 * fw_tui_new() starts curses; fw_tui_free() ends it (endwin) and must be
 * called on every exit path, fatal ones too.
 */
#ifndef FW_OUTPUT_TUI_H
#define FW_OUTPUT_TUI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "output/view.h"

/* What the caller lends the TUI: saving frames and signal levels come from below it. */
struct fw_tui_hooks {
	void *ctx;
	/* Save the frames of link l; 0 with "saved ..." in msg, or <0 with the error. */
	int (*save)(void *ctx, const struct fw_link *l, char *msg, size_t msglen);
	/* Last signal level (dBm) heard from mac. */
	bool (*signal)(void *ctx, const uint8_t mac[6], int *dbm);
	/* Where keys come from: NULL for standard input (a capture may be there instead). */
	FILE *in;
};

struct fw_tui_status {
	const char *source;	/* interface or replayed file */
	const char *radio;	/* "5180 MHz 80", "hopping 1,6,11", "" */
	uint64_t frames;
	bool has_drops;
	uint64_t drops;
	const char *drops_detail;	/* with several interfaces: "wlan0 0, wlan1 3", else NULL */
	bool paused;
	bool done;		/* the replay ended or the capture stopped */
	int64_t now_ns;		/* capture clock, for ages */
};

enum {
	FW_TUI_QUIT = 1,
	FW_TUI_PAUSE = 2,	/* the user toggled pause */
	FW_TUI_REDRAW = 4,
};

struct fw_tui;

/* Start curses.  0, or FW_EIO with a message (no terminal, ...). */
int fw_tui_new(struct fw_tui **out, const struct fw_tui_hooks *h, char *err, size_t errlen);
/* End curses and restore the terminal.  NULL is fine. */
void fw_tui_free(struct fw_tui *t);
/* Read every pending key (non-blocking); FW_TUI_* flags. */
unsigned fw_tui_keys(struct fw_tui *t, const struct fw_view *v);
/* Draw the whole screen. */
void fw_tui_draw(struct fw_tui *t, const struct fw_view *v, const struct fw_tui_status *st);

#endif
