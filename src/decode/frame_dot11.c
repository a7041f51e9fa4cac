/*
 * frame_dot11.c - from an 802.11 MPDU to a struct fw_frame: addressing by
 * the DS bits (IEEE 802.11-2020 9.3.2.1 Table 9-42), the fixed fields of the
 * management frames fourway reads (9.3.3), the CCMP/GCMP/TKIP header of
 * protected frames (12.5.2.2, 12.5.3.2, 12.5.5.2), and LLC/SNAP -> EAPOL.
 */
#include <stddef.h>
#include <string.h>

#include "decode/dot11.h"
#include "decode/internal.h"
#include "util/crc32.h"
#include "util/cursor.h"
#include "util/err.h"

/* Where the element list starts in each management body (9.3.3). */
#define BEACON_FIXED       12	/* timestamp 8, beacon interval 2, capability 2 */
#define ASSOC_REQ_FIXED    4	/* capability 2, listen interval 2 */
#define REASSOC_REQ_FIXED  10	/* + current AP address 6 */
#define ASSOC_RESP_FIXED   6	/* capability 2, status 2, AID 2 */
#define AUTH_FIXED         6	/* algorithm 2, transaction sequence 2, status 2 */

#define ACTION_SA_QUERY 8	/* category (9.4.1.11 Table 9-51) */
#define SA_QUERY_RESPONSE 1	/* action 0 request, 1 response (9.6.9.1) */

#define AUTH_ALG_SAE 3
#define SAE_COMMIT 1
/* status codes under which an SAE commit carries a group (9.4.1.9) */
#define STATUS_SUCCESS 0
#define STATUS_SAE_HASH_TO_ELEMENT 126
#define STATUS_SAE_PK 127

#define EXT_IV          0x20	/* Key ID octet: an extended IV follows */
#define DATA_NO_BODY    0x04	/* data subtype bit: Null / CF without data */

static void addr_mgmt(struct fw_frame *f, const struct fw_dot11 *h)
{
	memcpy(f->da, h->a1, 6);
	memcpy(f->sa, h->a2, 6);
	memcpy(f->bssid, h->a3, 6);
}

/* Table 9-42: the meaning of A1..A4 by To DS / From DS. */
static void addr_data(struct fw_frame *f, const struct fw_dot11 *h)
{
	if (!h->to_ds && !h->from_ds) {
		memcpy(f->da, h->a1, 6);
		memcpy(f->sa, h->a2, 6);
		memcpy(f->bssid, h->a3, 6);
	} else if (h->to_ds && !h->from_ds) {
		memcpy(f->bssid, h->a1, 6);
		memcpy(f->sa, h->a2, 6);
		memcpy(f->da, h->a3, 6);
	} else if (!h->to_ds && h->from_ds) {
		memcpy(f->da, h->a1, 6);
		memcpy(f->bssid, h->a2, 6);
		memcpy(f->sa, h->a3, 6);
	} else {
		/* WDS / mesh: no BSSID in the header; A1/A2 are the radio hops */
		memcpy(f->da, h->a3, 6);
		memcpy(f->sa, h->a4, 6);
	}
}

/*
 * The 4-octet IV (WEP) or 8-octet extended IV header at the start of a
 * protected body.  CCMP/GCMP: PN0 PN1 rsvd KeyID PN2 PN3 PN4 PN5.  TKIP:
 * TSC1 WEPSeed TSC0 KeyID TSC2..TSC5, where WEPSeed = (TSC1 | 0x20) & 0x7f
 * (12.5.2.2) is what tells the two apart.  WEP has no packet number.
 */
static void parse_protected(struct fw_frame *f, const struct fw_dot11 *h, size_t off)
{
	struct fw_cursor c;
	uint8_t b[8];

	f->kind = FW_KIND_PROTECTED;
	fw_cur_init(&c, h->body, h->body_len);
	if (!fw_cur_copy(&c, b, 4)) {
		dec_fail(f, FW_ETRUNC, "iv", off);
		return;
	}
	f->keyid = (uint8_t)(b[3] >> 6);
	if (!(b[3] & EXT_IV))
		return;
	if (!fw_cur_copy(&c, b + 4, 4)) {
		dec_fail(f, FW_ETRUNC, "extended iv", off + 4);
		return;
	}
	f->has_pn = true;
	if (b[1] == ((b[0] | 0x20) & 0x7f)) {
		f->tkip_iv = true;
		f->pn = (uint64_t)b[2] | (uint64_t)b[0] << 8;
	} else {
		f->pn = (uint64_t)b[0] | (uint64_t)b[1] << 8;
	}
	for (int i = 0; i < 4; i++)
		f->pn |= (uint64_t)b[4 + i] << (16 + 8 * i);
}

