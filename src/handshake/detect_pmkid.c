/*
 * detect_pmkid.c - PMKID_MISMATCH: the PMKID in msg 1/4 is not
 * HMAC-Hash(PMK, "PMK Name" | AA | SPA) for any key given (pmkid.c gave
 * each its verdict).  Real APs fill it oddly, so it is information only
 * while some MIC of the link verifies, or while the key given is shown
 * wrong (KEY_WRONG) anyway; a warning when nothing else verifies the key
 * (no MIC verifies, or a PMKID-only capture).
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

void detect_pmkid(struct fw_core *c, struct hs_link *l)
{
	bool any_ok = false, any_mic = false, key_wrong = false;

	for (size_t i = 0; i < l->n_msgs; i++) {
		any_ok |= l->msgs[i].mic == FW_MICV_OK;
		any_mic |= l->msgs[i].mic != FW_MICV_ABSENT;
		key_wrong |= l->msgs[i].mic == FW_MICV_KEY_WRONG;
	}
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		struct fw_finding *f;
		bool seen = false;

		if (m->pmkid_verdict != FW_PMKID_MISMATCH)
			continue;
		/* one finding per distinct PMKID is enough */
		for (size_t j = 0; j < i && !seen; j++)
			seen = l->msgs[j].pmkid_verdict == FW_PMKID_MISMATCH &&
			       memcmp(l->msgs[j].pmkid, m->pmkid, 16) == 0;
		if (seen)
			continue;
		f = hs_finding_add(c, FW_F_PMKID_MISMATCH, l);
		if (!f)
			return;
		/* with the key given shown wrong (KEY_WRONG), a mismatch follows from it */
		if (!any_ok && !key_wrong)
			f->severity = FW_SEV_WARNING;
		hs_finding_frame(f, m);
		snprintf(f->detail, sizeof(f->detail),
			 "the PMKID in msg 1/4 (frame %llu) matches none of the %u key%s tried%s",
			 (unsigned long long)m->frame, m->pmkid_keys_tried,
			 m->pmkid_keys_tried == 1 ? "" : "s",
			 any_ok ? "; the MICs verify, so the AP fills the PMKID in its own way" :
			 key_wrong ? "; the key given is wrong (KEY_WRONG), which explains it" :
			 any_mic ? " and no MIC of this link verifies either" :
				   "; nothing else in the capture can verify the key (no MIC to check)");
	}
}
