/*
 * json.c - the JSON document of `analyze --json` (RFC 8259), its values
 * made and serialised by json-c.
 *
 * Layout: one top-level object with "inputs", "links", "findings" and
 * "notes"; each element of those arrays, and each handshake, message and
 * log event, starts a line of its own so the document greps well and diffs
 * well.  The top level is placed here; each element is one json-c tree,
 * serialised compactly, whose line-broken arrays carry a serialiser of
 * their own (lines_to_json) that only places their elements; a link is
 * written in parts, its handshakes a tree each (emit_link).  Numbers
 * that are not integers (times in seconds with 6 decimals, a log's offset
 * and drift) keep the text we format for them (json_object_new_double_s),
 * so no floating-point rounding reaches the document.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <json-c/printbuf.h>

#include "output/fmt.h"
#include "output/json.h"
#include "output/logrows.h"
#include "output/logsonly.h"
#include "output/utf8.h"
#include "util/err.h"
#include "util/hex.h"
#include "util/mac.h"

/*
 * What every builder needs: the view, whether key bytes are shown, and
 * whether a value could not be made (json-c returns NULL when out of
 * memory), in which case the element is dropped instead of written wrong.
 */
struct jb {
	const struct fw_view *v;
	bool show_keys;
	bool oom;
};

static struct json_object *made(struct jb *b, struct json_object *x)
{
	if (!x)
		b->oom = true;
	return x;
}

static struct json_object *jobj(struct jb *b)
{
	return made(b, json_object_new_object());
}

/* Member key of o: keys are string literals, each added once. */
static void put(struct jb *b, struct json_object *o, const char *key, struct json_object *val)
{
	if (!o || json_object_object_add_ex(o, key, val, JSON_C_OBJECT_ADD_KEY_IS_NEW |
					    JSON_C_OBJECT_ADD_CONSTANT_KEY) != 0) {
		json_object_put(val);
		b->oom = true;
	}
}

static struct json_object *jarr(struct jb *b, size_t hint)
{
	return made(b, json_object_new_array_ext(hint ? (int)(hint < 64 ? hint : 64) : 1));
}

static void add(struct jb *b, struct json_object *a, struct json_object *val)
{
	if (!a || json_object_array_add(a, val) != 0) {
		json_object_put(val);
		b->oom = true;
	}
}

/*
 * An array whose elements each start a line: "[" then, before each
 * element, its indentation (the userdata), with "," between; "]".
 */
static int lines_to_json(struct json_object *a, struct printbuf *pb, int level, int flags)
{
	const char *indent = json_object_get_userdata(a);
	size_t n = json_object_array_length(a);

	(void)level;
	if (printbuf_strappend(pb, "[") < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *s = json_object_to_json_string_length(json_object_array_get_idx(a, i),
								 flags, &len);

		if (!s || (i && printbuf_strappend(pb, ",") < 0) ||
		    printbuf_memappend(pb, indent, (int)strlen(indent)) < 0 ||
		    printbuf_memappend(pb, s, (int)len) < 0)
			return -1;
	}
	return printbuf_strappend(pb, "]");
}

static struct json_object *jlines(struct jb *b, size_t hint, const char *indent)
{
	struct json_object *a = jarr(b, hint);

	if (a)
		json_object_set_serializer(a, lines_to_json, (void *)indent, NULL);
	return a;
}

/*
 * A string of n bytes; ill-formed UTF-8 becomes U+FFFD, one per byte, so
 * json-c is only ever handed UTF-8 (RFC 8259 section 8.1).
 */
static struct json_object *jstr_n(struct jb *b, const uint8_t *s, size_t n)
{
	static const uint8_t fffd[3] = { 0xef, 0xbf, 0xbd };
	struct json_object *x;
	uint8_t *t;
	size_t k = 0;

	if (fw_utf8_valid(s, n))
		return made(b, json_object_new_string_len((const char *)s, (int)n));
	t = malloc(3 * n);
	if (!t)
		return made(b, NULL);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t m = fw_utf8_seq(s + i, n - i, &cp);

		if (m == 0) {
			memcpy(t + k, fffd, sizeof(fffd));
			k += sizeof(fffd);
			i++;
			continue;
		}
		memcpy(t + k, s + i, m);
		k += m;
		i += m;
	}
	x = json_object_new_string_len((const char *)t, (int)k);
	free(t);
	return made(b, x);
}

/* A C string, or null for NULL. */
static struct json_object *jstr(struct jb *b, const char *s)
{
	return s ? jstr_n(b, (const uint8_t *)s, strlen(s)) : NULL;
}

static struct json_object *jmac(struct jb *b, const uint8_t mac[6])
{
	char s[FW_MAC_STRLEN];

