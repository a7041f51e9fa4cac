/*
 * detect_lossy.c - CAPTURE_LOSSY: the sniffer evidently missed frames of
 * this link: ACKs to one side with no frame of that side waiting for them
 * (ack.c counts only what a busy channel cannot explain: an ACK to the
 * station, or to an AP seen talking to this station alone), or a
 * handshake that went on past a message the capture does not hold (an msg
 * 3/4 answering an msg 2/4 never captured while its msg 1/4 was, a 4/4
 * whose 3/4 is missing).  Findings drawn from the absence of a frame are
 * less certain on such a link.
 */
#include <stdio.h>

#include "handshake/internal.h"

static const struct fw_msg *first_of(const struct hs_link *l, unsigned h, enum fw_msg_type t)
{
	struct hs_hs_iter it;
	size_t i;

	for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);)
		if (l->msgs[i].type == t)
			return &l->msgs[i];
	return NULL;
}

void detect_lossy(struct fw_core *c, struct hs_link *l)
{
	const struct fw_msg *gap[8];
	unsigned missing = 0;
	struct fw_finding *f;

	for (size_t h = 0; h < l->n_hs; h++) {
		unsigned u = (unsigned)h;

		if (l->hs[h].group)
			continue;
		/* an M3 answering an M2 never captured, a 4/4 answering a missing 3/4 */
		if (first_of(l, u, FW_MSG_M1) && !first_of(l, u, FW_MSG_M2) && first_of(l, u, FW_MSG_M3))
			gap[missing < 8 ? missing : 7] = first_of(l, u, FW_MSG_M3), missing++;
		if (first_of(l, u, FW_MSG_M2) && !first_of(l, u, FW_MSG_M3) && first_of(l, u, FW_MSG_M4))
			gap[missing < 8 ? missing : 7] = first_of(l, u, FW_MSG_M4), missing++;
	}
	if (!missing && !l->pub.acks_unmatched)
		return;
	f = hs_finding_add(c, FW_F_CAPTURE_LOSSY, l);
	if (!f)
		return;
	for (unsigned i = 0; i < missing && i < 8; i++)
		hs_finding_frame(f, gap[i]);
	if (l->unmatched_ack_frame)
		hs_finding_frame_at(f, l->unmatched_ack_file, l->unmatched_ack_frame, f->ts_ns);
	snprintf(f->detail, sizeof(f->detail),
		 "the sniffer missed frames of this link: %llu ACK%s with no frame before %s, %u "
		 "handshake message%s evidently sent but not captured; findings drawn from a "
		 "missing frame are less certain here",
		 (unsigned long long)l->pub.acks_unmatched, l->pub.acks_unmatched == 1 ? "" : "s",
		 l->pub.acks_unmatched == 1 ? "it" : "them", missing, missing == 1 ? "" : "s");
}
