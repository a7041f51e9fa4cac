/*
 * test_synth.c - the synthesizer's encoder, checked against the project's
 * decoder and crypto stage and against layouts from the standard:
 *   - every frame of every scenario decodes cleanly, under every link type;
 *   - the fields decode back to what the scenario sent (SSID, RSNE, key
 *     information, replay counters, nonces, radio fields);
 *   - the MICs verify and the GTK unwraps with a PTK derived here, from the
 *     passphrase (PBKDF2) and the nonces read back from the frames;
 *   - the protected data frames decrypt with fw_aead_decrypt (CCMP, GCMP)
 *     and their packet numbers count per transmitter;
 *   - same seed same bytes, another seed other nonces and addresses.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/aead.h"
#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/keywrap.h"
#include "crypto/mic.h"
#include "crypto/ptk.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "synth/enc.h"
#include "synth/synth.h"
#include "util/cursor.h"
#include "util/err.h"
#include "util/mac.h"

#define MAXF 128

struct cap {
	size_t n;
	int64_t ts[MAXF];
	size_t len[MAXF];
	uint8_t b[MAXF][700];
};

static int mem_sink(void *ctx, int64_t ts_ns, const uint8_t *data, size_t len)
{
	struct cap *c = ctx;

	if (c->n >= MAXF || len > sizeof(c->b[0]))
		return FW_ERANGE;
	c->ts[c->n] = ts_ns;
	c->len[c->n] = len;
	memcpy(c->b[c->n], data, len);
	c->n++;
	return 0;
}

static struct cap *run(const struct fw_synth_opts *o, const char *name, struct fw_synth_result *res)
{
	struct cap *c = calloc(1, sizeof(*c));
	char err[256];
	int rc;

	ck_assert_ptr_nonnull(c);
	rc = fw_synth_run(o, name, mem_sink, c, res, err, sizeof(err));
	ck_assert_msg(rc == 0, "%s: %s", name, err);
	ck_assert_uint_eq(res->frames, c->n);
	return c;
}

static void decode(const struct cap *c, size_t i, int linktype, struct fw_frame *f)
{
	int rc = fw_frame_decode(f, linktype, c->b[i], c->len[i]);

	ck_assert_msg(rc == 0, "frame %zu: %s at %s", i + 1, fw_strerror(rc),
		      f->err_field ? f->err_field : "?");
}

/* The known layout of an RSNE for CCMP/CCMP/PSK, capabilities 0 (9.4.2.24). */
START_TEST(rsne_layout)
{
	static const uint8_t want[] = {
		0x30, 0x14, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x04, 0x01, 0x00, 0x00, 0x0f,
		0xac, 0x04, 0x01, 0x00, 0x00, 0x0f, 0xac, 0x02, 0x00, 0x00,
	};
	struct fw_enc_rsne r = { 4, 4, 2, 0, NULL };
	struct fw_sbuf s;

	fw_sb_init(&s);
	fw_enc_rsne(&s, &r);
	ck_assert(fw_sb_ok(&s));
	ck_assert_uint_eq(s.len, sizeof(want));
	ck_assert_mem_eq(s.b, want, sizeof(want));
}
END_TEST

/* ACK (14 bytes with FCS): 192 us preamble + 112 us at 1 Mb/s; 20 + 2 symbols at 24 Mb/s. */
START_TEST(airtime)
{
	ck_assert_uint_eq(fw_enc_airtime_us(14, 2), 304);
	ck_assert_uint_eq(fw_enc_airtime_us(14, 48), 28);
	ck_assert_uint_eq(fw_enc_airtime_us(100, 22), 192 + 73);
}
END_TEST

START_TEST(buffer_overflow)
{
	struct fw_sbuf s;
	uint8_t big[FW_SBUF_MAX];

	memset(big, 0, sizeof(big));
	fw_sb_init(&s);
	fw_sb_u8(&s, 1);
	fw_sb_put(&s, big, sizeof(big));
	ck_assert(!fw_sb_ok(&s));
	ck_assert_uint_eq(s.len, 1);
}
END_TEST

