/*
 * baseline.c - reading a saved JSON report and comparing a capture with
 * it (baseline.h).
 *
 * The document is untrusted text: it goes through the bounded reader
 * (jread.h, json-c within limits), and every member used is checked for
 * its type before use; a member that is absent or of the wrong type is an
 * error naming its path.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/baseline.h"
#include "check/jread.h"
#include "output/fmt.h"
#include "util/err.h"
#include "util/mac.h"
#include "util/rfile.h"

struct bp {
	struct fw_baseline *b;
	char *err;
	size_t errlen;
};

static int bad(struct bp *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct bp *p, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->err, p->errlen, "%s: %s", p->b->name, what);
	return FW_EMALFORMED;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static struct json_object *array_of(struct bp *p, struct json_object *o,
					 const char *key, const char *where, int *rc)
{
	struct json_object *a = fw_jr_member(o, key);

	if (!json_object_is_type(a, json_type_array)) {
		*rc = bad(p, "%s%s%s: missing, or not an array", where, *where ? "." : "", key);
		return NULL;
	}
	return a;
}

static int mac_of(struct bp *p, struct json_object *o, const char *key, const char *where,
		  uint8_t mac[6])
{
	const char *s = fw_jr_string(fw_jr_member(o, key));

	if (!s || fw_mac_parse(mac, s) != 0)
		return bad(p, "%s.%s: missing, or not a MAC address", where, key);
	return 0;
}

static int file_of(struct bp *p, struct json_object *o, const char *where, char **out)
{
	const char *s = fw_jr_string(fw_jr_member(o, "file"));

	if (!s)
		return bad(p, "%s.file: missing, or not a string", where);
	*out = strdup(base_name(s));
	return *out ? 0 : FW_ENOMEM;
}

static int msg_type(const char *s, enum fw_msg_type *t)
{
	for (int i = FW_MSG_UNKNOWN; i <= FW_MSG_REQ; i++)
		if (s && strcmp(s, fw_out_msg_name((enum fw_msg_type)i)) == 0) {
			*t = (enum fw_msg_type)i;
			return 0;
		}
	return FW_EINVAL;
}

static int read_msg(struct bp *p, struct fw_base_link *bl, struct json_object *m,
		    const char *where)
{
	const char *mic = fw_jr_string(fw_jr_member(m, "mic"));
	struct fw_base_msg bm;
	struct fw_base_msg *nv;

	if (msg_type(fw_jr_string(fw_jr_member(m, "msg")), &bm.type) != 0)
		return bad(p, "%s.msg: missing, or not a message name", where);
	if (fw_jr_uint(fw_jr_member(m, "frame"), &bm.frame) != 0)
		return bad(p, "%s.frame: missing, or not a frame number", where);
	if (!mic)
		return bad(p, "%s.mic: missing, or not a string", where);
	if (strcmp(mic, fw_out_mic_name(FW_MICV_BAD)) == 0)
		bl->mic_bad++;
	if (strcmp(mic, fw_out_mic_name(FW_MICV_OK)) != 0)
		return 0;
	nv = realloc(bl->ok, (bl->n_ok + 1) * sizeof(*nv));
	if (!nv)
		return FW_ENOMEM;
	bl->ok = nv;
	bl->ok[bl->n_ok++] = bm;
	return 0;
}

static int read_handshake(struct bp *p, struct fw_base_link *bl, struct json_object *h,
			  const char *where)
{
	const char *outcome = fw_jr_string(fw_jr_member(h, "outcome"));
	struct json_object *msgs;
	char w[240];
	int rc = 0;

	if (!outcome)
		return bad(p, "%s.outcome: missing, or not a string", where);
	if (strcmp(outcome, fw_out_outcome_name(FW_OUT_COMPLETE)) == 0)
		bl->complete++;
	msgs = array_of(p, h, "messages", where, &rc);
	if (!msgs)
		return rc;
	for (size_t k = 0; k < fw_jr_length(msgs) && !rc; k++) {
		snprintf(w, sizeof(w), "%s.messages[%zu]", where, k);
		rc = read_msg(p, bl, fw_jr_at(msgs, k), w);
	}
	return rc;
}

static int read_link(struct bp *p, struct json_object *l, size_t i)
{
	struct fw_base_link *bl = &p->b->links[p->b->n_links];
	struct json_object *hs;
	char where[64], w[160];
	int rc = 0;

	memset(bl, 0, sizeof(*bl));
	p->b->n_links++;	/* counted now so fini frees what it holds */
	snprintf(where, sizeof(where), "links[%zu]", i);
	if ((rc = file_of(p, l, where, &bl->file)) || (rc = mac_of(p, l, "bssid", where, bl->bssid)) ||
	    (rc = mac_of(p, l, "sta", where, bl->sta)))
		return rc;
	hs = array_of(p, l, "handshakes", where, &rc);
	if (!hs)
		return rc;
	for (size_t k = 0; k < fw_jr_length(hs) && !rc; k++) {
		snprintf(w, sizeof(w), "%s.handshakes[%zu]", where, k);
		rc = read_handshake(p, bl, fw_jr_at(hs, k), w);
	}
	return rc;
}

