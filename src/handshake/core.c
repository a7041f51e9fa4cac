/*
 * core.c - the reconstructor's context: inputs, dispatch of decoded frames
 * to the links, the passes run over each link at the end (or on a copy of
 * it at a refresh), and the read-only accessors outputs use.  Findings and
 * notes are collected in findings.c, the detectors listed in detectors.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/frame.h"
#include "handshake/ack.h"
#include "handshake/internal.h"
#include "util/err.h"

struct fw_core *fw_core_new(const struct fw_core_opts *opts, struct fw_keyring *kr)
{
	struct fw_core *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	if (opts)
		c->opts = *opts;
	c->kr = kr;
	c->cur_src_id = UINT64_MAX;	/* no input is UINT_MAX: no source yet */
	c->net_tab_size = 256;
	c->link_tab_size = 1024;
	c->net_tab = calloc(c->net_tab_size, sizeof(*c->net_tab));
	c->link_tab = calloc(c->link_tab_size, sizeof(*c->link_tab));
	if (!c->net_tab || !c->link_tab) {
		fw_core_free(c);
		return NULL;
	}
	return c;
}

void fw_core_free(struct fw_core *c)
{
	if (!c)
		return;
	hs_snapshots_free(c);
	hs_link_free_all(c);
	hs_net_free_all(c);
	hs_radius_free(c);
	hs_decrypt_free(c);
	free(c->link_tab);
	free(c->net_tab);
	free(c->links);
	free(c->shown);
	for (size_t i = 0; i < c->n_inputs; i++)
		free((char *)c->inputs[i].path);
	free(c->inputs);
	free(c->last_ts);
	hs_findings_free(c);
	hs_fid_free(c);
	free(c);
}

unsigned fw_core_add_input(struct fw_core *c, const char *path, int linktype)
{
	struct fw_input *in;
	size_t cap2 = c->cap_inputs;
	struct fw_input *arr = hs_grow(c->inputs, &c->cap_inputs, c->n_inputs + 1, sizeof(*arr));
	int64_t *last;

	if (!arr)
		abort();	/* a handful of inputs: failing here means the process is out of memory */
	c->inputs = arr;
	last = hs_grow(c->last_ts, &cap2, c->n_inputs + 1, sizeof(*last));
	if (!last)
		abort();
	c->last_ts = last;
	in = &c->inputs[c->n_inputs];
	memset(in, 0, sizeof(*in));
	in->path = strdup(path);
	if (!in->path)
		abort();
	in->linktype = linktype;
	in->linktype_name = fw_linktype_name(linktype);
	c->n_inputs++;
	c->n_feed = c->finished ? 0 : c->n_inputs;
	return (unsigned)(c->n_inputs - 1);
}

void fw_core_add_note(struct fw_core *c, const char *msg)
{
	hs_note(c, "%s", msg);
}

void fw_core_input_error(struct fw_core *c, unsigned input, const char *msg)
{
	if (input >= c->n_inputs)
		return;
	c->inputs[input].read_error = true;
	snprintf(c->inputs[input].error, sizeof(c->inputs[input].error), "%s", msg);
}

static bool passes_filter(const struct fw_core *c, const uint8_t *bssid, const uint8_t *sta)
{
	if (c->opts.filter_bssid && (!bssid || memcmp(bssid, c->opts.bssid, 6) != 0))
		return false;
	if (c->opts.filter_sta && (!sta || memcmp(sta, c->opts.sta, 6) != 0))
		return false;
	return true;
}

/* Frames other than protected ones and ACKs: management, EAPOL, RADIUS. */
static void feed_other(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		       const struct fw_frame *f, struct hs_link **l, size_t *msg)
{
	struct fw_msg *m;

	switch (f->kind) {
	case FW_KIND_BEACON:
	case FW_KIND_PROBE_RESP:
		if (!c->opts.filter_bssid || passes_filter(c, f->bssid, NULL))
			hs_on_beacon(c, input, frame_no, f);
		break;
	case FW_KIND_ASSOC_REQ:
	case FW_KIND_REASSOC_REQ:
	case FW_KIND_ASSOC_RESP:
	case FW_KIND_REASSOC_RESP:
	case FW_KIND_AUTH:
	case FW_KIND_DEAUTH:
	case FW_KIND_DISASSOC:
	case FW_KIND_ACTION:
		hs_on_mgmt(c, input, frame_no, ts_ns, f, false);
		break;
	case FW_KIND_EAPOL:
		if (f->has_key && (m = hs_on_eapol_key(c, input, frame_no, ts_ns, f, l)) != NULL)
			*msg = (size_t)(m - (*l)->msgs) + 1;
		else if (f->has_eapol && !f->has_key)
			hs_on_eap(c, input, frame_no, ts_ns, f);
		break;
	case FW_KIND_RADIUS:
		hs_on_radius(c, input, frame_no, ts_ns, f);
		break;
	default:
		break;
	}
}

