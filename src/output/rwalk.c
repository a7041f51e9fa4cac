/*
 * rwalk.c - the walk the attachable reports share (rwalk.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/fmt.h"
#include "output/ladder.h"
#include "output/rwalk.h"
#include "output/tstyle.h"
#include "util/err.h"

struct sorted {
	const struct fw_finding *f;
	size_t idx;
};

static int cmp_sev(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;

	if (x->f->severity != y->f->severity)
		return x->f->severity > y->f->severity ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

const struct fw_finding **fw_rw_sorted(const struct fw_view *v)
{
	size_t n = v->n_findings;
	struct sorted *s = calloc(n ? n : 1, sizeof(*s));
	const struct fw_finding **out = calloc(n ? n : 1, sizeof(*out));

	if (!s || !out) {
		free(s);
		free(out);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		s[i].f = v->findings[i];
		s[i].idx = i;
	}
	qsort(s, n, sizeof(*s), cmp_sev);
	for (size_t i = 0; i < n; i++)
		out[i] = s[i].f;
	free(s);
	return out;
}

/* A memory stream: open, write, close into a string ("" when nothing was written). */
struct mem {
	char *buf;
	size_t len;
	FILE *f;
};

static FILE *mem_open(struct mem *m)
{
	m->buf = NULL;
	m->len = 0;
	m->f = open_memstream(&m->buf, &m->len);
	return m->f;
}

static char *mem_close(struct mem *m)
{
	if (!m->f)
		return NULL;
	if (fclose(m->f) != 0) {
		free(m->buf);
		return NULL;
	}
	return m->buf;
}

char *fw_rw_safe(const uint8_t *s, size_t n, bool quoted)
{
	struct mem m;

	if (!mem_open(&m))
		return NULL;
	fw_tx_safe(m.f, s, n, quoted);
	return mem_close(&m);
}

char *fw_rw_safe_str(const char *s)
{
	return s ? fw_rw_safe((const uint8_t *)s, strlen(s), false) : fw_rw_safe_str("?");
}

char *fw_rw_ladder_text(const struct fw_view *v, const struct fw_link *l, size_t first,
			size_t count, const struct fw_handshake *h, bool show_keys)
{
	struct fw_text_opts o = { .color = false, .show_keys = show_keys };
	struct mem m;

	if (!mem_open(&m))
		return NULL;
	fw_ladder_write(m.f, v, l, first, count, h, &o);
	return mem_close(&m);
}

char *fw_rw_log_inputs(const struct fw_view *v)
{
	struct mem m;

	if (!mem_open(&m))
		return NULL;
	fw_logrows_inputs(m.f, v);
	return mem_close(&m);
}

char *fw_rw_confirm(const struct fw_view *v, const struct fw_finding *f)
{
	struct mem m;
	char *s;

	if (!mem_open(&m))
		return NULL;
	fw_logrows_confirm_text(m.f, v, f);
	s = mem_close(&m);
	/* "; confirmed by ...": the separator belongs to the text report's line */
	if (s && strncmp(s, "; ", 2) == 0)
		memmove(s, s + 2, strlen(s + 2) + 1);
	return s;
}

char *fw_rw_msg_notes(const struct fw_view *v, const struct fw_msg *m, bool show_keys)
{
	struct fw_text_opts o = { .color = false, .show_keys = show_keys };
	struct mem mm;
	char *s;

	if (!mem_open(&mm))
		return NULL;
	fw_ladder_notes(mm.f, v, m, &o);
	s = mem_close(&mm);
	if (s && strncmp(s, "  ", 2) == 0)
		memmove(s, s + 2, strlen(s + 2) + 1);
	return s;
}

char *fw_rw_pframe_notes(const struct fw_view *v, const struct fw_pframe *p)
{
	struct mem m;
	char note[96], b[48];

	if (!mem_open(&m))
		return NULL;
	fprintf(m.f, "%s from the %s, PN %" PRIu64, p->mgmt ? "management" : "data",
		p->from_ap ? "AP" : "station", p->pn);
	if (fw_out_dec_key_name(p->dec_key))
		fprintf(m.f, ", decrypted with the %s", fw_out_dec_key_name(p->dec_key));
	else
		fputs(", not decrypted", m.f);
	if (fw_out_rx_note(note, sizeof(note), p->from_ap, p->rx_has_key, p->rx_why,
			   p->rx_key_frame))
		fprintf(m.f, ": %s", note);
	if (p->acked == FW_ACK_YES)
		fprintf(m.f, "; ACKed #%s", fw_tx_frame(b, sizeof(b), v, p->ack_file, p->ack_frame));
	else if (p->acked == FW_ACK_NO)
		fputs("; no ACK", m.f);
	return mem_close(&m);
}