/* The element list after `fixed` bytes of fixed fields. */
static void set_ies(struct fw_frame *f, const struct fw_dot11 *h, size_t fixed)
{
	f->ies = h->body + fixed;
	f->ies_len = h->body_len - fixed;
}

static void decode_auth(struct fw_frame *f, const struct fw_dot11 *h, struct fw_cursor *c,
			size_t off)
{
	if (!fw_cur_u16le(c, &f->auth_alg) || !fw_cur_u16le(c, &f->auth_seq) ||
	    !fw_cur_u16le(c, &f->status_code)) {
		dec_fail(f, FW_ETRUNC, "authentication fixed fields", off + fw_cur_offset(c));
		return;
	}
	if (f->auth_alg != AUTH_ALG_SAE) {
		set_ies(f, h, AUTH_FIXED);
		return;
	}
	/* 9.3.3.12 Table 9-41: an SAE commit opens with the finite cyclic group */
	if (f->auth_seq == SAE_COMMIT &&
	    (f->status_code == STATUS_SUCCESS || f->status_code == STATUS_SAE_HASH_TO_ELEMENT ||
	     f->status_code == STATUS_SAE_PK) &&
	    !fw_cur_u16le(c, &f->sae_group))
		dec_fail(f, FW_ETRUNC, "sae group", off + fw_cur_offset(c));
}

/* Category, action code, and for SA Query its Transaction Identifier (9.6.9.2, 9.6.9.3). */
static void decode_action(struct fw_frame *f, struct fw_cursor *c, size_t off)
{
	if (!fw_cur_u8(c, &f->action_cat) || !fw_cur_u8(c, &f->action_code)) {
		dec_fail(f, FW_ETRUNC, "action category", off + fw_cur_offset(c));
		return;
	}
	f->has_action = true;
	if (f->action_cat != ACTION_SA_QUERY || f->action_code > SA_QUERY_RESPONSE)
		return;
	if (!fw_cur_copy(c, f->sa_query_tid, sizeof(f->sa_query_tid))) {
		dec_fail(f, FW_ETRUNC, "sa query transaction id", off + fw_cur_offset(c));
		return;
	}
	f->has_sa_query = true;
}

static void decode_mgmt(struct fw_frame *f, const struct fw_dot11 *h, size_t off)
{
	struct fw_cursor c;
	size_t body_off = off + h->hdr_len;
	size_t fixed = 0;
	const char *fixed_name = NULL;

	addr_mgmt(f, h);
	/* only robust management frames are protected (12.6.1) */
	if (h->protected_) {
		parse_protected(f, h, body_off);
		return;
	}
	fw_cur_init(&c, h->body, h->body_len);
	switch (h->subtype) {
	case FW_ST_BEACON:
	case FW_ST_PROBE_RESP:
		f->kind = h->subtype == FW_ST_BEACON ? FW_KIND_BEACON : FW_KIND_PROBE_RESP;
		fixed = BEACON_FIXED;
		fixed_name = "beacon fixed fields";
		break;
	case FW_ST_PROBE_REQ:
		fixed_name = "probe request";
		break;
	case FW_ST_ASSOC_REQ:
		f->kind = FW_KIND_ASSOC_REQ;
		fixed = ASSOC_REQ_FIXED;
		fixed_name = "association request fixed fields";
		break;
	case FW_ST_REASSOC_REQ:
		f->kind = FW_KIND_REASSOC_REQ;
		fixed = REASSOC_REQ_FIXED;
		fixed_name = "reassociation request fixed fields";
		break;
	case FW_ST_ASSOC_RESP:
	case FW_ST_REASSOC_RESP:
		f->kind = h->subtype == FW_ST_ASSOC_RESP ? FW_KIND_ASSOC_RESP : FW_KIND_REASSOC_RESP;
		fixed = ASSOC_RESP_FIXED;
		fixed_name = "association response fixed fields";
		if (fw_cur_skip(&c, 2))
			fw_cur_u16le(&c, &f->status_code);
		break;
	case FW_ST_AUTH:
		f->kind = FW_KIND_AUTH;
		decode_auth(f, h, &c, body_off);
		return;
	case FW_ST_DEAUTH:
	case FW_ST_DISASSOC:
		f->kind = h->subtype == FW_ST_DEAUTH ? FW_KIND_DEAUTH : FW_KIND_DISASSOC;
		if (!fw_cur_u16le(&c, &f->reason))
			dec_fail(f, FW_ETRUNC, "reason code", body_off);
		return;
	case FW_ST_ACTION:
	case FW_ST_ACTION_NOACK:
		f->kind = FW_KIND_ACTION;
		decode_action(f, &c, body_off);
		return;
	default:
		return;
	}
	if (h->body_len < fixed) {
		dec_fail(f, FW_ETRUNC, fixed_name, body_off);
		return;
	}
	set_ies(f, h, fixed);
}

