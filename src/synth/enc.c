/*
 * enc.c - byte buffers, capture headers and 802.11 building blocks.
 */
#include <string.h>

#include "decode/frame.h"
#include "synth/enc.h"
#include "util/err.h"

void fw_sb_init(struct fw_sbuf *s)
{
	s->len = 0;
	s->overflow = false;
}

void fw_sb_put(struct fw_sbuf *s, const void *p, size_t n)
{
	if (n == 0)
		return;		/* p may be NULL then */
	if (s->overflow || n > FW_SBUF_MAX - s->len) {
		s->overflow = true;
		return;
	}
	memcpy(s->b + s->len, p, n);
	s->len += n;
}

void fw_sb_zero(struct fw_sbuf *s, size_t n)
{
	if (s->overflow || n > FW_SBUF_MAX - s->len) {
		s->overflow = true;
		return;
	}
	memset(s->b + s->len, 0, n);
	s->len += n;
}

void fw_sb_u8(struct fw_sbuf *s, uint8_t v)
{
	fw_sb_put(s, &v, 1);
}

static void put_uint(struct fw_sbuf *s, uint64_t v, int n, bool be)
{
	uint8_t b[8];

	for (int i = 0; i < n; i++)
		b[be ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
	fw_sb_put(s, b, (size_t)n);
}

void fw_sb_le16(struct fw_sbuf *s, uint16_t v) { put_uint(s, v, 2, false); }
void fw_sb_be16(struct fw_sbuf *s, uint16_t v) { put_uint(s, v, 2, true); }
void fw_sb_le32(struct fw_sbuf *s, uint32_t v) { put_uint(s, v, 4, false); }
void fw_sb_be32(struct fw_sbuf *s, uint32_t v) { put_uint(s, v, 4, true); }
void fw_sb_le64(struct fw_sbuf *s, uint64_t v) { put_uint(s, v, 8, false); }
void fw_sb_be64(struct fw_sbuf *s, uint64_t v) { put_uint(s, v, 8, true); }

void fw_sb_set_be16(struct fw_sbuf *s, size_t off, uint16_t v)
{
	if (off + 2 > s->len) {
		s->overflow = true;
		return;
	}
	s->b[off] = (uint8_t)(v >> 8);
	s->b[off + 1] = (uint8_t)v;
}

/* Radiotap (radiotap.org): fields in bit order, each aligned to its size. */
#define RT_PRESENT 0x0000002fu	/* TSFT, Flags, Rate, Channel, dBm antenna signal */
#define RT_LEN 23
#define CHAN_2GHZ 0x0080
#define CHAN_CCK 0x0020
#define CHAN_OFDM 0x0040

static uint16_t chan_flags(const struct fw_enc_radio *r)
{
	uint16_t f = r->freq_mhz < 3000 ? CHAN_2GHZ : 0x0100;

	return (uint16_t)(f | (r->rate_500k <= 22 && r->rate_500k != 12 && r->rate_500k != 18
				       ? CHAN_CCK : CHAN_OFDM));
}

static void radiotap(struct fw_sbuf *o, const struct fw_enc_radio *r)
{
	fw_sb_u8(o, 0);			/* version */
	fw_sb_u8(o, 0);			/* pad */
	fw_sb_le16(o, RT_LEN);
	fw_sb_le32(o, RT_PRESENT);
	fw_sb_le64(o, r->tsft);		/* offset 8 */
	fw_sb_u8(o, 0);			/* flags: no FCS at the end */
	fw_sb_u8(o, r->rate_500k);
	fw_sb_le16(o, r->freq_mhz);	/* offset 18 */
	fw_sb_le16(o, chan_flags(r));
	fw_sb_u8(o, (uint8_t)r->signal_dbm);
}

/* Prism lnxind_wlansniffrm: msgcode 0x44, msglen 144, devname, ten DID items. */
static void prism_item(struct fw_sbuf *o, uint32_t did, uint32_t val, bool present)
{
	fw_sb_le32(o, did);
	fw_sb_le16(o, present ? 0 : 1);	/* status 0: data ok */
	fw_sb_le16(o, 4);
	fw_sb_le32(o, val);
}

static void prism(struct fw_sbuf *o, const struct fw_enc_radio *r, size_t frmlen)
{
	static const char dev[16] = "wlan0";
	uint32_t chan = r->freq_mhz >= 2412 && r->freq_mhz <= 2472 ? (r->freq_mhz - 2407u) / 5u
								  : (r->freq_mhz - 5000u) / 5u;

	fw_sb_le32(o, 0x00000044);
	fw_sb_le32(o, 144);
	fw_sb_put(o, dev, sizeof(dev));
	prism_item(o, 0x00010044, (uint32_t)(r->tsft / 1000), true);	/* hosttime (jiffies-ish) */
	prism_item(o, 0x00020044, (uint32_t)r->tsft, true);		/* mactime */
	prism_item(o, 0x00030044, chan, true);
	prism_item(o, 0x00040044, 0, false);				/* rssi */
	prism_item(o, 0x00050044, 0, false);				/* sq */
	prism_item(o, 0x00060044, (uint32_t)(int32_t)r->signal_dbm, true);
	prism_item(o, 0x00070044, (uint32_t)(int32_t)r->noise_dbm, true);
	prism_item(o, 0x00080044, r->rate_500k, true);
	prism_item(o, 0x00090044, 0, true);				/* istx */
	prism_item(o, 0x000a0044, (uint32_t)frmlen, true);
}

/* AVS WLAN capture header version 1: 64 bytes, big-endian. */
static void avs(struct fw_sbuf *o, const struct fw_enc_radio *r)
{
	uint32_t chan = r->freq_mhz >= 2412 && r->freq_mhz <= 2472 ? (r->freq_mhz - 2407u) / 5u
								  : (r->freq_mhz - 5000u) / 5u;

	fw_sb_be32(o, 0x80211001);
	fw_sb_be32(o, 64);
	fw_sb_be64(o, r->tsft);		/* mactime */
	fw_sb_be64(o, r->tsft * 1000);	/* hosttime */
	fw_sb_be32(o, r->rate_500k <= 22 ? 4 : 6);	/* phytype: DSSS / OFDM (ERP) */
	fw_sb_be32(o, chan);
	fw_sb_be32(o, (uint32_t)r->rate_500k * 5);	/* 100 kb/s units */
	fw_sb_be32(o, 0);		/* antenna */
	fw_sb_be32(o, 0);		/* priority */
	fw_sb_be32(o, 2);		/* ssi_type: dBm */
	fw_sb_be32(o, (uint32_t)(int32_t)r->signal_dbm);
	fw_sb_be32(o, (uint32_t)(int32_t)r->noise_dbm);
	fw_sb_be32(o, 2);		/* preamble: long */
	fw_sb_be32(o, 1);		/* encoding: CCK */
}

/* PPI (the CACE spec): header, one 802.11-Common field (type 2, 20 bytes), DLT 105 inside. */
static void ppi(struct fw_sbuf *o, const struct fw_enc_radio *r)
{
	fw_sb_u8(o, 0);
	fw_sb_u8(o, 0);
	fw_sb_le16(o, 8 + 4 + 20);
	fw_sb_le32(o, FW_DLT_IEEE802_11);
	fw_sb_le16(o, 2);
	fw_sb_le16(o, 20);
	fw_sb_le64(o, r->tsft);
	fw_sb_le16(o, 0);		/* flags */
	fw_sb_le16(o, r->rate_500k);
	fw_sb_le16(o, r->freq_mhz);
	fw_sb_le16(o, chan_flags(r));
	fw_sb_u8(o, 0);			/* FHSS hop set */
	fw_sb_u8(o, 0);			/* FHSS pattern */
	fw_sb_u8(o, (uint8_t)r->signal_dbm);
	fw_sb_u8(o, (uint8_t)r->noise_dbm);
}

int fw_enc_encap(struct fw_sbuf *out, int linktype, const struct fw_enc_radio *r,
		 const uint8_t *mpdu, size_t len)
{
	fw_sb_init(out);
	switch (linktype) {
	case FW_DLT_IEEE802_11_RADIO:
		radiotap(out, r);
		break;
	case FW_DLT_PRISM:
		prism(out, r, len);
		break;
	case FW_DLT_IEEE802_11_RADIO_AVS:
		avs(out, r);
		break;
	case FW_DLT_PPI:
		ppi(out, r);
		break;
	case FW_DLT_IEEE802_11:
		break;
	default:
		return FW_EUNSUPP;
	}
	fw_sb_put(out, mpdu, len);
	return fw_sb_ok(out) ? 0 : FW_ERANGE;
}

void fw_enc_hdr3(struct fw_sbuf *s, uint16_t fc, uint16_t duration, const uint8_t a1[6],
		 const uint8_t a2[6], const uint8_t a3[6], uint16_t seq)
{
	fw_sb_le16(s, fc);
	fw_sb_le16(s, duration);
	fw_sb_put(s, a1, 6);
	fw_sb_put(s, a2, 6);
	fw_sb_put(s, a3, 6);
	fw_sb_le16(s, (uint16_t)((seq & 0x0fff) << 4));
}

void fw_enc_ack(struct fw_sbuf *s, const uint8_t ra[6])
{
	fw_sb_le16(s, FW_FC_ACK);
	fw_sb_le16(s, 0);
	fw_sb_put(s, ra, 6);
}

void fw_enc_ie(struct fw_sbuf *s, uint8_t id, const void *data, size_t len)
{
	if (len > 255) {
		s->overflow = true;
		return;
	}
	fw_sb_u8(s, id);
	fw_sb_u8(s, (uint8_t)len);
	fw_sb_put(s, data, len);
}

static void suite(struct fw_sbuf *s, uint8_t type)
{
	static const uint8_t oui[3] = { 0x00, 0x0f, 0xac };

	fw_sb_put(s, oui, 3);
	fw_sb_u8(s, type);
}

void fw_enc_rsne(struct fw_sbuf *s, const struct fw_enc_rsne *r)
{
	size_t start;

	fw_sb_u8(s, 48);
	start = s->len;
	fw_sb_u8(s, 0);			/* length, set below */
	fw_sb_le16(s, 1);		/* version */
	suite(s, r->group);
	fw_sb_le16(s, 1);
	suite(s, r->pairwise);
	fw_sb_le16(s, 1);
	suite(s, r->akm);
	fw_sb_le16(s, r->caps);
	if (r->pmkid) {
		fw_sb_le16(s, 1);
		fw_sb_put(s, r->pmkid, 16);
	}
	if (fw_sb_ok(s))
		s->b[start] = (uint8_t)(s->len - start - 1);
}

void fw_enc_llc(struct fw_sbuf *s, uint16_t ethertype)
{
	static const uint8_t snap[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 };

	fw_sb_put(s, snap, sizeof(snap));
	fw_sb_be16(s, ethertype);
}

void fw_enc_eapol_key(struct fw_sbuf *s, const struct fw_enc_key *k, size_t *mic_off)
{
	size_t start = s->len;
	size_t body = 79 + k->mic_len + k->key_data_len;	/* after the 4-byte header */

	fw_sb_u8(s, k->eapol_version);
	fw_sb_u8(s, 3);			/* EAPOL-Key */
	fw_sb_be16(s, (uint16_t)body);
	fw_sb_u8(s, 2);			/* descriptor type: RSN */
	fw_sb_be16(s, k->key_info);
	fw_sb_be16(s, k->key_len);
	fw_sb_be64(s, k->replay_counter);
	fw_sb_put(s, k->nonce, 32);
	fw_sb_put(s, k->iv, 16);
	fw_sb_put(s, k->rsc, 8);
	fw_sb_zero(s, 8);		/* reserved (Key ID) */
	*mic_off = s->len - start;
	fw_sb_zero(s, k->mic_len);
	fw_sb_be16(s, (uint16_t)k->key_data_len);
	fw_sb_put(s, k->key_data, k->key_data_len);
}

uint32_t fw_enc_airtime_us(size_t len, uint8_t rate_500k)
{
	uint32_t bits = (uint32_t)len * 8;

	if (rate_500k == 0)
		return 0;
	if (rate_500k == 12 || rate_500k == 18 || rate_500k > 22) {
		/* OFDM: 20 us preamble, 4 us symbols of 2 * rate_500k bits, 22 service+tail bits */
		uint32_t per_sym = 2u * rate_500k;

		return 20 + 4 * ((bits + 22 + per_sym - 1) / per_sym);
	}
	/* DSSS/CCK, long preamble: 192 us, then the bits at the rate */
	return 192 + (bits * 2 + rate_500k - 1) / rate_500k;
}
