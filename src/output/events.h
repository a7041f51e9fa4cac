/*
 * events.h - `live` without a terminal: one line per event, text or JSON
 * (one object per line), flushed as it is written.
 *
 * fw_events_update() compares a fresh view with what was already said and
 * prints only what is new: each EAPOL-Key message once (when first seen),
 * a handshake each time its outcome or detail changes, a finding when it
 * first appears and again whenever its object changes (more evidence, a
 * longer detail).  The last line printed for a finding's code, link and
 * first evidence frame is the current one.  A finding line is exactly the
 * object `analyze --json` puts in "findings" (json.c writes both); every
 * other line has an "event" member: "start", "message", "handshake",
 * "note", "stats".
 *
 * Ownership: the events object borrows out; it keeps only hashes of what
 * it printed, never pointers into a view.
 */
#ifndef FW_OUTPUT_EVENTS_H
#define FW_OUTPUT_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "output/view.h"

struct fw_events;

struct fw_events_stats {
	uint64_t frames;		/* packets captured */
	bool has_kernel;		/* the counters below are known */
	uint64_t kernel_received, kernel_dropped, if_dropped;
};

struct fw_events *fw_events_new(FILE *out, bool json, bool show_keys);
void fw_events_free(struct fw_events *e);
/* What is new in v. */
void fw_events_update(struct fw_events *e, const struct fw_view *v);
/* An event of its own: "start", "note", ... with a text. */
void fw_events_say(struct fw_events *e, const char *event, const char *text);
void fw_events_stats(struct fw_events *e, const struct fw_events_stats *st);
/* True once a write to out failed. */
bool fw_events_failed(const struct fw_events *e);

#endif
