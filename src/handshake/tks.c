/*
 * tks.c - the keys a link's protected frames are tried with (struct
 * hs_tks): made on first use, set from a handshake's PTK, wiped and freed.
 *
 * The link owns them (hs_link_arrays_free() frees them with the link's
 * other arrays); decrypt.c chooses which PTKs they hold.  Every key and
 * key schedule is wiped before it is dropped.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/ptk.h"
#include "handshake/internal.h"

static void tk_clear(struct hs_tk *t)
{
	fw_ptk_wipe(&t->ptk);
	fw_aead_peek_key_clear(&t->peek);
	fw_aead_key_clear(&t->full);
	t->valid = false;
	t->tk_len = 0;
}

struct hs_tks *hs_tks_get(struct hs_link *l)
{
	if (!l->tks)
		l->tks = calloc(1, sizeof(*l->tks));
	return l->tks;
}

/* Whether the key changed (a frame no key opened may open now). */
bool hs_tk_set(struct hs_tk *t, unsigned h, const struct fw_ptk *ptk)
{
	bool was = t->valid;

	if (t->valid && ptk && t->ptk.tk_len == ptk->tk_len &&
	    memcmp(t->ptk.tk, ptk->tk, ptk->tk_len) == 0) {
		t->hs = h;	/* the same key: its schedule stays */
		t->ptk = *ptk;
		return false;
	}
	tk_clear(t);
	t->valid = ptk != NULL;
	t->hs = h;
	if (ptk) {
		t->ptk = *ptk;
		t->tk_len = (uint8_t)ptk->tk_len;
	}
	return was || ptk;
}

void hs_tks_free(struct hs_tks *t)
{
	if (!t)
		return;
	tk_clear(&t->tk_new);
	tk_clear(&t->tk_prev);
	free(t);
}
