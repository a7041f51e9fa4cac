/*
 * agree.c - do the two sides of a handshake share their PMK?  Read from the
 * protocol alone, never from the key fourway was given:
 *
 * - the authenticator sends msg 3/4 only after msg 2/4's MIC verified with
 *   its PTK (IEEE 802.11-2020 12.7.6.3, 12.7.6.4); a 2/4 it cannot verify is
 *   silently dropped and msg 1/4 is sent again when its timer fires;
 * - the supplicant sends msg 4/4 only after msg 3/4's MIC verified with its
 *   own PTK (12.7.6.4, 12.7.6.5).
 *
 * Either shows that both derived the same PTK from the same nonces, hence
 * the same PMK.  When none of the handshake's MICs then verifies with any
 * key given, what is wrong is the key given, not the frames: those MICs get
 * the verdict FW_MICV_KEY_WRONG and the outcome is what the protocol shows.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

bool hs_sides_agree(const struct hs_link *l, unsigned h, struct hs_agreement *ev)
{
	size_t last_m2 = 0, i;
	struct hs_hs_iter it;

	memset(ev, 0, sizeof(*ev));
	for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->type == FW_MSG_M2 && !m->from_ap)
			last_m2 = i + 1;
		if (m->type == FW_MSG_M3 && m->from_ap && !ev->m3) {
			ev->m3 = i + 1;
			ev->m2 = last_m2;
		}
		if (m->type == FW_MSG_M4 && !m->from_ap && !ev->m4)
			ev->m4 = i + 1;
	}
	ev->agree = ev->m3 || ev->m4;
	return ev->agree;
}

/* A MIC some key verifies, even one judged stale: then the key given is not wrong. */
static bool some_key_verifies(const struct fw_msg *m)
{
	return m->mic == FW_MICV_OK || (m->mic == FW_MICV_BAD && m->mic_diag != FW_MICD_NONE);
}

/*
 * A handshake that shows no agreement of its own (msg 2/4 answered by a new
 * msg 1/4, say) is still judged by a wrong key when another handshake of
 * the link proved the key given wrong and nothing on the link verifies:
 * its failures then say nothing about its frames.
 */
static void mark_rest(struct hs_link *l, unsigned proven)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];

		if (some_key_verifies(m))
			return;
	}
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];

		if (m->mic != FW_MICV_BAD || m->handshake >= l->n_hs || l->hs[m->handshake].group)
			continue;
		m->mic = FW_MICV_KEY_WRONG;
		hs_msg_reasonf(m, "fails with the key%s given, shown wrong by handshake %u",
			       l->priv[i].n_keys_tried == 1 ? "" : "s", proven + 1);
	}
}

void hs_mark_key_wrong(struct hs_link *l)
{
	int proven = -1;
	bool any_bad = false, own;

	/* the common case, on every verification of a link: nothing failed */
	for (size_t i = 0; i < l->n_msgs && !any_bad; i++)
		any_bad = l->msgs[i].mic == FW_MICV_BAD;
	if (!any_bad)
		return;
	own = !l->byhs;	/* verification runs before the passes build the index */
	if (own)
		hs_byhs_build(l);

	for (size_t h = 0; h < l->n_hs; h++) {
		struct hs_agreement ev;
		bool verifies = false, bad = false;
		struct hs_hs_iter it;
		size_t i;

		if (l->hs[h].group || !hs_sides_agree(l, (unsigned)h, &ev))
			continue;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
			verifies |= some_key_verifies(&l->msgs[i]);
			bad |= l->msgs[i].mic == FW_MICV_BAD;
		}
		if (verifies || !bad)
			continue;
		for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
			struct fw_msg *m = &l->msgs[i];

			if (m->mic != FW_MICV_BAD)
				continue;
			m->mic = FW_MICV_KEY_WRONG;
			hs_msg_reasonf(m, "fails with the key%s given, which the two sides do not share",
				       l->priv[i].n_keys_tried == 1 ? "" : "s");
		}
		if (proven < 0)
			proven = (int)h;
	}
	if (own)
		hs_byhs_free(l);
	if (proven >= 0)
		mark_rest(l, (unsigned)proven);
}
