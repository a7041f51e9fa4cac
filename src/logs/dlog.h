/*
 * dlog.h - hostapd and wpa_supplicant debug logs read as events.
 *
 * A log is text the daemons wrote with -d or -dd, with -t timestamps
 * ("1796539069.577693: ") or without, through syslog ("Dec  6 07:11:27 host
 * hostapd[12]: ", RFC 5424 times too) or plain.  Each line is read on its
 * own: a line of a known form becomes one event, any other line is skipped.
 * Which daemon wrote a line, and so which side (AP or station) it tells
 * of, is recognised from the line itself, so two daemons' logs interleaved
 * in one file still put each event on its side.
 *
 * Everything in a log is untrusted: lines longer than FW_DLOG_LINE_MAX are
 * skipped unread (a 1 GB line costs one pass and no memory), bytes that are
 * not text make the line garbage, and a log keeps at most FW_DLOG_MAX_EVENTS
 * events.  What was skipped is counted and said in the log's notes.
 *
 * A struct fw_dlog owns its events and notes; fw_dlog_free() frees them.
 * Alignment (align.c) sets offset and fit; the log is otherwise read-only.
 */
#ifndef FW_LOGS_DLOG_H
#define FW_LOGS_DLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FW_DLOG_LINE_MAX 4096
#define FW_DLOG_MAX_EVENTS 65536u
#define FW_DLOG_MAX_NOTES 8

enum fw_dlog_daemon { FW_DLOG_UNKNOWN = 0, FW_DLOG_HOSTAPD, FW_DLOG_WPA_SUPPLICANT };

enum fw_dlog_kind {
	FW_DLOG_EV_NONE = 0,
	FW_DLOG_EV_EAPOL_TX,	/* the daemon sent an EAPOL-Key message */
	FW_DLOG_EV_EAPOL_RX,	/* the daemon received (and processes) one */
	FW_DLOG_EV_TX_STATUS,	/* hostapd: the driver's ack=0/1 for the last one sent */
	FW_DLOG_EV_KEY_INSTALL,	/* PTK, GTK, IGTK or BIGTK installed to the driver */
	FW_DLOG_EV_MIC_FAILURE,	/* a received message's MIC did not verify */
	FW_DLOG_EV_REPLAY_DISCARD,	/* a received message dropped for its replay counter */
	FW_DLOG_EV_TIMEOUT,	/* hostapd's EAPOL-Key retransmission timer fired */
	FW_DLOG_EV_STATE,	/* a state machine moved (hostapd WPA_PTK*, wpa_supplicant State:) */
	FW_DLOG_EV_COMPLETED,	/* a key handshake completed */
	FW_DLOG_EV_FAILED,	/* a key handshake given up */
	FW_DLOG_EV_ASSOC,	/* association (station) or associated STA (AP) */
	FW_DLOG_EV_DISCONNECT,	/* the daemon disconnects the peer, with a reason */
	FW_DLOG_EV_CONNECTED,	/* CTRL-EVENT-CONNECTED, AP-STA-CONNECTED */
	FW_DLOG_EV_DISCONNECTED,	/* CTRL-EVENT-DISCONNECTED, AP-STA-DISCONNECTED */
	FW_DLOG_EV_PMF_DROP,	/* PMF: an unprotected deauth/disassoc dropped (detail says which) */
	FW_DLOG_EV_SA_QUERY,	/* SA Query: attempt, request sent, response, timed out (detail) */
	FW_DLOG_EV_PMKSA,	/* PMKSA cache: added, found, not found, removed (detail) */
	FW_DLOG_EV_COUNT
};

/* The EAPOL-Key message an event is about (0: none). */
enum fw_dlog_msg { FW_DLOG_MSG_NONE = 0, FW_DLOG_M1, FW_DLOG_M2, FW_DLOG_M3, FW_DLOG_M4,
	FW_DLOG_G1, FW_DLOG_G2 };

/* The key a KEY_INSTALL event installs. */
enum fw_dlog_key { FW_DLOG_KEY_NONE = 0, FW_DLOG_KEY_PTK, FW_DLOG_KEY_GTK, FW_DLOG_KEY_IGTK,
	FW_DLOG_KEY_BIGTK };

