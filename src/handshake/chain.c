/*
 * chain.c - findings form chains: one pass over a link's findings after
 * its detectors, working from their codes, their link's handshakes and
 * their evidence frames (never from their text).
 *
 * 1. Evidence frames are sorted by file, then frame number.
 * 2. Each finding gets an id from the core's registry, keyed by (code,
 *    link, anchor frame, rank among findings with that key).  The anchor
 *    is the first evidence frame with the code's anchor role (anchors[]),
 *    else the first evidence frame: the frame that stays the finding's as
 *    more of the capture arrives (TIMEOUT: the deauthentication; M4_LOST:
 *    the lost 4/4), so a live refresh and the final finish name the same
 *    finding with the same id.  The number is made from the key, not from
 *    the order findings appear in: the anchor frame times 100 plus the
 *    code's place in the table plus one (frame 33's M4_LOST: 3301 + its
 *    place), so a live stream, refreshed whenever frames came, gives a
 *    finding the id `analyze` gives it.  Only when two keys make one number
 *    (one code at one frame for two links or twice; frames beyond 42
 *    million) does the later one take the next free number 100 above.
 * 3. caused_by: rules[] says which code may follow from which and on what
 *    evidence (the same handshake, a shared frame, ...).  Every pair of the
 *    link's findings a rule joins is an edge; an edge that a longer path
 *    already explains is dropped (transitive reduction), so a consequence
 *    names its direct causes only: for the dropped-4/4 race M4_LOST ->
 *    EARLY_KEY_INSTALL -> {M4_IGNORED, M3_RETRY_AFTER_INSTALL} -> TIMEOUT.
 *    A new code is chained by adding rows to rules[] (and, when its first
 *    frame may change as the capture goes on, to anchors[]).
 *
 * The registry keeps every key a run ever numbered (a few dozen bytes a
 * finding), so a finding that goes away and comes back gets its id again.
 */
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"

/* A link's findings beyond this many are numbered but not chained. */
#define CHAIN_MAX 128

/* The frame whose role names a finding across refreshes (default: its first frame). */
static const struct {
	enum fw_code code;
	enum fw_role role;
} anchors[] = {
	{ FW_F_M4_LOST, FW_ROLE_LOST },
	{ FW_F_M4_IGNORED, FW_ROLE_IGNORED },
	{ FW_F_EARLY_KEY_INSTALL, FW_ROLE_PROTECTED },
	{ FW_F_M3_RETRY_AFTER_INSTALL, FW_ROLE_RETRY },
	{ FW_F_M3_LOST, FW_ROLE_LOST },
	{ FW_F_TIMEOUT, FW_ROLE_DEAUTH },
	{ FW_F_GROUP_FAILED, FW_ROLE_REQUEST },
	{ FW_F_SLOW_RESPONSE, FW_ROLE_REQUEST },
};

/* What must hold between a cause and a consequence besides their codes. */
enum chain_rel {
	REL_SAME_HS,		/* evidence of one handshake in both */
	REL_SHARE_FRAME,	/* an evidence frame in both */
	REL_UNANSWERED_HS,	/* one handshake, in which the station sent no msg 4/4 */
	REL_CAUSE_ROLE,		/* the cause's frame of this role is evidence of the consequence */
};

/*
 * Which finding follows from which.  Read a row as "CONSEQUENCE follows
 * from CAUSE when REL".  The graph over codes has no cycle (a test walks
 * it); rows that a path of others implies may be listed, the reduction
 * removes the edges they add.
 */
