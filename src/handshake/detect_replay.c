/*
 * detect_replay.c - REPLAY_COUNTER: a response must carry the replay
 * counter of the request it answers (12.7.6.3/.5), and the authenticator
 * must use a larger counter for every new EAPOL-Key frame it sends within
 * an association (12.7.2).  A MAC-layer retransmission (Retry bit, same
 * sequence number) repeats the frame and is not a new one.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

static enum fw_msg_type request_of(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M2: return FW_MSG_M1;
	case FW_MSG_M4: return FW_MSG_M3;
	case FW_MSG_G2: return FW_MSG_G1;
	default: return FW_MSG_UNKNOWN;
	}
}

static void check_responses(struct fw_core *c, struct hs_link *l)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		enum fw_msg_type req = request_of(m->type);
		const struct fw_msg *last = NULL;
		bool match = false;
		struct fw_finding *f;

		if (req == FW_MSG_UNKNOWN)
			continue;
		/* bound to the request whose counter it echoes (eapol.c): late or not, it matches */
		if (l->priv[i].req)
			continue;
		for (size_t j = 0; j < l->n_msgs; j++) {
			const struct fw_msg *q = &l->msgs[j];

			/* an M2 answers the M1 whose ANonce its MIC verified with, stale or not */
			if (m->anonce_from && q->type == req && q->frame == m->anonce_from &&
			    q->file == m->anonce_from_file && q->replay_counter == m->replay_counter)
				match = true;
			if (q->handshake != m->handshake || q->type != req)
				continue;
			if (q->replay_counter == m->replay_counter)
				match = true;
			if (l->priv[j].order < l->priv[i].order)
				last = q;
		}
		if (match || !last)
			continue;
		f = hs_finding_add(c, FW_F_REPLAY_COUNTER, l);
		if (!f)
			return;
		hs_finding_frame(f, last);
		hs_finding_frame(f, m);
		snprintf(f->detail, sizeof(f->detail),
			 "%s (frame %llu) carries replay counter %llu, but no %s of its handshake does; "
			 "the last one (frame %llu) has %llu, so the authenticator will discard it",
			 hs_msg_name(m->type), (unsigned long long)m->frame,
			 (unsigned long long)m->replay_counter, hs_msg_name(req),
			 (unsigned long long)last->frame, (unsigned long long)last->replay_counter);
	}
}

/*
 * A flood of copies of one request would make a finding per copy, each a
 * kilobyte: a link lists the first HS_REPLAY_LIST, and the last one listed
 * says how many more there were.
 */
#define HS_REPLAY_LIST 16

static void check_ap_counter(struct fw_core *c, struct hs_link *l)
{
	const struct fw_msg *prev = NULL;
	size_t prev_i = 0, listed = 0, more = 0;
	struct fw_finding *last = NULL;

	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		struct fw_finding *f;

		if (!m->from_ap)
			continue;
		if (prev && l->hs[prev->handshake].ended && prev->handshake != m->handshake)
			prev = NULL;	/* a new association may start the counter again */
		if (prev && l->priv[prev_i].order < l->priv[i].order &&
		    m->replay_counter <= prev->replay_counter) {
			bool mac_retry = m->retry && m->has_seq && prev->has_seq && m->seq == prev->seq &&
					 m->replay_counter == prev->replay_counter;

			if (!mac_retry && listed == HS_REPLAY_LIST) {
				more++;
			} else if (!mac_retry) {
				listed++;
				f = hs_finding_add(c, FW_F_REPLAY_COUNTER, l);
				if (!f)
					return;
				hs_finding_frame(f, prev);
				hs_finding_frame(f, m);
				snprintf(f->detail, sizeof(f->detail),
					 "the authenticator's replay counter did not increase: %s (frame %llu) "
					 "has %llu after %s (frame %llu) had %llu",
					 hs_msg_name(m->type), (unsigned long long)m->frame,
					 (unsigned long long)m->replay_counter, hs_msg_name(prev->type),
					 (unsigned long long)prev->frame,
					 (unsigned long long)prev->replay_counter);
				last = f;
			}
		}
		prev = m;
		prev_i = i;
	}
	/* no finding was added since the last listed one: the pointer still holds */
	if (more && last) {
		size_t n = strlen(last->detail);

		snprintf(last->detail + n, sizeof(last->detail) - n,
			 "; %zu more times on this link, not listed", more);
	}
}

void detect_replay(struct fw_core *c, struct hs_link *l)
{
	check_responses(c, l);
	check_ap_counter(c, l);
}
