/*
 * MPDU protection: the CCMP vector of IEEE 802.11-2012 M.6.4 (inputs from
 * hostap's wlantest test vectors, ciphertext per VECTORS.md 9.6), real
 * protected frames of corpus captures with their known TKs (CCMP, CCMP-256,
 * GCMP; data and management frames), and the AAD masking rules of
 * 12.5.3.3.3.  The peek at the first plaintext bytes (one keystream block,
 * no MIC) gives the same bytes as the full decryption on all of them, and
 * so does a kept key (one key schedule for many MPDUs), also across MPDUs
 * whose MIC fails in between.  So does the peek from the fields of a
 * decoded header, one counter block for several keys, on every cipher,
 * with A4 and QoS Control, in a data or a management frame.
 */
#include <stdio.h>
#include <string.h>

#include "../common/named.h"
#include "crypto/aead.h"
#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/ptk.h"
#include "frames.h"
#include "suites.h"
#include "util/err.h"

static const char m64_tk[] = "c97c1f67ce371185514a8a19f2bdd52f";
static const char m64_plain[] = "0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033"
				"f8ba1a55d02f85ae967bb62fb6cda8eb7e78a050";
static const char m64_enc[] = "0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033"
			      "0ce70020769703b5"
			      "f3d0a2fe9a3dbf2342a643e43246e80c3c04d019"
			      "7845ce0b16f97623";

static const char arp_reply_sta1[] =
	"aaaa0300000008060001080006040002020000000100c0a80505020000000000c0a80501";

/*
 * What the nonce takes from a MAC header, read here as a decoder reads it
 * (9.2.4.1, Figure 9-1): A2, and for a QoS data frame (subtype bit 3) the
 * TID of the QoS Control field, after A4 when ToDS and FromDS are both set.
 */
struct nonce_fields {
	const uint8_t *a2;
	uint8_t priority;
	bool mgmt;
};

static struct nonce_fields fields_of(const uint8_t *hdr)
{
	uint8_t type = (uint8_t)((hdr[0] >> 2) & 3);
	struct nonce_fields f = { hdr + 10, 0, type == 0 };

	if (type == 2 && (hdr[0] & 0x80))
		f.priority = hdr[(hdr[1] & 3) == 3 ? 30 : 24] & 0x0f;
	return f;
}

/*
 * The first n plaintext bytes of mpdu by a peek equal want's: through
 * fw_aead_peek, and through a counter block made from the decoded header
 * (fw_aead_peek_frame_init), once and for two keys.
 */
static void check_peek(uint8_t cipher, const uint8_t *tk, size_t tk_len, const uint8_t *mpdu,
		       size_t len, size_t hdr_len, const uint8_t *want, size_t n)
{
	struct fw_aead_peek_key k = { 0 }, other = { 0 };
	struct fw_aead_peek_frame fr;
	struct nonce_fields nf = fields_of(mpdu);
	uint8_t got[16], tk2[32];

	ck_assert_int_eq(fw_aead_peek_key_init(&k, tk, tk_len), 0);
	ck_assert(fw_aead_peek_key_ready(&k));
	ck_assert_int_eq(fw_aead_peek(&k, cipher, mpdu, len, hdr_len, got, n), 0);
	ck_assert_mem_eq(got, want, n);
	/* twice with the same kept key: the context holds no state between blocks */
	memset(got, 0, sizeof(got));
	ck_assert_int_eq(fw_aead_peek(&k, cipher, mpdu, len, hdr_len, got, n), 0);
	ck_assert_mem_eq(got, want, n);
	/* one counter block, another key first (as a link's older key), then the right one */
	for (size_t i = 0; i < tk_len; i++)
		tk2[i] = (uint8_t)(tk[i] ^ 0x5a);
	ck_assert_int_eq(fw_aead_peek_key_init(&other, tk2, tk_len), 0);
	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, cipher, nf.a2, nf.priority, nf.mgmt,
						 mpdu + hdr_len, len - hdr_len, n), 0);
	memset(got, 0, sizeof(got));
	ck_assert_int_eq(fw_aead_peek_frame(&other, &fr, got), 0);
	ck_assert(n < 4 || memcmp(got, want, n) != 0);
	for (int i = 0; i < 2; i++) {
		memset(got, 0, sizeof(got));
		ck_assert_int_eq(fw_aead_peek_frame(&k, &fr, got), 0);
		ck_assert_mem_eq(got, want, n);
	}
	fw_aead_peek_key_clear(&other);
	fw_aead_peek_key_clear(&k);
	ck_assert(!fw_aead_peek_key_ready(&k));
}

