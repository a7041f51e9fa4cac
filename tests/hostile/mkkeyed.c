/*
 * mkkeyed.c - one link of many complete handshakes whose MICs all verify
 * with a known passphrase, so that every per-message path of a keyed link
 * runs (nonce candidates, verified PTKs, replay-counter pairing, the key
 * model's 4/4 acceptance); the shapes are each walk's worst case:
 *   mkkeyed OUT COUNT [SHAPE]
 *     plain     COUNT handshakes M1..M4, fresh nonces, increasing replay
 *               counters (a station re-keying all day)
 *     reuse     the AP and the station alternate between two ANonces and
 *               two SNonces: fewer distinct nonces than a message's
 *               candidate list holds, so a walk for them never stops early
 *     samerc    every handshake begins again at replay counter 1 (a station
 *               re-associating each time): every request shares a counter
 *     badm4     every 4/4 carries a MIC no key verifies: each is tried with
 *               every PTK the link verified
 *     group     after each 4-way handshake a group-key handshake (G1/G2
 *               in the clear): each is tried with the PTKs verified before
 *     assoc     an association request before each handshake: the AP drops
 *               its key, and each 4/4 asks which 3/4s it answers
 *     m4nonce   msg 4/4 carries the SNonce (some stacks do): told from a 2/4
 *               by the replay counters of the link's 1/4s and 3/4s
 *     late      msg 1/4 again and again, each with a new ANonce and counter,
 *               each followed by a msg 2/4 answering the first one (counter
 *               1, its ANonce): every answer joins the first handshake, at
 *               the end of the link
 *     m1run     one handshake: COUNT msg 1/4 (one ANonce, counters 1 up),
 *               then COUNT msg 2/4 answering them in turn (each request
 *               COUNT messages back), then 3/4 and 4/4
 *     lowrc     one handshake: msg 1/4 at counter COUNT + 1, COUNT 1/4s
 *               below it (none supersedes it), then COUNT 2/4s echoing the
 *               first, then 3/4 and 4/4
 * Passphrase "budget passphrase", SSID "budget"; PSK, CCMP, key descriptor
 * version 2 (HMAC-SHA1 MIC, AES key wrap).  Layouts: radiotap
 * (radiotap.org), IEEE 802.11-2020 9.3.2.1 (data frame), 9.3.3.3 (beacon),
 * 9.3.3.6 (association request), 12.7.2 (EAPOL-Key, KDEs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/writer.h"
#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/keywrap.h"
#include "crypto/mic.h"
#include "crypto/ptk.h"

#include "mkframe.h"

#define T0 1700000000000000000LL
#define PASSPHRASE "budget passphrase"
#define SSID "budget"

static struct fw_pcap_writer *w;
static int64_t ts = T0;
static uint16_t seq_ap, seq_sta;
static uint8_t pmk[32];
static struct fw_akm_params params;

static const uint8_t ap[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t sta[6] = { 0x02, 0x00, 0x00, 0x01, 0x00, 0x00 };

static void die(const char *what)
{
	fprintf(stderr, "mkkeyed: %s\n", what);
	exit(2);
}

static void put(const uint8_t *p, size_t n)
{
	ts += 1000000;	/* 1 ms apart */
	if (fw_pcap_writer_write(w, ts, p, (uint32_t)n, (uint32_t)n) != 0)
		die("write failed");
}

/* association request from the station, with the SSID and the RSNE */
static size_t assoc_req(uint8_t *p)
{
	size_t n = mk_radiotap(p), l = strlen(SSID);
	uint8_t *b = p + n;

	memset(b, 0, 28);
	b[0] = 0x00;			/* management, association request */
	memcpy(b + 4, ap, 6);
	memcpy(b + 10, sta, 6);
	memcpy(b + 16, ap, 6);
	mk_le16(b + 22, (uint16_t)(++seq_sta << 4));
	mk_le16(b + 24, 0x0011);	/* ESS, privacy */
	mk_le16(b + 26, 10);		/* listen interval */
	n = 28;
	b[n++] = 0;
	b[n++] = (uint8_t)l;
	memcpy(b + n, SSID, l);
	n += l;
	memcpy(b + n, mk_rsne_psk_ccmp, sizeof(mk_rsne_psk_ccmp));
	n += sizeof(mk_rsne_psk_ccmp);
	return 8 + n;
}

struct key {
	uint16_t key_info;
	uint64_t rc;
	const uint8_t *nonce;	/* NULL: zero */
	const uint8_t *kd;
	size_t kd_len;
	const struct fw_ptk *ptk;	/* NULL: no MIC */
	bool bad_mic;
};