static void decode_ctrl(struct fw_frame *f, const struct fw_dot11 *h)
{
	if (h->subtype == FW_ST_ACK)
		f->kind = FW_KIND_ACK;
	else if (h->subtype == FW_ST_BLOCK_ACK)
		f->kind = FW_KIND_BLOCK_ACK;
}

static void decode_data(struct fw_frame *f, const struct fw_dot11 *h, size_t off)
{
	struct fw_cursor c;
	uint16_t ethertype;
	size_t body_off = off + h->hdr_len;

	addr_data(f, h);
	if (h->subtype & DATA_NO_BODY)
		return;		/* Null, QoS Null, CF-Ack/Poll without data */
	if (h->protected_) {
		parse_protected(f, h, body_off);
		return;
	}
	f->kind = FW_KIND_DATA;
	/* an A-MSDU body is a list of subframes, not one LLC/SNAP payload */
	if (h->qos && (h->qos_ctl & FW_QOS_AMSDU))
		return;
	fw_cur_init(&c, h->body, h->body_len);
	if (!dec_llc_snap(&c, &ethertype) || ethertype != DEC_ETHERTYPE_EAPOL)
		return;
	dec_eapol(f, c.p, fw_cur_left(&c), body_off + fw_cur_offset(&c));
}

/*
 * Some captures end every frame with its FCS without saying so.  For EAPOL
 * it shows as 4 bytes past the declared length: when they are the frame's
 * own CRC they are the FCS, not bytes added on the way.
 */
static void unflagged_fcs(struct fw_frame *f, const uint8_t *data, size_t len)
{
	uint32_t fcs;

	if (!f->has_eapol || f->eapol.trailing != 4 || len < 4)
		return;
	fcs = (uint32_t)data[len - 4] | (uint32_t)data[len - 3] << 8 |
	      (uint32_t)data[len - 2] << 16 | (uint32_t)data[len - 1] << 24;
	if (fw_crc32(data, len - 4) == fcs)
		f->eapol.trailing = 0;
}

/*
 * The two kinds that are most frames of a busy capture, each from fixed
 * offsets under one bound check, filled exactly as the general path fills
 * them (the decode tests hold both to the same known answers):
 *
 * - a control frame that carries only RA, ACK or CTS (9.3.1.3, 9.3.1.4):
 *   Frame Control, Duration, A1;
 * - a protected data frame, QoS or not, of one or three addresses' meaning
 *   (To DS and From DS not both set) and no +HTC: A1..A3 and Sequence
 *   Control (9.3.2.1), QoS Control, then the CCMP/GCMP/TKIP extended IV.
 *
 * Anything else, or a frame one byte short of what the path reads, goes
 * the general way (false, f untouched), which names what is wrong.  There
 * an unprotected management frame without +HTC takes a short cut too
 * (mgmt_header).
 */