/* A kept key decrypts mpdu to want (n bytes), twice over. */
static void check_kept(uint8_t cipher, const uint8_t *tk, size_t tk_len, const uint8_t *mpdu,
		       size_t len, size_t hdr_len, const uint8_t *want, size_t n)
{
	struct fw_aead_key k = { 0 };
	uint8_t out[512];
	size_t olen = 0;

	ck_assert_int_eq(fw_aead_key_init(&k, cipher, tk, tk_len), 0);
	ck_assert(fw_aead_key_ready(&k, cipher));
	for (int i = 0; i < 2; i++) {
		memset(out, 0, sizeof(out));
		ck_assert_int_eq(fw_aead_decrypt_key(&k, mpdu, len, hdr_len, out, &olen), 0);
		ck_assert_uint_eq(olen, n);
		ck_assert_mem_eq(out, want, n);
	}
	fw_aead_key_clear(&k);
	ck_assert(!fw_aead_key_ready(&k, cipher));
}

START_TEST(test_ccmp_m64)
{
	uint8_t tk[16], plain[64], enc[64], out[64];
	size_t plen = th_hex(plain, sizeof(plain), m64_plain);
	size_t elen = th_hex(enc, sizeof(enc), m64_enc);
	size_t olen = 0;

	th_hex(tk, 16, m64_tk);
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, enc, elen, 24, out, &olen), 0);
	ck_assert_uint_eq(olen, plen - 24);
	ck_assert_mem_eq(out, plain + 24, olen);
	check_peek(FW_CIPHER_CCMP, tk, 16, enc, elen, 24, plain + 24, 16);
	check_kept(FW_CIPHER_CCMP, tk, 16, enc, elen, 24, plain + 24, plen - 24);

	ck_assert_int_eq(fw_aead_encrypt(FW_CIPHER_CCMP, tk, 16, plain, 24, 0xb5039776e70cULL, 0,
					 plain + 24, plen - 24, out, &olen), 0);
	ck_assert_uint_eq(olen, elen);
	th_eq_hex(out, olen, "0848c32c0fd2e128a57c5030f1844408abaea5b8fcba80330ce70020769703b5"
			     "f3d0a2fe9a3dbf2342a643e43246e80c3c04d0197845ce0b16f97623");
}
END_TEST

/* Decrypt a real frame, compare with the plaintext tshark shows, and re-encrypt it. */
static void check_real(uint8_t cipher, const uint8_t *tk, size_t tk_len, const char *mpdu_hex,
		       size_t hdr_len, const char *plain_hex)
{
	uint8_t mpdu[512], want[512], out[512], again[512], *h;
	size_t len = th_hex(mpdu, sizeof(mpdu), mpdu_hex);
	size_t wlen = th_hex(want, sizeof(want), plain_hex);
	size_t olen = 0, alen = 0;
	uint64_t pn;

	ck_assert_int_eq(fw_aead_decrypt(cipher, tk, tk_len, mpdu, len, hdr_len, out, &olen), 0);
	ck_assert_uint_eq(olen, wlen);
	ck_assert_mem_eq(out, want, wlen);
	check_peek(cipher, tk, tk_len, mpdu, len, hdr_len, want, wlen < 16 ? wlen : 16);
	check_kept(cipher, tk, tk_len, mpdu, len, hdr_len, want, wlen);
	/* same PN and key id: encryption reproduces the captured bytes exactly */
	h = mpdu + hdr_len;
	pn = (uint64_t)h[0] | (uint64_t)h[1] << 8 | (uint64_t)h[4] << 16 | (uint64_t)h[5] << 24 |
	     (uint64_t)h[6] << 32 | (uint64_t)h[7] << 40;
	ck_assert_int_eq(fw_aead_encrypt(cipher, tk, tk_len, mpdu, hdr_len, pn, h[3] >> 6, want,
					 wlen, again, &alen), 0);
	ck_assert_uint_eq(alen, len);
	ck_assert_mem_eq(again, mpdu, len);
	/* a flipped ciphertext bit fails the MIC and leaves no plaintext behind */
	mpdu[hdr_len + 8] ^= 0x01;
	memset(out, 0xee, sizeof(out));
	ck_assert_int_eq(fw_aead_decrypt(cipher, tk, tk_len, mpdu, len, hdr_len, out, &olen),
			 FW_EVERIFY);
	for (size_t i = 0; i < wlen; i++)
		ck_assert_uint_eq(out[i], 0);
}

