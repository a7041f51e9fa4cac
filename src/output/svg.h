/*
 * svg.h - the HTML report's ladders (svg.c).
 */
#ifndef FW_OUTPUT_SVG_H
#define FW_OUTPUT_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "output/view.h"

struct fw_rw_link_ix;	/* output/rwalk.h */

/*
 * The ladder of handshake h of l as one <svg> element, or with h NULL of
 * messages first .. first+count (those outside any handshake).
 */
void fw_svg_ladder(FILE *out, const struct fw_view *v, const struct fw_link *l,
		   const struct fw_rw_link_ix *ix, const struct fw_handshake *h, size_t first,
		   size_t count, bool show_keys);

#endif
