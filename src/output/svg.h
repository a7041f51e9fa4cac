/*
 * svg.h - the HTML report's ladders (svg.c) and the escaping every part
 * of the page uses (html.c).
 */
#ifndef FW_OUTPUT_SVG_H
#define FW_OUTPUT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "output/view.h"

/* s with & < > " ' written as entities (s is text this program wrote). */
void fw_html_esc(FILE *out, const char *s);
/* A string from outside (air, log, file name): terminal-safe, then escaped. */
void fw_html_str(FILE *out, const char *s);
/*
 * The ladder of handshake h of l as one <svg> element, or with h NULL of
 * messages first .. first+count (those outside any handshake).
 */
void fw_svg_ladder(FILE *out, const struct fw_view *v, const struct fw_link *l,
		   const struct fw_handshake *h, size_t first, size_t count, bool show_keys);

#endif
