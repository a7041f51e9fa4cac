/*
 * detect_install.c - EARLY_KEY_INSTALL and M3_RETRY_AFTER_INSTALL.
 *
 * The AP installs the new PTK when it accepts msg 4/4; a station may
 * install it as soon as it sends 4/4 (12.7.6.5).  If the station transmits
 * with the new TK - a protected 4/4, or data, proven by decrypting it with
 * this handshake's PTK - while no 4/4 of the handshake has been
 * acknowledged, or while the AP is still retrying msg 3/4, the AP cannot
 * accept those frames: the station installed its keys too early.  The AP's
 * plaintext 3/4 retries after that point then meet a station that answers
 * only with protected frames (M3_RETRY_AFTER_INSTALL).  In the key
 * model's terms (keymodel.c): the station's frames with the new TK while
 * the AP held no key for it; a frame the AP could read (it had accepted a
 * 4/4 and installed the PTK) is not one.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

#define LIST_MAX 8

static bool pf_before_msg(const struct fw_pframe *p, const struct fw_msg *m)
{
	return hs_earlier(p->file, p->frame, p->ts_ns, m->file, m->frame, m->ts_ns);
}

static void on_handshake(struct fw_core *c, struct hs_link *l, unsigned h)
{
	const struct fw_pframe *first = NULL;
	const struct fw_msg *lost_m4 = NULL;
	uint64_t prot[LIST_MAX], retries[LIST_MAX];
	size_t n_prot = 0, n_retry = 0;
	bool acked_m4 = false, unknown_m4 = false, answered_plain = false, early;
	struct fw_finding *f;
	char a[96] = "", b[96] = "";

	for (size_t i = 0; i < l->n_pframes; i++) {
		const struct fw_pframe *p = &l->pframes[i];

		if (p->from_ap || p->dec_hs != (int)h || p->rx_has_key == FW_RXK_YES)
			continue;
		if (!first)
			first = p;
		if (n_prot < LIST_MAX)
			prot[n_prot++] = p->frame;
	}
	if (!first)
		return;
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->handshake != h)
			continue;
		if (m->type == FW_MSG_M4 && !m->protected_ && !pf_before_msg(first, m)) {
			if (m->acked == FW_ACK_YES)
				acked_m4 = true;
			else if (m->acked == FW_ACK_NO && !lost_m4)
				lost_m4 = m;
			else if (m->acked == FW_ACK_UNKNOWN)
				unknown_m4 = true;	/* no ACKs to judge by: no conclusion */
		}
		if (m->type == FW_MSG_M3 && m->from_ap && !m->protected_ && pf_before_msg(first, m) &&
		    n_retry < LIST_MAX)
			retries[n_retry++] = m->frame;
	}
	/* a plaintext 4/4 after the first retry that followed the switch: the station still talks */
	for (size_t i = 0; i < l->n_msgs && n_retry; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->handshake == h && m->type == FW_MSG_M4 && !m->protected_ &&
		    hs_earlier(first->file, retries[0], first->ts_ns, m->file, m->frame, m->ts_ns))
			answered_plain = true;
	}
	early = !acked_m4 && !unknown_m4 && (lost_m4 || n_retry);
	hs_frame_list(a, sizeof(a), prot, n_prot);
	if (early && (f = hs_finding_add(c, FW_F_EARLY_KEY_INSTALL, l)) != NULL) {
		for (size_t i = 0; i < l->n_pframes; i++)
			if (!l->pframes[i].from_ap && l->pframes[i].dec_hs == (int)h &&
			    l->pframes[i].rx_has_key != FW_RXK_YES)
				hs_finding_frame_at_role(f, l->pframes[i].file, l->pframes[i].frame,
							 l->pframes[i].ts_ns, FW_ROLE_PROTECTED);
		if (lost_m4)
			hs_finding_frame_role(f, lost_m4, FW_ROLE_LOST);
		if (lost_m4)
			snprintf(b, sizeof(b), "msg 4/4 (frame %llu) was never acknowledged",
				 (unsigned long long)lost_m4->frame);
		else
			snprintf(b, sizeof(b), "no msg 4/4 of this handshake had been acknowledged");
		snprintf(f->detail, sizeof(f->detail),
			 "the station transmitted frames protected with this handshake's new TK "
			 "(frame%s %s, decrypted with it) while %s and the AP was still retrying "
			 "msg 3/4: the station installed the PTK as soon as it sent 4/4, before the "
			 "AP could have installed it; the AP held no key for them then and drops them",
			 n_prot > 1 ? "s" : "", a, b);
	}
	if (n_retry && !answered_plain &&
	    (f = hs_finding_add(c, FW_F_M3_RETRY_AFTER_INSTALL, l)) != NULL) {
		b[0] = '\0';
		for (size_t i = 0; i < l->n_msgs; i++)
			if (l->msgs[i].handshake == h && l->msgs[i].type == FW_MSG_M3 &&
			    !l->msgs[i].protected_ && pf_before_msg(first, &l->msgs[i]))
				hs_finding_frame_role(f, &l->msgs[i], FW_ROLE_RETRY);
		hs_finding_frame_at_role(f, first->file, first->frame, first->ts_ns,
					 FW_ROLE_PROTECTED);
		hs_frame_list(b, sizeof(b), retries, n_retry);
		snprintf(f->detail, sizeof(f->detail),
			 "the AP retransmitted msg 3/4 in plaintext (frame%s %s) after the station had "
			 "switched to the new key (first protected frame %llu): the station answered "
			 "only with protected frames (%s), which the AP, without the key, cannot accept",
			 n_retry > 1 ? "s" : "", b, (unsigned long long)first->frame, a);
	}
}

void detect_install(struct fw_core *c, struct hs_link *l)
{
	for (size_t h = 0; h < l->n_hs; h++)
		if (!l->hs[h].group)
			on_handshake(c, l, (unsigned)h);
}
