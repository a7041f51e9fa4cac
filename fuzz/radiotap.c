/*
 * radiotap.c - fuzz target: the capture headers in front of an 802.11
 * frame (radiotap, PPI, Prism, AVS), each parsed from the same bytes.
 * Checks the parsers' contract besides memory safety: a header length
 * they report lies inside the input.  The same bytes also go through the
 * decoder as a radiotap packet (header, then the 802.11 frame after it),
 * whose radio part must be what fw_radiotap_parse found, and that must be
 * what the reference walk of the present words (fw_radiotap_walk) finds;
 * an ACK fw_frame_plain_ack() tells without decoding must be the decode's.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/frame.h"
#include "decode/radio.h"
#include "fuzz.h"
#include "inside.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_hdr(int rc, size_t hdr_len, size_t size)
{
	if (rc == 0 && hdr_len > size)
		abort();	/* a header longer than the packet it came from */
}

/*
 * An ACK told without decoding: the one the decode finds, its receiver
 * inside the packet; told the same afresh and after the inputs before it
 * (what they left remembered), and again by what it left remembered.
 */
static void check_plain_ack(const uint8_t *data, size_t size, const struct fw_frame *f)
{
	static struct fw_plain_ack_memo run;	/* across inputs, as across a capture's packets */
	struct fw_plain_ack_memo fresh = { 0 };
	const uint8_t *ra = NULL, *ra_run = NULL;
	bool taken = fw_frame_plain_ack(&fresh, FW_DLT_IEEE802_11_RADIO, data, size, &ra);

	if (fw_frame_plain_ack(&run, FW_DLT_IEEE802_11_RADIO, data, size, &ra_run) != taken)
		abort();
	if (!taken)
		return;
	if (ra_run != ra || f->status != 0 || f->kind != FW_KIND_ACK || f->radio.bad_fcs ||
	    ra < data || ra + 6 > data + size || memcmp(ra, f->ra, 6) != 0)
		abort();
	if (!fw_frame_plain_ack(&fresh, FW_DLT_IEEE802_11_RADIO, data, size, &ra_run) || ra_run != ra)
		abort();
}

/* The whole packet under the radiotap link type, against the header parser's answer. */
static void check_frame(const uint8_t *data, size_t size, int rc, const struct fw_radio *r)
{
	static struct fw_frame f;	/* reused, as the driver reuses its frame */
	int frc = fw_frame_decode(&f, FW_DLT_IEEE802_11_RADIO, data, size);

	if (frc == 0 && f.err_field)
		abort();	/* an error field named on a frame said to be fine */
	if (rc == 0 && (f.radio.hdr_len != r->hdr_len || f.radio.tsft != r->tsft ||
			f.radio.has_tsft != r->has_tsft || f.radio.freq_mhz != r->freq_mhz ||
			f.radio.has_rate != r->has_rate || f.radio.rate_kbps != r->rate_kbps ||
			f.radio.fcs_at_end != r->fcs_at_end || f.radio.bad_fcs != r->bad_fcs ||
			f.radio.signal_dbm != r->signal_dbm || f.radio.noise_dbm != r->noise_dbm))
		abort();	/* the packet's radio part is not the header's */
	if (rc != 0 && frc != rc)
		abort();	/* a header refused alone but not in a packet, or otherwise */
	fuzz_check_frame_inside(&f, data, size);
	check_plain_ack(data, size, &f);
}

/* The shortcuts for common layouts against the general walk: every answer the same. */
static void check_walk(const uint8_t *data, size_t size, int rc, const struct fw_radio *r,
		       size_t hdr_len, const char *field)
{
	struct fw_radio w;
	const char *wfield = NULL;
	size_t whdr = 0;
	int wrc = fw_radiotap_walk(&w, data, size, &whdr, &wfield);

	if (wrc != rc || (rc != 0 && wfield != field) || whdr != hdr_len ||
	    memcmp(&w, r, sizeof(w)) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_radio r;
	const char *field = NULL;
	size_t hdr_len = 0;
	int inner = 0, rc;

	rc = fw_radiotap_parse(&r, data, size, &hdr_len, &field);
	check_hdr(rc, hdr_len, size);
	check_walk(data, size, rc, &r, hdr_len, field);
	check_frame(data, size, rc, &r);
	rc = fw_ppi_parse(&r, data, size, &hdr_len, &inner, &field);
	check_hdr(rc, hdr_len, size);
	rc = fw_prism_parse(&r, data, size, &hdr_len, &field);
	check_hdr(rc, hdr_len, size);
	if (fw_avs_magic(data, size)) {
		rc = fw_avs_parse(&r, data, size, &hdr_len, &field);
		check_hdr(rc, hdr_len, size);
	}
	return 0;
}