struct keys {
	uint8_t anonce[32], snonce[32];
	uint8_t aa[6], spa[6];
	struct fw_ptk ptk;
	struct fw_akm_params p;
};

/* Decode clean's frames, check what each is, and derive the PTK from what was read. */
static void check_clean(const struct fw_synth_opts *o, uint8_t akm, uint8_t ver, size_t n_auth)
{
	struct fw_synth_result res;
	struct cap *c = run(o, "clean", &res);
	struct fw_frame f;
	struct fw_ie ie;
	struct fw_rsne r;
	struct keys k;
	uint8_t pmk[32];
	int msg = 0, n_prot = 0, n_ack = 0;
	uint64_t last_pn_sta = 0, last_pn_ap = 0;

	memset(&k, 0, sizeof(k));
	ck_assert_int_eq(fw_akm_params(&k.p, ver, akm, 19), 0);
	if (o->akm == FW_SYNTH_SAE_PMK)
		memcpy(pmk, o->pmk, 32);
	else
		ck_assert_int_eq(fw_psk_from_passphrase(o->passphrase, (const uint8_t *)o->ssid,
							strlen(o->ssid), pmk), 0);
	/* beacon */
	decode(c, 0, o->linktype, &f);
	ck_assert_int_eq(f.kind, FW_KIND_BEACON);
	ck_assert(fw_ie_find(f.ies, f.ies_len, FW_EID_SSID, 0, &ie));
	ck_assert_uint_eq(ie.len, strlen(o->ssid));
	ck_assert_mem_eq(ie.data, o->ssid, ie.len);
	ck_assert(fw_ie_find(f.ies, f.ies_len, FW_EID_RSN, 0, &ie));
	ck_assert_int_eq(fw_rsne_parse(&r, ie.data, ie.len, false), 0);
	ck_assert_uint_eq(r.n_pairwise, 1);
	ck_assert_uint_eq(r.pairwise[0], FW_SUITE(FW_OUI_IEEE, o->cipher));
	ck_assert_uint_eq(r.akm[0], FW_SUITE(FW_OUI_IEEE, akm));
	memcpy(k.aa, f.ta, 6);
	if (o->linktype != FW_DLT_IEEE802_11) {
		ck_assert(f.radio.has_rate);
		ck_assert_uint_eq(f.radio.rate_kbps, 1000);
		ck_assert(f.radio.has_freq);
		ck_assert_uint_eq(f.radio.freq_mhz, 2412);
		ck_assert(f.radio.has_signal);
		ck_assert_int_eq(f.radio.signal_dbm, -38);
	}
	/* authentication, association: each answered by an ACK to its sender */
	for (size_t i = 1; i < 1 + 2 * n_auth; i += 2) {
		decode(c, i, o->linktype, &f);
		ck_assert_int_eq(f.kind, FW_KIND_AUTH);
		ck_assert_uint_eq(f.auth_alg, o->akm == FW_SYNTH_SAE_PMK ? 3 : 0);
		if (o->akm == FW_SYNTH_SAE_PMK && f.auth_seq == 1)
			ck_assert_uint_eq(f.sae_group, 19);
		decode(c, i + 1, o->linktype, &f);
		ck_assert_int_eq(f.kind, FW_KIND_ACK);
	}
	decode(c, 1 + 2 * n_auth, o->linktype, &f);
	ck_assert_int_eq(f.kind, FW_KIND_ASSOC_REQ);
	memcpy(k.spa, f.ta, 6);
	ck_assert(fw_ie_find(f.ies, f.ies_len, FW_EID_RSN, 0, &ie));
	decode(c, 3 + 2 * n_auth, o->linktype, &f);
	ck_assert_int_eq(f.kind, FW_KIND_ASSOC_RESP);
	ck_assert_uint_eq(f.status_code, 0);

	for (size_t i = 0; i < c->n; i++) {
		struct fw_eapol_key_tail t;
		size_t hdr;

		decode(c, i, o->linktype, &f);
		if (i > 0)
			ck_assert_int_ge(c->ts[i], c->ts[i - 1]);
		if (f.kind == FW_KIND_ACK) {
			n_ack++;
			continue;
		}
		if (f.kind == FW_KIND_PROTECTED) {
			uint8_t plain[600];
			size_t plen;
			const uint8_t *mpdu = c->b[i] + f.radio.hdr_len;
			size_t mlen = c->len[i] - f.radio.hdr_len;
			bool from_sta = memcmp(f.ta, k.spa, 6) == 0;

			hdr = f.dot11.hdr_len;
			ck_assert(f.has_pn);
			ck_assert_uint_eq(f.pn, (from_sta ? last_pn_sta : last_pn_ap) + 1);
			if (from_sta)
				last_pn_sta = f.pn;
			else
				last_pn_ap = f.pn;
			ck_assert_int_eq(fw_aead_decrypt(o->cipher, k.ptk.tk, k.ptk.tk_len, mpdu, mlen,
							 hdr, plain, &plen), 0);
			ck_assert_uint_ge(plen, 8 + 20 + 8);
			ck_assert_mem_eq(plain, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
			ck_assert_uint_eq(plain[8 + 9], 1);		/* ICMP */
			ck_assert_uint_eq(plain[8 + 20], from_sta ? 8 : 0);	/* echo request / reply */
			/* a flipped ciphertext bit makes the MIC fail */
			{
				uint8_t bad[700];

				memcpy(bad, mpdu, mlen);
				bad[hdr + 8 + 3] ^= 0x40;
				ck_assert_int_eq(fw_aead_decrypt(o->cipher, k.ptk.tk, k.ptk.tk_len, bad,
								 mlen, hdr, plain, &plen), FW_EVERIFY);
			}
			n_prot++;
			continue;
		}
		if (!f.has_key)
			continue;
		msg++;
		ck_assert_int_eq(fw_eapol_key_split(&f.key, k.p.mic_len, &t), 0);
		ck_assert_uint_eq(f.key.version, ver);
		switch (msg) {
		case 1:
			ck_assert_uint_eq(f.key.key_info, 0x008a - 2 + ver);
			ck_assert_uint_eq(f.key.replay_counter, 1);
			memcpy(k.anonce, f.key.nonce, 32);
			ck_assert(fw_mac_eq(f.sa, k.aa));
			break;
		case 2:
			ck_assert_uint_eq(f.key.key_info, 0x010a - 2 + ver);
			ck_assert_uint_eq(f.key.replay_counter, 1);
			memcpy(k.snonce, f.key.nonce, 32);
			ck_assert_int_eq(fw_ptk_derive(&k.p, pmk, 32, k.aa, k.spa, k.anonce, k.snonce,
						       fw_cipher_tk_len(FW_SUITE(FW_OUI_IEEE, o->cipher)),
						       &k.ptk), 0);
			/* the station's RSNE in the clear */
			ck_assert_uint_eq(t.key_data_len, 22);
			ck_assert_uint_eq(t.key_data[0], 48);
			break;
		case 3: {
			uint8_t kd[256];
			struct fw_cursor cur;
			struct fw_kde kde;
			bool gtk = false;

			ck_assert_uint_eq(f.key.key_info, 0x13ca - 2 + ver);
			ck_assert_uint_eq(f.key.replay_counter, 2);
			ck_assert_mem_eq(f.key.nonce, k.anonce, 32);
			ck_assert_uint_eq(t.key_data_len % 8, 0);
			ck_assert_int_eq(fw_aes_unwrap(k.ptk.kek, k.ptk.kek_len, t.key_data,
						       t.key_data_len, kd), 0);
			fw_cur_init(&cur, kd, t.key_data_len - 8u);
			while (fw_kde_next(&cur, &kde) == 1)
				if (kde.is_kde && kde.type == FW_KDE_GTK) {
					ck_assert_uint_eq(kde.len, 18);
					ck_assert_uint_eq(kde.data[0] & 3, 1);
					gtk = true;
				}
			ck_assert(gtk);
			break;
		}
		case 4:
			ck_assert_uint_eq(f.key.key_info, 0x030a - 2 + ver);
			ck_assert_uint_eq(f.key.replay_counter, 2);
			break;
		default:
			ck_abort_msg("more than four EAPOL-Key messages");
		}
		if (msg > 1) {
			ck_assert_int_eq(fw_mic_verify(k.p.mic, k.ptk.kck, k.ptk.kck_len, f.eapol.start,
						       f.eapol.frame_len, f.key.mic_off, k.p.mic_len), 0);
		}
	}
	ck_assert_int_eq(msg, 4);
	ck_assert_int_eq(n_prot, 2);
	ck_assert_int_eq(n_ack, (int)(n_auth + 2 + 4 + 2));	/* every unicast frame */
	fw_ptk_wipe(&k.ptk);
	free(c);
}

/* PSK/CCMP, PSK-SHA256 (another passphrase and SSID), GCMP, SAE with a given PMK. */
static const struct {
	enum fw_synth_akm akm;
	uint8_t cipher, akm_type, ver;
	size_t n_auth;		/* authentication frames: open 2, SAE 4 */
} variants[] = {
	{ FW_SYNTH_PSK, FW_CIPHER_CCMP, FW_AKM_PSK, 2, 2 },
	{ FW_SYNTH_PSK_SHA256, FW_CIPHER_CCMP, FW_AKM_PSK_SHA256, 3, 2 },
	{ FW_SYNTH_PSK, FW_CIPHER_GCMP, FW_AKM_PSK, 2, 2 },
	{ FW_SYNTH_PSK_SHA256, FW_CIPHER_GCMP, FW_AKM_PSK_SHA256, 3, 2 },
	{ FW_SYNTH_SAE_PMK, FW_CIPHER_CCMP, FW_AKM_SAE, 0, 4 },
};

START_TEST(clean_variants)
{
	struct fw_synth_opts o;

	fw_synth_opts_init(&o);
	o.akm = variants[_i].akm;
	o.cipher = variants[_i].cipher;
	if (_i == 1) {
		o.passphrase = "another pass phrase";
		o.ssid = "x";
	}
	if (o.akm == FW_SYNTH_SAE_PMK) {
		o.has_pmk = true;
		for (int i = 0; i < 32; i++)
			o.pmk[i] = (uint8_t)(0xa0 + i);
	}
	check_clean(&o, variants[_i].akm_type, variants[_i].ver, variants[_i].n_auth);
}
END_TEST

static const int linktypes[] = {
	FW_DLT_IEEE802_11_RADIO, FW_DLT_IEEE802_11, FW_DLT_PRISM, FW_DLT_IEEE802_11_RADIO_AVS,
	FW_DLT_PPI,
};

/* The same scenario under every link type: the same 802.11 frames, the same radio facts. */
START_TEST(every_linktype)
{
	struct fw_synth_opts o;

	fw_synth_opts_init(&o);
	o.linktype = linktypes[_i];
	check_clean(&o, FW_AKM_PSK, 2, 2);
	if (o.linktype != FW_DLT_IEEE802_11_RADIO) {
		struct fw_synth_opts r;
		struct fw_synth_result ra, rb;
		struct cap *a, *b;

		fw_synth_opts_init(&r);
		a = run(&r, "clean", &ra);
		b = run(&o, "clean", &rb);
		ck_assert_uint_eq(a->n, b->n);
		for (size_t i = 0; i < a->n; i++) {
			struct fw_frame fa, fb;

			decode(a, i, r.linktype, &fa);
			decode(b, i, o.linktype, &fb);
			ck_assert_uint_eq(a->len[i] - fa.radio.hdr_len, b->len[i] - fb.radio.hdr_len);
			ck_assert_mem_eq(a->b[i] + fa.radio.hdr_len, b->b[i] + fb.radio.hdr_len,
					 a->len[i] - fa.radio.hdr_len);
			if (o.linktype == FW_DLT_IEEE802_11)
				continue;
			ck_assert_uint_eq(fa.radio.rate_kbps, fb.radio.rate_kbps);
			ck_assert_uint_eq(fa.radio.freq_mhz, fb.radio.freq_mhz);
			ck_assert_int_eq(fa.radio.signal_dbm, fb.radio.signal_dbm);
		}
		free(a);
		free(b);
	}
}
END_TEST

/* Every frame of every scenario decodes, under every AKM and cipher. */
START_TEST(every_scenario_decodes)
{
	static const struct { enum fw_synth_akm akm; uint8_t cipher; } v[] = {
		{ FW_SYNTH_PSK, FW_CIPHER_CCMP }, { FW_SYNTH_PSK_SHA256, FW_CIPHER_GCMP },
		{ FW_SYNTH_SAE_PMK, FW_CIPHER_CCMP },
	};
	size_t n = fw_synth_count();

	ck_assert_uint_ge(n, 20);
	ck_assert_ptr_null(fw_synth_get(n));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < sizeof(v) / sizeof(v[0]); j++) {
			struct fw_synth_opts o;
			struct fw_synth_result res;
			struct cap *c;
			struct fw_frame f;

			fw_synth_opts_init(&o);
			o.akm = v[j].akm;
			o.cipher = v[j].cipher;
			c = run(&o, fw_synth_get(i)->name, &res);
			for (size_t k = 0; k < c->n; k++)
				decode(c, k, o.linktype, &f);
			for (size_t e = 0; e < res.n_expect; e++)
				ck_assert_uint_le(res.expect[e].frame, c->n);
			ck_assert(strncmp(res.key_line, "key ", 4) == 0);
			free(c);
		}
}
END_TEST

