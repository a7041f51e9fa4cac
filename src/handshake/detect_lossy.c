/*
 * detect_lossy.c - CAPTURE_LOSSY: the sniffer evidently missed frames of
 * this link: ACKs to one side with no frame of that side before them, or a
 * handshake that went on past a message the capture does not hold (an msg
 * 3/4 answering an msg 2/4 never captured while its msg 1/4 was, a 4/4
 * whose 3/4 is missing).  Findings drawn from the absence of a frame are
 * less certain on such a link.
 */
#include <stdio.h>

#include "handshake/internal.h"

static bool has(const struct hs_link *l, unsigned h, enum fw_msg_type t)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].handshake == h && l->msgs[i].type == t)
			return true;
	return false;
}

void detect_lossy(struct fw_core *c, struct hs_link *l)
{
	unsigned missing = 0;
	struct fw_finding *f;

	for (size_t h = 0; h < l->n_hs; h++) {
		if (l->hs[h].group)
			continue;
		if (has(l, (unsigned)h, FW_MSG_M1) && !has(l, (unsigned)h, FW_MSG_M2) &&
		    has(l, (unsigned)h, FW_MSG_M3))
			missing++;
		if (has(l, (unsigned)h, FW_MSG_M2) && !has(l, (unsigned)h, FW_MSG_M3) &&
		    has(l, (unsigned)h, FW_MSG_M4))
			missing++;
	}
	if (!missing && !l->pub.acks_unmatched)
		return;
	f = hs_finding_add(c, FW_F_CAPTURE_LOSSY, l);
	if (!f)
		return;
	for (size_t i = 0; i < l->n_msgs && i < 2; i++)
		hs_finding_frame(f, &l->msgs[i]);
	snprintf(f->detail, sizeof(f->detail),
		 "the sniffer missed frames of this link: %llu ACK%s with no frame before %s, %u "
		 "handshake message%s evidently sent but not captured; findings drawn from a "
		 "missing frame are less certain here",
		 (unsigned long long)l->pub.acks_unmatched, l->pub.acks_unmatched == 1 ? "" : "s",
		 l->pub.acks_unmatched == 1 ? "it" : "them", missing, missing == 1 ? "" : "s");
}
