/*
 * detect_logs.c - LOG_AIR_MISMATCH and EVENTS_REORDERED: a daemon's log
 * beside the air (logfind.h).
 *
 * Pairing.  A daemon logs a send a fraction of a millisecond before the
 * frame is on the air, so a send pairs with the captured message of its
 * kind from its side nearest in time (within FW_LOGFIND_TX_TOL_NS).  A
 * reception is logged when the daemon handles the frame, which may be long
 * after the air showed it (a frame held by the medium, a relay, a busy
 * process), so it pairs with the latest captured message towards its side
 * that is not yet paired and was on the air before it.  The radio passes a
 * frame up once whatever its MAC retransmissions, so the copies of one
 * transmission (Retry bit) pair as one; a protected message whose receiver
 * did not hold the key never reaches the daemon and is not looked for.
 *
 * Then: a send with no captured message, or a message acknowledged by its
 * receiver's radio that the daemon never logged receiving, is a
 * LOG_AIR_MISMATCH; a reception handled after a send that the air shows
 * later, or an association handled after an EAPOL-Key message that the air
 * shows after the association, is EVENTS_REORDERED.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"
#include "handshake/logfind.h"
#include "util/err.h"

#define MAX_LINK_EVENTS 4096u
#define ASSOC_SLACK_NS 100000000LL

struct lev {
	const struct fw_dlog_event *e;
	int64_t t;		/* on the capture's clock */
	long air;		/* the paired message's root (index into msgs), -1 none */
	const struct fw_dlog_event *mic;	/* hostapd: the "invalid MIC" line that followed */
};

struct lctx {
	struct fw_core *c;
	struct hs_link *l;
	const struct fw_dlog *d;
	const struct fw_dlog *const *logs;	/* every log of the run: the peer's tells too */
	size_t n_logs;
	unsigned log;
	const char *name;	/* the log's file name, for the detail */
	size_t *root;		/* root[i]: the first transmission msgs[i] repeats (Retry bit) */
	bool *tx_used, *rx_used;
	struct lev *ev;
	size_t n_ev;
};

static enum fw_msg_type mtype(enum fw_dlog_msg m)
{
	switch (m) {
	case FW_DLOG_M1: return FW_MSG_M1;
	case FW_DLOG_M2: return FW_MSG_M2;
	case FW_DLOG_M3: return FW_MSG_M3;
	case FW_DLOG_M4: return FW_MSG_M4;
	case FW_DLOG_G1: return FW_MSG_G1;
	case FW_DLOG_G2: return FW_MSG_G2;
	default: return FW_MSG_UNKNOWN;
	}
}

static const char *mname(enum fw_msg_type t)
{
	static const char *const n[] = { "?", "1/4", "2/4", "3/4", "4/4", "group 1/2", "group 2/2" };

	return (unsigned)t <= FW_MSG_G2 ? n[t] : "?";
}

static bool ap_side(const struct lctx *x, const struct fw_dlog_event *e)
{
	return fw_dlog_event_ap_side(x->d, e);
}

static const char *who(const struct lctx *x, const struct fw_dlog_event *e)
{
	return ap_side(x, e) ? "the AP" : "the station";
}

static void add_line(struct fw_finding *f, unsigned log, uint64_t line, const char *what)
{
	if (!f || f->n_log_lines >= FW_FINDING_MAX_LOG_LINES)
		return;
	f->log_lines[f->n_log_lines].log = log;
	f->log_lines[f->n_log_lines].line = line;
	f->log_lines[f->n_log_lines].what = what;
	f->n_log_lines++;
}

static void secs(char *buf, size_t len, int64_t ns)
{
	int64_t a = ns < 0 ? -ns : ns;

	if (a < 1000000000)
		snprintf(buf, len, "%" PRId64 ".%03" PRId64 " ms", a / 1000000, a / 1000 % 1000);
	else
		snprintf(buf, len, "%" PRId64 ".%03" PRId64 " s", a / 1000000000, a / 1000000 % 1000);
}

