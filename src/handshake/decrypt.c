/*
 * decrypt.c - protected unicast frames between a link's two sides.
 *
 * Three jobs, all while the capture streams (nothing is buffered):
 *  - packet numbers are tracked per direction without decrypting, so a PN
 *    that goes backwards is seen; the key that opened each frame, when a
 *    key did, is kept with it, so a PN that restarts under a new key is
 *    told from a reinstalled one;
 *  - frames are decrypted with the TKs the link's handshakes gave: the
 *    newest handshake's PTK, the one before it, and an all-zero TK (a
 *    supplicant that installs a key it has cleared); CCMP, GCMP and TKIP.  A frame that decrypts
 *    to an EAPOL-Key message joins the handshakes like one sent in the
 *    clear; a protected deauthentication, disassociation or SA Query (PMF)
 *    is read like one in the clear, and one no key opens still counts as
 *    a protected deauthentication or disassociation of its sender;
 *  - after each msg 3/4, (re)association or unprotected deauthentication
 *    (mgmt.c) the next protected frames are kept (a bounded
 *    number, no bytes), with the key that opened them: what the race
 *    detectors read to tell who installed which key when.  For a CCMP or
 *    GCMP data frame that key is the first whose keystream gives the
 *    LLC/SNAP header every MSDU starts with (48 bits that no wrong key
 *    gives but by chance, and no one without the key can forge): one AES
 *    block, not a decryption.  An EAPOL frame, an A-MSDU, a frame no key
 *    opens that way, and every management frame are decrypted in full.
 *
 * The TKs come from verifying the link's messages as they arrive, so the
 * link is verified again (cheaply: PTKs are cached) when a protected frame
 * follows new messages.  Only frames that could matter are decrypted:
 * management frames, the ones watched after an msg 3/4 (all of them when
 * the caller exports them), and data frames that could be an EAPOL-Key
 * message.  Those are the frames whose plaintext length fits an EAPOL-Key
 * frame and whose first plaintext bytes, read from one block of a key's
 * keystream (no MIC check), are the LLC/SNAP header of EtherType 0x888e
 * the decoder looks for: any other data frame, however many, costs an
 * AES block per key of the link at most (may_be_eapol_key).
 *
 * A direction whose frames no key opens, frame after frame, stops being
 * tried until something can change that (giveup.c): the data frames
 * nothing watches are then counted as undecrypted without an AES block.
 * Management frames and the frames watched after an msg 3/4 or an
 * association are always tried.
 */
#include <stdlib.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/akm.h"
#include "crypto/tkip.h"
#include "handshake/ack.h"
#include "handshake/internal.h"
#include "util/mac.h"

#define EAPOL_KEY_PLAIN_MIN 107		/* LLC/SNAP 8 + EAPOL header 4 + key body 95 */
#define EAPOL_KEY_PLAIN_MAX 1200
#define HS_VERIFY_AT_FEED_MAX 256	/* past this many messages a link waits for the end */

/* The PTK a verified message of handshake h was checked with (from the link's cache). */
static const struct fw_ptk *hs_ptk_of(const struct hs_link *l, unsigned h)
{
	static const enum fw_msg_type prefer[] = { FW_MSG_M3, FW_MSG_M2, FW_MSG_M4 };

	for (size_t t = 0; t < sizeof(prefer) / sizeof(prefer[0]); t++) {
		for (size_t i = 0; i < l->n_msgs; i++) {
			const struct hs_msg_priv *p = &l->priv[i];

			if (l->msgs[i].handshake != h || l->msgs[i].type != prefer[t] ||
			    !p->verified_pair || l->msgs[i].mic != FW_MICV_OK)
				continue;
			for (size_t k = 0; k < l->n_ptk; k++) {
				const struct hs_ptk_cache_entry *e = &l->ptk_cache[k];

				if (e->key_id == p->ptk_key_id &&
				    memcmp(e->anonce, p->ptk_anonce, 32) == 0 &&
				    memcmp(e->snonce, p->ptk_snonce, 32) == 0)
					return &e->ptk;
			}
		}
	}
	return NULL;
}