START_TEST(test_real_gcmp)
{
	uint8_t tk[16];

	/* wpa-gcmp.pcapng, TK of the Wireshark suite test_80211_wpa_gcmp */
	th_hex(tk, 16, "755a9c1c9e605d5ff62849e4a17a935c");
	check_real(FW_CIPHER_GCMP, tk, 16, fr_gcmp_data39, 26, arp_reply_sta1);
}
END_TEST

START_TEST(test_real_ccmp_256)
{
	uint8_t tk[32];

	th_hex(tk, 32, "4e6abbcf9dc0943936700b6825952218f58a47dfdf51dbb8ce9b02fd7d2d9e40");
	check_real(FW_CIPHER_CCMP_256, tk, 32, fr_ccmp256_data55, 26, arp_reply_sta1);
}
END_TEST

START_TEST(test_real_ccmp_both_directions)
{
	uint8_t tk[16];

	th_hex(tk, 16, "4e30e8c019bea43ea5262b10853b818d");
	/* STA -> AP: ARP reply */
	check_real(FW_CIPHER_CCMP, tk, 16, fr_mfp_data15, 26,
		   "aaaa0300000008060001080006040002020000000200c0a80505020000000000c0a80501");
	/* AP -> STA: ICMP echo request 192.168.5.1 -> 192.168.5.5 */
	check_real(FW_CIPHER_CCMP, tk, 16, fr_mfp_data16, 26,
		   "aaaa03000000080045000030feb940004001b0bcc0a80501c0a805050800509f"
		   "a76000000000000000000000000000000000000000000000");
}
END_TEST

START_TEST(test_real_ccmp_management)
{
	/*
	 * wpa-test-decode-mgmt.pcap (MFP): the TK comes from this capture's own
	 * handshake (passphrase 12345678, SSID Valium_dongle; ground truth TK
	 * starts 06e93061), then the protected SA Query and Deauthentication
	 * frames decrypt with the management nonce flag of 12.5.3.3.4.
	 */
	struct fw_akm_params p;
	uint8_t pmk[32], aa[6], spa[6], m1[128], m2[160];
	struct fw_ptk ptk;
	const char *ssid = "Valium_dongle";

	ck_assert_int_eq(fw_akm_params(&p, 2, FW_AKM_PSK, 0), 0);
	ck_assert_int_eq(fw_psk_from_passphrase("12345678", (const uint8_t *)ssid, strlen(ssid), pmk), 0);
	th_hex(aa, 6, "90f652e6ef92");
	th_hex(spa, 6, "6abbccddeeff");
	th_hex(m1, sizeof(m1), fr_mgmt_m1);
	th_hex(m2, sizeof(m2), fr_mgmt_m2);
	ck_assert_int_eq(fw_ptk_derive(&p, pmk, 32, aa, spa, m1 + 17, m2 + 17, 16, &ptk), 0);
	th_eq_hex(ptk.tk, 4, "06e93061");
	check_real(FW_CIPHER_CCMP, ptk.tk, 16, fr_mgmt_action9, 24, "030001021000001000");
	check_real(FW_CIPHER_CCMP, ptk.tk, 16, fr_mgmt_deauth11, 24, "0200");
}
END_TEST

