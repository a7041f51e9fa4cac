/*
 * annot.c - per-frame comments and the section summary (annot.h).
 *
 * Each text is printed into a memory stream with the text report's own
 * helpers (fw_tx_str / fw_tx_safe escape what came from outside), so the
 * wording matches what `fourway analyze` says about the same frames.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/logfind.h"
#include "output/annot.h"
#include "output/fmt.h"
#include "output/logrows.h"
#include "output/text.h"
#include "output/tstyle.h"
#include "util/err.h"
#include "util/mac.h"

enum { RANK_MSG = 0, RANK_HS = 1, RANK_FINDING = 2, RANK_LOG = 5 };

struct mstream {
	FILE *f;
	char *buf;
	size_t len;
};

static int ms_open(struct mstream *s)
{
	s->buf = NULL;
	s->len = 0;
	s->f = open_memstream(&s->buf, &s->len);
	return s->f ? 0 : FW_ENOMEM;
}

/* Close the stream; the text is then s->buf (caller frees), or NULL. */
static char *ms_close(struct mstream *s)
{
	bool bad = ferror(s->f) != 0;

	if (fclose(s->f) != 0 || bad) {
		free(s->buf);
		s->buf = NULL;
	}
	s->f = NULL;
	return s->buf;
}

static int add_note(struct fw_annot *a, unsigned file, uint64_t frame, int rank, char *text)
{
	if (!text)
		return FW_ENOMEM;
	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		struct fw_annot_note *n = realloc(a->notes, cap * sizeof(*n));

		if (!n) {
			free(text);
			return FW_ENOMEM;
		}
		a->notes = n;
		a->cap = cap;
	}
	a->notes[a->n] = (struct fw_annot_note){ file, frame, rank, a->n, text };
	a->n++;
	return 0;
}

static const char *frame_ref(char *b, size_t len, const struct fw_view *v, unsigned file,
			     uint64_t frame)
{
	return fw_tx_frame(b, len, v, file, frame);
}

static void mic_text(FILE *o, const struct fw_view *v, const struct fw_msg *m)
{
	char b[48];

	switch (m->mic) {
	case FW_MICV_ABSENT:
		return;
	case FW_MICV_OK:
		fputs(", MIC ok", o);
		if (m->anonce_from)
			fprintf(o, " with the ANonce of frame %s",
				frame_ref(b, sizeof(b), v, m->anonce_from_file, m->anonce_from));
		if (m->key_id)
			fprintf(o, " (key %u)", m->key_id);
		return;
	case FW_MICV_BAD:
		fputs(", MIC BAD", o);
		break;
	case FW_MICV_UNCHECKED:
		fputs(", MIC unchecked", o);
		break;
	case FW_MICV_KEY_WRONG:
		fputs(", MIC does not verify with the key given (the two sides agree: see KEY_WRONG)",
		      o);
		return;
	}
	if (fw_msg_mic_reason(m)[0]) {
		fputs(": ", o);
		fw_tx_str(o, m->mic_reason);
	}
	if (m->anonce_from)
		fprintf(o, "; verifies only with the ANonce of frame %s",
			frame_ref(b, sizeof(b), v, m->anonce_from_file, m->anonce_from));
}

/* msg 1/4's PMKID against the keys given. */
static void pmkid_text(FILE *o, const struct fw_msg *m)
{
	switch (m->pmkid_verdict) {
	case FW_PMKID_NONE:
		return;
	case FW_PMKID_OK:
		fprintf(o, ", PMKID verified with key %u", m->pmkid_key);
		return;
	case FW_PMKID_MISMATCH:
		fprintf(o, ", PMKID matches none of the %u key%s tried", m->pmkid_keys_tried,
			m->pmkid_keys_tried == 1 ? "" : "s");
		return;
	case FW_PMKID_UNCHECKED:
		fputs(", PMKID not checked: ", o);
		fw_tx_str(o, fw_msg_more(m)->pmkid_reason);
		return;
	}
}

