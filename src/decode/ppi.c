/*
 * ppi.c - the Per-Packet Information header (PPI Header Format
 * Specification 1.0.10, CACE Technologies, 2007).
 *
 * A PPI header is {version, flags, length LE16, inner DLT LE32} followed by
 * typed fields {type LE16, length LE16, data}.  Only the 802.11-Common field
 * (type 2) says anything fourway uses; every other field is stepped over by
 * its length.  Kismet writes zeros for values it does not know, so a zero
 * rate, frequency or signal is taken as "absent", never as a value.
 */
#include <string.h>

#include "decode/radio.h"
#include "util/cursor.h"
#include "util/err.h"

#define PPI_HDR_LEN        8
#define PPI_F_ALIGNED      0x01	/* header flag: fields are 32-bit aligned */
#define PPI_FIELD_COMMON   2	/* 802.11-Common */
#define PPI_COMMON_LEN     20
#define PPI_C_FCS_PRESENT  0x0001
#define PPI_C_FCS_INVALID  0x0004

/* 802.11-Common: TSF 8, flags 2, rate 2, freq 2, channel flags 2, FHSS 2, signal 1, noise 1 */
static void ppi_common(struct fw_radio *r, struct fw_cursor *c)
{
	uint64_t tsf;
	uint16_t flags, rate, freq, chan_flags, fhss;
	uint8_t signal, noise;

	if (!fw_cur_u64le(c, &tsf) || !fw_cur_u16le(c, &flags) || !fw_cur_u16le(c, &rate) ||
	    !fw_cur_u16le(c, &freq) || !fw_cur_u16le(c, &chan_flags) ||
	    !fw_cur_u16le(c, &fhss) || !fw_cur_u8(c, &signal) || !fw_cur_u8(c, &noise))
		return;
	if (tsf) {
		r->has_tsft = true;
		r->tsft = tsf;
	}
	r->fcs_at_end = (flags & PPI_C_FCS_PRESENT) != 0;
	r->bad_fcs = (flags & PPI_C_FCS_INVALID) != 0;
	if (rate) {
		r->has_rate = true;
		r->rate_kbps = (uint32_t)rate * 500;
	}
	if (freq) {
		r->has_freq = true;
		r->freq_mhz = freq;
		r->chan_flags = chan_flags;
	}
	if (signal) {
		r->has_signal = true;
		r->signal_dbm = (int8_t)signal;
	}
	if (noise) {
		r->has_noise = true;
		r->noise_dbm = (int8_t)noise;
	}
}

int fw_ppi_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		 size_t *hdr_len, int *inner_dlt, const char **err_field)
{
	struct fw_cursor c;
	uint8_t version, flags;
	uint16_t ppi_len;
	uint32_t dlt;

	memset(r, 0, sizeof(*r));
	*hdr_len = 0;
	*inner_dlt = -1;
	fw_cur_init(&c, data, len);
	if (!fw_cur_u8(&c, &version) || !fw_cur_u8(&c, &flags) || !fw_cur_u16le(&c, &ppi_len) ||
	    !fw_cur_u32le(&c, &dlt)) {
		*err_field = "ppi header";
		return FW_ETRUNC;
	}
	if (version != 0) {
		*err_field = "ppi version";
		return FW_EUNSUPP;
	}
	if (ppi_len < PPI_HDR_LEN) {
		*err_field = "ppi length";
		return FW_EMALFORMED;
	}
	if (ppi_len > len) {
		*err_field = "ppi length";
		return FW_ETRUNC;
	}
	*hdr_len = ppi_len;
	r->hdr_len = ppi_len;
	*inner_dlt = (int)dlt;
	fw_cur_init(&c, data, ppi_len);
	fw_cur_skip(&c, PPI_HDR_LEN);
	while (fw_cur_left(&c) > 0) {
		struct fw_cursor field;
		uint16_t type, flen;

		if ((flags & PPI_F_ALIGNED) && !fw_cur_align(&c, 4))
			break;	/* padding up to the end of the header */
		if (fw_cur_left(&c) == 0)
			break;
		if (!fw_cur_u16le(&c, &type) || !fw_cur_u16le(&c, &flen) ||
		    !fw_cur_sub(&c, &field, flen)) {
			*err_field = "ppi field";
			return FW_EMALFORMED;
		}
		if (type == PPI_FIELD_COMMON && flen >= PPI_COMMON_LEN)
			ppi_common(r, &field);
	}
	return 0;
}
