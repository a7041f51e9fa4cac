/*
 * internal.h - the scene: the state a scenario drives (two parties, their
 * keys, counters and a simulated clock) and the steps scenarios are made
 * of.  Not part of the synth stage's interface.
 *
 * Frames are kept in memory in capture order until the scenario ends, so a
 * scenario may move one (reordered captures); frame numbers are 1-based
 * positions.  A step that fails records the first error in scene->err and
 * every later step does nothing, so scenarios read as plain sequences.
 * The wired side of an 802.1X scenario is a second list of frames
 * (Ethernet), on the same clock, numbered on its own.
 */
#ifndef FW_SYNTH_INTERNAL_H
#define FW_SYNTH_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/akm.h"
#include "crypto/ptk.h"
#include "synth/enc.h"
#include "synth/rng.h"
#include "synth/synth.h"

#define SC_MAX_FRAMES 128
#define SC_FRAME_MAX 512

struct sc_frame {
	int64_t ts_ns;
	struct fw_enc_radio radio;
	size_t len;
	uint8_t b[SC_FRAME_MAX];	/* the MPDU, without FCS */
};

/* One side's view of the pairwise key. */
struct sc_party {
	uint8_t addr[6];
	uint16_t seq;		/* last sequence number used */
	struct fw_ptk ptk;	/* derived for the current handshake */
	bool installed;		/* transmits protected with ptk.tk */
	uint64_t pn;		/* last packet number used with the installed key */
};

/* The AP's wired side and the 802.1X state of both parties (dot1x.c). */
struct sc_wire {
	uint8_t nas_mac[6], srv_mac[6];	/* the AP's wired interface, the RADIUS server */
	uint8_t nas_ip[4], srv_ip[4];
	uint16_t nas_port;		/* the AP's UDP source port */
	uint16_t ip_id;
	uint8_t radius_id;		/* identifier of the last Access-Request */
	uint8_t req_auth[16];		/* its Request Authenticator */
	uint8_t state[16];		/* State of the last Access-Challenge */
	bool has_state;
	uint8_t eap_id;			/* identifier of the last EAP-Request */
	uint8_t msk[64];		/* the MSK of the last EAP method run */
};

struct scene {
	const struct fw_synth_opts *o;
	struct fw_synth_result *res;
	struct fw_rng rng;
	int err;
	char *errbuf;
	size_t errlen;

	struct sc_party ap, sta;
	uint8_t ssid[32];
	size_t ssid_len;
	uint8_t pmk[32];	/* the AP's (the network's) PMK */
	uint8_t sta_pmk[32];	/* the station's: differs in wrong-key */
	uint8_t akm, ver, cipher;
	bool pmf;		/* RSNEs say MFP required (and capable) */
	struct fw_akm_params params;
	size_t tk_len;

	uint64_t rc;		/* the AP's last replay counter */
	uint8_t anonce[32], snonce[32];
	uint8_t gtk[16];
	uint8_t gtk_keyid;
	uint64_t group_pn;
	int64_t t;		/* simulated time, ns: the end of the last frame */
	uint16_t ip_id;

	struct sc_frame *frames;
	size_t n_frames;

	struct sc_wire wire;
	struct sc_frame *wired;		/* NULL unless the scenario has a wired side */
	size_t n_wired;

	bool alog;		/* the daemons' logs are written as the steps run (autolog.c) */
	uint64_t ap_rc_lo;	/* hostapd: the oldest replay counter a 2/4 or 4/4 may answer */
};

/* What a frame of a step may do differently (all zero: the normal case). */
struct sc_tx {
	bool no_ack;		/* the ACK is not on the air */
	bool protect;		/* sent inside a frame protected with the sender's TK */
	size_t trailing;	/* zero bytes appended after the EAPOL frame */
	int flip;		/* 1 + offset in the EAPOL frame of a byte flipped after the MIC */
	const uint8_t *anonce;	/* M2: the ANonce the station answers (default: the current one) */
	bool rc_set;		/* M3: use rc instead of the next counter */
	uint64_t rc;		/* M2/M4/G2: the counter answered; M3 with rc_set: its counter */
	const uint8_t *pmkid;	/* M1: this PMKID in the KDE instead of the right one */
	uint8_t rsne_pairwise;	/* M3: this pairwise suite in its RSNE instead */
	bool no_pmkid;		/* M1: no PMKID KDE (the AP has no PMK yet) */
	bool unheard;		/* ACKed by the receiver's radio, never handed to its daemon */
};

