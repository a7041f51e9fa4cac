/*
 * frame.h - the decoder's single entry point and its result.
 *
 * fw_frame_decode() turns the bytes of one captured packet into a struct
 * fw_frame.  It is a pure function of (link type, bytes, length): it
 * allocates nothing, logs nothing and keeps no state.  Pointers in the
 * result point into the caller's packet buffer and live as long as it.
 *
 * Malformed input is data: the decoder fills in what it could read, sets
 * status to FW_ETRUNC / FW_EMALFORMED / FW_EUNSUPP, and names the field it
 * stopped at (err_field, a static string) and the byte offset from the
 * start of the packet (err_off).  A frame with status != 0 may still carry
 * valid radio and 802.11 header fields; has_* flags say which parts were
 * decoded completely.
 *
 * Only the first error is recorded.  A frame of a known link type whose
 * content we do not parse (action bodies, A-MSDUs, control frames other
 * than ACK/Block Ack) is status 0 with kind FW_KIND_OTHER/DATA/ACTION.
 *
 * The layer stack per link type:
 *   127 radiotap, 192 PPI, 119 Prism, 163 AVS -> radio info -> 802.11
 *   105 bare 802.11 -> 802.11
 *   1 Ethernet, 113 Linux cooked v1, 276 Linux cooked v2 -> EtherType
 * 802.11 data -> LLC/SNAP -> EtherType 0x888e -> EAPOL -> EAPOL-Key.
 * Wired EtherType 0x0800/0x86dd -> IP -> UDP port 1812/1645 -> RADIUS.
 */
#ifndef FW_DECODE_FRAME_H
#define FW_DECODE_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode/dot11.h"
#include "decode/eapol.h"
#include "decode/radio.h"
#include "decode/radius.h"
#include "util/cursor.h"

/* Link types (DLT_* values, as libpcap numbers them). */
enum {
	FW_DLT_EN10MB = 1,
	FW_DLT_IEEE802_11 = 105,
	FW_DLT_LINUX_SLL = 113,
	FW_DLT_PRISM = 119,
	FW_DLT_IEEE802_11_RADIO = 127,
	FW_DLT_IEEE802_11_RADIO_AVS = 163,
	FW_DLT_PPI = 192,
	FW_DLT_LINUX_SLL2 = 276,
};

/* What the frame is, as far as fourway cares. */
enum fw_frame_kind {
	FW_KIND_OTHER = 0,	/* decoded, nothing of interest */
	FW_KIND_BEACON,
	FW_KIND_PROBE_RESP,
	FW_KIND_ASSOC_REQ,
	FW_KIND_REASSOC_REQ,
	FW_KIND_ASSOC_RESP,
	FW_KIND_REASSOC_RESP,
	FW_KIND_AUTH,
	FW_KIND_DEAUTH,
	FW_KIND_DISASSOC,
	FW_KIND_ACTION,
	FW_KIND_ACK,
	FW_KIND_BLOCK_ACK,
	FW_KIND_DATA,		/* unprotected data that is not EAPOL */
	FW_KIND_PROTECTED,	/* a protected data or management frame */
	FW_KIND_EAPOL,		/* EAPOL (any packet type) in the clear */
	FW_KIND_RADIUS,		/* RADIUS over UDP on a wired link type */
};

struct fw_frame {
	int status;		/* 0, or FW_ETRUNC / FW_EMALFORMED / FW_EUNSUPP */
	const char *err_field;	/* static name of the field decoding stopped at */
	size_t err_off;		/* offset of that field from the packet start */

	int linktype;
	enum fw_frame_kind kind;

	struct fw_radio radio;	/* radiotap/PPI/Prism/AVS; has_* flags inside */

	/* 802.11 header; has_dot11 is false on Ethernet/cooked link types. */
	bool has_dot11;
	struct fw_dot11 dot11;

	/*
	 * Addressing, filled for every link type (Ethernet: from its header).
	 * sa/da are the source and destination of the MSDU (for EAPOL: the
	 * authenticator and supplicant addresses, MLD addresses under MLO);
	 * ta/ra the transmitter and receiver on the air (ta is zero for ACK
	 * and CTS, which carry only ra).  bssid is zero when not known (4-address
	 * WDS/mesh data, wired link types).  Linux cooked headers name only the
	 * sender (sa = ta, da zero); cooked headers of monitor interfaces
	 * (ARPHRD_IEEE80211*) are decoded as the 802.11 frame they carry.
	 */
	uint8_t sa[6], da[6], ta[6], ra[6], bssid[6];
	bool has_ta;

	/* Management bodies. ies/ies_len: the element list after fixed fields. */
	const uint8_t *ies;
	size_t ies_len;
	uint16_t reason;	/* deauth/disassoc reason code */
	uint16_t auth_alg, auth_seq, status_code;	/* auth; status also for assoc resp */
	uint16_t sae_group;	/* SAE commit: finite cyclic group, 0 if none */

