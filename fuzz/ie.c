/*
 * ie.c - fuzz target: an information element list, each element through
 * the parser of its kind (RSNE, WPA IE, MDE, FTE for every MIC length),
 * the look-ups (the one-walk scan must find what a walk per kind finds),
 * and the same bytes read as Key Data KDEs.
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

/* fw_ies_scan() against fw_ie_find() / fw_ie_find_wpa(), kind by kind. */
static void scan_agrees(const uint8_t *data, size_t size)
{
	static const uint8_t id[FW_IES_N] = {
		[FW_IES_SSID] = FW_EID_SSID, [FW_IES_RSN] = FW_EID_RSN, [FW_IES_RSNX] = FW_EID_RSNX,
		[FW_IES_MDE] = FW_EID_MDE, [FW_IES_FTE] = FW_EID_FTE, [FW_IES_OWE_DH] = FW_EID_EXT,
	};
	struct fw_ies s;
	struct fw_ie want;

	fw_ies_scan(&s, data, size, FW_IES_BIT(FW_IES_N) - 1);
	for (int k = 0; k < FW_IES_N; k++) {
		const struct fw_ie *got = fw_ies_at(&s, (enum fw_ies_kind)k);
		bool found = k == FW_IES_WPA ? fw_ie_find_wpa(data, size, &want) :
			     fw_ie_find(data, size, id[k], k == FW_IES_OWE_DH ? FW_EID_EXT_OWE_DH : 0,
					&want);

		if (found != (got != NULL))
			abort();
		if (found && (got->id != want.id || got->ext_id != want.ext_id ||
			      got->len != want.len || got->data != want.data || got->raw != want.raw ||
			      got->raw_len != want.raw_len))
			abort();
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
	scan_agrees(data, size);
	fw_cur_init(&c, data, size);
	while (fw_kde_next(&c, &k) == 1)
		;
	return 0;
}