/* Key Data facts of M3/G1: which keys it carried, never their bytes. */
static void key_data_text(FILE *o, const struct fw_msg *m)
{
	const struct fw_msg_more *x = fw_msg_more(m);

	if (m->type != FW_MSG_M3 && m->type != FW_MSG_G1)
		return;
	if (x->kd_error[0]) {
		fputs(", Key Data: ", o);
		fw_tx_str(o, x->kd_error);
	}
	if (!m->kd_decrypted)
		return;
	if (x->gtk_len)
		fprintf(o, ", carries GTK id %u", x->gtk_keyid);
	if (x->igtk_len)
		fprintf(o, ", IGTK id %u", x->igtk_keyid);
	if (x->bigtk_len)
		fprintf(o, ", BIGTK id %u", x->bigtk_keyid);
	if (m->mlo)
		fputs(", MLO KDEs", o);
}

/* The request a response answers: M1 for M2, M3 for M4, G1 for G2. */
static enum fw_msg_type request_of(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M2:
		return FW_MSG_M1;
	case FW_MSG_M4:
		return FW_MSG_M3;
	case FW_MSG_G2:
		return FW_MSG_G1;
	default:
		return FW_MSG_UNKNOWN;
	}
}

/*
 * A response names the request it answers (the core binds it to the latest
 * one before it with its replay counter, IEEE 802.11-2020 12.7.2: the
 * Supplicant echoes the Authenticator's counter; a model built without that
 * binding is searched within the handshake); a repeated request names the
 * first one it repeats.
 */
static void relation_text(FILE *o, const struct fw_view *v, const struct fw_link *l, size_t i,
			  const struct fw_handshake *h)
{
	const struct fw_msg *m = &l->msgs[i];
	enum fw_msg_type req = request_of(m->type);
	char b[48];

	if (!h || i < h->first)
		return;
	/* the request the core bound it to (the one whose replay counter it echoes) */
	if (req != FW_MSG_UNKNOWN && m->answers) {
		fprintf(o, ", answering the %s of frame %s%s", fw_out_msg_name(req),
			frame_ref(b, sizeof(b), v, m->answers_file, m->answers),
			m->late ? " (a late answer: the AP had sent a later request before it)" : "");
		return;
	}
	if (req != FW_MSG_UNKNOWN) {
		for (size_t k = i; k-- > h->first;) {
			const struct fw_msg *q = &l->msgs[k];

			if (q->type == req && q->replay_counter == m->replay_counter) {
				fprintf(o, ", answering the %s of frame %s", fw_out_msg_name(req),
					frame_ref(b, sizeof(b), v, q->file, q->frame));
				return;
			}
		}
		return;
	}
	if (m->type != FW_MSG_M1 && m->type != FW_MSG_M3 && m->type != FW_MSG_G1)
		return;
	for (size_t k = h->first; k < i; k++) {
		const struct fw_msg *q = &l->msgs[k];

		if (q->type == m->type) {
			fprintf(o, ", retransmission of the %s of frame %s", fw_out_msg_name(q->type),
				frame_ref(b, sizeof(b), v, q->file, q->frame));
			return;
		}
	}
}

/*
 * " of AP <-> STA" after "handshake N" when the view holds several links:
 * handshakes are numbered per link.
 */
static void link_tag(FILE *o, const struct fw_view *v, const struct fw_link *l)
{
	char b[FW_MAC_STRLEN], s[FW_MAC_STRLEN];

	if (v->n_links > 1)
		fprintf(o, " of %s <-> %s", fw_mac_fmt(b, l->bssid), fw_mac_fmt(s, l->sta));
}