void fw_rw_rel_time(char *buf, size_t len, int64_t d)
{
	uint64_t a = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
	uint64_t us = a / 1000;

	snprintf(buf, len, "%c%" PRIu64 ".%06" PRIu64, d < 0 ? '-' : '+', us / 1000000,
		 us % 1000000);
}

static int cmp_ts(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static int cmp_ref(const void *a, const void *b)
{
	const struct fw_rw_frame_ref *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->frame > y->frame) - (x->frame < y->frame);
}

int fw_rw_link_ix_init(struct fw_rw_link_ix *x, const struct fw_link *l)
{
	size_t nm = l->n_msgs, nh = l->n_hs;

	memset(x, 0, sizeof(*x));
	x->ts = malloc((nm ? nm : 1) * sizeof(*x->ts));
	x->msgs = malloc((nm ? nm : 1) * sizeof(*x->msgs));
	x->pf = malloc((l->n_pframes ? l->n_pframes : 1) * sizeof(*x->pf));
	x->pf_at = calloc(nh + 2, sizeof(*x->pf_at));
	if (!x->ts || !x->msgs || !x->pf || !x->pf_at) {
		fw_rw_link_ix_fini(x);
		return FW_ENOMEM;
	}
	for (size_t i = 0; i < nm; i++) {
		x->ts[i] = l->msgs[i].ts_ns;
		x->msgs[i].file = l->msgs[i].file;
		x->msgs[i].frame = l->msgs[i].frame;
	}
	qsort(x->ts, nm, sizeof(*x->ts), cmp_ts);
	qsort(x->msgs, nm, sizeof(*x->msgs), cmp_ref);
	/* a counting sort, stable: each handshake's frames in link order (none past the last handshake) */
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].after_hs < nh)
			x->pf_at[l->pframes[i].after_hs + 2]++;
	for (size_t h = 2; h < nh + 2; h++)
		x->pf_at[h] += x->pf_at[h - 1];
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].after_hs < nh)
			x->pf[x->pf_at[l->pframes[i].after_hs + 1]++] = i;
	x->n_msgs = nm;
	x->n_hs = nh;
	return 0;
}

void fw_rw_link_ix_fini(struct fw_rw_link_ix *x)
{
	free(x->ts);
	free(x->msgs);
	free(x->pf);
	free(x->pf_at);
	memset(x, 0, sizeof(*x));
}

/* Is protected frame p one of the link's EAPOL-Key messages (drawn as that message)? */
static bool pframe_is_msg(const struct fw_link *l, const struct fw_rw_link_ix *ix,
			  const struct fw_pframe *p)
{
	if (!p->is_eapol)
		return false;
	if (ix) {
		struct fw_rw_frame_ref k = { p->file, p->frame };

		return bsearch(&k, ix->msgs, ix->n_msgs, sizeof(k), cmp_ref) != NULL;
	}
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].frame == p->frame && l->msgs[i].file == p->file)
			return true;
	return false;
}

#define RW_LOG_MAX 64
#define RW_LOG_BEFORE_NS 50000000LL	/* a daemon logs a send before the air shows it */

/*
 * Where a span's log rows stop: where the rows of the link's next message
 * start (the events between two handshakes, an SA Query, a dropped deauth,
 * drawn once, after the first, as the text ladder does), else the logs' end.
 */
static int64_t span_end(const struct fw_link *l, const struct fw_rw_link_ix *ix, int64_t last)
{
	int64_t end = INT64_MAX;

	if (ix) {
		/* the first time past last: the earliest later message */
		size_t lo = 0, hi = ix->n_msgs;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (ix->ts[mid] > last)
				hi = mid;
			else
				lo = mid + 1;
		}
		if (lo < ix->n_msgs && ix->ts[lo] - RW_LOG_BEFORE_NS < end)
			end = ix->ts[lo] - RW_LOG_BEFORE_NS;
		return end;
	}
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].ts_ns > last && l->msgs[i].ts_ns - RW_LOG_BEFORE_NS < end)
			end = l->msgs[i].ts_ns - RW_LOG_BEFORE_NS;
	return end;
}

