/*
 * text.c - the text report: problems first, then inputs, links with their
 * ladders and findings, a summary and the notes.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/fmt.h"
#include "output/ladder.h"
#include "output/logrows.h"
#include "output/text.h"
#include "output/tstyle.h"
#include "util/err.h"
#include "util/mac.h"

#define PROBLEMS_SHOWN 20

struct sorted {
	const struct fw_finding *f;
	size_t idx;		/* position in the view: keeps the sort stable */
};

/* Most severe first; among equals, the core's order (capture order). */
static int cmp_sev(const void *a, const void *b)
{
	const struct sorted *x = a, *y = b;

	if (x->f->severity != y->f->severity)
		return x->f->severity > y->f->severity ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void frames_list(FILE *out, const struct fw_view *v, const struct fw_finding *f)
{
	size_t n = f->n_frames < FW_FINDING_MAX_FRAMES ? f->n_frames : FW_FINDING_MAX_FRAMES;
	char b[48];

	if (n == 0)
		return;
	fprintf(out, " (%s ", plural(n, "frame", "frames"));
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? ", " : "",
			fw_tx_frame(b, sizeof(b), v, f->frames[i].file, f->frames[i].frame));
	fputc(')', out);
}

/*
 * Findings form chains (handshake/chain.c): a list of findings is shown as
 * a forest, each consequence indented under one of its causes in the list
 * (the last of them in the list's order, so every cause is read before
 * it; the others are named on its line).  A finding whose causes are not
 * in the list is a root.  order[] receives list positions in reading
 * order, depth[] their levels, parent[] the position of the cause they
 * are shown under (SIZE_MAX for a root).
 */
struct id_pos {
	unsigned id;
	size_t pos;
};