/* Message roots: a MAC retransmission (Retry bit) is the same transmission as the frame it repeats. */
static void find_roots(struct lctx *x)
{
	const struct hs_link *l = x->l;

	for (size_t i = 0; i < l->n_msgs; i++) {
		size_t r = i;

		for (int hop = 0; hop < 8 && l->msgs[r].retrans == FW_RT_MAC; hop++) {
			size_t j;

			for (j = 0; j < l->n_msgs; j++)
				if (l->msgs[j].frame == l->msgs[r].retrans_of &&
				    l->msgs[j].file == l->msgs[r].retrans_of_file)
					break;
			if (j == l->n_msgs || j == r)
				break;
			r = j;
		}
		x->root[i] = r;
	}
}

/* Whether any copy of root r was acknowledged (YES), none of them (NO), or it cannot be told. */
static enum fw_acked root_acked(const struct lctx *x, size_t r)
{
	bool no = false;

	for (size_t i = 0; i < x->l->n_msgs; i++) {
		if (x->root[i] != r)
			continue;
		if (x->l->msgs[i].acked == FW_ACK_YES)
			return FW_ACK_YES;
		no |= x->l->msgs[i].acked == FW_ACK_NO;
	}
	return no ? FW_ACK_NO : FW_ACK_UNKNOWN;
}

static const struct fw_msg *root_ack_msg(const struct lctx *x, size_t r)
{
	for (size_t i = 0; i < x->l->n_msgs; i++)
		if (x->root[i] == r && x->l->msgs[i].acked == FW_ACK_YES)
			return &x->l->msgs[i];
	return NULL;
}

static bool content_ok(const struct fw_dlog_event *e, const struct fw_msg *m)
{
	if (e->has_nonce && !m->nonce_zero && memcmp(e->nonce, m->nonce, 32) != 0)
		return false;
	if (e->has_rc && e->replay_counter != m->replay_counter)
		return false;
	return true;
}

/* The log's events about this link, with their time on the capture's clock. */
static int collect(struct lctx *x)
{
	struct fw_dlog_link_iter it;
	const struct fw_dlog_event *e;

	x->n_ev = 0;
	fw_dlog_link_first(&it, x->d, x->l->pub.bssid, x->l->pub.sta);
	while ((e = fw_dlog_link_next(&it)) != NULL && x->n_ev < MAX_LINK_EVENTS) {
		int64_t t;

		if (!e->has_ts || fw_dlog_place(x->d, e->ts_ns, &t))
			continue;
		x->ev[x->n_ev].e = e;
		x->ev[x->n_ev].t = t;
		x->ev[x->n_ev].air = -1;
		x->ev[x->n_ev].mic = NULL;
		x->n_ev++;
	}
	return 0;
}

static void pair_sends(struct lctx *x)
{
	const struct hs_link *l = x->l;

	for (size_t k = 0; k < x->n_ev; k++) {
		const struct fw_dlog_event *e = x->ev[k].e;
		enum fw_msg_type t = mtype(e->msg);
		bool ap = ap_side(x, e);
		int64_t best = FW_LOGFIND_TX_TOL_NS + 1;
		long at = -1;

		if (e->kind != FW_DLOG_EV_EAPOL_TX || t == FW_MSG_UNKNOWN || e->msg_from_ap != ap)
			continue;
		for (size_t i = 0; i < l->n_msgs; i++) {
			const struct fw_msg *m = &l->msgs[i];
			int64_t dt;

			if (x->root[i] != i || x->tx_used[i] || m->type != t || m->from_ap != ap ||
			    !content_ok(e, m))
				continue;
			dt = m->ts_ns - x->ev[k].t;
			if (dt < 0)
				dt = -dt;
			if (dt < best) {
				best = dt;
				at = (long)i;
			}
		}
		if (at >= 0) {
			x->tx_used[at] = true;
			x->ev[k].air = at;
		}
	}
}

static bool is_reception(const struct fw_dlog_event *e)
{
	return e->kind == FW_DLOG_EV_EAPOL_RX || e->kind == FW_DLOG_EV_REPLAY_DISCARD ||
	       e->kind == FW_DLOG_EV_MIC_FAILURE;
}

/* Whether message m may be what a reception event e of a daemon on side ap was about. */
static bool rx_fits(const struct fw_dlog_event *e, bool ap, const struct fw_msg *m)
{
	if (m->from_ap == ap)
		return false;
	if (m->protected_ && m->rx_has_key == FW_RXK_NO)
		return false;	/* the radio could not open it: never passed up */
	if (e->msg != FW_DLOG_MSG_NONE)
		return m->type == mtype(e->msg) && content_ok(e, m);
	return ap ? (m->type == FW_MSG_M2 || m->type == FW_MSG_M4 || m->type == FW_MSG_G2)
		  : (m->type == FW_MSG_M1 || m->type == FW_MSG_M3 || m->type == FW_MSG_G1);
}