/* "M2 of handshake 1 (replay counter 1), from the station, answering ..." */
/* ", at TIME": relative to the handshake's first message, or to the link's previous message. */
static void time_text(FILE *o, const struct fw_annot *a, const struct fw_link *l, size_t i,
		      size_t hs_no, const struct fw_handshake *h)
{
	char b[FW_CLOCK_LEN];
	int64_t ts = l->msgs[i].ts_ns;
	int64_t ref = h && h->first < l->n_msgs ? l->msgs[h->first].ts_ns : ts;
	int64_t prev = i ? l->msgs[i - 1].ts_ns : ts;

	fprintf(o, ", at %s", fw_clock_fmt(b, a->tfmt, ts, ref, prev));
	if (a->tfmt == FW_T_REL && h)
		fprintf(o, " into handshake %zu", hs_no);
	else if (a->tfmt == FW_T_DELTA)
		fputs(" after the link's previous message", o);
}

static char *msg_text(const struct fw_annot *a, const struct fw_view *v, const struct fw_link *l,
		      size_t i, size_t hs_no, const struct fw_handshake *h)
{
	const struct fw_msg *m = &l->msgs[i];
	struct mstream s;

	if (ms_open(&s) != 0)
		return NULL;
	fputs(fw_out_msg_name(m->type), s.f);
	if (h)
		fprintf(s.f, " of handshake %zu%s", hs_no, h->group ? " (group key)" : "");
	else
		fputs(" outside any handshake", s.f);
	link_tag(s.f, v, l);
	fprintf(s.f, " (replay counter %" PRIu64 "), from the %s", m->replay_counter,
		m->from_ap ? "AP" : "station");
	relation_text(s.f, v, l, i, h);
	if (m->retry)
		fputs(", 802.11 retry", s.f);
	if (m->protected_)
		fputs(", inside a protected frame", s.f);
	mic_text(s.f, v, m);
	pmkid_text(s.f, m);
	if (m->acked != FW_ACK_UNKNOWN)
		fputs(m->acked == FW_ACK_YES ? ", ACKed" : ", no ACK seen", s.f);
	if (m->trailing)
		fprintf(s.f, ", %zu trailing byte%s after the EAPOL length", m->trailing,
			m->trailing == 1 ? "" : "s");
	key_data_text(s.f, m);
	if (a->timed)
		time_text(s.f, a, l, i, hs_no, h);
	return ms_close(&s);
}

/*
 * "handshake 1: failed (deauthenticated by the AP ...), not verified"; with
 * v, the link is named after the number (link_tag).
 */
static void outcome_text(FILE *o, const struct fw_view *v, const struct fw_link *l, size_t hs_no,
			 const struct fw_handshake *h)
{
	fprintf(o, "handshake %zu%s", hs_no, h->group ? " (group key)" : "");
	if (v)
		link_tag(o, v, l);
	fprintf(o, ": %s", fw_out_outcome_name(h->outcome));
	if (h->outcome_detail[0]) {
		fputs(" (", o);
		fw_tx_str(o, h->outcome_detail);
		fputc(')', o);
	}
	if (h->key_id)
		fw_text_key_name(o, h);
	else
		fputs(", not verified", o);
}

static char *hs_text(const char *lead, const struct fw_view *v, const struct fw_link *l,
		     size_t hs_no, const struct fw_handshake *h)
{
	struct mstream s;

	if (ms_open(&s) != 0)
		return NULL;
	fputs(lead, s.f);
	outcome_text(s.f, v, l, hs_no, h);
	return ms_close(&s);
}

static int link_notes(struct fw_annot *a, const struct fw_view *v, const struct fw_link *l)
{
	/* each message's handshake in one pass over them, not a walk per message */
	size_t *owner = calloc(l->n_msgs ? l->n_msgs : 1, sizeof(*owner));

	if (owner)
		fw_view_msg_owners(l, owner);
	for (size_t i = 0; i < l->n_msgs; i++) {
		size_t no = owner ? owner[i] : fw_view_msg_owner(l, i);

		if (add_note(a, l->msgs[i].file, l->msgs[i].frame, RANK_MSG,
			     msg_text(a, v, l, i, no, no ? &l->hs[no - 1] : NULL)) != 0) {
			free(owner);
			return FW_ENOMEM;
		}
	}
	free(owner);
	for (size_t k = 0; k < l->n_hs; k++) {
		const struct fw_handshake *h = &l->hs[k];

		if (h->count && h->first < l->n_msgs &&
		    add_note(a, l->msgs[h->first].file, l->msgs[h->first].frame, RANK_HS,
			     hs_text("", v, l, k + 1, h)) != 0)
			return FW_ENOMEM;
		if (h->ended && add_note(a, h->end_file, h->end_frame, RANK_HS,
					 hs_text("ends ", v, l, k + 1, h)) != 0)
			return FW_ENOMEM;
	}
	return 0;
}

