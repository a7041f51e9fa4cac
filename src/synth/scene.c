/*
 * scene.c - the steps scenarios are made of: two parties exchanging
 * management frames, EAPOL-Key messages with real MICs and wrapped Key
 * Data, protected data and ACKs, on a simulated clock.
 *
 * Frame timestamps are the end of each frame on the air: a frame's own
 * airtime at its legacy rate is added before it is stamped, and an ACK
 * follows SIFS (10 us, 2.4 GHz) after the frame it acknowledges.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/keywrap.h"
#include "crypto/mic.h"
#include "decode/eapol.h"
#include "synth/internal.h"
#include "util/err.h"

#define SIFS_US 10
#define RATE_MGMT 2		/* 1 Mb/s: management and EAPOL */
#define RATE_DATA 48		/* 24 Mb/s */
#define ETH_EAPOL 0x888e
#define ETH_IPV4 0x0800
#define ETH_ARP 0x0806

static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

void sc_wait_us(struct scene *sc, uint64_t us)
{
	sc->t += (int64_t)us * 1000;
}

static bool is_ap(const struct scene *sc, const struct sc_party *p)
{
	return p == &sc->ap;
}

/* Store an MPDU sent by p at the current time plus its airtime. */
static uint64_t emit(struct scene *sc, const struct sc_party *p, const uint8_t *mpdu, size_t len,
		     uint8_t rate)
{
	struct sc_frame *f;

	if (sc->err)
		return 0;
	if (sc->n_frames >= SC_MAX_FRAMES || len > SC_FRAME_MAX) {
		sc_fail(sc, FW_ERANGE, "scenario too long");
		return 0;
	}
	sc_wait_us(sc, fw_enc_airtime_us(len + 4, rate));
	f = &sc->frames[sc->n_frames++];
	memset(f, 0, sizeof(*f));
	f->ts_ns = sc->t;
	f->radio.tsft = 1000000 + (uint64_t)(sc->t / 1000) % 1000000000000ull;
	f->radio.freq_mhz = 2412;
	f->radio.rate_500k = rate;
	f->radio.signal_dbm = (int8_t)(p && is_ap(sc, p) ? -38 : -51);
	f->radio.noise_dbm = -95;
	f->len = len;
	memcpy(f->b, mpdu, len);
	return sc->n_frames;
}

/* The receiver's ACK of a frame transmitted by `to` at rate. */
static void ack(struct scene *sc, const struct sc_party *to, uint8_t rate)
{
	struct fw_sbuf s;
	const struct sc_party *from = to == &sc->ap ? &sc->sta : &sc->ap;

	fw_sb_init(&s);
	fw_enc_ack(&s, to->addr);
	sc_wait_us(sc, SIFS_US);
	emit(sc, from, s.b, s.len, rate > RATE_DATA ? RATE_DATA : rate);
}

static struct sc_party *peer(struct scene *sc, const struct sc_party *p)
{
	return p == &sc->ap ? &sc->sta : &sc->ap;
}

/* A management frame from p: header, body; acknowledged. */
static uint64_t mgmt(struct scene *sc, struct sc_party *p, uint16_t fc, const struct fw_sbuf *body)
{
	struct fw_sbuf s;
	uint64_t n;

	fw_sb_init(&s);
	fw_enc_hdr3(&s, fc, 314, peer(sc, p)->addr, p->addr, sc->ap.addr, ++p->seq);
	fw_sb_put(&s, body->b, body->len);
	if (!fw_sb_ok(&s)) {
		sc_fail(sc, FW_ERANGE, "management frame");
		return 0;
	}
	n = emit(sc, p, s.b, s.len, RATE_MGMT);
	ack(sc, p, RATE_MGMT);
	return n;
}

static void rsne_of(struct scene *sc, struct fw_sbuf *s, uint8_t pairwise)
{
	/* RSN Capabilities: MFPR (bit 6) and MFPC (bit 7) under PMF (9.4.2.24.4) */
	struct fw_enc_rsne r = { sc->cipher, pairwise, sc->akm, sc->pmf ? 0x00c0 : 0, NULL };

	fw_enc_rsne(s, &r);
}

static void rates(struct fw_sbuf *s)
{
	static const uint8_t r[8] = { 0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24 };

	fw_enc_ie(s, 1, r, sizeof(r));
}