static const struct hs_chain_rule rules[] = {
	/* the dropped-4/4 race: the lost 4/4 shows that the station installed early... */
	{ FW_F_M4_LOST, FW_F_EARLY_KEY_INSTALL, REL_SAME_HS, 0 },
	/* ... so its answers to the retries were unreadable to the AP: ignored 4/4s ... */
	{ FW_F_EARLY_KEY_INSTALL, FW_F_M4_IGNORED, REL_SHARE_FRAME, 0 },
	/* ... and plaintext 3/4 retries met a station already on the new key */
	{ FW_F_EARLY_KEY_INSTALL, FW_F_M3_RETRY_AFTER_INSTALL, REL_SAME_HS, 0 },
	/* what ends a handshake in a deauthentication */
	{ FW_F_M4_LOST, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	{ FW_F_M4_IGNORED, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	{ FW_F_EARLY_KEY_INSTALL, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	{ FW_F_M3_RETRY_AFTER_INSTALL, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	{ FW_F_M3_LOST, FW_F_TIMEOUT, REL_UNANSWERED_HS, 0 },
	{ FW_F_M1_UNANSWERED, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	{ FW_F_MIC_BAD, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	{ FW_F_RSNE_MISMATCH, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	{ FW_F_GROUP_FAILED, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	/* frames under a key the AP dropped at a (re)association: the handshake cannot finish */
	{ FW_F_STALE_PTK, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	/*
	 * with PMF the AP's deauthentication in the clear (the timeout's) meets a
	 * station that still holds the key it installed early: it ignores it
	 */
	{ FW_F_TIMEOUT, FW_F_PMF_MISMATCH, REL_SHARE_FRAME, 0 },
	{ FW_F_EARLY_KEY_INSTALL, FW_F_PMF_MISMATCH, REL_SHARE_FRAME, 0 },
	{ FW_F_M2_REJECTED, FW_F_TIMEOUT, REL_SAME_HS, 0 },
	/* a wrong key given explains a PMKID that matches it not */
	{ FW_F_KEY_WRONG, FW_F_PMKID_MISMATCH, REL_SAME_HS, 0 },
	/* a 3/4 retransmission that a lost or ignored answer caused, and the reinstall after it */
	{ FW_F_M4_LOST, FW_F_KEY_REINSTALL, REL_SHARE_FRAME, 0 },
	{ FW_F_M4_IGNORED, FW_F_KEY_REINSTALL, REL_SHARE_FRAME, 0 },
	{ FW_F_M3_LOST, FW_F_KEY_REINSTALL, REL_SHARE_FRAME, 0 },
	/* a slow answer made the other side send its request again: what that retry led to */
	{ FW_F_SLOW_RESPONSE, FW_F_M4_IGNORED, REL_CAUSE_ROLE, FW_ROLE_RETRY },
	{ FW_F_SLOW_RESPONSE, FW_F_M3_RETRY_AFTER_INSTALL, REL_CAUSE_ROLE, FW_ROLE_RETRY },
	{ FW_F_SLOW_RESPONSE, FW_F_KEY_REINSTALL, REL_CAUSE_ROLE, FW_ROLE_RETRY },
	{ FW_F_SLOW_RESPONSE, FW_F_REPLAY_COUNTER, REL_CAUSE_ROLE, FW_ROLE_RETRY },
	{ FW_F_SLOW_RESPONSE, FW_F_ANONCE_CHANGED, REL_CAUSE_ROLE, FW_ROLE_RETRY },
	{ FW_F_SLOW_RESPONSE, FW_F_MIC_BAD, REL_CAUSE_ROLE, FW_ROLE_RETRY },
};

size_t hs_chain_n_rules(void)
{
	return sizeof(rules) / sizeof(rules[0]);
}

const struct hs_chain_rule *hs_chain_rule(size_t i)
{
	return i < hs_chain_n_rules() ? &rules[i] : NULL;
}

/* ---- 1. sorted evidence ---- */

static void sort_frames(struct fw_finding *f)
{
	/* insertion sort: at most FW_FINDING_MAX_FRAMES, stable */
	for (size_t i = 1; i < f->n_frames; i++) {
		unsigned file = f->frames[i].file;
		uint64_t frame = f->frames[i].frame;
		uint8_t role = f->frames[i].role;
		size_t j = i;

		while (j > 0 && (f->frames[j - 1].file > file ||
				 (f->frames[j - 1].file == file && f->frames[j - 1].frame > frame))) {
			f->frames[j] = f->frames[j - 1];
			j--;
		}
		f->frames[j].file = file;
		f->frames[j].frame = frame;
		f->frames[j].role = role;
	}
}

/* ---- 2. ids ---- */

struct hs_fid {
	uint64_t hash;		/* 0: an empty slot */
	uint64_t anchor_frame;
	unsigned file, anchor_file, nth;
	enum fw_code code;
	uint8_t bssid[6], sta[6];
	unsigned id;
};

#define FNV_START 1469598103934665603ull

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

static void anchor_of(const struct fw_finding *f, unsigned *file, uint64_t *frame)
{
	enum fw_role want = FW_ROLE_COUNT;

	for (size_t i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++)
		if (anchors[i].code == f->code)
			want = anchors[i].role;
	*file = 0;
	*frame = 0;
	for (size_t i = 0; i < f->n_frames; i++)
		if (f->frames[i].role == want) {
			*file = f->frames[i].file;
			*frame = f->frames[i].frame;
			return;
		}
	if (f->n_frames) {
		*file = f->frames[0].file;
		*frame = f->frames[0].frame;
	}
}

static bool fid_same(const struct hs_fid *a, const struct hs_fid *b)
{
	return a->code == b->code && a->file == b->file && a->nth == b->nth &&
	       a->anchor_file == b->anchor_file && a->anchor_frame == b->anchor_frame &&
	       memcmp(a->bssid, b->bssid, 6) == 0 && memcmp(a->sta, b->sta, 6) == 0;
}

static size_t id_slot(unsigned id, size_t size)
{
	return (size_t)((id * 2654435761u) & (size - 1));
}

static bool id_taken(const struct fw_core *c, unsigned id)
{
	for (size_t k = id_slot(id, c->fid_size); c->fid_taken[k]; k = (k + 1) & (c->fid_size - 1))
		if (c->fid_taken[k] == id)
			return true;
	return false;
}

static void id_take(unsigned *taken, size_t size, unsigned id)
{
	size_t k;

	for (k = id_slot(id, size); taken[k]; k = (k + 1) & (size - 1))
		;
	taken[k] = id;
}

/*
 * The number of a new key: anchor frame * 100 + the code's place + 1,
 * the next free one 100 above when another key has it (see the top).
 */
_Static_assert(FW_F_COUNT <= 99, "a finding id keeps two digits for its code");

static unsigned fid_number(struct fw_core *c, const struct hs_fid *key)
{
	unsigned id = (unsigned)(key->anchor_frame % 42949000u) * 100u + (unsigned)key->code + 1u;

	id += 100u * key->nth;
	while (id == 0 || id_taken(c, id))
		id += 100u;
	id_take(c->fid_taken, c->fid_size, id);
	return id;
}

static bool fid_grow(struct fw_core *c)
{
	size_t nsize = c->fid_size ? c->fid_size * 2 : 64;
	struct hs_fid *nt = calloc(nsize, sizeof(*nt));
	unsigned *taken = calloc(nsize, sizeof(*taken));

	if (!nt || !taken) {
		free(nt);
		free(taken);
		return false;
	}
	for (size_t i = 0; i < c->fid_size; i++)
		if (c->fid_taken[i])
			id_take(taken, nsize, c->fid_taken[i]);
	free(c->fid_taken);
	c->fid_taken = taken;
	for (size_t i = 0; i < c->fid_size; i++) {
		size_t k;

		if (!c->fids[i].hash)
			continue;
		for (k = c->fids[i].hash & (nsize - 1); nt[k].hash; k = (k + 1) & (nsize - 1))
			;
		nt[k] = c->fids[i];
	}
	free(c->fids);
	c->fids = nt;
	c->fid_size = nsize;
	return true;
}

/* The id of this key: the one it had, or the next number. */
static unsigned fid_get(struct fw_core *c, struct hs_fid *key)
{
	uint64_t h = FNV_START;
	size_t k;

	h = fnv(h, &key->code, sizeof(key->code));
	h = fnv(h, &key->file, sizeof(key->file));
	h = fnv(h, key->bssid, 6);
	h = fnv(h, key->sta, 6);
	h = fnv(h, &key->anchor_file, sizeof(key->anchor_file));
	h = fnv(h, &key->anchor_frame, sizeof(key->anchor_frame));
	h = fnv(h, &key->nth, sizeof(key->nth));
	key->hash = h ? h : 1;
	if ((c->fid_used + 1) * 2 > c->fid_size && !fid_grow(c))
		return 0;	/* out of memory: left unnumbered */
	for (k = key->hash & (c->fid_size - 1); c->fids[k].hash; k = (k + 1) & (c->fid_size - 1))
		if (c->fids[k].hash == key->hash && fid_same(&c->fids[k], key))
			return c->fids[k].id;
	key->id = fid_number(c, key);
	c->fids[k] = *key;
	c->fid_used++;
	return key->id;
}

void hs_fid_free(struct fw_core *c)
{
	free(c->fids);
	free(c->fid_taken);
	c->fids = NULL;
	c->fid_taken = NULL;
	c->fid_size = c->fid_used = 0;
}

static void number(struct fw_core *c, size_t first)
{
	size_t n = c->n_findings - first;
	struct hs_fid *keys = calloc(n ? n : 1, sizeof(*keys));

	if (!keys)
		return;		/* out of memory: left unnumbered (id 0) */
	for (size_t i = 0; i < n; i++) {
		struct fw_finding *f = &c->findings[first + i];
		struct hs_fid *key = &keys[i];

		key->code = f->code;
		key->file = f->file;
		memcpy(key->bssid, f->bssid, 6);
		memcpy(key->sta, f->sta, 6);
		anchor_of(f, &key->anchor_file, &key->anchor_frame);
		/* findings of one code at one anchor are told apart by their order */
		for (size_t j = 0; j < i; j++)
			key->nth += keys[j].code == key->code && keys[j].anchor_file == key->anchor_file &&
				    keys[j].anchor_frame == key->anchor_frame;
		f->id = fid_get(c, key);
	}
	free(keys);
}

/* ---- 3. caused_by ---- */

/* The handshakes a finding's evidence belongs to (a frame may be in none). */
struct hs_set {
	size_t n;
	unsigned h[FW_FINDING_MAX_FRAMES * 2];
};

static void set_add(struct hs_set *s, unsigned h)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->h[i] == h)
			return;
	if (s->n < sizeof(s->h) / sizeof(s->h[0]))
		s->h[s->n++] = h;
}

static void handshakes_of(const struct hs_link *l, const struct fw_finding *f, struct hs_set *s)
{
	s->n = 0;
	for (size_t k = 0; k < f->n_frames; k++) {
		unsigned file = f->frames[k].file;
		uint64_t frame = f->frames[k].frame;
		bool found = false;

		for (size_t i = 0; i < l->n_msgs; i++)
			if (l->msgs[i].frame == frame && l->msgs[i].file == file) {
				set_add(s, l->msgs[i].handshake);
				found = true;
			}
		for (size_t h = 0; h < l->n_hs; h++)
			if (l->hs[h].ended && l->hs[h].end_frame == frame && l->hs[h].end_file == file) {
				set_add(s, (unsigned)h);
				found = true;
			}
		for (size_t i = 0; i < l->n_pframes && !found; i++)
			if (l->pframes[i].frame == frame && l->pframes[i].file == file &&
			    l->pframes[i].dec_hs >= 0)
				set_add(s, (unsigned)l->pframes[i].dec_hs);
	}
}

static bool share_frame(const struct fw_finding *a, const struct fw_finding *b, int role)
{
	for (size_t i = 0; i < a->n_frames; i++) {
		if (role >= 0 && a->frames[i].role != role)
			continue;
		for (size_t j = 0; j < b->n_frames; j++)
			if (a->frames[i].file == b->frames[j].file &&
			    a->frames[i].frame == b->frames[j].frame)
				return true;
	}
	return false;
}

static bool station_answered(const struct hs_link *l, unsigned h)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].handshake == h && l->msgs[i].type == FW_MSG_M4 && !l->msgs[i].from_ap)
			return true;
	return false;
}

static bool rel_holds(const struct hs_link *l, const struct hs_chain_rule *r,
		      const struct fw_finding *cause, const struct hs_set *hc,
		      const struct fw_finding *effect, const struct hs_set *he)
{
	switch ((enum chain_rel)r->rel) {
	case REL_SAME_HS:
	case REL_UNANSWERED_HS:
		for (size_t i = 0; i < hc->n; i++)
			for (size_t j = 0; j < he->n; j++)
				if (hc->h[i] == he->h[j] &&
				    (r->rel == REL_SAME_HS || !station_answered(l, hc->h[i])))
					return true;
		return false;
	case REL_SHARE_FRAME:
		return share_frame(cause, effect, -1);
	case REL_CAUSE_ROLE:
		return share_frame(cause, effect, (int)r->role);
	}
	return false;
}

static bool bit(const uint64_t *m, size_t n, size_t i, size_t j)
{
	return (m[i * ((n + 63) / 64) + j / 64] >> (j % 64)) & 1;
}

static void set_bit(uint64_t *m, size_t n, size_t i, size_t j)
{
	m[i * ((n + 63) / 64) + j / 64] |= 1ull << (j % 64);
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

static void link_causes(struct fw_core *c, const struct hs_link *l, size_t first)
{
	size_t n = c->n_findings - first, words;
	struct fw_finding *f;
	struct hs_set *sets;
	uint64_t *edge, *reach;
	bool any = false;

	if (n < 2)
		return;
	f = &c->findings[first];	/* after the check: no findings may mean no array */
	if (n > CHAIN_MAX)
		n = CHAIN_MAX;
	/* most links have no pair of findings a rule joins: look before allocating */
	for (size_t r = 0; r < hs_chain_n_rules() && !any; r++)
		for (size_t i = 0; i < n && !any; i++)
			if (f[i].code == rules[r].cause)
				for (size_t j = 0; j < n && !any; j++)
					any = f[j].code == rules[r].effect;
	if (!any)
		return;
	words = (n + 63) / 64;
	sets = calloc(n, sizeof(*sets));
	edge = calloc(n * words, sizeof(*edge));
	reach = calloc(n * words, sizeof(*reach));
	if (!sets || !edge || !reach)
		goto out;
	for (size_t i = 0; i < n; i++)
		handshakes_of(l, &f[i], &sets[i]);
	for (size_t r = 0; r < hs_chain_n_rules(); r++)
		for (size_t i = 0; i < n; i++) {
			if (f[i].code != rules[r].cause)
				continue;
			for (size_t j = 0; j < n; j++)
				if (i != j && f[j].code == rules[r].effect &&
				    rel_holds(l, &rules[r], &f[i], &sets[i], &f[j], &sets[j]))
					set_bit(edge, n, i, j);
		}
	/* reach = the transitive closure of edge (Warshall's) */
	memcpy(reach, edge, n * words * sizeof(*reach));
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < n; i++)
			if (bit(reach, n, i, k))
				for (size_t w = 0; w < words; w++)
					reach[i * words + w] |= reach[k * words + w];
	for (size_t j = 0; j < n; j++) {
		unsigned ids[CHAIN_MAX];
		size_t m = 0;

		for (size_t i = 0; i < n; i++) {
			bool implied = false;

			if (!bit(edge, n, i, j) || bit(reach, n, i, i))
				continue;	/* no edge, or a cycle the rules should never make */
			for (size_t k = 0; k < n && !implied; k++)
				implied = k != j && k != i && bit(reach, n, i, k) && bit(reach, n, k, j);
			if (!implied && f[i].id)
				ids[m++] = f[i].id;
		}
		qsort(ids, m, sizeof(ids[0]), cmp_uint);
		f[j].n_causes = m < FW_FINDING_MAX_CAUSES ? m : FW_FINDING_MAX_CAUSES;
		memcpy(f[j].caused_by, ids, f[j].n_causes * sizeof(ids[0]));
	}
out:
	free(sets);
	free(edge);
	free(reach);
}

void hs_chain(struct fw_core *c, struct hs_link *l, size_t first)
{
	for (size_t i = first; i < c->n_findings; i++)
		sort_frames(&c->findings[i]);
	number(c, first);
	link_causes(c, l, first);
}
