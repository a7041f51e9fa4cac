/*
 * walkidx.h - indexes that answer the per-message questions of the
 * verification pass (verify.c) and the key model (keymodel.c) without a
 * walk over the whole link for each message: on a link up all day (tens
 * of thousands of messages) those walks cost the square of its size.
 * Each index gives the answers the walk it replaces gives, in the same
 * order; where one cannot be had (out of memory), the caller walks.
 *
 * hs_walk_steps counts the messages and index entries the per-message
 * searches visit, walks and indexes alike, so that a test can see how the
 * work grows with a link (linearly, not with its square) without timing
 * anything; hs_walk_noindex makes them walk (tests compare the two).
 */
#ifndef FW_HANDSHAKE_WALKIDX_H
#define FW_HANDSHAKE_WALKIDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/internal.h"

extern unsigned long long hs_walk_steps;
extern bool hs_walk_noindex;

/*
 * The messages a pick keeps, grouped by a key (g1, g2) the pick gives,
 * each group in link order and holding of each nonce only its first
 * message (nor any all-zero nonce): a walk that collects distinct nonces
 * in link order collects the same ones from it, and never looks at more
 * than twice the number it collects.
 */
struct hs_nent {
	uint64_t g1, g2;
	uint32_t j;		/* the message's index */
};
struct hs_nlist {
	struct hs_nent *e;
	size_t n;
	/* groups (g1, 0) with g1 below n_off: entries [off[g1], off[g1 + 1]) */
	uint32_t *off;
	size_t n_off;
	bool built;
	bool failed;		/* out of memory: walk instead */
};
/* pick: whether message m is kept, and its group */
typedef bool (*hs_nlist_pick)(const struct fw_msg *m, uint64_t *g1, uint64_t *g2);
void hs_nlist_build(struct hs_nlist *nl, const struct hs_link *l, hs_nlist_pick pick);
/* The group (g1, g2): entries [*first, *end) of nl->e. */
void hs_nlist_group(const struct hs_nlist *nl, uint64_t g1, uint64_t g2, size_t *first,
		    size_t *end);
void hs_nlist_free(struct hs_nlist *nl);

/*
 * The messages whose PTK verified them (verify.c's try_verified_ptks):
 * which are counted (a Fenwick tree over message indices, for "how many
 * after this one" and "the k-th from the end"), and for each PTK, named
 * by (ANonce, SNonce, key), the two latest such messages.
 */
#define HS_VPTKS_TOP (FW_MSG_MAX_TRIED + 1)	/* the tries recorded, and the message itself */
struct hs_vgroup {
	bool used;
	unsigned key_id;
	uint8_t anonce[32], snonce[32];
	size_t max1, max2;	/* index+1 of the two latest messages, 0 none */
};
struct hs_vptks {
	size_t n;		/* messages indexed (the link's count when built) */
	uint32_t *fen;		/* 1-based Fenwick tree of n entries */
	bool *in;		/* message j is counted */
	size_t total;
	size_t top[HS_VPTKS_TOP];	/* the latest counted messages, latest first */
	size_t n_top;
	struct hs_vgroup *tab;	/* open addressing, cap a power of two */
	size_t cap;
	bool failed;		/* out of memory, or a message changed its PTK: walk */
};
int hs_vptks_init(struct hs_vptks *v, size_t n_msgs);
void hs_vptks_free(struct hs_vptks *v);
/* Count message j under PTK (anonce, snonce, key_id); a second time with another PTK fails the index. */
void hs_vptks_add(struct hs_vptks *v, size_t j, const uint8_t *anonce, const uint8_t *snonce,
		  unsigned key_id);
/* The group of a PTK, or NULL. */
const struct hs_vgroup *hs_vptks_find(const struct hs_vptks *v, const uint8_t *anonce,
				      const uint8_t *snonce, unsigned key_id);
/* How many counted messages have an index below j. */
size_t hs_vptks_below(const struct hs_vptks *v, size_t j);
/* The counted message of rank r (0-based, in index order). */
size_t hs_vptks_select(const struct hs_vptks *v, size_t r);

#endif