/* A copy of a frame another source saw: one more sighting of what it became. */
static void feed_copy(struct fw_core *c, unsigned src, uint64_t frame_no, int64_t ts_ns,
		      const struct fw_frame *f, const struct hs_sight *orig)
{
	int k = hs_sight_record(c, orig->l, orig->msg, orig->pframe, src, frame_no, ts_ns);

	if (orig->l) {
		hs_touch(orig->l);
		orig->l->pub.duplicates++;
	}
	hs_ack_on_frame(c, frame_no, ts_ns, f, orig->l ? orig->l : c->last_link, orig->msg,
			orig->pframe, k);
}

void fw_core_feed(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		  const struct fw_frame *f)
{
	fw_core_feed_iface(c, input, 0, frame_no, ts_ns, f);
}

/*
 * The feed goes on in one of the functions below by a jump, each with
 * fw_core_feed_iface's parameters (the source is c->cur_src, which
 * hs_src_get made current; iface is not read again): an ACK, a protected
 * frame (decrypt.c: hs_feed_protected) and the rest each pay only for the
 * registers they need.
 */
#define FEED_ARGS                                                                         \
	struct fw_core *c, unsigned input, uint32_t iface, uint64_t frame_no, int64_t ts_ns, \
		const struct fw_frame *f

/* Every frame but an ACK, a frame with a bad FCS or a malformed one. */
static __attribute__((noinline)) void feed_frame(FEED_ARGS)
{
	const unsigned src = c->cur_src;
	struct hs_link *l = NULL;
	size_t msg = 0, pframe = 0;
	uint64_t key;
	bool keyed, own = false;
	int sight = -1;

	(void)iface;
	/* a copy needs a second source: nothing is hashed while there is one */
	keyed = c->n_srcs >= 2 && hs_sight_key(c, f, &key);
	if (keyed) {
		struct hs_sight orig;

		if (hs_sight_find(c, src, ts_ns, key, f, &orig)) {
			feed_copy(c, src, frame_no, ts_ns, f, &orig);
			return;
		}
	}
	c->order++;
	c->cur_input = input;
	if (f->kind == FW_KIND_PROTECTED) {
		l = hs_on_protected(c, input, frame_no, ts_ns, f, &msg, &pframe);
		own = l != NULL;	/* the link of f's own two addresses */
	} else {
		feed_other(c, input, frame_no, ts_ns, f, &l, &msg);
	}
	if (l && (msg || pframe))
		sight = hs_sight_record(c, l, msg, pframe, src, frame_no, ts_ns);
	if (keyed)
		hs_sight_add(c, src, ts_ns, key, f, l, msg, pframe);
	if (l) {
		hs_touch(l);
		c->last_link = l;
		if (ts_ns < c->last_ts[input])
			l->reordered_frames++;
	}
	if (ts_ns > c->last_ts[input])
		c->last_ts[input] = ts_ns;
	if (!l)
		l = c->last_link;
	/* inline (ack.h): most frames */
	if (f->has_dot11 && f->kind != FW_KIND_BLOCK_ACK)
		hs_ack_sent(c, ts_ns, f, l, own, msg, pframe, sight);
	else
		hs_ack_on_frame(c, frame_no, ts_ns, f, l, msg, pframe, sight);
}

/*
 * An ACK (a control frame: never a copy, see hs_sight_key) joins no link
 * and only answers a waiting frame (inline, ack.h).  It takes no capture
 * order (c->order) and names no input (c->cur_input): both are read only
 * for what a frame that joins a link records, and no two of those come to
 * the same order without it.
 */
static __attribute__((noinline)) void feed_ack(FEED_ARGS)
{
	(void)iface;
	if (ts_ns > c->last_ts[input])
		c->last_ts[input] = ts_ns;
	if (f->has_dot11)
		hs_ack_on_ack(c, frame_no, ts_ns, f, c->last_link);
}

/*
 * What fw_core_feed_iface() and feed_ack do with such an ACK, when they
 * would go no further than hs_ack_take_usual(); nothing otherwise.
 */
