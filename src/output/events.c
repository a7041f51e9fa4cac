/*
 * events.c - line-per-event output of `live` (events.h).
 *
 * What was printed is remembered as 64-bit FNV-1a hashes in one small
 * open-addressing table: key (what the line is about) -> value (hash of
 * the line's content), so memory grows with messages and findings, not
 * with frames.  JSON lines are json-c objects, serialised as the document's
 * elements are (json.h), one a line.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "output/clock.h"
#include "output/events.h"
#include "output/fmt.h"
#include "output/json.h"
#include "output/tstyle.h"
#include "util/mac.h"

#define FNV_BASIS 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

struct slot {
	uint64_t key;		/* 0: empty */
	uint64_t val;
};

/* What was said of one finding: its id, hashes of its parts, whether it holds now. */
struct fstate {
	unsigned id;
	int code;
	uint64_t all, sev, frames, causes, detail, time;
	uint64_t gen;		/* the last update that saw it */
	bool holds;		/* announced and not resolved since */
};

struct fw_events {
	FILE *out;
	bool json, show_keys, failed;
	bool show_time;		/* text lines start with the time (-t given) */
	enum fw_tfmt tfmt;
	int64_t first_ts, prev_ts;	/* the capture's first frame; the last time printed */
	bool have_first;
	struct slot *tab;
	size_t size, used;
	struct fstate *fs;	/* every finding ever announced */
	size_t n_fs, cap_fs;
	uint64_t gen;
	/*
	 * The latest core refresh an update saw (fw_link.refresh): a link
	 * analysed no later is the same as then, and so are its findings, so
	 * an update looks only at the links and findings that changed.
	 */
	uint64_t seen_refresh;
};

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * FNV_PRIME;
	return h;
}

static struct slot *lookup(struct fw_events *e, uint64_t key)
{
	size_t i;

	if (key == 0)
		key = 1;
	if (e->used * 2 >= e->size) {
		size_t nsize = e->size ? e->size * 2 : 1024;
		struct slot *nt = calloc(nsize, sizeof(*nt));

		if (!nt)
			return NULL;
		for (size_t j = 0; j < e->size; j++) {
			if (!e->tab[j].key)
				continue;
			for (i = e->tab[j].key & (nsize - 1); nt[i].key; i = (i + 1) & (nsize - 1))
				;
			nt[i] = e->tab[j];
		}
		free(e->tab);
		e->tab = nt;
		e->size = nsize;
	}
	for (i = key & (e->size - 1); e->tab[i].key; i = (i + 1) & (e->size - 1))
		if (e->tab[i].key == key)
			return &e->tab[i];
	e->tab[i].key = key;
	e->tab[i].val = 0;
	e->used++;
	return &e->tab[i];
}

/* True when the line with this key and content hash was not printed yet; records it. */
static bool is_new(struct fw_events *e, uint64_t key, uint64_t val)
{
	struct slot *s = lookup(e, key);

	if (!s)
		return true;	/* out of memory: say it again rather than never */
	if (val == 0)
		val = 1;
	if (s->val == val)
		return false;
	s->val = val;
	return true;
}

struct fw_events *fw_events_new(FILE *out, bool json, bool show_keys)
{
	struct fw_events *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->out = out;
	e->json = json;
	e->show_keys = show_keys;
	return e;
}

void fw_events_set_time(struct fw_events *e, enum fw_tfmt f)
{
	e->show_time = true;
	e->tfmt = f;
}

void fw_events_free(struct fw_events *e)
{
	if (!e)
		return;
	free(e->fs);
	free(e->tab);
	free(e);
}

static void line_end(struct fw_events *e)
{
	fputc('\n', e->out);
	if (fflush(e->out) != 0 || ferror(e->out))
		e->failed = true;
}

static void link_text(FILE *o, const uint8_t bssid[6], const uint8_t sta[6])
{
	char a[FW_MAC_STRLEN], b[FW_MAC_STRLEN];

	fprintf(o, "%s > %s", fw_mac_fmt(a, bssid), fw_mac_fmt(b, sta));
}