void hs_decrypt_free(struct fw_core *c)
{
	for (size_t i = 0; i < 2; i++)
		fw_aead_peek_key_clear(&c->zero_peek[i]);
	for (size_t i = 0; i < 4; i++)
		fw_aead_key_clear(&c->zero_full[i]);
}

static void giveup_reset_both(struct hs_link *l)
{
	hs_giveup_reset(&l->giveup[0]);
	hs_giveup_reset(&l->giveup[1]);
}

void hs_link_update_keys(struct fw_core *c, struct hs_link *l)
{
	struct hs_tks *k = l->tks;
	bool have_new = false, changed = false;

	if (!l->tk_dirty || l->n_msgs > HS_VERIFY_AT_FEED_MAX)
		return;
	l->tk_dirty = false;
	l->peek_hint = NULL;	/* the keys' contexts may go: the next peek names it again */
	hs_verify_link(c, l);
	for (size_t h = l->n_hs; h-- > 0;) {
		const struct fw_ptk *ptk;

		if (l->hs[h].group || !(ptk = hs_ptk_of(l, (unsigned)h)))
			continue;
		if (!k && !(k = hs_tks_get(l)))
			return;
		if (!have_new) {
			changed |= hs_tk_set(&k->tk_new, (unsigned)h, ptk);
			have_new = true;
			continue;
		}
		if (hs_tk_set(&k->tk_prev, (unsigned)h, ptk) || changed)
			giveup_reset_both(l);
		l->tk_any = true;
		return;
	}
	if (!k)
		return;
	if (!have_new)
		changed |= hs_tk_set(&k->tk_new, 0, NULL);
	if (hs_tk_set(&k->tk_prev, 0, NULL) || changed)
		giveup_reset_both(l);
	l->tk_any = k->tk_new.valid;
}

/*
 * The give-up state of a direction whose frame is about to be tried, reset
 * first by whatever may have changed the answer since the last frame
 * tried: a message, a (re)association or deauthentication of the link
 * (both directions).  A packet number that went back, jumped or changed
 * key id resets its direction at once (track_pn).
 */
static inline struct hs_giveup *giveup_of(struct hs_link *l, bool from_ap)
{
	if (l->giveup_msgs != l->n_msgs || l->giveup_kev != l->n_kev ||
	    l->giveup_assoc != l->assoc_frame) {
		l->giveup_msgs = l->n_msgs;
		l->giveup_kev = (uint32_t)l->n_kev;
		l->giveup_assoc = l->assoc_frame;
		giveup_reset_both(l);
	}
	return &l->giveup[from_ap];
}

/*
 * Track the packet number of one direction; a non-increasing one is an
 * event (returned, for the caller to name the key that opened the frame).
 */
static inline __attribute__((always_inline)) struct fw_pn_event *
track_pn(struct hs_link *l, struct hs_pn_track *t, const struct fw_frame *f, unsigned input,
	 uint64_t frame_no, int64_t ts_ns, bool from_ap)
{
	unsigned hs = l->cur_hs >= 0 ? (unsigned)l->cur_hs : (unsigned)l->n_hs;
	struct fw_pn_event *e = NULL;
	uint32_t n_m3;

	/* messages are only appended: count again only when there are new ones */
	if (l->m3_seen_hs != hs || l->m3_seen_n != l->n_msgs) {
		if (l->m3_seen_hs != hs || l->m3_seen_n > l->n_msgs) {
			l->m3_seen_hs = hs;
			l->m3_seen_n = 0;
			l->m3_n = 0;
			l->m3_last = 0;
		}
		for (size_t i = l->m3_seen_n; i < l->n_msgs; i++)
			if (l->msgs[i].handshake == hs && l->msgs[i].type == FW_MSG_M3 &&
			    !l->msgs[i].protected_) {
				l->m3_n++;
				l->m3_last = l->msgs[i].frame;
			}
		l->m3_seen_n = (uint32_t)l->n_msgs;
	}
	n_m3 = l->m3_n;
	if (t->valid && f->dot11.retry && f->pn == t->pn)
		return NULL;	/* a MAC retransmission repeats its PN */
	/*
	 * A packet number that went back (the subtraction wraps), jumped or
	 * changed key id may come with another key: the direction is tried
	 * again, whatever this frame's length (most frames that show it are
	 * never tried themselves).  A direction's first frame needs no reset:
	 * none of its frames was tried before.
	 */
	if ((f->pn - t->pn - 1 >= HS_PN_JUMP || t->keyid != f->keyid) && l->tks)
		hs_giveup_reset(&l->giveup[from_ap]);
	if (t->valid && t->keyid == f->keyid && t->hs == (uint16_t)hs && f->pn <= t->pn &&
	    l->n_pn_events < HS_PN_EVENTS_MAX &&
	    (l->pn_events = hs_grow_from(l->pn_events, &l->cap_pn_events, l->n_pn_events + 1,
					 sizeof(*l->pn_events), 2)) != NULL) {
		e = &l->pn_events[l->n_pn_events++];
		e->file = input;
		e->frame_before = t->frame;
		e->ts_before = t->ts_ns;
		e->frame_after = frame_no;
		e->pn_before = t->pn;
		e->pn_after = f->pn;
		e->from_ap = from_ap;
		e->hs = hs;
		e->m3_between = n_m3 > t->n_m3 ? l->m3_last : 0;
		e->key_before = t->key_hs;
		e->key_after = -1;
		e->before_m3 = t->n_m3 == 0;
	}
	t->valid = true;
	t->pn = f->pn;
	t->frame = frame_no;
	t->ts_ns = ts_ns;
	t->keyid = f->keyid;
	t->hs = (uint16_t)hs;
	t->n_m3 = (uint16_t)n_m3;
	t->key_hs = -1;
	return e;
}

