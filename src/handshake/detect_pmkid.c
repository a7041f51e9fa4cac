/*
 * detect_pmkid.c - PMKID_MISMATCH: the PMKID in msg 1/4 is not
 * HMAC-Hash(PMK, "PMK Name" | AA | SPA) for any known PMK.  Real APs fill it
 * oddly, so it is information only, unless no MIC of the link verifies.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

void detect_pmkid(struct fw_core *c, struct hs_link *l)
{
	bool any_ok = false;

	for (size_t i = 0; i < l->n_msgs; i++)
		any_ok |= l->msgs[i].mic == FW_MICV_OK;
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		struct fw_finding *f;

		if (l->priv[i].pmkid_state != 2)
			continue;
		f = hs_finding_add(c, FW_F_PMKID_MISMATCH, l);
		if (!f)
			return;
		if (!any_ok)
			f->severity = FW_SEV_WARNING;
		hs_finding_frame(f, m);
		snprintf(f->detail, sizeof(f->detail),
			 "the PMKID in msg 1/4 (frame %llu) matches none of the %u key%s tried%s",
			 (unsigned long long)m->frame, l->priv[i].n_keys_tried,
			 l->priv[i].n_keys_tried == 1 ? "" : "s",
			 any_ok ? "; the MICs verify, so the AP fills the PMKID in its own way"
				: " and no MIC of this link verifies either");
		/* one finding per distinct PMKID is enough */
		for (size_t j = i + 1; j < l->n_msgs; j++)
			if (l->priv[j].pmkid_state == 2 && memcmp(l->msgs[j].pmkid, m->pmkid, 16) == 0)
				l->priv[j].pmkid_state = 3;
	}
}
