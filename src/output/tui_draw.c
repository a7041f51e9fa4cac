/*
 * tui_draw.c - the bottom of the live screen: text put on the screen,
 * severity colours, times of day and terminal-safe text.  Every other
 * tui_*.c calls these and this file calls none of theirs, so the screen's
 * files form no circle.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <curses.h>

#include "output/tstyle.h"
#include "output/tui_internal.h"

int tui_sev_color(int sev)
{
	return sev == FW_SEV_ERROR ? TUI_RED : sev == FW_SEV_WARNING ? TUI_YELLOW : TUI_CYAN;
}

/*
 * Print s (UTF-8, already terminal-safe: control bytes escaped) at (y, x)
 * in at most w columns, padding with blanks; wide characters count double.
 */
void tui_put(int y, int x, int w, const char *s)
{
	mbstate_t st;
	size_t n = strlen(s);
	int used = 0;

	memset(&st, 0, sizeof(st));
	move(y, x);
	while (n && used < w) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		int cw;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			/* not valid in this locale: a placeholder, one byte at a time */
			memset(&st, 0, sizeof(st));
			addch('?');
			used++;
			s++;
			n--;
			continue;
		}
		cw = wcwidth(wc);
		if (cw < 0)
			cw = 1, wc = L'?';
		if (used + cw > w)
			break;
		addnwstr(&wc, 1);
		used += cw;
		s += k;
		n -= k;
	}
	for (; used < w; used++)
		addch(' ');
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
