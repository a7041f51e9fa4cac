/*
 * logrows.c - which log events a link's ladder shows, and in what words.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/fmt.h"
#include "output/logrows.h"
#include "output/tstyle.h"
#include "util/mac.h"

char *fw_logrow_label(char *buf, size_t len, const struct fw_view *v, size_t log, uint64_t line)
{
	const struct fw_dlog *l = v->logs[log];
	char letter = l->daemon == FW_DLOG_HOSTAPD ? 'H' :
		      l->daemon == FW_DLOG_WPA_SUPPLICANT ? 'S' : 'L';
	unsigned same = 0, nth = 0;

	for (size_t i = 0; i < v->n_logs; i++) {
		if (v->logs[i]->daemon != l->daemon)
			continue;
		same++;
		if (i <= log)
			nth++;
	}
	if (same > 1)
		snprintf(buf, len, "%c%u:%" PRIu64, letter, nth, line);
	else
		snprintf(buf, len, "%c:%" PRIu64, letter, line);
	return buf;
}

char *fw_logrow_text(char *buf, size_t len, const struct fw_dlog *l, const struct fw_dlog_event *e)
{
	enum fw_dlog_daemon d = e->daemon != FW_DLOG_UNKNOWN ? e->daemon : l->daemon;
	/* short, so a row fits its lane; the label's letter says which log */
	const char *who = d == FW_DLOG_WPA_SUPPLICANT ? "wpa_s" : fw_dlog_daemon_name(d);
	const char *m = fw_dlog_msg_name(e->msg);
	char r[32] = "";

	if (e->has_reason)
		snprintf(r, sizeof(r), ", reason %u", (unsigned)e->reason);
	switch (e->kind) {
	case FW_DLOG_EV_EAPOL_TX:
		snprintf(buf, len, "%s: sent %s", who, m);
		break;
	case FW_DLOG_EV_EAPOL_RX:
		snprintf(buf, len, "%s: received %s", who, m);
		break;
	case FW_DLOG_EV_TX_STATUS:
		snprintf(buf, len, "%s: TX status ack=%d", who, e->ack);
		break;
	case FW_DLOG_EV_KEY_INSTALL:
		snprintf(buf, len, "%s: installing %s", who, e->detail);
		break;
	case FW_DLOG_EV_MIC_FAILURE:
		snprintf(buf, len, "%s: invalid MIC%s%s", who, *m ? " in " : "", m);
		break;
	case FW_DLOG_EV_REPLAY_DISCARD:
		snprintf(buf, len, "%s: dropped %s%sfor its replay counter", who, m, *m ? " " : "");
		break;
	case FW_DLOG_EV_TIMEOUT:
		snprintf(buf, len, "%s: EAPOL-Key timeout", who);
		break;
	case FW_DLOG_EV_STATE:
		snprintf(buf, len, "%s: state %s", who, e->detail);
		break;
	case FW_DLOG_EV_COMPLETED:
		snprintf(buf, len, "%s: %s completed", who,
			 strcmp(e->detail, "group") == 0 ? "group handshake" : "4-way handshake");
		break;
	case FW_DLOG_EV_FAILED:
		snprintf(buf, len, "%s: %s failed", who,
			 strcmp(e->detail, "group") == 0 ? "group handshake" : "4-way handshake");
		break;
	case FW_DLOG_EV_ASSOC:
		snprintf(buf, len, "%s: associated", who);
		break;
	case FW_DLOG_EV_DISCONNECT:
		snprintf(buf, len, "%s: disconnects the peer%s", who, r);
		break;
	case FW_DLOG_EV_CONNECTED:
		snprintf(buf, len, "%s: connected", who);
		break;
	case FW_DLOG_EV_DISCONNECTED:
		snprintf(buf, len, "%s: disconnected%s%s", who, r,
			 e->locally_generated ? " (its own)" : "");
		break;
	case FW_DLOG_EV_PMF_DROP:
		if (strcmp(e->detail, "trigger SA Query") == 0)
			snprintf(buf, len, "%s: unprotected disconnect dropped, SA Query", who);
		else
			snprintf(buf, len, "%s: unprotected %s dropped%s", who, e->detail, r);
		break;
	case FW_DLOG_EV_SA_QUERY:
		if (e->attempt)
			snprintf(buf, len, "%s: SA Query attempt %u", who, e->attempt);
		else
			snprintf(buf, len, "%s: SA Query %s", who, e->detail);
		break;
	case FW_DLOG_EV_PMKSA:
		snprintf(buf, len, "%s: PMKSA cache entry %s", who, e->detail);
		break;
	default:
		snprintf(buf, len, "%s: %s", who, fw_dlog_kind_name(e->kind));
		break;
	}
	return buf;
}