START_TEST(same_seed_same_bytes)
{
	struct fw_synth_opts o;
	struct fw_synth_result ra, rb, rc;
	struct cap *a, *b, *c;
	struct fw_frame fa, fc;

	fw_synth_opts_init(&o);
	o.seed = 77;
	a = run(&o, "m4-lost", &ra);
	b = run(&o, "m4-lost", &rb);
	ck_assert_uint_eq(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		ck_assert_uint_eq(a->len[i], b->len[i]);
		ck_assert_mem_eq(a->b[i], b->b[i], a->len[i]);
		ck_assert_int_eq(a->ts[i], b->ts[i]);
	}
	o.seed = 78;
	c = run(&o, "m4-lost", &rc);
	ck_assert_uint_eq(a->n, c->n);
	decode(a, 9, o.linktype, &fa);	/* msg 1/4 */
	decode(c, 9, o.linktype, &fc);
	ck_assert(fa.has_key && fc.has_key);
	ck_assert(memcmp(fa.key.nonce, fc.key.nonce, 32) != 0);
	ck_assert(!fw_mac_eq(fa.sa, fc.sa));
	ck_assert(!fw_mac_eq(fa.da, fc.da));
	free(a);
	free(b);
	free(c);
}
END_TEST

/* The station's PNs: 1, 2, then 1 again after the 3/4 retry. */
START_TEST(key_reinstall_pn_restarts)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct cap *c;
	uint64_t pns[8];
	size_t n = 0;
	uint8_t sta[6];
	bool have_sta = false;

	fw_synth_opts_init(&o);
	c = run(&o, "key-reinstall", &res);
	for (size_t i = 0; i < c->n; i++) {
		struct fw_frame f;

		decode(c, i, o.linktype, &f);
		if (f.kind == FW_KIND_ASSOC_REQ) {
			memcpy(sta, f.ta, 6);
			have_sta = true;
		}
		if (f.kind == FW_KIND_PROTECTED && have_sta && fw_mac_eq(f.ta, sta) && n < 8)
			pns[n++] = f.pn;
	}
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(pns[0], 1);
	ck_assert_uint_eq(pns[1], 2);
	ck_assert_uint_eq(pns[2], 1);
	free(c);
}
END_TEST

