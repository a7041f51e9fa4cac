/*
 * internal.h - helpers shared by the files of the decode stage only.
 *
 * All take the struct fw_frame being filled and the offset (from the start
 * of the packet) of the bytes they are given, so that an error names the
 * field at its packet offset.  The first error recorded wins.
 */
#ifndef FW_DECODE_INTERNAL_H
#define FW_DECODE_INTERNAL_H

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
	fw_zero(f, offsetof(struct fw_frame, has_eapol));
	f->has_eapol = false;
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

/* fw_dot11_parse into a header that is already zero (f was reset). */
int dec_dot11_header(struct fw_dot11 *h, const uint8_t *data, size_t len,
		     const char **err_field, size_t *err_off);
/* fw_frame_decode_dot11 with error offsets shifted by off (f reset but for radio). */
int dec_dot11(struct fw_frame *f, const uint8_t *data, size_t len, size_t fcs_len, size_t off);

#endif
