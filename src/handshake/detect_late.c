/*
 * detect_late.c - LATE_ANSWER: an answer (msg 2/4, 4/4, group 2/2) to a
 * request the authenticator had already superseded, with a higher replay
 * counter or a new ANonce, before the answer was on the air (eapol.c binds
 * it and says so).  An authenticator checks the replay counter before the
 * MIC (12.7.6) and drops such an answer unread: it is neither a bad MIC
 * nor a retransmission of the answer to the newer request.  hostapd keeps
 * the counters of every transmission of the request it still waits on, so
 * it takes a late answer to an earlier transmission of the same request
 * (captures/rekey.pcap: its log accepts such a 4/4).  Information, unless
 * it was all the handshake got of that answer and the handshake failed.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

/* Whether handshake h has an answer of type t that is not late. */
static bool has_timely(const struct hs_link *l, unsigned h, enum fw_msg_type t)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].handshake == h && l->msgs[i].type == t && !l->msgs[i].late)
			return true;
	return false;
}

static const char *req_name(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M1: return "msg 1/4";
	case FW_MSG_M3: return "msg 3/4";
	case FW_MSG_G1: return "group msg 1/2";
	default: return hs_msg_name(t);
	}
}

static const char *answer_name(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M2: return "msg 2/4";
	case FW_MSG_M4: return "msg 4/4";
	case FW_MSG_G2: return "group msg 2/2";
	default: return hs_msg_name(t);
	}
}

void detect_late(struct fw_core *c, struct hs_link *l)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		const struct hs_msg_priv *p = &l->priv[i];
		const struct fw_msg *req, *by;
		const struct fw_handshake *hs = &l->hs[m->handshake];
		struct fw_finding *f;
		bool new_anonce, same_req, mattered;

		if (!m->late || !p->req || !p->late_by || m->retrans == FW_RT_MAC)
			continue;
		req = &l->msgs[p->req - 1];
		by = &l->msgs[p->late_by - 1];
		new_anonce = !hs->group && memcmp(by->nonce, req->nonce, 32) != 0;
		same_req = by->type == req->type && !new_anonce;
		mattered = hs->outcome == FW_OUT_FAILED && !has_timely(l, m->handshake, m->type);
		f = hs_finding_add(c, FW_F_LATE_ANSWER, l);
		if (!f)
			return;
		if (mattered)
			f->severity = FW_SEV_WARNING;
		hs_finding_frame(f, req);
		hs_finding_frame(f, by);
		hs_finding_frame(f, m);
		snprintf(f->detail, sizeof(f->detail),
			 "%s (frame %llu) answers %s (frame %llu, replay counter %llu), but the AP had "
			 "already sent %s (frame %llu, replay counter %llu%s) before it: a late answer to "
			 "handshake %u. %s%s",
			 answer_name(m->type), (unsigned long long)m->frame, req_name(req->type),
			 (unsigned long long)req->frame, (unsigned long long)req->replay_counter,
			 req_name(by->type), (unsigned long long)by->frame,
			 (unsigned long long)by->replay_counter, new_anonce ? ", a new ANonce" : "",
			 m->handshake + 1,
			 same_req
				 ? "IEEE 802.11 12.7.6 has the AP discard it for its replay counter before "
				   "any MIC check; hostapd takes the counter of every transmission of the "
				   "request it still waits on, so there it may have counted"
				 : "The AP had moved on: it discards an answer with a superseded replay "
				   "counter before it checks the MIC (12.7.6)",
			 mattered ? "; it was all that handshake got in answer, and the handshake failed"
				  : "");
	}
}
