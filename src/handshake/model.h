/*
 * model.h - what the reconstructor knows, as the outputs read it.
 *
 * The core owns every object here; outputs get const pointers through the
 * accessors of core.h and never keep them past fw_core_free().  No field
 * holds key material: keys are named by fingerprint only.
 */
#ifndef FW_HANDSHAKE_MODEL_H
#define FW_HANDSHAKE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/finding.h"

enum fw_msg_type {
	FW_MSG_UNKNOWN = 0,
	FW_MSG_M1, FW_MSG_M2, FW_MSG_M3, FW_MSG_M4,
	FW_MSG_G1, FW_MSG_G2,
	FW_MSG_REQ,
};

enum fw_mic_verdict {
	FW_MICV_ABSENT = 0,	/* the message carries no MIC (M1) */
	FW_MICV_OK,
	FW_MICV_BAD,		/* a key for the network is known and none verifies */
	FW_MICV_UNCHECKED,	/* no key, or a key that cannot be used: see mic_reason */
	/*
	 * No key given verifies it, yet the two sides evidently share their PMK
	 * (agree.c): a verdict on the key given, not on the frame.
	 */
	FW_MICV_KEY_WRONG,
};

/* Why a MIC that some candidate verifies is still judged bad (mic == FW_MICV_BAD). */
enum fw_mic_diag {
	FW_MICD_NONE = 0,
	FW_MICD_STALE_ANONCE,	/* verifies only with the ANonce of an earlier msg 1/4 */
	FW_MICD_STALE_KEY,	/* verifies only with a PMK a newer authentication replaced */
	FW_MICD_KEY_NOT_YET,	/* its PMK reached the AP after the message was sent */
};

/* The PMKID in msg 1/4 against the keys given (pmkid.c). */
enum fw_pmkid_verdict {
	FW_PMKID_NONE = 0,	/* no PMKID in the message */
	FW_PMKID_OK,		/* HMAC(PMK, "PMK Name" | AA | SPA) of key pmkid_key */
	FW_PMKID_MISMATCH,	/* matches none of the keys tried */
	FW_PMKID_UNCHECKED,	/* cannot be checked: see pmkid_reason */
};

/* acked: whether an 802.11 ACK was seen for the frame */
enum fw_acked { FW_ACK_UNKNOWN = -1, FW_ACK_NO = 0, FW_ACK_YES = 1 };

/* How a message repeats an earlier one of its handshake. */
enum fw_retrans {
	FW_RT_NONE = 0,
	FW_RT_MAC,		/* Retry bit, same 802.11 sequence number: the radio resent it */
	FW_RT_EAPOL,		/* a new frame: the authenticator or supplicant resent it */
};

/* Which key decrypted a protected frame. */
enum fw_dec_key {
	FW_DEC_NONE = 0,	/* sent in the clear, or not decrypted */
	FW_DEC_NEW,		/* the PTK of the handshake it belongs to */
	FW_DEC_PREV,		/* the PTK of an earlier handshake of the link */
	FW_DEC_ZERO,		/* an all-zero TK */
};

/*
 * Whether the receiver of a protected frame held the key that opened it,
 * from the key model (keymodel.c): the AP holds no PTK after a
 * (re)association or a deauthentication/disassociation and installs a
 * handshake's PTK when it accepts its msg 4/4; the station installs it
 * once it has sent 4/4; a side that transmits with a key holds it.
 */
enum fw_rx_key { FW_RXK_UNKNOWN = 0, FW_RXK_YES, FW_RXK_NO };
enum fw_rx_why {
	FW_RXW_KEY_UNKNOWN = 0,	/* no key of the link opened the frame */
	FW_RXW_INSTALLED,	/* yes: it installed the key at rx_key_frame */
	FW_RXW_NOT_YET,		/* no: it had not installed this handshake's PTK (yet) */
	FW_RXW_DROPPED_ASSOC,	/* no: it dropped that PTK at the (re)association in rx_key_frame */
	FW_RXW_DROPPED_DEAUTH,	/* no: it dropped it at the deauth/disassoc in rx_key_frame */
	FW_RXW_REPLACED,	/* no: it had installed a later handshake's PTK */
	FW_RXW_ZERO_TK,		/* unknown: an all-zero TK, which no handshake gives */
	FW_RXW_ANSWERED,	/* yes: the station answered it (its replay counter), so it read it */
};