static bool is_aead(uint8_t cipher)
{
	return cipher == FW_CIPHER_CCMP || cipher == FW_CIPHER_CCMP_256 || cipher == FW_CIPHER_GCMP ||
	       cipher == FW_CIPHER_GCMP_256;
}

/*
 * Decrypt with one key: CCMP/GCMP through the key's kept context (made at
 * its first use, for this cipher), TKIP from the key itself (its per-MPDU
 * RC4 key is the cipher's own).  A context that cannot be made: the call
 * that makes one per MPDU.
 */
static int decrypt_with(struct fw_aead_key *kept, uint8_t cipher, const uint8_t *tk, size_t tk_len,
			const uint8_t *mpdu, size_t len, size_t hdr_len, uint8_t *out,
			size_t *out_len)
{
	if (cipher == FW_CIPHER_TKIP)
		return fw_tkip_decrypt(tk, tk_len, mpdu, len, hdr_len, out, out_len);
	if (!fw_aead_key_ready(kept, cipher)) {
		fw_aead_key_clear(kept);
		if (!is_aead(cipher) || fw_aead_key_init(kept, cipher, tk, tk_len) != 0)
			return fw_aead_decrypt(cipher, tk, tk_len, mpdu, len, hdr_len, out, out_len);
	}
	return fw_aead_decrypt_key(kept, mpdu, len, hdr_len, out, out_len);
}

/* The core's kept context of the all-zero TK for cipher. */
static struct fw_aead_key *zero_full(struct fw_core *c, uint8_t cipher)
{
	switch (cipher) {
	case FW_CIPHER_CCMP_256: return &c->zero_full[1];
	case FW_CIPHER_GCMP: return &c->zero_full[2];
	case FW_CIPHER_GCMP_256: return &c->zero_full[3];
	default: return &c->zero_full[0];
	}
}

/* Try the link's keys on the MPDU; the plaintext body lands in c->dec_buf. */
static enum fw_dec_key try_keys(struct fw_core *c, struct hs_link *l, uint8_t cipher,
				const uint8_t *mpdu, size_t len, size_t hdr_len, size_t *out_len,
				int *dec_hs)
{
	static const uint8_t zero[32];
	size_t tk_len = fw_cipher_tk_len(FW_SUITE(FW_OUI_IEEE, cipher));
	struct hs_tk *n = &l->tks->tk_new, *p = &l->tks->tk_prev;

	if (n->valid && decrypt_with(&n->full, cipher, n->ptk.tk, n->ptk.tk_len, mpdu, len, hdr_len,
				     c->dec_buf, out_len) == 0) {
		*dec_hs = (int)n->hs;
		return FW_DEC_NEW;
	}
	if (p->valid && decrypt_with(&p->full, cipher, p->ptk.tk, p->ptk.tk_len, mpdu, len, hdr_len,
				     c->dec_buf, out_len) == 0) {
		*dec_hs = (int)p->hs;
		return FW_DEC_PREV;
	}
	if (tk_len && decrypt_with(zero_full(c, cipher), cipher, zero, tk_len, mpdu, len, hdr_len,
				   c->dec_buf, out_len) == 0) {
		*dec_hs = -1;
		return FW_DEC_ZERO;
	}
	return FW_DEC_NONE;
}