int fw_logrows_width(const struct fw_view *v)
{
	char b[48];
	int w = 0;

	for (size_t i = 0; i < v->n_logs; i++) {
		int n = (int)strlen(fw_logrow_label(b, sizeof(b), v, i, v->logs[i]->lines));

		if (n > w)
			w = n;
	}
	return w;
}

static int cmp_ref(const void *a, const void *b)
{
	const struct fw_logref *x = a, *y = b;

	if (x->ts_ns != y->ts_ns)
		return x->ts_ns < y->ts_ns ? -1 : 1;
	if (x->log != y->log)
		return x->log < y->log ? -1 : 1;
	return x->e->line < y->e->line ? -1 : x->e->line > y->e->line;
}

size_t fw_logrows_collect(const struct fw_view *v, const struct fw_link *l, int64_t from,
			  int64_t to, struct fw_logref *out, size_t max, size_t *more)
{
	size_t n = 0;

	*more = 0;
	for (size_t i = 0; i < v->n_logs; i++) {
		const struct fw_dlog *d = v->logs[i];

		if (!d->fit.aligned)
			continue;
		struct fw_dlog_link_iter it;
		const struct fw_dlog_event *e;

		fw_dlog_link_first(&it, d, l->bssid, l->sta);
		while ((e = fw_dlog_link_next(&it)) != NULL) {
			int64_t t;

			if (!e->has_ts || e->kind == FW_DLOG_EV_STATE)
				continue;
			if (fw_dlog_place(d, e->ts_ns, &t) || t < from ||
			    t >= to)
				continue;
			if (n == max) {
				(*more)++;
				continue;
			}
			out[n].log = i;
			out[n].e = e;
			out[n].ts_ns = t;
			n++;
		}
	}
	qsort(out, n, sizeof(*out), cmp_ref);
	return n;
}

static void fit_line(FILE *out, const struct fw_dlog *l)
{
	const struct fw_dlog_fit *f = &l->fit;
	char mac[18];

	if (!f->aligned) {
		fputs("not aligned to the capture", out);
		return;
	}
	fprintf(out, "clock offset %s%" PRId64 ".%06" PRId64 " s from %u of %u %s events "
		"(residual %" PRId64 ".%03" PRId64 " ms",
		f->offset_ns < 0 ? "-" : "+", (f->offset_ns < 0 ? -f->offset_ns : f->offset_ns) / 1000000000,
		(f->offset_ns < 0 ? -f->offset_ns : f->offset_ns) / 1000 % 1000000, f->matched,
		f->candidates, f->anchor == FW_DLOG_ANCHOR_TX_STATUS ? "TX status" : "EAPOL-Key",
		f->residual_ns / 1000000, f->residual_ns / 1000 % 1000);
	if (f->outliers)
		fprintf(out, ", %u outlier%s dropped", f->outliers, f->outliers == 1 ? "" : "s");
	if (f->drift_fitted)
		fprintf(out, ", drift %+.1f ppm over %" PRId64 " s", f->drift_ppm, f->span_ns / 1000000000);
	else
		fprintf(out, ", drift not estimated (span %" PRId64 " s)", f->span_ns / 1000000000);
	fputc(')', out);
	if (f->has_own)
		fprintf(out, ", %s %s", l->ap_side ? "AP" : "station", fw_mac_fmt(mac, f->own));
}

