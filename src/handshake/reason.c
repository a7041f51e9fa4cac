/*
 * reason.c - names of the reason codes of deauthentication and
 * disassociation (IEEE 802.11-2020 9.4.1.7, Table 9-49).
 */
#include <stddef.h>

#include "handshake/internal.h"

static const char *const reasons[] = {
	[1] = "unspecified reason",
	[2] = "previous authentication no longer valid",
	[3] = "station is leaving",
	[4] = "disassociated due to inactivity",
	[5] = "AP is unable to handle all associated stations",
	[6] = "class 2 frame from a nonauthenticated station",
	[7] = "class 3 frame from a nonassociated station",
	[8] = "station is leaving the BSS",
	[9] = "station not authenticated before (re)association",
	[10] = "power capability unacceptable",
	[11] = "supported channels unacceptable",
	[12] = "BSS transition management",
	[13] = "invalid element",
	[14] = "MIC failure",
	[15] = "4-way handshake timeout",
	[16] = "group key handshake timeout",
	[17] = "element in 4-way handshake differs from (re)association request, probe response or beacon",
	[18] = "invalid group cipher",
	[19] = "invalid pairwise cipher",
	[20] = "invalid AKMP",
	[21] = "unsupported RSNE version",
	[22] = "invalid RSNE capabilities",
	[23] = "IEEE 802.1X authentication failed",
	[24] = "cipher suite rejected by security policy",
	[34] = "too many unacknowledged frames",
	[45] = "peer station leaving",
};

const char *hs_reason_name(uint16_t reason)
{
	if (reason < sizeof(reasons) / sizeof(reasons[0]) && reasons[reason])
		return reasons[reason];
	return "reserved or unknown reason";
}