/*
 * What a peek says of a frame.  NOKEY and NEXT stay inside peek(): a key
 * schedule that could not be made, a key whose keystream gives no LLC/SNAP
 * header.
 */
enum hs_peek { HS_PEEK_EAPOL, HS_PEEK_OTHER, HS_PEEK_NONE, HS_PEEK_NOKEY, HS_PEEK_NEXT };

/* A CCMP/GCMP cipher's key size (16 or 32), without a call per frame. */
static inline size_t aead_tk_len(uint8_t cipher)
{
	return cipher == FW_CIPHER_CCMP_256 || cipher == FW_CIPHER_GCMP_256 ? 32 : 16;
}

/*
 * One key's look at the frame's first plaintext bytes.  The counter block
 * (*fr) is made at the first key whose schedule is ready, from the header
 * the decoder read (A2; the TID of a QoS data frame), and kept for the
 * keys after it: nothing in it depends on the key.
 */
static inline __attribute__((always_inline)) enum hs_peek
peek_with(struct fw_aead_peek_key *k, const uint8_t *tk, size_t tk_len, uint8_t cipher,
	  const struct fw_dot11 *d, struct fw_aead_peek_frame *fr, bool *framed)
{
	static const uint8_t llc[6] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00 };
	uint8_t p[8];

	if (!fw_aead_peek_key_ready(k) && fw_aead_peek_key_init(k, tk, tk_len) != 0)
		return HS_PEEK_NOKEY;
	if (!*framed) {
		/* only protected data and management frames have a CCMP/GCMP nonce */
		if (!d->protected_ || (d->type != FW_T_DATA && d->type != FW_T_MGMT) ||
		    fw_aead_peek_frame_init(fr, cipher, d->a2,
					    d->type == FW_T_DATA && d->qos ?
						    (uint8_t)(d->qos_ctl & 0x0f) : 0,
					    d->type == FW_T_MGMT, d->body, d->body_len,
					    sizeof(p)) != 0)
			return HS_PEEK_NONE;
		*framed = true;
	}
	if (fw_aead_peek_frame(k, fr, p) != 0)
		return HS_PEEK_NONE;
	if (memcmp(p, llc, sizeof(llc)) != 0)
		return HS_PEEK_NEXT;
	return p[6] == 0x88 && p[7] == 0x8e ? HS_PEEK_EAPOL : HS_PEEK_OTHER;
}

/*
 * What the first plaintext bytes of a CCMP/GCMP data frame are under the
 * link's keys, in try_keys' order: the first key whose keystream gives an
 * LLC/SNAP header (48 bits no wrong key matches but by chance) decides
 * whether the frame is EAPOL, and is the key that opened it (*key, *key_hs
 * as try_keys gives them).  NONE: no key gives one, or the body is too
 * short to tell; a key schedule that cannot be made counts as EAPOL, so
 * the frame gets the full decryption.
 */
static inline __attribute__((always_inline)) enum hs_peek
peek(struct fw_core *c, struct hs_link *l, uint8_t cipher, const struct fw_dot11 *d,
     enum fw_dec_key *key, int *key_hs)
{
	static const uint8_t zero[32];
	size_t tk_len = aead_tk_len(cipher);
	struct hs_tks *ks = l->tks;
	struct fw_aead_peek_frame fr;
	bool framed = false;
	enum hs_peek r;