/*
 * The next protected frame of handshake hidx from position *np on, not one
 * of its messages, or NULL; *np left on it.  With ix, positions run over
 * the handshake's own frames; without, over the link's.
 */
static const struct fw_pframe *next_pframe(const struct fw_link *l, const struct fw_rw_link_ix *ix,
					   long hidx, size_t *np)
{
	size_t end = ix ? ix->pf_at[hidx + 1] : l->n_pframes;

	for (; *np < end; (*np)++) {
		const struct fw_pframe *q = &l->pframes[ix ? ix->pf[*np] : *np];

		if ((long)q->after_hs == hidx && !pframe_is_msg(l, ix, q))
			return q;
	}
	return NULL;
}

size_t fw_rw_rows(const struct fw_view *v, const struct fw_link *l, const struct fw_rw_link_ix *ix,
		  const struct fw_handshake *h, size_t first, size_t count, struct fw_rw_row **rows)
{
	struct fw_logref logs[RW_LOG_MAX];
	size_t n_logs = 0, more = 0, n = 0, cap, np = 0, lp = 0;
	struct fw_rw_row *r;
	int64_t t0, end;
	long hidx = h ? (long)(h - l->hs) : -1;

	*rows = NULL;
	/* an index made for another link would be read out of bounds: walk instead */
	if (ix && (ix->n_msgs != l->n_msgs || ix->n_hs != l->n_hs))
		ix = NULL;
	if (h) {
		first = h->first;
		count = h->count;
		if (ix)
			np = ix->pf_at[hidx];
	}
	if (first >= l->n_msgs || count == 0)
		return 0;
	if (count > l->n_msgs - first)
		count = l->n_msgs - first;
	t0 = l->msgs[first].ts_ns;
	end = span_end(l, ix, l->msgs[first + count - 1].ts_ns);
	if (v->n_logs)
		n_logs = fw_logrows_collect(v, l, t0 - RW_LOG_BEFORE_NS, end, logs, RW_LOG_MAX, &more);
	cap = count + n_logs + 1 +
	      (h && !h->group ? ix ? ix->pf_at[hidx + 1] - ix->pf_at[hidx] : l->n_pframes : 0);
	r = calloc(cap, sizeof(*r));
	if (!r)
		return 0;
	/*
	 * Messages in the link's order; before each, the protected frames and
	 * log events timed before it, so a reordered capture keeps its order.
	 */
	for (size_t i = first; i <= first + count; i++) {
		int64_t until = i < first + count ? l->msgs[i].ts_ns : INT64_MAX;

		for (;;) {
			const struct fw_pframe *p = h && !h->group ? next_pframe(l, ix, hidx, &np) : NULL;
			bool take_log;

			if (p && p->ts_ns >= until)
				p = NULL;
			take_log = lp < n_logs && logs[lp].ts_ns < until &&
				   (!p || logs[lp].ts_ns <= p->ts_ns);
			if (take_log) {
				r[n].kind = FW_RW_LOG;
				r[n].ts_ns = logs[lp].ts_ns;
				r[n++].log = logs[lp++];
			} else if (p) {
				r[n].kind = FW_RW_PFRAME;
				r[n].ts_ns = p->ts_ns;
				r[n++].p = p;
				np++;
			} else {
				break;
			}
		}
		if (i < first + count) {
			r[n].kind = FW_RW_MSG;
			r[n].ts_ns = l->msgs[i].ts_ns;
			r[n++].m = &l->msgs[i];
		}
	}
	if (h && h->ended) {
		/* the deauthentication in its place by time among the rows after the last message */
		size_t at = n;

		while (at > 0 && r[at - 1].kind != FW_RW_MSG && r[at - 1].ts_ns > h->end_ts_ns)
			at--;
		memmove(&r[at + 1], &r[at], (n - at) * sizeof(*r));
		memset(&r[at], 0, sizeof(*r));
		r[at].kind = FW_RW_END;
		r[at].ts_ns = h->end_ts_ns;
		n++;
	}
	*rows = r;
	return n;
}