#define FW_MSG_MAX_TRIED 8

/*
 * One sighting of a frame: where a sniffer recorded it.  Several sniffers
 * of one air (several files under --merge, several interfaces of one
 * pcapng) record the same transmission once each; the core keeps it as
 * one frame with its sightings, the first one seen first.  acked is what
 * that interface showed after it (unknown: it shows no ACKs for that side,
 * or the frame needs none).
 */
struct fw_sighting {
	unsigned file;		/* input index */
	uint32_t iface;		/* pcapng interface ID (0 for pcap) */
	uint64_t frame;		/* 1-based frame number in that file */
	int64_t ts_ns;
	enum fw_acked acked;
	uint64_t ack_frame;	/* in the same file, 0 none */
};
#define FW_MAX_SIGHTINGS 4

/* A key's fingerprint as text: 8 hex digits of SHA-256(PMK) (crypto/kdf.h), "" none. */
#define FW_KEY_FP_HEX 9

/* One (key, ANonce, SNonce) candidate a MIC was recomputed with. */
struct fw_mic_try {
	unsigned key_id;
	uint64_t anonce_frame, snonce_frame;	/* where the nonces came from */
};

/*
 * What only some messages carry: the Key Data of an M3 or G1 once it is
 * unwrapped (its group keys, or why it could not be), the reason an M1's
 * PMKID went unchecked.  A message holds it apart (fw_msg.more, NULL when
 * it has none) so that the others do not pay its 248 bytes, and the tries
 * of its MIC and its MIC reason likewise (fw_msg.tried, fw_msg.mic_reason):
 * on x86-64 a message weighs 480 bytes, 992 with all three inline.  The
 * keys are wiped when it is freed.
 */
struct fw_msg_more {
	char kd_error[64];	/* why the Key Data could not be unwrapped ("" when fine) */
	uint8_t gtk_len, gtk_keyid;
	uint8_t igtk_len, bigtk_len;
	uint16_t igtk_keyid, bigtk_keyid;
	uint8_t gtk[32], igtk[32], bigtk[32];
	char pmkid_reason[80];	/* M1 with a PMKID: why it is unchecked ("" checked) */
};

struct fw_msg {
	enum fw_msg_type type;
	unsigned file;
	uint64_t frame;		/* 1-based frame number in its file */
	int64_t ts_ns;
	uint64_t replay_counter;
	bool retry;		/* 802.11 Retry bit */
	bool protected_;	/* travelled inside a protected frame */
	bool from_ap;		/* sent by the authenticator */
	bool has_seq;
	uint16_t seq;		/* 802.11 sequence number */
	uint16_t key_info;
	uint8_t desc_type, version;
	uint8_t nonce[32];
	bool nonce_zero;
	size_t trailing;	/* bytes after the declared EAPOL length */
	uint16_t key_data_len;
	bool has_pmkid;
	uint8_t pmkid[16];

