/*
 * verify.c - recompute every EAPOL-Key MIC with every candidate input.
 *
 * For each message the PTK inputs are gathered from the link's timeline:
 * an M2 is tried with the ANonce of every M1 and M3 seen (the one it should
 * answer first), an M3 with every SNonce, an M4 with every pair, and group
 * messages and requests with the PTKs that verified earlier messages.
 * Each (PMK, ANonce, SNonce) gives one PTK, derived once per link.  The
 * verdict records which key and which ANonce made the MIC verify, so the
 * detectors can tell a wrong key from a stale ANonce.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/mic.h"
#include "crypto/ptk.h"
#include "decode/eapol.h"
#include "decode/ie.h"
#include "handshake/internal.h"
#include "handshake/keydata.h"
#include "handshake/walkidx.h"
#include "util/err.h"
#include "util/mac.h"

#define MAX_CANDS 64
#define MAX_NONCES 12
#define MAX_PTK_TRIES 64	/* verified PTKs a group message or request is tried with */
/*
 * A link of at most this many messages (one handshake, a retry or two) is
 * walked: its indexes (walkidx.h, byhs.c) cost more to build, a few
 * allocations and sorts a pass, than the few dozen steps of its walks.
 * Both give the same answers (test_walks.c).
 */
#define WALK_LINK_MAX 8

struct nonce_ref {
	const uint8_t *nonce;
	size_t msg;		/* index of the message it came from */
};

struct vctx {
	struct fw_core *c;
	struct hs_link *l;
	struct fw_akm_params params;
	uint8_t akm;
	uint32_t pairwise;
	size_t tk_len;
	struct fw_pmk_cand cands[MAX_CANDS];
	size_t n_cands;
	/* each candidate's fingerprint, made at its first verified message (bit k of fp_made) */
	char fp_hex[MAX_CANDS][FW_KEY_FP_HEX];
	uint64_t fp_made;
	char no_key_reason[96];	/* set when n_cands == 0 or params unusable */
	enum fw_no_key_why no_key_why;	/* the same, for outputs to switch on */
	/* the indexes of the pass (walkidx.h): nonce candidates, verified PTKs */
	struct hs_nlist req_rc, hs_an, all_an, hs_sn, all_sn;
	struct hs_vptks vp;
};

static size_t want_pmk_len(const struct fw_akm_params *p)
{
	if (p->kck_len == 24)
		return 48;
	if (p->kck_len == 32)
		return 64;
	return 32;
}

static bool akm_is_sae(uint8_t akm)
{
	return akm == FW_AKM_SAE || akm == FW_AKM_FT_SAE || akm == FW_AKM_SAE_EXT_KEY ||
	       akm == FW_AKM_FT_SAE_EXT_KEY;
}

static bool akm_is_8021x(uint8_t akm)
{
	return akm == FW_AKM_8021X || akm == FW_AKM_FT_8021X || akm == FW_AKM_8021X_SHA256 ||
	       akm == FW_AKM_8021X_SUITE_B || akm == FW_AKM_8021X_SUITE_B_192 ||
	       akm == FW_AKM_FT_8021X_SHA384;
}

/* Fill v->cands for this link; on none, say why in v->no_key_reason. */
static void gather_keys(struct vctx *v, uint8_t ver)
{
	const uint8_t *ssid = NULL;
	size_t ssid_len = 0, n = 0, keep = 0;
	bool have_ssid = hs_link_ssid(v->c, v->l, &ssid, &ssid_len);
	char mac[FW_MAC_STRLEN];
	size_t want = want_pmk_len(&v->params);
	const uint8_t *secret;
	size_t secret_len;

	v->n_cands = 0;
	v->no_key_why = FW_NOKEY_OTHER;
	if (fw_keyring_count(v->c->kr) == 0 && v->c->n_aaa == 0) {
		v->no_key_why = FW_NOKEY_NONE_GIVEN;
		snprintf(v->no_key_reason, sizeof(v->no_key_reason), "no key given");
		return;
	}
	unsigned long skipped = fw_keyring_psk_skipped(v->c->kr);
	bool capped;

	if (fw_keyring_candidates(v->c->kr, have_ssid ? ssid : NULL, ssid_len, v->cands,
				  MAX_CANDS, &n) != 0)
		n = 0;
	capped = fw_keyring_psk_skipped(v->c->kr) > skipped;
	if (capped)
		hs_note_update(v->c, &v->c->psk_cap_note, "passphrases were derived for the first %d "
			       "(passphrase, SSID) pairs only (PBKDF2 budget): links of later SSIDs "
			       "were tried with the other keys (PMKs, MSKs, keylogs) alone",
			       FW_KEYRING_PSK_CAP);
	for (size_t i = 0; i < n; i++) {
		/* 12.7.1.3: an 802.1X PMK is the first 256 (Suite B 192: 384) bits of the MSK */
		if (v->cands[i].msk && v->cands[i].msk_len >= want && v->cands[i].pmk_len != want) {
			v->cands[i].pmk_len = want;
			v->cands[i].has_fp = false;	/* made for the keyring's length */
		}
		if (v->cands[i].pmk_len < want)
			continue;
		/* a passphrase never gives an SAE, OWE or 802.1X PMK */
		if (v->cands[i].from_passphrase && v->akm && !v->params.psk)
			continue;
		v->cands[keep++] = v->cands[i];
	}
	v->n_cands = keep;
	/* PMKs the AAA server handed the AP for this station (radius.c) */
	for (size_t i = 0; i < v->c->n_aaa && v->n_cands < MAX_CANDS; i++) {
		const struct hs_aaa_pmk *e = v->c->aaa[i];
		struct fw_pmk_cand *cand = &v->cands[v->n_cands];

		if (memcmp(e->sta, v->l->pub.sta, 6) != 0 || want > 32)
			continue;
		cand->pmk = e->pmk;
		cand->pmk_len = 32;
		cand->key_id = e->key_id;
		cand->origin = e->origin;
		cand->from_passphrase = false;
		cand->msk = NULL;
		cand->msk_len = 0;
		cand->has_fp = false;
		v->n_cands++;
	}
	if (v->n_cands)
		return;
	if (akm_is_sae(v->akm) && fw_keyring_has_passphrase(v->c->kr))
		snprintf(v->no_key_reason, sizeof(v->no_key_reason),
			 "SAE: a passphrase cannot give the PMK; use --pmk or --keylog");
	else if (v->akm == FW_AKM_OWE)
		snprintf(v->no_key_reason, sizeof(v->no_key_reason),
			 "OWE: the PMK comes from the DH exchange; use --pmk or --keylog");
	else if (akm_is_8021x(v->akm) && fw_keyring_has_passphrase(v->c->kr))
		snprintf(v->no_key_reason, sizeof(v->no_key_reason),
			 "802.1X: a passphrase does not apply; use --pmk, --keylog or --msk");
	else if (akm_is_8021x(v->akm) && fw_keyring_radius_secret(v->c->kr, 0, &secret, &secret_len))
		snprintf(v->no_key_reason, sizeof(v->no_key_reason), "802.1X: %s",
			 !v->c->n_accepts ? "no Access-Accept seen; give the RADIUS capture with --merge" :
			 v->c->n_accepts == v->c->n_accepts_unproven ?
			 "the RADIUS secret proves no Access-Accept seen" :
			 "no Access-Accept seen names this station");
	else if (!have_ssid && fw_keyring_has_passphrase(v->c->kr)) {
		v->no_key_why = FW_NOKEY_NO_SSID;
		snprintf(v->no_key_reason, sizeof(v->no_key_reason),
			 "no SSID known for BSSID %s; use --ssid", fw_mac_fmt(mac, v->l->pub.bssid));
	}
	else if (want != 32)
		snprintf(v->no_key_reason, sizeof(v->no_key_reason),
			 "no %zu-byte PMK given for this AKM", want);
	else if (capped)
		snprintf(v->no_key_reason, sizeof(v->no_key_reason),
			 "passphrases not tried: PBKDF2 budget of %d (passphrase, SSID) pairs reached",
			 FW_KEYRING_PSK_CAP);
	else if (have_ssid && fw_keyring_has_passphrase(v->c->kr))
		snprintf(v->no_key_reason, sizeof(v->no_key_reason),
			 "no key for this network: the passphrases given are for other SSIDs");
	else
		snprintf(v->no_key_reason, sizeof(v->no_key_reason), "no key for this network");
}

