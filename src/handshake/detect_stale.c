/*
 * detect_stale.c - STALE_PTK: after a (re)association a side kept sending
 * frames encrypted with the PTK of before it, which its receiver dropped
 * at that (re)association (the key model's verdict DROPPED_ASSOC).  One
 * finding per (re)association, with the frames that were lost to it.
 */
#include <stdio.h>

#include "handshake/internal.h"

#define LIST_MAX 8

static void on_assoc(struct fw_core *c, struct hs_link *l, const struct hs_kev *a)
{
	uint64_t frames[LIST_MAX];
	size_t n = 0, n_eapol = 0, n_all = 0;
	const struct fw_pframe *first = NULL;
	struct fw_finding *f;
	char list[96] = "";

	for (size_t i = 0; i < l->n_pframes; i++) {
		const struct fw_pframe *p = &l->pframes[i];

		if (p->rx_has_key != FW_RXK_NO || p->rx_why != FW_RXW_DROPPED_ASSOC ||
		    p->rx_key_frame != a->frame)
			continue;
		if (!first)
			first = p;
		n_all++;
		n_eapol += p->is_eapol;
		if (n < LIST_MAX)
			frames[n++] = p->frame;
	}
	if (!first || !(f = hs_finding_add(c, FW_F_STALE_PTK, l)))
		return;
	hs_finding_frame_at(f, a->file, a->frame, a->ts_ns);
	for (size_t i = 0; i < l->n_pframes; i++) {
		const struct fw_pframe *p = &l->pframes[i];

		if (p->rx_has_key == FW_RXK_NO && p->rx_why == FW_RXW_DROPPED_ASSOC &&
		    p->rx_key_frame == a->frame)
			hs_finding_frame_at(f, p->file, p->frame, p->ts_ns);
	}
	hs_frame_list(list, sizeof(list), frames, n);
	snprintf(f->detail, sizeof(f->detail),
		 "after the %sassociation in frame %llu the %s kept encrypting with the PTK of "
		 "handshake %d, from before it: %zu frame%s (%zu EAPOL; frame%s %s%s) decrypt only "
		 "with that key, which the %s no longer held after the %sassociation (it deletes "
		 "the station's keys, and restarts any handshake in progress), so it could read "
		 "none of them",
		 a->reassoc ? "re-" : "", (unsigned long long)a->frame,
		 first->from_ap ? "AP" : "station", first->dec_hs + 1, n_all, n_all == 1 ? "" : "s",
		 n_eapol, n > 1 ? "s" : "", list, n_all > n ? ", ..." : "",
		 first->from_ap ? "station" : "AP", a->reassoc ? "re-" : "");
}

void detect_stale(struct fw_core *c, struct hs_link *l)
{
	for (size_t i = 0; i < l->n_kev; i++)
		if (l->kev[i].kind == HS_KEV_ASSOC)
			on_assoc(c, l, &l->kev[i]);
}