void fw_logrows_inputs(FILE *out, const struct fw_view *v)
{
	for (size_t i = 0; i < v->n_logs; i++) {
		const struct fw_dlog *l = v->logs[i];
		char lab[48];

		fw_logrow_label(lab, sizeof(lab), v, i, 0);
		lab[strcspn(lab, ":")] = '\0';
		fputs("log ", out);
		fputs(lab, out);
		fputc(' ', out);
		fw_tx_str(out, l->path);
		fprintf(out, ": %s (%s), %" PRIu64 " lines, %zu events; ",
			fw_dlog_daemon_name(l->daemon),
			l->daemon == FW_DLOG_UNKNOWN ? "side unknown" :
			l->ap_side ? "AP side" : "station side", l->lines, l->n_events);
		fit_line(out, l);
		fputc('\n', out);
		for (size_t k = 0; k < l->n_notes; k++) {
			fputs("  note: ", out);
			fw_tx_str(out, l->notes[k]);
			fputc('\n', out);
		}
	}
}

static const struct fw_link *link_of(const struct fw_view *v, const struct fw_finding *f)
{
	for (size_t i = 0; i < v->n_links; i++)
		if (fw_mac_eq(v->links[i]->bssid, f->bssid) && fw_mac_eq(v->links[i]->sta, f->sta))
			return v->links[i];
	return NULL;
}

/* The time of frame (file, frame) among the link's messages and protected frames. */
static bool frame_time(const struct fw_link *l, unsigned file, uint64_t frame, int64_t *ts)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].file == file && l->msgs[i].frame == frame) {
			*ts = l->msgs[i].ts_ns;
			return true;
		}
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].file == file && l->pframes[i].frame == frame) {
			*ts = l->pframes[i].ts_ns;
			return true;
		}
	return false;
}

/*
 * The 4/4 the finding is about: among its evidence or, when it lists only
 * the protected frames that followed, the last 4/4 without an ACK before
 * the first of them.
 */
static const struct fw_msg *unacked_m4(const struct fw_link *l, const struct fw_finding *f)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	const struct fw_msg *best = NULL;
	int64_t first = INT64_MAX, t;

	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < l->n_msgs; i++) {
			const struct fw_msg *m = &l->msgs[i];

			if (m->type == FW_MSG_M4 && m->acked != FW_ACK_YES &&
			    m->file == f->frames[k].file && m->frame == f->frames[k].frame)
				return m;
		}
		if (frame_time(l, f->frames[k].file, f->frames[k].frame, &t) && t < first)
			first = t;
	}
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->type == FW_MSG_M4 && m->acked != FW_ACK_YES && m->ts_ns <= first &&
		    (!best || m->ts_ns > best->ts_ns))
			best = m;
	}
	return best;
}

/* The time of the AP's first message on l after t (INT64_MAX none). */
static int64_t next_ap_msg(const struct fw_link *l, int64_t t)
{
	int64_t next = INT64_MAX;

	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].from_ap && l->msgs[i].ts_ns > t && l->msgs[i].ts_ns < next)
			next = l->msgs[i].ts_ns;
	return next;
}

/* A daemon logs its send a little before the air shows it: a PTK install this close before counts. */
#define CONFIRM_BEFORE_NS 20000000LL

