/*
 * svg.c - one handshake's ladder as inline SVG for the HTML report.
 *
 * Columns: frame number, time relative to the first message, the AP's
 * lane, the station's lane, then the row's notes as the text ladder words
 * them.  One row per message, protected frame, log event and the
 * deauthentication (rwalk.c gives them in order).  Arrowheads are drawn
 * as polygons, not markers, so the page holds no id that several ladders
 * would share.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/fmt.h"
#include "output/rwalk.h"
#include "output/svg.h"
#include "output/tstyle.h"
#include "output/xmlesc.h"
#include "util/mac.h"

#define X_FRAME 8
#define X_TIME 64
#define X_AP 215
#define X_STA 555
#define X_NOTES 637
#define ROW_H 26
#define TOP 46
#define CHAR_W 7.3		/* monospace 12 px, generously */

/* A <text> element whose content is a string not written here. */
static void text_el(FILE *out, double x, double y, const char *cls, const char *anchor,
		    const char *s)
{
	fprintf(out, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
	if (cls)
		fprintf(out, " class=\"%s\"", cls);
	if (anchor)
		fprintf(out, " text-anchor=\"%s\"", anchor);
	fputc('>', out);
	fw_html_str(out, s);
	fputs("</text>", out);
}

/* An arrow from the AP's lane to the station's (or back) at height y. */
static void arrow(FILE *out, double y, bool from_ap, const char *cls, const char *head_cls)
{
	double x1 = from_ap ? X_AP : X_STA, x2 = from_ap ? X_STA - 1 : X_AP + 1;
	double d = from_ap ? -9 : 9;

	fprintf(out, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", cls,
		x1, y, x2 + d * 0.5, y);
	fprintf(out, "<polygon class=\"%s\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>", head_cls,
		x2, y, x2 + d, y - 4, x2 + d, y + 4);
}

/* The receiver's end: a dot for an ACK, a cross for none; whether it held the key. */
static void receiver_marks(FILE *out, double y, bool from_ap, enum fw_acked acked,
			   const char *ack_title, bool protected_, enum fw_rx_key rx)
{
	double x = from_ap ? X_STA - 16 : X_AP + 16;

	if (acked == FW_ACK_YES) {
		fprintf(out, "<circle class=\"ack\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"><title>", x, y + 7);
		fw_html_str(out, ack_title);
		fputs("</title></circle>", out);
	} else if (acked == FW_ACK_NO) {
		fprintf(out, "<text class=\"lost\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
			"&#x2715;<title>never acknowledged</title></text>", x, y + 12);
	}
	if (!protected_ || rx == FW_RXK_UNKNOWN)
		return;
	x = from_ap ? X_STA - 26 : X_AP + 26;
	fprintf(out, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>",
		rx == FW_RXK_NO ? "nokey" : "haskey", x, y + 12, from_ap ? "end" : "start",
		rx == FW_RXK_NO ? "no key" : "key held");
}

static void left_cols(FILE *out, const struct fw_view *v, double y, const char *prefix,
		      unsigned file, uint64_t frame, int64_t rel)
{
	char b[48], t[40], fr[64];

	fw_rw_rel_time(t, sizeof(t), rel);
	snprintf(fr, sizeof(fr), "%s%s", prefix, fw_tx_frame(b, sizeof(b), v, file, frame));
	text_el(out, X_FRAME, y + 4, NULL, NULL, fr);
	text_el(out, X_TIME, y + 4, NULL, NULL, t);
}

static void msg_row(FILE *out, const struct fw_view *v, double y, int64_t t0,
		    const struct fw_msg *m, bool show_keys)
{
	char label[96], b[48], title[64];
	char *notes = fw_rw_msg_notes(v, m, show_keys);
	const char *cls = m->protected_ ? (m->retrans ? "m enc rt" : "m enc") :
			  (m->retrans ? "m rt" : "m");

	left_cols(out, v, y, "#", m->file, m->frame, m->ts_ns - t0);
	snprintf(label, sizeof(label), "%s rc=%" PRIu64 "%s%s", fw_out_msg_name(m->type),
		 m->replay_counter, m->retry ? " [retry]" : "", m->protected_ ? " [enc]" : "");
	arrow(out, y, m->from_ap, cls, m->protected_ ? "enc" : "m");
	text_el(out, (X_AP + X_STA) / 2.0, y - 4, "lbl", "middle", label);
	snprintf(title, sizeof(title), "ACK #%s", fw_tx_frame(b, sizeof(b), v, m->ack_file,
							     m->ack_frame));
	receiver_marks(out, y, m->from_ap, m->acked, title, m->protected_, m->rx_has_key);
	text_el(out, X_NOTES, y + 4, NULL, NULL, notes ? notes : "");
	free(notes);
}

static void pframe_row(FILE *out, const struct fw_view *v, double y, int64_t t0,
		       const struct fw_pframe *p)
{
	char b[48], title[64];
	char *notes = fw_rw_pframe_notes(v, p);

	left_cols(out, v, y, "#", p->file, p->frame, p->ts_ns - t0);
	arrow(out, y, p->from_ap, "pf", "pf");
	text_el(out, (X_AP + X_STA) / 2.0, y - 4, "lbl", "middle",
		p->mgmt ? "mgmt [enc]" : "data [enc]");
	snprintf(title, sizeof(title), "ACK #%s", fw_tx_frame(b, sizeof(b), v, p->ack_file,
							     p->ack_frame));
	receiver_marks(out, y, p->from_ap, p->acked, title, true, p->rx_has_key);
	text_el(out, X_NOTES, y + 4, NULL, NULL, notes ? notes : "");
	free(notes);
}

static void log_row(FILE *out, const struct fw_view *v, double y, int64_t t0,
		    const struct fw_logref *r)
{
	char lab[48], t[40], text[160];
	const struct fw_dlog *lg = v->logs[r->log];
	bool ap = fw_dlog_event_ap_side(lg, r->e);

	fw_logrow_label(lab, sizeof(lab), v, r->log, r->e->line);
	fw_logrow_text(text, sizeof(text), lg, r->e);
	fw_rw_rel_time(t, sizeof(t), r->ts_ns - t0);
	text_el(out, X_FRAME, y + 4, "log", NULL, lab);
	text_el(out, X_TIME, y + 4, "log", NULL, t);
	fprintf(out, "<rect class=\"log\" x=\"%d\" y=\"%.1f\" width=\"8\" height=\"8\" "
		"transform=\"rotate(45 %d %.1f)\"/>", (ap ? X_AP : X_STA) - 4, y - 4,
		ap ? X_AP : X_STA, y);
	text_el(out, ap ? X_AP + 10 : X_STA - 10, y + 4, "log", ap ? "start" : "end", text);
}

static void end_row(FILE *out, const struct fw_view *v, double y, int64_t t0,
		    const struct fw_handshake *h)
{
	char label[64];

	left_cols(out, v, y, "#", h->end_file, h->end_frame, h->end_ts_ns - t0);
	snprintf(label, sizeof(label), "%s reason %u", h->end_disassoc ? "DISASSOC" : "DEAUTH",
		 (unsigned)h->end_reason);
	arrow(out, y, h->end_from_ap, "end", "end");
	text_el(out, (X_AP + X_STA) / 2.0, y - 4, "lbl", "middle", label);
	text_el(out, X_NOTES, y + 4, NULL, NULL, h->outcome_detail);
}

/* Longest notes of the rows, in characters, for the drawing's width. */
static size_t notes_width(const struct fw_view *v, const struct fw_rw_row *r, size_t n,
			  bool show_keys)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		char *s = NULL;
		size_t k;

		if (r[i].kind == FW_RW_MSG)
			s = fw_rw_msg_notes(v, r[i].m, show_keys);
		else if (r[i].kind == FW_RW_PFRAME)
			s = fw_rw_pframe_notes(v, r[i].p);
		k = s ? strlen(s) : 0;
		if (k > w)
			w = k;
		free(s);
	}
	return w;
}

