/*
 * json.c - the JSON document of `analyze --json` (RFC 8259).
 *
 * Layout: one top-level object with "inputs", "links", "findings" and
 * "notes"; each element of those arrays, and each message, starts a line
 * of its own so the document greps well and diffs well.  Numbers are
 * written with printf integer formats only (no floating point: times are
 * integers of nanoseconds printed as seconds with 6 decimals).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "output/fmt.h"
#include "output/json.h"
#include "output/logrows.h"
#include "output/logsonly.h"
#include "output/utf8.h"
#include "util/err.h"
#include "util/hex.h"
#include "util/mac.h"

/* A string of n bytes; ill-formed UTF-8 becomes U+FFFD, one per byte. */
static void jstr_n(FILE *o, const uint8_t *s, size_t n)
{
	fputc('"', o);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = fw_utf8_seq(s + i, n - i, &cp);

		if (k == 0) {
			fputs("\\ufffd", o);
			i++;
			continue;
		}
		if (cp == '"')
			fputs("\\\"", o);
		else if (cp == '\\')
			fputs("\\\\", o);
		else if (cp == '\n')
			fputs("\\n", o);
		else if (cp == '\t')
			fputs("\\t", o);
		else if (cp < 0x20 || cp == 0x7f)
			fprintf(o, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, k, o);
		i += k;
	}
	fputc('"', o);
}

/* A C string, or null for NULL. */
static void jstr(FILE *o, const char *s)
{
	if (!s)
		fputs("null", o);
	else
		jstr_n(o, (const uint8_t *)s, strlen(s));
}

static void jmac(FILE *o, const uint8_t mac[6])
{
	char b[FW_MAC_STRLEN];

	fprintf(o, "\"%s\"", fw_mac_fmt(b, mac));
}

static void jhex(FILE *o, const uint8_t *p, size_t n)
{
	char b[2 * 64 + 1];

	if (n > 64)
		n = 64;
	fprintf(o, "\"%s\"", fw_hex_encode(b, p, n));
}

static void jbool(FILE *o, bool b)
{
	fputs(b ? "true" : "false", o);
}

static void jtime(FILE *o, int64_t ns)
{
	char b[FW_OUT_TIME_LEN];

	fputs(fw_out_time(b, ns), o);
}

/* A frame reference: its number, or {file, frame} across merged inputs. */
static void jframe(FILE *o, const struct fw_view *v, unsigned file, uint64_t frame)
{
	if (!v->merged) {
		fprintf(o, "%" PRIu64, frame);
		return;
	}
	fputs("{\"file\":", o);
	jstr(o, fw_out_input_path(v, file));
	fprintf(o, ",\"frame\":%" PRIu64 "}", frame);
}

static const char *jacked(enum fw_acked a)
{
	return a == FW_ACK_UNKNOWN ? "null" : a == FW_ACK_YES ? "true" : "false";
}

/* Where the frame was recorded: each file and interface, the first first. */
static void jsightings(FILE *o, const struct fw_view *v, const struct fw_sighting *s, unsigned n)
{
	fputs(",\"sightings\":[", o);
	for (unsigned k = 0; k < n && k < FW_MAX_SIGHTINGS; k++) {
		fputs(k ? ",{\"file\":" : "{\"file\":", o);
		jstr(o, fw_out_input_path(v, s[k].file));
		fprintf(o, ",\"iface\":%" PRIu32 ",\"frame\":%" PRIu64 ",\"acked\":%s}", s[k].iface,
			s[k].frame, jacked(s[k].acked));
	}
	fputc(']', o);
}

static void jsuite(FILE *o, uint32_t suite, bool cipher)
{
	char b[FW_OUT_SUITE_LEN];

	jstr(o, fw_out_suite(b, suite, cipher));
}