static bool confirm_early(const struct fw_view *v, const struct fw_link *l,
			  const struct fw_finding *f, struct fw_logconfirm *c)
{
	int64_t until;

	if (!(c->m4 = unacked_m4(l, f)))
		return false;
	until = next_ap_msg(l, c->m4->ts_ns);
	for (size_t i = 0; i < v->n_logs; i++) {
		const struct fw_dlog *d = v->logs[i];

		if (!d->fit.aligned)
			continue;
		struct fw_dlog_link_iter it;
		const struct fw_dlog_event *e;

		fw_dlog_link_first(&it, d, l->bssid, l->sta);
		while ((e = fw_dlog_link_next(&it)) != NULL) {
			int64_t t;

			if (e->kind != FW_DLOG_EV_KEY_INSTALL || e->key != FW_DLOG_KEY_PTK ||
			    !e->has_ts || fw_dlog_event_ap_side(d, e) ||
			    fw_dlog_place(d, e->ts_ns, &t))
				continue;
			if (t < c->m4->ts_ns - CONFIRM_BEFORE_NS || t >= until)
				continue;
			c->log = i;
			c->e = e;
			c->rel_ns = t - c->m4->ts_ns;
			c->lines[0] = e;
			c->n_lines = 1;
			c->says = "installing PTK";
			return true;
		}
	}
	return false;
}

/* The finding's evidence messages of type t, in their order (at most max). */
static size_t evidence_msgs(const struct fw_link *l, const struct fw_finding *f,
			    enum fw_msg_type t, const struct fw_msg **out, size_t max)
{
	size_t n = 0, nf = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;

	for (size_t k = 0; k < nf && n < max; k++)
		for (size_t i = 0; i < l->n_msgs && n < max; i++)
			if (l->msgs[i].type == t && l->msgs[i].file == f->frames[k].file &&
			    l->msgs[i].frame == f->frames[k].frame) {
				out[n++] = &l->msgs[i];
				break;
			}
	return n;
}

/* A daemon handles a frame this long after the air showed it, at most, to count as its verdict. */
#define CONFIRM_AFTER_NS 3000000000LL

/*
 * hostapd's verdict on a 2/4: dropped for its replay counter, or its MIC
 * invalid (only the MIC when mic_only: a MIC_BAD's own verdict).
 */
static bool confirm_m2(const struct fw_view *v, const struct fw_link *l,
		       const struct fw_finding *f, bool mic_only, struct fw_logconfirm *c)
{
	const struct fw_msg *m2[4];
	size_t n = evidence_msgs(l, f, FW_MSG_M2, m2, 4);

	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < v->n_logs; i++) {
			const struct fw_dlog *d = v->logs[i];
			struct fw_dlog_link_iter it;
			const struct fw_dlog_event *e;

			if (!d->fit.aligned)
				continue;
			fw_dlog_link_first(&it, d, l->bssid, l->sta);
			while ((e = fw_dlog_link_next(&it)) != NULL) {
				int64_t t;

				if ((e->kind != FW_DLOG_EV_REPLAY_DISCARD &&
				     e->kind != FW_DLOG_EV_MIC_FAILURE) ||
				    (mic_only && e->kind != FW_DLOG_EV_MIC_FAILURE) ||
				    (e->msg != FW_DLOG_M2 && e->msg != FW_DLOG_MSG_NONE) ||
				    !e->has_ts || !fw_dlog_event_ap_side(d, e) ||
				    fw_dlog_place(d, e->ts_ns, &t))
					continue;
				if (t < m2[k]->ts_ns - CONFIRM_BEFORE_NS ||
				    t > m2[k]->ts_ns + CONFIRM_AFTER_NS)
					continue;
				c->log = i;
				c->e = e;
				c->m4 = m2[k];
				c->rel_ns = t - m2[k]->ts_ns;
				c->lines[0] = e;
				c->n_lines = 1;
				c->says = e->kind == FW_DLOG_EV_REPLAY_DISCARD
						  ? "dropped msg 2/4 for its replay counter"
						  : "invalid MIC in msg 2/4";
				return true;
			}
		}
	return false;
}

/*
 * hostapd's TX status ack=0 for the requests of type t the finding names:
 * the status that follows the send logged nearest each request.
 */