/* 12.5.3.3.3: which header bits the AAD ignores and which it protects. */
START_TEST(test_aad_masking)
{
	uint8_t tk[16], mpdu[128], out[128];
	size_t len, olen;

	th_hex(tk, 16, "4e30e8c019bea43ea5262b10853b818d");
	len = th_hex(mpdu, sizeof(mpdu), fr_mfp_data15);
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 26, out, &olen), 0);
	/* masked: Retry, PwrMgt, MoreData, Order (QoS data), sequence number, QoS bits but TID */
	mpdu[1] ^= 0x08 | 0x10 | 0x20 | 0x80;
	mpdu[22] ^= 0xf0;
	mpdu[23] ^= 0xff;
	mpdu[24] ^= 0x60;
	mpdu[25] ^= 0xff;
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 26, out, &olen), 0);
	/* protected: A1, the fragment number, the TID, the subtype's QoS bit */
	len = th_hex(mpdu, sizeof(mpdu), fr_mfp_data15);
	mpdu[4] ^= 0x01;
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 26, out, &olen),
			 FW_EVERIFY);
	mpdu[4] ^= 0x01;
	mpdu[22] ^= 0x01;
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 26, out, &olen),
			 FW_EVERIFY);
	mpdu[22] ^= 0x01;
	mpdu[24] ^= 0x05;
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 26, out, &olen),
			 FW_EVERIFY);
	mpdu[24] ^= 0x05;
	/* a wrong TK */
	tk[0] ^= 1;
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 26, out, &olen),
			 FW_EVERIFY);
}
END_TEST

START_TEST(test_round_trips)
{
	static const uint8_t ciphers[] = { FW_CIPHER_CCMP, FW_CIPHER_CCMP_256, FW_CIPHER_GCMP,
					   FW_CIPHER_GCMP_256 };
	static const char *const hdrs[] = {
		/* non-QoS data, ToDS */
		"0841000002000000000002000000010002000000000010c0",
		/* QoS data, ToDS|FromDS: A4 present, TID 6 */
		"8843000002000000000002000000010002000000000020000200000000020600",
		/* protected Deauthentication */
		"c04000006abbccddeeff90f652e6ef9290f652e6ef92f001",
	};
	static const size_t hdr_lens[] = { 24, 32, 24 };
	uint8_t tk[32], hdr[40], body[300], enc[400], dec[400];
	size_t elen, dlen;

	for (size_t i = 0; i < sizeof(tk); i++)
		tk[i] = (uint8_t)(0xa0 ^ i);
	for (size_t i = 0; i < sizeof(body); i++)
		body[i] = (uint8_t)(i * 7);
	for (size_t c = 0; c < sizeof(ciphers); c++) {
		size_t tk_len = fw_cipher_tk_len(0x000fac00u | ciphers[c]);

		for (size_t h = 0; h < 3; h++) {
			ck_assert_uint_eq(th_hex(hdr, sizeof(hdr), hdrs[h]), hdr_lens[h]);
			for (size_t blen = 0; blen <= sizeof(body); blen += 150) {
				char what[64];

				snprintf(what, sizeof(what), "cipher %u, header %zu, body %zu bytes",
					 ciphers[c], h, blen);
				tc_int_cmp(what, fw_aead_encrypt(ciphers[c], tk, tk_len, hdr,
						hdr_lens[h], 0x0000a1b2c3d4e5ULL, 2, body,
						blen, enc, &elen), ==, 0);
				tc_uint_cmp(what, elen, ==,
						hdr_lens[h] + 8 + blen + (ciphers[c] == FW_CIPHER_CCMP ? 8 : 16));
				tc_uint_cmp(what, enc[hdr_lens[h] + 3], ==, 0x20 | (2 << 6));
				tc_int_cmp(what, fw_aead_decrypt(ciphers[c], tk, tk_len, enc,
						elen, hdr_lens[h], dec, &dlen), ==, 0);
				tc_uint_cmp(what, dlen, ==, blen);
				if (blen)
					tc_mem_eq(what, dec, body, blen);
				if (blen >= 16)
					check_peek(ciphers[c], tk, tk_len, enc, elen, hdr_lens[h],
						   body, 16);
				/* the PN is authenticated through the nonce */
				enc[hdr_lens[h] + 7] ^= 0x01;
				tc_int_cmp(what, fw_aead_decrypt(ciphers[c], tk, tk_len, enc,
						elen, hdr_lens[h], dec, &dlen), ==, FW_EVERIFY);
			}
		}
	}
}
END_TEST