	return made(b, json_object_new_string(fw_mac_fmt(s, mac)));
}

static struct json_object *jhex(struct jb *b, const uint8_t *p, size_t n)
{
	char s[2 * 64 + 1];

	if (n > 64)
		n = 64;
	return made(b, json_object_new_string(fw_hex_encode(s, p, n)));
}

static struct json_object *jbool(struct jb *b, bool x)
{
	return made(b, json_object_new_boolean(x));
}

static struct json_object *juint(struct jb *b, uint64_t u)
{
	return made(b, json_object_new_uint64(u));
}

static struct json_object *jint(struct jb *b, int64_t i)
{
	return made(b, json_object_new_int64(i));
}

/* A number written as the text given (its value as a double for readers of the tree). */
static struct json_object *jnum_text(struct jb *b, double d, const char *text)
{
	return made(b, json_object_new_double_s(d, text));
}

/* Seconds with 6 decimals, from integer nanoseconds (fmt.h). */
static struct json_object *jtime(struct jb *b, int64_t ns)
{
	char s[FW_OUT_TIME_LEN];

	return jnum_text(b, (double)ns / 1e9, fw_out_time(s, ns));
}

/* A frame reference: its number, or {file, frame} across merged inputs. */
static struct json_object *jframe(struct jb *b, unsigned file, uint64_t frame)
{
	struct json_object *o;

	if (!b->v->merged)
		return juint(b, frame);
	o = jobj(b);
	put(b, o, "file", jstr(b, fw_out_input_path(b->v, file)));
	put(b, o, "frame", juint(b, frame));
	return o;
}

/* A frame reference, or null for frame 0 (none). */
static struct json_object *jframe_or_null(struct jb *b, unsigned file, uint64_t frame)
{
	return frame ? jframe(b, file, frame) : NULL;
}

static struct json_object *jacked(struct jb *b, enum fw_acked a)
{
	return a == FW_ACK_UNKNOWN ? NULL : jbool(b, a == FW_ACK_YES);
}

static struct json_object *jfrom(struct jb *b, bool from_ap)
{
	return jstr(b, from_ap ? "ap" : "sta");
}

/* Where the frame was recorded: each file and interface, the first first. */
static void put_sightings(struct jb *b, struct json_object *o, const struct fw_sighting *s,
			  unsigned n)
{
	struct json_object *a = jarr(b, n);

	for (unsigned k = 0; k < n && k < FW_MAX_SIGHTINGS; k++) {
		struct json_object *x = jobj(b);

		put(b, x, "file", jstr(b, fw_out_input_path(b->v, s[k].file)));
		put(b, x, "iface", juint(b, s[k].iface));
		put(b, x, "frame", juint(b, s[k].frame));
		put(b, x, "acked", jacked(b, s[k].acked));
		add(b, a, x);
	}
	put(b, o, "sightings", a);
}

static struct json_object *jsuite(struct jb *b, uint32_t suite, bool cipher)
{
	char s[FW_OUT_SUITE_LEN];

	return jstr(b, fw_out_suite(s, suite, cipher));
}

static struct json_object *input_json(struct jb *b, const struct fw_input *in)
{
	struct json_object *o = jobj(b);

	put(b, o, "file", jstr(b, in->path));
	put(b, o, "linktype", jint(b, in->linktype));
	put(b, o, "linktype_name", jstr(b, in->linktype_name));
	put(b, o, "frames", juint(b, in->frames));
	put(b, o, "malformed", juint(b, in->malformed));
	put(b, o, "bad_fcs", juint(b, in->bad_fcs));
	if (in->read_error || in->error[0])
		put(b, o, "error", jstr(b, in->error[0] ? in->error : "read error"));
	return o;
}

/* Key Data of M3/G1 after unwrapping: key ids always, key bytes on request. */
static void put_key_data(struct jb *b, struct json_object *o, const struct fw_msg *m)
{
	struct json_object *k = jobj(b);
	const struct fw_msg_more *x = fw_msg_more(m);

	put(b, k, "decrypted", jbool(b, m->kd_decrypted));
	if (x->kd_error[0])
		put(b, k, "error", jstr(b, x->kd_error));
	if (x->gtk_len) {
		put(b, k, "gtk_keyid", juint(b, x->gtk_keyid));
		put(b, k, "gtk_len", juint(b, x->gtk_len));
		if (b->show_keys)
			put(b, k, "gtk", jhex(b, x->gtk, x->gtk_len));
	}
	if (x->igtk_len) {
		put(b, k, "igtk_keyid", juint(b, x->igtk_keyid));
		put(b, k, "igtk_len", juint(b, x->igtk_len));
		if (b->show_keys)
			put(b, k, "igtk", jhex(b, x->igtk, x->igtk_len));
	}
	if (x->bigtk_len) {
		put(b, k, "bigtk_keyid", juint(b, x->bigtk_keyid));
		put(b, k, "bigtk_len", juint(b, x->bigtk_len));
		if (b->show_keys)
			put(b, k, "bigtk", jhex(b, x->bigtk, x->bigtk_len));
	}
	put(b, k, "mlo", jbool(b, m->mlo));
	put(b, o, "key_data", k);
}