	/*
	 * mic_reason: why unchecked; for bad: a short diagnosis (read it with
	 * fw_msg_mic_reason(): NULL is none).  A text that outlives the
	 * message, or a copy of its own (mic_reason_owned) when it was
	 * formatted for it: most messages share one of a few.
	 */
	bool mic_reason_owned;
	enum fw_mic_verdict mic;
	const char *mic_reason;
	uint64_t anonce_from;	/* M2/M4: frame of the message whose ANonce verified (0: none) */
	unsigned anonce_from_file;
	unsigned key_id;	/* which key verified (keyring key_id), 0 none */
	char key_fp[FW_KEY_FP_HEX];	/* the fingerprint of the PMK that verified it */
	const char *key_origin;	/* where that key came from ("--pmk", "Access-Accept ..."), or NULL */
	enum fw_acked acked;
	uint64_t ack_frame;	/* frame of the ACK or Block Ack that acknowledged it, 0 none */
	enum fw_retrans retrans;
	uint64_t retrans_of;	/* frame of the message it repeats (0 none) */
	unsigned retrans_of_file;	/* and its file */
	enum fw_dec_key dec_key;	/* protected_: which key decrypted it */
	uint64_t pn;		/* protected_: its CCMP/GCMP packet number */
	/* protected_: whether its receiver held that key then (the key model) */
	enum fw_rx_key rx_has_key;
	enum fw_rx_why rx_why;
	uint64_t rx_key_frame;	/* where the receiver installed or dropped it, 0 none */
	unsigned handshake;	/* index of its handshake in the link */
	/*
	 * Where it was seen: sightings[0] is (file, frame) itself; the rest are
	 * copies from other interfaces or files.  n_sightings may exceed
	 * FW_MAX_SIGHTINGS: the rest were not kept.  acked is the verdict over
	 * all of them (yes if one interface showed the ACK, no only if one
	 * that shows this side's ACKs showed none), ack_file/ack_frame the ACK.
	 */
	struct fw_sighting sightings[FW_MAX_SIGHTINGS];
	unsigned n_sightings;
	unsigned ack_file;
	/*
	 * M2/M4/G2: the request it answers, bound by the replay counter it
	 * echoes (answers 0: that request was not captured).  late: the
	 * authenticator had sent a later request (higher replay counter or a
	 * new ANonce) before this answer, so it answers a superseded one.
	 */
	uint64_t answers;
	unsigned answers_file;
	bool late;
	/*
	 * The candidates its MIC was recomputed with, in order (what a bad
	 * MIC lists): n_tried of them, the first fw_msg_tries_kept() kept in
	 * tried, an array of tried_cap entries (at most FW_MSG_MAX_TRIED, NULL
	 * none) owned with the message's link; most messages take one try.
	 */
	struct fw_mic_try *tried;
	unsigned n_tried;
	uint8_t tried_cap;

	/* Key Data of M3/G1, unwrapped with the KEK of the key that verified it (more) */
	bool kd_decrypted;
	bool mlo;		/* MLO KDEs seen (multi-link: PTK uses MLD addresses) */

	enum fw_mic_diag mic_diag;	/* mic == FW_MICV_BAD although a candidate verifies */
	/* M1 with a PMKID: its verdict and the key it names (0 none); why unchecked: more */
	enum fw_pmkid_verdict pmkid_verdict;
	unsigned pmkid_key;
	unsigned pmkid_keys_tried;
	char pmkid_key_fp[FW_KEY_FP_HEX];
	const char *pmkid_key_origin;
	/* what few messages carry (read it with fw_msg_more()); owned with the message's link */
	struct fw_msg_more *more;
};

/* The longest MIC reason a message keeps, its NUL included: a longer one is cut. */
#define FW_MIC_REASON_MAX 96

/* A message's MIC reason, "" when it has none. */
static inline const char *fw_msg_mic_reason(const struct fw_msg *m)
{
	return m->mic_reason ? m->mic_reason : "";
}

/* How many of a message's n_tried tries it keeps in tried[]. */
static inline unsigned fw_msg_tries_kept(const struct fw_msg *m)
{
	return m->n_tried < m->tried_cap ? m->n_tried : m->tried_cap;
}

/* A message's fw_msg_more, or one with every field empty when it has none. */
static inline const struct fw_msg_more *fw_msg_more(const struct fw_msg *m)
{
	static const struct fw_msg_more none;

	return m->more ? m->more : &none;
}

enum fw_outcome { FW_OUT_COMPLETE, FW_OUT_INCOMPLETE, FW_OUT_FAILED };

struct fw_handshake {
	enum fw_outcome outcome;
	char outcome_detail[96];	/* "missing M3, M4", "MIC failed", "deauth reason 15" */
	/*
	 * A pairwise handshake is one ANonce of the authenticator; what the air
	 * shows about why this one began ("association, frame 12", "new ANonce
	 * without deauthentication ..."), "" for the first or when unknown.
	 */
	char opened_by[128];
	bool group;		/* a group-key handshake (G1/G2) */
	size_t first, count;	/* its messages: link->msgs[first .. first+count) */
	unsigned key_id;	/* key that verified it, 0 none */
	char key_fp[FW_KEY_FP_HEX];	/* that key's PMK fingerprint, "" none */
	const char *key_origin;	/* where it came from, or NULL (owned by the keyring or the core) */
	bool key_by_pmkid;	/* no MIC verifies: the key is named by msg 1/4's PMKID */
	/* the deauthentication/disassociation that ended it, if any */
	bool ended;
	bool end_disassoc, end_from_ap;
	uint16_t end_reason;
	unsigned end_file;
	uint64_t end_frame;
	int64_t end_ts_ns;
};

