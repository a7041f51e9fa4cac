/*
 * detect_reinstall.c - KEY_REINSTALL: after an msg 3/4 retransmission the
 * sender's packet number started again under the same key.  Installing the
 * same PTK twice resets the PN, so nonces repeat under one key: the key
 * reinstallation flaw (CVE-2017-13077 and kin).  A PN that restarts after
 * a new handshake is a new key and proper; one that restarts with no 3/4
 * in between is left alone.  Only the same key's PN going back counts:
 * when the two frames were opened by different handshakes' PTKs, or the
 * frame before came ahead of every 3/4 of the handshake (so under an older
 * key: a station's protected deauthentication or SA Query before it
 * reconnects), the PN restarted under a new key.
 */
#include <stdio.h>

#include "handshake/internal.h"

void detect_reinstall(struct fw_core *c, struct hs_link *l)
{
	for (size_t i = 0; i < l->n_pn_events; i++) {
		const struct fw_pn_event *e = &l->pn_events[i];
		struct fw_finding *f;

		if (!e->m3_between)
			continue;
		if (e->key_before >= 0 && e->key_after >= 0 ? e->key_before != e->key_after
							    : e->before_m3)
			continue;
		f = hs_finding_add(c, FW_F_KEY_REINSTALL, l);
		if (!f)
			return;
		/* the finding's time is its first evidence frame's; the later ones do not lower it */
		hs_finding_frame_at(f, e->file, e->frame_before, e->ts_before);
		hs_finding_frame_at(f, e->file, e->m3_between, e->ts_before);
		hs_finding_frame_at(f, e->file, e->frame_after, e->ts_before);
		snprintf(f->detail, sizeof(f->detail),
			 "the %s's packet number went from %llu (frame %llu) back to %llu (frame %llu) "
			 "after the msg 3/4 retransmission in frame %llu: it reinstalled the same key "
			 "and reset its nonce, so packets are encrypted twice with one keystream",
			 e->from_ap ? "AP" : "station", (unsigned long long)e->pn_before,
			 (unsigned long long)e->frame_before, (unsigned long long)e->pn_after,
			 (unsigned long long)e->frame_after, (unsigned long long)e->m3_between);
	}
}
