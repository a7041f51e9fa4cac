/*
 * events.c - line-per-event output of `live` (events.h).
 *
 * What was printed is remembered as 64-bit FNV-1a hashes in one small
 * open-addressing table: key (what the line is about) -> value (hash of
 * the line's content), so memory grows with messages and findings, not
 * with frames.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct fw_events {
	FILE *out;
	bool json, show_keys, failed;
	struct slot *tab;
	size_t size, used;
	char *buf;		/* scratch for a line */
	size_t buflen;
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

void fw_events_free(struct fw_events *e)
{
	if (!e)
		return;
	free(e->tab);
	free(e->buf);
	free(e);
}

static void line_end(struct fw_events *e)
{
	fputc('\n', e->out);
	if (fflush(e->out) != 0 || ferror(e->out))
		e->failed = true;
}

/* Render a finding's JSON object into e->buf (NULL when out of memory). */
static const char *finding_json(struct fw_events *e, const struct fw_view *v,
				const struct fw_finding *f)
{
	FILE *m;

	free(e->buf);	/* open_memstream() allocates a fresh buffer each time */
	e->buf = NULL;
	m = open_memstream(&e->buf, &e->buflen);
	if (!m)
		return NULL;
	fw_json_write_finding(m, v, f);
	if (fclose(m) != 0)
		return NULL;
	return e->buf;
}

static void link_text(FILE *o, const uint8_t bssid[6], const uint8_t sta[6])
{
	char a[FW_MAC_STRLEN], b[FW_MAC_STRLEN];

	fprintf(o, "%s > %s", fw_mac_fmt(a, bssid), fw_mac_fmt(b, sta));
}

static void json_link(FILE *o, const uint8_t bssid[6], const uint8_t sta[6])
{
	char a[FW_MAC_STRLEN], b[FW_MAC_STRLEN];

	fprintf(o, "\"bssid\":\"%s\",\"sta\":\"%s\"", fw_mac_fmt(a, bssid), fw_mac_fmt(b, sta));
}

static void say_msg(struct fw_events *e, const struct fw_view *v, const struct fw_link *l,
		    const struct fw_msg *m)
{
	char t[FW_OUT_TIME_LEN];

	if (e->json) {
		fputs("{\"event\":\"message\",", e->out);
		json_link(e->out, l->bssid, l->sta);
		fprintf(e->out, ",\"handshake\":%u,\"message\":", m->handshake);
		fw_json_write_msg(e->out, v, m, e->show_keys);
		fputc('}', e->out);
	} else {
		fputs("message   ", e->out);
		link_text(e->out, l->bssid, l->sta);
		fprintf(e->out, "  %s frame %" PRIu64 " time %s rc=%" PRIu64 "%s%s mic %s",
			fw_out_msg_name(m->type), m->frame, fw_out_time(t, m->ts_ns),
			m->replay_counter, m->retry ? " retry" : "", m->protected_ ? " protected" : "",
			fw_out_mic_name(m->mic));
	}
	line_end(e);
}

static void say_hs(struct fw_events *e, const struct fw_link *l, size_t i,
		   const struct fw_handshake *h)
{
	const char *detail = h->outcome_detail[0] ? h->outcome_detail : NULL;

	if (e->json) {
		fputs("{\"event\":\"handshake\",", e->out);
		json_link(e->out, l->bssid, l->sta);
		fprintf(e->out, ",\"index\":%zu,\"group\":%s,\"outcome\":", i,
			h->group ? "true" : "false");
		fw_json_write_str(e->out, fw_out_outcome_name(h->outcome));
		fputs(",\"detail\":", e->out);
		fw_json_write_str(e->out, detail);
		fputc('}', e->out);
	} else {
		fputs("handshake ", e->out);
		link_text(e->out, l->bssid, l->sta);
		fprintf(e->out, "  #%zu%s %s", i, h->group ? " group" : "",
			fw_out_outcome_name(h->outcome));
		if (detail) {
			fputs(": ", e->out);
			fw_tx_str(e->out, detail);
		}
	}
	line_end(e);
}