#define CAPS 0x0431	/* ESS, Privacy, short preamble, short slot time */

uint64_t sc_beacon(struct scene *sc)
{
	struct fw_sbuf s;
	static const uint8_t chan = 1;

	fw_sb_init(&s);
	fw_enc_hdr3(&s, FW_FC_BEACON, 0, bcast, sc->ap.addr, sc->ap.addr, ++sc->ap.seq);
	fw_sb_le64(&s, 1000000 + (uint64_t)(sc->t / 1000) % 1000000000000ull);
	fw_sb_le16(&s, 100);
	fw_sb_le16(&s, CAPS);
	fw_enc_ie(&s, 0, sc->ssid, sc->ssid_len);
	rates(&s);
	fw_enc_ie(&s, 3, &chan, 1);
	rsne_of(sc, &s, sc->cipher);
	if (!fw_sb_ok(&s)) {
		sc_fail(sc, FW_ERANGE, "beacon");
		return 0;
	}
	return emit(sc, &sc->ap, s.b, s.len, RATE_MGMT);
}

static void auth_open(struct scene *sc, struct sc_party *p, uint16_t seq)
{
	struct fw_sbuf b;

	fw_sb_init(&b);
	fw_sb_le16(&b, 0);	/* open system */
	fw_sb_le16(&b, seq);
	fw_sb_le16(&b, 0);
	mgmt(sc, p, FW_FC_AUTH, &b);
}

/* SAE commit (group 19: scalar 32, element 64) and confirm (12.4.7): shape only. */
static void auth_sae(struct scene *sc, struct sc_party *p, bool commit)
{
	struct fw_sbuf b;
	uint8_t rnd[96];

	fw_rng_fill(&sc->rng, rnd, sizeof(rnd));
	fw_sb_init(&b);
	fw_sb_le16(&b, 3);	/* SAE */
	fw_sb_le16(&b, commit ? 1 : 2);
	fw_sb_le16(&b, 0);
	if (commit) {
		fw_sb_le16(&b, 19);
		fw_sb_put(&b, rnd, 96);
	} else {
		fw_sb_le16(&b, 1);	/* send-confirm */
		fw_sb_put(&b, rnd, 32);
	}
	mgmt(sc, p, FW_FC_AUTH, &b);
}

uint64_t sc_associate(struct scene *sc, bool reassoc)
{
	struct fw_sbuf b;
	uint64_t n;

	fw_sb_init(&b);
	fw_sb_le16(&b, CAPS);
	fw_sb_le16(&b, 10);	/* listen interval */
	if (reassoc)
		fw_sb_put(&b, sc->ap.addr, 6);	/* current AP address */
	fw_enc_ie(&b, 0, sc->ssid, sc->ssid_len);
	rates(&b);
	rsne_of(sc, &b, sc->cipher);
	n = mgmt(sc, &sc->sta, reassoc ? FW_FC_REASSOC_REQ : FW_FC_ASSOC_REQ, &b);
	sc_wait_us(sc, 400);
	fw_sb_init(&b);
	fw_sb_le16(&b, CAPS);
	fw_sb_le16(&b, 0);	/* status: success */
	fw_sb_le16(&b, 0xc001);	/* AID 1 */
	rates(&b);
	sc_alog_assoc(sc, reassoc, mgmt(sc, &sc->ap, reassoc ? FW_FC_REASSOC_RESP : FW_FC_ASSOC_RESP, &b));
	sc_wait_us(sc, 3000);
	return n;
}

void sc_connect(struct scene *sc)
{
	sc_beacon(sc);
	sc_wait_us(sc, 20000);
	if (sc->o->akm == FW_SYNTH_SAE_PMK) {
		auth_sae(sc, &sc->sta, true);
		sc_wait_us(sc, 2000);
		auth_sae(sc, &sc->ap, true);
		sc_wait_us(sc, 2000);
		auth_sae(sc, &sc->sta, false);
		sc_wait_us(sc, 500);
		auth_sae(sc, &sc->ap, false);
	} else {
		auth_open(sc, &sc->sta, 1);
		sc_wait_us(sc, 300);
		auth_open(sc, &sc->ap, 2);
	}
	sc_wait_us(sc, 1000);
	sc_associate(sc, false);
}

