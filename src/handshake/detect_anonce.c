/*
 * detect_anonce.c - ANONCE_CHANGED: within one handshake, msg 3/4 must carry
 * the ANonce of the msg 1/4 that msg 2/4 answered (12.7.6.4); and an
 * authenticator that answers an M2 with a fresh M1 (new ANonce, no
 * deauthentication between) restarted its state machine mid-handshake.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

/* The msg 1/4 the first msg 2/4 of handshake h answers (its request, else the M1 before it). */
static const struct fw_msg *answered_m1(const struct hs_link *l, unsigned h, size_t *m2)
{
	const struct fw_msg *m1 = NULL;
	struct hs_hs_iter it;
	size_t i;

	for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->type == FW_MSG_M1)
			m1 = m;
		if (m->type == FW_MSG_M2) {
			*m2 = i;
			return l->priv[i].req ? &l->msgs[l->priv[i].req - 1] : m1;
		}
	}
	return NULL;
}

void detect_anonce(struct fw_core *c, struct hs_link *l)
{
	for (size_t h = 0; h < l->n_hs; h++) {
		const struct fw_msg *m1;
		struct fw_finding *f;
		size_t m2 = 0, i;
		struct hs_hs_iter it;

		if (l->hs[h].group)
			continue;
		m1 = answered_m1(l, (unsigned)h, &m2);
		if (m1) {
			for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
				const struct fw_msg *m = &l->msgs[i];

				if (m->type != FW_MSG_M3 ||
				    memcmp(m->nonce, m1->nonce, 32) == 0)
					continue;
				f = hs_finding_add(c, FW_F_ANONCE_CHANGED, l);
				if (!f)
					return;
				hs_finding_frame(f, m1);
				hs_finding_frame(f, m);
				snprintf(f->detail, sizeof(f->detail),
					 "msg 3/4 (frame %llu) carries a different ANonce from the msg 1/4 "
					 "(frame %llu) that msg 2/4 answered",
					 (unsigned long long)m->frame, (unsigned long long)m1->frame);
				break;
			}
		}
		/*
		 * restart: this handshake got its M2, no M3, and the next one starts
		 * with a new M1 sent after that M2 (an M2 that came after the new M1
		 * is a late answer: the AP had started over before it)
		 */
		if (h + 1 < l->n_hs && !l->hs[h].ended && m1) {
			const struct fw_msg *next_m1 = NULL;
			size_t next_i = 0;
			bool has_m3 = false;

			for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);)
				if (l->msgs[i].type == FW_MSG_M3)
					has_m3 = true;
			for (hs_hs_iter_init(&it, l, h + 1); !next_m1 && hs_hs_next(&it, &i);) {
				if (l->msgs[i].type == FW_MSG_M1) {
					next_m1 = &l->msgs[i];
					next_i = i;
				}
			}
			if (has_m3 || !next_m1 || l->hs[h + 1].group ||
			    l->priv[m2].order > l->priv[next_i].order ||
			    memcmp(next_m1->nonce, m1->nonce, 32) == 0)
				continue;
			f = hs_finding_add(c, FW_F_ANONCE_CHANGED, l);
			if (!f)
				return;
			hs_finding_frame(f, m1);
			hs_finding_frame(f, next_m1);
			snprintf(f->detail, sizeof(f->detail),
				 "the authenticator restarted the handshake with a new ANonce (msg 1/4, "
				 "frame %llu) after msg 2/4 answered the one of frame %llu, without a "
				 "deauthentication between",
				 (unsigned long long)next_m1->frame, (unsigned long long)m1->frame);
		}
	}
}
