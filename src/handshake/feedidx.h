/*
 * feedidx.h - what the feed asks of a link's earlier messages for each new
 * EAPOL-Key message (eapol.c), kept as messages are appended so that no
 * question walks the link: the latest msg 1/4 (prev_m1), the request an
 * answer echoes the replay counter of (request_of), and the first request
 * that superseded it (superseded_by).  On a link of thousands of
 * handshakes, or of thousands of unanswered requests, those walks cost the
 * square of its size.  The answers are the walks' answers; where the index
 * cannot be had (out of memory, hs_walk_noindex) the caller walks.
 */
#ifndef FW_HANDSHAKE_FEEDIDX_H
#define FW_HANDSHAKE_FEEDIDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "handshake/internal.h"

/* The link's index over msgs[0..upto), brought up to date; NULL: walk. */
struct hs_feedx *hs_feedx_sync(struct hs_link *l, size_t upto);
void hs_feedx_free(struct hs_link *l);

/* index+1 of the latest msg 1/4 of the messages indexed, 0 none */
size_t hs_feedx_last_m1(const struct hs_feedx *x);
/*
 * index+1 of the latest request of type t (M1, M3, G1) from the AP with
 * replay counter rc among the messages indexed, 0 none.
 */
size_t hs_feedx_request(const struct hs_feedx *x, enum fw_msg_type t, uint64_t rc);
/*
 * index+1 of the first request from the AP after request r and before
 * message `before` with a higher replay counter or, for the 4-way
 * handshake, another ANonce (both non-zero); 0 none.  *found is false when
 * r is not one of the requests indexed (the caller walks).
 */
size_t hs_feedx_superseded(const struct hs_link *l, const struct hs_feedx *x, size_t r,
			   size_t before, bool *found);

#endif
