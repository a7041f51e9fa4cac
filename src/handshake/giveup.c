/*
 * giveup.c - when a direction of a link stops being tried with its keys.
 *
 * A protected frame that no key of its link opens costs an AES block per
 * key, and a full decryption when the block says EAPOL or when the frame
 * is watched: on a link whose traffic is under a key fourway never learned
 * (a rekey the sniffer missed, frames of another key) that is every frame,
 * for nothing.  So each direction counts the frames that, tried with every
 * key of the link, none opened (a failure is counted only once a full
 * decryption, MIC and all, has confirmed it: a frame whose first block
 * merely is not LLC/SNAP may well be under a known key); after
 * HS_GIVEUP_AFTER such frames in a row, with no frame opened between, the
 * direction's frames are no longer tried.
 *
 * What could make a frame of that direction open is a change of the keys
 * or of what the sender uses: a new EAPOL-Key message, a (re)association
 * or deauthentication, a new TK derived, a packet number that goes back,
 * jumps or changes key id.  The caller resets the direction on any of
 * them (hs_giveup_reset), and every HS_GIVEUP_RETRY-th skipped frame is
 * tried all the same, so that even a change none of these shows ends the
 * give-up after that many frames.  A frame tried and opened ends it too.
 */
#include "handshake/internal.h"

bool hs_giveup_skip(struct hs_giveup *g)
{
	if (!g->off)
		return false;
	if (++g->skipped < HS_GIVEUP_RETRY)
		return true;
	g->skipped = 0;	/* this one is tried */
	return false;
}

void hs_giveup_result(struct hs_giveup *g, bool opened)
{
	if (opened) {
		hs_giveup_reset(g);
		return;
	}
	if (!g->off && ++g->fails >= HS_GIVEUP_AFTER) {
		g->off = true;
		g->skipped = 0;
	}
}

void hs_giveup_reset(struct hs_giveup *g)
{
	g->fails = 0;
	g->skipped = 0;
	g->off = false;
}