/*
 * Room for one more PTK in l's cache: a link derives one or two, so the
 * cache grows with its entries up to HS_PTK_CACHE instead of taking all of
 * them at once.  Moved by hand, not realloc(): the old block is wiped
 * before it is freed.  A PTK get_ptk gave is used before the next call,
 * so no pointer into the old block outlives the move.
 */
static int ptk_cache_grow(struct hs_link *l)
{
	size_t ncap = l->cap_ptk ? l->cap_ptk * 2 : 1;
	struct hs_ptk_cache_entry *arr;

	if (ncap > HS_PTK_CACHE)
		ncap = HS_PTK_CACHE;
	arr = calloc(ncap, sizeof(*arr));
	if (!arr)
		return FW_ENOMEM;
	if (l->ptk_cache) {
		memcpy(arr, l->ptk_cache, l->cap_ptk * sizeof(*arr));
		OPENSSL_cleanse(l->ptk_cache, l->cap_ptk * sizeof(*arr));
		free(l->ptk_cache);
	}
	l->ptk_cache = arr;
	l->cap_ptk = ncap;
	return 0;
}

static int get_ptk(struct vctx *v, const struct fw_pmk_cand *cand, const uint8_t *anonce,
		   const uint8_t *snonce, const struct fw_ptk **out)
{
	struct hs_link *l = v->l;
	struct hs_ptk_cache_entry *e;
	int err;

	for (size_t i = 0; i < l->n_ptk; i++) {
		e = &l->ptk_cache[i];
		if (e->key_id == cand->key_id && memcmp(e->anonce, anonce, 32) == 0 &&
		    memcmp(e->snonce, snonce, 32) == 0 && e->dh_group == (uint8_t)l->dh_group) {
			*out = &e->ptk;
			return 0;
		}
	}
	if (l->ptk_next >= l->cap_ptk && ptk_cache_grow(l) != 0)
		return FW_ENOMEM;
	e = &l->ptk_cache[l->ptk_next];
	fw_ptk_wipe(&e->ptk);
	e->stamp = 0;	/* no MIC memo holds for it until it is derived again */
	if (v->params.ft) {
		struct fw_ft_ids ids;
		const uint8_t *ssid = NULL;
		size_t ssid_len = 0;

		if (!l->has_mdid || !l->r0kh_id_len || !l->has_r1kh_id ||
		    !hs_link_ssid(v->c, l, &ssid, &ssid_len))
			return FW_ENOTFOUND;
		memset(&ids, 0, sizeof(ids));
		ids.ssid = ssid;
		ids.ssid_len = ssid_len;
		ids.mdid = l->mdid;
		ids.r0kh_id = l->r0kh_id;
		ids.r0kh_id_len = l->r0kh_id_len;
		memcpy(ids.r1kh_id, l->r1kh_id, 6);
		memcpy(ids.s0kh_id, l->pub.sta, 6);
		memcpy(ids.s1kh_id, l->pub.sta, 6);
		const uint8_t *xxkey = cand->pmk;
		size_t xxkey_len = cand->pmk_len;

		/*
		 * 12.7.1.7.3: with an MSK, FT-802.1X's XXKey is its second 256 bits,
		 * FT-802.1X-SHA384's its first 384; for FT-PSK it is the PSK itself.
		 */
		if (cand->msk && v->akm == FW_AKM_FT_8021X && cand->msk_len >= 64) {
			xxkey = cand->msk + 32;
			xxkey_len = 32;
		} else if (cand->msk && v->akm == FW_AKM_FT_8021X_SHA384 && cand->msk_len >= 48) {
			xxkey = cand->msk;
			xxkey_len = 48;
		}
		err = fw_ft_ptk_derive(&v->params, xxkey, xxkey_len, &ids, l->pub.bssid,
				       l->pub.sta, anonce, snonce, v->tk_len, &e->ptk, NULL);
	} else {
		err = fw_ptk_derive(&v->params, cand->pmk, cand->pmk_len, l->pub.bssid, l->pub.sta,
				    anonce, snonce, v->tk_len, &e->ptk);
	}
	if (err)
		return err;
	e->key_id = cand->key_id;
	memcpy(e->anonce, anonce, 32);
	memcpy(e->snonce, snonce, 32);
	e->dh_group = (uint8_t)l->dh_group;
	e->stamp = ++v->c->ptk_stamps;
	l->ptk_next = (l->ptk_next + 1) % HS_PTK_CACHE;
	if (l->n_ptk < HS_PTK_CACHE)
		l->n_ptk++;
	*out = &e->ptk;
	return 0;
}