static void pair_receptions(struct lctx *x)
{
	const struct hs_link *l = x->l;
	long last_rx = -1;
	/* a reception is logged after its frame, give or take how well the clocks fit */
	int64_t early = x->d->fit.residual_ns > FW_LOGFIND_RX_EARLY_NS ? x->d->fit.residual_ns
								       : FW_LOGFIND_RX_EARLY_NS;

	for (size_t k = 0; k < x->n_ev; k++) {
		const struct fw_dlog_event *e = x->ev[k].e;
		bool ap = ap_side(x, e);
		int64_t latest = INT64_MIN;
		long at = -1;

		if (!is_reception(e))
			continue;
		/* hostapd says "received ... (2/4)", then "invalid MIC in msg 2/4": one reception */
		if (e->kind == FW_DLOG_EV_MIC_FAILURE && last_rx >= 0 &&
		    x->ev[last_rx].e->kind == FW_DLOG_EV_EAPOL_RX && x->ev[last_rx].e->msg == e->msg &&
		    !x->ev[last_rx].mic && ap_side(x, x->ev[last_rx].e) == ap) {
			x->ev[last_rx].mic = e;
			continue;
		}
		last_rx = (long)k;
		for (size_t i = 0; i < l->n_msgs; i++) {
			const struct fw_msg *m = &l->msgs[i];

			if (x->root[i] != i || x->rx_used[i] || !rx_fits(e, ap, m) ||
			    m->ts_ns > x->ev[k].t + early)
				continue;
			if (m->ts_ns > latest) {
				latest = m->ts_ns;
				at = (long)i;
			}
		}
		if (at >= 0) {
			x->rx_used[at] = true;
			x->ev[k].air = at;
		}
	}
}

/* The span of the capture's frames of the link: what a missing frame may be looked for in. */
static void capture_span(const struct hs_link *l, int64_t *lo, int64_t *hi)
{
	*lo = INT64_MAX;
	*hi = INT64_MIN;
	for (size_t i = 0; i < l->n_msgs; i++) {
		if (l->msgs[i].ts_ns < *lo)
			*lo = l->msgs[i].ts_ns;
		if (l->msgs[i].ts_ns > *hi)
			*hi = l->msgs[i].ts_ns;
	}
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].ts_ns > *hi)
			*hi = l->pframes[i].ts_ns;
	for (size_t i = 0; i < l->n_kev; i++) {
		if (l->kev[i].ts_ns < *lo)
			*lo = l->kev[i].ts_ns;
		if (l->kev[i].ts_ns > *hi)
			*hi = l->kev[i].ts_ns;
	}
}

/* The link's last message before t and first after it (NULL none). */
static void around(const struct hs_link *l, int64_t t, const struct fw_msg **before,
		   const struct fw_msg **after)
{
	*before = *after = NULL;
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->ts_ns <= t && (!*before || m->ts_ns > (*before)->ts_ns))
			*before = m;
		if (m->ts_ns > t && (!*after || m->ts_ns < (*after)->ts_ns))
			*after = m;
	}
}

/*
 * The peer's daemon logging the reception of a send e (at t) that the
 * capture lacks: the first reception of that message towards the peer, in
 * any aligned log of the run, from the send to FW_LOGFIND_TX_TOL_NS after
 * it.  Then the frame was on the air and only the sniffer missed it.
 */
static const struct fw_dlog_event *peer_received(const struct lctx *x, const struct fw_dlog_event *e,
						 int64_t t, size_t *log)
{
	for (size_t k = 0; k < x->n_logs; k++) {
		const struct fw_dlog *d = x->logs[k];
		struct fw_dlog_link_iter it;
		const struct fw_dlog_event *r;

		if (!d || !d->fit.aligned)
			continue;
		fw_dlog_link_first(&it, d, x->l->pub.bssid, x->l->pub.sta);
		while ((r = fw_dlog_link_next(&it)) != NULL) {
			int64_t rt;

			if (!is_reception(r) || r->msg != e->msg || r->msg_from_ap != e->msg_from_ap ||
			    fw_dlog_event_ap_side(d, r) == e->msg_from_ap || !r->has_ts ||
			    fw_dlog_place(d, r->ts_ns, &rt) || rt < t ||
			    rt > t + FW_LOGFIND_TX_TOL_NS)
				continue;
			*log = k;
			return r;
		}
	}
	return NULL;
}