/* "error MIC_BAD: wrong key: ..." */
static void finding_text(FILE *o, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);

	fprintf(o, "%s %s: ", fw_severity_name(f->severity), ci ? ci->name : "UNKNOWN");
	fw_tx_str(o, f->detail[0] ? f->detail : (ci ? ci->title : ""));
}

static int finding_notes(struct fw_annot *a, const struct fw_finding *f)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	int rank = RANK_FINDING + (FW_SEV_ERROR - (int)f->severity);

	for (size_t i = 0; i < n; i++) {
		struct mstream s;

		if (ms_open(&s) != 0)
			return FW_ENOMEM;
		finding_text(s.f, f);
		if (add_note(a, f->frames[i].file, f->frames[i].frame, rank, ms_close(&s)) != 0)
			return FW_ENOMEM;
	}
	return 0;
}

static int cmp_note(const void *x, const void *y)
{
	const struct fw_annot_note *p = x, *q = y;

	if (p->file != q->file)
		return p->file < q->file ? -1 : 1;
	if (p->frame != q->frame)
		return p->frame < q->frame ? -1 : 1;
	if (p->rank != q->rank)
		return p->rank < q->rank ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Sort, drop repeated texts of a frame, count the frames, index the texts. */
static int finish_notes(struct fw_annot *a)
{
	size_t out = 0;

	if (a->n)
		qsort(a->notes, a->n, sizeof(*a->notes), cmp_note);
	for (size_t i = 0; i < a->n; i++) {
		bool dup = false;

		for (size_t j = out; j-- > 0;) {
			if (a->notes[j].file != a->notes[i].file ||
			    a->notes[j].frame != a->notes[i].frame)
				break;
			if (strcmp(a->notes[j].text, a->notes[i].text) == 0) {
				dup = true;
				break;
			}
		}
		if (dup) {
			free(a->notes[i].text);
			continue;
		}
		if (out == 0 || a->notes[out - 1].file != a->notes[i].file ||
		    a->notes[out - 1].frame != a->notes[i].frame)
			a->n_frames++;
		a->notes[out++] = a->notes[i];
	}
	a->n = out;
	a->texts = malloc((a->n ? a->n : 1) * sizeof(*a->texts));
	if (!a->texts)
		return FW_ENOMEM;
	for (size_t i = 0; i < a->n; i++)
		a->texts[i] = a->notes[i].text;
	return 0;
}

static void frames_text(FILE *o, const struct fw_view *v, const struct fw_finding *f)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	char b[48];

	if (n == 0)
		return;
	fprintf(o, " (frame%s ", n == 1 ? "" : "s");
	for (size_t i = 0; i < n; i++)
		fprintf(o, "%s%s", i ? ", " : "",
			frame_ref(b, sizeof(b), v, f->frames[i].file, f->frames[i].frame));
	fputc(')', o);
}

static void summary_finding(FILE *o, const struct fw_view *v, const struct fw_finding *f,
			    bool with_link)
{
	const struct fw_code_info *ci = fw_code_info(f->code);

	fprintf(o, "\n  %s %s", fw_severity_name(f->severity), ci ? ci->name : "UNKNOWN");
	if (with_link) {
		char b[FW_MAC_STRLEN], s[FW_MAC_STRLEN];

		fprintf(o, " %s <-> %s", fw_mac_fmt(b, f->bssid), fw_mac_fmt(s, f->sta));
	}
	frames_text(o, v, f);
	fputs(": ", o);
	fw_tx_str(o, f->detail[0] ? f->detail : (ci ? ci->title : ""));
}

