/*
 * detect_ack.c - M4_LOST, M4_IGNORED and M3_LOST: what the ACKs say.
 *
 * The AP retransmits msg 3/4 only when it did not accept a 4/4 in time.
 * If the 4/4 before that retry got no ACK, it never reached the AP's radio
 * (M4_LOST); if it was ACKed, the radio had it and the authenticator threw
 * it away (M4_IGNORED: often because it arrived protected with a key the AP
 * had not installed yet).  The same holds for an ACKed 4/4 after which the
 * AP gave up instead (deauthenticated, the handshake uncompleted).  An msg 3/4 with no ACK that the AP had to send
 * again is M3_LOST.  Nothing is drawn where the capture shows no ACKs for
 * the link: there "acked" is unknown.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

#define LIST_MAX 8
/*
 * A 3/4 retry sent this soon after an acknowledged 4/4 crossed it: the
 * AP's timer fired while the 4/4 was on its way up (hostapd then accepts
 * the 4/4 all the same), which proves nothing about the 4/4.
 */
#define CROSSING_NS 10000000LL

/* The first M3 of handshake h sent after message i, or NULL. */
static const struct fw_msg *next_m3(const struct hs_link *l, size_t i)
{
	for (size_t j = i + 1; j < l->n_msgs; j++)
		if (l->msgs[j].handshake == l->msgs[i].handshake && l->msgs[j].type == FW_MSG_M3 &&
		    l->msgs[j].from_ap)
			return &l->msgs[j];
	return NULL;
}

/* Add the messages of this type in these frames as evidence; true if one was protected. */
static bool add_msgs(struct fw_finding *f, const struct hs_link *l, const uint64_t *frames,
		     size_t n, enum fw_msg_type t, enum fw_role role)
{
	bool prot = false;

	for (size_t i = 0; i < l->n_msgs; i++)
		for (size_t k = 0; k < n; k++)
			if (l->msgs[i].frame == frames[k] && l->msgs[i].type == t) {
				hs_finding_frame_role(f, &l->msgs[i], role);
				prot |= l->msgs[i].protected_;
			}
	return prot;
}

/*
 * The whole race in one sentence when the answers to the 3/4 retries left
 * protected with the new TK and the AP gave up: what an engineer reads first.
 */
static void tell_story(struct fw_finding *f, const struct hs_link *l, unsigned h)
{
	const struct fw_handshake *hs = &l->hs[h];
	uint64_t enc[LIST_MAX];
	size_t n = 0, used;
	char list[96] = "";

	for (size_t i = 0; i < l->n_msgs && n < LIST_MAX; i++)
		if (l->msgs[i].handshake == h && l->msgs[i].type == FW_MSG_M4 &&
		    l->msgs[i].protected_ && l->msgs[i].dec_key == FW_DEC_NEW)
			enc[n++] = l->msgs[i].frame;
	if (!n)
		return;
	hs_frame_list(list, sizeof(list), enc, n);
	used = strlen(f->detail);
	snprintf(f->detail + used, sizeof(f->detail) - used,
		 "; the station had already installed the PTK, so its answers to the AP's 3/4 "
		 "retries (frame%s %s) went out encrypted%s",
		 n > 1 ? "s" : "", list, hs->ended ? " and the AP gave up" : "");
	if (hs->ended) {
		used = strlen(f->detail);
		snprintf(f->detail + used, sizeof(f->detail) - used, " (%s, reason %u, frame %llu)",
			 hs->end_disassoc ? "disassociation" : "deauthentication",
			 (unsigned)hs->end_reason, (unsigned long long)hs->end_frame);
		hs_finding_frame_at_role(f, hs->end_file, hs->end_frame, hs->end_ts_ns,
					 FW_ROLE_DEAUTH);
	}
}

