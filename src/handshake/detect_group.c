/*
 * detect_group.c - GROUP_FAILED: a group-key handshake that did not
 * complete: a failed MIC, or no msg 2/2 before the link was torn down
 * (reason 16, group key handshake timeout, is the usual end).  A G1 whose
 * G2 the capture merely lacks, with the link going on, is not a failure.
 */
#include <stdio.h>

#include "handshake/internal.h"
#include "handshake/walkidx.h"

void detect_group(struct fw_core *c, struct hs_link *l)
{
	for (size_t h = 0; h < l->n_hs; h++) {
		const struct fw_msg *last_g1 = NULL;
		const struct hs_event *end = NULL;
		bool g2 = false, bad = false;
		struct fw_finding *f;
		struct hs_hs_iter it;
		size_t i;

		if (!l->hs[h].group)
			continue;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
			const struct fw_msg *m = &l->msgs[i];

			hs_walk_steps++;
			if (m->handshake != h)
				continue;
			if (m->type == FW_MSG_G1)
				last_g1 = m;
			if (m->type == FW_MSG_G2 && m->mic != FW_MICV_BAD)
				g2 = true;
			bad |= m->mic == FW_MICV_BAD;
		}
		if (!last_g1 || (g2 && !bad))
			continue;
		for (size_t e = 0; e < l->n_ev && !end; e++)
			if (hs_earlier(last_g1->file, last_g1->frame, last_g1->ts_ns, l->ev[e].file,
				       l->ev[e].frame, l->ev[e].ts_ns))
				end = &l->ev[e];
		if (!bad && !end)
			continue;
		f = hs_finding_add(c, FW_F_GROUP_FAILED, l);
		if (!f)
			return;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);)
			if (l->msgs[i].handshake == h)
				hs_finding_frame_role(f, &l->msgs[i],
						      l->msgs[i].type != FW_MSG_G1 ? FW_ROLE_ANSWER :
						      l->msgs[i].retrans ? FW_ROLE_RETRY : FW_ROLE_REQUEST);
		if (end)
			hs_finding_frame_at_role(f, end->file, end->frame, end->ts_ns, FW_ROLE_DEAUTH);
		if (bad)
			snprintf(f->detail, sizeof(f->detail),
				 "a group-key message failed its MIC check: the group key update "
				 "cannot have been accepted");
		else
			snprintf(f->detail, sizeof(f->detail),
				 "the AP's group msg 1/2 (last in frame %llu) got no msg 2/2, and the %s "
				 "%s the link in frame %llu (reason %u: %s): the station never took the "
				 "new group key",
				 (unsigned long long)last_g1->frame, end->from_ap ? "AP" : "station",
				 end->disassoc ? "disassociated" : "deauthenticated",
				 (unsigned long long)end->frame, end->reason, hs_reason_name(end->reason));
	}
}