/*
 * A data frame from p carrying body (LLC/SNAP first): protected with p's
 * installed TK and its next packet number when protect is set.
 */
static uint64_t data(struct scene *sc, struct sc_party *p, const uint8_t *body, size_t blen,
		     bool protect, bool acked, uint8_t rate)
{
	struct fw_sbuf h;
	uint8_t out[SC_FRAME_MAX];
	size_t out_len;
	uint16_t fc = FW_FC_DATA | (is_ap(sc, p) ? FW_FC_FROM_DS : FW_FC_TO_DS);
	uint64_t n;
	int err;

	fw_sb_init(&h);
	if (protect)
		fc |= FW_FC_PROTECTED;
	fw_enc_hdr3(&h, fc, 44, peer(sc, p)->addr, p->addr, sc->ap.addr, ++p->seq);
	if (!protect) {
		if (h.len + blen > sizeof(out)) {
			sc_fail(sc, FW_ERANGE, "data frame");
			return 0;
		}
		memcpy(out, h.b, h.len);
		memcpy(out + h.len, body, blen);
		out_len = h.len + blen;
	} else {
		if (!p->installed) {
			sc_fail(sc, FW_EINVAL, "protected frame before the key was installed");
			return 0;
		}
		if (h.len + 8 + blen + 16 > sizeof(out)) {
			sc_fail(sc, FW_ERANGE, "data frame");
			return 0;
		}
		err = fw_aead_encrypt(sc->cipher, p->ptk.tk, p->ptk.tk_len, h.b, h.len, ++p->pn, 0,
				      body, blen, out, &out_len);
		if (err) {
			sc_fail(sc, err, "encrypting a data frame");
			return 0;
		}
	}
	n = emit(sc, p, out, out_len, rate);
	if (acked)
		ack(sc, p, rate);
	return n;
}

/* KDEs of 12.7.2 Table 12-9: dd, length, 00-0F-AC, data type, data. */
static void kde(struct fw_sbuf *s, uint8_t type, const uint8_t *d, size_t n)
{
	static const uint8_t oui[3] = { 0x00, 0x0f, 0xac };

	fw_sb_u8(s, 0xdd);
	fw_sb_u8(s, (uint8_t)(4 + n));
	fw_sb_put(s, oui, 3);
	fw_sb_u8(s, type);
	fw_sb_put(s, d, n);
}

static void gtk_kde(struct scene *sc, struct fw_sbuf *s)
{
	uint8_t d[2 + 16];

	d[0] = sc->gtk_keyid & 3;	/* Key ID, Tx 0 */
	d[1] = 0;
	memcpy(d + 2, sc->gtk, 16);
	kde(s, 1, d, sizeof(d));
}

/* Pad plain Key Data (0xdd then zeros, to a multiple of 8 and >= 16) and wrap it with the KEK. */
static int wrap_keydata(struct scene *sc, const struct fw_ptk *ptk, struct fw_sbuf *plain,
			uint8_t *out, size_t *out_len)
{
	int err;

	if (plain->len < 16 || plain->len % 8) {
		fw_sb_u8(plain, 0xdd);
		while (plain->len < 16 || plain->len % 8)
			fw_sb_u8(plain, 0);
	}
	if (!fw_sb_ok(plain))
		return FW_ERANGE;
	err = fw_aes_wrap(ptk->kek, ptk->kek_len, plain->b, plain->len, out);
	if (err)
		return err;
	*out_len = plain->len + 8;
	(void)sc;
	return 0;
}

/*
 * An EAPOL-Key frame from p: LLC/SNAP, EAPOL, MIC with ptk's KCK (none when
 * ptk is NULL), then what tx asks for (a flipped byte, trailing bytes,
 * protection, a missing ACK).
 */