static void say_finding(struct fw_events *e, const struct fw_view *v, const struct fw_finding *f,
			const char *json)
{
	const struct fw_code_info *ci = fw_code_info(f->code);
	char fr[48];

	if (e->json) {
		fputs(json, e->out);
		line_end(e);
		return;
	}
	fprintf(e->out, "finding   %s %s ", fw_severity_name(f->severity), ci ? ci->name : "?");
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

void fw_events_update(struct fw_events *e, const struct fw_view *v)
{
	for (size_t i = 0; i < v->n_links; i++) {
		const struct fw_link *l = v->links[i];
		uint64_t lk = fnv(fnv(FNV_BASIS, l->bssid, 6), l->sta, 6);

		for (size_t j = 0; j < l->n_msgs; j++) {
			const struct fw_msg *m = &l->msgs[j];
			uint64_t k = fnv(fnv(fnv(FNV_BASIS, "m", 1), &m->file, sizeof(m->file)),
					 &m->frame, sizeof(m->frame));

			if (is_new(e, k, 1))
				say_msg(e, v, l, m);
		}
		for (size_t j = 0; j < l->n_hs; j++) {
			const struct fw_handshake *h = &l->hs[j];
			uint64_t k = fnv(fnv(lk, "h", 1), &j, sizeof(j));
			uint64_t val = fnv(fnv(FNV_BASIS, &h->outcome, sizeof(h->outcome)),
					   h->outcome_detail, strlen(h->outcome_detail));

			if (is_new(e, k, val))
				say_hs(e, l, j, h);
		}
	}
	for (size_t i = 0; i < v->n_findings; i++) {
		const struct fw_finding *f = v->findings[i];
		const char *json = finding_json(e, v, f);
		/* the core gives the same finding the same id at every refresh */
		uint64_t k = fnv(fnv(FNV_BASIS, "f", 1), &f->id, sizeof(f->id));

		if (!json)
			continue;
		if (!f->id) {	/* unnumbered (out of memory): by code, link and first frame */
			k = fnv(fnv(fnv(k, &f->code, sizeof(f->code)), f->bssid, 6), f->sta, 6);
			if (f->n_frames)
				k = fnv(fnv(k, &f->frames[0].file, sizeof(f->frames[0].file)),
					&f->frames[0].frame, sizeof(f->frames[0].frame));
		}
		if (is_new(e, k, fnv(FNV_BASIS, json, strlen(json))))
			say_finding(e, v, f, json);
	}
}

void fw_events_say(struct fw_events *e, const char *event, const char *text)
{
	if (e->json) {
		fputs("{\"event\":", e->out);
		fw_json_write_str(e->out, event);
		fputs(",\"text\":", e->out);
		fw_json_write_str(e->out, text);
		fputc('}', e->out);
	} else {
		fprintf(e->out, "%-9s ", event);
		fw_tx_str(e->out, text);
	}
	line_end(e);
}

void fw_events_stats(struct fw_events *e, const struct fw_events_stats *st)
{
	if (e->json) {
		fprintf(e->out, "{\"event\":\"stats\",\"frames\":%" PRIu64, st->frames);
		if (st->has_kernel)
			fprintf(e->out, ",\"kernel_received\":%" PRIu64 ",\"kernel_dropped\":%" PRIu64
				",\"if_dropped\":%" PRIu64, st->kernel_received, st->kernel_dropped,
				st->if_dropped);
		fputc('}', e->out);
	} else {
		fprintf(e->out, "stats     %" PRIu64 " frames", st->frames);
		if (st->has_kernel)
			fprintf(e->out, ", kernel: %" PRIu64 " received, %" PRIu64 " dropped, %" PRIu64
				" dropped by the interface", st->kernel_received, st->kernel_dropped,
				st->if_dropped);
	}
	line_end(e);
}

bool fw_events_failed(const struct fw_events *e)
{
	return e->failed;
}