static void add_nonce(struct nonce_ref *arr, size_t *n, const uint8_t *nonce, size_t msg)
{
	if (fw_is_zero(nonce, 32) || *n >= MAX_NONCES)
		return;
	for (size_t i = 0; i < *n; i++)
		if (memcmp(arr[i].nonce, nonce, 32) == 0)
			return;
	arr[*n].nonce = nonce;
	arr[*n].msg = msg;
	(*n)++;
}

/* The picks of the nonce lists: a request by its type and replay counter, ... */
static bool pick_req(const struct fw_msg *m, uint64_t *g1, uint64_t *g2)
{
	*g1 = m->type;
	*g2 = m->replay_counter;
	return m->from_ap;
}

/* ... msg 1/4 and 3/4 by handshake, and all of them ... */
static bool pick_hs_an(const struct fw_msg *m, uint64_t *g1, uint64_t *g2)
{
	*g1 = m->handshake;
	*g2 = 0;
	return m->type == FW_MSG_M1 || m->type == FW_MSG_M3;
}

static bool pick_all_an(const struct fw_msg *m, uint64_t *g1, uint64_t *g2)
{
	*g1 = *g2 = 0;
	return m->type == FW_MSG_M1 || m->type == FW_MSG_M3;
}

/* ... msg 2/4 by handshake, and all of them. */
static bool pick_hs_sn(const struct fw_msg *m, uint64_t *g1, uint64_t *g2)
{
	*g1 = m->handshake;
	*g2 = 0;
	return m->type == FW_MSG_M2;
}

static bool pick_all_sn(const struct fw_msg *m, uint64_t *g1, uint64_t *g2)
{
	*g1 = *g2 = 0;
	return m->type == FW_MSG_M2;
}

/*
 * The nonces of group (g1, g2) of a list, as the walk over the link in
 * link order adds them (the list keeps the first message of each nonce);
 * false when the list could not be had: the caller walks.
 */
static bool add_group(struct vctx *v, struct hs_nlist *nl, hs_nlist_pick pick, uint64_t g1,
		      uint64_t g2, struct nonce_ref *arr, size_t *n)
{
	size_t k, end;

	if (v->l->n_msgs <= WALK_LINK_MAX)
		return false;
	if (!nl->built)
		hs_nlist_build(nl, v->l, pick);
	if (nl->failed)
		return false;
	hs_nlist_group(nl, g1, g2, &k, &end);
	for (; k < end && *n < MAX_NONCES; k++) {
		hs_walk_steps++;
		add_nonce(arr, n, v->l->msgs[nl->e[k].j].nonce, nl->e[k].j);
	}
	return true;
}

static void free_lists(struct vctx *v)
{
	hs_nlist_free(&v->req_rc);
	hs_nlist_free(&v->hs_an);
	hs_nlist_free(&v->all_an);
	hs_nlist_free(&v->hs_sn);
	hs_nlist_free(&v->all_sn);
}

/*
 * ANonces for message i: the request it answers first (and any other
 * request with its replay counter: time order chose one, the MIC decides),
 * then its handshake's, then all (to say which one a bad MIC fits), each
 * in link order.  Each stops once MAX_NONCES are found.  The lists of the
 * pass give them without a walk over the link per message (the square of
 * its size); the walks remain for when a list cannot be had.
 */
static void anonces_for(struct vctx *v, size_t i, struct nonce_ref *arr, size_t *n)
{
	const struct hs_link *l = v->l;
	const struct hs_msg_priv *p = &l->priv[i];
	unsigned h = l->msgs[i].handshake;

	*n = 0;
	if (p->req) {
		const struct fw_msg *r = &l->msgs[p->req - 1];

		add_nonce(arr, n, r->nonce, p->req - 1);
		if (!add_group(v, &v->req_rc, pick_req, r->type, r->replay_counter, arr, n))
			for (size_t j = 0; j < l->n_msgs && *n < MAX_NONCES; j++) {
				hs_walk_steps++;
				if (l->msgs[j].type == r->type && l->msgs[j].from_ap &&
				    l->msgs[j].replay_counter == r->replay_counter)
					add_nonce(arr, n, l->msgs[j].nonce, j);
			}
	}
	if (!add_group(v, &v->hs_an, pick_hs_an, h, 0, arr, n))
		for (size_t j = 0; j < l->n_msgs && *n < MAX_NONCES; j++) {
			hs_walk_steps++;
			if (l->msgs[j].handshake == h &&
			    (l->msgs[j].type == FW_MSG_M1 || l->msgs[j].type == FW_MSG_M3))
				add_nonce(arr, n, l->msgs[j].nonce, j);
		}
	if (!add_group(v, &v->all_an, pick_all_an, 0, 0, arr, n))
		for (size_t j = 0; j < l->n_msgs && *n < MAX_NONCES; j++) {
			hs_walk_steps++;
			if (l->msgs[j].type == FW_MSG_M1 || l->msgs[j].type == FW_MSG_M3)
				add_nonce(arr, n, l->msgs[j].nonce, j);
		}
}

