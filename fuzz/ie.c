/*
 * ie.c - fuzz target: an information element list, each element through
 * the parser of its kind (RSNE, WPA IE, MDE, FTE for every MIC length),
 * the look-ups, and the same bytes read as Key Data KDEs.
 */
#include <stdlib.h>

#include "decode/ie.h"
#include "fuzz.h"
#include "util/cursor.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void one_element(const struct fw_ie *ie)
{
	struct fw_rsne r;
	struct fw_mde m;
	struct fw_fte f;

	switch (ie->id) {
	case FW_EID_RSN:
		fw_rsne_parse(&r, ie->data, ie->len, false);
		break;
	case FW_EID_VENDOR:
		/* the WPA element: OUI 00:50:f2, type 1, then an RSNE-like body */
		if (ie->len >= 4)
			fw_rsne_parse(&r, ie->data + 4, ie->len - 4u, true);
		break;
	case FW_EID_MDE:
		fw_mde_parse(&m, ie->data, ie->len);
		break;
	case FW_EID_FTE:
		for (size_t mic = 16; mic <= 32; mic += 8)
			fw_fte_parse(&f, ie->data, ie->len, mic);
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fw_cursor c;
	struct fw_ie ie;
	struct fw_kde k;
	int rc;

	fw_cur_init(&c, data, size);
	while ((rc = fw_ie_next(&c, &ie)) == 1) {
		if (ie.raw < data || ie.raw_len > size || (size_t)(ie.raw - data) > size - ie.raw_len)
			abort();
		one_element(&ie);
	}
	fw_ie_find(data, size, FW_EID_SSID, 0, &ie);
	fw_ie_find(data, size, FW_EID_EXT, FW_EID_EXT_OWE_DH, &ie);
	fw_ie_find_wpa(data, size, &ie);
	fw_cur_init(&c, data, size);
	while (fw_kde_next(&c, &k) == 1)
		;
	return 0;
}