/*
 * A JSON line being built: its object, and whether every value of it could
 * be made (json-c returns NULL when out of memory; such a line is dropped
 * rather than written wrong).
 */
struct jline {
	struct json_object *o;
	bool ok;
};

/*
 * Member key of the line: val NULL is JSON null when nullable, else a
 * value json-c could not make.
 */
static void jl_put_v(struct jline *l, const char *key, struct json_object *val, bool nullable)
{
	if ((!val && !nullable) || !l->o ||
	    json_object_object_add_ex(l->o, key, val, JSON_C_OBJECT_ADD_KEY_IS_NEW |
				      JSON_C_OBJECT_ADD_CONSTANT_KEY) != 0) {
		json_object_put(val);
		l->ok = false;
	}
}

static void jl_put(struct jline *l, const char *key, struct json_object *val)
{
	jl_put_v(l, key, val, false);
}

/* A string, sanitised as the document's are (NULL: null). */
static void jl_str(struct jline *l, const char *key, const char *s)
{
	struct json_object *x;

	if (fw_json_str(s, &x) != 0)
		l->ok = false;
	else
		jl_put_v(l, key, x, true);
}

static void jl_link(struct jline *l, const uint8_t bssid[6], const uint8_t sta[6])
{
	char a[FW_MAC_STRLEN], b[FW_MAC_STRLEN];

	jl_put(l, "bssid", json_object_new_string(fw_mac_fmt(a, bssid)));
	jl_put(l, "sta", json_object_new_string(fw_mac_fmt(b, sta)));
}

/* The capture's first time, kept for -t r of lines outside a handshake. */
static void first_time(struct fw_events *e, int64_t ns)
{
	if (!e->have_first) {
		e->first_ts = ns;
		e->have_first = true;
	}
}

/* A JSON line's object with its "event"; its time is put next (jl_stamp). */
static struct jline jl_open(const char *event)
{
	struct jline l = { json_object_new_object(), true };

	if (!l.o)
		l.ok = false;
	jl_str(&l, "event", event);
	return l;
}

/* The line's time: "ts" (RFC 3339, UTC) and "epoch" (seconds, 6 decimals). */
static void jl_stamp(struct fw_events *e, struct jline *l, int64_t ns)
{
	char b[FW_CLOCK_LEN];

	first_time(e, ns);
	jl_put(l, "ts", json_object_new_string(fw_clock_rfc3339(b, ns)));
	fw_clock_fmt(b, FW_T_EPOCH, ns, 0, 0);
	jl_put(l, "epoch", json_object_new_double_s((double)ns / 1e9, b));
	e->prev_ts = ns;
}

/* Serialise the line, end it and free it. */
static void jl_close(struct fw_events *e, struct jline *l)
{
	const char *s;
	size_t len;

	if (l->ok && (s = json_object_to_json_string_length(l->o, FW_JSON_FLAGS, &len)) != NULL) {
		fwrite(s, 1, len, e->out);
		line_end(e);
	}
	json_object_put(l->o);
	l->o = NULL;
}

/* A text line's time: a first column in the -t format when one was set. */
static void stamp(struct fw_events *e, int64_t ns, int64_t ref)
{
	char b[FW_CLOCK_LEN];

	first_time(e, ns);
	if (e->show_time)
		fprintf(e->out, "%s ", fw_clock_fmt(b, e->tfmt, ns, ref, e->prev_ts));
	e->prev_ts = ns;
}

static void open_line(struct fw_events *e, const char *event, int64_t ns, int64_t ref)
{
	stamp(e, ns, ref);
	fprintf(e->out, "%-9s ", event);
}

/* A JSON line of event at time ns. */
static struct jline jl_event(struct fw_events *e, const char *event, int64_t ns)
{
	struct jline l = jl_open(event);

	jl_stamp(e, &l, ns);
	return l;
}

/* The first message's time of handshake h of l (the reference of -t r). */
static int64_t hs_t0(const struct fw_link *l, const struct fw_handshake *h)
{
	return h->count && h->first < l->n_msgs ? l->msgs[h->first].ts_ns : 0;
}