#define CTRL_RA_MASK    0x00ef	/* version, type, subtype but for its B0 */
#define CTRL_RA_CTS_ACK 0x00c4	/* CTS (subtype 12) and ACK (13) */
#define DATA_MASK       0xc07f	/* version, type, subtype B0..B2; Order, Protected */
#define DATA_PROTECTED  0x4008	/* Data or QoS Data, protected, no Order */
#define DATA_HDR_LEN    24
#define EXT_IV_LEN      8
#define MGMT_MASK       0xc00f	/* version, type; Protected, Order */
#define MGMT_PLAIN      0x0000	/* version 0, management, unprotected, no +HTC */
#define MGMT_HDR_LEN    24

/*
 * The six flags of a Frame Control high byte (B8..B11, B14, B15) as the six
 * consecutive bools of struct fw_dot11 from to_ds to order: one copy of a
 * table row instead of six tests.  (Power Management and More Data, B12
 * and B13, have no field.)
 */
#define FCB(x, b) (((x) >> (b)) & 1)
#define FC_ROW(x) { FCB(x, 0), FCB(x, 1), FCB(x, 2), FCB(x, 3), FCB(x, 6), FCB(x, 7) }
#define FC_ROW4(x) FC_ROW(x), FC_ROW((x) + 1), FC_ROW((x) + 2), FC_ROW((x) + 3)
#define FC_ROW16(x) FC_ROW4(x), FC_ROW4((x) + 4), FC_ROW4((x) + 8), FC_ROW4((x) + 12)
#define FC_ROW64(x) FC_ROW16(x), FC_ROW16((x) + 16), FC_ROW16((x) + 32), FC_ROW16((x) + 48)
#define FC_FLAGS_LEN 6

static const uint8_t fc_flags[256][FC_FLAGS_LEN] = {
	FC_ROW64(0), FC_ROW64(64), FC_ROW64(128), FC_ROW64(192),
};

_Static_assert(offsetof(struct fw_dot11, from_ds) == offsetof(struct fw_dot11, to_ds) + 1 &&
	       offsetof(struct fw_dot11, more_frag) == offsetof(struct fw_dot11, to_ds) + 2 &&
	       offsetof(struct fw_dot11, retry) == offsetof(struct fw_dot11, to_ds) + 3 &&
	       offsetof(struct fw_dot11, protected_) == offsetof(struct fw_dot11, to_ds) + 4 &&
	       offsetof(struct fw_dot11, order) == offsetof(struct fw_dot11, to_ds) + 5 &&
	       sizeof(bool) == 1, "fc_flags rows are laid out as struct fw_dot11's flags");

_Static_assert(offsetof(struct fw_dot11, a2) == offsetof(struct fw_dot11, a1) + 6 &&
	       offsetof(struct fw_dot11, a3) == offsetof(struct fw_dot11, a2) + 6,
	       "A1..A3 of struct fw_dot11 are consecutive, as on the air");

/* Frame Control into h as dec_dot11_header stores it, the flags by table. */
static inline void fast_fc(struct fw_dot11 *h, uint16_t fc)
{
	h->fc = fc;
	h->type = (uint8_t)((fc >> 2) & 3);
	h->subtype = (uint8_t)((fc >> 4) & 0x0f);
	/* (h is zero: a frame with no flag, as most ACKs, needs no copy) */
	if (fc >> 8)
		memcpy((uint8_t *)h + offsetof(struct fw_dot11, to_ds), fc_flags[fc >> 8],
		       FC_FLAGS_LEN);
}

static inline void fast_ctrl(struct fw_frame *f, uint16_t fc, const uint8_t *b, size_t len)
{
	struct fw_dot11 *h = &f->dot11;

	fast_fc(h, fc);
	h->duration = (uint16_t)(b[2] | b[3] << 8);
	memcpy(h->a1, b + 4, 6);
	h->n_addr = 1;
	h->hdr_len = DEC_ACK_LEN;
	h->body = b + DEC_ACK_LEN;
	h->body_len = len - DEC_ACK_LEN;
	f->has_dot11 = true;
	memcpy(f->ra, h->a1, 6);
	if (((fc >> 4) & 0x0f) == FW_ST_ACK)
		f->kind = FW_KIND_ACK;
}