static void snonces_for(struct vctx *v, size_t i, struct nonce_ref *arr, size_t *n)
{
	const struct hs_link *l = v->l;
	unsigned h = l->msgs[i].handshake;

	*n = 0;
	if (l->msgs[i].type == FW_MSG_M4)
		add_nonce(arr, n, l->msgs[i].nonce, i);
	if (!add_group(v, &v->hs_sn, pick_hs_sn, h, 0, arr, n))
		for (size_t j = 0; j < l->n_msgs && *n < MAX_NONCES; j++) {
			hs_walk_steps++;
			if (l->msgs[j].handshake == h && l->msgs[j].type == FW_MSG_M2)
				add_nonce(arr, n, l->msgs[j].nonce, j);
		}
	if (!add_group(v, &v->all_sn, pick_all_sn, 0, 0, arr, n))
		for (size_t j = 0; j < l->n_msgs && *n < MAX_NONCES; j++) {
			hs_walk_steps++;
			if (l->msgs[j].type == FW_MSG_M2)
				add_nonce(arr, n, l->msgs[j].nonce, j);
		}
}

static void note_try(struct fw_msg *m, unsigned key_id, uint64_t anonce_frame,
		     uint64_t snonce_frame)
{
	if (hs_msg_try_room(m)) {
		m->tried[m->n_tried].key_id = key_id;
		m->tried[m->n_tried].anonce_frame = anonce_frame;
		m->tried[m->n_tried].snonce_frame = snonce_frame;
	}
	m->n_tried++;
}

/* The PMK's fingerprint as 8 hex digits, the keyring's when it made it ("" if it cannot be had). */
static void key_fp_hex(const struct fw_pmk_cand *cand, char out[FW_KEY_FP_HEX])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t made[FW_KEY_FP_LEN];
	const uint8_t *fp = cand->fp;

	out[0] = '\0';
	if (!cand->has_fp) {
		if (fw_key_fingerprint(cand->pmk, cand->pmk_len, made) != 0)
			return;
		fp = made;
	}
	for (size_t i = 0; i < FW_KEY_FP_LEN; i++) {
		out[2 * i] = hex[fp[i] >> 4];
		out[2 * i + 1] = hex[fp[i] & 0xf];
	}
	out[2 * FW_KEY_FP_LEN] = '\0';
}

static void mark_ok(struct vctx *v, size_t i, const struct fw_pmk_cand *cand,
		    const uint8_t *anonce, const uint8_t *snonce, size_t anonce_msg)
{
	struct fw_msg *m = &v->l->msgs[i];
	struct hs_msg_priv *p = &v->l->priv[i];
	bool same = p->verified_pair && p->ptk_key_id == cand->key_id &&
		    memcmp(p->ptk_anonce, anonce, 32) == 0 && memcmp(p->ptk_snonce, snonce, 32) == 0;

	m->mic = FW_MICV_OK;
	m->key_id = cand->key_id;
	m->key_origin = cand->origin;
	{
		/* cand is one of v->cands: its fingerprint is made once per pass */
		size_t k = (size_t)(cand - v->cands);

		if (k < MAX_CANDS && !(v->fp_made >> k & 1)) {
			key_fp_hex(cand, v->fp_hex[k]);
			v->fp_made |= 1ull << k;
		}
		if (k < MAX_CANDS)
			memcpy(m->key_fp, v->fp_hex[k], FW_KEY_FP_HEX);
		else
			key_fp_hex(cand, m->key_fp);
	}
	hs_msg_reason(m, NULL);
	if (anonce_msg != (size_t)-1 && m->type != FW_MSG_M3) {
		m->anonce_from = v->l->msgs[anonce_msg].frame;
		m->anonce_from_file = v->l->msgs[anonce_msg].file;
	}
	p->verified_pair = true;
	memcpy(p->ptk_anonce, anonce, 32);
	memcpy(p->ptk_snonce, snonce, 32);
	p->ptk_key_id = cand->key_id;
	/* one more PTK for try_verified_ptks (a message counted under another fails its index) */
	if (!same && (m->type == FW_MSG_M2 || m->type == FW_MSG_M3 || m->type == FW_MSG_M4))
		hs_vptks_add(&v->vp, i, anonce, snonce, cand->key_id);
}

static const struct fw_pmk_cand *cand_by_id(const struct vctx *v, unsigned id)
{
	for (size_t i = 0; i < v->n_cands; i++)
		if (v->cands[i].key_id == id)
			return &v->cands[i];
	return NULL;
}

/*
 * Whether message i's MIC verifies under ptk (one get_ptk gave, so in the
 * link's cache): a PTK that passed it before, under the same MIC algorithm
 * and length, passes it again without the HMAC or CMAC.  A PTK's stamp is
 * never reused, so one derived again (evicted from the cache, or for a
 * copy) is checked again.
 */
unsigned long long hs_mic_checks;
unsigned long long hs_kd_unwraps;

/* The stamp of a PTK get_ptk gave (it is in the link's cache). */
static uint64_t ptk_stamp(const struct fw_ptk *ptk)
{
	const struct hs_ptk_cache_entry *e =
		(const struct hs_ptk_cache_entry *)(const void *)((const char *)ptk -
								   offsetof(struct hs_ptk_cache_entry, ptk));

	return e->stamp;
}

static bool mic_verifies(struct vctx *v, size_t i, const struct fw_ptk *ptk)
{
	struct hs_msg_priv *p = &v->l->priv[i];
	uint64_t stamp = ptk_stamp(ptk);

	if (p->mic_ok_stamp && p->mic_ok_stamp == stamp && p->mic_ok_alg == v->params.mic &&
	    p->mic_ok_len == v->params.mic_len)
		return true;
	hs_mic_checks++;
	if (fw_mic_verify(v->params.mic, ptk->kck, ptk->kck_len, p->eapol, p->eapol_len, 81,
			  v->params.mic_len) != 0)
		return false;
	p->mic_ok_stamp = stamp;
	p->mic_ok_alg = (uint8_t)v->params.mic;
	p->mic_ok_len = (uint8_t)v->params.mic_len;
	return true;
}