static uint64_t eapol(struct scene *sc, struct sc_party *p, const struct fw_enc_key *k,
		      const struct fw_ptk *ptk, const struct sc_tx *tx)
{
	struct fw_sbuf s;
	size_t mic_off, start;
	int err;

	fw_sb_init(&s);
	fw_enc_llc(&s, ETH_EAPOL);
	start = s.len;
	fw_enc_eapol_key(&s, k, &mic_off);
	if (!fw_sb_ok(&s)) {
		sc_fail(sc, FW_ERANGE, "EAPOL-Key frame");
		return 0;
	}
	if (ptk) {
		err = fw_mic_compute(sc->params.mic, ptk->kck, ptk->kck_len, s.b + start,
				     s.len - start, s.b + start + mic_off, k->mic_len);
		if (err) {
			sc_fail(sc, err, "computing a MIC");
			return 0;
		}
	}
	if (tx->flip && start + (size_t)tx->flip - 1 < s.len)
		s.b[start + (size_t)tx->flip - 1] ^= 0x01;
	fw_sb_zero(&s, tx->trailing);
	if (!fw_sb_ok(&s)) {
		sc_fail(sc, FW_ERANGE, "EAPOL-Key frame");
		return 0;
	}
	return data(sc, p, s.b, s.len, tx->protect, !tx->no_ack, RATE_MGMT);
}

static void key_init(struct scene *sc, struct fw_enc_key *k, uint16_t info, uint64_t rc, bool from_ap)
{
	memset(k, 0, sizeof(*k));
	k->eapol_version = from_ap ? 2 : 1;
	k->key_info = (uint16_t)(info | sc->ver);
	k->replay_counter = rc;
	k->mic_len = sc->params.mic_len;
}

static int derive(struct scene *sc, const uint8_t *pmk, const uint8_t *anonce, struct fw_ptk *out)
{
	int err = fw_ptk_derive(&sc->params, pmk, 32, sc->ap.addr, sc->sta.addr, anonce,
				sc->snonce, sc->tk_len, out);

	if (err)
		sc_fail(sc, err, "deriving the PTK");
	return err;
}

static uint64_t answer_rc(const struct scene *sc, const struct sc_tx *tx)
{
	return tx->rc ? tx->rc : sc->rc;
}

/* Whether a pairwise message's MIC verifies for its receiver: one PMK, the bytes as sent. */
static bool mic_ok(const struct scene *sc, const struct sc_tx *tx)
{
	return memcmp(sc->pmk, sc->sta_pmk, 32) == 0 && !tx->flip && !tx->trailing;
}

/* The frame n of a step, told to the daemons' logs; n again. */
static uint64_t sent(struct scene *sc, int msg, uint64_t n, const struct sc_tx *tx, uint64_t rc,
		     bool ok)
{
	sc_alog_sent(sc, msg, n, tx, rc, ok);
	return n;
}

uint64_t sc_m1(struct scene *sc, const struct sc_tx *tx)
{
	struct fw_enc_key k;
	struct fw_sbuf kd;
	uint8_t pmkid[16];

	key_init(sc, &k, FW_KI_PAIRWISE | FW_KI_ACK, ++sc->rc, true);
	k.key_len = (uint16_t)sc->tk_len;
	memcpy(k.nonce, sc->anonce, 32);
	if (tx->no_pmkid) {
		k.key_data_len = 0;
		return sent(sc, SC_M1, eapol(sc, &sc->ap, &k, NULL, tx), tx, sc->rc, true);
	} else if (tx->pmkid) {
		memcpy(pmkid, tx->pmkid, 16);
	} else if (sc->params.pmkid_checkable) {
		int err = fw_pmkid(sc->params.pmkid_hash, sc->pmk, 32, sc->ap.addr, sc->sta.addr,
				   pmkid);

		if (err) {
			sc_fail(sc, err, "computing the PMKID");
			return 0;
		}
	} else {
		/* SAE: the PMKID comes from the commit exchange */
		fw_rng_fill(&sc->rng, pmkid, sizeof(pmkid));
	}
	fw_sb_init(&kd);
	kde(&kd, 4, pmkid, sizeof(pmkid));
	k.key_data = kd.b;
	k.key_data_len = kd.len;
	return sent(sc, SC_M1, eapol(sc, &sc->ap, &k, NULL, tx), tx, sc->rc, true);
}