/* m3-lost: the MAC retransmission repeats 3/4 with Retry and its sequence number; no ACK follows. */
START_TEST(m3_lost_retransmission)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct cap *c;
	struct fw_frame a, b, after;
	uint64_t m3;

	fw_synth_opts_init(&o);
	c = run(&o, "m3-lost", &res);
	ck_assert_uint_eq(res.n_expect, 1);
	m3 = res.expect[0].frame;
	decode(c, m3 - 1, o.linktype, &a);
	decode(c, m3, o.linktype, &b);
	decode(c, m3 + 1, o.linktype, &after);
	ck_assert(a.has_key && b.has_key);
	ck_assert(!a.dot11.retry && b.dot11.retry);
	ck_assert_uint_eq(a.dot11.seq, b.dot11.seq);
	ck_assert_uint_eq(a.key.replay_counter, b.key.replay_counter);
	ck_assert(after.has_key);		/* the EAPOL retry, not an ACK */
	ck_assert_uint_eq(after.key.replay_counter, a.key.replay_counter + 1);
	ck_assert_uint_ne(after.dot11.seq, a.dot11.seq);
	free(c);
}
END_TEST

/* early-key-install: the answers to the 3/4 retries are 4/4s inside frames protected with the TK. */
START_TEST(early_key_install_protected_m4)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct cap *c;
	struct fw_frame f, m1, m2;
	struct fw_akm_params p;
	struct fw_ptk ptk;
	uint8_t pmk[32], plain[600];
	size_t plen, n_m1 = 0, n_m2 = 0;
	uint64_t p1 = 0;

	memset(&m1, 0, sizeof(m1));
	memset(&m2, 0, sizeof(m2));
	fw_synth_opts_init(&o);
	c = run(&o, "early-key-install", &res);
	for (size_t e = 0; e < res.n_expect; e++)
		if (strcmp(res.expect[e].code, "EARLY_KEY_INSTALL") == 0)
			p1 = res.expect[e].frame;
	ck_assert_uint_ne(p1, 0);
	for (size_t i = 0; i < c->n; i++) {
		decode(c, i, o.linktype, &f);
		if (f.has_key && f.key.key_info == 0x008a && !n_m1++)
			m1 = f;
		if (f.has_key && f.key.key_info == 0x010a && !n_m2++)
			m2 = f;
	}
	ck_assert(n_m1 == 1 && n_m2 == 1);
	ck_assert_int_eq(fw_akm_params(&p, 2, FW_AKM_PSK, 0), 0);
	ck_assert_int_eq(fw_psk_from_passphrase(o.passphrase, (const uint8_t *)o.ssid,
						strlen(o.ssid), pmk), 0);
	ck_assert_int_eq(fw_ptk_derive(&p, pmk, 32, m1.sa, m1.da, m1.key.nonce, m2.key.nonce, 16,
				       &ptk), 0);
	decode(c, p1 - 1, o.linktype, &f);
	ck_assert_int_eq(f.kind, FW_KIND_PROTECTED);
	ck_assert_int_eq(fw_aead_decrypt(o.cipher, ptk.tk, ptk.tk_len, c->b[p1 - 1] + f.radio.hdr_len,
					 c->len[p1 - 1] - f.radio.hdr_len, f.dot11.hdr_len, plain,
					 &plen), 0);
	ck_assert_mem_eq(plain, "\xaa\xaa\x03\x00\x00\x00\x88\x8e", 8);
	/* inside: a 4/4 (key info 0x030a) whose MIC verifies with the same KCK */
	ck_assert_uint_eq(plain[8 + 5], 0x03);
	ck_assert_uint_eq(plain[8 + 6], 0x0a);
	ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, plain + 8, plen - 8, 81, 16), 0);
	fw_ptk_wipe(&ptk);
	free(c);
}
END_TEST

