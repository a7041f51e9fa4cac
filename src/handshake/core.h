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
	/* ACK correlation: the bound for an ACK when the frame's rate is unknown */
	uint32_t ack_window_us;	/* 0: FW_CORE_ACK_WINDOW_US */
	/* SLOW_RESPONSE thresholds: answer to a first request / to a retry */
	uint32_t slow_first_ms;	/* 0: FW_CORE_SLOW_FIRST_MS */
	uint32_t slow_later_ms;	/* 0: FW_CORE_SLOW_LATER_MS */
	/*
	 * Every protected frame of a link with a known TK is decrypted and
	 * handed to on_decrypted (an 802.11 MPDU, Protected bit clear, no FCS),
	 * for --export-decrypted.  Without it only the frames a finding needs
	 * are decrypted.  The bytes are valid during the call only.
	 */
	void (*on_decrypted)(void *arg, unsigned input, uint64_t frame_no, int64_t ts_ns,
			     const uint8_t *mpdu, size_t len);
	void *on_decrypted_arg;
};

/* Defaults: a few ms for an ACK; hostapd's EAPOL-Key timeouts (100 ms, then 1 s). */
#define FW_CORE_ACK_WINDOW_US 5000u
#define FW_CORE_SLOW_FIRST_MS 100u
#define FW_CORE_SLOW_LATER_MS 1000u

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
/*
 * The same, for a frame of interface iface of its input (a pcapng
 * interface ID; fw_core_feed() is interface 0).  Under --merge, or within
 * one input with several interfaces, a frame that another interface or
 * file recorded a few ms earlier (same MPDU bytes) is not a new frame but
 * another sighting of it: fw_msg.sightings.
 */
void fw_core_feed_iface(struct fw_core *c, unsigned input, uint32_t iface, uint64_t frame_no,
			int64_t ts_ns, const struct fw_frame *f);
/*
 * An ACK known by its receiver address ra alone (fw_frame_plain_ack()),
 * of input and interface iface: true when the feed took it as
 * fw_core_feed_iface() takes such an ACK decoded in full, which for most
 * ACKs (one frame waiting, which it answers) is a few steps; false, the
 * core untouched, for any other, to decode and give fw_core_feed_iface().
 */
bool fw_core_feed_ack(struct fw_core *c, unsigned input, uint32_t iface, uint64_t frame_no,
		      int64_t ts_ns, const uint8_t ra[6]);
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
/* True when the inputs are one timeline (opts.merge) and there are several. */
bool fw_core_merged(const struct fw_core *c);
const struct fw_input *fw_core_input(const struct fw_core *c, size_t i);
size_t fw_core_n_links(const struct fw_core *c);
const struct fw_link *fw_core_link(const struct fw_core *c, size_t i);
size_t fw_core_n_findings(const struct fw_core *c);
const struct fw_finding *fw_core_finding(const struct fw_core *c, size_t i);

/*
 * The keys the run derived, for --export-keys: for every verified
 * handshake its PMK and TK, and every distinct GTK a msg 3/4 or group
 * msg 1/2 carried, handed to fn one at a time (PMKs once per handshake:
 * the caller drops repeats).  The bytes are valid during the call only
 * and are key material: the caller writes them only where the user asked.
 * *missed (may be NULL) counts verified handshakes whose TK could not be
 * given (an FT PTK no longer cached).  Returns the number of keys handed
 * out.  Call after fw_core_finish().
 */
enum fw_core_key_kind { FW_CK_PMK, FW_CK_TK, FW_CK_GTK };
struct fw_core_key {
	enum fw_core_key_kind kind;
	const struct fw_link *link;
	size_t hs;		/* index of the handshake in link->hs */
	const uint8_t *key;
	size_t len;
	uint32_t cipher;	/* TK, GTK: the cipher suite selector when known, else 0 */
};
typedef void (*fw_core_key_fn)(void *arg, const struct fw_core_key *k);
int fw_core_keys(struct fw_core *c, fw_core_key_fn fn, void *arg, size_t *missed);

/*
 * Warnings for the user that are not findings (e.g. "passphrase given but
 * no SSID known for BSSID x; use --ssid"), one per line, deduplicated.
 */
size_t fw_core_n_notes(const struct fw_core *c);
/* Add one (an input's own, e.g. a damaged gzip trailer); said once however often added. */
void fw_core_add_note(struct fw_core *c, const char *msg);
const char *fw_core_note(const struct fw_core *c, size_t i);

#endif