/*
 * The key that verified a message or handshake: its number, its PMK's
 * fingerprint and (for a handshake, origin not NULL) where it came from.
 */
static void put_key(struct jb *b, struct json_object *o, unsigned key_id, const char *fp,
		    const char *origin)
{
	put(b, o, "key", key_id ? juint(b, key_id) : NULL);
	put(b, o, "key_fingerprint", jstr(b, key_id && fp[0] ? fp : NULL));
	if (origin)
		put(b, o, "key_origin", jstr(b, key_id && origin[0] ? origin : NULL));
}

/* "pmkid_check": msg 1/4's PMKID against the keys given (fourway(1), JSON). */
static void put_pmkid_check(struct jb *b, struct json_object *o, const struct fw_msg *m)
{
	static const char *const name[] = {
		[FW_PMKID_NONE] = "unchecked", [FW_PMKID_OK] = "ok",
		[FW_PMKID_MISMATCH] = "mismatch", [FW_PMKID_UNCHECKED] = "unchecked",
	};
	struct json_object *c = jobj(b);
	const struct fw_msg_more *x = fw_msg_more(m);

	put(b, c, "verdict", jstr(b, name[m->pmkid_verdict]));
	put_key(b, c, m->pmkid_key, m->pmkid_key_fp, NULL);
	put(b, c, "keys_tried", juint(b, m->pmkid_keys_tried));
	put(b, c, "reason", jstr(b, x->pmkid_reason[0] ? x->pmkid_reason : NULL));
	put(b, o, "pmkid_check", c);
}

/* The key model: whether the receiver held the key that opened a protected frame. */
static void put_rx_key(struct jb *b, struct json_object *o, unsigned file, enum fw_rx_key k,
		       enum fw_rx_why w, uint64_t at)
{
	put(b, o, "rx_has_key", jstr(b, fw_out_rx_key_name(k)));
	put(b, o, "rx_key_reason", jstr(b, fw_out_rx_why_name(w)));
	put(b, o, "rx_key_frame", jframe_or_null(b, file, at));
}

static struct json_object *msg_json(struct jb *b, const struct fw_msg *m)
{
	struct json_object *o = jobj(b);

	put(b, o, "msg", jstr(b, fw_out_msg_name(m->type)));
	put(b, o, "file", jstr(b, fw_out_input_path(b->v, m->file)));
	put(b, o, "frame", juint(b, m->frame));
	put(b, o, "time", jtime(b, m->ts_ns));
	put(b, o, "replay_counter", juint(b, m->replay_counter));
	put(b, o, "retry", jbool(b, m->retry));
	put(b, o, "protected", jbool(b, m->protected_));
	put(b, o, "from", jfrom(b, m->from_ap));
	put(b, o, "seq", m->has_seq ? juint(b, m->seq) : NULL);
	put(b, o, "key_info", juint(b, m->key_info));
	put(b, o, "descriptor", juint(b, m->desc_type));
	put(b, o, "version", juint(b, m->version));
	put(b, o, "nonce", m->nonce_zero ? NULL : jhex(b, m->nonce, sizeof(m->nonce)));
	if (m->has_pmkid) {
		put(b, o, "pmkid", jhex(b, m->pmkid, sizeof(m->pmkid)));
		put_pmkid_check(b, o, m);
	}
	put(b, o, "mic", jstr(b, fw_out_mic_name(m->mic)));
	if (fw_msg_mic_reason(m)[0])
		put(b, o, "mic_reason", jstr(b, m->mic_reason));
	put(b, o, "anonce_from", jframe_or_null(b, m->anonce_from_file, m->anonce_from));
	if (m->type == FW_MSG_M2 || m->type == FW_MSG_M4 || m->type == FW_MSG_G2) {
		put(b, o, "answers", jframe_or_null(b, m->answers_file, m->answers));
		put(b, o, "late", jbool(b, m->late));
	}
	put_key(b, o, m->key_id, m->key_fp, NULL);
	put(b, o, "trailing", juint(b, m->trailing));
	put(b, o, "key_data_len", juint(b, m->key_data_len));
	put(b, o, "acked", jacked(b, m->acked));
	put(b, o, "ack_frame", jframe_or_null(b, m->ack_file, m->ack_frame));
	put_sightings(b, o, m->sightings, m->n_sightings);
	if (fw_out_retrans_name(m->retrans)) {
		put(b, o, "retransmission", jstr(b, fw_out_retrans_name(m->retrans)));
		put(b, o, "retransmits", jframe(b, m->retrans_of_file, m->retrans_of));
	} else {
		put(b, o, "retransmission", NULL);
	}
	if (m->protected_) {
		put(b, o, "decrypted_with", jstr(b, fw_out_dec_key_name(m->dec_key)));
		put(b, o, "pn", juint(b, m->pn));
		put_rx_key(b, o, m->file, m->rx_has_key, m->rx_why, m->rx_key_frame);
	}
	if (m->mic == FW_MICV_BAD && m->n_tried) {
		struct json_object *a = jarr(b, m->n_tried);

		for (unsigned i = 0; i < fw_msg_tries_kept(m); i++) {
			struct json_object *c = jobj(b);

			put(b, c, "key", juint(b, m->tried[i].key_id));
			put(b, c, "anonce_frame", juint(b, m->tried[i].anonce_frame));
			put(b, c, "snonce_frame", juint(b, m->tried[i].snonce_frame));
			add(b, a, c);
		}
		put(b, o, "candidates", a);
		put(b, o, "candidates_tried", juint(b, m->n_tried));
	}
	if ((m->type == FW_MSG_M3 || m->type == FW_MSG_G1) &&
	    (m->kd_decrypted || fw_msg_more(m)->kd_error[0]))
		put_key_data(b, o, m);
	return o;
}

