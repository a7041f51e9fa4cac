/*
 * detect_order.c - REORDERED: the capture's order and its clock disagree
 * (a message timestamped before the one captured ahead of it), or an
 * answer was captured before its request (an msg 2/4 before the msg 1/4
 * with its replay counter, a 4/4 before its 3/4).  Either way the sequence
 * of events on the way to the capture file was not the sequence on the
 * air: timing-based conclusions need care, and a split authenticator may
 * see the same disorder.
 */
#include <stdio.h>

#include "handshake/internal.h"
#include "handshake/walkidx.h"

static const struct fw_msg *request_after(const struct hs_link *l, size_t i)
{
	const struct fw_msg *m = &l->msgs[i];
	enum fw_msg_type want = m->type == FW_MSG_M2 ? FW_MSG_M1 : m->type == FW_MSG_M4 ? FW_MSG_M3
					    : FW_MSG_UNKNOWN;

	struct hs_hs_iter it;
	size_t j;

	if (want == FW_MSG_UNKNOWN)
		return NULL;
	/* its handshake's messages in link order: the first request with its counter */
	for (hs_hs_iter_init(&it, l, m->handshake); hs_hs_next(&it, &j);) {
		hs_walk_steps++;
		if (j != i && l->msgs[j].type == want && l->msgs[j].replay_counter == m->replay_counter &&
		    l->msgs[j].handshake == m->handshake)
			return j < i ? NULL : &l->msgs[j];	/* before it: its request came first */
	}
	return NULL;
}

void detect_order(struct fw_core *c, struct hs_link *l)
{
	struct fw_finding *f = NULL;
	char detail[400] = "";
	size_t used = 0;

	for (size_t i = 1; i < l->n_msgs; i++) {
		const struct fw_msg *a = &l->msgs[i - 1], *b = &l->msgs[i], *req;

		if (a->file == b->file && b->ts_ns < a->ts_ns) {
			if (!f && !(f = hs_finding_add(c, FW_F_REORDERED, l)))
				return;
			hs_finding_frame(f, a);
			hs_finding_frame(f, b);
			if (used + 120 < sizeof(detail))
				used += (size_t)snprintf(detail + used, sizeof(detail) - used,
					"%sframe %llu is timestamped %.6f s before frame %llu captured ahead of it",
					used ? "; " : "", (unsigned long long)b->frame,
					(double)(a->ts_ns - b->ts_ns) / 1e9, (unsigned long long)a->frame);
		}
		if ((req = request_after(l, i)) != NULL) {
			if (!f && !(f = hs_finding_add(c, FW_F_REORDERED, l)))
				return;
			hs_finding_frame(f, b);
			hs_finding_frame(f, req);
			if (used + 120 < sizeof(detail))
				used += (size_t)snprintf(detail + used, sizeof(detail) - used,
					"%s%s (frame %llu) was captured before the %s it answers (frame %llu, "
					"replay counter %llu)", used ? "; " : "", hs_msg_name(b->type),
					(unsigned long long)b->frame, hs_msg_name(req->type),
					(unsigned long long)req->frame,
					(unsigned long long)b->replay_counter);
		}
	}
	if (f)
		snprintf(f->detail, sizeof(f->detail),
			 "capture order and time order disagree: %s; events were reordered between "
			 "the air and the capture (or in the sniffer), so read timings with care", detail);
}