uint64_t sc_m2(struct scene *sc, const struct sc_tx *tx)
{
	struct fw_enc_key k;
	struct fw_sbuf kd;
	struct fw_ptk ptk;
	const uint8_t *anonce = tx->anonce ? tx->anonce : sc->anonce;
	uint64_t n;

	if (derive(sc, sc->sta_pmk, anonce, &ptk))
		return 0;
	key_init(sc, &k, FW_KI_PAIRWISE | FW_KI_MIC, answer_rc(sc, tx), false);
	memcpy(k.nonce, sc->snonce, 32);
	fw_sb_init(&kd);
	rsne_of(sc, &kd, sc->cipher);
	k.key_data = kd.b;
	k.key_data_len = kd.len;
	n = eapol(sc, &sc->sta, &k, &ptk, tx);
	fw_ptk_wipe(&ptk);
	return sent(sc, SC_M2, n, tx, answer_rc(sc, tx),
		    mic_ok(sc, tx) && memcmp(anonce, sc->anonce, 32) == 0);
}

uint64_t sc_m3(struct scene *sc, const struct sc_tx *tx)
{
	struct fw_enc_key k;
	struct fw_sbuf plain;
	uint8_t wrapped[128];
	size_t wlen;
	int err;

	if (derive(sc, sc->pmk, sc->anonce, &sc->ap.ptk))
		return 0;
	sc->rc = tx->rc_set ? tx->rc : sc->rc + 1;
	key_init(sc, &k, FW_KI_PAIRWISE | FW_KI_INSTALL | FW_KI_ACK | FW_KI_MIC | FW_KI_SECURE |
			 FW_KI_ENC_KEY_DATA, sc->rc, true);
	k.key_len = (uint16_t)sc->tk_len;
	memcpy(k.nonce, sc->anonce, 32);
	fw_sb_init(&plain);
	rsne_of(sc, &plain, tx->rsne_pairwise ? tx->rsne_pairwise : sc->cipher);
	gtk_kde(sc, &plain);
	err = wrap_keydata(sc, &sc->ap.ptk, &plain, wrapped, &wlen);
	if (err) {
		sc_fail(sc, err, "wrapping the Key Data of msg 3/4");
		return 0;
	}
	k.key_data = wrapped;
	k.key_data_len = wlen;
	return sent(sc, SC_M3, eapol(sc, &sc->ap, &k, &sc->ap.ptk, tx), tx, sc->rc, mic_ok(sc, tx));
}

uint64_t sc_m4(struct scene *sc, const struct sc_tx *tx)
{
	struct fw_enc_key k;
	struct fw_ptk ptk;
	uint64_t n;

	if (derive(sc, sc->sta_pmk, sc->anonce, &ptk))
		return 0;
	key_init(sc, &k, FW_KI_PAIRWISE | FW_KI_MIC | FW_KI_SECURE, answer_rc(sc, tx), false);
	n = eapol(sc, &sc->sta, &k, &ptk, tx);
	fw_ptk_wipe(&ptk);
	return sent(sc, SC_M4, n, tx, answer_rc(sc, tx), mic_ok(sc, tx));
}

uint64_t sc_g1(struct scene *sc, const struct sc_tx *tx)
{
	struct fw_enc_key k;
	struct fw_sbuf plain;
	struct sc_tx t = *tx;
	uint8_t wrapped[64];
	size_t wlen;
	int err;

	fw_rng_fill(&sc->rng, sc->gtk, sizeof(sc->gtk));
	sc->gtk_keyid = sc->gtk_keyid == 1 ? 2 : 1;
	sc->group_pn = 0;
	key_init(sc, &k, FW_KI_ACK | FW_KI_MIC | FW_KI_SECURE | FW_KI_ENC_KEY_DATA, ++sc->rc, true);
	fw_sb_init(&plain);
	gtk_kde(sc, &plain);
	err = wrap_keydata(sc, &sc->ap.ptk, &plain, wrapped, &wlen);
	if (err) {
		sc_fail(sc, err, "wrapping the Key Data of group msg 1/2");
		return 0;
	}
	k.key_data = wrapped;
	k.key_data_len = wlen;
	t.protect = true;	/* the pairwise key is in place: EAPOL travels protected */
	return sent(sc, SC_G1, eapol(sc, &sc->ap, &k, &sc->ap.ptk, &t), &t, sc->rc,
		    !t.flip && !t.trailing);
}

uint64_t sc_g2(struct scene *sc, const struct sc_tx *tx)
{
	struct fw_enc_key k;
	struct sc_tx t = *tx;

	key_init(sc, &k, FW_KI_MIC | FW_KI_SECURE, answer_rc(sc, tx), false);
	t.protect = true;
	return sent(sc, SC_G2, eapol(sc, &sc->sta, &k, &sc->sta.ptk, &t), &t, answer_rc(sc, tx),
		    !t.flip && !t.trailing);
}