static void write_input(FILE *o, const struct fw_input *in)
{
	fputs("{\"file\":", o);
	jstr(o, in->path);
	fprintf(o, ",\"linktype\":%d,\"linktype_name\":", in->linktype);
	jstr(o, in->linktype_name);
	fprintf(o, ",\"frames\":%" PRIu64 ",\"malformed\":%" PRIu64 ",\"bad_fcs\":%" PRIu64,
		in->frames, in->malformed, in->bad_fcs);
	if (in->read_error || in->error[0]) {
		fputs(",\"error\":", o);
		jstr(o, in->error[0] ? in->error : "read error");
	}
	fputc('}', o);
}

/* Key Data of M3/G1 after unwrapping: key ids always, key bytes on request. */
static void write_key_data(FILE *o, const struct fw_msg *m, bool show_keys)
{
	fputs(",\"key_data\":{\"decrypted\":", o);
	jbool(o, m->kd_decrypted);
	if (m->kd_error[0]) {
		fputs(",\"error\":", o);
		jstr(o, m->kd_error);
	}
	if (m->gtk_len) {
		fprintf(o, ",\"gtk_keyid\":%u,\"gtk_len\":%u", (unsigned)m->gtk_keyid,
			(unsigned)m->gtk_len);
		if (show_keys) {
			fputs(",\"gtk\":", o);
			jhex(o, m->gtk, m->gtk_len);
		}
	}
	if (m->igtk_len) {
		fprintf(o, ",\"igtk_keyid\":%u,\"igtk_len\":%u", (unsigned)m->igtk_keyid,
			(unsigned)m->igtk_len);
		if (show_keys) {
			fputs(",\"igtk\":", o);
			jhex(o, m->igtk, m->igtk_len);
		}
	}
	if (m->bigtk_len) {
		fprintf(o, ",\"bigtk_keyid\":%u,\"bigtk_len\":%u", (unsigned)m->bigtk_keyid,
			(unsigned)m->bigtk_len);
		if (show_keys) {
			fputs(",\"bigtk\":", o);
			jhex(o, m->bigtk, m->bigtk_len);
		}
	}
	fputs(",\"mlo\":", o);
	jbool(o, m->mlo);
	fputc('}', o);
}

/*
 * The key that verified a message or handshake: its number, its PMK's
 * fingerprint and (for a handshake, origin not NULL) where it came from.
 */
static void write_key(FILE *o, unsigned key_id, const char *fp, const char *origin)
{
	fputs(",\"key\":", o);
	if (key_id)
		fprintf(o, "%u", key_id);
	else
		fputs("null", o);
	fputs(",\"key_fingerprint\":", o);
	jstr(o, key_id && fp[0] ? fp : NULL);
	if (!origin)
		return;
	fputs(",\"key_origin\":", o);
	jstr(o, key_id && origin[0] ? origin : NULL);
}

/* "pmkid_check": msg 1/4's PMKID against the keys given (fourway(1), JSON). */
static void write_pmkid_check(FILE *o, const struct fw_msg *m)
{
	static const char *const name[] = {
		[FW_PMKID_NONE] = "unchecked", [FW_PMKID_OK] = "ok",
		[FW_PMKID_MISMATCH] = "mismatch", [FW_PMKID_UNCHECKED] = "unchecked",
	};

	fputs(",\"pmkid_check\":{\"verdict\":", o);
	jstr(o, name[m->pmkid_verdict]);
	write_key(o, m->pmkid_key, m->pmkid_key_fp, NULL);
	fprintf(o, ",\"keys_tried\":%u,\"reason\":", m->pmkid_keys_tried);
	jstr(o, m->pmkid_reason[0] ? m->pmkid_reason : NULL);
	fputc('}', o);
}

/* The key model: whether the receiver held the key that opened a protected frame. */
static void write_rx_key(FILE *o, const struct fw_view *v, unsigned file, enum fw_rx_key k,
			 enum fw_rx_why w, uint64_t at)
{
	fputs(",\"rx_has_key\":", o);
	jstr(o, fw_out_rx_key_name(k));
	fputs(",\"rx_key_reason\":", o);
	jstr(o, fw_out_rx_why_name(w));
	fputs(",\"rx_key_frame\":", o);
	if (at)
		jframe(o, v, file, at);
	else
		fputs("null", o);
}