	/* the keys in order, each looked at only when the one before gave nothing */
	for (unsigned i = 0; i < 2; i++) {
		struct hs_tk *t = i == 0 ? &ks->tk_new : &ks->tk_prev;

		if (!t->valid || t->tk_len != tk_len)
			continue;
		r = peek_with(&t->peek, t->ptk.tk, tk_len, cipher, d, &fr, &framed);
		if (r == HS_PEEK_NEXT)
			continue;
		if (r == HS_PEEK_EAPOL || r == HS_PEEK_OTHER) {
			*key = i == 0 ? FW_DEC_NEW : FW_DEC_PREV;
			*key_hs = (int)t->hs;
		}
		return r == HS_PEEK_NOKEY ? HS_PEEK_EAPOL : r;
	}
	r = peek_with(&c->zero_peek[tk_len == 32], zero, tk_len, cipher, d, &fr, &framed);
	if (r == HS_PEEK_EAPOL || r == HS_PEEK_OTHER) {
		*key = FW_DEC_ZERO;
		*key_hs = -1;
	}
	return r == HS_PEEK_NOKEY ? HS_PEEK_EAPOL : r == HS_PEEK_NEXT ? HS_PEEK_NONE : r;
}

/* Whether the plaintext of a frame of this length under cipher fits an EAPOL-Key frame. */
static inline bool eapol_key_len(uint8_t cipher, const struct fw_dot11 *d)
{
	/* the CCMP/GCMP header or TKIP's IVs (8), and the MIC (TKIP: Michael and the ICV) */
	size_t over = 8 + (cipher == FW_CIPHER_CCMP ? 8 : cipher == FW_CIPHER_TKIP ? 12 : 16);

	/* one compare: a body shorter than over + the minimum wraps past the span */
	return d->body_len - over - EAPOL_KEY_PLAIN_MIN <= EAPOL_KEY_PLAIN_MAX - EAPOL_KEY_PLAIN_MIN;
}

/*
 * Whether a protected data frame nothing else asks for (no watch after an
 * msg 3/4, no export), whose plaintext length fits an EAPOL-Key frame, of
 * a direction still tried (gu), may be an EAPOL-Key message: for CCMP/GCMP
 * its first bytes under a key say so.  Settled here when not: a key gave
 * its LLC/SNAP header, or none did, and the frame counts as undecrypted
 * (a failure of the direction only if no key opens it at all).
 */
static inline __attribute__((always_inline)) bool
may_be_eapol_key(struct fw_core *c, struct hs_link *l, uint8_t cipher, const struct fw_dot11 *d,
		 struct hs_giveup *gu)
{
	enum fw_dec_key key;
	size_t plain_len;
	int key_hs, dec_hs;

	if (!is_aead(cipher))
		return true;
	switch (peek(c, l, cipher, d, &key, &key_hs)) {
	case HS_PEEK_OTHER:
		hs_giveup_result(gu, true);	/* a key gave its LLC/SNAP header */
		return false;
	case HS_PEEK_NONE:
		l->pub.frames_undecrypted++;
		/*
		 * No key gives an LLC/SNAP header: a failure only if no key
		 * opens the frame at all (an A-MSDU's first block says
		 * nothing, and its full decryption is not worth it)
		 */
		if (!(d->qos && (d->qos_ctl & FW_QOS_AMSDU)))
			hs_giveup_result(gu, try_keys(c, l, cipher, d->body - d->hdr_len,
						      d->hdr_len + d->body_len, d->hdr_len,
						      &plain_len, &dec_hs) != FW_DEC_NONE);
		return false;
	default:
		return true;
	}
}

/*
 * A watched CCMP/GCMP data frame (not an A-MSDU, whose body opens with a
 * subframe header): the key that opened it, from its first plaintext
 * bytes.  False when it needs the full decryption: EAPOL, or no key gives
 * an LLC/SNAP header (a frame of another layout, or of none of the keys).
 */
static bool watched_by_peek(struct fw_core *c, struct hs_link *l, uint8_t cipher,
			    const struct fw_dot11 *d, enum fw_dec_key *key, int *key_hs)
{
	if (!is_aead(cipher) || d->type != FW_T_DATA || (d->qos && (d->qos_ctl & FW_QOS_AMSDU)))
		return false;
	return peek(c, l, cipher, d, key, key_hs) == HS_PEEK_OTHER;
}