/* The EAP authentication before the handshakes. */
static void put_eap(struct jb *b, struct json_object *o, const struct fw_link *l)
{
	struct json_object *a = jarr(b, l->n_eap);
	char buf[16];

	for (size_t i = 0; i < l->n_eap; i++) {
		const struct fw_eap_event *e = &l->eap[i];
		struct json_object *x = jobj(b);

		put(b, x, "frame", jframe(b, e->file, e->frame));
		put(b, x, "time", jtime(b, e->ts_ns));
		put(b, x, "from", jfrom(b, e->from_ap));
		put(b, x, "packet", jstr(b, fw_out_eap_name(e)));
		put(b, x, "method", jstr(b, fw_out_eap_method(buf, e->method)));
		if (e->identity[0])
			put(b, x, "identity", jstr(b, e->identity));
		add(b, a, x);
	}
	put(b, o, "eap", a);
}

/* The protected frames kept around each msg 3/4, with the key that opened them. */
static void put_pframes(struct jb *b, struct json_object *o, const struct fw_link *l)
{
	struct json_object *a = jarr(b, l->n_pframes);

	for (size_t i = 0; i < l->n_pframes; i++) {
		const struct fw_pframe *p = &l->pframes[i];
		struct json_object *x = jobj(b);

		put(b, x, "frame", jframe(b, p->file, p->frame));
		put(b, x, "from", jfrom(b, p->from_ap));
		put(b, x, "pn", juint(b, p->pn));
		put(b, x, "mgmt", jbool(b, p->mgmt));
		put(b, x, "eapol", jbool(b, p->is_eapol));
		put(b, x, "decrypted_with", jstr(b, fw_out_dec_key_name(p->dec_key)));
		/* numbered from 1, as handshakes are in the report and the live events */
		put(b, x, "key_handshake", p->dec_hs >= 0 ? jint(b, p->dec_hs + 1) : NULL);
		put_rx_key(b, x, p->file, p->rx_has_key, p->rx_why, p->rx_key_frame);
		put(b, x, "acked", jacked(b, p->acked));
		put_sightings(b, x, p->sightings, p->n_sightings);
		add(b, a, x);
	}
	put(b, o, "protected_frames", a);
}

static struct json_object *handshake_json(struct jb *b, const struct fw_link *l,
					  const struct fw_handshake *h)
{
	struct json_object *o = jobj(b), *msgs;

	put(b, o, "group", jbool(b, h->group));
	put(b, o, "outcome", jstr(b, fw_out_outcome_name(h->outcome)));
	put(b, o, "detail", jstr(b, h->outcome_detail[0] ? h->outcome_detail : NULL));
	put(b, o, "opened_by", jstr(b, h->opened_by[0] ? h->opened_by : NULL));
	put_key(b, o, h->key_id, h->key_fp, h->key_origin ? h->key_origin : "");
	put(b, o, "key_by", jstr(b, !h->key_id ? NULL : h->key_by_pmkid ? "pmkid" : "mic"));
	if (h->ended) {
		struct json_object *e = jobj(b);

		put(b, e, "type", jstr(b, h->end_disassoc ? "disassoc" : "deauth"));
		put(b, e, "from", jfrom(b, h->end_from_ap));
		put(b, e, "reason", juint(b, h->end_reason));
		put(b, e, "file", jstr(b, fw_out_input_path(b->v, h->end_file)));
		put(b, e, "frame", juint(b, h->end_frame));
		put(b, e, "time", jtime(b, h->end_ts_ns));
		put(b, o, "end", e);
	} else {
		put(b, o, "end", NULL);
	}
	msgs = jlines(b, h->count, "\n     ");
	for (size_t i = 0; i < h->count && h->first + i < l->n_msgs; i++)
		add(b, msgs, msg_json(b, &l->msgs[h->first + i]));
	put(b, o, "messages", msgs);
	return o;
}