struct fw_dlog_event {
	uint64_t line;		/* 1-based line number in the log */
	enum fw_dlog_kind kind;
	enum fw_dlog_daemon daemon;	/* which daemon wrote the line */
	bool has_ts;
	int64_t ts_ns;		/* the log's own clock (has_ts) */
	enum fw_dlog_msg msg;
	bool msg_from_ap;	/* the message's direction (msg != NONE) */
	bool has_peer;
	uint8_t peer[6];	/* the other side: the STA for hostapd, the AP for the station */
	int ack;		/* TX_STATUS: 0 or 1; -1 otherwise */
	bool has_reason;
	uint16_t reason;	/* DISCONNECT, DISCONNECTED */
	bool has_nonce;
	uint8_t nonce[32];	/* the nonce the message carries, where the log dumps it */
	bool has_rc;
	uint64_t replay_counter;	/* where the log dumps it */
	bool locally_generated;	/* DISCONNECTED: the station itself ended it */
	unsigned attempt;	/* SA_QUERY "attempt": its number (1..); 0 otherwise */
	enum fw_dlog_key key;	/* KEY_INSTALL: which key (detail says it in words) */
	char detail[48];	/* "PTK", "GTK keyidx=1", a state name; "" none */
};

struct fw_dlog_fit {
	bool aligned;		/* an offset was found */
	int64_t offset_ns;	/* capture time = log time + offset */
	unsigned matched;	/* EAPOL-Key events matched to captured messages */
	unsigned candidates;	/* EAPOL-Key events with a time that could be matched */
	unsigned outliers;	/* matched pairs dropped as too far from the others */
	int64_t residual_ns;	/* largest |difference - offset| of the matched ones */
	int64_t rms_ns;		/* their root mean square */
	/*
	 * Drift, fitted only when the matched events span more than
	 * FW_DLOG_DRIFT_SPAN_NS and number at least FW_DLOG_DRIFT_MIN: capture
	 * time = log time + offset + drift_ppm * 1e-6 * (log time - t0_ns),
	 * so offset_ns holds at t0_ns, the log's first timed event.
	 */
	bool drift_fitted;
	double drift_ppm;
	int64_t t0_ns;
	int64_t span_ns;	/* log time from the first matched event to the last */
	bool has_own;
	uint8_t own[6];		/* the log's own address, learnt from the matches */
	/*
	 * What was matched: EAPOL-Key events, or (a log with none that match,
	 * as a split AP's front end) TX statuses to the AP's EAPOL-Key frames.
	 * matched and the residuals then count those.
	 */
	enum { FW_DLOG_ANCHOR_EAPOL = 0, FW_DLOG_ANCHOR_TX_STATUS } anchor;
};

struct fw_dlog {
	char *path;
	enum fw_dlog_daemon daemon;	/* the majority of the lines */
	bool ap_side;		/* the daemon is the authenticator (hostapd) */
	uint64_t lines, skipped_long, garbage, unknown;
	uint64_t dropped_events;	/* past FW_DLOG_MAX_EVENTS */
	uint64_t lines_hostapd, lines_supplicant;	/* lines recognised as each */
	uint64_t no_time;	/* events without a timestamp */
	uint64_t backwards;	/* events whose time went back more than a second */
	bool read_error;
	struct fw_dlog_event *events;
	size_t n_events, cap_events;
	/*
	 * The events that name a peer, as indices into events sorted by
	 * (peer, index): a link's events are found by two binary searches, not
	 * by a walk of the whole log for every link.  NULL: not built (then
	 * fw_dlog_link_next walks).
	 */
	uint32_t *by_peer;
	size_t n_by_peer;
	char *notes[FW_DLOG_MAX_NOTES];
	size_t n_notes;
	struct fw_dlog_fit fit;
	/*
	 * The daemon's own address where the log says it (hostapd's "Using
	 * interface wlan0 with hwaddr ...", wpa_supplicant's "Own MAC address:
	 * ..."): the log's link without a capture.
	 */
	bool has_self;
	uint8_t self[6];
	/* parser state: the last peer named per side, an SNonce waiting for its 2/4 */
	uint8_t last_peer[2][6];
	bool has_last_peer[2];
	bool pending_snonce;
	uint8_t snonce[32];
};

/* Daemon, kind and message names ("hostapd", "eapol_tx", "3/4"). */
const char *fw_dlog_daemon_name(enum fw_dlog_daemon d);
const char *fw_dlog_kind_name(enum fw_dlog_kind k);
const char *fw_dlog_msg_name(enum fw_dlog_msg m);

/*
 * Parse one line (no newline, len bytes, any bytes) as line number line_no
 * into ev.  Returns 1 for an event, 0 for a line of no known form, or
 * FW_EMALFORMED for a line that is not text.  st carries what one line
 * leaves for the next (the last peer, a dumped SNonce); it is a struct
 * fw_dlog so the parser needs no state of its own.
 */
int fw_dlog_parse_line(struct fw_dlog *st, const char *line, size_t len, uint64_t line_no,
		       struct fw_dlog_event *ev);

