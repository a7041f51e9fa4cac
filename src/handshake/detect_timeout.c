/*
 * detect_timeout.c - TIMEOUT: a handshake that ended in deauthentication
 * or disassociation before it completed.  The reason code says who gave up
 * and why (15: 4-way handshake timeout, 16: group key handshake timeout).
 * A capture that merely ends mid-handshake is "incomplete", not this.
 */
#include <stdio.h>

#include "handshake/internal.h"

void detect_timeout(struct fw_core *c, struct hs_link *l)
{
	for (size_t h = 0; h < l->n_hs; h++) {
		const struct fw_handshake *hs = &l->hs[h];
		const struct fw_msg *last = NULL;
		struct fw_finding *f;

		if (!hs->ended || hs->outcome == FW_OUT_COMPLETE)
			continue;
		f = hs_finding_add(c, FW_F_TIMEOUT, l);
		if (!f)
			return;
		for (size_t i = 0; i < l->n_msgs; i++)
			if (l->msgs[i].handshake == h)
				last = &l->msgs[i];
		if (last)
			hs_finding_frame_role(f, last, FW_ROLE_LAST);
		hs_finding_frame_at_role(f, hs->end_file, hs->end_frame, hs->end_ts_ns,
					 FW_ROLE_DEAUTH);
		snprintf(f->detail, sizeof(f->detail),
			 "the %s handshake ended without completing: the %s %s the link in frame %llu, "
			 "reason %u (%s)%s%s%s",
			 hs->group ? "group-key" : "4-way", hs->end_from_ap ? "AP" : "station",
			 hs->end_disassoc ? "disassociated" : "deauthenticated",
			 (unsigned long long)hs->end_frame, hs->end_reason,
			 hs_reason_name(hs->end_reason), last ? "; the last message was " : "",
			 last ? hs_msg_name(last->type) : "", last ? "" : "");
	}
}
