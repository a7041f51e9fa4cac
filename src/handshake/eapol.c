/*
 * eapol.c - an EAPOL-Key frame becomes a message of its link and joins a
 * handshake.
 *
 * The link is (authenticator, supplicant): Ack-bearing messages (M1, M3,
 * G1) travel from the authenticator, the others towards it.  SA/DA are used,
 * not TA/RA, because under MLO the keys bind the MLD addresses.
 *
 * Grouping, in capture order: an M1 opens a new handshake unless the open
 * one is still waiting for its M2 and has the same ANonce (a retransmission);
 * M2..M4 join the open handshake, or open one when there is none (the
 * capture started mid-way).  Deauthentication closes the open handshake
 * (mgmt.c).  Group messages form their own handshakes.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/akm.h"
#include "decode/eapol.h"
#include "handshake/internal.h"
#include "util/cursor.h"
#include "util/mac.h"

static bool hs_has(const struct hs_link *l, int h, enum fw_msg_type t)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if ((int)l->msgs[i].handshake == h && l->msgs[i].type == t)
			return true;
	return false;
}

static const struct fw_msg *hs_first_of(const struct hs_link *l, int h, enum fw_msg_type t)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if ((int)l->msgs[i].handshake == h && l->msgs[i].type == t)
			return &l->msgs[i];
	return NULL;
}

static int join_pairwise(struct hs_link *l, const struct fw_msg *m)
{
	int h = l->cur_hs;

	switch (m->type) {
	case FW_MSG_M1:
		if (h >= 0 && !hs_has(l, h, FW_MSG_M3) && !hs_has(l, h, FW_MSG_M4)) {
			const struct fw_msg *m1 = hs_first_of(l, h, FW_MSG_M1);

			/* a retransmitted M1 keeps its ANonce (12.7.6.2) */
			if (m1 && memcmp(m1->nonce, m->nonce, 32) == 0)
				return h;
			if (!m1 && !hs_has(l, h, FW_MSG_M2))
				return h;
		}
		break;
	case FW_MSG_M2:
		if (h >= 0 && !hs_has(l, h, FW_MSG_M3) && !hs_has(l, h, FW_MSG_M4))
			return h;
		break;
	case FW_MSG_M3:
	case FW_MSG_M4:
		if (h >= 0)
			return h;
		break;
	default:
		break;
	}
	h = hs_link_new_hs(l, false);
	l->cur_hs = h;
	return h;
}

static int join_group(struct hs_link *l, const struct fw_msg *m)
{
	int h = l->cur_ghs;

	if (m->type == FW_MSG_G2 && h >= 0)
		return h;
	if (m->type == FW_MSG_G1 && h >= 0 && !hs_has(l, h, FW_MSG_G2))
		return h;
	h = hs_link_new_hs(l, true);
	l->cur_ghs = h;
	return h;
}

/* MIC length to split the tail when the AKM is not yet known: by the link's RSNE. */
static size_t guess_mic_len(const struct fw_core *c, const struct hs_link *l, uint8_t ver)
{
	struct fw_akm_params p;
	uint8_t akm = 0;
	uint32_t pw, gr;

	if (ver != 0)
		return 16;
	if (hs_link_akm(c, l, &akm, &pw, &gr) == 0 &&
	    fw_akm_params(&p, ver, akm, l->dh_group) == 0)
		return p.mic_len;
	return 16;
}