static void write_msg(FILE *o, const struct fw_view *v, const struct fw_msg *m, bool show_keys)
{
	fputs("{\"msg\":", o);
	jstr(o, fw_out_msg_name(m->type));
	fputs(",\"file\":", o);
	jstr(o, fw_out_input_path(v, m->file));
	fprintf(o, ",\"frame\":%" PRIu64 ",\"time\":", m->frame);
	jtime(o, m->ts_ns);
	fprintf(o, ",\"replay_counter\":%" PRIu64 ",\"retry\":", m->replay_counter);
	jbool(o, m->retry);
	fputs(",\"protected\":", o);
	jbool(o, m->protected_);
	fputs(",\"from\":", o);
	fputs(m->from_ap ? "\"ap\"" : "\"sta\"", o);
	if (m->has_seq)
		fprintf(o, ",\"seq\":%u", (unsigned)m->seq);
	else
		fputs(",\"seq\":null", o);
	fprintf(o, ",\"key_info\":%u,\"descriptor\":%u,\"version\":%u,\"nonce\":",
		(unsigned)m->key_info, (unsigned)m->desc_type, (unsigned)m->version);
	if (m->nonce_zero)
		fputs("null", o);
	else
		jhex(o, m->nonce, sizeof(m->nonce));
	if (m->has_pmkid) {
		fputs(",\"pmkid\":", o);
		jhex(o, m->pmkid, sizeof(m->pmkid));
		write_pmkid_check(o, m);
	}
	fputs(",\"mic\":", o);
	jstr(o, fw_out_mic_name(m->mic));
	if (m->mic_reason[0]) {
		fputs(",\"mic_reason\":", o);
		jstr(o, m->mic_reason);
	}
	fputs(",\"anonce_from\":", o);
	if (m->anonce_from)
		jframe(o, v, m->anonce_from_file, m->anonce_from);
	else
		fputs("null", o);
	if (m->type == FW_MSG_M2 || m->type == FW_MSG_M4 || m->type == FW_MSG_G2) {
		fputs(",\"answers\":", o);
		if (m->answers)
			jframe(o, v, m->answers_file, m->answers);
		else
			fputs("null", o);
		fputs(",\"late\":", o);
		jbool(o, m->late);
	}
	write_key(o, m->key_id, m->key_fp, NULL);
	fprintf(o, ",\"trailing\":%zu,\"key_data_len\":%u,\"acked\":", m->trailing,
		(unsigned)m->key_data_len);
	fputs(jacked(m->acked), o);
	fputs(",\"ack_frame\":", o);
	if (m->ack_frame)
		jframe(o, v, m->ack_file, m->ack_frame);
	else
		fputs("null", o);
	jsightings(o, v, m->sightings, m->n_sightings);
	fputs(",\"retransmission\":", o);
	if (fw_out_retrans_name(m->retrans)) {
		jstr(o, fw_out_retrans_name(m->retrans));
		fputs(",\"retransmits\":", o);
		jframe(o, v, m->retrans_of_file, m->retrans_of);
	} else {
		fputs("null", o);
	}
	if (m->protected_) {
		fputs(",\"decrypted_with\":", o);
		if (fw_out_dec_key_name(m->dec_key))
			jstr(o, fw_out_dec_key_name(m->dec_key));
		else
			fputs("null", o);
		fprintf(o, ",\"pn\":%" PRIu64, m->pn);
		write_rx_key(o, v, m->file, m->rx_has_key, m->rx_why, m->rx_key_frame);
	}
	if (m->mic == FW_MICV_BAD && m->n_tried) {
		fputs(",\"candidates\":[", o);
		for (unsigned i = 0; i < m->n_tried && i < FW_MSG_MAX_TRIED; i++)
			fprintf(o, "%s{\"key\":%u,\"anonce_frame\":%" PRIu64 ",\"snonce_frame\":%" PRIu64 "}",
				i ? "," : "", m->tried[i].key_id, m->tried[i].anonce_frame,
				m->tried[i].snonce_frame);
		fprintf(o, "],\"candidates_tried\":%u", m->n_tried);
	}
	if ((m->type == FW_MSG_M3 || m->type == FW_MSG_G1) && (m->kd_decrypted || m->kd_error[0]))
		write_key_data(o, m, show_keys);
	fputc('}', o);
}