static void say_msg(struct fw_events *e, const struct fw_view *v, const struct fw_link *l,
		    const struct fw_msg *m)
{
	int64_t ref = m->handshake < l->n_hs ? hs_t0(l, &l->hs[m->handshake]) : m->ts_ns;

	if (e->json) {
		struct jline j = jl_event(e, "message", m->ts_ns);

		jl_link(&j, l->bssid, l->sta);
		jl_put(&j, "handshake", json_object_new_uint64(m->handshake + 1ull));
		jl_put(&j, "message", fw_json_msg(v, m, e->show_keys));
		jl_close(e, &j);
		return;
	}
	open_line(e, "message", m->ts_ns, ref);
	link_text(e->out, l->bssid, l->sta);
	fprintf(e->out, "  #%u %s frame %" PRIu64 " rc=%" PRIu64 "%s%s mic %s",
		m->handshake + 1, fw_out_msg_name(m->type), m->frame, m->replay_counter,
		m->retry ? " retry" : "", m->protected_ ? " protected" : "",
		fw_out_mic_name(m->mic));
	line_end(e);
}

/* The time a handshake's state was last known: its end frame, else its last message. */
static int64_t hs_last(const struct fw_link *l, const struct fw_handshake *h)
{
	if (h->ended)
		return h->end_ts_ns;
	if (h->count && h->first + h->count - 1 < l->n_msgs)
		return l->msgs[h->first + h->count - 1].ts_ns;
	return 0;
}

static void say_hs(struct fw_events *e, const char *event, const struct fw_link *l, size_t i,
		   const struct fw_handshake *h, bool start)
{
	const char *detail = h->outcome_detail[0] ? h->outcome_detail : NULL;

	if (e->json) {
		struct jline j = jl_event(e, event, start ? hs_t0(l, h) : hs_last(l, h));

		jl_link(&j, l->bssid, l->sta);
		jl_put(&j, "handshake", json_object_new_uint64(i + 1));
		jl_put(&j, "group", json_object_new_boolean(h->group));
		if (!start) {
			jl_str(&j, "outcome", fw_out_outcome_name(h->outcome));
			jl_str(&j, "detail", detail);
		}
		jl_close(e, &j);
		return;
	}
	open_line(e, event, start ? hs_t0(l, h) : hs_last(l, h), hs_t0(l, h));
	link_text(e->out, l->bssid, l->sta);
	fprintf(e->out, "  #%zu%s", i + 1, h->group ? " group" : "");
	if (!start)
		fprintf(e->out, " %s", fw_out_outcome_name(h->outcome));
	if (!start && detail) {
		fputs(": ", e->out);
		fw_tx_str(e->out, detail);
	}
	line_end(e);
}

/* The parts of a finding an update names when they change. */
enum { CH_SEV, CH_FRAMES, CH_CAUSES, CH_DETAIL, CH_TIME, CH_N };
static const char *const ch_name[CH_N] = { "severity", "evidence", "caused_by", "detail", "time" };

static void hash_parts(const struct fw_finding *f, const char *json, size_t len,
		       struct fstate *st)
{
	size_t nf = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	size_t nc = f->n_causes < FW_FINDING_MAX_CAUSES ? f->n_causes : FW_FINDING_MAX_CAUSES;

	st->all = fnv(FNV_BASIS, json, len);
	st->sev = fnv(FNV_BASIS, &f->severity, sizeof(f->severity));
	st->frames = FNV_BASIS;
	for (size_t i = 0; i < nf; i++) {
		st->frames = fnv(st->frames, &f->frames[i].file, sizeof(f->frames[i].file));
		st->frames = fnv(st->frames, &f->frames[i].frame, sizeof(f->frames[i].frame));
		st->frames = fnv(st->frames, &f->frames[i].role, sizeof(f->frames[i].role));
	}
	st->causes = fnv(FNV_BASIS, f->caused_by, nc * sizeof(f->caused_by[0]));
	st->detail = fnv(fnv(FNV_BASIS, f->detail, strlen(f->detail)), f->diagnosis,
			 strlen(f->diagnosis));
	st->time = fnv(FNV_BASIS, &f->ts_ns, sizeof(f->ts_ns));
}