/* The daemons' logs (--log): each event with its file and line, its time on the capture's clock. */
static struct json_object *log_event_json(struct jb *b, const struct fw_dlog *l,
					  const struct fw_dlog_event *e)
{
	struct json_object *o = jobj(b);
	char mac[18];
	int64_t t;

	put(b, o, "file", jstr(b, l->path));
	put(b, o, "line", juint(b, e->line));
	put(b, o, "daemon",
	    jstr(b, fw_dlog_daemon_name(e->daemon != FW_DLOG_UNKNOWN ? e->daemon : l->daemon)));
	put(b, o, "side", jstr(b, fw_dlog_event_ap_side(l, e) ? "ap" : "station"));
	put(b, o, "time", e->has_ts && l->fit.aligned && !fw_dlog_place(l, e->ts_ns, &t)
			      ? jtime(b, t) : NULL);
	put(b, o, "log_time", e->has_ts ? jtime(b, e->ts_ns) : NULL);
	put(b, o, "kind", jstr(b, fw_dlog_kind_name(e->kind)));
	if (e->msg != FW_DLOG_MSG_NONE) {
		put(b, o, "message", jstr(b, fw_dlog_msg_name(e->msg)));
		put(b, o, "from_ap", jbool(b, e->msg_from_ap));
	} else {
		put(b, o, "message", NULL);
	}
	put(b, o, "replay_counter", e->has_rc ? juint(b, e->replay_counter) : NULL);
	if (e->has_nonce)
		put(b, o, "nonce", jhex(b, e->nonce, 32));
	if (e->ack >= 0)
		put(b, o, "ack", jint(b, e->ack));
	if (e->has_reason)
		put(b, o, "reason", juint(b, e->reason));
	if (e->kind == FW_DLOG_EV_DISCONNECTED)
		put(b, o, "locally_generated", jbool(b, e->locally_generated));
	if (e->attempt)
		put(b, o, "attempt", juint(b, e->attempt));
	if (e->has_peer)
		put(b, o, "peer", jstr(b, fw_mac_fmt(mac, e->peer)));
	if (e->detail[0])
		put(b, o, "detail", jstr(b, e->detail));
	return o;
}

static void put_link_logs(struct jb *b, struct json_object *o, const struct fw_link *l)
{
	struct json_object *a;

	if (!b->v->n_logs)
		return;
	a = jlines(b, 0, "\n     ");
	for (size_t i = 0; i < b->v->n_logs; i++) {
		const struct fw_dlog *d = b->v->logs[i];
		struct fw_dlog_link_iter it;
		const struct fw_dlog_event *e;

		fw_dlog_link_first(&it, d, l->bssid, l->sta);
		while ((e = fw_dlog_link_next(&it)) != NULL)
			add(b, a, log_event_json(b, d, e));
	}
	put(b, o, "log_events", a);
}

/* A signed count of nanoseconds as seconds with 9 decimals. */
static struct json_object *jseconds9(struct jb *b, int64_t ns)
{
	uint64_t a = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;
	char s[32];

	snprintf(s, sizeof(s), "%s%" PRIu64 ".%09" PRIu64, ns < 0 ? "-" : "", a / 1000000000,
		 a % 1000000000);
	return jnum_text(b, (double)ns / 1e9, s);
}

static struct json_object *log_json(struct jb *b, const struct fw_dlog *l)
{
	const struct fw_dlog_fit *f = &l->fit;
	struct json_object *o = jobj(b), *fit, *notes;
	char mac[18], s[48];

