/*
 * keyexport.c - the keys a run derived, handed out once for
 * `analyze --export-keys` (core.h, fw_core_keys()).
 *
 * A handshake's TK is the one of the PTK its verified messages were
 * checked with: found in the link's PTK cache, or, when the cache has
 * moved on (more than HS_PTK_CACHE PTKs on one link), derived again from
 * the PMK and the nonce pair that verified (not for FT, whose hierarchy
 * needs the exchange's elements: its TK is then left out).  GTKs are the
 * ones unwrapped from msg 3/4 and group msg 1/2; the PMK is the one that
 * verified.  Keys are wiped after the call that hands them out.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/akm.h"
#include "crypto/ptk.h"
#include "decode/eapol.h"
#include "handshake/internal.h"
#include "util/err.h"

#define KX_CANDS 64

/* The message of handshake h whose verified pair gives its PTK (M3 first, as decrypt.c). */
static const struct hs_msg_priv *verified_of(const struct hs_link *l, unsigned h, uint8_t *ver)
{
	static const enum fw_msg_type prefer[] = { FW_MSG_M3, FW_MSG_M2, FW_MSG_M4 };

	for (size_t t = 0; t < sizeof(prefer) / sizeof(prefer[0]); t++)
		for (size_t i = 0; i < l->n_msgs; i++)
			if (l->msgs[i].handshake == h && l->msgs[i].type == prefer[t] &&
			    l->priv[i].verified_pair && l->msgs[i].mic == FW_MICV_OK) {
				*ver = (uint8_t)(l->msgs[i].key_info & FW_KI_VERSION_MASK);
				return &l->priv[i];
			}
	return NULL;
}

/* The PMK of key_id for link l: the keyring's candidates for its SSID, then the RADIUS PMKs. */
static bool pmk_of(struct fw_core *c, const struct hs_link *l, unsigned key_id,
		   const uint8_t **pmk, size_t *len)
{
	struct fw_pmk_cand cands[KX_CANDS];
	const uint8_t *ssid = NULL;
	size_t ssid_len = 0, n = 0;

	if (!hs_link_ssid(c, l, &ssid, &ssid_len))
		ssid = NULL;
	if (fw_keyring_candidates(c->kr, ssid, ssid_len, cands, KX_CANDS, &n) == 0)
		for (size_t i = 0; i < n; i++)
			if (cands[i].key_id == key_id) {
				*pmk = cands[i].pmk;
				*len = cands[i].pmk_len;
				return true;
			}
	for (size_t i = 0; i < c->n_aaa; i++)
		if (c->aaa[i]->key_id == key_id) {
			*pmk = c->aaa[i]->pmk;
			*len = sizeof(c->aaa[i]->pmk);
			return true;
		}
	return false;
}

/* The PTK of the verified pair p: cached, or derived into *tmp. */
static const struct fw_ptk *ptk_of(struct fw_core *c, const struct hs_link *l,
				   const struct hs_msg_priv *p, uint8_t ver, struct fw_ptk *tmp)
{
	struct fw_akm_params params;
	uint8_t akm = 0;
	uint32_t pairwise = 0, group = 0;
	const uint8_t *pmk;
	size_t pmk_len, tk_len;

	for (size_t k = 0; k < l->n_ptk; k++) {
		const struct hs_ptk_cache_entry *e = &l->ptk_cache[k];

		if (e->key_id == p->ptk_key_id && memcmp(e->anonce, p->ptk_anonce, 32) == 0 &&
		    memcmp(e->snonce, p->ptk_snonce, 32) == 0)
			return &e->ptk;
	}
	if (hs_link_akm(c, l, &akm, &pairwise, &group) != 0)
		return NULL;
	if (l->pub.akm && (l->pub.akm >> 8) == FW_OUI_MS)
		akm = FW_AKM_PSK;
	if (fw_akm_params(&params, ver, akm, l->dh_group ? l->dh_group : 19) != 0 || params.ft)
		return NULL;
	if (!pmk_of(c, l, p->ptk_key_id, &pmk, &pmk_len))
		return NULL;
	tk_len = fw_cipher_tk_len(pairwise);
	if (fw_ptk_derive(&params, pmk, pmk_len, l->pub.bssid, l->pub.sta, p->ptk_anonce,
			  p->ptk_snonce, tk_len ? tk_len : 16, tmp) != 0)
		return NULL;
	return tmp;
}

static void hand_out(fw_core_key_fn fn, void *arg, enum fw_core_key_kind kind,
		     const struct hs_link *l, size_t h, uint32_t cipher, const uint8_t *key,
		     size_t len)
{
	struct fw_core_key k = { kind, &l->pub, h, key, len, cipher };

	fn(arg, &k);
}

static size_t link_keys(struct fw_core *c, const struct hs_link *l, fw_core_key_fn fn,
			void *arg, size_t *missed)
{
	size_t n = 0;

	for (size_t h = 0; h < l->n_hs; h++) {
		const struct fw_handshake *hs = &l->hs[h];
		const struct hs_msg_priv *p;
		const struct fw_ptk *ptk;
		struct fw_ptk tmp;
		const uint8_t *pmk;
		size_t pmk_len;
		uint8_t ver = 0;

		if (!hs->key_id)
			continue;
		if (pmk_of(c, l, hs->key_id, &pmk, &pmk_len)) {
			hand_out(fn, arg, FW_CK_PMK, l, h, 0, pmk, pmk_len);
			n++;
		}
		if (hs->group)
			continue;
		memset(&tmp, 0, sizeof(tmp));
		p = verified_of(l, (unsigned)h, &ver);
		ptk = p ? ptk_of(c, l, p, ver, &tmp) : NULL;
		if (ptk && ptk->tk_len) {
			hand_out(fn, arg, FW_CK_TK, l, h, l->pub.pairwise, ptk->tk, ptk->tk_len);
			n++;
		} else {
			(*missed)++;
		}
		fw_ptk_wipe(&tmp);
	}
	/* the group keys carried in msg 3/4 and group msg 1/2, once each */
	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		const struct fw_msg_more *x = fw_msg_more(m);
		bool seen = false;

		if (!m->kd_decrypted || !x->gtk_len || x->gtk_len > sizeof(x->gtk))
			continue;
		for (size_t j = 0; j < i && !seen; j++) {
			const struct fw_msg_more *y = fw_msg_more(&l->msgs[j]);

			seen = l->msgs[j].kd_decrypted && y->gtk_len == x->gtk_len &&
			       memcmp(y->gtk, x->gtk, x->gtk_len) == 0;
		}
		if (seen)
			continue;
		hand_out(fn, arg, FW_CK_GTK, l, m->handshake, l->pub.group, x->gtk, x->gtk_len);
		n++;
	}
	return n;
}

int fw_core_keys(struct fw_core *c, fw_core_key_fn fn, void *arg, size_t *missed)
{
	size_t n = 0, miss = 0;

	for (size_t i = 0; i < c->n_links; i++) {
		const struct hs_link *l = c->links[i];

		if (!l || l->evicted || !l->n_msgs)
			continue;
		n += link_keys(c, l, fn, arg, &miss);
	}
	if (missed)
		*missed = miss;
	return n > (size_t)INT32_MAX ? INT32_MAX : (int)n;
}
