/*
 * view.h - the read-only snapshot the renderers (text, JSON) take.
 *
 * A view holds pointer arrays into the core's own objects (inputs, links,
 * findings, notes); it owns only those arrays.  It is valid while the core
 * it was made from lives and is not fed again.  Renderers see this and
 * nothing else of the core, and never see raw packet bytes, so a test can
 * build a view by hand without a core.
 *
 * merged: evidence frames name {file, frame} (--merge) rather than a frame
 * number within the finding's own file.  fw_view_init() sets it when the
 * core merged several inputs into one timeline.
 */
#ifndef FW_OUTPUT_VIEW_H
#define FW_OUTPUT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "handshake/core.h"
#include "handshake/model.h"
#include "logs/dlog.h"

struct fw_log_pair;

struct fw_view {
	size_t n_inputs;
	const struct fw_input *const *inputs;
	size_t n_links;
	const struct fw_link *const *links;
	size_t n_findings;
	const struct fw_finding *const *findings;
	size_t n_notes;
	const char *const *notes;
	bool merged;
	/* the daemons' logs (--log), aligned to the capture; set by the caller, not owned */
	size_t n_logs;
	const struct fw_dlog *const *logs;
	/* their lines paired with frames (handshake/logfind.h); set by the caller, not owned */
	size_t n_log_pairs;
	const struct fw_log_pair *log_pairs;
	/*
	 * The findings of each link (fw_view_init()), so that a report or a
	 * screen drawing a row per link does not walk every finding for each:
	 * links sorted by address, and for the k-th, the indices of its
	 * findings fx[fx_off[k] .. fx_off[k + 1]) in report order.  NULL in a
	 * view built by hand: the look-up then walks the findings.
	 */
	const struct fw_link *const *fx_links;
	const size_t *fx_off, *fx;
	/*
	 * fw_view_init() numbers the views it fills (1, 2, ...; 0: built by
	 * hand), so that a screen keeping rows across draws sees at once
	 * whether the view it is given is the one it last saw.
	 */
	unsigned long long serial;
};

/* Fill v from c (allocates the arrays).  0 or FW_ENOMEM (v is then empty). */
int fw_view_init(struct fw_view *v, const struct fw_core *c);
/*
 * The k-th finding of link l (fw_out_finding_on_link()): its index in
 * v->findings in *i, false past the last.  O(log links) with the index.
 */
bool fw_view_link_finding(const struct fw_view *v, const struct fw_link *l, size_t k, size_t *i);
/* How many findings link l has: O(log links) with the index. */
size_t fw_view_link_n_findings(const struct fw_view *v, const struct fw_link *l);
/*
 * The handshake each message of l belongs to: owner[i] the number (from 1)
 * of the first handshake that claims message i, 0 for none (a message
 * outside any handshake, written apart); in one pass over the handshakes.
 * The caller gives a zeroed array of l->n_msgs.
 */
void fw_view_msg_owners(const struct fw_link *l, size_t *owner);
/* The same for message i alone: a walk over the handshakes, for a caller without the array. */
size_t fw_view_msg_owner(const struct fw_link *l, size_t i);
/* Free the arrays fw_view_init() allocated; v becomes empty. */
void fw_view_fini(struct fw_view *v);

#endif
