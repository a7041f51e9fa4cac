/*
 * enc.h - the frame encoder of the synthesizer: the inverse of decode/.
 *
 * Frames are written byte by byte into a struct fw_sbuf (a fixed buffer
 * with an overflow flag: a write past the end sets the flag and writes
 * nothing, so a builder never needs to check each call; callers check
 * fw_sb_ok() once).  Multi-byte fields say their byte order in the name.
 * Every layout follows IEEE 802.11-2020 (9.2.4 MAC header, 9.3.3 management
 * bodies, 9.4.2 elements, 12.7.2 EAPOL-Key) and the capture-header
 * formats named in fw_enc_encap().
 */
#ifndef FW_SYNTH_ENC_H
#define FW_SYNTH_ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FW_SBUF_MAX 2048

struct fw_sbuf {
	uint8_t b[FW_SBUF_MAX];
	size_t len;
	bool overflow;
};

void fw_sb_init(struct fw_sbuf *s);
static inline bool fw_sb_ok(const struct fw_sbuf *s) { return !s->overflow; }
void fw_sb_put(struct fw_sbuf *s, const void *p, size_t n);
void fw_sb_zero(struct fw_sbuf *s, size_t n);
void fw_sb_u8(struct fw_sbuf *s, uint8_t v);
void fw_sb_le16(struct fw_sbuf *s, uint16_t v);
void fw_sb_be16(struct fw_sbuf *s, uint16_t v);
void fw_sb_le32(struct fw_sbuf *s, uint32_t v);
void fw_sb_be32(struct fw_sbuf *s, uint32_t v);
void fw_sb_le64(struct fw_sbuf *s, uint64_t v);
void fw_sb_be64(struct fw_sbuf *s, uint64_t v);
/* Overwrite two bytes at off (big-endian), e.g. a length known only later. */
void fw_sb_set_be16(struct fw_sbuf *s, size_t off, uint16_t v);

/* How a frame was "received": what the capture header says. */
struct fw_enc_radio {
	uint64_t tsft;		/* microseconds */
	uint16_t freq_mhz;	/* 2412 = channel 1 */
	uint8_t rate_500k;	/* legacy rate in 500 kb/s units (2 = 1 Mb/s) */
	int8_t signal_dbm;
	int8_t noise_dbm;
};

/*
 * Prepend the capture header of linktype (127 radiotap: TSFT, Flags, Rate,
 * Channel, antenna signal; 119 Prism: the lnxind_wlansniffrm message, host
 * order little-endian; 163 AVS version 1, big-endian; 192 PPI with an
 * 802.11-Common field; 105 bare 802.11: nothing) to mpdu[0..len) into out.
 * FW_EUNSUPP for any other link type, FW_ERANGE when out overflowed.
 */
int fw_enc_encap(struct fw_sbuf *out, int linktype, const struct fw_enc_radio *r,
		 const uint8_t *mpdu, size_t len);

/* Frame control values (type/subtype in the first byte, flags in the second). */
#define FW_FC_ASSOC_REQ   0x0000
#define FW_FC_ASSOC_RESP  0x0010
#define FW_FC_REASSOC_REQ 0x0020
#define FW_FC_REASSOC_RESP 0x0030
#define FW_FC_ACTION      0x00d0
#define FW_FC_AUTH        0x00b0
#define FW_FC_BEACON      0x0080
#define FW_FC_DEAUTH      0x00c0
#define FW_FC_ACK         0x00d4
#define FW_FC_DATA        0x0008
#define FW_FC_TO_DS       0x0100
#define FW_FC_FROM_DS     0x0200
#define FW_FC_RETRY       0x0800
#define FW_FC_PROTECTED   0x4000

/* A three-address MAC header (24 bytes): FC, duration, A1..A3, sequence control. */
void fw_enc_hdr3(struct fw_sbuf *s, uint16_t fc, uint16_t duration, const uint8_t a1[6],
		 const uint8_t a2[6], const uint8_t a3[6], uint16_t seq);
/* An ACK (10 bytes): FC, duration 0, RA. */
void fw_enc_ack(struct fw_sbuf *s, const uint8_t ra[6]);
/* An element: id, length, data. */
void fw_enc_ie(struct fw_sbuf *s, uint8_t id, const void *data, size_t len);

/* The RSNE of one pairwise cipher, one AKM, capabilities caps (9.4.2.24). */
struct fw_enc_rsne {
	uint8_t group, pairwise, akm;	/* suite types under 00-0F-AC */
	uint16_t caps;
	const uint8_t *pmkid;		/* one PMKID, or NULL */
};
void fw_enc_rsne(struct fw_sbuf *s, const struct fw_enc_rsne *r);
/* LLC/SNAP header for EtherType (RFC 1042): aa aa 03 00 00 00 TYPE. */
void fw_enc_llc(struct fw_sbuf *s, uint16_t ethertype);

/* The fields of an EAPOL-Key frame (12.7.2, Figure 12-32). */
struct fw_enc_key {
	uint8_t eapol_version;	/* 1 or 2 */
	uint16_t key_info;
	uint16_t key_len;
	uint64_t replay_counter;
	uint8_t nonce[32];
	uint8_t iv[16];
	uint8_t rsc[8];
	size_t mic_len;		/* 16, 24 or 32 */
	const uint8_t *key_data;	/* as sent (already wrapped when encrypted) */
	size_t key_data_len;
};
/*
 * Write the EAPOL frame (header and key body, MIC field zero) and return
 * in *mic_off the offset of the MIC field from its start, so the caller
 * can compute the MIC over the bytes and fill them in.
 */
void fw_enc_eapol_key(struct fw_sbuf *s, const struct fw_enc_key *k, size_t *mic_off);

/* Airtime in microseconds of len bytes (FCS included) at a legacy rate. */
uint32_t fw_enc_airtime_us(size_t len, uint8_t rate_500k);

#endif