static void summary_link(FILE *o, const struct fw_view *v, const struct fw_link *l, bool *claimed)
{
	char b[FW_MAC_STRLEN], s[FW_MAC_STRLEN], s1[FW_OUT_SUITE_LEN], s2[FW_OUT_SUITE_LEN],
		s3[FW_OUT_SUITE_LEN];
	const char *akm = fw_out_suite(s1, l->akm, false);
	const char *pw = fw_out_suite(s2, l->pairwise, true);
	const char *gr = fw_out_suite(s3, l->group, true);

	fprintf(o, "\n%s", fw_mac_fmt(b, l->bssid));
	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid)) {
		fputs(" \"", o);
		fw_tx_safe(o, l->ssid, l->ssid_len, true);
		fputc('"', o);
	}
	fprintf(o, " <-> %s %s %s/%s", fw_mac_fmt(s, l->sta), akm ? akm : "AKM?", pw ? pw : "?",
		gr ? gr : "?");
	for (size_t k = 0; k < l->n_hs; k++) {
		fputs("\n  ", o);
		outcome_text(o, NULL, l, k + 1, &l->hs[k]);
	}
	for (size_t k = 0, i; fw_view_link_finding(v, l, k, &i); k++) {
		claimed[i] = true;
		summary_finding(o, v, v->findings[i], false);
	}
}

static void summary_counts(FILE *o, const struct fw_view *v)
{
	size_t n_hs = 0, complete = 0, sev[3] = { 0, 0, 0 };

	for (size_t i = 0; i < v->n_links; i++) {
		n_hs += v->links[i]->n_hs;
		for (size_t k = 0; k < v->links[i]->n_hs; k++)
			complete += v->links[i]->hs[k].outcome == FW_OUT_COMPLETE;
	}
	for (size_t i = 0; i < v->n_findings; i++)
		if ((unsigned)v->findings[i]->severity < 3)
			sev[v->findings[i]->severity]++;
	fprintf(o, "\n%zu link%s, %zu handshake%s (%zu complete), findings: %zu error%s, "
		"%zu warning%s, %zu info", v->n_links, v->n_links == 1 ? "" : "s", n_hs,
		n_hs == 1 ? "" : "s", complete, sev[FW_SEV_ERROR], sev[FW_SEV_ERROR] == 1 ? "" : "s",
		sev[FW_SEV_WARNING], sev[FW_SEV_WARNING] == 1 ? "" : "s", sev[FW_SEV_INFO]);
}

/* Cut a summary past the limit at a line end, saying so. */
static char *cap_summary(char *t, size_t len)
{
	static const char more[] = "\n... (cut short; `fourway analyze` gives the whole report)";
	size_t keep;

	if (len <= FW_ANNOT_SUMMARY_MAX)
		return t;
	keep = FW_ANNOT_SUMMARY_MAX - sizeof(more);
	while (keep > 0 && t[keep] != '\n')
		keep--;
	memcpy(t + keep, more, sizeof(more));
	return t;
}

static char *summary_text(const struct fw_view *v, const char *tool)
{
	bool *claimed = calloc(v->n_findings ? v->n_findings : 1, sizeof(*claimed));
	struct mstream s;
	char *t;

	if (!claimed || ms_open(&s) != 0) {
		free(claimed);
		return NULL;
	}
	fprintf(s.f, "%s analysis of", tool ? tool : "fourway");
	for (size_t i = 0; i < v->n_inputs; i++) {
		fputs(i ? ", " : " ", s.f);
		fw_tx_str(s.f, v->inputs[i]->path);
		if (v->inputs[i]->error[0]) {
			fputs(" (", s.f);
			fw_tx_str(s.f, v->inputs[i]->error);
			fputc(')', s.f);
		}
	}
	summary_counts(s.f, v);
	for (size_t i = 0; i < v->n_links; i++)
		summary_link(s.f, v, v->links[i], claimed);
	for (size_t i = 0; i < v->n_findings; i++)
		if (!claimed[i])
			summary_finding(s.f, v, v->findings[i], true);
	for (size_t i = 0; i < v->n_notes; i++) {
		fputs("\nnote: ", s.f);
		fw_tx_str(s.f, v->notes[i]);
	}
	free(claimed);
	t = ms_close(&s);
	return t ? cap_summary(t, strlen(t)) : NULL;
}

