/*
 * dot11.h - the 802.11 MAC header (IEEE 802.11-2020 9.2.4).
 *
 * fw_dot11_parse() reads the header of one MPDU (without FCS) into a
 * struct fw_dot11; body points into the caller's buffer and lives as long
 * as it.  Which fields exist follows type, subtype and the DS bits: n_addr
 * says how many addresses were present, has_seq/qos/has_htc the optional
 * fields.  For a Block Ack the BA control and information are part of the
 * body and are also decoded into the ba_* fields (has_ba).
 */
#ifndef FW_DECODE_DOT11_H
#define FW_DECODE_DOT11_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FW_T_MGMT = 0, FW_T_CTRL = 1, FW_T_DATA = 2, FW_T_EXT = 3 };

/* Management subtypes */
enum {
	FW_ST_ASSOC_REQ = 0, FW_ST_ASSOC_RESP = 1, FW_ST_REASSOC_REQ = 2,
	FW_ST_REASSOC_RESP = 3, FW_ST_PROBE_REQ = 4, FW_ST_PROBE_RESP = 5,
	FW_ST_BEACON = 8, FW_ST_DISASSOC = 10, FW_ST_AUTH = 11,
	FW_ST_DEAUTH = 12, FW_ST_ACTION = 13, FW_ST_ACTION_NOACK = 14,
};
/* QoS Control: A-MSDU Present (9.2.4.5) */
#define FW_QOS_AMSDU 0x0080

/* Control subtypes */
enum {
	FW_ST_BLOCK_ACK_REQ = 8, FW_ST_BLOCK_ACK = 9, FW_ST_PS_POLL = 10, FW_ST_RTS = 11, FW_ST_CTS = 12,
	FW_ST_ACK = 13,
};

struct fw_dot11 {
	uint16_t fc;		/* frame control, host order */
	uint8_t type, subtype;
	bool to_ds, from_ds, more_frag, retry, protected_, order;
	uint16_t duration;
	uint8_t n_addr;		/* 1..4 */
	uint8_t a1[6], a2[6], a3[6], a4[6];
	bool has_seq;
	uint16_t seq;		/* sequence number (12 bits) */
	uint8_t frag;
	bool qos;
	uint8_t tid;
	uint16_t qos_ctl;	/* the whole QoS Control field (A-MSDU present: FW_QOS_AMSDU) */
	bool has_htc;
	size_t hdr_len;		/* MAC header length */
	const uint8_t *body;	/* frame body (after the header, FCS removed) */
	size_t body_len;
	/* Block Ack: starting sequence and the bitmap (compressed: 8 bytes). */
	bool has_ba;
	uint16_t ba_ssn;
	uint64_t ba_bitmap;
	uint8_t ba_tid;
};

/*
 * Parse the MAC header of frame data[0..len) (len without FCS).
 * Returns 0 or FW_ETRUNC / FW_EMALFORMED, naming the field in *err_field
 * and its offset in *err_off (relative to data).
 */
int fw_dot11_parse(struct fw_dot11 *h, const uint8_t *data, size_t len,
		   const char **err_field, size_t *err_off);

#endif
