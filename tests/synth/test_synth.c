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
 *   - same seed same bytes, another seed other nonces and addresses;
 *   - the 802.1X scenarios' wired side decodes as RADIUS whose
 *     authenticators verify with the secret, relays the very EAP packets of
 *     the air, and hands over in its Access-Accepts the PMKs the air's MICs
 *     verify with, at the times each scenario is about.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run.h"
#include "../common/named.h"
#include "crypto/aead.h"
#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/keywrap.h"
#include "crypto/mic.h"
#include "crypto/ptk.h"
#include "crypto/radius.h"
#include "decode/frame.h"
#include "decode/ie.h"
#include "decode/radius.h"
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
static void check_clean(const char *what, const struct fw_synth_opts *o, uint8_t akm, uint8_t ver,
			size_t n_auth)
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
	tc_int_cmp(what, fw_akm_params(&k.p, ver, akm, 19), ==, 0);
	if (o->akm == FW_SYNTH_SAE_PMK)
		memcpy(pmk, o->pmk, 32);
	else
		tc_int_cmp(what, fw_psk_from_passphrase(o->passphrase,
				(const uint8_t *)o->ssid, strlen(o->ssid), pmk), ==, 0);
	/* beacon */
	decode(c, 0, o->linktype, &f);
	tc_int_cmp(what, f.kind, ==, FW_KIND_BEACON);
	tc_true(what, fw_ie_find(f.ies, f.ies_len, FW_EID_SSID, 0, &ie));
	tc_uint_cmp(what, ie.len, ==, strlen(o->ssid));
	tc_mem_eq(what, ie.data, o->ssid, ie.len);
	tc_true(what, fw_ie_find(f.ies, f.ies_len, FW_EID_RSN, 0, &ie));
	tc_int_cmp(what, fw_rsne_parse(&r, ie.data, ie.len, false), ==, 0);
	tc_uint_cmp(what, r.n_pairwise, ==, 1);
	tc_uint_cmp(what, r.pairwise[0], ==, FW_SUITE(FW_OUI_IEEE, o->cipher));
	tc_uint_cmp(what, r.akm[0], ==, FW_SUITE(FW_OUI_IEEE, akm));
	memcpy(k.aa, f.ta, 6);
	if (o->linktype != FW_DLT_IEEE802_11) {
		tc_true(what, f.radio.has_rate);
		tc_uint_cmp(what, f.radio.rate_kbps, ==, 1000);
		tc_true(what, f.radio.has_freq);
		tc_uint_cmp(what, f.radio.freq_mhz, ==, 2412);
		tc_true(what, f.radio.has_signal);
		tc_int_cmp(what, f.radio.signal_dbm, ==, -38);
	}
	/* authentication, association: each answered by an ACK to its sender */
	for (size_t i = 1; i < 1 + 2 * n_auth; i += 2) {
		decode(c, i, o->linktype, &f);
		tc_int_cmp(what, f.kind, ==, FW_KIND_AUTH);
		tc_uint_cmp(what, f.auth_alg, ==, o->akm == FW_SYNTH_SAE_PMK ? 3 : 0);
		if (o->akm == FW_SYNTH_SAE_PMK && f.auth_seq == 1)
			tc_uint_cmp(what, f.sae_group, ==, 19);
		decode(c, i + 1, o->linktype, &f);
		tc_int_cmp(what, f.kind, ==, FW_KIND_ACK);
	}
	decode(c, 1 + 2 * n_auth, o->linktype, &f);
	tc_int_cmp(what, f.kind, ==, FW_KIND_ASSOC_REQ);
	memcpy(k.spa, f.ta, 6);
	tc_true(what, fw_ie_find(f.ies, f.ies_len, FW_EID_RSN, 0, &ie));
	decode(c, 3 + 2 * n_auth, o->linktype, &f);
	tc_int_cmp(what, f.kind, ==, FW_KIND_ASSOC_RESP);
	tc_uint_cmp(what, f.status_code, ==, 0);

	for (size_t i = 0; i < c->n; i++) {
		struct fw_eapol_key_tail t;
		size_t hdr;

		decode(c, i, o->linktype, &f);
		if (i > 0)
			tc_int_cmp(what, c->ts[i], >=, c->ts[i - 1]);
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
			tc_true(what, f.has_pn);
			tc_uint_cmp(what, f.pn, ==, (from_sta ? last_pn_sta : last_pn_ap) + 1);
			if (from_sta)
				last_pn_sta = f.pn;
			else
				last_pn_ap = f.pn;
			tc_int_cmp(what, fw_aead_decrypt(o->cipher, k.ptk.tk, k.ptk.tk_len,
					mpdu, mlen, hdr, plain, &plen), ==, 0);
			tc_uint_cmp(what, plen, >=, 8 + 20 + 8);
			tc_mem_eq(what, plain, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
			tc_uint_cmp(what, plain[8 + 9], ==, 1);		/* ICMP */
			tc_uint_cmp(what, plain[8 + 20], ==,
					from_sta ? 8 : 0);	/* echo request / reply */
			/* a flipped ciphertext bit makes the MIC fail */
			{
				uint8_t bad[700];

				memcpy(bad, mpdu, mlen);
				bad[hdr + 8 + 3] ^= 0x40;
				tc_int_cmp(what, fw_aead_decrypt(o->cipher, k.ptk.tk,
						k.ptk.tk_len, bad, mlen, hdr, plain, &plen),
						==, FW_EVERIFY);
			}
			n_prot++;
			continue;
		}
		if (!f.has_key)
			continue;
		msg++;
		tc_int_cmp(what, fw_eapol_key_split(&f.key, k.p.mic_len, &t), ==, 0);
		tc_uint_cmp(what, f.key.version, ==, ver);
		switch (msg) {
		case 1:
			tc_uint_cmp(what, f.key.key_info, ==, 0x008a - 2 + ver);
			tc_uint_cmp(what, f.key.replay_counter, ==, 1);
			memcpy(k.anonce, f.key.nonce, 32);
			tc_true(what, fw_mac_eq(f.sa, k.aa));
			break;
		case 2:
			tc_uint_cmp(what, f.key.key_info, ==, 0x010a - 2 + ver);
			tc_uint_cmp(what, f.key.replay_counter, ==, 1);
			memcpy(k.snonce, f.key.nonce, 32);
			tc_int_cmp(what, fw_ptk_derive(&k.p, pmk, 32, k.aa, k.spa, k.anonce,
					k.snonce, fw_cipher_tk_len(FW_SUITE(FW_OUI_IEEE,
					o->cipher)), &k.ptk), ==, 0);
			/* the station's RSNE in the clear */
			tc_uint_cmp(what, t.key_data_len, ==, 22);
			tc_uint_cmp(what, t.key_data[0], ==, 48);
			break;
		case 3: {
			uint8_t kd[256];
			struct fw_cursor cur;
			struct fw_kde kde;
			bool gtk = false;

			tc_uint_cmp(what, f.key.key_info, ==, 0x13ca - 2 + ver);
			tc_uint_cmp(what, f.key.replay_counter, ==, 2);
			tc_mem_eq(what, f.key.nonce, k.anonce, 32);
			tc_uint_cmp(what, t.key_data_len % 8, ==, 0);
			tc_int_cmp(what, fw_aes_unwrap(k.ptk.kek, k.ptk.kek_len, t.key_data,
					t.key_data_len, kd), ==, 0);
			fw_cur_init(&cur, kd, t.key_data_len - 8u);
			while (fw_kde_next(&cur, &kde) == 1)
				if (kde.is_kde && kde.type == FW_KDE_GTK) {
					tc_uint_cmp(what, kde.len, ==, 18);
					tc_uint_cmp(what, kde.data[0] & 3, ==, 1);
					gtk = true;
				}
			tc_true(what, gtk);
			break;
		}
		case 4:
			tc_uint_cmp(what, f.key.key_info, ==, 0x030a - 2 + ver);
			tc_uint_cmp(what, f.key.replay_counter, ==, 2);
			break;
		default:
			ck_abort_msg("more than four EAPOL-Key messages");
		}
		if (msg > 1) {
			tc_int_cmp(what, fw_mic_verify(k.p.mic, k.ptk.kck, k.ptk.kck_len,
					f.eapol.start, f.eapol.frame_len, f.key.mic_off,
					k.p.mic_len), ==, 0);
		}
	}
	tc_int_cmp(what, msg, ==, 4);
	tc_int_cmp(what, n_prot, ==, 2);
	tc_int_cmp(what, n_ack, ==, (int)(n_auth + 2 + 4 + 2));	/* every unicast frame */
	fw_ptk_wipe(&k.ptk);
	free(c);
}