/*
 * The daemons' log lines on the frames they tell of (the pairs of
 * handshake/logfind.h): "log H:40 (hostapd.log): hostapd: dropped 2/4 for
 * its replay counter, 1501.234 ms after this frame".
 */
static int log_notes(struct fw_annot *a, const struct fw_view *v)
{
	for (size_t i = 0; i < v->n_log_pairs; i++) {
		const struct fw_log_pair *p = &v->log_pairs[i];
		const struct fw_dlog *l;
		const struct fw_dlog_event *e = NULL;
		struct mstream s;
		char lab[48], text[128];
		int64_t r;

		if (p->log >= v->n_logs)
			continue;
		l = v->logs[p->log];
		/* the event of that line: events are in line order */
		for (size_t lo = 0, hi = l->n_events; lo < hi;) {
			size_t mid = lo + (hi - lo) / 2;

			if (l->events[mid].line < p->line) {
				lo = mid + 1;
			} else {
				if (l->events[mid].line == p->line)
					e = &l->events[mid];
				hi = mid;
			}
		}
		if (!e || ms_open(&s) != 0)
			return e ? FW_ENOMEM : 0;
		r = p->rel_ns < 0 ? -p->rel_ns : p->rel_ns;
		fputs("log ", s.f);
		fputs(fw_logrow_label(lab, sizeof(lab), v, p->log, p->line), s.f);
		fputs(" (", s.f);
		fw_tx_str(s.f, l->path);
		fprintf(s.f, "): %s, %" PRId64 ".%03" PRId64 " ms %s this frame",
			fw_logrow_text(text, sizeof(text), l, e), r / 1000000, r / 1000 % 1000,
			p->rel_ns < 0 ? "before" : "after");
		if (add_note(a, p->file, p->frame, RANK_LOG, ms_close(&s)) != 0)
			return FW_ENOMEM;
	}
	return 0;
}

int fw_annot_init(struct fw_annot *a, const struct fw_view *v, const char *tool)
{
	return fw_annot_init_timed(a, v, tool, NULL);
}

int fw_annot_init_timed(struct fw_annot *a, const struct fw_view *v, const char *tool,
			const enum fw_tfmt *f)
{
	memset(a, 0, sizeof(*a));
	a->timed = f != NULL;
	a->tfmt = f ? *f : FW_T_REL;
	for (size_t i = 0; i < v->n_links; i++)
		if (link_notes(a, v, v->links[i]) != 0)
			goto nomem;
	for (size_t i = 0; i < v->n_findings; i++)
		if (finding_notes(a, v->findings[i]) != 0)
			goto nomem;
	if (log_notes(a, v) != 0)
		goto nomem;
	if (finish_notes(a) != 0)
		goto nomem;
	a->summary = summary_text(v, tool);
	if (!a->summary)
		goto nomem;
	return 0;
nomem:
	fw_annot_fini(a);
	return FW_ENOMEM;
}

void fw_annot_fini(struct fw_annot *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->notes[i].text);
	free(a->notes);
	free(a->texts);
	free(a->summary);
	memset(a, 0, sizeof(*a));
}

size_t fw_annot_frame(const struct fw_annot *a, unsigned file, uint64_t frame,
		      const char *const **texts)
{
	size_t lo = 0, hi = a->n, end;

	*texts = NULL;
	while (lo < hi) {	/* first note at or after (file, frame) */
		size_t mid = lo + (hi - lo) / 2;
		const struct fw_annot_note *m = &a->notes[mid];

		if (m->file < file || (m->file == file && m->frame < frame))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < a->n && a->notes[end].file == file && a->notes[end].frame == frame;)
		end++;
	if (end == lo)
		return 0;
	*texts = a->texts + lo;
	return end - lo;
}
