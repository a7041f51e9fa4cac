/*
 * report.h - reports to attach to a bug report or a mailing-list post:
 * `analyze --html FILE` / `--format html` and `--format markdown`.
 *
 * The HTML report is one self-contained page: inline CSS, each
 * handshake's ladder as inline SVG (AP and station lanes, every message
 * and protected frame with its number and time, ACKs, retransmissions,
 * frames never acknowledged, whether the receiver held the key, the
 * daemons' log events), the findings with their chains (id, caused_by,
 * evidence frames and their roles) and the inputs, with the keys named by
 * fingerprint and origin only.  No script, no network reference.  The
 * Markdown report says the same with tables and the text ladder in fenced
 * blocks.
 *
 * Both read only the view (rwalk.h).  Every string that came from the air,
 * a log or a file name is first made terminal-safe (tstyle.h) and then
 * escaped for the format, so an SSID "<script>" is text, never markup.
 * Key bytes appear only with show_keys, and then only the group keys the
 * text report shows.
 */
#ifndef FW_OUTPUT_REPORT_H
#define FW_OUTPUT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "output/view.h"

struct fw_report_opts {
	bool show_keys;
	const char *version;	/* "fourway 1.2" in the page's footer, or NULL */
};

/* Write the page.  0, FW_ENOMEM, or FW_EIO when out failed. */
int fw_html_write(FILE *out, const struct fw_view *v, const struct fw_report_opts *o);
int fw_markdown_write(FILE *out, const struct fw_view *v, const struct fw_report_opts *o);

#endif