/* altered: the MIC of the flipped 2/4 fails, the retry's verifies; trailing-bytes: the MIC covers the declared length. */
START_TEST(altered_and_trailing)
{
	static const char *names[] = { "altered", "trailing-bytes" };

	for (int s = 0; s < 2; s++) {
		struct fw_synth_opts o;
		struct fw_synth_result res;
		struct cap *c;
		struct fw_akm_params p;
		struct fw_ptk ptk;
		uint8_t pmk[32], anonce[32];
		int verified = 0, failed = 0;

		fw_synth_opts_init(&o);
		c = run(&o, names[s], &res);
		ck_assert_int_eq(fw_akm_params(&p, 2, FW_AKM_PSK, 0), 0);
		ck_assert_int_eq(fw_psk_from_passphrase(o.passphrase, (const uint8_t *)o.ssid,
							strlen(o.ssid), pmk), 0);
		for (size_t i = 0; i < c->n; i++) {
			struct fw_frame f;

			decode(c, i, o.linktype, &f);
			if (!f.has_key)
				continue;
			if (f.key.key_info == 0x008a)
				memcpy(anonce, f.key.nonce, 32);
			if (f.key.key_info != 0x010a)
				continue;
			ck_assert_int_eq(fw_ptk_derive(&p, pmk, 32, f.da, f.sa, anonce, f.key.nonce, 16,
						       &ptk), 0);
			if (s == 1) {
				ck_assert_uint_eq(f.eapol.trailing, 4);
				/* over the whole frame it fails, over the declared length it verifies */
				ck_assert_int_eq(fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, f.eapol.start,
							       f.eapol.frame_len + 4, 81, 16), FW_EVERIFY);
			}
			if (fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, f.eapol.start, f.eapol.frame_len,
					  81, 16) == 0)
				verified++;
			else
				failed++;
			fw_ptk_wipe(&ptk);
		}
		ck_assert_int_eq(verified, s == 0 ? 1 : 2);
		ck_assert_int_eq(failed, s == 0 ? 1 : 0);
		free(c);
	}
}
END_TEST