/*
 * A send the capture does not show: told apart by the TX status that
 * followed it, or by the peer's log of its reception.
 */
static void missing_sends(struct lctx *x, int64_t lo, int64_t hi)
{
	for (size_t k = 0; k < x->n_ev; k++) {
		const struct fw_dlog_event *e = x->ev[k].e, *st = NULL, *rx;
		const struct fw_msg *b, *a;
		size_t rx_log = 0;
		struct fw_finding *f;
		char when[32], why[200];

		if (e->kind != FW_DLOG_EV_EAPOL_TX || x->ev[k].air >= 0 ||
		    mtype(e->msg) == FW_MSG_UNKNOWN || e->msg_from_ap != ap_side(x, e) ||
		    x->ev[k].t < lo || x->ev[k].t > hi)
			continue;
		for (size_t j = k + 1; j < x->n_ev && x->ev[j].e->kind != FW_DLOG_EV_EAPOL_TX; j++)
			if (x->ev[j].e->kind == FW_DLOG_EV_TX_STATUS) {
				st = x->ev[j].e;
				break;
			}
		rx = peer_received(x, e, x->ev[k].t, &rx_log);
		if (st && st->ack == 1)
			snprintf(why, sizeof(why), "its TX status says ack=1 (line %" PRIu64 "): the "
				 "peer's radio acknowledged it, so it was on the air and the sniffer "
				 "missed it", st->line);
		else if (rx)
			snprintf(why, sizeof(why), "%s logged receiving it (%s line %" PRIu64 "): it "
				 "was on the air and the sniffer missed it",
				 e->msg_from_ap ? "the station" : "the AP",
				 fw_dlog_daemon_name(rx->daemon), rx->line);
		else if (st)
			snprintf(why, sizeof(why), "its TX status says ack=0 (line %" PRIu64 "): it "
				 "was lost on the air or never left the radio", st->line);
		else
			snprintf(why, sizeof(why), "no TX status logged: lost before the air, or "
				 "missed by the sniffer");
		f = hs_finding_add(x->c, FW_F_LOG_AIR_MISMATCH, x->l);
		if (!f)
			return;
		if ((st && st->ack == 1) || rx)
			f->severity = FW_SEV_INFO;	/* the sniffer's loss, not the link's */
		around(x->l, x->ev[k].t, &b, &a);
		if (b)
			hs_finding_frame(f, b);
		if (a)
			hs_finding_frame(f, a);
		add_line(f, x->log, e->line, "sent");
		if (st)
			add_line(f, x->log, st->line, "tx_status");
		if (rx)
			add_line(f, (unsigned)rx_log, rx->line, "received");
		secs(when, sizeof(when), x->ev[k].t - (b ? b->ts_ns : x->ev[k].t));
		snprintf(f->detail, sizeof(f->detail),
			 "%s's log (%s:%" PRIu64 ") says it sent msg %s %s after frame %" PRIu64
			 ", but the capture has no such message within 50 ms: %s",
			 fw_dlog_daemon_name(e->daemon), x->name, e->line, mname(mtype(e->msg)), when,
			 b ? b->frame : 0, why);
	}
}

