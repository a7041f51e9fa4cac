/*
 * dot11.c - the 802.11 MAC header (IEEE 802.11-2020 9.2.4, 9.3).
 *
 * Which fields a header holds depends on type, subtype and the DS bits
 * (9.3.1 control, 9.3.2 data, 9.3.3 management); the layout is read field
 * by field and the body is whatever follows.  The Block Ack frame's
 * starting sequence and bitmap (9.3.1.8) are decoded here too, because an
 * ACK of EAPOL may come as a Block Ack on HT links.
 */
#include <string.h>

#include "decode/dot11.h"
#include "decode/internal.h"
#include "util/cursor.h"
#include "util/err.h"
#include "util/zero.h"

#define QOS_TID_MASK 0x000f
#define HTC_LEN      4

/* Block Ack control (9.3.1.8.1): BA Type in B1..B4, TID_INFO in B12..B15 */
#define BA_TYPE(ctl)   (((ctl) >> 1) & 0x0f)
#define BA_TID(ctl)    ((uint8_t)((ctl) >> 12))
enum { BA_BASIC = 0, BA_EXT_COMPRESSED = 1, BA_COMPRESSED = 2 };
#define BA_BASIC_BITMAP_LEN 128

static int fail(const char **err_field, size_t *err_off, const struct fw_cursor *c,
		const char *field, int code)
{
	*err_field = field;
	*err_off = fw_cur_offset(c);
	return code;
}

static int read_addr(struct fw_cursor *c, uint8_t out[6], const char *name,
		     const char **err_field, size_t *err_off)
{
	if (!fw_cur_copy(c, out, 6))
		return fail(err_field, err_off, c, name, FW_ETRUNC);
	return 0;
}

/* Control frames with only the receiver address (9.3.1.3, 9.3.1.4). */
static bool ctrl_has_ta(uint8_t subtype)
{
	switch (subtype) {
	case FW_ST_CTS:
	case FW_ST_ACK:
	case 0:		/* reserved */
	case 1:		/* reserved */
	case 7:		/* Control Wrapper: a carried frame follows A1 */
		return false;
	default:
		return true;
	}
}

/*
 * Compressed (8-byte) bitmaps and the Basic one (64 MSDUs x 16 fragment
 * bits, reduced to fragment 0 of each MSDU).  Other BA variants (multi-TID,
 * GCR, multi-STA) leave has_ba false.
 */
static int parse_block_ack(struct fw_dot11 *h, struct fw_cursor *c,
			   const char **err_field, size_t *err_off)
{
	uint16_t ctl, ssc;
	struct fw_cursor bm;
	size_t bm_len;
	unsigned type;

	if (!fw_cur_u16le(c, &ctl))
		return fail(err_field, err_off, c, "block ack control", FW_ETRUNC);
	type = BA_TYPE(ctl);
	if (type != BA_BASIC && type != BA_COMPRESSED && type != BA_EXT_COMPRESSED)
		return 0;
	if (!fw_cur_u16le(c, &ssc))
		return fail(err_field, err_off, c, "block ack starting sequence", FW_ETRUNC);
	if (type == BA_BASIC) {
		bm_len = BA_BASIC_BITMAP_LEN;
	} else {
		/* 802.11ax 9.3.1.8.2: fragment number B1..B2 selects the bitmap length */
		static const size_t len_by_frag[4] = { 8, 16, 32, 4 };

		bm_len = (ssc & 0x8) ? 8 : len_by_frag[(ssc >> 1) & 3];
		if (type == BA_EXT_COMPRESSED)
			bm_len = 8;
	}
	if (!fw_cur_sub(c, &bm, bm_len))
		return fail(err_field, err_off, c, "block ack bitmap", FW_ETRUNC);
	h->ba_bitmap = 0;
	if (type == BA_BASIC) {
		for (unsigned i = 0; i < 64; i++) {
			uint16_t frags;

			fw_cur_u16le(&bm, &frags);
			if (frags & 1)
				h->ba_bitmap |= UINT64_C(1) << i;
		}
	} else {
		for (unsigned i = 0; i < 8; i++) {
			uint8_t b;

			if (fw_cur_u8(&bm, &b))
				h->ba_bitmap |= (uint64_t)b << (8 * i);
		}
	}
	h->has_ba = true;
	h->ba_ssn = (uint16_t)(ssc >> 4);
	h->ba_tid = BA_TID(ctl);
	return 0;
}

static int parse_seq(struct fw_dot11 *h, struct fw_cursor *c,
		     const char **err_field, size_t *err_off)
{
	uint16_t sc;

	if (!fw_cur_u16le(c, &sc))
		return fail(err_field, err_off, c, "sequence control", FW_ETRUNC);
	h->has_seq = true;
	h->seq = (uint16_t)(sc >> 4);
	h->frag = (uint8_t)(sc & 0x0f);
	return 0;
}

