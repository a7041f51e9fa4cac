/*
 * html.c - the report as one self-contained HTML page (report.h).
 *
 * Layout: the summary, the findings (a table: id, severity, code, link,
 * evidence frames with their roles, causes and consequences, what
 * happened), the inputs and keys, then each link with a ladder per
 * handshake drawn as SVG (svg.c), and the notes.  Everything not written
 * here passes fw_html_str() (xmlesc.h), which escapes the five characters
 * HTML gives a meaning to, after tstyle.h made it printable.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/fmt.h"
#include "output/report.h"
#include "output/rwalk.h"
#include "output/svg.h"
#include "output/tstyle.h"
#include "output/xmlesc.h"
#include "util/err.h"
#include "util/mac.h"

static const char css[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222;max-width:none}"
	"h1{font-size:1.5em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}"
	"table{border-collapse:collapse;margin:.5em 0}"
	"td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}"
	"th{background:#f0f0f0}"
	"tr.error td.sev{color:#b00;font-weight:bold}tr.warning td.sev{color:#a60;font-weight:bold}"
	"tr.info td.sev{color:#06c}"
	"code,pre,.mono{font-family:monospace}"
	"pre{background:#f8f8f8;border:1px solid #ddd;padding:.5em;overflow:auto}"
	".muted{color:#666}.ok{color:#070}.bad{color:#b00}.warn{color:#a60}"
	"svg.ladder{display:block;margin:.5em 0 1.2em 0;background:#fff;border:1px solid #ddd}"
	"svg.ladder text{font-family:monospace;font-size:12px;fill:#222}"
	"svg.ladder text.lane{font-weight:bold;font-size:13px}"
	"svg.ladder text.log{fill:#666;font-style:italic}"
	"svg.ladder text.lbl{font-size:11px}"
	"svg.ladder text.nokey{fill:#b00;font-size:10px;font-weight:bold}"
	"svg.ladder text.haskey{fill:#070;font-size:10px}"
	"svg.ladder text.lost{fill:#b00;font-weight:bold;font-size:15px}"
	"svg.ladder line.lane{stroke:#888;stroke-width:2}"
	"svg.ladder line.m{stroke:#222;stroke-width:1.5}"
	"svg.ladder line.enc{stroke:#7b3fa0}"
	"svg.ladder line.rt{stroke-dasharray:6 3}"
	"svg.ladder line.pf{stroke:#a78bc0;stroke-width:1}"
	"svg.ladder line.end{stroke:#b00;stroke-width:2.5}"
	"svg.ladder polygon{fill:#222}svg.ladder polygon.enc{fill:#7b3fa0}"
	"svg.ladder polygon.pf{fill:#a78bc0}svg.ladder polygon.end{fill:#b00}"
	"svg.ladder circle.ack{fill:#2a2}svg.ladder rect.log{fill:#888}"
	"svg.ladder rect.row{fill:#f6f6fa}";

static void frames_cell(FILE *out, const struct fw_view *v, const struct fw_finding *f)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	char b[48];

	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%s<span class=\"mono\">%s</span>", i ? ", " : "",
			fw_tx_frame(b, sizeof(b), v, f->frames[i].file, f->frames[i].frame));
		if (f->frames[i].role != FW_ROLE_EVIDENCE)
			fprintf(out, " <small class=\"muted\">%s</small>",
				fw_role_name((enum fw_role)f->frames[i].role));
	}
	if (!n)
		fputs("&mdash;", out);
}

/* The anchor of a finding: its id, or its place in the view when it has none. */
static void anchor(char *buf, size_t len, const struct fw_view *v, const struct fw_finding *f)
{
	size_t i;

	if (f->id) {
		snprintf(buf, len, "f%u", f->id);
		return;
	}
	for (i = 0; i < v->n_findings && v->findings[i] != f; i++)
		;
	snprintf(buf, len, "n%zu", i);
}

static void finding_ref(FILE *out, const struct fw_view *v, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	char a[32];

	anchor(a, sizeof(a), v, f);
	fprintf(out, "<a href=\"#%s\">", a);
	if (f->id)
		fprintf(out, "#%u ", f->id);
	fprintf(out, "%s</a>", ci ? ci->name : "UNKNOWN");
}

static const struct fw_rw_render render;