static int read_finding(struct bp *p, struct json_object *f, size_t i)
{
	struct fw_base_finding *bf = &p->b->findings[p->b->n_findings];
	const char *code = fw_jr_string(fw_jr_member(f, "code"));
	char where[64];
	int c, rc;

	snprintf(where, sizeof(where), "findings[%zu]", i);
	if (!code)
		return bad(p, "%s.code: missing, or not a string", where);
	c = fw_code_by_name(code);
	if (c < 0)
		return 0;	/* a code of another version: nothing now can match it */
	memset(bf, 0, sizeof(*bf));
	p->b->n_findings++;
	bf->code = (enum fw_code)c;
	if ((rc = file_of(p, f, where, &bf->file)) || (rc = mac_of(p, f, "bssid", where, bf->bssid)))
		return rc;
	return mac_of(p, f, "sta", where, bf->sta);
}

static int read_doc(struct bp *p, struct json_object *root)
{
	struct json_object *links, *finds;
	int rc = 0;

	if (!json_object_is_type(root, json_type_object))
		return bad(p, "not a report of 'fourway analyze --json' (want an object)");
	links = array_of(p, root, "links", "", &rc);
	finds = links ? array_of(p, root, "findings", "", &rc) : NULL;
	if (!finds)
		return rc;
	p->b->links = calloc(fw_jr_length(links) + 1, sizeof(*p->b->links));
	p->b->findings = calloc(fw_jr_length(finds) + 1, sizeof(*p->b->findings));
	if (!p->b->links || !p->b->findings)
		return FW_ENOMEM;
	for (size_t i = 0; i < fw_jr_length(links) && !rc; i++)
		rc = read_link(p, fw_jr_at(links, i), i);
	for (size_t i = 0; i < fw_jr_length(finds) && !rc; i++)
		rc = read_finding(p, fw_jr_at(finds, i), i);
	return rc;
}

int fw_baseline_parse(struct fw_baseline *b, const char *name, const char *text, size_t len,
		      char *err, size_t errlen)
{
	struct bp p = { b, err, errlen };
	struct json_object *d;
	char jerr[200];
	int rc;

	memset(b, 0, sizeof(*b));
	b->name = strdup(name);
	if (!b->name) {
		snprintf(err, errlen, "%s: out of memory", name);
		return FW_ENOMEM;
	}
	rc = fw_jr_parse(&d, text, len, jerr, sizeof(jerr));
	if (rc) {
		snprintf(err, errlen, "%s: not JSON: %s", name, jerr);
		fw_baseline_fini(b);
		return rc;
	}
	rc = read_doc(&p, d);
	json_object_put(d);
	if (rc == FW_ENOMEM)
		snprintf(err, errlen, "%s: out of memory", name);
	if (rc)
		fw_baseline_fini(b);
	return rc;
}

int fw_baseline_load(struct fw_baseline *b, const char *path, char *err, size_t errlen)
{
	/* a regular file only, refused when over the reader's limit (rfile.h) */
	FILE *f = fw_rfile_open(path, FW_JR_MAX_TEXT, NULL, err, errlen);
	char *buf = NULL, *nb;
	size_t n = 0, cap = 0, got;
	int rc;

	memset(b, 0, sizeof(*b));
	if (!f)
		return FW_EIO;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > FW_JR_MAX_TEXT + 1)
				cap = FW_JR_MAX_TEXT + 1;
			if (n == cap) {
				break;	/* over the limit: the reader says so */
			}
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				snprintf(err, errlen, "%s: out of memory", path);
				return FW_ENOMEM;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		rc = FW_EIO;
	} else {
		rc = fw_baseline_parse(b, path, buf ? buf : "", n, err, errlen);
	}
	free(buf);
	fclose(f);
	return rc;
}

void fw_baseline_fini(struct fw_baseline *b)
{
	for (size_t i = 0; i < b->n_links; i++) {
		free(b->links[i].file);
		free(b->links[i].ok);
	}
	for (size_t i = 0; i < b->n_findings; i++)
		free(b->findings[i].file);
	free(b->links);
	free(b->findings);
	free(b->name);
	memset(b, 0, sizeof(*b));
}

