/*
 * radiotap.c - fuzz target: the capture headers in front of an 802.11
 * frame (radiotap, PPI, Prism, AVS), each parsed from the same bytes.
 * Checks the parsers' contract besides memory safety: a header length
 * they report lies inside the input.
 */
#include <stdlib.h>

#include "decode/radio.h"
#include "fuzz.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_radio r;
	const char *field = NULL;
	size_t hdr_len = 0;
	int inner = 0, rc;

	rc = fw_radiotap_parse(&r, data, size, &hdr_len, &field);
	check_hdr(rc, hdr_len, size);
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