/* PSK/CCMP, PSK-SHA256 (another passphrase and SSID), GCMP, SAE with a given PMK. */
static const struct {
	enum fw_synth_akm akm;
	uint8_t cipher, akm_type, ver;
	size_t n_auth;		/* authentication frames: open 2, SAE 4 */
	const char *name;	/* what a failure names */
} variants[] = {
	{ FW_SYNTH_PSK, FW_CIPHER_CCMP, FW_AKM_PSK, 2, 2, "PSK/CCMP" },
	{ FW_SYNTH_PSK_SHA256, FW_CIPHER_CCMP, FW_AKM_PSK_SHA256, 3, 2, "PSK-SHA256/CCMP" },
	{ FW_SYNTH_PSK, FW_CIPHER_GCMP, FW_AKM_PSK, 2, 2, "PSK/GCMP" },
	{ FW_SYNTH_PSK_SHA256, FW_CIPHER_GCMP, FW_AKM_PSK_SHA256, 3, 2, "PSK-SHA256/GCMP" },
	{ FW_SYNTH_SAE_PMK, FW_CIPHER_CCMP, FW_AKM_SAE, 0, 4, "SAE/CCMP" },
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
	check_clean(variants[_i].name, &o, variants[_i].akm_type, variants[_i].ver,
		    variants[_i].n_auth);
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
	char what[32];

	fw_synth_opts_init(&o);
	o.linktype = linktypes[_i];
	snprintf(what, sizeof(what), "link type %d", o.linktype);
	check_clean(what, &o, FW_AKM_PSK, 2, 2);
	if (o.linktype != FW_DLT_IEEE802_11_RADIO) {
		struct fw_synth_opts r;
		struct fw_synth_result ra, rb;
		struct cap *a, *b;

		fw_synth_opts_init(&r);
		a = run(&r, "clean", &ra);
		b = run(&o, "clean", &rb);
		tc_uint_cmp(what, a->n, ==, b->n);
		for (size_t i = 0; i < a->n; i++) {
			struct fw_frame fa, fb;

			decode(a, i, r.linktype, &fa);
			decode(b, i, o.linktype, &fb);
			tc_uint_cmp(what, a->len[i] - fa.radio.hdr_len, ==,
					b->len[i] - fb.radio.hdr_len);
			tc_mem_eq(what, a->b[i] + fa.radio.hdr_len, b->b[i] + fb.radio.hdr_len,
					a->len[i] - fa.radio.hdr_len);
			if (o.linktype == FW_DLT_IEEE802_11)
				continue;
			tc_uint_cmp(what, fa.radio.rate_kbps, ==, fb.radio.rate_kbps);
			tc_uint_cmp(what, fa.radio.freq_mhz, ==, fb.radio.freq_mhz);
			tc_int_cmp(what, fa.radio.signal_dbm, ==, fb.radio.signal_dbm);
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
			char what[96];

			fw_synth_opts_init(&o);
			o.akm = v[j].akm;
			o.cipher = v[j].cipher;
			if (fw_synth_has_wired(fw_synth_get(i)->name))
				o.akm = FW_SYNTH_8021X;	/* theirs, whatever the loop says */
			snprintf(what, sizeof(what), "%s (AKM %d, cipher %u)", fw_synth_get(i)->name,
				 (int)o.akm, o.cipher);
			c = run(&o, fw_synth_get(i)->name, &res);
			for (size_t k = 0; k < c->n; k++) {
				int rc = fw_frame_decode(&f, o.linktype, c->b[k], c->len[k]);

				ck_assert_msg(rc == 0, "%s: frame %zu: %s at %s", what, k + 1,
					      fw_strerror(rc), f.err_field ? f.err_field : "?");
			}
			for (size_t e = 0; e < res.n_expect; e++)
				tc_uint_cmp(what, res.expect[e].frame, <=, c->n);
			tc_true(what, strncmp(res.key_line, "key ", 4) == 0);
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

/* ---- 802.1X: the air and the AP's wired side ---------------------------------------- */

static const char SECRET[] = "x-check secret";

struct dot1x {
	struct cap *air, *wire;
	struct fw_synth_result res;
	uint8_t ap[6], sta[6];
	size_t n_pmk;
	uint8_t pmk[4][32];	/* each Access-Accept's MS-MPPE-Recv-Key, in order */
	int64_t pmk_ts[4];
};

static void run_dot1x(const char *name, uint64_t seed, struct dot1x *d)
{
	struct fw_synth_opts o;
	char err[256];
	int rc;

	memset(d, 0, sizeof(*d));
	fw_synth_opts_init(&o);
	o.akm = FW_SYNTH_8021X;
	o.seed = seed;
	o.radius_secret = SECRET;
	d->air = calloc(1, sizeof(*d->air));
	d->wire = calloc(1, sizeof(*d->wire));
	ck_assert(d->air && d->wire);
	rc = fw_synth_run_wired(&o, name, mem_sink, d->air, mem_sink, d->wire, &d->res, err,
				sizeof(err));
	ck_assert_msg(rc == 0, "%s: %s", name, err);
	ck_assert_uint_eq(d->res.frames, d->air->n);
	ck_assert_uint_eq(d->res.wired_frames, d->wire->n);
	ck_assert_str_eq(d->res.key_line, "key radius-secret \"x-check secret\"");
}

static void free_dot1x(struct dot1x *d)
{
	free(d->air);
	free(d->wire);
}

/* One's-complement sum (RFC 1071) of the 16-bit words, folded: 0xffff over a correct checksum. */
static uint16_t ones_sum(const uint8_t *p, size_t n, uint32_t sum)
{
	for (size_t i = 0; i < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | (i + 1 < n ? p[i + 1] : 0));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static void attr_of(const struct fw_radius *r, uint8_t type, struct fw_radius_attr *a)
{
	ck_assert_msg(fw_radius_attr_find(r, type, a), "RADIUS code %u: no attribute %u", r->code,
		      type);
}

/* The EAP packet of an air frame: decoded, and its bytes. */
static void air_eap(const struct dot1x *d, size_t i, struct fw_frame *f)
{
	decode(d->air, i, FW_DLT_IEEE802_11_RADIO, f);
	ck_assert(f->kind == FW_KIND_EAPOL && f->eapol.type == 0 && f->eapol.has_eap);
}

/*
 * Walk the wired side: IPv4 and UDP checksums, RADIUS port, the
 * authenticators under the secret, the station in Calling-Station-Id, and
 * each EAP-Message equal to the EAP packet on the air it relays (the
 * Response before an Access-Request, the Request after an
 * Access-Challenge).  The Accepts' PMKs land in d.
 */
static void check_wire(struct dot1x *d)
{
	const uint8_t *sec = (const uint8_t *)SECRET;
	uint8_t req_auth[16] = { 0 }, last_id = 0, mac[16];
	char want_sta[18];
	size_t air = 0;

	/* the station is the transmitter of the association request */
	for (size_t i = 0; i < d->air->n; i++) {
		struct fw_frame f;

		decode(d->air, i, FW_DLT_IEEE802_11_RADIO, &f);
		if (f.kind == FW_KIND_ASSOC_REQ) {
			memcpy(d->sta, f.ta, 6);
			memcpy(d->ap, f.ra, 6);
			break;
		}
	}
	snprintf(want_sta, sizeof(want_sta), "%02X-%02X-%02X-%02X-%02X-%02X", d->sta[0], d->sta[1],
		 d->sta[2], d->sta[3], d->sta[4], d->sta[5]);
	for (size_t i = 0; i < d->wire->n; i++) {
		const uint8_t *b = d->wire->b[i];
		size_t len = d->wire->len[i];
		struct fw_radius_attr a, eap;
		struct fw_frame f;
		const struct fw_radius *r = &f.radius;
		uint16_t ulen = (uint16_t)(b[14 + 24] << 8 | b[14 + 25]);

		decode(d->wire, i, FW_DLT_EN10MB, &f);
		ck_assert(f.has_radius);
		ck_assert_uint_eq(ones_sum(b + 14, 20, 0), 0xffff);
		/* UDP over the pseudo-header: addresses, protocol, UDP length */
		ck_assert_uint_eq(ones_sum(b + 34, ulen, (uint32_t)ones_sum(b + 26, 8, 17 + ulen)),
				  0xffff);
		ck_assert_uint_eq(14 + 20 + ulen, len);
		if (i > 0)
			ck_assert_int_gt(d->wire->ts[i], d->wire->ts[i - 1]);
		attr_of(r, 80, &a);	/* Message-Authenticator */
		ck_assert_uint_eq(a.len, 16);
		attr_of(r, FW_RADIUS_ATTR_EAP_MESSAGE, &eap);
		if (r->code == FW_RADIUS_ACCESS_REQUEST) {
			struct fw_frame e;

			ck_assert_uint_eq(r->dport, 1812);
			ck_assert_int_eq(fw_radius_message_auth(sec, strlen(SECRET), r->packet, r->length,
								r->authenticator,
								(size_t)(a.value - r->packet), mac), 0);
			ck_assert_mem_eq(mac, a.value, 16);
			memcpy(req_auth, r->authenticator, 16);
			ck_assert(r->id != last_id || i == 0);
			last_id = r->id;
			attr_of(r, FW_RADIUS_ATTR_CALLING_STATION_ID, &a);
			ck_assert_uint_eq(a.len, 17);
			ck_assert_mem_eq(a.value, want_sta, 17);
			attr_of(r, FW_RADIUS_ATTR_USER_NAME, &a);
			ck_assert_mem_eq(a.value, "station@fourway.test", a.len);
			/* the Response it relays: the last EAP frame of the station before it */
			for (size_t j = air; j < d->air->n && d->air->ts[j] < d->wire->ts[i]; j++) {
				struct fw_frame g;

				decode(d->air, j, FW_DLT_IEEE802_11_RADIO, &g);
				if (g.kind == FW_KIND_EAPOL && g.eapol.has_eap)
					air = j;
			}
			air_eap(d, air, &e);
			ck_assert_uint_eq(e.eapol.eap_code, 2);
			ck_assert_uint_eq(e.eapol.frame_len - 4, eap.len);
			ck_assert_mem_eq(e.eapol.start + 4, eap.value, eap.len);
			continue;
		}
		/* a response: to the last request, its authenticators over that request's */
		ck_assert_uint_eq(r->sport, 1812);
		ck_assert_uint_eq(r->id, last_id);
		ck_assert_int_eq(fw_radius_message_auth(sec, strlen(SECRET), r->packet, r->length,
							req_auth, (size_t)(a.value - r->packet), mac), 0);
		ck_assert_mem_eq(mac, a.value, 16);
		ck_assert_int_eq(fw_radius_response_auth(sec, strlen(SECRET), r->packet, r->length,
							 req_auth, mac), 0);
		ck_assert_mem_eq(mac, r->authenticator, 16);
		if (r->code == FW_RADIUS_ACCESS_CHALLENGE) {
			struct fw_frame e;

			/* the EAP-Request the AP sends on: the next EAP frame on the air */
			while (air < d->air->n && d->air->ts[air] < d->wire->ts[i])
				air++;
			for (; air < d->air->n; air++) {
				decode(d->air, air, FW_DLT_IEEE802_11_RADIO, &e);
				if (e.kind == FW_KIND_EAPOL && e.eapol.has_eap)
					break;
			}
			ck_assert_uint_lt(air, d->air->n);
			ck_assert_uint_eq(e.eapol.eap_code, 1);
			ck_assert_mem_eq(e.eapol.start + 4, eap.value, eap.len);
			continue;
		}
		ck_assert_uint_eq(r->code, FW_RADIUS_ACCESS_ACCEPT);
		ck_assert_uint_eq(eap.len, 4);
		ck_assert_uint_eq(eap.value[0], 3);	/* EAP-Success */
		{
			struct fw_radius_attr rk, sk;
			uint8_t recv[64], send[64];
			size_t nr = 0, ns = 0;

			ck_assert(fw_radius_vsa_find(r, FW_RADIUS_VENDOR_MICROSOFT, FW_MS_MPPE_RECV_KEY,
						     &rk));
			ck_assert(fw_radius_vsa_find(r, FW_RADIUS_VENDOR_MICROSOFT, FW_MS_MPPE_SEND_KEY,
						     &sk));
			ck_assert(rk.value[0] & 0x80);	/* the Salts: top bit set, unlike each other */
			ck_assert(sk.value[0] & 0x80);
			ck_assert(memcmp(rk.value, sk.value, 2) != 0);
			ck_assert_int_eq(fw_mppe_key_decrypt(sec, strlen(SECRET), req_auth, rk.value,
							     rk.len, recv, sizeof(recv), &nr), 0);
			ck_assert_int_eq(fw_mppe_key_decrypt(sec, strlen(SECRET), req_auth, sk.value,
							     sk.len, send, sizeof(send), &ns), 0);
			ck_assert_uint_eq(nr, 32);
			ck_assert_uint_eq(ns, 32);
			ck_assert(memcmp(recv, send, 32) != 0);
			ck_assert_uint_lt(d->n_pmk, 4);
			memcpy(d->pmk[d->n_pmk], recv, 32);
			d->pmk_ts[d->n_pmk++] = d->wire->ts[i];
		}
	}
}

/* Whether the 2/4 at air frame i verifies with pmk (AKM 1, the ANonce of the 1/4 before it). */
static bool m2_verifies(const struct dot1x *d, size_t i, const uint8_t pmk[32])
{
	struct fw_akm_params p;
	struct fw_frame f, m1;
	struct fw_ptk ptk;
	bool ok;
	size_t j = i;

	ck_assert_int_eq(fw_akm_params(&p, 2, FW_AKM_8021X, 19), 0);
	decode(d->air, i, FW_DLT_IEEE802_11_RADIO, &f);
	ck_assert(f.has_key && (f.key.key_info & (FW_KI_MIC | FW_KI_ACK)) == FW_KI_MIC);
	do {
		ck_assert_uint_gt(j, 0);
		decode(d->air, --j, FW_DLT_IEEE802_11_RADIO, &m1);
	} while (!(m1.has_key && (m1.key.key_info & FW_KI_ACK)));
	ck_assert_int_eq(fw_ptk_derive(&p, pmk, 32, d->ap, d->sta, m1.key.nonce, f.key.nonce, 16,
				       &ptk), 0);
	ok = fw_mic_verify(p.mic, ptk.kck, ptk.kck_len, f.eapol.start, f.eapol.frame_len,
			   f.key.mic_off, p.mic_len) == 0;
	fw_ptk_wipe(&ptk);
	return ok;
}

/* The air frames of the 2/4s (0-based), in order. */
static size_t find_m2s(const struct dot1x *d, size_t out[8])
{
	size_t n = 0;

	for (size_t i = 0; i < d->air->n && n < 8; i++) {
		struct fw_frame f;

		decode(d->air, i, FW_DLT_IEEE802_11_RADIO, &f);
		if (f.has_key && (f.key.key_info & (FW_KI_MIC | FW_KI_ACK | FW_KI_SECURE)) == FW_KI_MIC)
			out[n++] = i;
	}
	return n;
}

/* eap-clean: identity, EAP-TLS, success on the air; the handshake's PMK is the Accept's. */
START_TEST(eap_clean_sides)
{
	struct dot1x d;
	struct fw_frame f;
	size_t m2[8], n_eap = 0;

	run_dot1x("eap-clean", 201, &d);
	check_wire(&d);
	ck_assert_uint_eq(d.n_pmk, 1);
	ck_assert_uint_eq(find_m2s(&d, m2), 1);
	ck_assert(m2_verifies(&d, m2[0], d.pmk[0]));
	ck_assert_int_lt(d.pmk_ts[0], d.air->ts[m2[0]]);
	for (size_t i = 0; i < d.air->n; i++) {
		decode(d.air, i, FW_DLT_IEEE802_11_RADIO, &f);
		if (f.kind != FW_KIND_EAPOL || !f.eapol.has_eap)
			continue;
		if (n_eap == 0) {		/* Request/Identity, from the AP */
			ck_assert_uint_eq(f.eapol.eap_code, 1);
			ck_assert_uint_eq(f.eapol.eap_type, 1);
			ck_assert(fw_mac_eq(f.ta, d.ap));
		} else if (n_eap == 2) {	/* the method: EAP-TLS Start */
			ck_assert_uint_eq(f.eapol.eap_type, 13);
			ck_assert_uint_eq(f.eapol.start[4 + 5], 0x20);
		}
		n_eap++;
	}
	ck_assert_uint_eq(n_eap, 9);		/* 4 requests, 4 responses, Success */
	ck_assert_uint_eq(d.res.n_expect, 0);
	free_dot1x(&d);
}
END_TEST

/* stale-key: two Accepts, two PMKs; the second handshake's 2/4s verify with the first only. */
START_TEST(stale_key_sides)
{
	struct dot1x d;
	size_t m2[8];

	run_dot1x("stale-key", 202, &d);
	check_wire(&d);
	ck_assert_uint_eq(d.n_pmk, 2);
	ck_assert(memcmp(d.pmk[0], d.pmk[1], 32) != 0);
	ck_assert_uint_eq(find_m2s(&d, m2), 3);
	ck_assert(m2_verifies(&d, m2[0], d.pmk[0]));
	ck_assert_int_lt(d.pmk_ts[1], d.air->ts[m2[1]]);	/* the new PMK was there before */
	for (size_t k = 1; k < 3; k++) {
		ck_assert(m2_verifies(&d, m2[k], d.pmk[0]));
		ck_assert(!m2_verifies(&d, m2[k], d.pmk[1]));
	}
	ck_assert_uint_eq(d.res.n_expect, 3);
	ck_assert_str_eq(d.res.expect[0].code, "MIC_BAD");
	ck_assert_uint_eq(d.res.expect[0].frame, m2[1] + 1);
	ck_assert_uint_eq(d.res.expect[1].frame, m2[2] + 1);
	ck_assert_str_eq(d.res.expect[2].code, "TIMEOUT");
	free_dot1x(&d);
}
END_TEST

/* key-late: 1/4 (no PMKID) and 2/4 before the Accept, the answer to the retry after it. */
START_TEST(key_late_sides)
{
	struct dot1x d;
	struct fw_frame f;
	struct fw_eapol_key_tail t;
	size_t m2[8];

	run_dot1x("key-late", 203, &d);
	check_wire(&d);
	ck_assert_uint_eq(d.n_pmk, 1);
	ck_assert_uint_eq(find_m2s(&d, m2), 2);
	ck_assert_int_lt(d.air->ts[m2[0]], d.pmk_ts[0]);
	ck_assert_int_gt(d.air->ts[m2[1]], d.pmk_ts[0]);
	ck_assert(m2_verifies(&d, m2[0], d.pmk[0]));
	ck_assert(m2_verifies(&d, m2[1], d.pmk[0]));
	decode(d.air, m2[0] - 2, FW_DLT_IEEE802_11_RADIO, &f);	/* the early 1/4 */
	ck_assert(f.has_key && (f.key.key_info & FW_KI_ACK));
	ck_assert_int_eq(fw_eapol_key_split(&f.key, 16, &t), 0);
	ck_assert_uint_eq(t.key_data_len, 0);
	ck_assert_uint_eq(d.res.n_expect, 1);
	ck_assert_uint_eq(d.res.expect[0].frame, m2[0] + 1);
	ck_assert_uint_eq(d.res.complete, 1);
	free_dot1x(&d);
}
END_TEST

/* Without a wired sink the air is the same; the 802.1X AKM and the secret are checked. */
START_TEST(dot1x_options)
{
	struct fw_synth_opts o;
	struct fw_synth_result res;
	struct dot1x d;
	struct cap *c;
	char err[256];

	run_dot1x("eap-clean", 201, &d);
	fw_synth_opts_init(&o);
	o.akm = FW_SYNTH_8021X;
	o.seed = 201;
	o.radius_secret = SECRET;
	c = run(&o, "eap-clean", &res);
	ck_assert_uint_eq(c->n, d.air->n);
	for (size_t i = 0; i < c->n; i++)
		ck_assert_mem_eq(c->b[i], d.air->b[i], c->len[i]);
	ck_assert_uint_eq(res.wired_frames, d.wire->n);
	ck_assert(fw_synth_has_wired("key-late") && !fw_synth_has_wired("clean"));
	ck_assert(fw_synth_exists("clean") && !fw_synth_has_wired("no-such"));
	c->n = 0;
	o.akm = FW_SYNTH_PSK;
	ck_assert_int_eq(fw_synth_run(&o, "eap-clean", mem_sink, c, &res, err, sizeof(err)),
			 FW_EINVAL);
	o.akm = FW_SYNTH_8021X;
	ck_assert_int_eq(fw_synth_run(&o, "clean", mem_sink, c, &res, err, sizeof(err)), FW_EINVAL);
	o.radius_secret = "";
	ck_assert_int_eq(fw_synth_run(&o, "eap-clean", mem_sink, c, &res, err, sizeof(err)),
			 FW_EINVAL);
	ck_assert_uint_eq(c->n, 0);
	free(c);
	free_dot1x(&d);
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
	tcase_add_test(tc, eap_clean_sides);
	tcase_add_test(tc, stale_key_sides);
	tcase_add_test(tc, key_late_sides);
	tcase_add_test(tc, dot1x_options);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tcommon_run(synth_suite(), NULL);
}