/* The EAP authentication before the handshakes. */
static void write_eap(FILE *o, const struct fw_view *v, const struct fw_link *l)
{
	char buf[16];

	fputs(",\"eap\":[", o);
	for (size_t i = 0; i < l->n_eap; i++) {
		const struct fw_eap_event *e = &l->eap[i];
		const char *method = fw_out_eap_method(buf, e->method);

		fputs(i ? "," : "", o);
		fputs("{\"frame\":", o);
		jframe(o, v, e->file, e->frame);
		fputs(",\"time\":", o);
		jtime(o, e->ts_ns);
		fputs(",\"from\":", o);
		fputs(e->from_ap ? "\"ap\"" : "\"sta\"", o);
		fputs(",\"packet\":", o);
		jstr(o, fw_out_eap_name(e));
		fputs(",\"method\":", o);
		if (method)
			jstr(o, method);
		else
			fputs("null", o);
		if (e->identity[0]) {
			fputs(",\"identity\":", o);
			jstr(o, e->identity);
		}
		fputc('}', o);
	}
	fputc(']', o);
}

/* The protected frames kept around each msg 3/4, with the key that opened them. */
static void write_pframes(FILE *o, const struct fw_view *v, const struct fw_link *l)
{
	fputs(",\"protected_frames\":[", o);
	for (size_t i = 0; i < l->n_pframes; i++) {
		const struct fw_pframe *p = &l->pframes[i];

		fputs(i ? "," : "", o);
		fputs("{\"frame\":", o);
		jframe(o, v, p->file, p->frame);
		fputs(",\"from\":", o);
		fputs(p->from_ap ? "\"ap\"" : "\"sta\"", o);
		fprintf(o, ",\"pn\":%" PRIu64 ",\"mgmt\":", p->pn);
		jbool(o, p->mgmt);
		fputs(",\"eapol\":", o);
		jbool(o, p->is_eapol);
		fputs(",\"decrypted_with\":", o);
		if (fw_out_dec_key_name(p->dec_key))
			jstr(o, fw_out_dec_key_name(p->dec_key));
		else
			fputs("null", o);
		fputs(",\"key_handshake\":", o);
		/* numbered from 1, as handshakes are in the report and the live events */
		if (p->dec_hs >= 0)
			fprintf(o, "%d", p->dec_hs + 1);
		else
			fputs("null", o);
		write_rx_key(o, v, p->file, p->rx_has_key, p->rx_why, p->rx_key_frame);
		fputs(",\"acked\":", o);
		fputs(jacked(p->acked), o);
		jsightings(o, v, p->sightings, p->n_sightings);
		fputc('}', o);
	}
	fputc(']', o);
}

static void write_handshake(FILE *o, const struct fw_view *v, const struct fw_link *l,
			    const struct fw_handshake *h, bool show_keys)
{
	fputs("{\"group\":", o);
	jbool(o, h->group);
	fputs(",\"outcome\":", o);
	jstr(o, fw_out_outcome_name(h->outcome));
	fputs(",\"detail\":", o);
	jstr(o, h->outcome_detail[0] ? h->outcome_detail : NULL);
	fputs(",\"opened_by\":", o);
	jstr(o, h->opened_by[0] ? h->opened_by : NULL);
	write_key(o, h->key_id, h->key_fp, h->key_origin ? h->key_origin : "");
	fputs(",\"key_by\":", o);
	jstr(o, !h->key_id ? NULL : h->key_by_pmkid ? "pmkid" : "mic");
	fputs(",\"end\":", o);
	if (h->ended) {
		fprintf(o, "{\"type\":\"%s\",\"from\":\"%s\",\"reason\":%u,\"file\":",
			h->end_disassoc ? "disassoc" : "deauth", h->end_from_ap ? "ap" : "sta",
			(unsigned)h->end_reason);
		jstr(o, fw_out_input_path(v, h->end_file));
		fprintf(o, ",\"frame\":%" PRIu64 ",\"time\":", h->end_frame);
		jtime(o, h->end_ts_ns);
		fputc('}', o);
	} else {
		fputs("null", o);
	}
	fputs(",\"messages\":[", o);
	for (size_t i = 0; i < h->count && h->first + i < l->n_msgs; i++) {
		fputs(i ? ",\n     " : "\n     ", o);
		write_msg(o, v, &l->msgs[h->first + i], show_keys);
	}
	fputs("]}", o);
}

