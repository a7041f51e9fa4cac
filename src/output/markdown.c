/*
 * markdown.c - the report in Markdown (CommonMark with GitHub's tables),
 * for a mailing-list post or an issue tracker (report.h).
 *
 * The same content as the HTML page: summary, findings table, inputs and
 * keys, each link with its handshakes' ladders as fenced text blocks (the
 * text report's own ladders), notes.  Text from outside is made
 * terminal-safe, then the characters Markdown gives a meaning to are
 * backslash-escaped; a fence is longer than any run of backticks inside
 * it, so nothing in a ladder can close it.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/fmt.h"
#include "output/report.h"
#include "output/rwalk.h"
#include "output/tstyle.h"
#include "util/err.h"
#include "util/mac.h"

/* Text this program did not write, for a paragraph or a table cell: one line, inert. */
static void md_str(FILE *out, const char *s)
{
	char *t = fw_rw_safe_str(s);

	for (const char *p = t ? t : "?"; *p; p++) {
		if (strchr("\\`*_{}[]<>()#+!|~&", *p))
			fputc('\\', out);
		fputc(*p == '\n' || *p == '\r' ? ' ' : *p, out);
	}
	free(t);
}

static void md_bytes(FILE *out, const uint8_t *s, size_t n)
{
	char *t = fw_rw_safe(s, n, true);

	md_str(out, t ? t : "?");
	free(t);
}

/* A fenced block of s (text): the fence is longer than every backtick run in s. */
static void fenced(FILE *out, const char *s)
{
	size_t run = 0, best = 0;

	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	best = best < 3 ? 3 : best + 1;
	for (size_t i = 0; i < best; i++)
		fputc('`', out);
	fputs("text\n", out);
	/* line by line through the terminal-safe filter: no control byte inside */
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "\n");
		char *t = fw_rw_safe((const uint8_t *)p, n, false);

		fputs(t ? t : "?", out);
		fputc('\n', out);
		free(t);
		p += n + (p[n] == '\n');
	}
	for (size_t i = 0; i < best; i++)
		fputc('`', out);
	fputs("\n\n", out);
}

static void frames_cell(FILE *out, const struct fw_view *v, const struct fw_finding *f)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	char b[48];

	for (size_t i = 0; i < n; i++) {
		md_str(out, fw_tx_frame(b, sizeof(b), v, f->frames[i].file, f->frames[i].frame));
		if (f->frames[i].role != FW_ROLE_EVIDENCE)
			fprintf(out, " %s", fw_role_name((enum fw_role)f->frames[i].role));
		fputs(i + 1 < n ? ", " : "", out);
	}
	if (!n)
		fputs("-", out);
}

static void ref(FILE *out, const struct fw_view *v, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);

	(void)v;
	md_str(out, ci ? ci->name : "UNKNOWN");
	if (f->id)
		fprintf(out, " \\#%u", f->id);
}

static const struct fw_rw_render render;

static void finding_row(FILE *out, const struct fw_view *v, const struct fw_rw_chains *ch,
			const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	char m1[FW_MAC_STRLEN], m2[FW_MAC_STRLEN];
	char *conf;

	fprintf(out, "| %u | %s | **", f->id, fw_severity_name(f->severity));
	md_str(out, ci ? ci->name : "UNKNOWN");
	fprintf(out, "** | %s %s | ", fw_mac_fmt(m1, f->bssid), fw_mac_fmt(m2, f->sta));
	frames_cell(out, v, f);
	fputs(" | ", out);
	fw_rw_chain_cells(out, v, ch, f, &render, " | ", " | ");
	md_str(out, f->detail[0] ? f->detail : (ci ? ci->title : ""));
	conf = fw_rw_confirm(v, f);
	if (conf && conf[0]) {
		fputs("; ", out);
		md_str(out, conf);
	}
	free(conf);
	fputs(" |\n", out);
}

static void findings(FILE *out, const struct fw_view *v)
{
	fputs("## Findings\n\n", out);
	if (!v->n_findings) {
		fputs("No findings.\n\n", out);
		return;
	}
	fputs("Most severe first; *caused by* names the findings each one follows from, *led "
	      "to* those that follow from it.\n\n"
	      "| id | severity | code | link (BSSID, station) | evidence frames | caused by | "
	      "led to | what happened |\n|---:|---|---|---|---|---|---|---|\n", out);
	fw_rw_findings(out, v, &render);
	fputc('\n', out);
}

static void inputs(FILE *out, const struct fw_view *v)
{
	struct fw_rw_key *keys;
	size_t nk = fw_rw_keys_new(v, &keys);
	char *logs;

	fputs("## Inputs\n\n| # | file | link type | frames | malformed | bad FCS | read |\n"
	      "|---:|---|---|---:|---:|---:|---|\n", out);
	for (size_t i = 0; i < v->n_inputs; i++) {
		const struct fw_input *in = v->inputs[i];

		fprintf(out, "| %zu | ", i + 1);
		md_str(out, in->path);
		fputs(" | ", out);
		md_str(out, in->linktype_name ? in->linktype_name : "?");
		fprintf(out, " %d | %" PRIu64 " | %" PRIu64 " | %" PRIu64 " | ", in->linktype,
			in->frames, in->malformed, in->bad_fcs);
		if (in->read_error || in->error[0]) {
			fputs("stopped early: ", out);
			md_str(out, in->error[0] ? in->error : "read error");
		} else {
			fputs("whole", out);
		}
		fputs(" |\n", out);
	}
	fputc('\n', out);
	logs = fw_rw_log_inputs(v);
	if (logs && logs[0]) {
		fputs("### Daemon logs\n\n", out);
		fenced(out, logs);
	}
	free(logs);
	fputs("### Keys\n\n", out);
	if (!nk) {
		fputs("No key verified a handshake.\n\n", out);
	} else {
		fputs("Keys are named by the fingerprint of their PMK; no key bytes are in this "
		      "report.\n\n| key | PMK fingerprint | from | handshakes verified |\n"
		      "|---:|---|---|---:|\n", out);
		for (size_t i = 0; i < nk; i++) {
			fprintf(out, "| %u | ", keys[i].id);
			md_str(out, keys[i].fp && keys[i].fp[0] ? keys[i].fp : "?");
			fputs(" | ", out);
			md_str(out, keys[i].origin ? keys[i].origin : "?");
			fprintf(out, "%s | %zu |\n", keys[i].by_pmkid ? " (PMKID)" : "",
				keys[i].handshakes);
		}
		fputc('\n', out);
	}
	free(keys);
}