static struct fw_pframe *keep_pframe(struct hs_link *l)
{
	/* room for one msg 3/4's frames at first: most links keep no more */
	struct fw_pframe *arr = hs_grow_from(l->pframes, &l->cap_pframes, l->n_pframes + 1,
					     sizeof(*arr), HS_PFRAMES_PER_M3);

	if (!arr)
		return NULL;
	l->pframes = arr;
	memset(&arr[l->n_pframes], 0, sizeof(arr[0]));
	return &arr[l->n_pframes++];
}

/*
 * The decrypted MPDU goes through the decoder again (header with the
 * Protected bit cleared, then the plaintext), so it is parsed exactly like
 * a frame sent in the clear.
 */
static bool feed_plaintext(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
			   const struct fw_frame *f, size_t body_len, enum fw_dec_key k,
			   struct fw_msg **msg_out, struct hs_link **msg_link)
{
	size_t hdr_len = f->dot11.hdr_len;
	struct fw_frame g;

	if (hdr_len + body_len > sizeof(c->plain_mpdu))
		return false;
	memcpy(c->plain_mpdu, f->dot11.body - hdr_len, hdr_len);
	c->plain_mpdu[1] &= (uint8_t)~0x40;	/* Frame Control: Protected Frame */
	memcpy(c->plain_mpdu + hdr_len, c->dec_buf, body_len);
	memset(&g, 0, sizeof(g));
	g.linktype = f->linktype;
	g.radio = f->radio;
	if (c->opts.on_decrypted)
		c->opts.on_decrypted(c->opts.on_decrypted_arg, input, frame_no, ts_ns, c->plain_mpdu,
				     hdr_len + body_len);
	if (fw_frame_decode_dot11(&g, c->plain_mpdu, hdr_len + body_len, 0) != 0)
		return false;
	if (g.kind == FW_KIND_EAPOL && g.has_key) {
		struct fw_msg *m = hs_on_eapol_key(c, input, frame_no, ts_ns, &g, msg_link);

		if (!m)
			return false;
		m->protected_ = true;
		m->dec_key = k;
		m->pn = f->pn;
		*msg_out = m;
		return true;
	}
	if (g.kind == FW_KIND_DEAUTH || g.kind == FW_KIND_DISASSOC || g.kind == FW_KIND_ACTION)
		hs_on_mgmt(c, input, frame_no, ts_ns, &g, true);
	return false;
}

/*
 * What a protected frame of link l asks for beyond its packet number: a
 * decryption, a look at its first block, or keeping it (hs_on_protected).
 * peeked: an unwatched CCMP/GCMP data frame unwatched_peek() found may be
 * an EAPOL-Key message (its direction's give-up consulted), to decrypt.
 */