struct fw_msg *hs_on_eapol_key(struct fw_core *c, unsigned input, uint64_t frame_no,
			       int64_t ts_ns, const struct fw_frame *f, struct hs_link **link)
{
	const struct fw_eapol_key *k = &f->key;
	bool from_ap = (k->key_info & FW_KI_ACK) != 0;
	const uint8_t *aa = from_ap ? f->sa : f->da;
	const uint8_t *spa = from_ap ? f->da : f->sa;
	struct hs_link *l = fw_mac_is_zero(aa) != fw_mac_is_zero(spa) ? hs_link_get_half(c, aa, spa)
								      : hs_link_get(c, aa, spa);
	struct hs_msg_priv *p;
	struct fw_msg *m;
	enum fw_msg_type type;
	struct fw_eapol_key_tail t;
	int h;

	if (!l)
		return NULL;
	type = hs_classify(k, l, guess_mic_len(c, l, k->version));
	if (l->n_msgs == 0)
		l->pub.file = input;
	m = hs_link_add_msg(l, &p);
	if (!m)
		return NULL;
	p->eapol = malloc(f->eapol.frame_len);
	if (!p->eapol) {
		l->n_msgs--;
		return NULL;
	}
	memcpy(p->eapol, f->eapol.start, f->eapol.frame_len);
	p->eapol_len = f->eapol.frame_len;
	p->order = c->order;

	m->type = type;
	m->file = input;
	m->frame = frame_no;
	m->ts_ns = ts_ns;
	m->replay_counter = k->replay_counter;
	m->retry = f->has_dot11 && f->dot11.retry;
	m->protected_ = false;
	m->from_ap = from_ap;
	m->has_seq = f->has_dot11 && f->dot11.has_seq;
	m->seq = f->has_dot11 ? f->dot11.seq : 0;
	m->key_info = k->key_info;
	m->desc_type = k->desc_type;
	m->version = k->version;
	memcpy(m->nonce, k->nonce, 32);
	m->nonce_zero = fw_is_zero(k->nonce, 32);
	m->trailing = f->eapol.trailing;
	m->acked = FW_ACK_UNKNOWN;
	if (fw_eapol_key_split(k, guess_mic_len(c, l, k->version), &t) == 0)
		m->key_data_len = t.key_data_len;

	for (size_t i = l->n_msgs - 1; i-- > 0;) {
		if (l->msgs[i].type == FW_MSG_M1) {
			p->prev_m1 = i + 1;
			break;
		}
	}
	if (type == FW_MSG_G1 || type == FW_MSG_G2)
		h = join_group(l, m);
	else if (type == FW_MSG_REQ)
		h = l->cur_hs >= 0 ? l->cur_hs : join_pairwise(l, m);
	else
		h = join_pairwise(l, m);
	if (h < 0) {
		free(p->eapol);
		l->n_msgs--;
		return NULL;
	}
	m->handshake = (unsigned)h;
	if (type == FW_MSG_M3)
		l->watch_left = HS_PFRAMES_PER_M3;
	if (k->key_info & FW_KI_MIC)
		l->tk_dirty = true;
	*link = l;
	return m;
}

#define HS_EAP_PER_LINK 64

/*
 * EAP (RFC 3748 4): Requests, Success and Failure come from the
 * authenticator, Responses and EAPOL-Start/Logoff from the supplicant.
 * The identity a Response/Identity carries is kept (printable only) so the
 * ladder can say who authenticated.
 */
void hs_on_eap(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
	       const struct fw_frame *f)
{
	const struct fw_eapol *e = &f->eapol;
	bool from_ap = e->type == FW_EAPOL_EAP && e->has_eap && e->eap_code != 2;
	struct hs_link *l;
	struct fw_eap_event *ev;

	if (e->type > FW_EAPOL_LOGOFF || (e->type == FW_EAPOL_EAP && !e->has_eap))
		return;
	l = hs_link_get(c, from_ap ? f->sa : f->da, from_ap ? f->da : f->sa);
	if (!l || l->n_eap >= HS_EAP_PER_LINK)
		return;
	ev = hs_grow(l->eap, &l->cap_eap, l->n_eap + 1, sizeof(*ev));
	if (!ev)
		return;
	l->eap = ev;
	ev = &l->eap[l->n_eap++];
	memset(ev, 0, sizeof(*ev));
	ev->file = input;
	ev->frame = frame_no;
	ev->ts_ns = ts_ns;
	ev->from_ap = from_ap;
	ev->eapol_type = e->type;
	if (e->type != FW_EAPOL_EAP)
		return;
	ev->code = e->eap_code;
	ev->method = e->eap_code <= 2 ? e->eap_type : 0;
	if (e->eap_code == 2 && e->eap_type == 1) {
		struct fw_cursor cur;
		size_t n = 0;
		uint8_t ch;

		/* EAPOL header 4, EAP code/id/length/type 5, then the identity */
		fw_cur_init(&cur, e->start, e->avail < e->frame_len ? e->avail : e->frame_len);
		if (!fw_cur_skip(&cur, 9))
			return;
		while (n + 1 < sizeof(ev->identity) && fw_cur_u8(&cur, &ch))
			ev->identity[n++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
	}
}