START_TEST(bad_options)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct cap *c = calloc(1, sizeof(*c));
	char err[256];

	fw_synth_opts_init(&o);
	ck_assert_int_eq(fw_synth_run(&o, "no-such", mem_sink, c, &res, err, sizeof(err)),
			 FW_ENOTFOUND);
	ck_assert(strstr(err, "no-such") != NULL);
	o.passphrase = "short";
	ck_assert_int_eq(fw_synth_run(&o, "clean", mem_sink, c, &res, err, sizeof(err)), FW_EINVAL);
	fw_synth_opts_init(&o);
	o.linktype = FW_DLT_EN10MB;
	ck_assert_int_eq(fw_synth_run(&o, "clean", mem_sink, c, &res, err, sizeof(err)), FW_EINVAL);
	ck_assert_uint_eq(c->n, 0);
	free(c);
}
END_TEST

static Suite *synth_suite(void)
{
	Suite *s = suite_create("synth");
	TCase *tc = tcase_create("encoder");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, rsne_layout);
	tcase_add_test(tc, airtime);
	tcase_add_test(tc, buffer_overflow);
	tcase_add_loop_test(tc, clean_variants, 0, (int)(sizeof(variants) / sizeof(variants[0])));
	tcase_add_loop_test(tc, every_linktype, 0, (int)(sizeof(linktypes) / sizeof(linktypes[0])));
	tcase_add_test(tc, every_scenario_decodes);
	tcase_add_test(tc, same_seed_same_bytes);
	tcase_add_test(tc, key_reinstall_pn_restarts);
	tcase_add_test(tc, m3_lost_retransmission);
	tcase_add_test(tc, early_key_install_protected_m4);
	tcase_add_test(tc, altered_and_trailing);
	tcase_add_test(tc, bad_options);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(synth_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
