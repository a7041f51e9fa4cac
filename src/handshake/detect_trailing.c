/*
 * detect_trailing.c - MIC_BAD with the diagnosis "trailing bytes": an
 * EAPOL-Key message whose frame holds bytes past the length its EAPOL
 * header declares.  Its MIC verifies over the declared length, so the
 * sender computed it before the bytes were added: a relay or driver that
 * pads or appends on the way, and a receiver that checks the MIC over the
 * whole buffer, fails it.  An FCS left at the end of the frame is
 * recognised by the decoder and not counted.
 */
#include <stdio.h>

#include "handshake/internal.h"

void detect_trailing(struct fw_core *c, struct hs_link *l)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		struct fw_finding *f;

		if (!m->trailing || m->mic != FW_MICV_OK)
			continue;
		f = hs_finding_add(c, FW_F_MIC_BAD, l);
		if (!f)
			return;
		hs_finding_frame(f, m);
		snprintf(f->diagnosis, sizeof(f->diagnosis), "trailing bytes");
		snprintf(f->detail, sizeof(f->detail),
			 "trailing bytes: %s (frame %llu) carries %zu byte%s after the EAPOL length its "
			 "header declares; its MIC verifies over the declared length but not over the "
			 "whole frame, so bytes were added on the way (padding, or a relay appending "
			 "data) and a receiver that checks the whole buffer rejects it",
			 hs_msg_name(m->type), (unsigned long long)m->frame, m->trailing,
			 m->trailing == 1 ? "" : "s");
	}
}
