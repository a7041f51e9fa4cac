/*
 * internal.h - the scene: the state a scenario drives (two parties, their
 * keys, counters and a simulated clock) and the steps scenarios are made
 * of.  Not part of the synth stage's interface.
 *
 * Frames are kept in memory in capture order until the scenario ends, so a
 * scenario may move one (reordered captures); frame numbers are 1-based
 * positions.  A step that fails records the first error in scene->err and
 * every later step does nothing, so scenarios read as plain sequences.
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
};

/* Time */
void sc_wait_us(struct scene *sc, uint64_t us);

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

/* Keys: a side derives and installs the PTK of the current nonces (PN from 0). */
void sc_install(struct scene *sc, struct sc_party *p);
/* A fresh SNonce (a new handshake of the station). */
void sc_new_snonce(struct scene *sc);
void sc_new_anonce(struct scene *sc);

/* Move frame `from` to position `to` (1-based), shifting those between. */
void sc_move(struct scene *sc, uint64_t from, uint64_t to);
/* Frame n was on the air but the sniffer missed it: it leaves the capture. */
void sc_drop(struct scene *sc, uint64_t n);

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

struct sc_entry {
	struct fw_synth_scenario info;
	void (*run)(struct scene *sc);
};
extern const struct sc_entry sc_table[];
extern const size_t sc_table_len;

#endif