static void finding_row(FILE *out, const struct fw_view *v, const struct fw_rw_chains *ch,
			const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	const char *sev = fw_severity_name(f->severity);
	char a[32], m1[FW_MAC_STRLEN], m2[FW_MAC_STRLEN];
	char *conf;

	anchor(a, sizeof(a), v, f);
	fprintf(out, "<tr id=\"%s\" class=\"%s\"><td>%u</td><td class=\"sev\">%s</td>", a, sev,
		f->id, sev);
	fprintf(out, "<td><b class=\"mono\">%s</b>", ci ? ci->name : "UNKNOWN");
	if (ci && ci->title) {
		fputs("<br><small class=\"muted\">", out);
		fw_html_str(out, ci->title);
		fputs("</small>", out);
	}
	fprintf(out, "</td><td class=\"mono\">%s<br>%s</td><td>", fw_mac_fmt(m1, f->bssid),
		fw_mac_fmt(m2, f->sta));
	frames_cell(out, v, f);
	fputs("</td><td>", out);
	fw_rw_chain_cells(out, v, ch, f, &render, "</td><td>", "</td>");
	fputs("<td>", out);
	fw_html_str(out, f->detail[0] ? f->detail : (ci ? ci->title : ""));
	if (f->diagnosis[0]) {
		fputs(" <small>(diagnosis: ", out);
		fw_html_str(out, f->diagnosis);
		fputs(")</small>", out);
	}
	conf = fw_rw_confirm(v, f);
	if (conf && conf[0]) {
		fputs("<br><i>", out);
		fw_html_str(out, conf);
		fputs("</i>", out);
	}
	free(conf);
	fputs("</td></tr>\n", out);
}

static void findings(FILE *out, const struct fw_view *v)
{
	fputs("<h2 id=\"findings\">Findings</h2>\n", out);
	if (!v->n_findings) {
		fputs("<p>No findings.</p>\n", out);
		return;
	}
	fputs("<p class=\"muted\">Most severe first.  A finding caused by another names it "
	      "under <i>caused by</i>; what it led to is under <i>led to</i>.</p>\n"
	      "<table class=\"findings\">\n<tr><th>id</th><th>severity</th><th>code</th>"
	      "<th>link (BSSID, station)</th><th>evidence frames</th><th>caused by</th>"
	      "<th>led to</th><th>what happened</th></tr>\n", out);
	fw_rw_findings(out, v, &render);
	fputs("</table>\n", out);
}

static void inputs(FILE *out, const struct fw_view *v)
{
	struct fw_rw_key *keys;
	size_t nk = fw_rw_keys_new(v, &keys);
	char *logs;

	fputs("<h2 id=\"inputs\">Inputs</h2>\n<table>\n<tr><th>#</th><th>file</th><th>link type</th>"
	      "<th>frames</th><th>malformed</th><th>bad FCS</th><th>read</th></tr>\n", out);
	for (size_t i = 0; i < v->n_inputs; i++) {
		const struct fw_input *in = v->inputs[i];

		fprintf(out, "<tr><td>%zu</td><td class=\"mono\">", i + 1);
		fw_html_str(out, in->path);
		fputs("</td><td>", out);
		fw_html_str(out, in->linktype_name ? in->linktype_name : "?");
		fprintf(out, " (%d)</td><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td>%" PRIu64
			"</td><td>", in->linktype, in->frames, in->malformed, in->bad_fcs);
		if (in->read_error || in->error[0]) {
			fputs("<span class=\"bad\">stopped early: ", out);
			fw_html_str(out, in->error[0] ? in->error : "read error");
			fputs("</span>", out);
		} else {
			fputs("whole", out);
		}
		fputs("</td></tr>\n", out);
	}
	fputs("</table>\n", out);
	logs = fw_rw_log_inputs(v);
	if (logs && logs[0]) {
		fputs("<h3>Daemon logs</h3>\n<pre>", out);
		fw_html_str(out, logs);
		fputs("</pre>\n", out);
	}
	free(logs);
	fputs("<h3>Keys</h3>\n", out);
	if (!nk) {
		fputs("<p>No key verified a handshake.</p>\n", out);
	} else {
		fputs("<p class=\"muted\">Keys are named by the fingerprint of their PMK (the first "
		      "4 bytes of its SHA-256); no key bytes are in this report.</p>\n<table>\n"
		      "<tr><th>key</th><th>PMK fingerprint</th><th>from</th><th>handshakes verified</th>"
		      "</tr>\n", out);
		for (size_t i = 0; i < nk; i++) {
			fprintf(out, "<tr><td>%u</td><td class=\"mono\">", keys[i].id);
			fw_html_str(out, keys[i].fp && keys[i].fp[0] ? keys[i].fp : "?");
			fputs("</td><td>", out);
			fw_html_str(out, keys[i].origin ? keys[i].origin : "?");
			if (keys[i].by_pmkid)
				fputs(" (named by the PMKID)", out);
			fprintf(out, "</td><td>%zu</td></tr>\n", keys[i].handshakes);
		}
		fputs("</table>\n", out);
	}
	free(keys);
}

static void handshake_title(FILE *out, size_t n, const struct fw_handshake *h)
{
	const char *cls = h->outcome == FW_OUT_COMPLETE ? "ok" :
			  h->outcome == FW_OUT_FAILED ? "bad" : "warn";

	fprintf(out, "<h4>handshake %zu%s: <span class=\"%s\">%s</span>", n,
		h->group ? " (group key)" : "", cls, fw_out_outcome_name(h->outcome));
	if (h->outcome_detail[0]) {
		fputs(" (", out);
		fw_html_str(out, h->outcome_detail);
		fputc(')', out);
	}
	if (!h->key_id) {
		fputs(", not verified", out);
	} else {
		fprintf(out, ", verified with key %u", h->key_id);
		if (h->key_by_pmkid)
			fputs(" (PMKID)", out);
		if (h->key_fp[0]) {
			fputs(" (PMK ", out);
			fw_html_str(out, h->key_fp);
			if (h->key_origin && h->key_origin[0]) {
				fputs(", from ", out);
				fw_html_str(out, h->key_origin);
			}
			fputc(')', out);
		}
	}
	if (h->opened_by[0]) {
		fputs("; began: ", out);
		fw_html_str(out, h->opened_by);
	}
	fputs("</h4>\n", out);
}