/* Time */
void sc_wait_us(struct scene *sc, uint64_t us);
/* Record the first error (every later step then does nothing). */
void sc_fail(struct scene *sc, int err, const char *what);
/* The Internet checksum (RFC 1071) of p[0..n). */
uint16_t sc_inet_csum(const uint8_t *p, size_t n);

/* Steps: each returns the 1-based frame number of what it sent (0 after an error). */
uint64_t sc_beacon(struct scene *sc);
void sc_connect(struct scene *sc);	/* beacon, authentication, association, with ACKs */
uint64_t sc_m1(struct scene *sc, const struct sc_tx *tx);
uint64_t sc_m2(struct scene *sc, const struct sc_tx *tx);
uint64_t sc_m3(struct scene *sc, const struct sc_tx *tx);
uint64_t sc_m4(struct scene *sc, const struct sc_tx *tx);
uint64_t sc_g1(struct scene *sc, const struct sc_tx *tx);	/* a new GTK, protected */
uint64_t sc_g2(struct scene *sc, const struct sc_tx *tx);
/* A MAC retransmission of frame n: Retry bit, same sequence number and body. */
uint64_t sc_retransmit(struct scene *sc, uint64_t n, bool acked);
/* An ICMP echo request from the station / reply from the AP side, protected. */
uint64_t sc_ping(struct scene *sc, bool from_ap, bool acked);
/* A broadcast from the AP protected with the GTK. */
uint64_t sc_group_data(struct scene *sc);
uint64_t sc_deauth(struct scene *sc, bool from_ap, uint16_t reason);
/* The same in that side's name, by someone else: its daemon never sent it (the logs show it). */
uint64_t sc_deauth_forged(struct scene *sc, bool from_ap, uint16_t reason);
/* The same protected with the sender's installed TK (management frame protection). */
uint64_t sc_deauth_protected(struct scene *sc, bool from_ap, uint16_t reason);
/* A protected SA Query request (or response) with transaction identifier tid (9.6.9). */
uint64_t sc_sa_query(struct scene *sc, bool from_ap, bool response, const uint8_t tid[2]);
/* The station's (re)association request and the AP's response, acknowledged; the request's number. */
uint64_t sc_associate(struct scene *sc, bool reassoc);
/* An EAPOL PDU (header and body) in a plaintext data frame, acknowledged. */
uint64_t sc_eapol_pdu(struct scene *sc, bool from_ap, const uint8_t *pdu, size_t len);
/* A frame of the wired side, stamped now; its 1-based number there. */
uint64_t sc_wired_frame(struct scene *sc, const uint8_t *frame, size_t len);

/*
 * 802.1X (dot1x.c).  sc_eap_method: EAP-Request/Identity, the Response, then
 * EAP-TLS rounds up to the station's last Response, each Response relayed in
 * an Access-Request and each Request coming back in an Access-Challenge; a
 * fresh MSK, which the station takes as its PMK when sta_takes_key.
 * sc_radius_accept: the Access-Accept of the last request, with EAP-Success
 * and the MSK's halves in MS-MPPE-Recv-Key and Send-Key: the AP's PMK from
 * then on; its wired frame number.  sc_eap_success: EAP-Success on the air.
 * sc_eap_auth: the three, one after the other.
 */
void sc_eap_method(struct scene *sc, bool sta_takes_key);
uint64_t sc_radius_accept(struct scene *sc);
uint64_t sc_eap_success(struct scene *sc);
void sc_eap_auth(struct scene *sc);

/* Keys: a side derives and installs the PTK of the current nonces (PN from 0). */
void sc_install(struct scene *sc, struct sc_party *p);
/* A fresh SNonce (a new handshake of the station). */
void sc_new_snonce(struct scene *sc);
void sc_new_anonce(struct scene *sc);

/* Move frame `from` to position `to` (1-based), shifting those between. */
void sc_move(struct scene *sc, uint64_t from, uint64_t to);
/* Frame n was on the air but the sniffer missed it: it leaves the capture. */
void sc_drop(struct scene *sc, uint64_t n);

