/*
 * events.h - `live` without a terminal: one line per event, text or JSON
 * (one object per line), flushed as it is written.  The JSON lines are
 * the event stream that doc/fourway.schema.json describes (schema version
 * FW_EVENTS_SCHEMA_VERSION, named by the first line).
 *
 * fw_events_update() compares a fresh view with what was already said and
 * prints only what is new:
 * - each EAPOL-Key message once, when first seen ("message");
 * - a handshake when first seen ("handshake_start"), when its outcome is
 *   known ("handshake_end": complete or failed, or whatever it is at the
 *   final update), and when that outcome or its detail changes later
 *   ("handshake_update"); handshakes are numbered from 1 in their link,
 *   as analyze numbers them;
 * - a finding once when it first appears ("finding", with its id, which
 *   is the id analyze --json gives it: chain.c makes ids from what the
 *   finding is, not from when it appeared), then "update" with the same
 *   id and the parts that changed whenever its object changes, and
 *   "resolved" when a refresh no longer has it (a later "update" brings it
 *   back).  The findings of the last update are: every "finding" and
 *   "update" object, the last one for each id, less the resolved ones.
 * Every line carries the capture time it was known at: in JSON "ts"
 * (RFC 3339, UTC, microseconds) and "epoch" (seconds); as text, a first
 * column in the -t format when one was set (fw_events_set_time).
 *
 * Ownership: the events object borrows out; it keeps only hashes and ids
 * of what it printed, never pointers into a view.
 */
#ifndef FW_OUTPUT_EVENTS_H
#define FW_OUTPUT_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "output/clock.h"
#include "output/view.h"

/* The version of the event stream, in the first line's "schema_version". */
#define FW_EVENTS_SCHEMA_VERSION 1

struct fw_events;

/* One interface's kernel counters, when a run captures on several. */
struct fw_events_iface {
	const char *name;
	uint64_t kernel_received, kernel_dropped, if_dropped;
};

struct fw_events_stats {
	uint64_t frames;		/* packets captured */
	bool has_kernel;		/* the counters below are known */
	uint64_t kernel_received, kernel_dropped, if_dropped;	/* over every interface */
	const struct fw_events_iface *ifaces;	/* with several interfaces: each one's */
	size_t n_ifaces;
};

struct fw_events *fw_events_new(FILE *out, bool json, bool show_keys);
void fw_events_free(struct fw_events *e);
/* Start text lines with the time in format f. */
void fw_events_set_time(struct fw_events *e, enum fw_tfmt f);
/*
 * What is new in v; now is the capture time of the last frame read (the
 * lines' time when they have none of their own); final: the capture ended
 * (handshakes still incomplete end as they are).
 */
void fw_events_update(struct fw_events *e, const struct fw_view *v, int64_t now, bool final);
/* An event of its own: "start" (the first line), "note", ... with a text, at time now. */
void fw_events_say(struct fw_events *e, const char *event, const char *text, int64_t now);
void fw_events_stats(struct fw_events *e, const struct fw_events_stats *st, int64_t now);
/* True once a write to out failed. */
bool fw_events_failed(const struct fw_events *e);

#endif
