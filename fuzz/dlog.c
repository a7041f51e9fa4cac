/*
 * dlog.c - fuzz target for the daemon log reader (--log): the input read
 * as a hostapd or wpa_supplicant debug log, then aligned to a fixed air
 * of one handshake.  Every event must keep the bounds dlog.h promises, and
 * an aligned log must have matched at least one event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "logs/dlog.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum fw_dlog_msg msgs[4] = { FW_DLOG_M1, FW_DLOG_M2, FW_DLOG_M3, FW_DLOG_M4 };
	struct fw_dlog_air air[4];
	struct fw_dlog *l;
	FILE *f;

	if (size == 0)
		return 0;
	f = fmemopen((void *)data, size, "rb");
	if (!f)
		return 0;
	l = fw_dlog_new("fuzz");
	if (!l)
		abort();
	if (fw_dlog_read(l, f) != 0)
		abort();
	fclose(f);
	memset(air, 0, sizeof(air));
	for (int i = 0; i < 4; i++) {
		air[i].ts_ns = 1796539069577201000LL + i * 1000000LL;
		air[i].msg = msgs[i];
		air[i].from_ap = i % 2 == 0;
		air[i].bssid[0] = air[i].sta[0] = 2;
		air[i].sta[4] = 1;
	}
	if (fw_dlog_align(l, air, 4) != 0)
		abort();
	if (l->n_events > FW_DLOG_MAX_EVENTS || l->n_notes > FW_DLOG_MAX_NOTES ||
	    (l->fit.aligned && (l->fit.matched == 0 || l->fit.matched > l->fit.candidates)))
		abort();
	for (size_t i = 0; i < l->n_events; i++)
		if (l->events[i].line == 0 || l->events[i].line > l->lines ||
		    l->events[i].detail[sizeof(l->events[i].detail) - 1] != '\0')
			abort();
	fw_dlog_free(l);
	return 0;
}