	put(b, o, "file", jstr(b, l->path));
	put(b, o, "daemon", jstr(b, fw_dlog_daemon_name(l->daemon)));
	put(b, o, "role", l->daemon == FW_DLOG_UNKNOWN ? NULL
						      : jstr(b, l->ap_side ? "ap" : "station"));
	put(b, o, "lines", juint(b, l->lines));
	put(b, o, "events", juint(b, l->n_events));
	put(b, o, "offset", f->aligned ? jseconds9(b, f->offset_ns) : NULL);
	fit = jobj(b);
	put(b, fit, "aligned", jbool(b, f->aligned));
	put(b, fit, "matched", juint(b, f->matched));
	put(b, fit, "candidates", juint(b, f->candidates));
	put(b, fit, "outliers", juint(b, f->outliers));
	if (f->aligned) {
		double ppm = f->drift_fitted ? f->drift_ppm : 0.0;

		put(b, fit, "residual_us", jint(b, f->residual_ns / 1000));
		put(b, fit, "rms_us", jint(b, f->rms_ns / 1000));
		put(b, fit, "drift_fitted", jbool(b, f->drift_fitted));
		snprintf(s, sizeof(s), "%.3f", ppm);
		put(b, fit, "drift_ppm", jnum_text(b, ppm, s));
		snprintf(s, sizeof(s), "%" PRId64 ".%03" PRId64, f->span_ns / 1000000000,
			 f->span_ns / 1000000 % 1000);
		put(b, fit, "span_s", jnum_text(b, (double)f->span_ns / 1e9, s));
	}
	if (f->has_own)
		put(b, fit, "own", jstr(b, fw_mac_fmt(mac, f->own)));
	put(b, o, "fit", fit);
	notes = jarr(b, l->n_notes);
	for (size_t i = 0; i < l->n_notes; i++)
		add(b, notes, jstr(b, l->notes[i]));
	put(b, o, "notes", notes);
	return o;
}

/* A link's members but its handshakes, which emit_link() writes one at a time after them. */
static struct json_object *link_json(struct jb *b, const struct fw_link *l)
{
	struct json_object *o = jobj(b);

	put(b, o, "file", jstr(b, fw_out_input_path(b->v, l->file)));
	put(b, o, "bssid", jmac(b, l->bssid));
	put(b, o, "sta", jmac(b, l->sta));
	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid) && fw_utf8_valid(l->ssid, l->ssid_len)) {
		put(b, o, "ssid", jstr_n(b, l->ssid, l->ssid_len));
	} else if (l->has_ssid && l->ssid_len <= sizeof(l->ssid)) {
		/* not UTF-8: keep every byte, unambiguously */
		put(b, o, "ssid", NULL);
		put(b, o, "ssid_hex", jhex(b, l->ssid, l->ssid_len));
	} else {
		put(b, o, "ssid", NULL);
	}
	put(b, o, "akm", jsuite(b, l->akm, false));
	/* "cipher" is the pairwise cipher, the one that protects this link's frames */
	put(b, o, "cipher", jsuite(b, l->pairwise, true));
	put(b, o, "pairwise", jsuite(b, l->pairwise, true));
	put(b, o, "group", jsuite(b, l->group, true));
	put(b, o, "pmf", jbool(b, l->pmf));
	put(b, o, "acks_visible", jbool(b, l->acks_visible));
	put(b, o, "acks_unmatched", juint(b, l->acks_unmatched));
	put(b, o, "duplicates", juint(b, l->duplicates));
	put(b, o, "frames_decrypted", juint(b, l->frames_decrypted));
	put(b, o, "frames_undecrypted", juint(b, l->frames_undecrypted));
	put_pframes(b, o, l);
	put_eap(b, o, l);
	put_link_logs(b, o, l);
	return o;
}

/* "confirmed_by_log": the daemon's log line that confirms the finding (logrows.h). */
static void put_log_confirm(struct jb *b, struct json_object *o, const struct fw_finding *f)
{
	struct fw_logconfirm c;
	struct json_object *x, *lines;

	if (!fw_logrows_confirm(b->v, f, &c))
		return;
	x = jobj(b);
	put(b, x, "file", jstr(b, b->v->logs[c.log]->path));
	put(b, x, "line", juint(b, c.e->line));
	put(b, x, "kind", jstr(b, fw_dlog_kind_name(c.e->kind)));
	put(b, x, "detail", jstr(b, c.e->detail));
	put(b, x, "relative_to_frame", juint(b, c.m4->frame));
	put(b, x, "relative_us", jint(b, c.rel_ns / 1000));
	put(b, x, "says", jstr(b, c.says));
	lines = jarr(b, c.n_lines);
	for (size_t i = 0; i < c.n_lines; i++)
		add(b, lines, juint(b, c.lines[i]->line));
	put(b, x, "lines", lines);
	put(b, o, "confirmed_by_log", x);
}