static void m4_findings(struct fw_core *c, struct hs_link *l, unsigned h)
{
	uint64_t lost[LIST_MAX], ign[LIST_MAX], acks[LIST_MAX], retry_l[LIST_MAX], retry_i[LIST_MAX];
	size_t n_lost = 0, n_ign = 0, n_rl = 0, n_ri = 0;
	struct fw_finding *f;
	char a[96] = "", b[96] = "", d[96] = "";
	const struct fw_handshake *hs = &l->hs[h];
	bool gave_up = false;

	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i], *r;

		if (m->handshake != h || m->type != FW_MSG_M4 || m->acked == FW_ACK_UNKNOWN)
			continue;
		/*
		 * The AP's last word may be no 3/4 retry but its giving up (a
		 * deauthentication ending the handshake uncompleted): an ACKed
		 * 4/4 before it was received and not accepted all the same.
		 */
		if (!(r = next_m3(l, i))) {
			if (m->acked == FW_ACK_YES && n_ign < LIST_MAX && hs->ended && hs->end_from_ap &&
			    hs->outcome != FW_OUT_COMPLETE && hs->end_ts_ns - m->ts_ns >= CROSSING_NS) {
				acks[n_ign] = m->ack_frame;
				ign[n_ign++] = m->frame;
				gave_up = true;
			}
			continue;
		}
		if (m->acked == FW_ACK_NO && n_lost < LIST_MAX) {
			lost[n_lost++] = m->frame;
			if (n_rl < LIST_MAX && (n_rl == 0 || retry_l[n_rl - 1] != r->frame))
				retry_l[n_rl++] = r->frame;
		} else if (m->acked == FW_ACK_YES && n_ign < LIST_MAX &&
			   r->ts_ns - m->ts_ns >= CROSSING_NS) {
			acks[n_ign] = m->ack_frame;
			ign[n_ign++] = m->frame;
			if (n_ri < LIST_MAX && (n_ri == 0 || retry_i[n_ri - 1] != r->frame))
				retry_i[n_ri++] = r->frame;
		}
	}
	if (n_lost && (f = hs_finding_add(c, FW_F_M4_LOST, l)) != NULL) {
		add_msgs(f, l, lost, n_lost, FW_MSG_M4, FW_ROLE_LOST);
		add_msgs(f, l, retry_l, n_rl, FW_MSG_M3, FW_ROLE_RETRY);
		hs_frame_list(a, sizeof(a), lost, n_lost);
		hs_frame_list(b, sizeof(b), retry_l, n_rl);
		snprintf(f->detail, sizeof(f->detail),
			 "msg 4/4 (frame%s %s) was never acknowledged: the frame after it on the air "
			 "was no ACK, so it did not reach the AP's radio, and the AP retransmitted "
			 "msg 3/4 (frame%s %s)",
			 n_lost > 1 ? "s" : "", a, n_rl > 1 ? "s" : "", b);
		tell_story(f, l, h);
	}
	if (n_ign && (f = hs_finding_add(c, FW_F_M4_IGNORED, l)) != NULL) {
		bool prot = add_msgs(f, l, ign, n_ign, FW_MSG_M4, FW_ROLE_IGNORED);

		add_msgs(f, l, retry_i, n_ri, FW_MSG_M3, FW_ROLE_RETRY);
		for (size_t i = 0; i < l->n_msgs; i++)
			for (size_t k = 0; k < n_ign; k++)
				if (l->msgs[i].frame == ign[k] && l->msgs[i].type == FW_MSG_M4)
					hs_finding_frame_at_role(f, l->msgs[i].file, acks[k],
								 l->msgs[i].ts_ns, FW_ROLE_ACK);
		a[0] = b[0] = '\0';
		hs_frame_list(a, sizeof(a), ign, n_ign);
		hs_frame_list(d, sizeof(d), acks, n_ign);
		hs_frame_list(b, sizeof(b), retry_i, n_ri);
		snprintf(f->detail, sizeof(f->detail),
			 "msg 4/4 (frame%s %s) was acknowledged by the AP's radio (ACK in frame%s %s), "
			 "yet the AP %s%s%s%s: the authenticator received the 4/4 but did not accept "
			 "it%s",
			 n_ign > 1 ? "s" : "", a, n_ign > 1 ? "s" : "", d,
			 n_ri ? (n_ri > 1 ? "retransmitted msg 3/4 (frames " : "retransmitted msg 3/4 (frame ")
			      : "",
			 n_ri ? b : "", n_ri ? ")" : "",
			 gave_up ? (n_ri ? " and ended the handshake" : "ended the handshake") : "",
			 prot ? "; it arrived protected with a key the AP had not installed" : "");
		if (gave_up)
			hs_finding_frame_at_role(f, hs->end_file, hs->end_frame, hs->end_ts_ns,
						 FW_ROLE_DEAUTH);
	}
}

static void m3_lost(struct fw_core *c, struct hs_link *l, unsigned h)
{
	uint64_t lost[LIST_MAX];
	size_t n = 0;
	struct fw_finding *f;
	char a[96] = "";

	for (size_t i = 0; i < l->n_msgs && n < LIST_MAX; i++) {
		const struct fw_msg *m = &l->msgs[i];
		bool answered = false, resent = false;

		if (m->handshake != h || m->type != FW_MSG_M3 || m->acked != FW_ACK_NO)
			continue;
		for (size_t j = i + 1; j < l->n_msgs && !resent; j++) {
			if (l->msgs[j].handshake != h)
				continue;
			if (l->msgs[j].type == FW_MSG_M4)
				answered = true;
			if (l->msgs[j].type == FW_MSG_M3 && !answered)
				resent = true;
		}
		if (resent)
			lost[n++] = m->frame;
	}
	if (!n || !(f = hs_finding_add(c, FW_F_M3_LOST, l)))
		return;
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		enum fw_role role = m->retrans != FW_RT_NONE ? FW_ROLE_RETRY : FW_ROLE_REQUEST;

		for (size_t k = 0; k < n; k++)
			if (lost[k] == m->frame)
				role = FW_ROLE_LOST;
		if (m->handshake == h && m->type == FW_MSG_M3)
			hs_finding_frame_role(f, m, role);
	}
	hs_frame_list(a, sizeof(a), lost, n);
	snprintf(f->detail, sizeof(f->detail),
		 "msg 3/4 (frame%s %s) got no ACK from the station and the AP had to send it again: "
		 "it was lost on the air before the station could answer",
		 n > 1 ? "s" : "", a);
}

void detect_ack(struct fw_core *c, struct hs_link *l)
{
	if (!l->pub.acks_visible)
		return;
	for (size_t h = 0; h < l->n_hs; h++) {
		if (l->hs[h].group)
			continue;
		m4_findings(c, l, (unsigned)h);
		m3_lost(c, l, (unsigned)h);
	}
}
