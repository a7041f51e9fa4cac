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
};

/* acked: whether an 802.11 ACK was seen for the frame */
enum fw_acked { FW_ACK_UNKNOWN = -1, FW_ACK_NO = 0, FW_ACK_YES = 1 };

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

	enum fw_mic_verdict mic;
	char mic_reason[96];	/* why unchecked; for bad: short diagnosis */
	uint64_t anonce_from;	/* M2/M4: frame of the message whose ANonce verified (0: none) */
	unsigned anonce_from_file;
	unsigned key_id;	/* which key verified (keyring key_id), 0 none */
	enum fw_acked acked;
	unsigned handshake;	/* index of its handshake in the link */

	/* Key Data of M3/G1, unwrapped with the KEK of the key that verified it. */
	bool kd_decrypted;
	char kd_error[64];	/* why it could not be unwrapped ("" when fine) */
	uint8_t gtk_len, gtk_keyid;
	uint8_t gtk[32];
	uint8_t igtk_len, bigtk_len;
	uint16_t igtk_keyid, bigtk_keyid;
	uint8_t igtk[32], bigtk[32];
	bool mlo;		/* MLO KDEs seen (multi-link: PTK uses MLD addresses) */
};

enum fw_outcome { FW_OUT_COMPLETE, FW_OUT_INCOMPLETE, FW_OUT_FAILED };

struct fw_handshake {
	enum fw_outcome outcome;
	char outcome_detail[96];	/* "missing M3, M4", "MIC failed", "deauth reason 15" */
	bool group;		/* a group-key handshake (G1/G2) */
	size_t first, count;	/* its messages: link->msgs[first .. first+count) */
	unsigned key_id;	/* key that verified it, 0 none */
	/* the deauthentication/disassociation that ended it, if any */
	bool ended;
	bool end_disassoc, end_from_ap;
	uint16_t end_reason;
	unsigned end_file;
	uint64_t end_frame;
	int64_t end_ts_ns;
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
