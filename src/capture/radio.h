/*
 * radio.h - the radio under a live capture: find the interface's phy
 * through nl80211, make a monitor interface on it unless it is one, bring
 * it up, tune it to one channel or hop over several, and delete at the end
 * the interface it made.  An interface nl80211 does not know (a wired one,
 * a TUN device) is captured as it is when nothing needs the radio.
 *
 * Ownership: fw_radio_close() deletes the monitor interface fw_radio_open()
 * created (on every exit path the caller takes) and frees the radio.
 * Errors are written into a caller-owned buffer (nl80211.h's words); the
 * caller says them.
 */
#ifndef FW_CAPTURE_RADIO_H
#define FW_CAPTURE_RADIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/nl80211.h"

struct fw_radio_opts {
	const char *iface;	/* the interface asked for */
	const char *monitor;	/* the name of the monitor interface to make; NULL: fwmonPHY */
	bool tune;		/* stay on chan */
	struct fw_chan chan;
	const struct fw_chan *hop;	/* or hop over these, dwell_ns on each */
	size_t n_hop;
	int64_t dwell_ns;
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
/* Tune to the channel, or the first of the hop list (now: CLOCK_MONOTONIC ns). */
int fw_radio_start(struct fw_radio *r, int64_t now, char *err, size_t errlen);
/* When the next hop is due, or -1 when not hopping. */
int64_t fw_radio_next_hop(const struct fw_radio *r);
/*
 * Hop when due: 0 when not, 1 after hopping, or a negative code when the
 * new channel could not be set (err says why; the hop list moves on).
 */
int fw_radio_hop(struct fw_radio *r, int64_t now, char *err, size_t errlen);
/* The channel of the hop list tuned last (or asked for). */
const struct fw_chan *fw_radio_chan(const struct fw_radio *r);
/* Delete the interface made and free: 0, or the deletion's error in err. */
int fw_radio_close(struct fw_radio *r, char *err, size_t errlen);

#endif