/* An empty log named path (copied).  NULL when out of memory. */
struct fw_dlog *fw_dlog_new(const char *path);
void fw_dlog_free(struct fw_dlog *l);
/* Read every line of f into l; the notes say what was skipped.  0 or FW_ENOMEM. */
int fw_dlog_read(struct fw_dlog *l, FILE *f);
/* Open path, read it into a new log (*out).  0, FW_ENOMEM, or FW_EIO with err said. */
int fw_dlog_load(const char *path, struct fw_dlog **out, char *err, size_t errlen);
/* Add a note (printf-style); silently dropped past FW_DLOG_MAX_NOTES. */
__attribute__((format(printf, 2, 3)))
void fw_dlog_note(struct fw_dlog *l, const char *fmt, ...);

/*
 * One EAPOL-Key message of the capture, as alignment needs it: the
 * reconstructor's fw_msg reduced to what a log can name.
 */
struct fw_dlog_air {
	int64_t ts_ns;
	enum fw_dlog_msg msg;
	bool from_ap;
	uint8_t bssid[6], sta[6];
	bool has_nonce;
	uint8_t nonce[32];
	bool has_rc;
	uint64_t replay_counter;
};

/*
 * Estimate l's clock offset to the capture's from its EAPOL-Key events and
 * the captured messages air[0..n): every pair that names the same message,
 * direction, peer (and nonce, replay counter where both have one) votes
 * for the difference of their times; the densest window of votes wins, and
 * each event then keeps the vote nearest to it; the offset is the median
 * of those, outliers beyond tolerance are dropped.  Sets l->fit.  Bounded:
 * at most FW_DLOG_MAX_PAIRS votes are counted (a note says when that cut).
 * A log with no timed EAPOL-Key event (a split AP's front end) is aligned
 * by its TX statuses instead when at least FW_DLOG_TXS_MIN of them match
 * (fit.anchor, and a note, say so).
 */
#define FW_DLOG_TXS_MIN 3u
#define FW_DLOG_MAX_PAIRS (1u << 20)
#define FW_DLOG_ALIGN_TOL_NS 20000000	/* 20 ms: a matched pair further off is an outlier */
#define FW_DLOG_ALIGN_KEEP_NS 2000000	/* 2 ms: never drop a pair closer than this */
#define FW_DLOG_DRIFT_SPAN_NS 60000000000LL	/* 60 s: shorter, clocks drift by microseconds */
#define FW_DLOG_DRIFT_MIN 6u	/* matched events below which no drift is fitted */
#define FW_DLOG_DRIFT_MAX_PPM 1000.0	/* the widest drift searched for */
int fw_dlog_align(struct fw_dlog *l, const struct fw_dlog_air *air, size_t n);

/*
 * A log time put on the capture's clock by l's fit (offset, and drift where
 * fitted) into *out; true when it does not fit in an int64_t (like
 * __builtin_add_overflow()).
 */
static inline bool fw_dlog_place(const struct fw_dlog *l, int64_t ts_ns, int64_t *out)
{
	int64_t corr = 0;

	if (l->fit.drift_fitted) {
		double c = ((double)ts_ns - (double)l->fit.t0_ns) * l->fit.drift_ppm * 1e-6;

		if (c > 9e18 || c < -9e18)
			return true;
		corr = (int64_t)c;
	}
	if (__builtin_add_overflow(ts_ns, l->fit.offset_ns, out))
		return true;
	return __builtin_add_overflow(*out, corr, out);
}

/*
 * With no capture: put station log l on the clock of the AP-side logs
 * refs[0..n) (their own clocks taken as one), their EAPOL-Key events
 * standing in for the air: an AP's send is logged just before its frame
 * is on the air, its reception just after.  The AP's address, where no
 * log of it says it, is the one l names most.  Sets l->fit as
 * fw_dlog_align() does.  0 or FW_ENOMEM.
 */
int fw_dlog_align_to_logs(struct fw_dlog *l, const struct fw_dlog *const *refs, size_t n);

/* Whether event e of log l is about the link (bssid, sta). */
bool fw_dlog_event_on_link(const struct fw_dlog *l, const struct fw_dlog_event *e,
			   const uint8_t bssid[6], const uint8_t sta[6]);
/*
 * The events of one link in log order: fw_dlog_link_first() then
 * fw_dlog_link_next() until it gives NULL.  Each is an event
 * fw_dlog_event_on_link() accepts; the cost is the link's events, plus a
 * logarithm of the log's.
 */
struct fw_dlog_link_iter {
	const struct fw_dlog *l;
	const uint8_t *bssid, *sta;
	size_t a, a_end, b, b_end;	/* ranges of by_peer: peer == sta, peer == bssid */
	size_t k;			/* the walk when there is no index */
};
void fw_dlog_link_first(struct fw_dlog_link_iter *it, const struct fw_dlog *l,
			const uint8_t bssid[6], const uint8_t sta[6]);
const struct fw_dlog_event *fw_dlog_link_next(struct fw_dlog_link_iter *it);

/* Whether e was written by the AP side (hostapd). */
bool fw_dlog_event_ap_side(const struct fw_dlog *l, const struct fw_dlog_event *e);

#endif