/* Try the nonce lists; returns true when the MIC verified. */
static bool try_pairs(struct vctx *v, size_t i, const struct nonce_ref *an, size_t n_an,
		      const struct nonce_ref *sn, size_t n_sn, bool *tried)
{
	for (size_t a = 0; a < n_an; a++) {
		for (size_t s = 0; s < n_sn; s++) {
			for (size_t k = 0; k < v->n_cands; k++) {
				const struct fw_ptk *ptk;

				if (get_ptk(v, &v->cands[k], an[a].nonce, sn[s].nonce, &ptk) != 0)
					continue;
				*tried = true;
				note_try(&v->l->msgs[i], v->cands[k].key_id, v->l->msgs[an[a].msg].frame,
					 v->l->msgs[sn[s].msg].frame);
				if (mic_verifies(v, i, ptk)) {
					mark_ok(v, i, &v->cands[k], an[a].nonce, sn[s].nonce, an[a].msg);
					return true;
				}
			}
		}
	}
	return false;
}

/* Whether two keys give the same PTKs (the same PMK, and the same MSK for FT). */
static bool same_key(const struct fw_pmk_cand *a, const struct fw_pmk_cand *b)
{
	return a->pmk_len == b->pmk_len && memcmp(a->pmk, b->pmk, a->pmk_len) == 0 &&
	       a->msk_len == b->msk_len && (a->msk == b->msk || (a->msk && b->msk &&
							      memcmp(a->msk, b->msk, a->msk_len) == 0));
}

/* Whether message j's PTK is one try_verified_ptks tries (the index counts these). */
static const struct fw_pmk_cand *tried_ptk(const struct vctx *v, size_t j)
{
	const struct hs_link *l = v->l;
	enum fw_msg_type t = l->msgs[j].type;

	if (!l->priv[j].verified_pair || (t != FW_MSG_M2 && t != FW_MSG_M3 && t != FW_MSG_M4))
		return NULL;
	return cand_by_id(v, l->priv[j].ptk_key_id);
}

/*
 * The guess of try_verified_ptks: the PTK of the request message i
 * answers, else of the latest verified message before it; NULL none.
 */
static const struct hs_msg_priv *guess_ptk(const struct vctx *v, size_t i)
{
	const struct hs_link *l = v->l;
	const struct hs_msg_priv *p = &l->priv[i];

	if (p->req && l->priv[p->req - 1].verified_pair)
		return &l->priv[p->req - 1];
	if (!v->vp.failed) {
		size_t below = hs_vptks_below(&v->vp, i);

		return below ? &l->priv[hs_vptks_select(&v->vp, below - 1)] : NULL;
	}
	for (size_t j = i; j-- > 0;) {
		hs_walk_steps++;
		if (tried_ptk(v, j))
			return &l->priv[j];
	}
	return NULL;
}

/*
 * The latest message (not i) the walk from the end would find verifying
 * with the guess g, whose PTK verified message i: the latest one with
 * g's PTK (the same nonces and a key that gives the same PTKs: another PTK
 * would have to give the same MIC); n_tried and the first tries as the
 * walk records them, one per message it tries.  (size_t)-1 when none.
 */
static size_t latest_with(struct vctx *v, size_t i, const struct hs_msg_priv *g,
			  const struct fw_pmk_cand *gc)
{
	struct hs_link *l = v->l;
	struct hs_vptks *vp = &v->vp;
	struct fw_msg *m = &l->msgs[i];
	size_t win = 0, tries = 0, done = 0;

	if (!vp->failed) {
		for (size_t k = 0; k < v->n_cands; k++) {
			const struct hs_vgroup *grp;
			size_t c;

			if (!same_key(&v->cands[k], gc) ||
			    !(grp = hs_vptks_find(vp, g->ptk_anonce, g->ptk_snonce,
						  v->cands[k].key_id)))
				continue;
			c = grp->max1 != i + 1 ? grp->max1 : grp->max2;
			if (c > win)
				win = c;
		}
		if (!win)
			return (size_t)-1;
		tries = vp->total - hs_vptks_below(vp, win - 1);
		if (vp->in[i] && i + 1 > win)
			tries--;
		for (size_t t = 0; t < vp->n_top && done < tries && m->n_tried < FW_MSG_MAX_TRIED; t++) {
			size_t j = vp->top[t];

			hs_walk_steps++;
			if (j == i)
				continue;
			note_try(m, l->priv[j].ptk_key_id, l->msgs[j].frame, l->msgs[j].frame);
			done++;
		}
		m->n_tried += (unsigned)(tries - done);
		return win - 1;
	}
	for (size_t j = l->n_msgs; j-- > 0;) {
		const struct hs_msg_priv *q = &l->priv[j];
		const struct fw_pmk_cand *cand;

		hs_walk_steps++;
		if (j == i || !(cand = tried_ptk(v, j)))
			continue;
		note_try(m, cand->key_id, l->msgs[j].frame, l->msgs[j].frame);
		if (same_key(cand, gc) && memcmp(q->ptk_anonce, g->ptk_anonce, 32) == 0 &&
		    memcmp(q->ptk_snonce, g->ptk_snonce, 32) == 0)
			return j;
	}
	return (size_t)-1;
}

/*
 * Group messages and requests: the PTKs that verified this link's
 * messages, latest first.  A guess first (guess_ptk): when it verifies,
 * the answer is the latest message with its PTK (latest_with), each
 * message after it tried to no avail.  Else the walk tries the PTKs of
 * the MAX_PTK_TRIES latest verified messages only: a message none
 * verifies (altered, or forged) would cost a MIC for each verified
 * message of the link, the square of its size over the link.  The index
 * walks the verified messages alone; without it, the link.
 */