static __attribute__((noinline)) void on_protected_more(struct fw_core *c, unsigned input,
							 uint64_t frame_no, int64_t ts_ns,
							 const struct fw_frame *f,
							 struct hs_link *l, bool from_ap,
							 struct fw_pn_event *pe, size_t *msg,
							 size_t *pframe, bool peeked)
{
	const struct fw_dot11 *d = &f->dot11;
	struct hs_link *ml = NULL;
	struct fw_msg *m = NULL;
	struct fw_pframe *pf;
	struct hs_pn_track *t = from_ap ? &l->pn_ap : &l->pn_sta;
	struct hs_giveup *gu = NULL;
	bool mgmt = d->type == FW_T_MGMT, want, keys, plain = false;
	enum fw_dec_key k = FW_DEC_NONE;
	uint8_t cipher = l->cipher;
	size_t plain_len = 0;
	int dec_hs = -1;

	want = peeked || mgmt || l->watch_left > 0 || c->opts.on_decrypted;
	keys = peeked || ((want || eapol_key_len(cipher, d)) && l->tk_any &&
			  (is_aead(cipher) || (cipher == FW_CIPHER_TKIP && f->tkip_iv)) &&
			  d->hdr_len + d->body_len <= sizeof(c->dec_buf));
	if (peeked) {
		gu = &l->giveup[from_ap];
	} else if (keys && !mgmt) {
		gu = giveup_of(l, from_ap);
		if (l->watch_left == 0 && hs_giveup_skip(gu)) {
			/* given up: counted as trying it would have ended */
			l->pub.frames_undecrypted++;
			keys = false;
		}
	}
	if (keys && !want) {
		want = may_be_eapol_key(c, l, cipher, d, gu);
	} else if (keys && !mgmt && !c->opts.on_decrypted && !peeked &&
		   watched_by_peek(c, l, cipher, d, &k, &dec_hs)) {
		want = false;	/* opened by key k: nothing in it for the handshakes */
		l->pub.frames_decrypted++;
		hs_giveup_result(gu, true);
	}
	if (want && keys) {
		k = try_keys(c, l, cipher, d->body - d->hdr_len, d->hdr_len + d->body_len, d->hdr_len,
			     &plain_len, &dec_hs);
		plain = k != FW_DEC_NONE;
		if (plain)
			l->pub.frames_decrypted++;
		else
			l->pub.frames_undecrypted++;
		if (gu)
			hs_giveup_result(gu, plain);
	}
	/* the key that opened it, for telling a reinstalled key from a new one */
	if (k == FW_DEC_NEW || k == FW_DEC_PREV) {
		t->key_hs = (int16_t)dec_hs;
		if (pe)
			pe->key_after = dec_hs;
	}
	if (plain)
		feed_plaintext(c, input, frame_no, ts_ns, f, plain_len, k, &m, &ml);
	else if (mgmt)
		hs_on_mgmt_sealed(l, input, frame_no, ts_ns, f, from_ap);
	if (m && ml == l) {
		*msg = (size_t)(m - l->msgs) + 1;
		if (m->type == FW_MSG_M3)
			l->watch_left = HS_PFRAMES_PER_M3;
		if (m->key_info & FW_KI_MIC)
			l->tk_dirty = true;
	}
	if (!m && !mgmt && l->watch_left == 0)
		return;
	if (!m && l->watch_left == 0) {
		/* kept for being management alone: at most HS_MGMT_PFRAMES_MAX a link */
		if (l->mgmt_kept >= HS_MGMT_PFRAMES_MAX) {
			if (l->mgmt_dropped++ == 0) {
				l->mgmt_cut_file = input;
				l->mgmt_cut_frame = frame_no;
				l->mgmt_cut_ts = ts_ns;
			}
			return;	/* counted in a note (hs_caps_note) */
		}
		l->mgmt_kept++;
	}
	if (l->watch_left > 0)
		l->watch_left--;
	pf = keep_pframe(l);
	if (!pf)
		return;
	pf->file = input;
	pf->frame = frame_no;
	pf->ts_ns = ts_ns;
	pf->from_ap = from_ap;
	pf->mgmt = mgmt;
	pf->is_eapol = m != NULL;
	pf->pn = f->pn;
	pf->keyid = f->keyid;
	pf->dec_key = k;
	pf->dec_hs = dec_hs;
	pf->after_hs = l->cur_hs >= 0 ? (unsigned)l->cur_hs : (unsigned)(l->n_hs ? l->n_hs - 1 : 0);
	pf->acked = FW_ACK_UNKNOWN;
	pf->rx_has_key = FW_RXK_UNKNOWN;
	*pframe = l->n_pframes;
}

/*
 * The frames that ask for more than their packet number most often: CCMP
 * or GCMP data of a keyed link, nothing watching them, of a length that
 * fits an EAPOL-Key message.  Their first block under the link's keys
 * settles all but the EAPOL-Key messages among them here, without
 * on_protected_more's setup; true: one that may be, to decrypt in full.
 */
static __attribute__((noinline)) bool unwatched_peek(struct fw_core *c, struct hs_link *l,
						     const struct fw_dot11 *d, bool from_ap)
{
	struct hs_giveup *gu;
	bool r;

	if (d->hdr_len + d->body_len > sizeof(c->dec_buf))
		return false;	/* too long to decrypt: its packet number was all it had */
	/*
	 * The newest key's AES context, the one that opens most frames, is
	 * the link's own and long out of cache: asked for now, from the
	 * link's own line, it comes while the give-up and the keys are read,
	 * not when EVP_Cipher() first reads it (a context not made yet is
	 * NULL, a stale one was freed: a prefetch faults on neither)
	 */
	__builtin_prefetch(l->peek_hint);
	gu = giveup_of(l, from_ap);
	if (hs_giveup_skip(gu)) {
		/* given up: counted as trying it would have ended */
		l->pub.frames_undecrypted++;
		return false;
	}
	r = may_be_eapol_key(c, l, l->cipher, d, gu);
	l->peek_hint = l->tks->tk_new.peek.ctx;
	return r;
}

