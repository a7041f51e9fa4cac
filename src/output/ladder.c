/*
 * ladder.c - one handshake drawn as arrows between AP and STA.
 *
 * Row:  <indent>#<frame> <+time>  |-- M1 rc=0 ---------->|  MIC ...
 * The lane between the bars has a fixed width so the arrows of a link line
 * up; a label longer than the lane widens only its own row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "output/clock.h"
#include "output/fmt.h"
#include "output/ladder.h"
#include "output/logrows.h"
#include "output/tstyle.h"
#include "util/hex.h"

#define INDENT "    "
#define LANE 38			/* characters between the two bars */
#define TIME_W 10		/* "+12.345678" */

/* n dashes or spaces (the only padding a ladder has), a write for up to 64 at once */
static void pad(FILE *out, int n, char c)
{
	static const char dashes[64] = "----------------------------------------------------------------";
	static const char spaces[64] = "                                                                ";
	const char *run = c == '-' ? dashes : spaces;

	for (; n > 0; n -= 64)
		fwrite(run, 1, n < 64 ? (size_t)n : 64, out);
}

/*
 * Width of the frame column: the longest frame reference of the link.  A
 * link's handshakes are drawn one after the other, each asking the same:
 * the last answer is kept, or a link of n handshakes costs n walks.
 */
static int frame_width(const struct fw_view *v, const struct fw_link *l)
{
	static _Thread_local struct {
		const struct fw_view *v;
		const struct fw_msg *msgs;
		const struct fw_handshake *hs;
		size_t n_msgs, n_hs, n_logs;
		int w;
	} last;
	char b[48];
	int w = 1;

	if (last.v == v && last.msgs == l->msgs && last.hs == l->hs && last.n_msgs == l->n_msgs &&
	    last.n_hs == l->n_hs && last.n_logs == v->n_logs && l->n_msgs)
		return last.w;
	for (size_t i = 0; i < l->n_msgs; i++) {
		int n = (int)strlen(fw_tx_frame(b, sizeof(b), v, l->msgs[i].file, l->msgs[i].frame));

		if (n > w)
			w = n;
	}
	for (size_t i = 0; i < l->n_hs; i++) {
		int n;

		if (!l->hs[i].ended)
			continue;
		n = (int)strlen(fw_tx_frame(b, sizeof(b), v, l->hs[i].end_file, l->hs[i].end_frame));
		if (n > w)
			w = n;
	}
	if (v->n_logs && fw_logrows_width(v) > w)
		w = fw_logrows_width(v);
	last.v = v;
	last.msgs = l->msgs;
	last.hs = l->hs;
	last.n_msgs = l->n_msgs;
	last.n_hs = l->n_hs;
	last.n_logs = v->n_logs;
	last.w = w;
	return w;
}

/*
 * The time column in the -t format (clock.h): relative to the handshake's
 * first message by default ("+S.UUUUUU", the sign always shown: reordering
 * shows as '-'), or the time of day, the epoch, the delta from the row above.
 */
struct tcol {
	enum fw_tfmt f;
	int64_t t0, prev;
	int w;
};

static void tcol_init(struct tcol *tc, const struct fw_text_opts *o, int64_t t0)
{
	tc->f = o ? o->tfmt : FW_T_REL;
	tc->t0 = tc->prev = t0;
	tc->w = tc->f == FW_T_ABS || tc->f == FW_T_UTC ? 15 :
		tc->f == FW_T_ABS_DATE || tc->f == FW_T_UTC_DATE ? 26 :
		tc->f == FW_T_EPOCH ? 17 : TIME_W;
}

static char *tcol_fmt(char t[FW_CLOCK_LEN], struct tcol *tc, int64_t ts)
{
	fw_clock_fmt(t, tc->f, ts, tc->t0, tc->prev);
	tc->prev = ts;
	return t;
}

/*
 * A row's frame and time columns up to its left bar, as INDENT "%c%-*s %*s  |"
 * would print them, without printf's parsing on every row.
 */
static void columns(FILE *out, char lead, int fw, const char *frame, int tw, const char *t)
{
	size_t fl = strlen(frame), tl = strlen(t);

	fputs(INDENT, out);
	fputc(lead, out);
	fwrite(frame, 1, fl, out);
	pad(out, fw - (int)fl, ' ');
	fputc(' ', out);
	pad(out, tw - (int)tl, ' ');
	fwrite(t, 1, tl, out);
	fputs("  |", out);
}