static bool try_verified_ptks(struct vctx *v, size_t i, bool *tried)
{
	struct hs_link *l = v->l;
	const struct hs_msg_priv *g = guess_ptk(v, i);
	const struct fw_pmk_cand *gc;
	const struct fw_ptk *ptk;
	bool indexed = !v->vp.failed;
	size_t r = indexed ? v->vp.total : 0, j = l->n_msgs, n_try = 0, n_tried = l->msgs[i].n_tried;

	if (g && (gc = cand_by_id(v, g->ptk_key_id)) &&
	    get_ptk(v, gc, g->ptk_anonce, g->ptk_snonce, &ptk) == 0 && mic_verifies(v, i, ptk)) {
		size_t w = latest_with(v, i, g, gc);

		if (w != (size_t)-1) {
			const struct hs_msg_priv *q = &l->priv[w];

			*tried = true;
			mark_ok(v, i, cand_by_id(v, q->ptk_key_id), q->ptk_anonce, q->ptk_snonce,
				(size_t)-1);
			return true;
		}
		l->msgs[i].n_tried = (unsigned)n_tried;	/* none has its PTK: walk */
	}
	while (n_try < MAX_PTK_TRIES) {
		const struct hs_msg_priv *q;
		const struct fw_pmk_cand *cand;

		if (indexed ? r == 0 : j == 0)
			break;
		j = indexed ? hs_vptks_select(&v->vp, --r) : j - 1;
		q = &l->priv[j];
		hs_walk_steps++;
		if (j == i || !q->verified_pair || (l->msgs[j].type != FW_MSG_M3 &&
						    l->msgs[j].type != FW_MSG_M4 &&
						    l->msgs[j].type != FW_MSG_M2))
			continue;
		cand = cand_by_id(v, q->ptk_key_id);
		if (!cand || get_ptk(v, cand, q->ptk_anonce, q->ptk_snonce, &ptk) != 0)
			continue;
		*tried = true;
		n_try++;
		note_try(&l->msgs[i], cand->key_id, l->msgs[j].frame, l->msgs[j].frame);
		if (mic_verifies(v, i, ptk)) {
			mark_ok(v, i, cand, q->ptk_anonce, q->ptk_snonce, (size_t)-1);
			return true;
		}
	}
	return false;
}

/*
 * An answer whose request the capture does not hold cannot be checked:
 * the nonces of other requests are guesses, and a MIC that fits none of
 * them says nothing about its bytes.  It is checked (and may be bad) only
 * when its own PTK is known: a message of its handshake verified with the
 * SNonce it carries (a 2/4) or at all (a 4/4).  True when it was marked.
 */
static bool orphan_unchecked(struct hs_link *l, size_t i)
{
	struct fw_msg *m = &l->msgs[i];
	struct hs_hs_iter it;
	size_t j;

	if ((m->type != FW_MSG_M2 && m->type != FW_MSG_M4) || m->mic != FW_MICV_BAD ||
	    l->priv[i].req)
		return false;
	for (hs_hs_iter_init(&it, l, m->handshake); hs_hs_next(&it, &j);) {
		const struct hs_msg_priv *q = &l->priv[j];

		hs_walk_steps++;
		if (j == i || l->msgs[j].handshake != m->handshake || !q->verified_pair ||
		    l->msgs[j].mic != FW_MICV_OK)
			continue;
		if (m->type == FW_MSG_M4 || memcmp(q->ptk_snonce, m->nonce, 32) == 0)
			return false;
	}
	m->mic = FW_MICV_UNCHECKED;
	hs_msg_reason(m, m->type == FW_MSG_M2 ? "its msg 1/4 was not captured"
					      : "its msg 3/4 was not captured");
	return true;
}

static void verify_msg(struct vctx *v, size_t i)
{
	struct fw_msg *m = &v->l->msgs[i];
	struct nonce_ref an[MAX_NONCES], sn[MAX_NONCES];
	size_t n_an = 0, n_sn = 0;
	bool tried = false, ok;

	m->n_tried = 0;
	m->mic_diag = FW_MICD_NONE;
	switch (m->type) {
	case FW_MSG_M2:
		anonces_for(v, i, an, &n_an);
		sn[0].nonce = m->nonce;
		sn[0].msg = i;
		n_sn = fw_is_zero(m->nonce, 32) ? 0 : 1;
		if (!n_an) {
			hs_msg_reason(m, "no ANonce seen (msg 1/4 and 3/4 not captured)");
			m->mic = FW_MICV_UNCHECKED;
			return;
		}
		ok = try_pairs(v, i, an, n_an, sn, n_sn, &tried);
		break;
	case FW_MSG_M3:
		an[0].nonce = m->nonce;
		an[0].msg = i;
		n_an = 1;
		snonces_for(v, i, sn, &n_sn);
		if (!n_sn) {
			ok = try_verified_ptks(v, i, &tried);
			if (!tried) {
				hs_msg_reason(m, "no SNonce seen (msg 2/4 not captured)");
				m->mic = FW_MICV_UNCHECKED;
				return;
			}
			break;
		}
		ok = try_pairs(v, i, an, n_an, sn, n_sn, &tried);
		break;
	case FW_MSG_M4:
		ok = try_verified_ptks(v, i, &tried);
		if (!ok) {
			anonces_for(v, i, an, &n_an);
			snonces_for(v, i, sn, &n_sn);
			if (!tried && (!n_an || !n_sn)) {
				hs_msg_reason(m, !n_an ? "no ANonce seen (msg 1/4 and 3/4 not captured)"
						       : "no SNonce seen (msg 2/4 not captured)");
				m->mic = FW_MICV_UNCHECKED;
				return;
			}
			ok = try_pairs(v, i, an, n_an, sn, n_sn, &tried);
		}
		break;
	default:
		ok = try_verified_ptks(v, i, &tried);
		if (!tried) {
			hs_msg_reason(m, "no verified pairwise key on this link");
			m->mic = FW_MICV_UNCHECKED;
			return;
		}
		break;
	}
	if (ok)
		return;
	if (!tried) {
		m->mic = FW_MICV_UNCHECKED;
		hs_msg_reason(m, v->params.ft ? "FT: R0KH-ID/R1KH-ID or MDID not seen "
						"(association frames missing)"
					      : "no usable nonce pair");
		return;
	}
	m->mic = FW_MICV_BAD;
	v->l->priv[i].n_keys_tried = (unsigned)v->n_cands;
	hs_msg_reasonf(m, "fails with %zu key%s", v->n_cands, v->n_cands == 1 ? "" : "s");
}

/*
 * Several requests may carry the counter an M2 echoes (the counter starts
 * again with an association): time order chose the latest, and when the
 * MIC verifies only with the ANonce of another of them, that one is the
 * request it answers.
 */
