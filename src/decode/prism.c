/*
 * prism.c - the two linux-wlan-ng capture headers: Prism (DLT 119) and AVS
 * (DLT 163).
 *
 * Prism is the p80211 "lnxind_wlansniffrm" message: msgcode, msglen,
 * devname[16], then ten items {did 4, status 2, len 2, data 4}.  It is
 * written in the capturing host's byte order; msglen (always 144) tells
 * which.  An item's value counts only when its status is 0 ("data ok").
 *
 * AVS ("AVS WLAN Capture Header", version 1/2) is big-endian: magic
 * 0x8021100N, header length, then fixed 32-bit fields.  Some drivers wrote
 * AVS headers under DLT 119, so fw_frame_decode() looks for the magic first.
 */
#include <string.h>

#include "decode/radio.h"
#include "util/cursor.h"
#include "util/err.h"

#define PRISM_HDR_LEN   144
#define PRISM_N_ITEMS   10
#define PRISM_DEVNAME   16
/* item order in the header */
enum { PI_HOSTTIME, PI_MACTIME, PI_CHANNEL, PI_RSSI, PI_SQ, PI_SIGNAL, PI_NOISE,
       PI_RATE, PI_ISTX, PI_FRMLEN };

#define AVS_MAGIC_MASK  0xfffffff0u
#define AVS_MAGIC       0x80211000u
#define AVS_MIN_LEN     8
#define AVS_SSI_DBM     2	/* ssi_type: signal and noise in dBm */
#define AVS_PREAMBLE_SHORT 1

/* IEEE 802.11-2020 Annex E: channel number to centre frequency. */
static bool chan_to_freq(uint32_t chan, uint16_t *freq)
{
	if (chan >= 1 && chan <= 13)
		*freq = (uint16_t)(2407 + 5 * chan);
	else if (chan == 14)
		*freq = 2484;
	else if (chan >= 32 && chan <= 177)
		*freq = (uint16_t)(5000 + 5 * chan);
	else
		return false;
	return true;
}

static bool get_u32(struct fw_cursor *c, bool be, uint32_t *v)
{
	return be ? fw_cur_u32be(c, v) : fw_cur_u32le(c, v);
}

static bool get_u16(struct fw_cursor *c, bool be, uint16_t *v)
{
	return be ? fw_cur_u16be(c, v) : fw_cur_u16le(c, v);
}

int fw_prism_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		   size_t *hdr_len, const char **err_field)
{
	struct fw_cursor c;
	uint32_t msgcode, msglen, val[PRISM_N_ITEMS];
	bool ok[PRISM_N_ITEMS];
	bool be = false;

	memset(r, 0, sizeof(*r));
	*hdr_len = 0;
	fw_cur_init(&c, data, len);
	if (len < PRISM_HDR_LEN) {
		*err_field = "prism header";
		return FW_ETRUNC;
	}
	fw_cur_u32le(&c, &msgcode);
	fw_cur_u32le(&c, &msglen);
	if (msglen != PRISM_HDR_LEN) {
		/* written on a big-endian host? */
		be = true;
		msglen = (msglen >> 24) | ((msglen >> 8) & 0xff00) |
			 ((msglen << 8) & 0xff0000) | (msglen << 24);
		if (msglen != PRISM_HDR_LEN) {
			*err_field = "prism message length";
			return FW_EMALFORMED;
		}
	}
	fw_cur_skip(&c, PRISM_DEVNAME);
	for (int i = 0; i < PRISM_N_ITEMS; i++) {
		uint32_t did;
		uint16_t status, ilen;

		/* the length check above guarantees all ten items are present */
		get_u32(&c, be, &did);
		get_u16(&c, be, &status);
		get_u16(&c, be, &ilen);
		get_u32(&c, be, &val[i]);
		ok[i] = status == 0;
	}
	*hdr_len = PRISM_HDR_LEN;
	r->hdr_len = PRISM_HDR_LEN;
	if (ok[PI_MACTIME]) {
		r->has_tsft = true;
		r->tsft = val[PI_MACTIME];
	}
	if (ok[PI_CHANNEL] && chan_to_freq(val[PI_CHANNEL], &r->freq_mhz))
		r->has_freq = true;
	/* signal and noise are dBm only when negative; others report RSSI units */
	if (ok[PI_SIGNAL] && (int32_t)val[PI_SIGNAL] < 0 && (int32_t)val[PI_SIGNAL] >= -128) {
		r->has_signal = true;
		r->signal_dbm = (int8_t)(int32_t)val[PI_SIGNAL];
	}
	if (ok[PI_NOISE] && (int32_t)val[PI_NOISE] < 0 && (int32_t)val[PI_NOISE] >= -128) {
		r->has_noise = true;
		r->noise_dbm = (int8_t)(int32_t)val[PI_NOISE];
	}
	if (ok[PI_RATE] && val[PI_RATE] != 0 && val[PI_RATE] < 0x10000) {
		r->has_rate = true;
		r->rate_kbps = val[PI_RATE] * 500;
	}
	return 0;
}