bool fw_core_feed_ack(struct fw_core *c, unsigned input, uint32_t iface, uint64_t frame_no,
		      int64_t ts_ns, const uint8_t ra[6])
{
	if (input >= c->n_feed || hs_src_id(input, iface) != c->cur_src_id ||
	    !hs_ack_usual(c, ts_ns, ra))
		return false;
	c->inputs[input].frames++;
	if (ts_ns > c->last_ts[input])
		c->last_ts[input] = ts_ns;
	hs_ack_take_usual(c, frame_no);
	return true;
}

/* A frame with a good FCS, decoded, of source c->cur_src. */
static inline void feed_src(FEED_ARGS)
{
	if (f->kind == FW_KIND_ACK)
		feed_ack(c, input, iface, frame_no, ts_ns, f);
	else if (f->kind == FW_KIND_PROTECTED && c->n_srcs < 2)
		hs_feed_protected(c, input, iface, frame_no, ts_ns, f);
	else
		feed_frame(c, input, iface, frame_no, ts_ns, f);
}

/* A frame with a bad FCS, a malformed one, or one of a source other than the last frame's. */
static __attribute__((noinline)) void feed_rare(FEED_ARGS)
{
	struct fw_input *in = &c->inputs[input];

	if (f->radio.bad_fcs) {
		/* a frame the receiver saw corrupted is never evidence */
		in->bad_fcs++;
		return;
	}
	(void)hs_src_get(c, input, iface);	/* made the current source */
	if (f->status != 0) {
		in->malformed++;
		/* its header still takes the ACK that follows it, which is no missed frame */
		if (f->has_dot11 && f->has_ta)
			hs_ack_on_frame(c, frame_no, ts_ns, f, NULL, 0, 0, -1);
		return;
	}
	feed_src(c, input, iface, frame_no, ts_ns, f);
}

/*
 * Protected data and ACKs are most of a capture, interleaved in no order
 * that a jump table's single guess predicts: an ACK is told first.
 */
void fw_core_feed_iface(struct fw_core *c, unsigned input, uint32_t iface, uint64_t frame_no,
			int64_t ts_ns, const struct fw_frame *f)
{
	if (input >= c->n_feed)	/* past the inputs, or finished */
		return;
	c->inputs[input].frames++;
	if (f->radio.bad_fcs || f->status != 0 || hs_src_id(input, iface) != c->cur_src_id) {
		feed_rare(c, input, iface, frame_no, ts_ns, f);
		return;
	}
	feed_src(c, input, iface, frame_no, ts_ns, f);
}

/* Every pass over one link, in order: what fw_core_finish() runs on each. */
static void finish_link(struct fw_core *c, struct hs_link *l)
{
	size_t first = c->n_findings;

	c->in_passes = true;
	l->pub.acks_visible = l->ack_srcs_ap || l->ack_srcs_sta;
	hs_verify_link(c, l);
	hs_ack_finish(c, l);
	hs_byhs_build(l);	/* grouping is final from here to the sort */
	hs_retrans_mark(l);
	hs_outcomes(c, l);
	hs_key_model(c, l);
	hs_detect(c, l);
	hs_chain(c, l, first);	/* reads msgs[].handshake before the sort */
	hs_byhs_free(l);
	hs_link_sort_by_handshake(l);
	l->pub.msgs = l->msgs;
	l->pub.n_msgs = l->n_msgs;
	l->pub.hs = l->hs;
	l->pub.n_hs = l->n_hs;
	l->pub.pframes = l->pframes;
	l->pub.n_pframes = l->n_pframes;
	l->pub.pn_events = l->pn_events;
	l->pub.n_pn_events = l->n_pn_events;
	l->pub.eap = l->eap;
	l->pub.n_eap = l->n_eap;
	c->in_passes = false;
}

/* The links the accessors show: those with messages, of list[0 .. n). */
static void publish(struct fw_core *c, struct hs_link **list, size_t n)
{
	free(c->shown);
	c->n_shown = 0;
	c->shown = calloc(n ? n : 1, sizeof(*c->shown));
	if (!c->shown)
		return;
	for (size_t i = 0; i < n; i++)
		if (list[i]->n_msgs)
			c->shown[c->n_shown++] = &list[i]->pub;
}

void fw_core_finish(struct fw_core *c)
{
	if (c->finished)
		return;
	c->finished = true;
	c->n_feed = 0;
	hs_snapshots_free(c);
	c->n_findings = 0;
	c->n_refresh++;
	for (size_t i = 0; i < c->n_links; i++) {
		struct hs_link *l = c->links[i];

		hs_link_cache_free(l);
		if (l->n_msgs == 0)
			continue;
		l->pub.refresh = c->n_refresh;
		finish_link(c, l);
	}
	hs_caps_note(c);
	publish(c, c->links, c->n_links);
}

