/*
 * detect_slow.c - SLOW_RESPONSE: a side took longer to answer than the
 * other side waits.  hostapd resends an EAPOL-Key request after 100 ms the
 * first time and 1 s after that (the thresholds are options); an answer
 * later than that makes the requester retry, which is a warning, otherwise
 * it is information.  Answers are paired with the first request carrying
 * their replay counter: M1->M2 and M3->M4 by the station, M2->M3 and
 * G1->G2 likewise.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

#define SLOW_MAX_PER_LINK 8

static bool answers(const struct fw_msg *req, const struct fw_msg *resp)
{
	switch (req->type) {
	case FW_MSG_M1: return resp->type == FW_MSG_M2 && resp->replay_counter == req->replay_counter;
	case FW_MSG_M3: return resp->type == FW_MSG_M4 && resp->replay_counter == req->replay_counter;
	case FW_MSG_M2: return resp->type == FW_MSG_M3;
	case FW_MSG_G1: return resp->type == FW_MSG_G2 && resp->replay_counter == req->replay_counter;
	default: return false;
	}
}

/*
 * An answer captured after the answer to a later transmission of its
 * request left its sender before that one: it was held up on the way (the
 * medium, a sniffer that saw it late), not answered slowly.  LATE_ANSWER
 * says what became of it.
 */
static bool overtaken(const struct hs_link *l, const struct fw_msg *resp)
{
	struct hs_hs_iter it;
	size_t k;

	if (!resp->late)
		return false;
	for (hs_hs_iter_init(&it, l, resp->handshake); hs_hs_next(&it, &k);) {
		const struct fw_msg *m = &l->msgs[k];

		if (m != resp && m->type == resp->type &&
		    m->from_ap == resp->from_ap && m->replay_counter > resp->replay_counter &&
		    hs_msg_before(m, resp))
			return true;
	}
	return false;
}

void detect_slow(struct fw_core *c, struct hs_link *l)
{
	uint32_t first_ms = c->opts.slow_first_ms ? c->opts.slow_first_ms : FW_CORE_SLOW_FIRST_MS;
	uint32_t later_ms = c->opts.slow_later_ms ? c->opts.slow_later_ms : FW_CORE_SLOW_LATER_MS;
	size_t n = 0;

	for (size_t i = 0; i < l->n_msgs && n < SLOW_MAX_PER_LINK; i++) {
		const struct fw_msg *req = &l->msgs[i], *resp = NULL, *retry = NULL;
		struct fw_finding *f;
		int64_t delay_ms;
		uint32_t limit;
		struct hs_hs_iter it;
		size_t j;

		if (req->retrans == FW_RT_MAC || req->protected_)
			continue;
		/* the later messages of its handshake */
		for (hs_hs_iter_init(&it, l, req->handshake); !resp && hs_hs_next(&it, &j);) {
			const struct fw_msg *m = &l->msgs[j];

			if (j <= i)
				continue;
			if (answers(req, m))
				resp = m;
			else if (m->type == req->type && m->from_ap == req->from_ap && !retry &&
				 m->retrans != FW_RT_MAC)
				retry = m;
		}
		/* a request answered only after it was sent again: the answer belongs to the retry */
		if (!resp || (retry && req->type == FW_MSG_M2) || overtaken(l, resp))
			continue;
		delay_ms = (resp->ts_ns - req->ts_ns) / 1000000;
		limit = req->retrans == FW_RT_EAPOL ? later_ms : first_ms;
		if (delay_ms <= (int64_t)limit)
			continue;
		f = hs_finding_add(c, FW_F_SLOW_RESPONSE, l);
		if (!f)
			return;
		n++;
		hs_finding_frame_role(f, req, FW_ROLE_REQUEST);
		hs_finding_frame_role(f, resp, FW_ROLE_ANSWER);
		if (retry) {
			f->severity = FW_SEV_WARNING;
			hs_finding_frame_role(f, retry, FW_ROLE_RETRY);
		}
		snprintf(f->detail, sizeof(f->detail),
			 "the %s answered %s (frame %llu) with %s (frame %llu) after %lld ms, past the "
			 "%u ms the other side waits%s%s%s",
			 resp->from_ap ? "AP" : "station", hs_msg_name(req->type),
			 (unsigned long long)req->frame, hs_msg_name(resp->type),
			 (unsigned long long)resp->frame, (long long)delay_ms, limit,
			 retry ? ": the " : "", retry ? (req->from_ap ? "AP" : "station") : "",
			 retry ? " had already sent it again" : "");
		if (retry) {
			size_t used = strlen(f->detail);

			snprintf(f->detail + used, sizeof(f->detail) - used, " (frame %llu)",
				 (unsigned long long)retry->frame);
		}
	}
}