static bool confirm_unacked(const struct fw_view *v, const struct fw_link *l,
			    const struct fw_finding *f, enum fw_msg_type t, enum fw_dlog_msg dm,
			    struct fw_logconfirm *c)
{
	const struct fw_msg *req[FW_LOGCONFIRM_MAX];
	size_t n = evidence_msgs(l, f, t, req, FW_LOGCONFIRM_MAX);

	c->n_lines = 0;
	for (size_t i = 0; i < v->n_logs && !c->n_lines; i++) {
		const struct fw_dlog *d = v->logs[i];

		if (!d->fit.aligned)
			continue;
		for (size_t k = 0; k < n && c->n_lines < FW_LOGCONFIRM_MAX; k++) {
			struct fw_dlog_link_iter it;
			const struct fw_dlog_event *e, *sent = NULL, *status = NULL;
			int64_t best = CONFIRM_BEFORE_NS + 1;

			fw_dlog_link_first(&it, d, l->bssid, l->sta);
			while ((e = fw_dlog_link_next(&it)) != NULL) {
				int64_t ts, dt;

				if (!e->has_ts || !fw_dlog_event_ap_side(d, e) ||
				    fw_dlog_place(d, e->ts_ns, &ts))
					continue;
				if (e->kind == FW_DLOG_EV_EAPOL_TX) {
					dt = ts - req[k]->ts_ns;
					dt = dt < 0 ? -dt : dt;
					if (e->msg == dm && dt < best) {
						best = dt;
						sent = e;
						status = NULL;
					} else if (sent && sent != e && status == NULL) {
						break;	/* the next send: no status for ours */
					}
				} else if (e->kind == FW_DLOG_EV_TX_STATUS && sent && !status) {
					status = e;
				}
			}
			if (!status || status->ack != 0)
				continue;
			if (!c->n_lines) {
				int64_t ts;

				if (fw_dlog_place(d, status->ts_ns, &ts))
					ts = status->ts_ns + d->fit.offset_ns;

				c->log = i;
				c->e = status;
				c->m4 = req[k];
				c->rel_ns = ts - req[k]->ts_ns;
			}
			c->lines[c->n_lines++] = status;
		}
	}
	c->says = "TX status ack=0";
	return c->n_lines > 0;
}

/*
 * The station's own account of a PMF mismatch: the AP's unprotected
 * deauths (disassocs) it dropped, and the SA Query it then sent timing
 * out, from just before the finding's first frame until the AP's next
 * message on the link (the handshake that ends it).
 */
static bool confirm_pmf(const struct fw_view *v, const struct fw_link *l,
			const struct fw_finding *f, struct fw_logconfirm *c)
{
	int64_t until = next_ap_msg(l, f->ts_ns);

	for (size_t i = 0; i < v->n_logs; i++) {
		const struct fw_dlog *d = v->logs[i];
		struct fw_dlog_link_iter it;
		const struct fw_dlog_event *e;
		size_t n = 0;
		bool dropped = false;

		if (!d->fit.aligned)
			continue;
		fw_dlog_link_first(&it, d, l->bssid, l->sta);
		while ((e = fw_dlog_link_next(&it)) != NULL && n < FW_LOGCONFIRM_MAX) {
			int64_t t;

			if (!e->has_ts || fw_dlog_event_ap_side(d, e) ||
			    fw_dlog_place(d, e->ts_ns, &t) ||
			    t < f->ts_ns - CONFIRM_BEFORE_NS || t >= until)
				continue;
			if (e->kind == FW_DLOG_EV_PMF_DROP) {
				if (!dropped) {
					c->e = e;
					c->rel_ns = t - f->ts_ns;
				}
				dropped = true;
			} else if (e->kind != FW_DLOG_EV_SA_QUERY ||
				   strcmp(e->detail, "timed out") != 0) {
				continue;
			}
			c->lines[n++] = e;
		}
		if (!dropped)
			continue;
		c->log = i;
		c->n_lines = n;
		c->at.file = f->frames[0].file;
		c->at.frame = f->frames[0].frame;
		c->at.ts_ns = f->ts_ns;
		c->m4 = &c->at;
		c->says = c->lines[n - 1]->kind == FW_DLOG_EV_SA_QUERY
				  ? "unprotected disconnects dropped, SA Query timed out"
				  : "unprotected disconnects dropped";
		return true;
	}
	return false;
}