size_t fw_rw_keys(const struct fw_view *v, struct fw_rw_key *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < v->n_links; i++)
		for (size_t k = 0; k < v->links[i]->n_hs; k++) {
			const struct fw_handshake *h = &v->links[i]->hs[k];
			size_t j;

			if (!h->key_id)
				continue;
			for (j = 0; j < n; j++)
				if (out[j].id == h->key_id)
					break;
			if (j < n) {
				out[j].handshakes++;
				continue;
			}
			if (n >= max)
				continue;
			out[n].id = h->key_id;
			out[n].fp = h->key_fp;
			out[n].origin = h->key_origin;
			out[n].by_pmkid = h->key_by_pmkid;
			out[n++].handshakes = 1;
		}
	return n;
}

char *fw_rw_eap_text(const struct fw_view *v, const struct fw_link *l)
{
	struct fw_text_opts o = { .color = false, .show_keys = false };
	struct mem m;

	if (!mem_open(&m))
		return NULL;
	fw_ladder_write_eap(m.f, v, l, &o);
	return mem_close(&m);
}

void fw_rw_summary(char *buf, size_t len, const struct fw_view *v)
{
	size_t n_hs = 0, complete = 0, sev[3] = { 0, 0, 0 };

	for (size_t i = 0; i < v->n_links; i++) {
		n_hs += v->links[i]->n_hs;
		for (size_t h = 0; h < v->links[i]->n_hs; h++)
			complete += v->links[i]->hs[h].outcome == FW_OUT_COMPLETE;
	}
	for (size_t i = 0; i < v->n_findings; i++)
		if ((unsigned)v->findings[i]->severity < 3)
			sev[v->findings[i]->severity]++;
	snprintf(buf, len, "%zu link%s, %zu handshake%s (%zu complete), findings: %zu error%s, "
		 "%zu warning%s, %zu info", v->n_links, v->n_links == 1 ? "" : "s", n_hs,
		 n_hs == 1 ? "" : "s", complete, sev[FW_SEV_ERROR], sev[FW_SEV_ERROR] == 1 ? "" : "s",
		 sev[FW_SEV_WARNING], sev[FW_SEV_WARNING] == 1 ? "" : "s", sev[FW_SEV_INFO]);
}

static int cmp_pair(const void *a, const void *b)
{
	const struct fw_rw_pair *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int fw_rw_chains_init(struct fw_rw_chains *c, const struct fw_view *v)
{
	size_t nc = 0;

	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < v->n_findings; i++)
		nc += v->findings[i]->n_causes < FW_FINDING_MAX_CAUSES ?
		      v->findings[i]->n_causes : FW_FINDING_MAX_CAUSES;
	c->by_id = calloc(v->n_findings ? v->n_findings : 1, sizeof(*c->by_id));
	c->by_cause = calloc(nc ? nc : 1, sizeof(*c->by_cause));
	if (!c->by_id || !c->by_cause) {
		fw_rw_chains_fini(c);
		return FW_ENOMEM;
	}
	for (size_t i = 0; i < v->n_findings; i++) {
		const struct fw_finding *f = v->findings[i];

		if (f->id) {
			c->by_id[c->n_id].id = f->id;
			c->by_id[c->n_id++].idx = i;
		}
		for (size_t k = 0; k < f->n_causes && k < FW_FINDING_MAX_CAUSES; k++) {
			c->by_cause[c->n_cause].id = f->caused_by[k];
			c->by_cause[c->n_cause++].idx = i;
		}
	}
	qsort(c->by_id, c->n_id, sizeof(*c->by_id), cmp_pair);
	qsort(c->by_cause, c->n_cause, sizeof(*c->by_cause), cmp_pair);
	return 0;
}

void fw_rw_chains_fini(struct fw_rw_chains *c)
{
	free(c->by_id);
	free(c->by_cause);
	memset(c, 0, sizeof(*c));
}