static int cmp_id(const void *a, const void *b)
{
	const struct id_pos *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static size_t pos_of(const struct id_pos *ix, size_t m, unsigned id)
{
	struct id_pos key = { id, 0 };
	const struct id_pos *p = id ? bsearch(&key, ix, m, sizeof(*ix), cmp_id) : NULL;

	return p ? p->pos : SIZE_MAX;
}

#define TREE_DEPTH_SHOWN 4	/* deeper consequences are drawn at this level */

struct tree {
	size_t *order, *parent;
	unsigned *depth;
	size_t n;
};

static void tree_fini(struct tree *t)
{
	free(t->order);
	free(t->parent);
	free(t->depth);
}

/* Depth-first from pos; done[] guards against a cycle the core should never make. */
static void tree_walk(struct tree *t, const struct sorted *list, size_t m, size_t pos,
		      unsigned depth, bool *done)
{
	/* an explicit stack: chains are short, but the report must not trust that */
	size_t *stack = malloc(m * sizeof(*stack));
	unsigned *lvl = malloc(m * sizeof(*lvl));
	size_t sp = 0;

	if (!stack || !lvl) {
		free(stack);
		free(lvl);
		return;
	}
	stack[sp] = pos;
	lvl[sp++] = depth;
	done[pos] = true;
	while (sp) {
		size_t p = stack[--sp];
		unsigned d = lvl[sp];

		t->order[t->n] = p;
		t->depth[t->n++] = d;
		/* children in list order: pushed in reverse */
		for (size_t k = m; k-- > 0;)
			if (t->parent[k] == p && !done[k]) {
				done[k] = true;
				stack[sp] = k;
				lvl[sp++] = d + 1;
			}
	}
	free(stack);
	free(lvl);
}

static int tree_make(struct tree *t, const struct sorted *list, size_t m)
{
	struct id_pos *ix = calloc(m ? m : 1, sizeof(*ix));
	bool *done = calloc(m ? m : 1, sizeof(*done));

	memset(t, 0, sizeof(*t));
	t->order = calloc(m ? m : 1, sizeof(*t->order));
	t->parent = calloc(m ? m : 1, sizeof(*t->parent));
	t->depth = calloc(m ? m : 1, sizeof(*t->depth));
	if (!ix || !done || !t->order || !t->parent || !t->depth) {
		free(ix);
		free(done);
		tree_fini(t);
		return FW_ENOMEM;
	}
	for (size_t i = 0; i < m; i++) {
		ix[i].id = list[i].f->id;
		ix[i].pos = i;
	}
	qsort(ix, m, sizeof(*ix), cmp_id);
	for (size_t i = 0; i < m; i++) {
		const struct fw_finding *f = list[i].f;

		t->parent[i] = SIZE_MAX;
		for (size_t c = 0; c < f->n_causes && c < FW_FINDING_MAX_CAUSES; c++) {
			size_t p = pos_of(ix, m, f->caused_by[c]);

			if (p != SIZE_MAX && p != i && (t->parent[i] == SIZE_MAX || p > t->parent[i]))
				t->parent[i] = p;
		}
	}
	for (size_t i = 0; i < m; i++)
		if (t->parent[i] == SIZE_MAX && !done[i])
			tree_walk(t, list, m, i, 0, done);
	for (size_t i = 0; i < m; i++)	/* left in a cycle: shown as roots */
		if (!done[i]) {
			t->parent[i] = SIZE_MAX;
			tree_walk(t, list, m, i, 0, done);
		}
	free(ix);
	free(done);
	return 0;
}

/* ", also after CODE, CODE": the causes in the list other than the one it is shown under. */
static void other_causes(FILE *out, const struct sorted *list, size_t m, size_t pos,
			 size_t parent)
{
	const struct fw_finding *f = list[pos].f;
	bool said = false;

	for (size_t c = 0; c < f->n_causes && c < FW_FINDING_MAX_CAUSES; c++)
		for (size_t k = 0; k < m; k++) {
			const struct fw_code_info *ci;

			if (k == parent || k == pos || list[k].f->id != f->caused_by[c])
				continue;
			ci = fw_code_info(list[k].f->code);
			fprintf(out, "%s%s", said ? ", " : ", also after ", ci ? ci->name : "?");
			said = true;
		}
}

/* Where a finding stands in a tree, for its line: NULL list when in none. */
struct tree_at {
	const struct sorted *list;
	size_t m, pos, parent;
};

/*
 * "error MIC_BAD (frames 89): detail"; with_link adds the addresses; in a
 * tree, the causes other than the one it is shown under follow the frames.
 */
static void finding_line(FILE *out, const struct fw_view *v, const struct fw_finding *f,
			 const struct fw_text_opts *o, bool with_link, const struct tree_at *at)
{
	const struct fw_code_info *ci = fw_code_info(f->code);

	fw_tx_on(out, o->color, fw_tx_sev_style(f->severity));
	fputs(fw_severity_name(f->severity), out);
	fw_tx_off(out, o->color);
	fputc(' ', out);
	fw_tx_on(out, o->color, FW_TX_BOLD);
	fputs(ci ? ci->name : "UNKNOWN", out);
	fw_tx_off(out, o->color);
	if (with_link) {
		char a[FW_MAC_STRLEN], s[FW_MAC_STRLEN];

		fprintf(out, " %s <-> %s", fw_mac_fmt(a, f->bssid), fw_mac_fmt(s, f->sta));
	}
	frames_list(out, v, f);
	if (at && at->list)
		other_causes(out, at->list, at->m, at->pos, at->parent);
	fputs(": ", out);
	fw_tx_str(out, f->detail[0] ? f->detail : (ci ? ci->title : ""));
	fw_logrows_confirm_text(out, v, f);
	fputc('\n', out);
}

/*
 * Line k of a tree: the indent, two columns a level and an arrow for a
 * consequence, the finding.  A consequence is on its cause's link, so the
 * addresses (with_link) are said on roots only.
 */
static void tree_line(FILE *out, const struct fw_view *v, const struct sorted *list, size_t m,
		      const struct tree *t, size_t k, const char *indent,
		      const struct fw_text_opts *o, bool with_link)
{
	size_t pos = t->order[k];
	unsigned d = t->depth[k] < TREE_DEPTH_SHOWN ? t->depth[k] : TREE_DEPTH_SHOWN;
	struct tree_at at = { list, m, pos, t->parent[pos] };

	fputs(indent, out);
	for (unsigned i = 1; i < d; i++)
		fputs("  ", out);
	if (d)
		fputs("-> ", out);
	finding_line(out, v, list[pos].f, o, with_link && d == 0, &at);
}

static size_t total_handshakes(const struct fw_view *v, size_t *complete)
{
	size_t n = 0;

	*complete = 0;
	for (size_t i = 0; i < v->n_links; i++) {
		n += v->links[i]->n_hs;
		for (size_t h = 0; h < v->links[i]->n_hs; h++)
			*complete += v->links[i]->hs[h].outcome == FW_OUT_COMPLETE;
	}
	return n;
}

/*
 * list[0 .. m) as a forest, each line after indent; at most max lines (0:
 * no limit).  Returns how many were left out.
 */
static size_t forest(FILE *out, const struct fw_view *v, const struct sorted *list, size_t m,
		     const char *indent, const struct fw_text_opts *o, bool with_link, size_t max)
{
	struct tree t;
	size_t more = 0;

	if (tree_make(&t, list, m) != 0) {
		/* out of memory: one finding a line, as listed */
		for (size_t i = 0; i < m; i++) {
			if (max && i >= max) {
				more++;
				continue;
			}
			fputs(indent, out);
			finding_line(out, v, list[i].f, o, with_link, NULL);
		}
		return more;
	}
	for (size_t k = 0; k < t.n; k++) {
		if (max && k >= max) {
			more++;
			continue;
		}
		tree_line(out, v, list, m, &t, k, indent, o, with_link);
	}
	tree_fini(&t);
	return more;
}

static void problems(FILE *out, const struct fw_view *v, const struct sorted *s,
		     struct sorted *sub, const struct fw_text_opts *o)
{
	size_t complete, n_hs = total_handshakes(v, &complete);
	size_t more = 0, no_key = 0, m = 0;
	bool any = false;

	for (size_t i = 0; i < v->n_inputs; i++) {
		const struct fw_input *in = v->inputs[i];

		if (!in->read_error && !in->error[0])
			continue;
		if (!any)
			fputs("Problems:\n", out);
		any = true;
		fputs("  ", out);
		fw_tx_on(out, o->color, FW_TX_RED);
		fputs("error", out);
		fw_tx_off(out, o->color);
		fputs(" input ", out);
		fw_tx_str(out, in->path);
		fputs(": ", out);
		fw_tx_str(out, in->error[0] ? in->error : "read error");
		fputc('\n', out);
	}
	for (size_t i = 0; i < v->n_findings; i++) {
		no_key += s[i].f->code == FW_F_NO_KEY;
		if (s[i].f->severity >= FW_SEV_WARNING)
			sub[m++] = s[i];
	}
	if (m && !any)
		fputs("Problems:\n", out);
	any |= m > 0;
	more = forest(out, v, sub, m, "  ", o, true, PROBLEMS_SHOWN);
	if (more)
		fprintf(out, "  ... and %zu more (listed with their links below)\n", more);
	if (n_hs == 0)
		fputs("No EAPOL-Key handshake found.\n", out);
	else if (!any)
		fputs("No problems found.\n", out);
	if (no_key)
		fprintf(out, "%zu %s could not be verified for want of a key "
			"(give --pmk, --passphrase with --ssid, --keylog, --msk, or --radius-secret\n"
			"with the AP's RADIUS capture and --merge).\n",
			no_key, plural(no_key, "link", "links"));
}

static void input_line(FILE *out, const struct fw_view *v, size_t i)
{
	const struct fw_input *in = v->inputs[i];

	if (v->merged)
		fprintf(out, "[%zu] ", i + 1);
	fputs("Input ", out);
	fw_tx_str(out, in->path);
	fputs(": ", out);
	if (in->linktype_name)
		fw_tx_str(out, in->linktype_name);
	else
		fputs("link type", out);
	fprintf(out, " (%d), %" PRIu64 " %s, %" PRIu64 " malformed", in->linktype, in->frames,
		plural(in->frames, "frame", "frames"), in->malformed);
	if (in->bad_fcs)
		fprintf(out, ", %" PRIu64 " bad FCS", in->bad_fcs);
	if (in->read_error || in->error[0])
		fputs(", stopped early", out);
	fputc('\n', out);
}

static void link_header(FILE *out, const struct fw_view *v, const struct fw_link *l,
			const struct fw_text_opts *o)
{
	char a[FW_MAC_STRLEN], s[FW_MAC_STRLEN], b1[FW_OUT_SUITE_LEN], b2[FW_OUT_SUITE_LEN],
		b3[FW_OUT_SUITE_LEN];
	const char *akm = fw_out_suite(b1, l->akm, false);
	const char *pw = fw_out_suite(b2, l->pairwise, true);
	const char *gr = fw_out_suite(b3, l->group, true);

	fw_tx_on(out, o->color, FW_TX_BOLD);
	fputs(fw_mac_fmt(a, l->bssid), out);
	if (l->has_ssid && l->ssid_len <= sizeof(l->ssid)) {
		fputs(" \"", out);
		fw_tx_safe(out, l->ssid, l->ssid_len, true);
		fputc('"', out);
	} else {
		fputs(" (SSID unknown)", out);
	}
	fprintf(out, " <-> %s", fw_mac_fmt(s, l->sta));
	fw_tx_off(out, o->color);
	fprintf(out, "   %s  %s/%s   (", akm ? akm : "AKM?", pw ? pw : "?", gr ? gr : "?");
	fw_tx_str(out, fw_out_input_path(v, l->file));
	fputs(")\n", out);
}

void fw_text_key_name(FILE *out, const struct fw_handshake *h)
{
	fprintf(out, ", verified with key %u", h->key_id);
	if (h->key_by_pmkid)
		fputs(" (PMKID)", out);
	if (h->key_fp[0]) {
		/* the PMK by its fingerprint, and where it came from */
		fprintf(out, " (PMK %s", h->key_fp);
		if (h->key_origin && h->key_origin[0]) {
			fputs(", from ", out);
			fw_tx_str(out, h->key_origin);
		}
		fputc(')', out);
	}
}

static void handshake_header(FILE *out, size_t n, const struct fw_handshake *h,
			     const struct fw_text_opts *o)
{
	enum fw_tx_style st = h->outcome == FW_OUT_COMPLETE ? FW_TX_GREEN :
			      h->outcome == FW_OUT_FAILED ? FW_TX_RED : FW_TX_YELLOW;

	fprintf(out, "  handshake %zu%s: ", n, h->group ? " (group key)" : "");
	fw_tx_on(out, o->color, st);
	fputs(fw_out_outcome_name(h->outcome), out);
	fw_tx_off(out, o->color);
	if (h->outcome_detail[0]) {
		fputs(" (", out);
		fw_tx_str(out, h->outcome_detail);
		fputc(')', out);
	}
	if (!h->key_id)
		fputs(", not verified", out);
	else
		fw_text_key_name(out, h);
	/* why a new ANonce began, when the air shows it */
	if (h->opened_by[0]) {
		fputs("; began: ", out);
		fw_tx_str(out, h->opened_by);
	}
	fputc('\n', out);
}

/* Messages no handshake claims (a lone request, an unclassified message). */
static void stray_messages(FILE *out, const struct fw_view *v, const struct fw_link *l,
			   const struct fw_text_opts *o)
{
	bool said = false;
	/* one pass over the handshakes, not one per message; without memory for it, the walk */
	size_t *owner = calloc(l->n_msgs ? l->n_msgs : 1, sizeof(*owner));

	if (owner)
		fw_view_msg_owners(l, owner);
	for (size_t i = 0; i < l->n_msgs;) {
		size_t j = i;

		while (j < l->n_msgs && !(owner ? owner[j] : fw_view_msg_owner(l, j)))
			j++;
		if (j > i) {
			if (!said)
				fputs("  messages outside any handshake:\n", out);
			said = true;
			fw_ladder_write(out, v, l, i, j - i, NULL, o);
			i = j;
		} else {
			i++;
		}
	}
	free(owner);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

static void link_block(FILE *out, const struct fw_view *v, const struct fw_link *l,
		       const struct sorted *s, struct sorted *sub, bool *claimed,
		       const size_t *pos, size_t *at, const struct fw_text_opts *o)
{
	size_t m = 0;

	link_header(out, v, l, o);
	if (l->n_eap) {
		fprintf(out, "  authentication (EAP, %zu %s):\n", l->n_eap,
			plural(l->n_eap, "packet", "packets"));
		fw_ladder_write_eap(out, v, l, o);
	}
	if (l->n_hs == 0)
		fprintf(out, "  no handshake (%zu EAPOL-Key %s)\n", l->n_msgs,
			plural(l->n_msgs, "message", "messages"));
	for (size_t h = 0; h < l->n_hs; h++) {
		handshake_header(out, h + 1, &l->hs[h], o);
		fw_ladder_write(out, v, l, l->hs[h].first, l->hs[h].count, &l->hs[h], o);
	}
	stray_messages(out, v, l, o);
	/* the link's findings from the view's index, in the order of s (pos: place in s) */
	for (size_t k = 0, j; fw_view_link_finding(v, l, k, &j); k++)
		at[m++] = pos[j];
	qsort(at, m, sizeof(*at), cmp_size);
	for (size_t k = 0; k < m; k++) {
		claimed[at[k]] = true;
		sub[k] = s[at[k]];
	}
	if (m)
		fputs("  findings:\n", out);
	forest(out, v, sub, m, "    ", o, false, 0);
	fputc('\n', out);
}

static void summary(FILE *out, const struct fw_view *v)
{
	size_t complete, n_hs = total_handshakes(v, &complete);
	size_t sev[3] = { 0, 0, 0 };

	for (size_t i = 0; i < v->n_findings; i++)
		if ((unsigned)v->findings[i]->severity < 3)
			sev[v->findings[i]->severity]++;
	fprintf(out, "%zu %s, %zu %s (%zu complete), findings: %zu %s, %zu %s, %zu info\n",
		v->n_links, plural(v->n_links, "link", "links"), n_hs,
		plural(n_hs, "handshake", "handshakes"), complete, sev[FW_SEV_ERROR],
		plural(sev[FW_SEV_ERROR], "error", "errors"), sev[FW_SEV_WARNING],
		plural(sev[FW_SEV_WARNING], "warning", "warnings"), sev[FW_SEV_INFO]);
}

int fw_text_write(FILE *out, const struct fw_view *v, const struct fw_text_opts *o)
{
	struct sorted *s = calloc(v->n_findings ? v->n_findings : 1, sizeof(*s));
	struct sorted *sub = calloc(v->n_findings ? v->n_findings : 1, sizeof(*sub));
	bool *claimed = calloc(v->n_findings ? v->n_findings : 1, sizeof(*claimed));
	size_t *pos = calloc(v->n_findings ? v->n_findings : 1, sizeof(*pos));
	size_t *at = calloc(v->n_findings ? v->n_findings : 1, sizeof(*at));
	size_t m = 0;

	if (!s || !sub || !claimed || !pos || !at) {
		free(s);
		free(sub);
		free(claimed);
		free(pos);
		free(at);
		return FW_ENOMEM;
	}
	for (size_t i = 0; i < v->n_findings; i++) {
		s[i].f = v->findings[i];
		s[i].idx = i;
	}
	qsort(s, v->n_findings, sizeof(*s), cmp_sev);
	for (size_t i = 0; i < v->n_findings; i++)
		pos[s[i].idx] = i;

	problems(out, v, s, sub, o);
	fputc('\n', out);
	for (size_t i = 0; i < v->n_inputs; i++)
		input_line(out, v, i);
	fw_logrows_inputs(out, v);
	if (v->n_inputs || v->n_logs)
		fputc('\n', out);
	for (size_t i = 0; i < v->n_links; i++)
		link_block(out, v, v->links[i], s, sub, claimed, pos, at, o);
	for (size_t i = 0; i < v->n_findings; i++)
		if (!claimed[i])
			sub[m++] = s[i];
	if (m) {
		fputs("Other findings:\n", out);
		forest(out, v, sub, m, "  ", o, true, 0);
		fputc('\n', out);
	}
	summary(out, v);
	if (v->n_notes)
		fputs("Notes:\n", out);
	for (size_t i = 0; i < v->n_notes; i++) {
		fputs("  - ", out);
		fw_tx_str(out, v->notes[i]);
		fputc('\n', out);
	}
	free(s);
	free(sub);
	free(claimed);
	free(pos);
	free(at);
	return ferror(out) ? FW_EIO : 0;
}