bool fw_logrows_confirm(const struct fw_view *v, const struct fw_finding *f,
			struct fw_logconfirm *c)
{
	const struct fw_link *l;

	memset(c, 0, sizeof(*c));
	if (!v->n_logs || !(l = link_of(v, f)))
		return false;
	switch (f->code) {
	case FW_F_EARLY_KEY_INSTALL:
		return confirm_early(v, l, f, c);
	case FW_F_LATE_ANSWER:
	case FW_F_M2_REJECTED:
		return confirm_m2(v, l, f, false, c);
	case FW_F_MIC_BAD:
		return confirm_m2(v, l, f, true, c);
	case FW_F_GROUP_FAILED:
		return confirm_unacked(v, l, f, FW_MSG_G1, FW_DLOG_G1, c);
	case FW_F_M3_LOST:
		return confirm_unacked(v, l, f, FW_MSG_M3, FW_DLOG_M3, c);
	case FW_F_PMF_MISMATCH:
		return f->n_frames && confirm_pmf(v, l, f, c);
	default:
		return false;
	}
}

void fw_logrows_confirm_text(FILE *out, const struct fw_view *v, const struct fw_finding *f)
{
	struct fw_logconfirm c;
	char lab[48], fr[48];
	int64_t a;

	if (!fw_logrows_confirm(v, f, &c))
		return;
	a = c.rel_ns < 0 ? -c.rel_ns : c.rel_ns;
	if (f->code == FW_F_EARLY_KEY_INSTALL) {
		fprintf(out, "; confirmed by the station's log (%s: installing PTK %" PRId64
			".%03" PRId64 " ms %s msg 4/4 #%s %s)",
			fw_logrow_label(lab, sizeof(lab), v, c.log, c.e->line), a / 1000000,
			a / 1000 % 1000, c.rel_ns < 0 ? "before" : "after",
			fw_tx_frame(fr, sizeof(fr), v, c.m4->file, c.m4->frame),
			c.rel_ns < 0 ? "went on the air" : "was sent, which was never acknowledged");
		return;
	}
	if (f->code == FW_F_PMF_MISMATCH) {
		fprintf(out, "; confirmed by the station's log: %s (", c.says);
		for (size_t i = 0; i < c.n_lines; i++)
			fprintf(out, "%s%s", i ? ", " : "",
				fw_logrow_label(lab, sizeof(lab), v, c.log, c.lines[i]->line));
		fprintf(out, "), the first %" PRId64 ".%03" PRId64 " ms %s #%s", a / 1000000,
			a / 1000 % 1000, c.rel_ns < 0 ? "before" : "after",
			fw_tx_frame(fr, sizeof(fr), v, c.m4->file, c.m4->frame));
		return;
	}
	if (c.n_lines > 1) {
		fprintf(out, "; confirmed by the AP's log: %zu %s (", c.n_lines, "TX statuses ack=0");
		for (size_t i = 0; i < c.n_lines; i++)
			fprintf(out, "%s%s", i ? ", " : "",
				fw_logrow_label(lab, sizeof(lab), v, c.log, c.lines[i]->line));
		fputc(')', out);
		return;
	}
	fprintf(out, "; confirmed by the AP's log (%s: %s, %" PRId64 ".%03" PRId64 " ms %s #%s)",
		fw_logrow_label(lab, sizeof(lab), v, c.log, c.e->line), c.says, a / 1000000,
		a / 1000 % 1000, c.rel_ns < 0 ? "before" : "after",
		fw_tx_frame(fr, sizeof(fr), v, c.m4->file, c.m4->frame));
}