uint64_t sc_retransmit(struct scene *sc, uint64_t n, bool acked)
{
	struct sc_frame f;
	struct sc_party *p;
	uint64_t m;

	if (sc->err)
		return 0;
	if (n == 0 || n > sc->n_frames) {
		sc_fail(sc, FW_EINVAL, "retransmission of a frame that does not exist");
		return 0;
	}
	f = sc->frames[n - 1];
	p = memcmp(f.b + 10, sc->ap.addr, 6) == 0 ? &sc->ap : &sc->sta;
	f.b[1] |= FW_FC_RETRY >> 8;
	sc_wait_us(sc, 60);	/* backoff */
	m = emit(sc, p, f.b, f.len, f.radio.rate_500k);
	if (acked)
		ack(sc, p, f.radio.rate_500k);
	return m;
}

uint16_t sc_inet_csum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* IPv4 + ICMP echo between 192.168.1.100 (station) and 192.168.1.1 (behind the AP). */
uint64_t sc_ping(struct scene *sc, bool from_ap, bool acked)
{
	struct fw_sbuf s;
	size_t ip, icmp;
	uint8_t sta_ip[4] = { 192, 168, 1, 100 }, gw_ip[4] = { 192, 168, 1, 1 };
	uint16_t id = ++sc->ip_id;

	fw_sb_init(&s);
	fw_enc_llc(&s, ETH_IPV4);
	ip = s.len;
	fw_sb_u8(&s, 0x45);
	fw_sb_u8(&s, 0);
	fw_sb_be16(&s, 20 + 8 + 32);
	fw_sb_be16(&s, id);
	fw_sb_be16(&s, 0x4000);		/* don't fragment */
	fw_sb_u8(&s, 64);
	fw_sb_u8(&s, 1);		/* ICMP */
	fw_sb_be16(&s, 0);
	fw_sb_put(&s, from_ap ? gw_ip : sta_ip, 4);
	fw_sb_put(&s, from_ap ? sta_ip : gw_ip, 4);
	icmp = s.len;
	fw_sb_u8(&s, from_ap ? 0 : 8);	/* echo reply / request */
	fw_sb_u8(&s, 0);
	fw_sb_be16(&s, 0);
	fw_sb_be16(&s, 0x4677);		/* identifier */
	fw_sb_be16(&s, (uint16_t)((id + 1) / 2));
	for (int i = 0; i < 32; i++)
		fw_sb_u8(&s, (uint8_t)(0x20 + i));
	if (!fw_sb_ok(&s)) {
		sc_fail(sc, FW_ERANGE, "ping");
		return 0;
	}
	fw_sb_set_be16(&s, ip + 10, sc_inet_csum(s.b + ip, 20));
	fw_sb_set_be16(&s, icmp + 2, sc_inet_csum(s.b + icmp, s.len - icmp));
	return data(sc, from_ap ? &sc->ap : &sc->sta, s.b, s.len, true, acked, RATE_DATA);
}

/* An ARP request from 192.168.1.1 to everyone, protected with the GTK. */
uint64_t sc_group_data(struct scene *sc)
{
	struct fw_sbuf h, b;
	uint8_t out[SC_FRAME_MAX];
	size_t out_len;
	static const uint8_t zero[6] = { 0 };
	uint8_t sta_ip[4] = { 192, 168, 1, 100 }, gw_ip[4] = { 192, 168, 1, 1 };
	int err;

	if (sc->err)
		return 0;
	fw_sb_init(&h);
	fw_enc_hdr3(&h, FW_FC_DATA | FW_FC_FROM_DS | FW_FC_PROTECTED, 0, bcast, sc->ap.addr,
		    sc->ap.addr, ++sc->ap.seq);
	fw_sb_init(&b);
	fw_enc_llc(&b, ETH_ARP);
	fw_sb_be16(&b, 1);		/* Ethernet */
	fw_sb_be16(&b, ETH_IPV4);
	fw_sb_u8(&b, 6);
	fw_sb_u8(&b, 4);
	fw_sb_be16(&b, 1);		/* request */
	fw_sb_put(&b, sc->ap.addr, 6);
	fw_sb_put(&b, gw_ip, 4);
	fw_sb_put(&b, zero, 6);
	fw_sb_put(&b, sta_ip, 4);
	err = fw_aead_encrypt(sc->cipher, sc->gtk, sizeof(sc->gtk), h.b, h.len, ++sc->group_pn,
			      sc->gtk_keyid, b.b, b.len, out, &out_len);
	if (err) {
		sc_fail(sc, err, "encrypting a group frame");
		return 0;
	}
	return emit(sc, &sc->ap, out, out_len, RATE_DATA);
}

