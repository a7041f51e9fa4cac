/*
 * detect_nonce.c - NONCE_REUSE: an ANonce in two pairwise handshakes of a
 * link, or an SNonce in two where the first got as far as msg 3/4.  The
 * same nonce pair gives the same PTK twice.
 *
 * A handshake is one ANonce of the authenticator (eapol.c): its msg 1/4
 * retransmissions, and the station's answers to each of them with one
 * SNonce, are one handshake and never reuse.  A supplicant may also keep
 * its SNonce while the AP starts over before 3/4 (12.7.6.2): proper too.
 *
 * One pass takes each handshake's first nonce of each kind; a sort by
 * nonce then brings equal ones side by side (O(n log n) in the link's
 * messages: a link may hold thousands of handshakes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handshake/internal.h"

struct nonce_use {
	const struct fw_msg *m;	/* the first message of its handshake with the nonce */
	unsigned hs;
	bool reached_m3;
};

static int cmp_use(const void *a, const void *b)
{
	const struct nonce_use *x = a, *y = b;
	int d = memcmp(x->m->nonce, y->m->nonce, 32);

	if (d)
		return d;
	return x->hs < y->hs ? -1 : x->hs > y->hs;
}

static void report(struct fw_core *c, struct hs_link *l, const struct nonce_use *a,
		   const struct nonce_use *b, bool anonce)
{
	struct fw_finding *f = hs_finding_add(c, FW_F_NONCE_REUSE, l);

	if (!f)
		return;
	hs_finding_frame(f, a->m);
	hs_finding_frame(f, b->m);
	snprintf(f->detail, sizeof(f->detail),
		 "the %s used the same %s in handshake %u (frame %llu) and handshake %u "
		 "(frame %llu): its random number source repeats, and with the other "
		 "nonce repeating too the same PTK comes back",
		 anonce ? "AP" : "station", anonce ? "ANonce" : "SNonce", a->hs + 1,
		 (unsigned long long)a->m->frame, b->hs + 1, (unsigned long long)b->m->frame);
}

static void check(struct fw_core *c, struct hs_link *l, struct nonce_use *use, bool anonce)
{
	size_t n = 0;

	for (size_t h = 0; h < l->n_hs; h++)
		use[h].m = NULL;
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		struct nonce_use *u = &use[m->handshake];

		if (m->type == FW_MSG_M3)
			u->reached_m3 = true;
		if (u->m || m->nonce_zero || l->hs[m->handshake].group)
			continue;
		if (anonce ? (m->type == FW_MSG_M1 || m->type == FW_MSG_M3) : m->type == FW_MSG_M2)
			u->m = m;
	}
	/* the handshakes that have such a nonce, packed at the front */
	for (size_t h = 0; h < l->n_hs; h++) {
		if (!use[h].m)
			continue;
		use[n] = use[h];
		use[n++].hs = (unsigned)h;
	}
	qsort(use, n, sizeof(*use), cmp_use);
	for (size_t g = 0; g < n;) {
		size_t e = g + 1;
		const struct nonce_use *first = NULL;

		while (e < n && memcmp(use[e].m->nonce, use[g].m->nonce, 32) == 0)
			e++;
		/* each later handshake is reported against the first that counts */
		for (size_t k = g; k < e; k++) {
			if (first)
				report(c, l, first, &use[k], anonce);
			if (!first && (anonce || use[k].reached_m3))
				first = &use[k];
		}
		g = e;
	}
}

void detect_nonce(struct fw_core *c, struct hs_link *l)
{
	struct nonce_use *use;

	if (l->n_hs < 2)
		return;
	use = calloc(l->n_hs, sizeof(*use));
	if (!use)
		return;
	check(c, l, use, true);
	memset(use, 0, l->n_hs * sizeof(*use));
	check(c, l, use, false);
	free(use);
}