/* The daemons' logs (--log): each event with its file and line, its time on the capture's clock. */
static void write_log_event(FILE *o, const struct fw_view *v, const struct fw_dlog *l,
			    const struct fw_dlog_event *e)
{
	char mac[18];
	int64_t t;

	(void)v;
	fputs("{\"file\":", o);
	jstr(o, l->path);
	fprintf(o, ",\"line\":%" PRIu64 ",\"daemon\":", e->line);
	jstr(o, fw_dlog_daemon_name(e->daemon != FW_DLOG_UNKNOWN ? e->daemon : l->daemon));
	fputs(",\"side\":", o);
	jstr(o, fw_dlog_event_ap_side(l, e) ? "ap" : "station");
	fputs(",\"time\":", o);
	if (e->has_ts && l->fit.aligned && !fw_dlog_place(l, e->ts_ns, &t))
		jtime(o, t);
	else
		fputs("null", o);
	fputs(",\"log_time\":", o);
	if (e->has_ts)
		jtime(o, e->ts_ns);
	else
		fputs("null", o);
	fputs(",\"kind\":", o);
	jstr(o, fw_dlog_kind_name(e->kind));
	fputs(",\"message\":", o);
	if (e->msg != FW_DLOG_MSG_NONE) {
		jstr(o, fw_dlog_msg_name(e->msg));
		fputs(",\"from_ap\":", o);
		jbool(o, e->msg_from_ap);
	} else {
		fputs("null", o);
	}
	fputs(",\"replay_counter\":", o);
	if (e->has_rc)
		fprintf(o, "%" PRIu64, e->replay_counter);
	else
		fputs("null", o);
	if (e->has_nonce) {
		fputs(",\"nonce\":", o);
		jhex(o, e->nonce, 32);
	}
	if (e->ack >= 0)
		fprintf(o, ",\"ack\":%d", e->ack);
	if (e->has_reason)
		fprintf(o, ",\"reason\":%u", (unsigned)e->reason);
	if (e->kind == FW_DLOG_EV_DISCONNECTED) {
		fputs(",\"locally_generated\":", o);
		jbool(o, e->locally_generated);
	}
	if (e->attempt)
		fprintf(o, ",\"attempt\":%u", e->attempt);
	if (e->has_peer) {
		fputs(",\"peer\":", o);
		jstr(o, fw_mac_fmt(mac, e->peer));
	}
	if (e->detail[0]) {
		fputs(",\"detail\":", o);
		jstr(o, e->detail);
	}
	fputc('}', o);
}

static void write_link_logs(FILE *o, const struct fw_view *v, const struct fw_link *l)
{
	bool first = true;

	if (!v->n_logs)
		return;
	fputs(",\"log_events\":[", o);
	for (size_t i = 0; i < v->n_logs; i++) {
		const struct fw_dlog *d = v->logs[i];

		struct fw_dlog_link_iter it;
		const struct fw_dlog_event *e;

		fw_dlog_link_first(&it, d, l->bssid, l->sta);
		while ((e = fw_dlog_link_next(&it)) != NULL) {
			fputs(first ? "\n     " : ",\n     ", o);
			first = false;
			write_log_event(o, v, d, e);
		}
	}
	fputc(']', o);
}