uint64_t sc_eapol_pdu(struct scene *sc, bool from_ap, const uint8_t *pdu, size_t len)
{
	struct fw_sbuf s;

	fw_sb_init(&s);
	fw_enc_llc(&s, ETH_EAPOL);
	fw_sb_put(&s, pdu, len);
	if (!fw_sb_ok(&s)) {
		sc_fail(sc, FW_ERANGE, "EAPOL frame");
		return 0;
	}
	return data(sc, from_ap ? &sc->ap : &sc->sta, s.b, s.len, false, true, RATE_MGMT);
}

uint64_t sc_wired_frame(struct scene *sc, const uint8_t *frame, size_t len)
{
	struct sc_frame *f;

	if (sc->err)
		return 0;
	if (!sc->wired || sc->n_wired >= SC_MAX_FRAMES || len > SC_FRAME_MAX) {
		sc_fail(sc, FW_ERANGE, "wired side too long");
		return 0;
	}
	sc_wait_us(sc, 10);	/* a few microseconds on the wire and through the stack */
	f = &sc->wired[sc->n_wired++];
	memset(f, 0, sizeof(*f));
	f->ts_ns = sc->t;
	f->len = len;
	memcpy(f->b, frame, len);
	return sc->n_wired;
}

static uint64_t deauth(struct scene *sc, bool from_ap, uint16_t reason, bool forged)
{
	struct fw_sbuf b;
	uint64_t n;

	fw_sb_init(&b);
	fw_sb_le16(&b, reason);
	n = mgmt(sc, from_ap ? &sc->ap : &sc->sta, FW_FC_DEAUTH, &b);
	sc_alog_deauth(sc, from_ap, false, forged, reason, n);
	return n;
}

uint64_t sc_deauth(struct scene *sc, bool from_ap, uint16_t reason)
{
	return deauth(sc, from_ap, reason, false);
}

uint64_t sc_deauth_forged(struct scene *sc, bool from_ap, uint16_t reason)
{
	return deauth(sc, from_ap, reason, true);
}

/* A management frame from p protected with its installed TK; acknowledged. */
static uint64_t mgmt_protected(struct scene *sc, struct sc_party *p, uint16_t fc,
			       const struct fw_sbuf *body)
{
	struct fw_sbuf h;
	uint8_t out[SC_FRAME_MAX];
	size_t out_len;
	uint64_t n;
	int err;

	if (sc->err)
		return 0;
	if (!p->installed) {
		sc_fail(sc, FW_EINVAL, "protected frame before the key was installed");
		return 0;
	}
	fw_sb_init(&h);
	fw_enc_hdr3(&h, (uint16_t)(fc | FW_FC_PROTECTED), 314, peer(sc, p)->addr, p->addr,
		    sc->ap.addr, ++p->seq);
	if (!fw_sb_ok(&h) || h.len + 8 + body->len + 16 > sizeof(out)) {
		sc_fail(sc, FW_ERANGE, "protected management frame");
		return 0;
	}
	err = fw_aead_encrypt(sc->cipher, p->ptk.tk, p->ptk.tk_len, h.b, h.len, ++p->pn, 0,
			      body->b, body->len, out, &out_len);
	if (err) {
		sc_fail(sc, err, "encrypting a management frame");
		return 0;
	}
	n = emit(sc, p, out, out_len, RATE_MGMT);
	ack(sc, p, RATE_MGMT);
	return n;
}

uint64_t sc_deauth_protected(struct scene *sc, bool from_ap, uint16_t reason)
{
	struct fw_sbuf b;
	uint64_t n;

	fw_sb_init(&b);
	fw_sb_le16(&b, reason);
	n = mgmt_protected(sc, from_ap ? &sc->ap : &sc->sta, FW_FC_DEAUTH, &b);
	sc_alog_deauth(sc, from_ap, true, false, reason, n);
	return n;
}

