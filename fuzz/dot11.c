/*
 * dot11.c - fuzz target: an 802.11 MPDU, through the MAC header parser
 * and the decoder's 802.11 entry point (management bodies, LLC/SNAP,
 * EAPOL, CCMP/GCMP headers, Block Ack), with and without a trailing FCS.
 * Checks that what the decoder points at lies inside the input.
 */
#include <stdlib.h>

#include "decode/dot11.h"
#include "decode/frame.h"
#include "fuzz.h"
#include "inside.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void decode(const uint8_t *data, size_t size, size_t fcs_len)
{
	struct fw_frame f = { 0 };

	fw_frame_decode_dot11(&f, data, size, fcs_len);
	if (f.status == 0 && f.err_field)
		abort();	/* an error field named on a frame said to be fine */
	fuzz_check_frame_inside(&f, data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_dot11 h;
	const char *field = NULL;
	size_t off = 0;

	if (fw_dot11_parse(&h, data, size, &field, &off) == 0)
		fuzz_check_inside(h.body, h.body_len, data, size);
	decode(data, size, 0);
	decode(data, size, 4);
	return 0;
}