/*
 * One kept key through a sequence of MPDUs of every header kind, length
 * and PN, with MPDUs whose MIC fails (a flipped bit, another key) and one
 * of another cipher in between: each answer is fw_aead_decrypt's.
 */
START_TEST(test_kept_key_sequence)
{
	static const uint8_t ciphers[] = { FW_CIPHER_CCMP, FW_CIPHER_CCMP_256, FW_CIPHER_GCMP,
					   FW_CIPHER_GCMP_256 };
	static const char *const hdrs[] = {
		"0841000002000000000002000000010002000000000010c0",
		"8843000002000000000002000000010002000000000020000200000000020600",
		"c04000006abbccddeeff90f652e6ef9290f652e6ef92f001",
	};
	static const size_t hdr_lens[] = { 24, 32, 24 };
	uint8_t tk[32], other[32], hdr[40], body[300], enc[400], dec[400], ref[400];
	size_t elen, dlen, rlen;

	for (size_t i = 0; i < sizeof(tk); i++) {
		tk[i] = (uint8_t)(0x3c ^ (i * 5));
		other[i] = (uint8_t)(tk[i] ^ 0x80);
	}
	for (size_t i = 0; i < sizeof(body); i++)
		body[i] = (uint8_t)(i * 11 + 3);
	for (size_t c = 0; c < sizeof(ciphers); c++) {
		size_t tk_len = fw_cipher_tk_len(0x000fac00u | ciphers[c]);
		struct fw_aead_key k = { 0 };

		ck_assert_int_eq(fw_aead_key_init(&k, ciphers[c], tk, tk_len), 0);
		ck_assert(!fw_aead_key_ready(&k, ciphers[(c + 1) % 4]));
		for (unsigned n = 0; n < 60; n++) {
			size_t h = n % 3, blen = (n * 37) % sizeof(body);
			bool flip = n % 7 == 3, wrong = n % 11 == 5;
			char what[80];
			int e;

			snprintf(what, sizeof(what), "cipher %u, MPDU %u", ciphers[c], n);
			ck_assert_uint_eq(th_hex(hdr, sizeof(hdr), hdrs[h]), hdr_lens[h]);
			tc_int_cmp(what, fw_aead_encrypt(ciphers[c], wrong ? other : tk, tk_len, hdr,
					hdr_lens[h], 1000 + n * 3, n & 3, body, blen, enc, &elen), ==, 0);
			if (flip)
				enc[elen - 1 - n % 5] ^= 0x10;
			e = fw_aead_decrypt(ciphers[c], tk, tk_len, enc, elen, hdr_lens[h], ref, &rlen);
			tc_int_cmp(what, e, ==, flip || wrong ? FW_EVERIFY : 0);
			tc_int_cmp(what, fw_aead_decrypt_key(&k, enc, elen, hdr_lens[h], dec, &dlen), ==,
				   e);
			if (e == 0) {
				tc_uint_cmp(what, dlen, ==, blen);
				if (blen)
					tc_mem_eq(what, dec, body, blen);
			}
		}
		fw_aead_key_clear(&k);
	}
}
END_TEST