static void write_log(FILE *o, const struct fw_dlog *l)
{
	const struct fw_dlog_fit *f = &l->fit;
	char mac[18];

	fputs("{\"file\":", o);
	jstr(o, l->path);
	fputs(",\"daemon\":", o);
	jstr(o, fw_dlog_daemon_name(l->daemon));
	fputs(",\"role\":", o);
	if (l->daemon == FW_DLOG_UNKNOWN)
		fputs("null", o);
	else
		jstr(o, l->ap_side ? "ap" : "station");
	fprintf(o, ",\"lines\":%" PRIu64 ",\"events\":%zu,\"offset\":", l->lines, l->n_events);
	if (f->aligned)
		fprintf(o, "%s%" PRId64 ".%09" PRId64, f->offset_ns < 0 ? "-" : "",
			(f->offset_ns < 0 ? -f->offset_ns : f->offset_ns) / 1000000000,
			(f->offset_ns < 0 ? -f->offset_ns : f->offset_ns) % 1000000000);
	else
		fputs("null", o);
	fputs(",\"fit\":{\"aligned\":", o);
	jbool(o, f->aligned);
	fprintf(o, ",\"matched\":%u,\"candidates\":%u,\"outliers\":%u", f->matched, f->candidates,
		f->outliers);
	if (f->aligned)
		fprintf(o, ",\"residual_us\":%" PRId64 ",\"rms_us\":%" PRId64, f->residual_ns / 1000,
			f->rms_ns / 1000);
	if (f->aligned)
		fprintf(o, ",\"drift_fitted\":%s,\"drift_ppm\":%.3f,\"span_s\":%" PRId64 ".%03" PRId64,
			f->drift_fitted ? "true" : "false", f->drift_fitted ? f->drift_ppm : 0.0,
			f->span_ns / 1000000000, f->span_ns / 1000000 % 1000);
	if (f->has_own) {
		fputs(",\"own\":", o);
		jstr(o, fw_mac_fmt(mac, f->own));
	}
	fputs("},\"notes\":[", o);
	for (size_t i = 0; i < l->n_notes; i++) {
		if (i)
			fputc(',', o);
		jstr(o, l->notes[i]);
	}
	fputs("]}", o);
}

static void write_link(FILE *o, const struct fw_view *v, const struct fw_link *l, bool show_keys)
{
	fputs("{\"file\":", o);
	jstr(o, fw_out_input_path(v, l->file));
	fputs(",\"bssid\":", o);
	jmac(o, l->bssid);
	fputs(",\"sta\":", o);
	jmac(o, l->sta);
	fputs(",\"ssid\":", o);
	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid) && fw_utf8_valid(l->ssid, l->ssid_len)) {
		jstr_n(o, l->ssid, l->ssid_len);
	} else if (l->has_ssid && l->ssid_len <= sizeof(l->ssid)) {
		/* not UTF-8: keep every byte, unambiguously */
		fputs("null,\"ssid_hex\":", o);
		jhex(o, l->ssid, l->ssid_len);
	} else {
		fputs("null", o);
	}
	fputs(",\"akm\":", o);
	jsuite(o, l->akm, false);
	/* "cipher" is the pairwise cipher, the one that protects this link's frames */
	fputs(",\"cipher\":", o);
	jsuite(o, l->pairwise, true);
	fputs(",\"pairwise\":", o);
	jsuite(o, l->pairwise, true);
	fputs(",\"group\":", o);
	jsuite(o, l->group, true);
	fputs(",\"pmf\":", o);
	jbool(o, l->pmf);
	fputs(",\"acks_visible\":", o);
	jbool(o, l->acks_visible);
	fprintf(o, ",\"acks_unmatched\":%" PRIu64 ",\"duplicates\":%" PRIu64, l->acks_unmatched,
		l->duplicates);
	fprintf(o, ",\"frames_decrypted\":%" PRIu64 ",\"frames_undecrypted\":%" PRIu64,
		l->frames_decrypted, l->frames_undecrypted);
	write_pframes(o, v, l);
	write_eap(o, v, l);
	write_link_logs(o, v, l);
	fputs(",\"handshakes\":[", o);
	for (size_t i = 0; i < l->n_hs; i++) {
		fputs(i ? ",\n    " : "\n    ", o);
		write_handshake(o, v, l, &l->hs[i], show_keys);
	}
	fputs("]}", o);
}