/* Frame and time columns, then the arrow carrying label. */
static void row_start(FILE *out, int fw, const char *frame, struct tcol *tc, int64_t ts,
		      bool from_ap, const char *label)
{
	char t[FW_CLOCK_LEN];
	int dashes = LANE - 5 - (int)strlen(label);

	if (dashes < 2)
		dashes = 2;
	columns(out, '#', fw, frame, tc->w, tcol_fmt(t, tc, ts));
	if (from_ap) {
		fputs("-- ", out);
		fputs(label, out);
		fputc(' ', out);
		pad(out, dashes, '-');
		fputs(">|", out);
	} else {
		fputc('<', out);
		pad(out, dashes, '-');
		fputc(' ', out);
		fputs(label, out);
		fputs(" --|", out);
	}
}

static void header(FILE *out, int fw, int tw)
{
	/* "AP" sits on the left bar, "STA" on the right one */
	fputs(INDENT, out);
	pad(out, 1 + fw + 1 + tw + 2 - 1, ' ');
	fputs("AP", out);
	pad(out, LANE - 1, ' ');
	fputs("STA\n", out);
}

/* "; " between annotations, "  " before the first. */
static void sep(FILE *out, bool *first)
{
	fputs(*first ? "  " : "; ", out);
	*first = false;
}

static void mic_note(FILE *out, const struct fw_view *v, const struct fw_msg *m,
		     const struct fw_text_opts *o, bool *first)
{
	char b[48];

	if (m->mic == FW_MICV_ABSENT)
		return;
	sep(out, first);
	if (m->mic == FW_MICV_OK) {
		fputs("MIC ", out);
		fw_tx_on(out, o->color, FW_TX_GREEN);
		fputs("ok", out);
		fw_tx_off(out, o->color);
	} else if (m->mic == FW_MICV_BAD) {
		fputs("MIC ", out);
		fw_tx_on(out, o->color, FW_TX_RED);
		fputs("BAD", out);
		fw_tx_off(out, o->color);
	} else if (m->mic == FW_MICV_KEY_WRONG) {
		/* a verdict on the key given, not on the frame */
		fputs("MIC ", out);
		fw_tx_on(out, o->color, FW_TX_YELLOW);
		fputs("key given wrong", out);
		fw_tx_off(out, o->color);
	} else {
		fputs("MIC ", out);
		fw_tx_on(out, o->color, FW_TX_YELLOW);
		fputs("unchecked", out);
		fw_tx_off(out, o->color);
	}
	if (m->mic != FW_MICV_OK && m->mic != FW_MICV_KEY_WRONG && fw_msg_mic_reason(m)[0]) {
		fputs(": ", out);
		fw_tx_str(out, m->mic_reason);
	}
	/* which msg 1/4's ANonce the MIC verified against (DESIGN.md case 2) */
	if (m->anonce_from && (m->mic == FW_MICV_OK || m->mic_diag != FW_MICD_STALE_ANONCE))
		fprintf(out, m->mic == FW_MICV_OK ? " (ANonce of #%s)" :
			" (verifies only with the ANonce of #%s)",
			fw_tx_frame(b, sizeof(b), v, m->anonce_from_file, m->anonce_from));
}

/* msg 1/4's PMKID against the keys given */
static void pmkid_note(FILE *out, const struct fw_msg *m, const struct fw_text_opts *o,
		       bool *first)
{
	if (m->pmkid_verdict == FW_PMKID_NONE)
		return;
	sep(out, first);
	fputs("PMKID ", out);
	switch (m->pmkid_verdict) {
	case FW_PMKID_OK:
		fw_tx_on(out, o->color, FW_TX_GREEN);
		fprintf(out, "ok with key %u", m->pmkid_key);
		fw_tx_off(out, o->color);
		break;
	case FW_PMKID_MISMATCH:
		fw_tx_on(out, o->color, FW_TX_YELLOW);
		fprintf(out, "matches no key (%u tried)", m->pmkid_keys_tried);
		fw_tx_off(out, o->color);
		break;
	default:
		fw_tx_on(out, o->color, FW_TX_YELLOW);
		fputs("unchecked", out);
		fw_tx_off(out, o->color);
		fputs(": ", out);
		fw_tx_str(out, fw_msg_more(m)->pmkid_reason);
		break;
	}
}

static void key_hex(FILE *out, const char *name, unsigned id, const uint8_t *k, size_t len,
		    bool show)
{
	char hex[2 * 32 + 1];

	fprintf(out, "%s id %u", name, id);
	if (show && len <= 32)
		fprintf(out, " %s", fw_hex_encode(hex, k, len));
}