static void rebind_by_mic(struct hs_link *l, size_t i)
{
	const struct fw_msg *m = &l->msgs[i];
	const struct hs_msg_priv *p = &l->priv[i];

	if (m->type != FW_MSG_M2 || m->mic != FW_MICV_OK || !p->req || !m->anonce_from ||
	    memcmp(l->msgs[p->req - 1].nonce, p->ptk_anonce, 32) == 0)
		return;
	for (size_t j = 0; j < l->n_msgs; j++) {
		const struct fw_msg *o = &l->msgs[j];

		if (j + 1 != p->req && o->type == FW_MSG_M1 && o->from_ap &&
		    o->replay_counter == m->replay_counter && o->frame == m->anonce_from &&
		    o->file == m->anonce_from_file) {
			hs_bind_answer(l, i, j);
			hs_byhs_free(l);	/* i changed handshakes: the index is stale */
			return;
		}
	}
}

/*
 * DESIGN.md's second case: an M2 that echoes the replay counter of the
 * request the AP waits for, yet verifies only with an older ANonce, reached
 * an AP holding the new one (events reordered or duplicated between its
 * parts).  A late answer (its counter is of a superseded request) is not
 * one: the AP drops it for its counter before any MIC check (LATE_ANSWER).
 */
static void check_stale(struct hs_link *l, size_t i)
{
	struct fw_msg *m = &l->msgs[i];
	const struct hs_msg_priv *p = &l->priv[i];
	const struct fw_msg *cur;
	struct hs_hs_iter it;
	size_t j;

	if (m->type != FW_MSG_M2 || m->mic != FW_MICV_OK || !p->req || m->late)
		return;
	cur = &l->msgs[p->req - 1];
	if (memcmp(cur->nonce, p->ptk_anonce, 32) == 0)
		return;
	/* the M3 of its own handshake may carry the verified ANonce: then it is current */
	for (hs_hs_iter_init(&it, l, m->handshake); hs_hs_next(&it, &j);) {
		hs_walk_steps++;
		if (l->msgs[j].handshake == m->handshake && l->msgs[j].type == FW_MSG_M3 &&
		    memcmp(l->msgs[j].nonce, p->ptk_anonce, 32) == 0)
			return;
	}
	m->mic = FW_MICV_BAD;
	m->mic_diag = FW_MICD_STALE_ANONCE;
	hs_msg_reasonf(m, "stale ANonce: verifies only with the ANonce of frame %llu, "
		       "not of frame %llu", (unsigned long long)m->anonce_from,
		       (unsigned long long)cur->frame);
}

/*
 * Whether the AP sent a message of this link protected with key_id before
 * the PMK's Access-Accept was on the wire: the AP had the key then, so the
 * air and wired clocks disagree and the order proves nothing.
 */
static bool ap_used_before(const struct hs_link *l, unsigned key_id, int64_t ts_ns)
{
	for (size_t j = 0; j < l->n_msgs; j++) {
		const struct fw_msg *o = &l->msgs[j];

		if ((o->type == FW_MSG_M3 || o->type == FW_MSG_G1) && o->key_id == key_id &&
		    o->ts_ns < ts_ns)
			return true;
	}
	return false;
}

/*
 * A message that verifies with a PMK from an Access-Accept is checked
 * against when that PMK reached the AP: one superseded by a newer
 * authentication of the station before the handshake began is a stale key
 * (the authenticator holds the new one); a station's message sent before
 * its PMK arrived was checked by an AP that did not have the key yet (its
 * answer to a later retry, sent after the Accept, is fine).
 */
static void check_aaa_key(const struct fw_core *c, struct hs_link *l, size_t i)
{
	struct fw_msg *m = &l->msgs[i];
	const struct hs_aaa_pmk *e, *newer = NULL;
	int64_t start = m->ts_ns;
	struct hs_hs_iter it;
	size_t j;

	if (m->mic != FW_MICV_OK || !(e = hs_aaa_find(c, m->key_id)))
		return;
	for (hs_hs_iter_init(&it, l, m->handshake); hs_hs_next(&it, &j);) {
		hs_walk_steps++;
		if (l->msgs[j].handshake == m->handshake && l->msgs[j].ts_ns < start)
			start = l->msgs[j].ts_ns;
	}
	for (size_t k = 0; k < c->n_aaa; k++) {
		const struct hs_aaa_pmk *o = c->aaa[k];

		if (memcmp(o->sta, e->sta, 6) == 0 && o->ts_ns > e->ts_ns && o->ts_ns <= start)
			newer = o;
	}
	if (newer) {
		m->mic = FW_MICV_BAD;
		m->mic_diag = FW_MICD_STALE_KEY;
		hs_msg_reasonf(m, "stale key: verifies only with the PMK of frame %llu, "
			       "not of frame %llu", (unsigned long long)e->frame,
			       (unsigned long long)newer->frame);
	} else if (e->ts_ns > m->ts_ns && (m->type == FW_MSG_M2 || m->type == FW_MSG_M4 ||
					   m->type == FW_MSG_G2) &&
		   !ap_used_before(l, m->key_id, e->ts_ns)) {
		m->mic = FW_MICV_BAD;
		m->mic_diag = FW_MICD_KEY_NOT_YET;
		hs_msg_reasonf(m, "key not yet delivered: its PMK came in frame %llu, "
			       "after this message was sent", (unsigned long long)e->frame);
	}
}

/* Plain Key Data first: PMKID in M1, the station's RSNE in M2, WPA1's M3. */
static void scan_plain(struct hs_link *l)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];
		struct hs_msg_priv *p = &l->priv[i];
		struct fw_eapol e;
		struct fw_eapol_key k;
		struct fw_eapol_key_tail t;

		if (m->key_info & FW_KI_ENC_KEY_DATA)
			continue;
		if (hs_reparse(p, &e, &k) != 0 || hs_split_any(&k, 16, &t) != 0)
			continue;
		if (t.key_data_len)
			hs_keydata_scan(t.key_data, t.key_data_len, m, p);
	}
}

/* reason: a constant, or l's no_key_reason (the messages point to it) */
static void mark_all_unchecked(struct hs_link *l, const char *reason)
{
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];

		if (!(m->key_info & FW_KI_MIC)) {
			m->mic = FW_MICV_ABSENT;
			continue;
		}
		m->mic = FW_MICV_UNCHECKED;
		hs_msg_reason(m, reason);
	}
}