/* The file name the comparison is restricted to, or NULL for all entries. */
static const char *scope_of(const struct fw_baseline *b, const char *capture)
{
	const char *name = base_name(capture);

	for (size_t i = 0; i < b->n_links; i++)
		if (strcmp(b->links[i].file, name) == 0)
			return name;
	for (size_t i = 0; i < b->n_findings; i++)
		if (strcmp(b->findings[i].file, name) == 0)
			return name;
	return NULL;
}

static bool in_scope(const char *scope, const char *file)
{
	return !scope || strcmp(scope, file) == 0;
}

static const struct fw_link *find_link(const struct fw_view *v, const uint8_t *bssid,
				       const uint8_t *sta)
{
	for (size_t i = 0; i < v->n_links; i++)
		if (fw_mac_eq(v->links[i]->bssid, bssid) && fw_mac_eq(v->links[i]->sta, sta))
			return v->links[i];
	return NULL;
}

/*
 * Frames identify messages only within the same capture (same_file); across
 * captures, only the number of MIC failures can be compared.
 */
static void compare_mics(struct fw_check_result *r, const struct fw_baseline *b,
			 const struct fw_base_link *bl, const struct fw_link *l, const char *who,
			 bool same_file)
{
	size_t bad_now = 0;
	bool told = false;

	for (size_t i = 0; i < l->n_msgs; i++)
		bad_now += l->msgs[i].mic == FW_MICV_BAD;
	for (size_t k = 0; same_file && k < bl->n_ok; k++) {
		for (size_t i = 0; i < l->n_msgs; i++) {
			const struct fw_msg *m = &l->msgs[i];

			if (m->frame != bl->ok[k].frame || m->type != bl->ok[k].type ||
			    m->mic == FW_MICV_OK)
				continue;
			fw_check_fail(r, "baseline %s: %s: msg %s at frame %" PRIu64
				      " no longer verifies (MIC %s%s%s)", b->name, who,
				      fw_out_msg_name(m->type), m->frame, fw_out_mic_name(m->mic),
				      fw_msg_mic_reason(m)[0] ? ": " : "", fw_msg_mic_reason(m));
			told = true;
		}
	}
	if (!told && bad_now > bl->mic_bad)
		fw_check_fail(r, "baseline %s: %s: %zu MICs fail, the baseline had %zu", b->name, who,
			      bad_now, bl->mic_bad);
}

static void compare_link(struct fw_check_result *r, const struct fw_baseline *b,
			 const struct fw_base_link *bl, const struct fw_view *v, bool same_file)
{
	const struct fw_link *l = find_link(v, bl->bssid, bl->sta);
	char ap[FW_MAC_STRLEN], sta[FW_MAC_STRLEN], who[2 * FW_MAC_STRLEN + 1];
	size_t done = 0;

	snprintf(who, sizeof(who), "%s>%s", fw_mac_fmt(ap, bl->bssid), fw_mac_fmt(sta, bl->sta));
	if (!l) {
		if (bl->complete)
			fw_check_fail(r, "baseline %s: %s: the link is gone (the baseline had %zu "
				      "complete handshake%s)", b->name, who, bl->complete,
				      bl->complete == 1 ? "" : "s");
		return;
	}
	for (size_t k = 0; k < l->n_hs; k++)
		done += l->hs[k].outcome == FW_OUT_COMPLETE;
	if (done < bl->complete)
		fw_check_fail(r, "baseline %s: %s: %zu of %zu handshakes complete, the baseline had %zu",
			      b->name, who, done, l->n_hs, bl->complete);
	compare_mics(r, b, bl, l, who, same_file);
}

static bool base_has(const struct fw_baseline *b, const char *scope, const struct fw_finding *f)
{
	for (size_t i = 0; i < b->n_findings; i++) {
		const struct fw_base_finding *bf = &b->findings[i];

		if (in_scope(scope, bf->file) && bf->code == f->code &&
		    fw_mac_eq(bf->bssid, f->bssid) && fw_mac_eq(bf->sta, f->sta))
			return true;
	}
	return false;
}

void fw_baseline_compare(struct fw_check_result *r, const struct fw_baseline *b,
			 const struct fw_view *v, const char *capture)
{
	const char *scope = scope_of(b, capture);
	char line[FW_CHECK_LINE_MAX];

	for (size_t i = 0; i < b->n_links; i++)
		if (in_scope(scope, b->links[i].file))
			compare_link(r, b, &b->links[i], v, scope != NULL);
	for (size_t i = 0; i < v->n_findings; i++) {
		const struct fw_finding *f = v->findings[i];

		if (f->severity < FW_SEV_WARNING || base_has(b, scope, f))
			continue;
		fw_check_finding_line(line, sizeof(line), f);
		fw_check_fail(r, "baseline %s: new finding %s", b->name, line);
	}
}