/* "confirmed_by_log": the daemon's log line that confirms the finding (logrows.h). */
static void write_log_confirm(FILE *o, const struct fw_view *v, const struct fw_finding *f)
{
	struct fw_logconfirm c;

	if (!fw_logrows_confirm(v, f, &c))
		return;
	fputs(",\"confirmed_by_log\":{\"file\":", o);
	jstr(o, v->logs[c.log]->path);
	fprintf(o, ",\"line\":%" PRIu64 ",\"kind\":", c.e->line);
	jstr(o, fw_dlog_kind_name(c.e->kind));
	fputs(",\"detail\":", o);
	jstr(o, c.e->detail);
	fprintf(o, ",\"relative_to_frame\":%" PRIu64 ",\"relative_us\":%" PRId64, c.m4->frame,
		c.rel_ns / 1000);
	fputs(",\"says\":", o);
	jstr(o, c.says);
	fputs(",\"lines\":[", o);
	for (size_t i = 0; i < c.n_lines; i++)
		fprintf(o, "%s%" PRIu64, i ? "," : "", c.lines[i]->line);
	fputs("]}", o);
}

/* "log_lines": the daemons' log lines a finding drawn with the logs rests on. */
static void write_log_lines(FILE *o, const struct fw_view *v, const struct fw_finding *f)
{
	size_t n = f->n_log_lines < FW_FINDING_MAX_LOG_LINES ? f->n_log_lines
							      : FW_FINDING_MAX_LOG_LINES;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (f->log_lines[i].log >= v->n_logs)
			continue;
		fputs(any ? ",{\"file\":" : ",\"log_lines\":[{\"file\":", o);
		jstr(o, v->logs[f->log_lines[i].log]->path);
		fprintf(o, ",\"line\":%" PRIu64 ",\"what\":", f->log_lines[i].line);
		jstr(o, f->log_lines[i].what ? f->log_lines[i].what : "");
		fputc('}', o);
		any = true;
	}
	if (any)
		fputc(']', o);
}

static void write_finding(FILE *o, const struct fw_view *v, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;

	fprintf(o, "{\"id\":%u,\"code\":", f->id);
	jstr(o, ci ? ci->name : "UNKNOWN");
	fputs(",\"severity\":", o);
	jstr(o, fw_severity_name(f->severity));
	fputs(",\"file\":", o);
	jstr(o, fw_out_input_path(v, f->file));
	fputs(",\"bssid\":", o);
	jmac(o, f->bssid);
	fputs(",\"sta\":", o);
	jmac(o, f->sta);
	fputs(",\"frames\":[", o);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', o);
		jframe(o, v, f->frames[i].file, f->frames[i].frame);
	}
	/* the same frames, each with its file and role */
	fputs("],\"evidence\":[", o);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",{\"file\":" : "{\"file\":", o);
		jstr(o, fw_out_input_path(v, f->frames[i].file));
		fprintf(o, ",\"frame\":%" PRIu64 ",\"role\":", f->frames[i].frame);
		jstr(o, fw_role_name((enum fw_role)f->frames[i].role));
		fputc('}', o);
	}
	fputs("],\"caused_by\":[", o);
	for (size_t i = 0; i < f->n_causes && i < FW_FINDING_MAX_CAUSES; i++)
		fprintf(o, "%s%u", i ? "," : "", f->caused_by[i]);
	fputs("],\"time\":", o);
	jtime(o, f->ts_ns);
	fputs(",\"detail\":", o);
	jstr(o, f->detail);
	if (f->diagnosis[0]) {
		fputs(",\"diagnosis\":", o);
		jstr(o, f->diagnosis);
	}
	write_log_confirm(o, v, f);
	write_log_lines(o, v, f);
	fputc('}', o);
}

