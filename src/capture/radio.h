/*
 * radio.h - the radio under a live capture: find the interface's phy
 * through nl80211, make a monitor interface on it unless it is one, bring
 * it up, tune it to one channel or hop over several, and delete at the end
 * the interface it made.  An interface nl80211 does not know (a wired one,
 * a TUN device) is captured as it is when nothing needs the radio.
 *
 * Hopping runs on a thread of the radio's own, so a slow nl80211 call
 * never holds up the caller's poll loop: fw_radio_start() starts it,
 * fw_radio_close() stops and joins it.  The thread tunes through a netlink
 * socket of its own (the caller's thread keeps the one it set up with) and
 * never prints: it publishes the channel it is on and the time of its next
 * hop atomically, and keeps the last error it met under a mutex it never
 * holds across an nl80211 call, so every read below returns at once, even
 * while a hop is in flight.  A failed hop makes fw_radio_fd() readable.
 *
 * Threads and privileges: capabilities belong to each thread under Linux,
 * and a thread takes its creator's, so start the radio after dropping
 * privileges (privs.h), never before: the thread then holds exactly what
 * the process kept.
 *
 * Ownership: fw_radio_close() stops the thread, deletes the monitor
 * interface fw_radio_open() created (on every exit path the caller takes)
 * and frees the radio.  Errors are written into a caller-owned buffer
 * (nl80211.h's words); the caller says them.
 */
#ifndef FW_CAPTURE_RADIO_H
#define FW_CAPTURE_RADIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/nl80211.h"

/* Tune to ch: 0, or a negative code with err set (the shape of fw_nl_set_chan). */
typedef int (*fw_radio_set_fn)(void *ctx, const struct fw_chan *ch, char *err, size_t errlen);

struct fw_radio_opts {
	const char *iface;	/* the interface asked for */
	const char *monitor;	/* the name of the monitor interface to make; NULL: fwmonPHY */
	bool tune;		/* stay on chan */
	struct fw_chan chan;
	const struct fw_chan *hop;	/* or hop over these, dwell_ns on each */
	size_t n_hop;
	/*
	 * Several radios share one list: this one starts at hop[hop_first] and
	 * steps hop_step (0 taken as 1) places at a time, modulo n_hop.
	 */
	size_t hop_first, hop_step;
	int64_t dwell_ns;
	/*
	 * Tests only: tune through this instead of nl80211; no interface is
	 * then looked up, made or deleted.
	 */
	fw_radio_set_fn set_chan;
	void *set_ctx;
};

struct fw_radio;

/*
 * Set the radio up, untuned.  0, with a note in note (else "") when the
 * interface is captured as it is.  Otherwise FW_ENOTFOUND (no such
 * interface), FW_EUNSUPP (nl80211 does not know it, and a channel, hopping
 * or a monitor interface was asked for: only then) or another code, with
 * err set.
 * *out is set either way (NULL only when out of memory): close it, so an
 * interface made before a later step failed is deleted.
 */
int fw_radio_open(struct fw_radio **out, const struct fw_radio_opts *o, char *note,
		  size_t notelen, char *err, size_t errlen);
/* The interface to capture on: the monitor interface made, or the one asked for. */
const char *fw_radio_iface(const struct fw_radio *r);
/* Whether fw_radio_open() made the interface (it is deleted on close). */
bool fw_radio_created(const struct fw_radio *r);
/*
 * Tune to the channel, or the first of this radio's hops, in the calling
 * thread: a channel the radio refuses is said before the capture starts.
 * 0, or a negative code with err set.
 */
int fw_radio_tune(struct fw_radio *r, char *err, size_t errlen);
/*
 * Start hopping (now: CLOCK_MONOTONIC ns): the thread and its netlink
 * socket.  Hops fall due at now + k dwell_ns, so radios started with one
 * now hop in step.  0 at once when not hopping.
 * FW_EIO or FW_ENOMEM with err set.  At most once a radio.
 */
int fw_radio_start(struct fw_radio *r, int64_t now, char *err, size_t errlen);
/* When the next hop is due (CLOCK_MONOTONIC ns), or -1 when not hopping. */
int64_t fw_radio_next_hop(const struct fw_radio *r);
/* The channel tuned last (or asked for); a hop that failed left the radio where it was. */
struct fw_chan fw_radio_chan(const struct fw_radio *r);
/*
 * A descriptor readable while a failed hop has not been taken (-1 when not
 * hopping), for the caller's poll loop.
 */
int fw_radio_fd(const struct fw_radio *r);
/*
 * The hops that failed since the last call (0: none, err untouched), with
 * the last one's error in err; clears fw_radio_fd().
 */
unsigned fw_radio_take_error(struct fw_radio *r, char *err, size_t errlen);
/* Stop hopping, delete the interface made and free: 0, or the deletion's error in err. */
int fw_radio_close(struct fw_radio *r, char *err, size_t errlen);

#endif