/* A message the receiver's radio acknowledged that its daemon never logged receiving. */
static void unhandled(struct lctx *x, bool ap, int64_t lo, int64_t hi)
{
	const struct hs_link *l = x->l;

	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i], *ack;
		struct fw_finding *f;

		if (x->root[i] != i || x->rx_used[i] || m->from_ap == ap || m->ts_ns < lo ||
		    m->ts_ns > hi || (m->protected_ && m->rx_has_key == FW_RXK_NO) ||
		    root_acked(x, i) != FW_ACK_YES)
			continue;
		if (m->type != FW_MSG_M1 && m->type != FW_MSG_M2 && m->type != FW_MSG_M3 &&
		    m->type != FW_MSG_M4 && m->type != FW_MSG_G1 && m->type != FW_MSG_G2)
			continue;
		ack = root_ack_msg(x, i);
		f = hs_finding_add(x->c, FW_F_LOG_AIR_MISMATCH, x->l);
		if (!f)
			return;
		hs_finding_frame_role(f, m, FW_ROLE_IGNORED);
		if (ack && ack->ack_frame)
			hs_finding_frame_at_role(f, ack->ack_file, ack->ack_frame, ack->ts_ns,
						 FW_ROLE_ACK);
		snprintf(f->detail, sizeof(f->detail),
			 "msg %s frame %" PRIu64 " was acknowledged by %s's radio, but %s (%s) never "
			 "logged receiving it: lost between the radio and the daemon",
			 mname(m->type), m->frame, ap ? "the AP" : "the station",
			 ap ? "hostapd" : "wpa_supplicant", x->name);
	}
}

/* The ANonce explanation of hostapd's "invalid MIC in msg 2/4" for the 2/4 a (appended to buf). */
static void explain_mic(struct lctx *x, size_t k, const struct fw_msg *a, char *buf, size_t len)
{
	const struct hs_link *l = x->l;
	const struct fw_msg *cur = NULL, *ans = NULL;
	uint64_t want = a->anonce_from ? a->anonce_from : a->answers;
	unsigned want_file = a->anonce_from ? a->anonce_from_file : a->answers_file;
	size_t n = strlen(buf);

	for (size_t j = 0; j < k; j++)
		if (x->ev[j].e->kind == FW_DLOG_EV_EAPOL_TX && x->ev[j].e->msg == FW_DLOG_M1 &&
		    x->ev[j].air >= 0)
			cur = &l->msgs[x->ev[j].air];
	for (size_t i = 0; i < l->n_msgs && want; i++)
		if (l->msgs[i].frame == want && l->msgs[i].file == want_file)
			ans = &l->msgs[i];
	if (!cur || !ans || n >= len)
		return;
	snprintf(buf + n, len - n,
		 "; its \"invalid MIC in msg 2/4\" (line %" PRIu64 ") is explained: the AP checked "
		 "it with the ANonce of its current msg 1/4, frame %" PRIu64 " (%02x%02x%02x%02x...), "
		 "while the 2/4 answers msg 1/4 frame %" PRIu64 " (%02x%02x%02x%02x...)%s",
		 x->ev[k].mic->line, cur->frame, cur->nonce[0], cur->nonce[1], cur->nonce[2],
		 cur->nonce[3], ans->frame, ans->nonce[0], ans->nonce[1], ans->nonce[2], ans->nonce[3],
		 a->anonce_from ? ", whose ANonce makes its MIC verify" : "");
}

/* A reception handled after a send that the air shows after the received frame. */
static void late_receptions(struct lctx *x)
{
	const struct hs_link *l = x->l;

	for (size_t k = 0; k < x->n_ev; k++) {
		const struct fw_dlog_event *e = x->ev[k].e;
		const struct fw_msg *a, *b = NULL;
		struct fw_finding *f;
		size_t tk = 0;
		char held[32], gap[32];

		if (!is_reception(e) || x->ev[k].air < 0)
			continue;
		a = &l->msgs[x->ev[k].air];
		for (size_t j = 0; j < k && !b; j++) {
			const struct fw_msg *m;

			if (x->ev[j].e->kind != FW_DLOG_EV_EAPOL_TX || x->ev[j].air < 0)
				continue;
			m = &l->msgs[x->ev[j].air];
			if (m->ts_ns > a->ts_ns + FW_LOGFIND_ORDER_NS) {
				b = m;
				tk = j;
			}
		}
		if (!b)
			continue;
		f = hs_finding_add(x->c, FW_F_EVENTS_REORDERED, x->l);
		if (!f)
			return;
		hs_finding_frame_role(f, a, FW_ROLE_LATE);
		hs_finding_frame_role(f, b, FW_ROLE_REQUEST);
		add_line(f, x->log, x->ev[tk].e->line, "sent");
		add_line(f, x->log, e->line, "handled");
		if (x->ev[k].mic)
			add_line(f, x->log, x->ev[k].mic->line, "mic_failure");
		secs(held, sizeof(held), x->ev[k].t - a->ts_ns);
		secs(gap, sizeof(gap), b->ts_ns - a->ts_ns);
		snprintf(f->detail, sizeof(f->detail),
			 "%s handled msg %s frame %" PRIu64 " (%s:%" PRIu64 "%s) %s after it was on "
			 "the air, after it had sent msg %s frame %" PRIu64 " (line %" PRIu64 "), "
			 "which the air shows %s after frame %" PRIu64 ": the frame was held or queued "
			 "between the air and the daemon",
			 fw_dlog_daemon_name(e->daemon), mname(a->type), a->frame, x->name, e->line,
			 e->kind == FW_DLOG_EV_REPLAY_DISCARD ? ", dropped for its replay counter" :
			 x->ev[k].mic || e->kind == FW_DLOG_EV_MIC_FAILURE ? ", invalid MIC" : "",
			 held, mname(b->type), b->frame, x->ev[tk].e->line, gap, a->frame);
		if (x->ev[k].mic && a->type == FW_MSG_M2)
			explain_mic(x, k, a, f->detail, sizeof(f->detail));
	}
}