uint64_t sc_sa_query(struct scene *sc, bool from_ap, bool response, const uint8_t tid[2])
{
	struct fw_sbuf b;
	uint64_t n;

	fw_sb_init(&b);
	fw_sb_u8(&b, 8);	/* category: SA Query */
	fw_sb_u8(&b, response ? 1 : 0);
	fw_sb_put(&b, tid, 2);
	n = mgmt_protected(sc, from_ap ? &sc->ap : &sc->sta, FW_FC_ACTION, &b);
	sc_alog_sa_query(sc, from_ap, response, tid, n);
	return n;
}

void sc_install(struct scene *sc, struct sc_party *p)
{
	if (derive(sc, is_ap(sc, p) ? sc->pmk : sc->sta_pmk, sc->anonce, &p->ptk))
		return;
	p->installed = true;
	p->pn = 0;
	sc_alog_install(sc, p);
}

void sc_new_snonce(struct scene *sc)
{
	fw_rng_fill(&sc->rng, sc->snonce, 32);
}

void sc_new_anonce(struct scene *sc)
{
	fw_rng_fill(&sc->rng, sc->anonce, 32);
	sc_alog_anonce(sc);
}

void sc_move(struct scene *sc, uint64_t from, uint64_t to)
{
	struct sc_frame f;

	if (sc->err)
		return;
	if (!from || !to || from > sc->n_frames || to > sc->n_frames) {
		sc_fail(sc, FW_EINVAL, "moving a frame that does not exist");
		return;
	}
	f = sc->frames[from - 1];
	if (from > to)
		memmove(&sc->frames[to], &sc->frames[to - 1], (from - to) * sizeof(f));
	else
		memmove(&sc->frames[from - 1], &sc->frames[from], (to - from) * sizeof(f));
	sc->frames[to - 1] = f;
}

void sc_drop(struct scene *sc, uint64_t n)
{
	if (sc->err)
		return;
	if (!n || n > sc->n_frames) {
		sc_fail(sc, FW_EINVAL, "dropping a frame that does not exist");
		return;
	}
	memmove(&sc->frames[n - 1], &sc->frames[n], (sc->n_frames - n) * sizeof(sc->frames[0]));
	sc->n_frames--;
}

void sc_expect(struct scene *sc, const char *code, uint64_t frame)
{
	struct fw_synth_result *r = sc->res;

	if (sc->err)
		return;
	if (r->n_expect >= FW_SYNTH_MAX_EXPECT) {
		sc_fail(sc, FW_ERANGE, "too many expectations");
		return;
	}
	r->expect[r->n_expect].code = code;
	r->expect[r->n_expect].frame = frame;
	r->n_expect++;
}

void sc_expect_confirmed(struct scene *sc, const char *code, uint64_t frame)
{
	size_t n = sc->res->n_expect;

	sc_expect(sc, code, frame);
	if (sc->res->n_expect > n)
		sc->res->expect[n].confirmed = sc->o->logs;
}

void sc_expect_log(struct scene *sc, const char *code, uint64_t frame)
{
	if (sc->o->logs)
		sc_expect(sc, code, frame);
}

void sc_complete(struct scene *sc, unsigned n)
{
	sc->res->complete = n;
}

uint64_t sc_m1_m2(struct scene *sc, const struct sc_tx *m1, const struct sc_tx *m2)
{
	sc_m1(sc, m1);
	sc_wait_us(sc, 2500);
	return sc_m2(sc, m2);
}

void sc_m3_m4(struct scene *sc)
{
	static const struct sc_tx tx;

	sc_wait_us(sc, 900);
	sc_m3(sc, &tx);
	sc_wait_us(sc, 1100);
	sc_m4(sc, &tx);
	sc_install(sc, &sc->sta);
	sc_install(sc, &sc->ap);
}

void sc_handshake(struct scene *sc)
{
	static const struct sc_tx tx;

	sc_m1_m2(sc, &tx, &tx);
	sc_m3_m4(sc);
}

void sc_traffic(struct scene *sc)
{
	sc_wait_us(sc, 30000);
	sc_ping(sc, false, true);
	sc_wait_us(sc, 400);
	sc_ping(sc, true, true);
}