/* The first pair of arr[0 .. n) with this id (n when none). */
static size_t first_of(const struct fw_rw_pair *arr, size_t n, unsigned id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (arr[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && arr[lo].id == id ? lo : n;
}

const struct fw_finding *fw_rw_chains_find(const struct fw_rw_chains *c,
					   const struct fw_view *v, unsigned id)
{
	size_t i = id ? first_of(c->by_id, c->n_id, id) : c->n_id;

	return i < c->n_id ? v->findings[c->by_id[i].idx] : NULL;
}

bool fw_rw_chains_led(const struct fw_rw_chains *c, const struct fw_view *v, unsigned id,
		      size_t k, const struct fw_finding **out)
{
	size_t i = id ? first_of(c->by_cause, c->n_cause, id) : c->n_cause;

	if (i >= c->n_cause || k >= c->n_cause - i || c->by_cause[i + k].id != id)
		return false;
	*out = v->findings[c->by_cause[i + k].idx];
	return true;
}

size_t fw_rw_keys_new(const struct fw_view *v, struct fw_rw_key **out)
{
	size_t n = 0;

	/* at most one key a handshake */
	for (size_t i = 0; i < v->n_links; i++)
		n += v->links[i]->n_hs;
	*out = n ? calloc(n, sizeof(**out)) : NULL;
	return *out ? fw_rw_keys(v, *out, n) : 0;
}

void fw_rw_findings(FILE *out, const struct fw_view *v, const struct fw_rw_render *r)
{
	const struct fw_finding **s = fw_rw_sorted(v);
	struct fw_rw_chains ch;

	(void)fw_rw_chains_init(&ch, v);	/* out of memory: no chain is named */
	for (size_t i = 0; i < v->n_findings; i++)
		r->finding(out, v, &ch, s ? s[i] : v->findings[i]);
	fw_rw_chains_fini(&ch);
	free(s);
}

void fw_rw_chain_cells(FILE *out, const struct fw_view *v, const struct fw_rw_chains *ch,
		       const struct fw_finding *f, const struct fw_rw_render *r, const char *mid,
		       const char *end)
{
	const struct fw_finding *g;
	size_t c, k;

	for (c = 0; c < f->n_causes && c < FW_FINDING_MAX_CAUSES; c++) {
		fputs(c ? r->sep : "", out);
		if ((g = fw_rw_chains_find(ch, v, f->caused_by[c])))
			r->ref(out, v, g);
		else
			fprintf(out, "%s%u", r->id_mark, f->caused_by[c]);
	}
	fputs(c ? mid : r->none, out);
	fputs(c ? "" : mid, out);
	for (k = 0; fw_rw_chains_led(ch, v, f->id, k, &g); k++) {
		fputs(k ? r->sep : "", out);
		r->ref(out, v, g);
	}
	fputs(k ? end : r->none, out);
	fputs(k ? "" : end, out);
}

void fw_rw_ladders(FILE *out, const struct fw_view *v, const struct fw_link *l, bool show_keys,
		   const struct fw_rw_render *r)
{
	/* which messages the handshakes claim, in one pass over them (text.c's stray_messages) */
	size_t *owner = calloc(l->n_msgs ? l->n_msgs : 1, sizeof(*owner));
	struct fw_rw_link_ix ix;
	const struct fw_rw_link_ix *ixp = fw_rw_link_ix_init(&ix, l) == 0 ? &ix : NULL;
	size_t j;

	if (owner)
		fw_view_msg_owners(l, owner);
	for (size_t h = 0; h < l->n_hs; h++) {
		r->hs_title(out, h + 1, &l->hs[h]);
		r->ladder(out, v, l, ixp, &l->hs[h], l->hs[h].first, l->hs[h].count, show_keys);
	}
	for (size_t i = 0; i < l->n_msgs; i = j) {
		for (j = i; j < l->n_msgs && !(owner ? owner[j] : fw_view_msg_owner(l, j)); j++)
			;
		if (j > i) {
			fputs(r->outside, out);
			r->ladder(out, v, l, ixp, NULL, i, j - i, show_keys);
		} else {
			j = i + 1;
		}
	}
	free(owner);
	fw_rw_link_ix_fini(&ix);
}

void fw_rw_link_findings(FILE *out, const struct fw_view *v, const struct fw_link *l,
			 const struct fw_rw_render *r, const char *lead, const char *end)
{
	size_t j, k;

	for (k = 0; fw_view_link_finding(v, l, k, &j); k++) {
		fputs(k ? ", " : lead, out);
		r->ref(out, v, v->findings[j]);
	}
	if (k)
		fputs(end, out);
}