static void key_data_note(FILE *out, const struct fw_msg *m, const struct fw_text_opts *o,
			  bool *first)
{
	const struct fw_msg_more *x = fw_msg_more(m);

	if (m->type != FW_MSG_M3 && m->type != FW_MSG_G1)
		return;
	if (x->kd_error[0]) {
		sep(out, first);
		fputs("Key Data: ", out);
		fw_tx_str(out, x->kd_error);
	}
	if (!m->kd_decrypted)
		return;
	if (x->gtk_len) {
		sep(out, first);
		key_hex(out, "GTK", x->gtk_keyid, x->gtk, x->gtk_len, o->show_keys);
	}
	if (x->igtk_len) {
		sep(out, first);
		key_hex(out, "IGTK", x->igtk_keyid, x->igtk, x->igtk_len, o->show_keys);
	}
	if (x->bigtk_len) {
		sep(out, first);
		key_hex(out, "BIGTK", x->bigtk_keyid, x->bigtk, x->bigtk_len, o->show_keys);
	}
	if (m->mlo) {
		sep(out, first);
		fputs("MLO KDEs", out);
	}
}

/* "also #20 of b.pcap on interface 1": the other sniffers that recorded it. */
static void sightings_note(FILE *out, const struct fw_view *v, const struct fw_msg *m, bool *first)
{
	for (unsigned k = 1; k < m->n_sightings && k < FW_MAX_SIGHTINGS; k++) {
		const struct fw_sighting *s = &m->sightings[k];
		const char *path = fw_out_input_path(v, s->file);

		sep(out, first);
		fprintf(out, "also #%" PRIu64, s->frame);
		if (s->file != m->file && path) {
			fputs(" of ", out);
			fw_tx_str(out, path);
		}
		if (s->iface != m->sightings[0].iface)
			fprintf(out, " on interface %" PRIu32, s->iface);
	}
	if (m->n_sightings > FW_MAX_SIGHTINGS) {
		sep(out, first);
		fprintf(out, "%u more sightings", m->n_sightings - FW_MAX_SIGHTINGS);
	}
}

void fw_ladder_notes(FILE *out, const struct fw_view *v, const struct fw_msg *m,
		     const struct fw_text_opts *o)
{
	char frame[48];
	bool first = true;

	mic_note(out, v, m, o, &first);
	pmkid_note(out, m, o, &first);
	if (m->acked != FW_ACK_UNKNOWN) {
		sep(out, &first);
		if (m->acked == FW_ACK_YES)
			fprintf(out, "ACKed #%s", fw_tx_frame(frame, sizeof(frame), v, m->ack_file,
							      m->ack_frame));
		else
			fputs("no ACK", out);
	}
	if (m->protected_ && fw_out_dec_key_name(m->dec_key)) {
		char note[96];

		sep(out, &first);
		fprintf(out, "decrypted with the %s", fw_out_dec_key_name(m->dec_key));
		if (fw_out_rx_note(note, sizeof(note), m->from_ap, m->rx_has_key, m->rx_why,
				   m->rx_key_frame))
			fprintf(out, ": %s", note);
	}
	if (m->late) {
		sep(out, &first);
		fprintf(out, "late answer to #%s",
			fw_tx_frame(frame, sizeof(frame), v, m->answers_file, m->answers));
	}
	if (m->retrans != FW_RT_NONE) {
		sep(out, &first);
		fprintf(out, "%s retransmission of #%s", m->retrans == FW_RT_MAC ? "MAC" : "EAPOL",
			fw_tx_frame(frame, sizeof(frame), v, m->retrans_of_file, m->retrans_of));
	}
	sightings_note(out, v, m, &first);
	if (m->trailing) {
		sep(out, &first);
		fprintf(out, "%zu trailing byte%s", m->trailing, m->trailing == 1 ? "" : "s");
	}
	key_data_note(out, m, o, &first);
}

static void msg_row(FILE *out, const struct fw_view *v, int fw, struct tcol *tc,
		    const struct fw_msg *m, const struct fw_text_opts *o)
{
	char frame[48], label[96];

	snprintf(label, sizeof(label), "%s rc=%" PRIu64 "%s%s", fw_out_msg_name(m->type),
		 m->replay_counter, m->retry ? " [retry]" : "", m->protected_ ? " [enc]" : "");
	row_start(out, fw, fw_tx_frame(frame, sizeof(frame), v, m->file, m->frame), tc, m->ts_ns,
		  m->from_ap, label);
	fw_ladder_notes(out, v, m, o);
	fputc('\n', out);
}

/*
 * The daemons' log events of the link in [from, to), one row each, in the
 * lane of the side that logged them: "H:62  +0.000100  |[log] hostapd: sent 3/4 |".
 */
#define LOG_ROWS_MAX 64
static void log_rows(FILE *out, const struct fw_view *v, const struct fw_link *l, int fw,
		     struct tcol *tc, int64_t from, int64_t to)
{
	struct fw_logref r[LOG_ROWS_MAX];
	size_t more, n;