/* An association handled after an EAPOL-Key message that the air shows after the association. */
static void late_associations(struct lctx *x)
{
	const struct hs_link *l = x->l;

	for (size_t k = 0; k < x->n_ev; k++) {
		const struct fw_dlog_event *e = x->ev[k].e;
		const struct hs_kev *before = NULL;
		const struct fw_msg *b = NULL;
		struct fw_finding *f;
		size_t pk = 0;
		bool newer = false;

		if (e->kind != FW_DLOG_EV_ASSOC)
			continue;
		for (size_t j = 0; j < k; j++)
			if (x->ev[j].air >= 0 && ap_side(x, x->ev[j].e) == ap_side(x, e)) {
				b = &l->msgs[x->ev[j].air];
				pk = j;
			}
		if (!b)
			continue;
		for (size_t i = 0; i < l->n_kev; i++) {
			const struct hs_kev *v = &l->kev[i];

			if (v->kind != HS_KEV_ASSOC)
				continue;
			if (v->ts_ns <= b->ts_ns && (!before || v->ts_ns > before->ts_ns))
				before = v;
			if (v->ts_ns > b->ts_ns && v->ts_ns <= x->ev[k].t + ASSOC_SLACK_NS)
				newer = true;
		}
		if (newer || !before)
			continue;
		f = hs_finding_add(x->c, FW_F_EVENTS_REORDERED, x->l);
		if (!f)
			return;
		hs_finding_frame_at(f, before->file, before->frame, before->ts_ns);
		hs_finding_frame_role(f, b, b->from_ap ? FW_ROLE_REQUEST : FW_ROLE_ANSWER);
		add_line(f, x->log, x->ev[pk].e->line,
			 x->ev[pk].e->kind == FW_DLOG_EV_EAPOL_TX ? "sent" : "handled");
		add_line(f, x->log, e->line, "association");
		snprintf(f->detail, sizeof(f->detail),
			 "%s handled an association (%s:%" PRIu64 ") after msg %s frame %" PRIu64
			 " (line %" PRIu64 "); the air shows the association (frame %" PRIu64 ") before "
			 "that message and none after it: the association event reached %s late "
			 "(relayed or queued) and restarted its state",
			 fw_dlog_daemon_name(e->daemon), x->name, e->line, mname(b->type), b->frame,
			 x->ev[pk].e->line, before->frame, who(x, e));
	}
}