/* hs_on_protected, inline in hs_feed_protected (most frames) */
static inline __attribute__((always_inline)) struct hs_link *
on_protected(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
	     const struct fw_frame *f, size_t *msg, size_t *pframe)
{
	const struct fw_dot11 *d = &f->dot11;
	uint64_t ra, ta;
	struct hs_link *l;
	struct fw_pn_event *pe;
	bool from_ap, peeked = false, maybe_key;

	if (!f->has_dot11 || !f->has_pn || !f->has_ta || fw_mac_is_group(f->ra))
		return NULL;
	/* most protected frames belong to no link: the BSSID bitmap says so cheaply */
	ra = hs_mac48(f->ra);
	ta = hs_mac48(f->ta);
	if (hs_bssid_maybe48(c, ra) && (l = hs_link_find48(c, ra, ta)) != NULL)
		from_ap = false;
	else if (hs_bssid_maybe48(c, ta) && (l = hs_link_find48(c, ta, ra)) != NULL)
		from_ap = true;
	else
		return NULL;
	/*
	 * A frame that may be an EAPOL-Key message reads the link's line 2
	 * (give-up, keys) next: asked for now, it comes while the packet
	 * number is tracked
	 */
	maybe_key = l->tk_any && eapol_key_len(l->cipher, d);
	if (maybe_key)
		__builtin_prefetch(&l->tks);
	pe = track_pn(l, from_ap ? &l->pn_ap : &l->pn_sta, f, input, frame_no, ts_ns, from_ap);
	if (l->tk_dirty) {	/* most frames follow no new message: no call */
		hs_link_update_keys(c, l);
		maybe_key = l->tk_any && eapol_key_len(l->cipher, d);
	}
	/*
	 * Most frames of a link are data nothing watches, no key could show
	 * to be an EAPOL-Key message: their packet number was all they had.
	 */
	if (d->type != FW_T_MGMT && l->watch_left == 0 && !c->opts.on_decrypted) {
		if (!maybe_key)
			return l;
		/* of the rest, most are CCMP/GCMP data one AES block settles */
		if (is_aead(l->cipher)) {
			if (!unwatched_peek(c, l, d, from_ap))
				return l;
			peeked = true;
		}
	}
	on_protected_more(c, input, frame_no, ts_ns, f, l, from_ap, pe, msg, pframe, peeked);
	return l;
}

struct hs_link *hs_on_protected(struct fw_core *c, unsigned input, uint64_t frame_no,
				int64_t ts_ns, const struct fw_frame *f, size_t *msg,
				size_t *pframe)
{
	return on_protected(c, input, frame_no, ts_ns, f, msg, pframe);
}

void hs_feed_protected(struct fw_core *c, unsigned input, uint32_t iface, uint64_t frame_no,
		       int64_t ts_ns, const struct fw_frame *f)
{
	const unsigned src = c->cur_src;
	struct hs_link *l;
	size_t msg = 0, pframe = 0;
	int sight = -1;

	(void)iface;
	c->order++;
	c->cur_input = input;
	l = on_protected(c, input, frame_no, ts_ns, f, &msg, &pframe);
	if (l) {
		/* hs_link_find touched it */
		if (msg || pframe)
			sight = hs_sight_record(c, l, msg, pframe, src, frame_no, ts_ns);
		c->last_link = l;
		if (ts_ns < c->last_ts[input])
			l->reordered_frames++;
	}
	if (ts_ns > c->last_ts[input])
		c->last_ts[input] = ts_ns;
	if (f->has_dot11)
		hs_ack_sent(c, ts_ns, f, l ? l : c->last_link, l != NULL, msg, pframe, sight);
	else
		hs_ack_on_frame(c, frame_no, ts_ns, f, l ? l : c->last_link, msg, pframe, sight);
}

