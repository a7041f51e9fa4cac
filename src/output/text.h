/*
 * text.h - the human report of `fourway analyze`.
 *
 * Order: the problems first (error and warning findings, or a sentence
 * saying there are none / no handshake was found), then per input a header,
 * per link a header, a ladder diagram per handshake (output/ladder.h) and
 * the link's findings, most severe first; finally a summary line and the
 * notes.  Findings are drawn as chains: a consequence (caused_by) under
 * its cause, indented, after an arrow.  Plain ASCII drawing so the report reads the same in a terminal
 * and in a CI log.  Every byte that came from the air or from a file name
 * is escaped (\xNN) unless it is printable UTF-8, so a hostile SSID cannot
 * drive the terminal.  Key bytes are printed only with show_keys.
 */
#ifndef FW_OUTPUT_TEXT_H
#define FW_OUTPUT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "output/clock.h"

#include "output/view.h"

struct fw_text_opts {
	bool color;	/* ANSI colours (the caller decides, e.g. from isatty) */
	bool show_keys;	/* print GTK/IGTK/BIGTK bytes unwrapped from msg 3/4 */
	enum fw_tfmt tfmt;	/* the ladder's time column (-t); FW_T_REL, the default, is 0 */
};

/* Write the report.  0, FW_ENOMEM, or FW_EIO when out failed. */
int fw_text_write(FILE *out, const struct fw_view *v, const struct fw_text_opts *o);
/*
 * ", verified with key N (PMK FINGERPRINT, from ORIGIN)" for a handshake a
 * key verified (the report's wording, which annotations share).
 */
void fw_text_key_name(FILE *out, const struct fw_handshake *h);

#endif
