/*
 * radio.h - what the capture header (radiotap, PPI, Prism, AVS) says about
 * how the frame was received.  Every field has a has_* flag; nothing is
 * guessed: a radiotap "dB" (not dBm) signal, a zero PPI value or a Prism
 * signal in RSSI units leaves has_signal false.  rate_kbps comes from the
 * legacy rate, or for HT frames from the MCS index, bandwidth and guard
 * interval (802.11-2020 Table 19-27..); VHT/HE rates are not estimated.
 *
 * The parsers read only data[0..len), keep no state and write only *r and
 * their out parameters; on error *err_field names the field (a static
 * string) and the caller reports offset 0 (the capture header itself).
 */
#ifndef FW_DECODE_RADIO_H
#define FW_DECODE_RADIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fw_radio {
	bool has_tsft;
	uint64_t tsft;
	bool has_freq;
	uint16_t freq_mhz;
	uint16_t chan_flags;
	bool has_signal;
	int8_t signal_dbm;
	bool has_noise;
	int8_t noise_dbm;
	bool has_rate;		/* legacy rate, or an estimate from MCS */
	uint32_t rate_kbps;
	bool fcs_at_end;	/* the 802.11 frame is followed by a 4-byte FCS */
	bool bad_fcs;		/* the receiver flagged the FCS as wrong */
	bool short_preamble;
	size_t hdr_len;		/* length of the capture header itself */
};

/*
 * Parse a radiotap header (all standard fields' alignment, extended present
 * bitmaps, vendor namespaces skipped).  On success *hdr_len is the length
 * of the whole radiotap header (the 802.11 frame starts there).
 * Returns 0 or FW_ETRUNC/FW_EMALFORMED; *err_field names the failing field.
 */
int fw_radiotap_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		      size_t *hdr_len, const char **err_field);
/*
 * The same parse by the general walk of the present words alone, none of
 * the shortcuts for common layouts: the reference those must agree with
 * on every input (tests and the fuzz target compare the two).
 */
int fw_radiotap_walk(struct fw_radio *r, const uint8_t *data, size_t len,
		     size_t *hdr_len, const char **err_field);
int fw_ppi_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		 size_t *hdr_len, int *inner_dlt, const char **err_field);
int fw_prism_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		   size_t *hdr_len, const char **err_field);
int fw_avs_parse(struct fw_radio *r, const uint8_t *data, size_t len,
		 size_t *hdr_len, const char **err_field);
/* True when data starts with the AVS magic 0x8021100N (AVS headers under DLT 119). */
bool fw_avs_magic(const uint8_t *data, size_t len);

#endif
