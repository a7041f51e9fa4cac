/*
 * internal.h - helpers shared by the files of the decode stage only.
 *
 * All take the struct fw_frame being filled and the offset (from the start
 * of the packet) of the bytes they are given, so that an error names the
 * field at its packet offset.  The first error recorded wins.
 */
#ifndef FW_DECODE_INTERNAL_H
#define FW_DECODE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/frame.h"
#include "util/cursor.h"
#include "util/zero.h"

#define DEC_ETHERTYPE_EAPOL 0x888e

/*
 * Clear f for a new frame: everything up to the EAPOL part, and the
 * has_eapol/has_key/has_radius flags.  The EAPOL, EAPOL-Key and RADIUS
 * structs (half the frame) are cleared by their own parsers, and read only
 * under their flags.
 */
static inline void dec_frame_reset(struct fw_frame *f)
{
	fw_zero_fixed(f, offsetof(struct fw_frame, has_eapol) + 1);
	f->has_key = false;
	f->has_radius = false;
}

/* Record an error in f (only the first one counts); returns code. */
int dec_fail(struct fw_frame *f, int code, const char *field, size_t off);

/*
 * An LLC header with a SNAP extension (IEEE 802-2014 10.5, RFC 1042, and the
 * 802.1H bridge-tunnel OUI 00-00-F8): reads it and the EtherType.  False
 * (cursor unmoved) when the bytes are not LLC/SNAP.
 */
bool dec_llc_snap(struct fw_cursor *c, uint16_t *ethertype);

/* EAPOL at data[0..len), found at packet offset off: sets kind, eapol, key. */
void dec_eapol(struct fw_frame *f, const uint8_t *data, size_t len, size_t off);

/* IPv4 (ethertype 0x0800) or IPv6 (0x86dd) at *c: a RADIUS packet inside sets kind. */
void dec_ip(struct fw_frame *f, struct fw_cursor *c, uint16_t ethertype);

/*
 * fw_radiotap_parse into a radio part that is already zero (f was reset);
 * the header length is r->hdr_len.
 */
int dec_radiotap(struct fw_radio *r, const uint8_t *data, size_t len, const char **err_field);
/* A radiotap packet: the header into f->radio (zero), then dec_dot11 on the MPDU. */
int dec_radiotap_frame(struct fw_frame *f, const uint8_t *data, size_t len);

/* Frame Control flag bits (9.2.4.1), after the 16-bit little-endian read */
#define DEC_FC_TO_DS     0x0100
#define DEC_FC_FROM_DS   0x0200
#define DEC_FC_MORE_FRAG 0x0400
#define DEC_FC_RETRY     0x0800
#define DEC_FC_PROTECTED 0x4000
#define DEC_FC_ORDER     0x8000

#define DEC_ACK_LEN 10		/* an ACK: Frame Control, Duration, RA (9.3.1.3) */

/* fw_dot11_parse into a header that is already zero (f was reset). */
int dec_dot11_header(struct fw_dot11 *h, const uint8_t *data, size_t len,
		     const char **err_field, size_t *err_off);
/* fw_frame_decode_dot11 with error offsets shifted by off (f reset but for radio). */
int dec_dot11(struct fw_frame *f, const uint8_t *data, size_t len, size_t fcs_len, size_t off);

#endif
