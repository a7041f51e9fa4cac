/*
 * core.h - the reconstructor: frames in, links, handshakes and findings out.
 *
 * One struct fw_core holds all state (no globals).  The caller feeds every
 * decoded frame in capture order with fw_core_feed(), then calls
 * fw_core_finish() once, which verifies what could not be verified earlier
 * and runs the detectors; a live capture calls fw_core_refresh() between
 * feeds to see the findings so far.  Memory grows with links and EAPOL messages,
 * never with frames.
 *
 * The keyring is borrowed: it must outlive the core.
 */
#ifndef FW_HANDSHAKE_CORE_H
#define FW_HANDSHAKE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/frame.h"
#include "handshake/finding.h"
#include "handshake/model.h"
#include "keys/keyring.h"

struct fw_core_opts {
	bool filter_bssid;
	uint8_t bssid[6];
	bool filter_sta;
	uint8_t sta[6];
	bool merge;		/* links span files (--merge) */
	size_t max_links;	/* 0: default */
};

struct fw_core;

struct fw_core *fw_core_new(const struct fw_core_opts *opts, struct fw_keyring *kr);
void fw_core_free(struct fw_core *c);

/* Register an input; returns its index. */
unsigned fw_core_add_input(struct fw_core *c, const char *path, int linktype);
/* Mark an input as cut short (message kept for the report). */
void fw_core_input_error(struct fw_core *c, unsigned input, const char *msg);

/* Feed one decoded frame (f->status may be negative: it is counted). */
void fw_core_feed(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		  const struct fw_frame *f);
/* Verify, group handshakes, run detectors.  Call once, after the last feed. */
void fw_core_finish(struct fw_core *c);
/*
 * The same passes as fw_core_finish() over what has been fed so far, for a
 * live capture, run on a copy of each link: the links the feed goes on
 * with are left exactly as fed, so feeding may go on afterwards, and
 * fw_core_finish() after the last feed gives what it gives without any
 * refresh.  The previous refresh's findings and links are dropped; the
 * accessors' pointers stay valid until the next refresh, finish or free
 * (feeding does not touch them).  No-op after fw_core_finish().
 */
void fw_core_refresh(struct fw_core *c);

/* Read-only views (valid until fw_core_free). */
size_t fw_core_n_inputs(const struct fw_core *c);
const struct fw_input *fw_core_input(const struct fw_core *c, size_t i);
size_t fw_core_n_links(const struct fw_core *c);
const struct fw_link *fw_core_link(const struct fw_core *c, size_t i);
size_t fw_core_n_findings(const struct fw_core *c);
const struct fw_finding *fw_core_finding(const struct fw_core *c, size_t i);

/*
 * Warnings for the user that are not findings (e.g. "passphrase given but
 * no SSID known for BSSID x; use --ssid"), one per line, deduplicated.
 */
size_t fw_core_n_notes(const struct fw_core *c);
const char *fw_core_note(const struct fw_core *c, size_t i);

#endif