	if (!v->n_logs || from >= to)
		return;
	n = fw_logrows_collect(v, l, from, to, r, LOG_ROWS_MAX, &more);
	for (size_t i = 0; i < n; i++) {
		char lab[48], t[FW_CLOCK_LEN], text[128];
		int w;

		fw_logrow_label(lab, sizeof(lab), v, r[i].log, r[i].e->line);
		fw_logrow_text(text, sizeof(text), v->logs[r[i].log], r[i].e);
		columns(out, ' ', fw, lab, tc->w, tcol_fmt(t, tc, r[i].ts_ns));
		w = (int)strlen(text) + 6;
		if (fw_dlog_event_ap_side(v->logs[r[i].log], r[i].e)) {
			fprintf(out, "[log] %s", text);
			pad(out, LANE - w, ' ');
		} else {
			pad(out, LANE - w, ' ');
			fprintf(out, "%s [log]", text);
		}
		fputs("|\n", out);
	}
	if (more)
		fprintf(out, INDENT "  (%zu more log events in this span)\n", more);
}

/* A daemon logs a send before the air shows it: a ladder's rows start this long before its first message. */
#define LOG_BEFORE_NS 50000000LL

/*
 * Where the log rows after a handshake's last message stop: where the
 * ladder of the link's next message starts, so the events between two
 * handshakes (an SA Query, a dropped deauth, a disconnection) are drawn
 * once, after the first; after the link's last message, the logs' end.
 */
static int64_t log_end(const struct fw_link *l, int64_t last)
{
	int64_t end = INT64_MAX;

	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].ts_ns > last && l->msgs[i].ts_ns - LOG_BEFORE_NS < end)
			end = l->msgs[i].ts_ns - LOG_BEFORE_NS;
	return end;
}

void fw_ladder_write(FILE *out, const struct fw_view *v, const struct fw_link *l,
		     size_t first, size_t count, const struct fw_handshake *h,
		     const struct fw_text_opts *o)
{
	int fw = frame_width(v, l);
	int64_t t0;
	struct tcol tc;

	if (first >= l->n_msgs)
		return;
	if (count > l->n_msgs - first)
		count = l->n_msgs - first;
	t0 = l->msgs[first].ts_ns;
	tcol_init(&tc, o, t0);
	header(out, fw, tc.w);
	/* log rows from shortly before the first message (a daemon logs a send before the air shows it) */
	log_rows(out, v, l, fw, &tc, t0 - LOG_BEFORE_NS, t0);
	for (size_t i = first; i < first + count; i++) {
		if (i > first)
			log_rows(out, v, l, fw, &tc, l->msgs[i - 1].ts_ns, l->msgs[i].ts_ns);
		msg_row(out, v, fw, &tc, &l->msgs[i], o);
	}
	if (h && h->ended && h->end_ts_ns >= l->msgs[first + count - 1].ts_ns)
		log_rows(out, v, l, fw, &tc, l->msgs[first + count - 1].ts_ns, h->end_ts_ns);
	else if (v->n_logs)	/* log_end walks the link: only when there are log rows to place */
		log_rows(out, v, l, fw, &tc, l->msgs[first + count - 1].ts_ns,
			 log_end(l, l->msgs[first + count - 1].ts_ns));
	if (h && h->ended) {
		char frame[48], label[64];

		snprintf(label, sizeof(label), "%s reason %u",
			 h->end_disassoc ? "DISASSOC" : "DEAUTH", (unsigned)h->end_reason);
		row_start(out, fw, fw_tx_frame(frame, sizeof(frame), v, h->end_file, h->end_frame),
			  &tc, h->end_ts_ns, h->end_from_ap, label);
		fputc('\n', out);
		if (v->n_logs)
			log_rows(out, v, l, fw, &tc, h->end_ts_ns, log_end(l, h->end_ts_ns));
	}
}

void fw_ladder_write_eap(FILE *out, const struct fw_view *v, const struct fw_link *l,
			 const struct fw_text_opts *o)
{
	int fw = frame_width(v, l);
	struct tcol tc;

	if (!l->n_eap)
		return;
	tcol_init(&tc, o, l->eap[0].ts_ns);
	header(out, fw, tc.w);
	for (size_t i = 0; i < l->n_eap; i++) {
		const struct fw_eap_event *e = &l->eap[i];
		char frame[48], label[40], mbuf[16];
		const char *method = fw_out_eap_method(mbuf, e->method);

		snprintf(label, sizeof(label), "EAP %s%s%s", fw_out_eap_name(e), method ? "/" : "",
			 method ? method : "");
		row_start(out, fw, fw_tx_frame(frame, sizeof(frame), v, e->file, e->frame),
			  &tc, e->ts_ns, e->from_ap, label);
		if (e->identity[0]) {
			fputs("  identity ", out);
			fw_tx_str(out, e->identity);
		}
		fputc('\n', out);
	}
}