static void link_block(FILE *out, const struct fw_view *v, size_t li, bool show_keys)
{
	const struct fw_link *l = v->links[li];
	char a[FW_MAC_STRLEN], s[FW_MAC_STRLEN], b1[FW_OUT_SUITE_LEN], b2[FW_OUT_SUITE_LEN],
		b3[FW_OUT_SUITE_LEN];
	const char *akm = fw_out_suite(b1, l->akm, false);
	const char *pw = fw_out_suite(b2, l->pairwise, true);
	const char *gr = fw_out_suite(b3, l->group, true);
	fprintf(out, "<h3 id=\"l%zu\" class=\"mono\">%s ", li + 1, fw_mac_fmt(a, l->bssid));
	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid)) {
		fputs("&quot;", out);
		fw_html_bytes(out, l->ssid, l->ssid_len);
		fputs("&quot;", out);
	} else {
		fputs("(SSID unknown)", out);
	}
	fprintf(out, " &harr; %s</h3>\n<p>AKM %s, pairwise %s, group %s; file <span class=\"mono\">",
		fw_mac_fmt(s, l->sta), akm ? akm : "?", pw ? pw : "?", gr ? gr : "?");
	fw_html_str(out, fw_out_input_path(v, l->file));
	fprintf(out, "</span>; PMF %s; ACKs %s; %" PRIu64 " frames decrypted, %" PRIu64
		" not</p>\n", l->pmf ? "in use" : "not seen",
		l->acks_visible ? "seen" : "not seen (no finding drawn from a missing ACK)",
		l->frames_decrypted, l->frames_undecrypted);
	if (l->n_eap) {
		char *eap = fw_rw_eap_text(v, l);

		fprintf(out, "<p>authentication (EAP, %zu packet%s):</p>\n<pre>", l->n_eap,
			l->n_eap == 1 ? "" : "s");
		fw_html_str(out, eap ? eap : "");
		fputs("</pre>\n", out);
		free(eap);
	}
	if (!l->n_hs)
		fprintf(out, "<p>no handshake (%zu EAPOL-Key message%s)</p>\n", l->n_msgs,
			l->n_msgs == 1 ? "" : "s");
	fw_rw_ladders(out, v, l, show_keys, &render);
	/* the link's findings, by reference to the table */
	fw_rw_link_findings(out, v, l, &render, "<p>findings: ", "</p>\n");
}

static const struct fw_rw_render render = {
	.ref = finding_ref,
	.sep = "<br>",
	.none = "&mdash;",
	.id_mark = "#",
	.finding = finding_row,
	.hs_title = handshake_title,
	.ladder = fw_svg_ladder,
	.outside = "<h4>messages outside any handshake</h4>\n",
};

int fw_html_write(FILE *out, const struct fw_view *v, const struct fw_report_opts *o)
{
	char sum[256];

	fw_rw_summary(sum, sizeof(sum), v);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<title>fourway report</title>\n<style>", out);
	fputs(css, out);
	fputs("</style>\n</head>\n<body>\n<h1>fourway report</h1>\n<p id=\"summary\">", out);
	fw_html_esc(out, sum);
	fputs("</p>\n<p class=\"muted\">Every frame number is the frame's number in its capture "
	      "file, as tcpdump -# and Wireshark count.  In the ladders the AP is on the left, the "
	      "station on the right; a dot at the receiver is its 802.11 ACK, a cross a frame "
	      "never acknowledged, a dashed arrow a retransmission, a purple arrow a protected "
	      "frame, marked <i>no key</i> when its receiver did not hold the key that "
	      "opened it.</p>\n", out);
	findings(out, v);
	inputs(out, v);
	fputs("<h2 id=\"links\">Links</h2>\n", out);
	if (!v->n_links)
		fputs("<p>No EAPOL-Key handshake found.</p>\n", out);
	for (size_t i = 0; i < v->n_links; i++)
		link_block(out, v, i, o && o->show_keys);
	if (v->n_notes) {
		fputs("<h2 id=\"notes\">Notes</h2>\n<ul>\n", out);
		for (size_t i = 0; i < v->n_notes; i++) {
			fputs("<li>", out);
			fw_html_str(out, v->notes[i]);
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	fputs("<hr>\n<p class=\"muted\">Written by ", out);
	fw_html_str(out, o && o->version ? o->version : "fourway");
	fputs(".</p>\n</body>\n</html>\n", out);
	return ferror(out) ? FW_EIO : 0;
}