/*
 * The peek from decoded header fields against the full decryption, for
 * each cipher and each header kind (a QoS frame of TID 5, one with A4 and
 * TID 6, a management frame), with every length of the peek; and what
 * each field does: CCMP's nonce carries the priority and the management
 * flag (12.5.3.3.4), GCMP's does not (12.5.5.3.4), both carry A2 and the
 * PN, so a wrong one gives other bytes exactly where the standard says.
 */
START_TEST(test_peek_frame)
{
	static const uint8_t ciphers[] = { FW_CIPHER_CCMP, FW_CIPHER_CCMP_256, FW_CIPHER_GCMP,
					   FW_CIPHER_GCMP_256 };
	static const char *const hdrs[] = {
		/* non-QoS data, ToDS */
		"0841000002000000000002000000010002000000000010c0",
		/* QoS data, FromDS, TID 5 */
		"8842000002000000000202000000000102000000000330000500",
		/* QoS data, ToDS|FromDS: A4 present, TID 6 */
		"8843000002000000000002000000010002000000000020000200000000020600",
		/* protected Deauthentication */
		"c04000006abbccddeeff90f652e6ef9290f652e6ef92f001",
	};
	static const size_t hdr_lens[] = { 24, 26, 32, 24 };
	/* an IPv4 MSDU: LLC/SNAP header, EtherType 0x0800, then bytes */
	uint8_t tk[32], hdr[40], body[120], enc[200], dec[200], got[16], a2[6];
	size_t elen, dlen;

	for (size_t i = 0; i < sizeof(tk); i++)
		tk[i] = (uint8_t)(0x71 + 13 * i);
	memcpy(body, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
	for (size_t i = 8; i < sizeof(body); i++)
		body[i] = (uint8_t)(i * 29);
	for (size_t c = 0; c < sizeof(ciphers); c++) {
		size_t tk_len = fw_cipher_tk_len(0x000fac00u | ciphers[c]);
		bool gcm = ciphers[c] == FW_CIPHER_GCMP || ciphers[c] == FW_CIPHER_GCMP_256;
		struct fw_aead_peek_key k = { 0 };

		ck_assert_int_eq(fw_aead_peek_key_init(&k, tk, tk_len), 0);
		for (size_t h = 0; h < 4; h++) {
			struct fw_aead_peek_frame fr;
			struct nonce_fields nf;
			char what[64];

			snprintf(what, sizeof(what), "cipher %u, header %zu", ciphers[c], h);
			tc_uint_cmp(what, th_hex(hdr, sizeof(hdr), hdrs[h]), ==, hdr_lens[h]);
			nf = fields_of(hdr);
			tc_uint_cmp(what, nf.priority, ==, h == 1 ? 5 : h == 2 ? 6 : 0);
			tc_int_cmp(what, fw_aead_encrypt(ciphers[c], tk, tk_len, hdr, hdr_lens[h],
					0x00123456789aULL + h, 1, body, sizeof(body), enc, &elen), ==, 0);
			tc_int_cmp(what, fw_aead_decrypt(ciphers[c], tk, tk_len, enc, elen,
					hdr_lens[h], dec, &dlen), ==, 0);
			tc_uint_cmp(what, dlen, ==, sizeof(body));
			for (size_t n = 0; n <= 16; n++) {
				memset(got, 0xee, sizeof(got));
				tc_int_cmp(what, fw_aead_peek_frame_init(&fr, ciphers[c], nf.a2,
						nf.priority, nf.mgmt, enc + hdr_lens[h],
						elen - hdr_lens[h], n), ==, 0);
				tc_int_cmp(what, fw_aead_peek_frame(&k, &fr, got), ==, 0);
				if (n)
					tc_mem_eq(what, got, dec, n);
				tc_uint_cmp(what, got[n < 16 ? n : 15], ==, n < 16 ? 0xee : dec[15]);
			}
			/* CCMP's nonce flags: the priority and the management bit */
			tc_int_cmp(what, fw_aead_peek_frame_init(&fr, ciphers[c], nf.a2,
					nf.priority ^ 1, nf.mgmt, enc + hdr_lens[h],
					elen - hdr_lens[h], 8), ==, 0);
			tc_int_cmp(what, fw_aead_peek_frame(&k, &fr, got), ==, 0);
			tc_int_cmp(what, memcmp(got, dec, 8) == 0, ==, gcm);
			tc_int_cmp(what, fw_aead_peek_frame_init(&fr, ciphers[c], nf.a2,
					nf.priority, !nf.mgmt, enc + hdr_lens[h],
					elen - hdr_lens[h], 8), ==, 0);
			tc_int_cmp(what, fw_aead_peek_frame(&k, &fr, got), ==, 0);
			tc_int_cmp(what, memcmp(got, dec, 8) == 0, ==, gcm);
			/* A2 and the PN, in every nonce */
			memcpy(a2, nf.a2, 6);
			a2[5] ^= 0x01;
			tc_int_cmp(what, fw_aead_peek_frame_init(&fr, ciphers[c], a2, nf.priority,
					nf.mgmt, enc + hdr_lens[h], elen - hdr_lens[h], 8), ==, 0);
			tc_int_cmp(what, fw_aead_peek_frame(&k, &fr, got), ==, 0);
			tc_int_cmp(what, memcmp(got, dec, 8) != 0, ==, 1);
			enc[hdr_lens[h] + 7] ^= 0x01;	/* PN5 */
			tc_int_cmp(what, fw_aead_peek_frame_init(&fr, ciphers[c], nf.a2,
					nf.priority, nf.mgmt, enc + hdr_lens[h],
					elen - hdr_lens[h], 8), ==, 0);
			tc_int_cmp(what, fw_aead_peek_frame(&k, &fr, got), ==, 0);
			tc_int_cmp(what, memcmp(got, dec, 8) != 0, ==, 1);
		}
		fw_aead_peek_key_clear(&k);
	}
}
END_TEST

/* The peek from decoded fields refuses what fw_aead_peek refuses. */
START_TEST(test_peek_frame_bad_input)
{
	uint8_t tk[32] = { 0 }, mpdu[64], out[16];
	struct fw_aead_peek_key k = { 0 }, k32 = { 0 };
	struct fw_aead_peek_frame fr;
	size_t len = th_hex(mpdu, sizeof(mpdu), m64_enc);
	const uint8_t *a2 = mpdu + 10, *body = mpdu + 24;
	size_t blen = len - 24;

	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, FW_CIPHER_CCMP, a2, 0, false, body, blen, 17),
			 FW_EINVAL);
	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, FW_CIPHER_CCMP, a2, 16, false, body, blen, 8),
			 FW_EINVAL);
	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, FW_CIPHER_TKIP, a2, 0, false, body, blen, 8),
			 FW_EUNSUPP);
	/* the CCMP header, the bytes asked for and the MIC must be there */
	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, FW_CIPHER_CCMP, a2, 0, false, body,
						 8 + 8 + 7, 8), FW_ETRUNC);
	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, FW_CIPHER_GCMP, a2, 0, false, body,
						 8 + 16 + 7, 8), FW_ETRUNC);
	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, FW_CIPHER_CCMP, a2, 0, false, body,
						 8 + 8 + 8, 8), 0);
	/* a key not made yet, a key of the other size */
	ck_assert_int_eq(fw_aead_peek_frame(&k, &fr, out), FW_EINVAL);
	ck_assert_int_eq(fw_aead_peek_key_init(&k32, tk, 32), 0);
	ck_assert_int_eq(fw_aead_peek_frame(&k32, &fr, out), FW_EINVAL);
	ck_assert_int_eq(fw_aead_peek_key_init(&k, tk, 16), 0);
	ck_assert_int_eq(fw_aead_peek_frame(&k, &fr, out), 0);
	/* no Ext IV bit in the CCMP header */
	mpdu[24 + 3] = 0;
	ck_assert_int_eq(fw_aead_peek_frame_init(&fr, FW_CIPHER_CCMP, a2, 0, false, body, blen, 8),
			 FW_EMALFORMED);
	ck_assert_int_eq(fw_aead_peek(&k, FW_CIPHER_CCMP, mpdu, len, 24, out, 8), FW_EMALFORMED);
	fw_aead_peek_key_clear(&k);
	fw_aead_peek_key_clear(&k32);
}
END_TEST