/* An EAPOL-Key frame in a data frame between the link's two sides. */
static size_t eapol_key(uint8_t *p, bool from_ap, const struct key *k)
{
	static const uint8_t llc[8] = { 0xaa, 0xaa, 0x03, 0, 0, 0, 0x88, 0x8e };
	size_t n = mk_radiotap(p), body = 95 + k->kd_len;
	uint8_t *f = p + n, *e;

	memset(f, 0, 24 + 8 + 4 + body);
	f[0] = 0x08;			/* data */
	f[1] = from_ap ? 0x02 : 0x01;	/* From DS / To DS */
	memcpy(f + 4, from_ap ? sta : ap, 6);
	memcpy(f + 10, from_ap ? ap : sta, 6);
	memcpy(f + 16, ap, 6);
	mk_le16(f + 22, (uint16_t)((from_ap ? ++seq_ap : ++seq_sta) << 4));
	memcpy(f + 24, llc, 8);
	e = f + 32;
	e[0] = 2;
	e[1] = 3;
	mk_be16(e + 2, (uint16_t)body);
	e[4] = 2;			/* RSN key descriptor */
	mk_be16(e + 5, k->key_info);
	mk_be16(e + 7, (k->key_info & 0x0080) && (k->key_info & 0x0008) ? 16 : 0);
	for (int i = 0; i < 8; i++)
		e[9 + i] = (uint8_t)(k->rc >> (56 - 8 * i));
	if (k->nonce)
		memcpy(e + 17, k->nonce, 32);
	mk_be16(e + 97, (uint16_t)k->kd_len);
	if (k->kd_len)
		memcpy(e + 99, k->kd, k->kd_len);
	if (k->ptk) {
		if (fw_mic_compute(params.mic, k->ptk->kck, k->ptk->kck_len, e, 4 + body, e + 81,
				   params.mic_len) != 0)
			die("MIC failed");
		if (k->bad_mic)
			e[81] ^= 0x01;
	}
	return n + 24 + 8 + 4 + body;
}

/* The nonces of handshake h: fresh, or one of two (reuse). */
static void nonce(uint8_t out[32], unsigned long h, uint8_t side, bool reuse)
{
	unsigned long v = reuse ? h % 2 : h;

	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)((v >> (8 * (i & 3))) ^ side ^ (i * 7));
}

/* M3's Key Data: the RSNE and a GTK KDE (12.7.2, Table 12-9), padded (dd 00...) and wrapped. */
static size_t m3_keydata(uint8_t *out, const struct fw_ptk *ptk, unsigned long h)
{
	uint8_t plain[48];
	size_t n = 0;

	memcpy(plain, mk_rsne_psk_ccmp, sizeof(mk_rsne_psk_ccmp));
	n = sizeof(mk_rsne_psk_ccmp);
	plain[n++] = 0xdd;
	plain[n++] = 22;
	plain[n++] = 0x00;
	plain[n++] = 0x0f;
	plain[n++] = 0xac;
	plain[n++] = 1;			/* GTK KDE */
	plain[n++] = 1;			/* key id 1, not Tx */
	plain[n++] = 0;
	for (int i = 0; i < 16; i++)
		plain[n++] = (uint8_t)(0x40 + i + h);
	plain[n++] = 0xdd;		/* padding */
	plain[n++] = 0;
	if (fw_aes_wrap(ptk->kek, ptk->kek_len, plain, n, out) != 0)
		die("key wrap failed");
	return n + 8;
}

/* Group 1/2: a GTK KDE wrapped; group 2/2: nothing. */
static size_t g1_keydata(uint8_t *out, const struct fw_ptk *ptk, unsigned long h)
{
	uint8_t plain[24];
	size_t n = 0;

	plain[n++] = 0xdd;
	plain[n++] = 22;
	plain[n++] = 0x00;
	plain[n++] = 0x0f;
	plain[n++] = 0xac;
	plain[n++] = 1;
	plain[n++] = 2;			/* key id 2 */
	plain[n++] = 0;
	for (int i = 0; i < 16; i++)
		plain[n++] = (uint8_t)(0x80 + i + h);
	if (fw_aes_wrap(ptk->kek, ptk->kek_len, plain, n, out) != 0)
		die("key wrap failed");
	return n + 8;
}

/* m1run and lowrc: one handshake of many requests and answers (the comment above). */
static void one_run(uint8_t *f, uint8_t *kd, unsigned long count, bool lowrc)
{
	uint8_t an[32], sn[32];
	struct fw_ptk ptk;
	struct key k;

	nonce(an, 7, 0xa0, false);
	nonce(sn, 7, 0x50, false);
	if (fw_ptk_derive(&params, pmk, 32, ap, sta, an, sn, 16, &ptk) != 0)
		die("PTK derivation failed");
	if (lowrc) {
		k = (struct key){ 0x008a, count + 1, an, NULL, 0, NULL, false };
		put(f, eapol_key(f, true, &k));
	}
	for (unsigned long i = 1; i <= count; i++) {
		k = (struct key){ 0x008a, i, an, NULL, 0, NULL, false };
		put(f, eapol_key(f, true, &k));
	}
	for (unsigned long i = 1; i <= count; i++) {
		k = (struct key){ 0x010a, lowrc ? count + 1 : i, sn, mk_rsne_psk_ccmp, sizeof(mk_rsne_psk_ccmp), &ptk, false };
		put(f, eapol_key(f, false, &k));
	}
	k = (struct key){ 0x13ca, count + 2, an, kd, m3_keydata(kd, &ptk, 0), &ptk, false };
	put(f, eapol_key(f, true, &k));
	k = (struct key){ 0x030a, count + 2, NULL, NULL, 0, &ptk, false };
	put(f, eapol_key(f, false, &k));
	fw_ptk_wipe(&ptk);
}