/*
 * The daemons' logs (scenarios that model them): sc_log_open names log i
 * and sets its clock off the capture's by offset_ns; sc_log appends one
 * line stamped at capture time ts_ns ("1767225600.123456: " and the text),
 * in the order the scenario writes them.  A line that does not fit is
 * an error of the run.
 */
void sc_log_open(struct scene *sc, size_t i, const char *name, int64_t offset_ns);
__attribute__((format(printf, 4, 5)))
void sc_log(struct scene *sc, size_t i, int64_t ts_ns, const char *fmt, ...);
/*
 * autolog.c: the hostapd and wpa_supplicant logs of any scenario, written
 * by the steps as they run when the options ask for logs (o->logs);
 * sc_alog_stop() for a scenario that writes logs of its own.  sc_alog_sent:
 * message msg (an enum sc_key) is on the air as frame n, with the replay
 * counter it carries and whether its MIC verifies for its receiver.
 * sc_alog_line: a line of the scenario's own.
 */
enum sc_key { SC_M1 = 1, SC_M2, SC_M3, SC_M4, SC_G1, SC_G2 };
void sc_alog_start(struct scene *sc);
void sc_alog_stop(struct scene *sc);
void sc_alog_sent(struct scene *sc, int msg, uint64_t n, const struct sc_tx *tx, uint64_t rc,
		  bool mic_ok);
void sc_alog_anonce(struct scene *sc);
void sc_alog_assoc(struct scene *sc, bool reassoc, uint64_t resp);
void sc_alog_install(struct scene *sc, const struct sc_party *p);
void sc_alog_deauth(struct scene *sc, bool from_ap, bool protect, bool forged, uint16_t reason,
		    uint64_t n);
void sc_alog_sa_query(struct scene *sc, bool from_ap, bool response, const uint8_t tid[2],
		      uint64_t n);
__attribute__((format(printf, 4, 5)))
void sc_alog_line(struct scene *sc, bool ap_side, int64_t ts_ns, const char *fmt, ...);
/* An expectation that only the logs show: recorded when the run writes them. */
void sc_expect_log(struct scene *sc, const char *code, uint64_t frame);
/* An expectation the daemons' logs confirm when the run writes them (confirmed_by_log). */
void sc_expect_confirmed(struct scene *sc, const char *code, uint64_t frame);
/* The time of frame n (1-based). */
int64_t sc_frame_time(const struct scene *sc, uint64_t n);

/* What the scenario is built to show. */
void sc_expect(struct scene *sc, const char *code, uint64_t frame);
void sc_complete(struct scene *sc, unsigned n);

/* The standard parts: M1..M4 all acknowledged, both sides install; then a ping each way. */
void sc_handshake(struct scene *sc);
/* 1/4 then, 2.5 ms later, 2/4 as m2 says; returns the 2/4's frame. */
uint64_t sc_m1_m2(struct scene *sc, const struct sc_tx *m1, const struct sc_tx *m2);
/* 3/4 and 4/4 acknowledged, both sides install the PTK. */
void sc_m3_m4(struct scene *sc);
void sc_traffic(struct scene *sc);
/*
 * Parts several scenarios share (scenarios.c).  sc_m2_rejected_twice: 1/4
 * and a 2/4 as m2 says, the AP rejects it, again a second later, then the
 * AP deauthenticates (reason 15); expects MIC_BAD at both 2/4s and TIMEOUT.
 * sc_leave_and_return: 2 s later the station deauthenticates (reason 3),
 * comes back half a second later with a new SNonce and associates again.
 */
void sc_m2_rejected_twice(struct scene *sc, const struct sc_tx *m2);
/* splitap.c: an AP split in two processes; the relay's late events give a stale ANonce. */
void sc_split_ap_stale_anonce(struct scene *sc);
void sc_leave_and_return(struct scene *sc);

struct sc_entry {
	struct fw_synth_scenario info;
	void (*run)(struct scene *sc);
};
extern const struct sc_entry sc_table[];
extern const size_t sc_table_len;
/* The 802.1X scenarios, after the others in --list (scenarios_eap.c). */
extern const struct sc_entry sc_eap_table[];
extern const size_t sc_eap_table_len;

#endif