void fw_svg_ladder(FILE *out, const struct fw_view *v, const struct fw_link *l,
		   const struct fw_rw_link_ix *ix, const struct fw_handshake *h, size_t first,
		   size_t count, bool show_keys)
{
	struct fw_rw_row *r;
	size_t n = fw_rw_rows(v, l, ix, h, first, count, &r);
	char a[FW_MAC_STRLEN], s[FW_MAC_STRLEN];
	double width, height;
	int64_t t0;

	if (!n)
		return;
	t0 = h ? l->msgs[h->first].ts_ns : l->msgs[first].ts_ns;
	width = X_NOTES + CHAR_W * (double)notes_width(v, r, n, show_keys) + 16;
	if (width < 900)
		width = 900;
	height = TOP + ROW_H * (double)n + 12;
	fprintf(out, "<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
		"height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">", width, height, width,
		height);
	fputs("<title>", out);
	fprintf(out, "ladder of %s and %s", fw_mac_fmt(a, l->bssid), fw_mac_fmt(s, l->sta));
	fputs("</title>", out);
	/* the lanes' names over them, their addresses under the names */
	text_el(out, X_FRAME, 28, "lane", NULL, "frame");
	text_el(out, X_TIME, 28, "lane", NULL, "time (s)");
	fprintf(out, "<text class=\"lane\" x=\"%d\" y=\"14\" text-anchor=\"middle\">AP</text>"
		"<text x=\"%d\" y=\"28\" text-anchor=\"middle\">%s</text>", X_AP, X_AP, a);
	fprintf(out, "<text class=\"lane\" x=\"%d\" y=\"14\" text-anchor=\"middle\">STA</text>"
		"<text x=\"%d\" y=\"28\" text-anchor=\"middle\">%s</text>", X_STA, X_STA, s);
	text_el(out, X_NOTES, 28, "lane", NULL, "notes");
	fprintf(out, "<line class=\"lane\" x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"%.0f\"/>", X_AP, X_AP,
		height - 4);
	fprintf(out, "<line class=\"lane\" x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"%.0f\"/>", X_STA,
		X_STA, height - 4);
	for (size_t i = 0; i < n; i++) {
		double y = TOP + ROW_H * (double)i + ROW_H / 2.0;

		if (i % 2)
			fprintf(out, "<rect class=\"row\" x=\"0\" y=\"%.1f\" width=\"%.0f\" "
				"height=\"%d\" opacity=\"0.6\"/>", y - ROW_H / 2.0 - 2, width, ROW_H);
		switch (r[i].kind) {
		case FW_RW_MSG:
			msg_row(out, v, y, t0, r[i].m, show_keys);
			break;
		case FW_RW_PFRAME:
			pframe_row(out, v, y, t0, r[i].p);
			break;
		case FW_RW_LOG:
			log_row(out, v, y, t0, &r[i].log);
			break;
		case FW_RW_END:
			end_row(out, v, y, t0, h);
			break;
		}
		fputc('\n', out);
	}
	fputs("</svg>\n", out);
	free(r);
}