int main(int argc, char **argv)
{
	char err[512];
	uint8_t f[512], kd[64], an[32], sn[32];
	const char *shape = argc > 3 ? argv[3] : "plain";
	unsigned long count;
	bool reuse, samerc, badm4, group, assoc, late, m4nonce, run;
	uint64_t rc = 0;

	if (argc < 3)
		die("usage: mkkeyed OUT COUNT "
		    "[plain|reuse|samerc|badm4|group|assoc|late|m4nonce|m1run|lowrc]");
	count = strtoul(argv[2], NULL, 10);
	reuse = strcmp(shape, "reuse") == 0;
	samerc = strcmp(shape, "samerc") == 0;
	badm4 = strcmp(shape, "badm4") == 0;
	group = strcmp(shape, "group") == 0;
	assoc = strcmp(shape, "assoc") == 0;
	late = strcmp(shape, "late") == 0;
	m4nonce = strcmp(shape, "m4nonce") == 0;
	run = strcmp(shape, "m1run") == 0 || strcmp(shape, "lowrc") == 0;
	if (!reuse && !samerc && !badm4 && !group && !assoc && !late && !m4nonce && !run &&
	    strcmp(shape, "plain") != 0)
		die("unknown shape");
	if (fw_psk_from_passphrase(PASSPHRASE, (const uint8_t *)SSID, strlen(SSID), pmk) != 0 ||
	    fw_akm_params(&params, 2, FW_AKM_PSK, 0) != 0)
		die("key derivation failed");
	if (fw_pcap_writer_open(&w, argv[1], 127, 65535, err, sizeof(err)) != 0)
		die(err);
	put(f, mk_beacon(f, ap, SSID));
	if (run)
		one_run(f, kd, count, strcmp(shape, "lowrc") == 0);
	for (unsigned long h = 0; !run && h < count; h++) {
		struct fw_ptk ptk;
		struct key k;

		if (late) {
			uint8_t first[32];

			nonce(first, 0, 0xa0, false);
			nonce(an, h, 0xa0, false);
			nonce(sn, h, 0x50, false);
			if (fw_ptk_derive(&params, pmk, 32, ap, sta, first, sn, 16, &ptk) != 0)
				die("PTK derivation failed");
			k = (struct key){ 0x008a, ++rc, an, NULL, 0, NULL, false };
			put(f, eapol_key(f, true, &k));
			k = (struct key){ 0x010a, 1, sn, mk_rsne_psk_ccmp, sizeof(mk_rsne_psk_ccmp), &ptk, false };
			put(f, eapol_key(f, false, &k));
			fw_ptk_wipe(&ptk);
			continue;
		}
		if (samerc || assoc)
			rc = 0;
		if (assoc)
			put(f, assoc_req(f));
		nonce(an, h, 0xa0, reuse);
		nonce(sn, h, 0x50, reuse);
		if (fw_ptk_derive(&params, pmk, 32, ap, sta, an, sn, 16, &ptk) != 0)
			die("PTK derivation failed");
		k = (struct key){ 0x008a, ++rc, an, NULL, 0, NULL, false };
		put(f, eapol_key(f, true, &k));
		k = (struct key){ 0x010a, rc, sn, mk_rsne_psk_ccmp, sizeof(mk_rsne_psk_ccmp), &ptk, false };
		put(f, eapol_key(f, false, &k));
		k = (struct key){ 0x13ca, ++rc, an, kd, m3_keydata(kd, &ptk, h), &ptk, false };
		put(f, eapol_key(f, true, &k));
		k = (struct key){ 0x030a, rc, m4nonce ? sn : NULL, NULL, 0, &ptk, badm4 };
		put(f, eapol_key(f, false, &k));
		if (group) {
			k = (struct key){ 0x1382, ++rc, NULL, kd, g1_keydata(kd, &ptk, h), &ptk, false };
			put(f, eapol_key(f, true, &k));
			k = (struct key){ 0x0302, rc, NULL, NULL, 0, &ptk, false };
			put(f, eapol_key(f, false, &k));
		}
		ts += 8000000;	/* the next handshake 8 ms later */
		fw_ptk_wipe(&ptk);
	}
	if (fw_pcap_writer_close(w) != 0)
		die("close failed");
	return 0;
}