START_TEST(test_bad_input)
{
	uint8_t tk[16] = { 0 }, mpdu[64], out[64];
	size_t len, olen;

	len = th_hex(mpdu, sizeof(mpdu), m64_enc);
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_TKIP, tk, 16, mpdu, len, 24, out, &olen),
			 FW_EUNSUPP);
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 32, mpdu, len, 24, out, &olen),
			 FW_EINVAL);
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, 24 + 15, 24, out, &olen),
			 FW_ETRUNC);
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 20, out, &olen),
			 FW_ETRUNC);
	/* no Ext IV bit in the CCMP header */
	mpdu[24 + 3] = 0;
	ck_assert_int_eq(fw_aead_decrypt(FW_CIPHER_CCMP, tk, 16, mpdu, len, 24, out, &olen),
			 FW_EMALFORMED);
	/* encryption wants the Protected bit set and a 48-bit PN */
	th_hex(mpdu, sizeof(mpdu), m64_plain);
	mpdu[1] &= (uint8_t)~0x40;
	ck_assert_int_eq(fw_aead_encrypt(FW_CIPHER_CCMP, tk, 16, mpdu, 24, 1, 0, mpdu + 24, 20, out,
					 &olen), FW_EINVAL);
	mpdu[1] |= 0x40;
	ck_assert_int_eq(fw_aead_encrypt(FW_CIPHER_CCMP, tk, 16, mpdu, 24, 1ULL << 48, 0, mpdu + 24,
					 20, out, &olen), FW_EINVAL);
	/* a peek: a key of the cipher's size, a body holding the bytes asked for */
	{
		struct fw_aead_peek_key k = { 0 };

		/* no key yet: refused */
		ck_assert_int_eq(fw_aead_peek(&k, FW_CIPHER_CCMP, mpdu, 24 + 8 + 8 + 8, 24, out, 8),
				 FW_EINVAL);
		ck_assert_int_eq(fw_aead_peek_key_init(&k, tk, 24), FW_EINVAL);
		ck_assert(!fw_aead_peek_key_ready(&k));
		ck_assert_int_eq(fw_aead_peek_key_init(&k, tk, 16), 0);
		len = th_hex(mpdu, sizeof(mpdu), m64_enc);
		ck_assert_int_eq(fw_aead_peek(&k, FW_CIPHER_CCMP_256, mpdu, len, 24, out, 8),
				 FW_EINVAL);
		ck_assert_int_eq(fw_aead_peek(&k, FW_CIPHER_CCMP, mpdu, len, 24, out, 17), FW_EINVAL);
		ck_assert_int_eq(fw_aead_peek(&k, FW_CIPHER_CCMP, mpdu, 24 + 8 + 8 + 7, 24, out, 8),
				 FW_ETRUNC);
		fw_aead_peek_key_clear(&k);
		fw_aead_peek_key_clear(&k);	/* clearing twice is harmless */
	}
}
END_TEST

Suite *aead_suite(void)
{
	Suite *s = suite_create("aead");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_ccmp_m64);
	tcase_add_test(tc, test_real_gcmp);
	tcase_add_test(tc, test_real_ccmp_256);
	tcase_add_test(tc, test_real_ccmp_both_directions);
	tcase_add_test(tc, test_real_ccmp_management);
	tcase_add_test(tc, test_aad_masking);
	tcase_add_test(tc, test_round_trips);
	tcase_add_test(tc, test_kept_key_sequence);
	tcase_add_test(tc, test_peek_frame);
	tcase_add_test(tc, test_peek_frame_bad_input);
	tcase_add_test(tc, test_bad_input);
	suite_add_tcase(s, tc);
	return s;
}