int fw_json_write(FILE *o, const struct fw_view *v, bool show_keys)
{
	fputs("{\"inputs\":[", o);
	for (size_t i = 0; i < v->n_inputs; i++) {
		fputs(i ? ",\n  " : "\n  ", o);
		write_input(o, v->inputs[i]);
	}
	fputs("],\n\"links\":[", o);
	for (size_t i = 0; i < v->n_links; i++) {
		fputs(i ? ",\n  " : "\n  ", o);
		write_link(o, v, v->links[i], show_keys);
	}
	fputs("],\n\"findings\":[", o);
	for (size_t i = 0; i < v->n_findings; i++) {
		fputs(i ? ",\n  " : "\n  ", o);
		write_finding(o, v, v->findings[i]);
	}
	fputs("],\n\"notes\":[", o);
	for (size_t i = 0; i < v->n_notes; i++) {
		fputs(i ? ",\n  " : "\n  ", o);
		jstr(o, v->notes[i]);
	}
	/* "logs" only with --log, so documents without logs stay as they were */
	if (v->n_logs)
		fputs("],\n\"logs\":[", o);
	for (size_t i = 0; i < v->n_logs; i++) {
		fputs(i ? ",\n  " : "\n  ", o);
		write_log(o, v->logs[i]);
	}
	fputs("]}\n", o);
	return ferror(o) ? FW_EIO : 0;
}

/*
 * With no capture: the links the logs name, each with its log events (times
 * on each log's own clock: "time" null, "log_time" set), and the logs.
 */
int fw_json_write_logs_only(FILE *o, const struct fw_dlog *const *logs, size_t n)
{
	struct fw_logsonly_link k[FW_LOGSONLY_MAX_LINKS];
	size_t m = fw_logsonly_links(logs, n, k, FW_LOGSONLY_MAX_LINKS);
	struct fw_view v;
	bool first_link = true;

	memset(&v, 0, sizeof(v));
	v.logs = logs;
	v.n_logs = n;
	fputs("{\"inputs\":[],\n\"links\":[", o);
	for (size_t i = 0; i < m; i++) {
		bool first = true;

		if (k[i].dropped)
			continue;
		fputs(first_link ? "\n  {\"file\":null,\"bssid\":" : ",\n  {\"file\":null,\"bssid\":", o);
		first_link = false;
		if (memcmp(k[i].ap, (const uint8_t[6]){ 0 }, 6) == 0)
			fputs("null", o);
		else
			jmac(o, k[i].ap);
		fputs(",\"sta\":", o);
		if (memcmp(k[i].sta, (const uint8_t[6]){ 0 }, 6) == 0)
			fputs("null", o);
		else
			jmac(o, k[i].sta);
		fputs(",\"from_logs\":true,\"log_events\":[", o);
		for (size_t j = 0; j < n; j++)
			for (size_t e = 0; e < logs[j]->n_events; e++) {
				if (!fw_logsonly_on(&k[i], j, logs[j], &logs[j]->events[e]))
					continue;
				fputs(first ? "\n     " : ",\n     ", o);
				first = false;
				write_log_event(o, &v, logs[j], &logs[j]->events[e]);
			}
		fputs("],\"handshakes\":[]}", o);
	}
	fputs("],\n\"findings\":[],\n\"notes\":[],\n\"logs\":[", o);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n  " : "\n  ", o);
		write_log(o, logs[i]);
	}
	fputs("]}\n", o);
	return ferror(o) ? FW_EIO : 0;
}

/* Single objects of the document, for `live --json` (one object per line). */
void fw_json_write_finding(FILE *o, const struct fw_view *v, const struct fw_finding *f)
{
	write_finding(o, v, f);
}

void fw_json_write_msg(FILE *o, const struct fw_view *v, const struct fw_msg *m, bool show_keys)
{
	write_msg(o, v, m, show_keys);
}

void fw_json_write_str(FILE *o, const char *s)
{
	jstr(o, s);
}