/* A finding's line; it takes fo, the finding's object (fw_json_finding). */
static void say_finding(struct fw_events *e, const struct fw_view *v, const struct fw_finding *f,
			struct json_object *fo, const bool *changed, int64_t now)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	char fr[48];

	if (e->json) {
		struct jline j = jl_event(e, changed ? "update" : "finding", now);

		jl_put(&j, "id", json_object_new_uint64(f->id));
		if (changed) {
			struct json_object *a = json_object_new_array_ext(CH_N);

			for (int k = 0; a && k < CH_N; k++) {
				struct json_object *c;

				if (!changed[k])
					continue;
				c = json_object_new_string(ch_name[k]);
				if (!c || json_object_array_add(a, c) != 0) {
					json_object_put(c);
					j.ok = false;
				}
			}
			jl_put(&j, "changed", a);
		}
		jl_put(&j, "finding", fo);
		jl_close(e, &j);
		return;
	}
	json_object_put(fo);
	open_line(e, changed ? "update" : "finding", now, e->first_ts);
	fprintf(e->out, "%s %s ", fw_severity_name(f->severity), ci ? ci->name : "?");
	link_text(e->out, f->bssid, f->sta);
	fprintf(e->out, "  id %u", f->id);
	for (size_t i = 0; i < f->n_causes && i < FW_FINDING_MAX_CAUSES; i++)
		fprintf(e->out, "%s%u", i ? "," : " after ", f->caused_by[i]);
	fputs("  frames", e->out);
	for (size_t i = 0; i < f->n_frames && i < FW_FINDING_MAX_FRAMES; i++)
		fprintf(e->out, "%s%s", i ? "," : " ",
			fw_tx_frame(fr, sizeof(fr), v, f->frames[i].file, f->frames[i].frame));
	fputs(": ", e->out);
	fw_tx_str(e->out, f->detail);
	line_end(e);
}

static void say_resolved(struct fw_events *e, const struct fstate *st, int64_t now)
{
	const struct fw_code_info *ci = fw_code_info((enum fw_code)st->code);

	if (e->json) {
		struct jline j = jl_event(e, "resolved", now);

		jl_put(&j, "id", json_object_new_uint64(st->id));
		jl_str(&j, "code", ci ? ci->name : "UNKNOWN");
		jl_close(e, &j);
		return;
	}
	open_line(e, "resolved", now, e->first_ts);
	fprintf(e->out, "%s id %u: no longer holds", ci ? ci->name : "?", st->id);
	line_end(e);
}

/* The state of finding id, made when new (NULL when out of memory). */
static struct fstate *fstate_get(struct fw_events *e, unsigned id, bool *isnew)
{
	struct slot *s = lookup(e, fnv(fnv(FNV_BASIS, "F", 1), &id, sizeof(id)));

	*isnew = false;
	if (!s)
		return NULL;
	if (s->val)
		return &e->fs[s->val - 1];
	if (e->n_fs == e->cap_fs) {
		size_t ncap = e->cap_fs ? e->cap_fs * 2 : 64;
		struct fstate *n = realloc(e->fs, ncap * sizeof(*n));

		if (!n)
			return NULL;
		e->fs = n;
		e->cap_fs = ncap;
	}
	memset(&e->fs[e->n_fs], 0, sizeof(e->fs[0]));
	e->fs[e->n_fs].id = id;
	s->val = ++e->n_fs;
	*isnew = true;
	return &e->fs[s->val - 1];
}

static bool link_seen(const struct fw_events *e, const struct fw_link *l)
{
	return l->refresh && l->refresh <= e->seen_refresh;
}

/*
 * Per finding: 1 when it is only on links seen as they are (unchanged since
 * the last update), else 0; NULL when out of memory (then all are looked at).
 */
static uint8_t *unchanged_findings(const struct fw_events *e, const struct fw_view *v)
{
	uint8_t *u = calloc(v->n_findings ? v->n_findings : 1, 1);
	size_t j;

	if (!u)
		return NULL;
	/* 1: on a link seen; 2: on a changed one, which wins */
	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];
		uint8_t mark = link_seen(e, l) ? 1 : 2;

		for (size_t k = 0; fw_view_link_finding(v, l, k, &j); k++)
			if (u[j] < mark)
				u[j] = mark;
	}
	for (size_t i = 0; i < v->n_findings; i++)
		u[i] = u[i] == 1;
	return u;
}