/* The pairs of this log and link for the reports (out of memory: fewer, never wrong). */
static void record_pairs(struct lctx *x)
{
	const struct fw_msg *cur = NULL;
	int64_t cur_t = 0;

	for (size_t k = 0; k < x->n_ev; k++) {
		const struct fw_dlog_event *e = x->ev[k].e;
		const struct fw_msg *m = NULL;
		struct fw_log_pair *g;

		if (x->ev[k].air >= 0) {
			m = cur = &x->l->msgs[x->ev[k].air];
			cur_t = x->ev[k].t;
		} else if (cur && e->kind != FW_DLOG_EV_STATE && e->msg == FW_DLOG_MSG_NONE &&
			   x->ev[k].t - cur_t < 1000000000LL && x->ev[k].t >= cur_t) {
			m = cur;
		}
		if (x->ev[k].mic && x->ev[k].air >= 0) {
			/* hostapd's "invalid MIC" line goes with the reception it follows */
			g = hs_grow(x->c->log_pairs, &x->c->cap_log_pairs, x->c->n_log_pairs + 1,
				    sizeof(*g));
			if (!g)
				return;
			x->c->log_pairs = g;
			x->c->log_pairs[x->c->n_log_pairs++] = (struct fw_log_pair){
				x->log, x->ev[k].mic->line, m->file, m->frame, x->ev[k].t - m->ts_ns };
		}
		if (!m)
			continue;
		g = hs_grow(x->c->log_pairs, &x->c->cap_log_pairs, x->c->n_log_pairs + 1, sizeof(*g));
		if (!g)
			return;
		x->c->log_pairs = g;
		x->c->log_pairs[x->c->n_log_pairs++] =
			(struct fw_log_pair){ x->log, e->line, m->file, m->frame, x->ev[k].t - m->ts_ns };
	}
}

static void link_log(struct lctx *x)
{
	int64_t lo, hi, llo = INT64_MAX, lhi = INT64_MIN;
	bool sides[2] = { false, false };

	memset(x->tx_used, 0, x->l->n_msgs * sizeof(*x->tx_used));
	memset(x->rx_used, 0, x->l->n_msgs * sizeof(*x->rx_used));
	collect(x);
	if (!x->n_ev)
		return;
	pair_sends(x);
	pair_receptions(x);
	capture_span(x->l, &lo, &hi);
	for (size_t k = 0; k < x->n_ev; k++) {
		if (x->ev[k].t < llo)
			llo = x->ev[k].t;
		if (x->ev[k].t > lhi)
			lhi = x->ev[k].t;
		sides[ap_side(x, x->ev[k].e)] = true;
	}
	missing_sends(x, lo, hi);
	/*
	 * a message is looked for in the log only while the log tells of the
	 * link, and only in a log that tells of EAPOL-Key messages (one aligned
	 * by its TX statuses, as a split AP's front end, hands them on unlogged)
	 */
	for (int s = 0; s < 2; s++)
		if (sides[s] && x->d->fit.anchor == FW_DLOG_ANCHOR_EAPOL)
			unhandled(x, s == 1, llo > lo ? llo : lo, lhi < hi ? lhi : hi);
	late_receptions(x);
	late_associations(x);
	record_pairs(x);
}

size_t fw_core_n_log_pairs(const struct fw_core *c)
{
	return c->n_log_pairs;
}

const struct fw_log_pair *fw_core_log_pair(const struct fw_core *c, size_t i)
{
	return i < c->n_log_pairs ? &c->log_pairs[i] : NULL;
}

int fw_core_log_findings(struct fw_core *c, const struct fw_dlog *const *logs, size_t n)
{
	struct lctx x;
	int rc = 0;

	memset(&x, 0, sizeof(x));
	x.c = c;
	x.logs = logs;
	x.n_logs = n;
	x.ev = calloc(MAX_LINK_EVENTS, sizeof(*x.ev));
	if (!x.ev)
		return FW_ENOMEM;
	for (size_t i = 0; i < c->n_links && rc == 0; i++) {
		struct hs_link *l = c->links[i];
		size_t first = c->n_findings;

		if (!l->n_msgs)
			continue;
		x.l = l;
		x.root = calloc(l->n_msgs, sizeof(*x.root));
		x.tx_used = calloc(l->n_msgs, sizeof(*x.tx_used));
		x.rx_used = calloc(l->n_msgs, sizeof(*x.rx_used));
		if (!x.root || !x.tx_used || !x.rx_used) {
			rc = FW_ENOMEM;
		} else {
			find_roots(&x);
			for (size_t k = 0; k < n; k++) {
				const char *slash;

				if (!logs[k] || !logs[k]->fit.aligned)
					continue;
				x.d = logs[k];
				x.log = (unsigned)k;
				slash = strrchr(logs[k]->path, '/');
				x.name = slash ? slash + 1 : logs[k]->path;
				link_log(&x);
			}
			if (c->n_findings > first)
				hs_chain(c, l, first);
		}
		free(x.root);
		free(x.tx_used);
		free(x.rx_used);
		x.root = NULL;
		x.tx_used = x.rx_used = NULL;
	}
	free(x.ev);
	return rc;
}