static void handshake_title(FILE *out, size_t n, const struct fw_handshake *h)
{
	fprintf(out, "#### Handshake %zu%s: %s", n, h->group ? " (group key)" : "",
		fw_out_outcome_name(h->outcome));
	if (h->outcome_detail[0]) {
		fputs(" (", out);
		md_str(out, h->outcome_detail);
		fputc(')', out);
	}
	fputs("\n\n", out);
	if (h->key_id) {
		fprintf(out, "Verified with key %u%s", h->key_id, h->key_by_pmkid ? " (PMKID)" : "");
		if (h->key_fp[0]) {
			fputs(" (PMK ", out);
			md_str(out, h->key_fp);
			if (h->key_origin && h->key_origin[0]) {
				fputs(", from ", out);
				md_str(out, h->key_origin);
			}
			fputc(')', out);
		}
	} else {
		fputs("Not verified", out);
	}
	if (h->opened_by[0]) {
		fputs("; began: ", out);
		md_str(out, h->opened_by);
	}
	fputs(".\n\n", out);
}

static void ladder(FILE *out, const struct fw_view *v, const struct fw_link *l,
		   const struct fw_rw_link_ix *ix, const struct fw_handshake *h, size_t first,
		   size_t count, bool show_keys)
{
	char *s = fw_rw_ladder_text(v, l, first, count, h, show_keys);

	(void)ix;	/* the text ladder (ladder.c) finds its rows its own way */

	if (s)
		fenced(out, s);
	free(s);
}

static void link_block(FILE *out, const struct fw_view *v, const struct fw_link *l,
		       bool show_keys)
{
	char a[FW_MAC_STRLEN], s[FW_MAC_STRLEN], b1[FW_OUT_SUITE_LEN], b2[FW_OUT_SUITE_LEN],
		b3[FW_OUT_SUITE_LEN];
	const char *akm = fw_out_suite(b1, l->akm, false);
	const char *pw = fw_out_suite(b2, l->pairwise, true);
	const char *gr = fw_out_suite(b3, l->group, true);
	fprintf(out, "### %s ", fw_mac_fmt(a, l->bssid));
	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid)) {
		fputc('"', out);
		md_bytes(out, l->ssid, l->ssid_len);
		fputc('"', out);
	} else {
		fputs("(SSID unknown)", out);
	}
	fprintf(out, " <-> %s\n\n- AKM %s, pairwise %s, group %s\n- file ", fw_mac_fmt(s, l->sta),
		akm ? akm : "?", pw ? pw : "?", gr ? gr : "?");
	md_str(out, fw_out_input_path(v, l->file));
	fprintf(out, "\n- PMF %s; ACKs %s; %" PRIu64 " frames decrypted, %" PRIu64 " not\n\n",
		l->pmf ? "in use" : "not seen", l->acks_visible ? "seen" : "not seen",
		l->frames_decrypted, l->frames_undecrypted);
	if (l->n_eap) {
		char *eap = fw_rw_eap_text(v, l);

		fprintf(out, "Authentication (EAP, %zu packet%s):\n\n", l->n_eap,
			l->n_eap == 1 ? "" : "s");
		if (eap)
			fenced(out, eap);
		free(eap);
	}
	if (!l->n_hs)
		fprintf(out, "No handshake (%zu EAPOL-Key message%s).\n\n", l->n_msgs,
			l->n_msgs == 1 ? "" : "s");
	fw_rw_ladders(out, v, l, show_keys, &render);
	fw_rw_link_findings(out, v, l, &render, "Findings of this link: ", ".\n\n");
}

static const struct fw_rw_render render = {
	.ref = ref,
	.sep = ", ",
	.none = "-",
	.id_mark = "\\#",
	.finding = finding_row,
	.hs_title = handshake_title,
	.ladder = ladder,
	.outside = "#### Messages outside any handshake\n\n",
};

int fw_markdown_write(FILE *out, const struct fw_view *v, const struct fw_report_opts *o)
{
	char sum[256];

	fw_rw_summary(sum, sizeof(sum), v);
	fprintf(out, "# fourway report\n\n%s\n\n", sum);
	findings(out, v);
	inputs(out, v);
	fputs("## Links\n\n", out);
	if (!v->n_links)
		fputs("No EAPOL-Key handshake found.\n\n", out);
	for (size_t i = 0; i < v->n_links; i++)
		link_block(out, v, v->links[i], o && o->show_keys);
	if (v->n_notes) {
		fputs("## Notes\n\n", out);
		for (size_t i = 0; i < v->n_notes; i++) {
			fputs("- ", out);
			md_str(out, v->notes[i]);
			fputc('\n', out);
		}
		fputc('\n', out);
	}
	fputs("---\n\nWritten by ", out);
	md_str(out, o && o->version ? o->version : "fourway");
	fputs(".\n", out);
	return ferror(out) ? FW_EIO : 0;
}