static void update_findings(struct fw_events *e, const struct fw_view *v, int64_t now)
{
	uint8_t *same = unchanged_findings(e, v);

	e->gen++;
	for (size_t i = 0; i < v->n_findings; i++) {
		const struct fw_finding *f = v->findings[i];
		struct json_object *fo;
		const char *json;
		struct fstate *st, nst;
		bool isnew, changed[CH_N];
		size_t len = 0;

		if (!f->id)
			continue;	/* unnumbered (out of memory): nothing to name it by */
		if (same && same[i]) {
			/* as at the last update: it still holds, nothing to say */
			st = fstate_get(e, f->id, &isnew);
			if (st && !isnew && st->holds) {
				st->gen = e->gen;
				continue;
			}
		}
		/* the object as analyze --json writes it: its text is what "changed" compares */
		fo = fw_json_finding(v, f);
		json = fo ? json_object_to_json_string_length(fo, FW_JSON_FLAGS, &len) : NULL;
		st = fstate_get(e, f->id, &isnew);
		if (!json || !st) {
			json_object_put(fo);
			continue;
		}
		st->gen = e->gen;
		nst = *st;
		hash_parts(f, json, len, &nst);
		if (!isnew && st->holds && nst.all == st->all) {
			json_object_put(fo);
			continue;
		}
		changed[CH_SEV] = nst.sev != st->sev;
		changed[CH_FRAMES] = nst.frames != st->frames;
		changed[CH_CAUSES] = nst.causes != st->causes;
		changed[CH_DETAIL] = nst.detail != st->detail;
		changed[CH_TIME] = nst.time != st->time;
		nst.code = (int)f->code;
		/* a finding that held, went and came back is an update of the same id */
		say_finding(e, v, f, fo, isnew ? NULL : changed, now);
		nst.holds = true;
		*st = nst;
	}
	for (size_t i = 0; i < e->n_fs; i++) {
		struct fstate *st = &e->fs[i];

		if (st->holds && st->gen != e->gen) {
			say_resolved(e, st, now);
			st->holds = false;
		}
	}
	free(same);
}

void fw_events_update(struct fw_events *e, const struct fw_view *v, int64_t now, bool final)
{
	uint64_t top = e->seen_refresh;

	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];
		uint64_t lk;

		if (link_seen(e, l))
			continue;	/* as at the last update: nothing new to say of it */
		if (l->refresh > top)
			top = l->refresh;
		lk = fnv(fnv(FNV_BASIS, l->bssid, 6), l->sta, 6);

		for (size_t j = 0; j < l->n_hs; j++) {
			const struct fw_handshake *h = &l->hs[j];
			uint64_t k = fnv(fnv(lk, "h", 1), &j, sizeof(j));
			uint64_t val = fnv(fnv(FNV_BASIS, &h->outcome, sizeof(h->outcome)),
					   h->outcome_detail, strlen(h->outcome_detail));
			uint64_t sk = fnv(fnv(lk, "s", 1), &j, sizeof(j));
			struct slot *st = lookup(e, sk);
			bool over = h->outcome != FW_OUT_INCOMPLETE || final;

			/* st->val: 1 started, 2 ended */
			if (st && st->val == 0) {
				say_hs(e, "handshake_start", l, j, h, true);
				st->val = 1;
			}
			for (size_t m = h->first; m < h->first + h->count && m < l->n_msgs; m++) {
				const struct fw_msg *msg = &l->msgs[m];
				uint64_t mk = fnv(fnv(fnv(FNV_BASIS, "m", 1), &msg->file, sizeof(msg->file)),
						  &msg->frame, sizeof(msg->frame));

				if (is_new(e, mk, 1))
					say_msg(e, v, l, msg);
			}
			if (!over || !st)
				continue;
			/* the lookups of the messages may have grown the table: find it again */
			st = lookup(e, sk);
			if (!st)
				continue;
			if (st->val == 1) {
				(void)is_new(e, k, val);
				say_hs(e, "handshake_end", l, j, h, false);
				st->val = 2;
			} else if (is_new(e, k, val)) {
				say_hs(e, "handshake_update", l, j, h, false);
			}
		}
		for (size_t j = 0; j < l->n_msgs; j++) {
			const struct fw_msg *m = &l->msgs[j];
			uint64_t k = fnv(fnv(fnv(FNV_BASIS, "m", 1), &m->file, sizeof(m->file)),
					 &m->frame, sizeof(m->frame));

			if (is_new(e, k, 1))
				say_msg(e, v, l, m);	/* a message of no handshake */
		}
	}
	update_findings(e, v, now);
	e->seen_refresh = top;
}