int fw_dot11_parse(struct fw_dot11 *h, const uint8_t *data, size_t len,
		   const char **err_field, size_t *err_off)
{
	fw_zero(h, sizeof(*h));
	return dec_dot11_header(h, data, len, err_field, err_off);
}

int dec_dot11_header(struct fw_dot11 *h, const uint8_t *data, size_t len,
		     const char **err_field, size_t *err_off)
{
	struct fw_cursor c;
	const uint8_t *b;
	int rc;

	fw_cur_init(&c, data, len);
	if (!fw_cur_u16le(&c, &h->fc))
		return fail(err_field, err_off, &c, "frame control", FW_ETRUNC);
	h->type = (uint8_t)((h->fc >> 2) & 3);
	h->subtype = (uint8_t)((h->fc >> 4) & 0x0f);
	h->to_ds = (h->fc & DEC_FC_TO_DS) != 0;
	h->from_ds = (h->fc & DEC_FC_FROM_DS) != 0;
	h->more_frag = (h->fc & DEC_FC_MORE_FRAG) != 0;
	h->retry = (h->fc & DEC_FC_RETRY) != 0;
	h->protected_ = (h->fc & DEC_FC_PROTECTED) != 0;
	h->order = (h->fc & DEC_FC_ORDER) != 0;
	if ((h->fc & 3) != 0) {
		/* PV1 (9.8.3) has a different header altogether */
		*err_off = 0;
		*err_field = "protocol version";
		return FW_EUNSUPP;
	}
	if (!fw_cur_u16le(&c, &h->duration))
		return fail(err_field, err_off, &c, "duration", FW_ETRUNC);
	if ((rc = read_addr(&c, h->a1, "address 1", err_field, err_off)) != 0)
		return rc;
	h->n_addr = 1;

	switch (h->type) {
	case FW_T_CTRL:
		if (ctrl_has_ta(h->subtype)) {
			if ((rc = read_addr(&c, h->a2, "address 2", err_field, err_off)) != 0)
				return rc;
			h->n_addr = 2;
		}
		break;
	case FW_T_MGMT:
	case FW_T_DATA:
		if (fw_cur_ptr(&c, &b, 14)) {
			/* A2, A3 and Sequence Control under one bound check */
			memcpy(h->a2, b, 6);
			memcpy(h->a3, b + 6, 6);
			h->has_seq = true;
			h->seq = (uint16_t)((b[12] | b[13] << 8) >> 4);
			h->frag = (uint8_t)(b[12] & 0x0f);
			h->n_addr = 3;
		} else {
			/* short: the field that is cut names itself */
			if ((rc = read_addr(&c, h->a2, "address 2", err_field, err_off)) != 0 ||
			    (rc = read_addr(&c, h->a3, "address 3", err_field, err_off)) != 0)
				return rc;
			h->n_addr = 3;
			if ((rc = parse_seq(h, &c, err_field, err_off)) != 0)
				return rc;
		}
		if (h->type == FW_T_DATA && h->to_ds && h->from_ds) {
			if ((rc = read_addr(&c, h->a4, "address 4", err_field, err_off)) != 0)
				return rc;
			h->n_addr = 4;
		}
		/* QoS subtypes have B3 of the subtype set (9.2.4.1.3) */
		if (h->type == FW_T_DATA && (h->subtype & 0x08)) {
			uint16_t qc;

			if (!fw_cur_u16le(&c, &qc))
				return fail(err_field, err_off, &c, "qos control", FW_ETRUNC);
			h->qos = true;
			h->qos_ctl = qc;
			h->tid = (uint8_t)(qc & QOS_TID_MASK);
		}
		/* +HTC: the Order bit means an HT Control field on QoS data and management */
		if (h->order && (h->type == FW_T_MGMT || h->qos)) {
			if (!fw_cur_skip(&c, HTC_LEN))
				return fail(err_field, err_off, &c, "ht control", FW_ETRUNC);
			h->has_htc = true;
		}
		break;
	default:
		/* extension frames (DMG beacon, S1G): only A1 is common to all */
		break;
	}
	h->hdr_len = fw_cur_offset(&c);
	h->body = c.p;
	h->body_len = fw_cur_left(&c);
	/* BA control and information are the body of a Block Ack, not its header
	 * (read from fc: a 2-byte load of the type and subtype bytes just stored stalls) */
	if (((h->fc >> 2) & 3) == FW_T_CTRL && ((h->fc >> 4) & 0x0f) == FW_ST_BLOCK_ACK)
		return parse_block_ack(h, &c, err_field, err_off);
	return 0;
}