/*
 * The PMKIDs' verdicts are read only by the passes (detectors, outcomes,
 * outputs), and every pass verifies its link again: the verifications the
 * feed runs to derive a link's keys need none (an HMAC per key and msg
 * 1/4 each time a message arrives).
 */
static void pmkid_verdicts(const struct fw_core *c, struct hs_link *l,
			   const struct fw_akm_params *p, uint8_t akm,
			   const struct fw_pmk_cand *cands, size_t n, const char *unchecked)
{
	if (c->in_passes)
		hs_pmkid_verdicts(l, p, akm, cands, n, unchecked);
}

void hs_verify_link(struct fw_core *c, struct hs_link *l)
{
	static const enum fw_msg_type order[] = {
		FW_MSG_M2, FW_MSG_M3, FW_MSG_M4, FW_MSG_G1, FW_MSG_G2, FW_MSG_REQ, FW_MSG_UNKNOWN,
	};
	struct vctx v;
	uint32_t group = 0;
	uint8_t ver = 0;
	bool own_byhs;
	int err;

	memset(&v, 0, sizeof(v));
	v.c = c;
	v.l = l;
	v.vp.failed = true;	/* until built below */
	l->no_key = false;	/* verified again as messages and networks arrive */
	l->no_key_reason[0] = '\0';
	l->no_key_why = FW_NOKEY_OTHER;
	scan_plain(l);
	if (hs_link_akm(c, l, &v.akm, &v.pairwise, &group) == 0) {
		l->pub.akm = FW_SUITE(FW_OUI_IEEE, v.akm);
		l->pub.pairwise = v.pairwise;
		l->cipher = (uint8_t)(v.pairwise & 0xff);
		l->pub.group = group;
	}
	{
		const uint8_t *ssid;
		size_t len;

		if (hs_link_ssid(c, l, &ssid, &len)) {
			memcpy(l->pub.ssid, ssid, len);
			l->pub.ssid_len = len;
			l->pub.has_ssid = true;
		}
	}
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].key_info & FW_KI_MIC) {
			ver = l->msgs[i].version;
			break;
		}
	if (l->pub.akm && (l->pub.akm >> 8) == FW_OUI_MS)
		v.akm = FW_AKM_PSK;	/* WPA1 PSK: 00-50-F2:2 */
	/* no message with a MIC (a PMKID-only capture): msg 1/4's version still names the hash */
	for (size_t i = 0; i < l->n_msgs && !ver; i++)
		if (l->msgs[i].type == FW_MSG_M1)
			ver = l->msgs[i].version;
	err = fw_akm_params(&v.params, ver, v.akm, l->dh_group ? l->dh_group : 19);
	if (err) {
		mark_all_unchecked(l, fw_akm_unsupported_reason(ver, v.akm, l->dh_group));
		pmkid_verdicts(c, l, NULL, v.akm, NULL, 0,
				  fw_akm_unsupported_reason(ver, v.akm, l->dh_group));
		return;
	}
	v.tk_len = fw_cipher_tk_len(v.pairwise);
	if (!v.tk_len)
		v.tk_len = 16;
	gather_keys(&v, ver);
	if (v.n_cands == 0) {
		l->no_key = true;
		snprintf(l->no_key_reason, sizeof(l->no_key_reason), "%s", v.no_key_reason);
		l->no_key_why = v.no_key_why;
		mark_all_unchecked(l, l->no_key_reason);
		pmkid_verdicts(c, l, &v.params, v.akm, NULL, 0, v.no_key_reason);
		return;
	}
	pmkid_verdicts(c, l, &v.params, v.akm, v.cands, v.n_cands, NULL);
	/* the messages verified before, which try_verified_ptks tries */
	if (l->n_msgs > WALK_LINK_MAX && hs_vptks_init(&v.vp, l->n_msgs) == 0)
		for (size_t j = 0; j < l->n_msgs; j++) {
			const struct hs_msg_priv *q = &l->priv[j];
			enum fw_msg_type t = l->msgs[j].type;

			if (q->verified_pair && (t == FW_MSG_M2 || t == FW_MSG_M3 || t == FW_MSG_M4) &&
			    cand_by_id(&v, q->ptk_key_id))
				hs_vptks_add(&v.vp, j, q->ptk_anonce, q->ptk_snonce, q->ptk_key_id);
		}
	for (size_t o = 0; o < sizeof(order) / sizeof(order[0]); o++)
		for (size_t i = 0; i < l->n_msgs; i++) {
			struct fw_msg *m = &l->msgs[i];

			if (m->type != order[o])
				continue;
			if (!(m->key_info & FW_KI_MIC)) {
				m->mic = FW_MICV_ABSENT;
				continue;
			}
			verify_msg(&v, i);
		}
	free_lists(&v);
	hs_vptks_free(&v.vp);
	/* the checks below ask about one handshake at a time: its messages by index */
	own_byhs = !l->byhs;
	if (own_byhs && !hs_walk_noindex && l->n_msgs > WALK_LINK_MAX)
		hs_byhs_build(l);
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];

		if (m->type == FW_MSG_M1 || !(m->key_info & FW_KI_MIC))
			m->mic = FW_MICV_ABSENT;
		orphan_unchecked(l, i);
		rebind_by_mic(l, i);
		check_stale(l, i);
		check_aaa_key(c, l, i);
		if ((m->type == FW_MSG_M3 || m->type == FW_MSG_G1) && m->mic == FW_MICV_OK) {
			const struct fw_pmk_cand *cand = cand_by_id(&v, l->priv[i].ptk_key_id);
			const struct fw_ptk *ptk;

			if (cand && get_ptk(&v, cand, l->priv[i].ptk_anonce, l->priv[i].ptk_snonce,
					    &ptk) == 0 && l->priv[i].kd_stamp != ptk_stamp(ptk)) {
				/* what it gives stays in the message: once per PTK */
				hs_kd_unwraps++;
				hs_keydata_decrypt(m, &l->priv[i], ptk);
				l->priv[i].kd_stamp = ptk_stamp(ptk);
			}
		}
	}
	if (own_byhs)
		hs_byhs_free(l);
	hs_mark_key_wrong(l);
}