void fw_events_say(struct fw_events *e, const char *event, const char *text, int64_t now)
{
	bool start = strcmp(event, "start") == 0;

	if (e->json) {
		struct jline j = jl_open(event);

		if (start)
			jl_put(&j, "schema_version", json_object_new_int(FW_EVENTS_SCHEMA_VERSION));
		jl_stamp(e, &j, now);
		jl_str(&j, "text", text);
		jl_close(e, &j);
	} else {
		if (!start)
			stamp(e, now, e->first_ts);
		fprintf(e->out, "%-9s ", event);
		fw_tx_str(e->out, text);
		line_end(e);
	}
	if (start)
		e->have_first = false;	/* -t r of lines not in a handshake: from the first frame */
}

/* One interface's counters in the stats line; NULL when json-c could not make them. */
static struct json_object *iface_counts(const struct fw_events_iface *f)
{
	struct jline j = { .o = json_object_new_object(), .ok = true };

	jl_str(&j, "name", f->name);
	jl_put(&j, "kernel_received", json_object_new_uint64(f->kernel_received));
	jl_put(&j, "kernel_dropped", json_object_new_uint64(f->kernel_dropped));
	jl_put(&j, "if_dropped", json_object_new_uint64(f->if_dropped));
	if (!j.ok || !j.o) {
		json_object_put(j.o);
		return NULL;
	}
	return j.o;
}

void fw_events_stats(struct fw_events *e, const struct fw_events_stats *st, int64_t now)
{
	if (e->json) {
		struct jline j = jl_event(e, "stats", now);

		jl_put(&j, "frames", json_object_new_uint64(st->frames));
		if (st->has_kernel) {
			jl_put(&j, "kernel_received", json_object_new_uint64(st->kernel_received));
			jl_put(&j, "kernel_dropped", json_object_new_uint64(st->kernel_dropped));
			jl_put(&j, "if_dropped", json_object_new_uint64(st->if_dropped));
		}
		if (st->has_kernel && st->n_ifaces) {
			struct json_object *arr = json_object_new_array();

			for (size_t i = 0; arr && i < st->n_ifaces; i++) {
				struct json_object *o = iface_counts(&st->ifaces[i]);

				if (!o || json_object_array_add(arr, o) != 0) {
					json_object_put(o);
					json_object_put(arr);
					arr = NULL;
				}
			}
			jl_put(&j, "interfaces", arr);
		}
		jl_close(e, &j);
		return;
	}
	stamp(e, now, e->first_ts);
	fprintf(e->out, "stats     %" PRIu64 " frames", st->frames);
	if (st->has_kernel)
		fprintf(e->out, ", kernel: %" PRIu64 " received, %" PRIu64 " dropped, %" PRIu64
			" dropped by the interface", st->kernel_received, st->kernel_dropped,
			st->if_dropped);
	for (size_t i = 0; st->has_kernel && i < st->n_ifaces; i++)
		fprintf(e->out, "%s%s %" PRIu64 " received, %" PRIu64 " dropped, %" PRIu64
			" by the interface%s", i ? "; " : " (", st->ifaces[i].name,
			st->ifaces[i].kernel_received, st->ifaces[i].kernel_dropped,
			st->ifaces[i].if_dropped, i + 1 == st->n_ifaces ? ")" : "");
	line_end(e);
}

bool fw_events_failed(const struct fw_events *e)
{
	return e->failed;
}