/*
 * b[0..hdr + EXT_IV_LEN) is in bounds; its IV has the Extended IV bit.
 * Each byte of the packet is read once: A1..A3 go into the header in one
 * copy (the same order on the air and in struct fw_dot11), and the
 * addressing fields are copied from there.
 */
static inline void fast_protected(struct fw_frame *f, uint16_t fc, const uint8_t *b, size_t len,
				  size_t hdr)
{
	struct fw_dot11 *h = &f->dot11;
	const uint8_t *iv = b + hdr;
	uint16_t sc, pn_lo;
	uint32_t pn_hi;
	uint8_t keyid;

	fast_fc(h, fc);
	h->duration = (uint16_t)(b[2] | b[3] << 8);
	memcpy((uint8_t *)h + offsetof(struct fw_dot11, a1), b + 4, 18);
	sc = (uint16_t)(b[22] | b[23] << 8);
	h->n_addr = 3;
	h->has_seq = true;
	h->seq = (uint16_t)(sc >> 4);
	h->frag = (uint8_t)(sc & 0x0f);
	if (hdr != DATA_HDR_LEN) {
		uint16_t qc = (uint16_t)(b[24] | b[25] << 8);

		h->qos = true;
		h->qos_ctl = qc;
		h->tid = (uint8_t)(qc & 0x0f);
	}
	h->hdr_len = hdr;
	h->body = iv;
	h->body_len = len - hdr;
	f->has_dot11 = true;
	memcpy(f->ra, h->a1, 6);
	memcpy(f->ta, h->a2, 6);
	f->has_ta = true;
	/* Table 9-42, as addr_data */
	if (fc & DEC_FC_TO_DS) {
		memcpy(f->bssid, h->a1, 6);
		memcpy(f->sa, h->a2, 6);
		memcpy(f->da, h->a3, 6);
	} else if (fc & DEC_FC_FROM_DS) {
		memcpy(f->da, h->a1, 6);
		memcpy(f->bssid, h->a2, 6);
		memcpy(f->sa, h->a3, 6);
	} else {
		memcpy(f->da, h->a1, 6);
		memcpy(f->sa, h->a2, 6);
		memcpy(f->bssid, h->a3, 6);
	}
	/*
	 * As parse_protected: PN0 PN1 rsvd KeyID PN2..PN5, or for TKIP TSC1
	 * WEPSeed TSC0 KeyID TSC2..TSC5; the high four octets in one load.
	 */
	pn_lo = (uint16_t)(iv[0] | iv[1] << 8);
	keyid = iv[3];
	pn_hi = (uint32_t)iv[4] | (uint32_t)iv[5] << 8 | (uint32_t)iv[6] << 16 |
		(uint32_t)iv[7] << 24;
	f->kind = FW_KIND_PROTECTED;
	f->keyid = (uint8_t)(keyid >> 6);
	f->has_pn = true;
	if ((pn_lo >> 8) == (((pn_lo & 0xff) | 0x20) & 0x7f)) {
		f->tkip_iv = true;
		pn_lo = (uint16_t)(iv[2] | (pn_lo & 0xff) << 8);
	}
	f->pn = (uint64_t)pn_lo | (uint64_t)pn_hi << 16;
}

static inline bool dot11_fast(struct fw_frame *f, const uint8_t *data, size_t len)
{
	struct fw_cursor c;
	const uint8_t *b;
	uint16_t fc;
	size_t hdr;

	fw_cur_init(&c, data, len);
	if (!fw_cur_ptr(&c, &b, DEC_ACK_LEN))
		return false;
	fc = (uint16_t)(b[0] | b[1] << 8);
	if ((fc & CTRL_RA_MASK) == CTRL_RA_CTS_ACK) {
		fast_ctrl(f, fc, b, len);
		return true;
	}
	if ((fc & DATA_MASK) != DATA_PROTECTED ||
	    (fc & (DEC_FC_TO_DS | DEC_FC_FROM_DS)) == (DEC_FC_TO_DS | DEC_FC_FROM_DS))
		return false;
	/* QoS Data (subtype B3) adds the 2-octet QoS Control */
	hdr = DATA_HDR_LEN + ((fc & 0x80) ? 2 : 0);
	fw_cur_init(&c, data, len);
	if (!fw_cur_ptr(&c, &b, hdr + EXT_IV_LEN) || !(b[hdr + 3] & EXT_IV))
		return false;
	fast_protected(f, fc, b, len, hdr);
	return true;
}