/* "log_lines": the daemons' log lines a finding drawn with the logs rests on. */
static void put_log_lines(struct jb *b, struct json_object *o, const struct fw_finding *f)
{
	size_t n = f->n_log_lines < FW_FINDING_MAX_LOG_LINES ? f->n_log_lines
							      : FW_FINDING_MAX_LOG_LINES;
	struct json_object *a = NULL;

	for (size_t i = 0; i < n; i++) {
		struct json_object *x;

		if (f->log_lines[i].log >= b->v->n_logs)
			continue;
		if (!a)
			a = jarr(b, n);
		x = jobj(b);
		put(b, x, "file", jstr(b, b->v->logs[f->log_lines[i].log]->path));
		put(b, x, "line", juint(b, f->log_lines[i].line));
		put(b, x, "what", jstr(b, f->log_lines[i].what ? f->log_lines[i].what : ""));
		add(b, a, x);
	}
	if (a)
		put(b, o, "log_lines", a);
}

static struct json_object *finding_json(struct jb *b, const struct fw_finding *f)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	size_t nc = f->n_causes < FW_FINDING_MAX_CAUSES ? f->n_causes : FW_FINDING_MAX_CAUSES;
	struct json_object *o = jobj(b), *frames, *ev, *causes;

	put(b, o, "id", juint(b, f->id));
	put(b, o, "code", jstr(b, ci ? ci->name : "UNKNOWN"));
	put(b, o, "severity", jstr(b, fw_severity_name(f->severity)));
	put(b, o, "file", jstr(b, fw_out_input_path(b->v, f->file)));
	put(b, o, "bssid", jmac(b, f->bssid));
	put(b, o, "sta", jmac(b, f->sta));
	frames = jarr(b, n);
	/* the same frames, each with its file and role */
	ev = jarr(b, n);
	for (size_t i = 0; i < n; i++) {
		struct json_object *x = jobj(b);

		add(b, frames, jframe(b, f->frames[i].file, f->frames[i].frame));
		put(b, x, "file", jstr(b, fw_out_input_path(b->v, f->frames[i].file)));
		put(b, x, "frame", juint(b, f->frames[i].frame));
		put(b, x, "role", jstr(b, fw_role_name((enum fw_role)f->frames[i].role)));
		add(b, ev, x);
	}
	put(b, o, "frames", frames);
	put(b, o, "evidence", ev);
	causes = jarr(b, nc);
	for (size_t i = 0; i < nc; i++)
		add(b, causes, juint(b, f->caused_by[i]));
	put(b, o, "caused_by", causes);
	put(b, o, "time", jtime(b, f->ts_ns));
	put(b, o, "detail", jstr(b, f->detail));
	if (f->diagnosis[0])
		put(b, o, "diagnosis", jstr(b, f->diagnosis));
	put_log_confirm(b, o, f);
	put_log_lines(b, o, f);
	return o;
}

/* An element made by a builder, or NULL (freed) when any of its values could not be made. */
static struct json_object *done(struct jb *b, struct json_object *x)
{
	if (!b->oom)
		return x;
	json_object_put(x);
	b->oom = false;
	return NULL;
}

/*
 * Write element x after sep (the layout's line break and indentation) and
 * free it.  0, or FW_ENOMEM when it could not be made or serialised.
 */
static int emit(FILE *o, const char *sep, struct jb *b, struct json_object *x)
{
	const char *s;
	size_t len;
	int rc = 0;

	if (b->oom) {
		rc = FW_ENOMEM;
	} else if (!(s = json_object_to_json_string_length(x, FW_JSON_FLAGS, &len))) {
		rc = FW_ENOMEM;
	} else {
		fputs(sep, o);
		fwrite(s, 1, len, o);
	}
	json_object_put(x);
	b->oom = false;
	return rc;
}

/*
 * Write link l after sep: its members as link_json() makes them, then
 * "handshakes" last, each handshake's tree made, written and freed in
 * turn, laid out as a jlines() array indented "\n    " would be.  A
 * json-c tree takes about 13 times the bytes of the text it serialises
 * to, so a link of 100,000 handshakes built whole held 924 MB where the
 * text report of the same capture peaks at 190 MB; one handshake at a
 * time, the document adds one handshake's tree.  A handshake that cannot
 * be made ends the link's array there, closed, so the document stays
 * well-formed; 0 or FW_ENOMEM, as emit().
 */
static int emit_link(FILE *o, const char *sep, struct jb *b, const struct fw_link *l)
{
	struct json_object *x = link_json(b, l);
	const char *s = NULL;
	size_t len = 0;
	int rc = 0;

	/* compact (FW_JSON_FLAGS): the object ends in a "}" right after its last member */
	if (!b->oom)
		s = json_object_to_json_string_length(x, FW_JSON_FLAGS, &len);
	if (!s || len < 2 || s[len - 1] != '}') {
		json_object_put(x);
		b->oom = false;
		return FW_ENOMEM;
	}
	fputs(sep, o);
	fwrite(s, 1, len - 1, o);
	json_object_put(x);
	fputs(",\"handshakes\":[", o);
	for (size_t i = 0; i < l->n_hs && !rc; i++)
		rc = emit(o, i ? ",\n    " : "\n    ", b, handshake_json(b, l, &l->hs[i]));
	fputs("]}", o);
	return rc;
}