/*
 * A protected unicast frame between the link's two sides, kept while a
 * handshake is being watched (from an msg 3/4 on, a bounded number per
 * handshake): what the race detectors need, never its bytes.
 */
struct fw_pframe {
	/* in an order that leaves no holes: a link keeps a dozen per msg 3/4 */
	unsigned file;
	bool from_ap;
	bool mgmt;		/* a protected management frame */
	bool is_eapol;		/* decrypted to an EAPOL-Key message */
	uint8_t keyid;
	uint64_t frame;
	int64_t ts_ns;
	uint64_t pn;
	enum fw_dec_key dec_key;
	int dec_hs;		/* handshake whose PTK decrypted it, -1 none */
	unsigned after_hs;	/* the handshake open when it was seen */
	enum fw_acked acked;
	uint64_t ack_frame;
	unsigned ack_file;	/* file of ack_frame */
	unsigned n_sightings;
	struct fw_sighting sightings[FW_MAX_SIGHTINGS];	/* as fw_msg's */
	/* whether its receiver held the key that opened it then (the key model) */
	enum fw_rx_key rx_has_key;
	enum fw_rx_why rx_why;
	uint64_t rx_key_frame;	/* where the receiver installed or dropped it, 0 none */
};

/* One EAPOL/EAP packet of the authentication before the 4-way handshake. */
struct fw_eap_event {
	unsigned file;
	uint64_t frame;
	int64_t ts_ns;
	bool from_ap;
	uint8_t eapol_type;	/* 0 EAP-Packet, 1 EAPOL-Start, 2 EAPOL-Logoff */
	uint8_t code;		/* EAP code: 1 Request, 2 Response, 3 Success, 4 Failure */
	uint8_t method;		/* EAP type of a Request/Response, 0 none */
	char identity[64];	/* Response/Identity, printable ASCII ('?' for other bytes) */
};

/* A packet number that did not increase under the same key. */
struct fw_pn_event {
	unsigned file;
	uint64_t frame_before, frame_after;
	int64_t ts_before;		/* time of frame_before */
	uint64_t pn_before, pn_after;
	bool from_ap;
	unsigned hs;		/* the handshake open at the time */
	uint64_t m3_between;	/* an msg 3/4 of that handshake seen between the two, 0 none */
	/* the handshake whose PTK opened each frame, -1 not known (not decrypted) */
	int key_before, key_after;
	bool before_m3;		/* frame_before preceded every msg 3/4 of that handshake */
};

struct fw_link {
	unsigned file;		/* input index (with --merge: the first one seen) */
	uint8_t bssid[6], sta[6];
	bool has_ssid;
	uint8_t ssid[32];
	size_t ssid_len;
	uint32_t akm;		/* suite selector, 0 unknown */
	uint32_t pairwise, group;	/* cipher suite selectors, 0 unknown */
	const struct fw_msg *msgs;
	size_t n_msgs;
	const struct fw_handshake *hs;
	size_t n_hs;
	const struct fw_pframe *pframes;
	size_t n_pframes;
	const struct fw_pn_event *pn_events;
	size_t n_pn_events;
	const struct fw_eap_event *eap;	/* the authentication, in capture order */
	size_t n_eap;
	bool pmf;		/* management frame protection in use (MFPC in the RSNEs, or seen) */
	bool acks_visible;	/* the capture shows 802.11 ACKs for this link */
	uint64_t acks_unmatched;	/* ACKs to a side of the link with no frame before them */
	uint64_t duplicates;	/* frames of the link seen again by another interface or file */
	uint64_t frames_decrypted, frames_undecrypted;
	/*
	 * The core's refresh this analysis was made by (1, 2, ...; 0: a link
	 * built by hand): a consumer that saw refresh N skips links with
	 * refresh <= N, their analysis and findings are the same.
	 */
	uint64_t refresh;
};

/* One input file. */
struct fw_input {
	const char *path;
	int linktype;
	const char *linktype_name;
	uint64_t frames;
	uint64_t malformed;
	uint64_t bad_fcs;
	bool read_error;	/* stopped early (truncated file, ...) */
	char error[256];
};

#endif