	/*
	 * Action frames (9.6): category and action code.  SA Query (category
	 * 8, 9.6.9): action 0 request, 1 response, each with a 2-octet
	 * Transaction Identifier the response echoes.
	 */
	bool has_action;
	uint8_t action_cat, action_code;
	bool has_sa_query;
	uint8_t sa_query_tid[2];

	/* Protected frames: the CCMP/GCMP header's packet number and key id. */
	bool has_pn;
	uint64_t pn;
	uint8_t keyid;
	bool tkip_iv;		/* the IV has TKIP's WEPSeed octet: pn is the TSC */

	/* EAPOL (unprotected only; protected ones come with decryption). */
	bool has_eapol;
	struct fw_eapol eapol;
	bool has_key;		/* eapol.type == 3 and the key body decoded */
	struct fw_eapol_key key;

	/* RADIUS on the AP's wired side (Ethernet and Linux cooked link types). */
	bool has_radius;
	struct fw_radius radius;
};

/*
 * Decode one packet.  Always fills *f (cleared first, but for the eapol,
 * key and radius parts: those are valid, and set, only when has_eapol,
 * has_key, has_radius say so); returns f->status.
 */
int fw_frame_decode(struct fw_frame *f, int linktype, const uint8_t *data, size_t len);

/*
 * An ACK, told from its first bytes with no more decoded than its
 * receiver: a radiotap packet whose header is of version 0 with one
 * present word of fields among 0..6, long enough for them, with no Flags
 * field or Flags that mark no bad FCS, then an ACK (9.3.1.3) of no Frame
 * Control flag and exactly its 10 bytes (14 with the FCS the Flags say
 * follows).  fw_frame_decode() gives such a packet status 0, kind
 * FW_KIND_ACK and *ra as f->ra, and nothing read beyond that (a reader of
 * its receiver alone loses nothing); *ra points into data.  False for
 * every other packet: fw_frame_decode() takes it.  FW_PLAIN_ACK_MAX
 * bounds the packets taken (a radiotap header of up to 82 bytes).
 *
 * A capture's ACKs come one after another with the same header, so the
 * last one taken is remembered (m: zeroed before the first packet of a
 * stream, then kept by its reader; a zero one matches nothing): a packet
 * of its length, header, Flags and Frame Control is told in line by a few
 * compares, which stand for every test above (they depend on nothing
 * else); any other goes through them all.
 */
#define FW_PLAIN_ACK_MAX 96
#define FW_PLAIN_ACK_LEN 10	/* Frame Control, Duration, RA */
#define FW_PLAIN_ACK_FC0 0xd4	/* Frame Control's first byte: type Control, subtype ACK */

struct fw_plain_ack_memo {
	uint64_t head;		/* the radiotap header's first 8 bytes, as they lie */
	uint32_t len;		/* the packet's length; 0: none yet */
	uint16_t it_len;	/* the radiotap header's length */
	uint16_t flags_at;	/* the Flags field's offset; 0, a byte of head, without one */
	uint8_t flags;		/* the byte there */
};

bool fw_frame_plain_ack_radiotap(struct fw_plain_ack_memo *m, const uint8_t *data, size_t len,
				 const uint8_t **ra);

static inline bool fw_frame_plain_ack(struct fw_plain_ack_memo *m, int linktype,
				      const uint8_t *data, size_t len, const uint8_t **ra)
{
	struct fw_cursor c;
	const uint8_t *h;
	uint64_t head;

	if (len > FW_PLAIN_ACK_MAX || linktype != FW_DLT_IEEE802_11_RADIO)
		return false;
	fw_cur_init(&c, data, len);
	/* (the memo's header is shorter than its packet by the ACK's 10 bytes at least) */
	if (len == m->len && fw_cur_ptr(&c, &h, (size_t)m->it_len + FW_PLAIN_ACK_LEN)) {
		memcpy(&head, h, sizeof(head));
		if (head == m->head && h[m->flags_at] == m->flags &&
		    h[m->it_len] == FW_PLAIN_ACK_FC0 && h[m->it_len + 1] == 0) {
			*ra = h + m->it_len + 4;
			return true;
		}
	}
	return fw_frame_plain_ack_radiotap(m, data, len, ra);
}

/* True when linktype is one fw_frame_decode() understands. */
bool fw_linktype_supported(int linktype);
/* Short name of a link type ("radiotap", "802.11", "ethernet", ...). */
const char *fw_linktype_name(int linktype);

/*
 * Decode an 802.11 MPDU that has already been freed of any capture header
 * (used after decryption, and by fw_frame_decode itself).  fcs_len is 4 when
 * the frame ends in an FCS that must not be parsed, else 0.  Keeps
 * f->linktype and f->radio, resets everything else; error offsets are
 * relative to data.
 */
int fw_frame_decode_dot11(struct fw_frame *f, const uint8_t *data, size_t len, size_t fcs_len);

#endif