/*
 * A beacon, probe or (re)association, authentication, deauthentication,
 * action frame in the clear, without +HTC (9.3.3.1): Frame Control,
 * Duration, A1..A3 and Sequence Control from fixed offsets under one bound
 * check, filled as dec_dot11_header and dot11_general fill them (A1..A3
 * in one copy, as fast_protected).  False, h untouched, for any other
 * frame or one shorter than the header.
 */
static inline bool mgmt_header(struct fw_frame *f, const uint8_t *data, size_t len)
{
	struct fw_dot11 *h = &f->dot11;
	struct fw_cursor c;
	const uint8_t *b;
	uint16_t fc, sc;

	fw_cur_init(&c, data, len);
	if (!fw_cur_ptr(&c, &b, MGMT_HDR_LEN))
		return false;
	fc = (uint16_t)(b[0] | b[1] << 8);
	if ((fc & MGMT_MASK) != MGMT_PLAIN)
		return false;
	sc = (uint16_t)(b[22] | b[23] << 8);
	fast_fc(h, fc);
	h->duration = (uint16_t)(b[2] | b[3] << 8);
	memcpy((uint8_t *)h + offsetof(struct fw_dot11, a1), b + 4, 18);
	h->n_addr = 3;
	h->has_seq = true;
	h->seq = (uint16_t)(sc >> 4);
	h->frag = (uint8_t)(sc & 0x0f);
	h->hdr_len = MGMT_HDR_LEN;
	h->body = b + MGMT_HDR_LEN;
	h->body_len = len - MGMT_HDR_LEN;
	f->has_dot11 = true;
	memcpy(f->ra, h->a1, 6);
	memcpy(f->ta, h->a2, 6);
	f->has_ta = true;
	return true;
}

static int dot11_general(struct fw_frame *f, const uint8_t *data, size_t len, size_t fcs_len,
			 size_t off) __attribute__((noinline));

/* The fast path in line; any other frame a tail call away. */
int dec_dot11(struct fw_frame *f, const uint8_t *data, size_t len, size_t fcs_len, size_t off)
{
	if (len >= fcs_len && dot11_fast(f, data, len - fcs_len))
		return 0;
	return dot11_general(f, data, len, fcs_len, off);
}

static int dot11_general(struct fw_frame *f, const uint8_t *data, size_t len, size_t fcs_len,
			 size_t off)
{
	struct fw_dot11 *h = &f->dot11;
	const char *field = NULL;
	size_t eoff = 0;
	int rc;

	if (len < fcs_len)
		return dec_fail(f, FW_ETRUNC, "fcs", off);
	if (mgmt_header(f, data, len - fcs_len)) {
		decode_mgmt(f, h, off);
		return f->status;
	}
	rc = dec_dot11_header(h, data, len - fcs_len, &field, &eoff);
	if (rc)
		return dec_fail(f, rc, field, off + eoff);
	f->has_dot11 = true;
	memcpy(f->ra, h->a1, 6);
	if (h->n_addr >= 2) {
		memcpy(f->ta, h->a2, 6);
		f->has_ta = true;
	}
	switch (h->type) {
	case FW_T_MGMT:
		decode_mgmt(f, h, off);
		break;
	case FW_T_CTRL:
		decode_ctrl(f, h);
		break;
	case FW_T_DATA:
		decode_data(f, h, off);
		if (fcs_len == 0)
			unflagged_fcs(f, data, len);
		break;
	default:
		break;
	}
	return f->status;
}

int fw_frame_decode_dot11(struct fw_frame *f, const uint8_t *data, size_t len, size_t fcs_len)
{
	struct fw_radio radio = f->radio;
	int linktype = f->linktype;

	dec_frame_reset(f);
	f->radio = radio;
	f->linktype = linktype;
	return dec_dot11(f, data, len, fcs_len, 0);
}