/*
 * l's analysed copy still holds: nothing fed since, the same network with
 * the same elements, and, if its findings may cite the frames they came
 * from, the same frames (a beacon that says nothing new changes nothing).
 */
static bool link_current(const struct fw_core *c, struct hs_link *l)
{
	const struct hs_net *n;

	if (!l->cached || l->touched)
		return false;
	n = hs_net_find(c, l->scope, l->pub.bssid);
	if (n != l->cached_net)
		return false;
	return !n || (n->gen == l->cached_net_gen &&
		      (!l->cached_cites_net || n->cite_gen == l->cached_net_cite_gen));
}

/* Whether findings fx[0 .. n) may cite a network's element (detect_rsne.c). */
static bool cites_net(const struct fw_finding *fx, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fx[i].code == FW_F_RSNE_MISMATCH)
			return true;
	return false;
}

/*
 * A new analysed copy of l and its findings, kept in l; the findings are
 * appended by the caller (false: out of memory, l has no copy).
 */
static bool reanalyse(struct fw_core *c, struct hs_link *l)
{
	size_t first = c->n_findings;
	const struct hs_net *n = hs_net_find(c, l->scope, l->pub.bssid);
	struct hs_link *s;

	hs_link_cache_free(l);
	s = hs_link_snapshot(l);
	if (!s)
		return false;
	s->pub.refresh = c->n_refresh;
	finish_link(c, s);
	l->cached = s;
	l->cached_net = n;
	l->cached_net_gen = n ? n->gen : 0;
	l->cached_net_cite_gen = n ? n->cite_gen : 0;
	l->cached_cites_net = c->n_findings > first &&
			      cites_net(&c->findings[first], c->n_findings - first);
	l->touched = false;
	if (c->n_findings > first) {
		l->n_cached_fx = c->n_findings - first;
		l->cached_fx = malloc(l->n_cached_fx * sizeof(*l->cached_fx));
		if (!l->cached_fx) {
			hs_link_cache_free(l);
			c->n_findings = first;
			return false;
		}
		memcpy(l->cached_fx, &c->findings[first], l->n_cached_fx * sizeof(*l->cached_fx));
	}
	c->n_findings = first;	/* the caller appends them, as for a link kept */
	return true;
}

void fw_core_refresh(struct fw_core *c)
{
	if (c->finished)
		return;
	hs_snapshots_free(c);
	c->n_findings = 0;
	c->snap = calloc(c->n_links ? c->n_links : 1, sizeof(*c->snap));
	if (!c->snap)
		return;
	c->n_refresh++;
	for (size_t i = 0; i < c->n_links; i++) {
		struct hs_link *l = c->links[i];

		if (l->n_msgs == 0)
			continue;
		if (!link_current(c, l) && !reanalyse(c, l))
			continue;	/* out of memory: that link is missing from this refresh */
		if (l->n_cached_fx && !hs_findings_append(c, l->cached_fx, l->n_cached_fx)) {
			hs_link_cache_free(l);	/* out of memory: analysed again next time */
			continue;
		}
		c->snap[c->n_snap++] = l->cached;
	}
	hs_caps_note(c);
	publish(c, c->snap, c->n_snap);
}

size_t fw_core_n_inputs(const struct fw_core *c) { return c->n_inputs; }
const struct fw_input *fw_core_input(const struct fw_core *c, size_t i)
{
	return i < c->n_inputs ? &c->inputs[i] : NULL;
}
size_t fw_core_n_links(const struct fw_core *c) { return c->n_shown; }
const struct fw_link *fw_core_link(const struct fw_core *c, size_t i)
{
	return i < c->n_shown ? c->shown[i] : NULL;
}
size_t fw_core_n_findings(const struct fw_core *c) { return c->n_findings; }
const struct fw_finding *fw_core_finding(const struct fw_core *c, size_t i)
{
	return i < c->n_findings ? &c->findings[i] : NULL;
}
size_t fw_core_n_notes(const struct fw_core *c) { return c->n_notes; }
const char *fw_core_note(const struct fw_core *c, size_t i)
{
	return i < c->n_notes ? c->notes[i] : NULL;
}
bool fw_core_merged(const struct fw_core *c) { return c->opts.merge && c->n_inputs > 1; }
