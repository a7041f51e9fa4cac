/*
 * detect_nonce.c - NONCE_REUSE: an ANonce in two pairwise handshakes of a
 * link, or an SNonce in two where the first got as far as msg 3/4.  The
 * same nonce pair gives the same PTK twice.  A supplicant may keep its
 * SNonce while the AP restarts a handshake that never reached 3/4, and an
 * AP keeps its ANonce across msg 1/4 retries: both are proper, and both
 * stay within one handshake here.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

static const struct fw_msg *nonce_msg(const struct hs_link *l, unsigned h, bool anonce)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->handshake != h || m->nonce_zero)
			continue;
		if (anonce ? (m->type == FW_MSG_M1 || m->type == FW_MSG_M3) : m->type == FW_MSG_M2)
			return m;
	}
	return NULL;
}

static bool reached_m3(const struct hs_link *l, unsigned h)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].handshake == h && l->msgs[i].type == FW_MSG_M3)
			return true;
	return false;
}

static void check(struct fw_core *c, struct hs_link *l, bool anonce)
{
	for (size_t b = 1; b < l->n_hs; b++) {
		const struct fw_msg *mb = nonce_msg(l, (unsigned)b, anonce);

		if (l->hs[b].group || !mb)
			continue;
		for (size_t a = 0; a < b; a++) {
			const struct fw_msg *ma = nonce_msg(l, (unsigned)a, anonce);
			struct fw_finding *f;

			if (l->hs[a].group || !ma || memcmp(ma->nonce, mb->nonce, 32) != 0 ||
			    (!anonce && !reached_m3(l, (unsigned)a)))
				continue;
			f = hs_finding_add(c, FW_F_NONCE_REUSE, l);
			if (!f)
				return;
			hs_finding_frame(f, ma);
			hs_finding_frame(f, mb);
			snprintf(f->detail, sizeof(f->detail),
				 "the %s used the same %s in handshake %zu (frame %llu) and handshake %zu "
				 "(frame %llu): its random number source repeats, and with the other "
				 "nonce repeating too the same PTK comes back",
				 anonce ? "AP" : "station", anonce ? "ANonce" : "SNonce", a + 1,
				 (unsigned long long)ma->frame, b + 1, (unsigned long long)mb->frame);
			break;
		}
	}
}

void detect_nonce(struct fw_core *c, struct hs_link *l)
{
	check(c, l, true);
	check(c, l, false);
}