bool fw_avs_magic(const uint8_t *data, size_t len)
{
	struct fw_cursor c;
	uint32_t magic;

	fw_cur_init(&c, data, len);
	return fw_cur_u32be(&c, &magic) && (magic & AVS_MAGIC_MASK) == AVS_MAGIC;
}

int fw_avs_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		 size_t *hdr_len, const char **err_field)
{
	struct fw_cursor c;
	uint32_t magic, hlen, phytype, channel, rate, antenna, priority, ssi_type, preamble;
	uint32_t sig, noise;
	uint64_t mactime, hosttime;

	memset(r, 0, sizeof(*r));
	*hdr_len = 0;
	fw_cur_init(&c, data, len);
	if (!fw_cur_u32be(&c, &magic) || !fw_cur_u32be(&c, &hlen)) {
		*err_field = "avs header";
		return FW_ETRUNC;
	}
	if ((magic & AVS_MAGIC_MASK) != AVS_MAGIC) {
		*err_field = "avs version";
		return FW_EMALFORMED;
	}
	if (hlen < AVS_MIN_LEN) {
		*err_field = "avs length";
		return FW_EMALFORMED;
	}
	if (hlen > len) {
		*err_field = "avs length";
		return FW_ETRUNC;
	}
	*hdr_len = hlen;
	r->hdr_len = hlen;
	/* fields that the declared length does not cover are absent */
	fw_cur_init(&c, data, hlen);
	fw_cur_skip(&c, AVS_MIN_LEN);
	if (!fw_cur_u64be(&c, &mactime))
		return 0;
	r->has_tsft = true;
	r->tsft = mactime;
	if (!fw_cur_u64be(&c, &hosttime) || !fw_cur_u32be(&c, &phytype) ||
	    !fw_cur_u32be(&c, &channel))
		return 0;
	r->has_freq = chan_to_freq(channel, &r->freq_mhz);
	if (!fw_cur_u32be(&c, &rate))
		return 0;
	/* datarate is in 100 kb/s units */
	if (rate != 0 && rate < 0x100000) {
		r->has_rate = true;
		r->rate_kbps = rate * 100;
	}
	if (!fw_cur_u32be(&c, &antenna) || !fw_cur_u32be(&c, &priority) ||
	    !fw_cur_u32be(&c, &ssi_type) || !fw_cur_u32be(&c, &sig) || !fw_cur_u32be(&c, &noise))
		return 0;
	if (ssi_type == AVS_SSI_DBM) {
		if ((int32_t)sig >= -128 && (int32_t)sig <= 127) {
			r->has_signal = true;
			r->signal_dbm = (int8_t)(int32_t)sig;
		}
		if ((int32_t)noise >= -128 && (int32_t)noise <= 127) {
			r->has_noise = true;
			r->noise_dbm = (int8_t)(int32_t)noise;
		}
	}
	if (fw_cur_u32be(&c, &preamble))
		r->short_preamble = preamble == AVS_PREAMBLE_SHORT;
	return 0;
}