/* The last of the document: "]}", the newline, and what became of the writes. */
static int finish(FILE *o, int rc)
{
	fputs("]}\n", o);
	if (rc)
		return rc;
	return ferror(o) ? FW_EIO : 0;
}

int fw_json_write(FILE *o, const struct fw_view *v, bool show_keys)
{
	struct jb b = { v, show_keys, false };
	int rc = 0;

	fputs("{\"inputs\":[", o);
	for (size_t i = 0; i < v->n_inputs && !rc; i++)
		rc = emit(o, i ? ",\n  " : "\n  ", &b, input_json(&b, v->inputs[i]));
	fputs("],\n\"links\":[", o);
	for (size_t i = 0; i < v->n_links && !rc; i++)
		rc = emit_link(o, i ? ",\n  " : "\n  ", &b, v->links[i]);
	fputs("],\n\"findings\":[", o);
	for (size_t i = 0; i < v->n_findings && !rc; i++)
		rc = emit(o, i ? ",\n  " : "\n  ", &b, finding_json(&b, v->findings[i]));
	fputs("],\n\"notes\":[", o);
	for (size_t i = 0; i < v->n_notes && !rc; i++)
		rc = emit(o, i ? ",\n  " : "\n  ", &b, jstr(&b, v->notes[i]));
	/* "logs" only with --log, so documents without logs stay as they were */
	if (v->n_logs)
		fputs("],\n\"logs\":[", o);
	for (size_t i = 0; i < v->n_logs && !rc; i++)
		rc = emit(o, i ? ",\n  " : "\n  ", &b, log_json(&b, v->logs[i]));
	return finish(o, rc);
}

/* A link the logs name, with no capture: its log events, no handshakes. */
static struct json_object *logs_only_link(struct jb *b, const struct fw_logsonly_link *k,
					  const struct fw_dlog *const *logs, size_t n)
{
	static const uint8_t zero[6];
	struct json_object *o = jobj(b), *a;

	put(b, o, "file", NULL);
	put(b, o, "bssid", memcmp(k->ap, zero, 6) == 0 ? NULL : jmac(b, k->ap));
	put(b, o, "sta", memcmp(k->sta, zero, 6) == 0 ? NULL : jmac(b, k->sta));
	put(b, o, "from_logs", jbool(b, true));
	a = jlines(b, 0, "\n     ");
	for (size_t j = 0; j < n; j++)
		for (size_t e = 0; e < logs[j]->n_events; e++)
			if (fw_logsonly_on(k, j, logs[j], &logs[j]->events[e]))
				add(b, a, log_event_json(b, logs[j], &logs[j]->events[e]));
	put(b, o, "log_events", a);
	put(b, o, "handshakes", jarr(b, 0));
	return o;
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
	struct jb b = { &v, false, false };
	bool first = true;
	int rc = 0;

	memset(&v, 0, sizeof(v));
	v.logs = logs;
	v.n_logs = n;
	fputs("{\"inputs\":[],\n\"links\":[", o);
	for (size_t i = 0; i < m && !rc; i++) {
		if (k[i].dropped)
			continue;
		rc = emit(o, first ? "\n  " : ",\n  ", &b, logs_only_link(&b, &k[i], logs, n));
		first = false;
	}
	fputs("],\n\"findings\":[],\n\"notes\":[],\n\"logs\":[", o);
	for (size_t i = 0; i < n && !rc; i++)
		rc = emit(o, i ? ",\n  " : "\n  ", &b, log_json(&b, logs[i]));
	return finish(o, rc);
}

/* Single objects of the document, for `live --json` (events.c puts them in its lines). */
struct json_object *fw_json_finding(const struct fw_view *v, const struct fw_finding *f)
{
	struct jb b = { v, false, false };

	return done(&b, finding_json(&b, f));
}

struct json_object *fw_json_msg(const struct fw_view *v, const struct fw_msg *m, bool show_keys)
{
	struct jb b = { v, show_keys, false };

	return done(&b, msg_json(&b, m));
}

int fw_json_str(const char *s, struct json_object **out)
{
	struct jb b = { NULL, false, false };

	*out = done(&b, jstr(&b, s));
	return s && !*out ? FW_ENOMEM : 0;
}
