/*
 * detect_m1.c - M1_UNANSWERED: the AP's msg 1/4 and its retries drew no
 * msg 2/4 at all.  A capture that just ends after one M1 proves nothing,
 * so the AP must have tried again or given up (deauthentication) first.
 */
#include <stdio.h>

#include "handshake/internal.h"

void detect_m1(struct fw_core *c, struct hs_link *l)
{
	for (size_t h = 0; h < l->n_hs; h++) {
		uint64_t frames[8];
		size_t n_m1 = 0, n_other = 0;
		struct fw_finding *f;
		char list[96] = "";
		struct hs_hs_iter it;
		size_t i;

		if (l->hs[h].group)
			continue;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
			if (l->msgs[i].type == FW_MSG_M1) {
				if (n_m1 < 8)
					frames[n_m1] = l->msgs[i].frame;
				n_m1++;
			} else {
				n_other++;
			}
		}
		if (!n_m1 || n_other || (n_m1 < 2 && !l->hs[h].ended))
			continue;
		f = hs_finding_add(c, FW_F_M1_UNANSWERED, l);
		if (!f)
			return;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);)
			hs_finding_frame_role(f, &l->msgs[i], l->msgs[i].retrans ? FW_ROLE_RETRY :
							      FW_ROLE_REQUEST);
		hs_frame_list(list, sizeof(list), frames, n_m1 < 8 ? n_m1 : 8);
		snprintf(f->detail, sizeof(f->detail),
			 "the AP sent msg 1/4 %zu time%s (frame%s %s) and the station never answered "
			 "with msg 2/4%s: the station did not receive them, rejected them (replay "
			 "counter, RSN element) or had no key to answer with",
			 n_m1, n_m1 == 1 ? "" : "s", n_m1 == 1 ? "" : "s", list,
			 l->hs[h].ended ? " before the link was torn down" : "");
	}
}
