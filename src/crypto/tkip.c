/*
 * tkip.c - TKIP MPDU decryption (IEEE 802.11-2020 12.5.2).
 *
 * The per-packet RC4 key comes from the two-phase key mixing of 12.5.2.5:
 * phase 1 mixes the TK, the transmitter address and the upper 32 bits of
 * the TSC into the TTAK; phase 2 mixes the TTAK, the TK and the lower 16
 * bits into the 16-octet WEP seed.  Both use a 16-bit S-box built from the
 * AES S-box (each entry xtime(S) || xtime(S) ^ S).  RC4 itself comes from
 * OpenSSL (keywrap.c).  A frame decrypts when its ICV, the CRC-32 of the
 * plaintext, matches; the Michael MIC (the 8 octets before the ICV) is left
 * in place for the caller to strip: this is a sniffer confirming a key, and
 * the ICV already tells a right key from a wrong one.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/keywrap.h"
#include "crypto/tkip.h"
#include "util/crc32.h"
#include "util/err.h"

#define MK16(hi, lo) ((uint16_t)(((uint16_t)(hi) << 8) | (lo)))
#define ROTR1(v) ((uint16_t)(((v) >> 1) | ((v) << 15)))

static uint8_t xtime(uint8_t b)
{
	return (uint8_t)((b << 1) ^ ((b & 0x80) ? 0x1b : 0));
}

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
	uint8_t r = 0;

	while (b) {
		if (b & 1)
			r ^= a;
		a = xtime(a);
		b >>= 1;
	}
	return r;
}

/* The AES S-box entry of x (FIPS 197 5.1.1): the inverse in GF(2^8), then the affine map. */
static uint8_t aes_sbox(uint8_t x)
{
	uint8_t inv = 0, s;

	for (unsigned c = 1; c < 256 && x; c++)
		if (gf_mul(x, (uint8_t)c) == 1) {
			inv = (uint8_t)c;
			break;
		}
	s = inv;
	for (int i = 1; i <= 4; i++)
		s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
	return (uint8_t)(s ^ 0x63);
}

/* _S_(v) of 12.5.2.5: the S-box of the low octet, xor the byte-swapped one of the high. */
static uint16_t tkip_s(const uint16_t sbox[256], uint16_t v)
{
	uint16_t hi = sbox[v >> 8];

	return (uint16_t)(sbox[v & 0xff] ^ (uint16_t)((hi << 8) | (hi >> 8)));
}

static void build_sbox(uint16_t sbox[256])
{
	for (unsigned i = 0; i < 256; i++) {
		uint8_t s = aes_sbox((uint8_t)i), x = xtime(s);

		sbox[i] = MK16(x, x ^ s);
	}
}

static void phase1(const uint16_t sbox[256], uint16_t ttak[5], const uint8_t tk[16],
		   const uint8_t ta[6], uint32_t iv32)
{
	ttak[0] = (uint16_t)(iv32 & 0xffff);
	ttak[1] = (uint16_t)(iv32 >> 16);
	ttak[2] = MK16(ta[1], ta[0]);
	ttak[3] = MK16(ta[3], ta[2]);
	ttak[4] = MK16(ta[5], ta[4]);
	for (unsigned i = 0; i < 8; i++) {
		unsigned j = 2 * (i & 1);

		ttak[0] = (uint16_t)(ttak[0] + tkip_s(sbox, ttak[4] ^ MK16(tk[1 + j], tk[j])));
		ttak[1] = (uint16_t)(ttak[1] + tkip_s(sbox, ttak[0] ^ MK16(tk[5 + j], tk[4 + j])));
		ttak[2] = (uint16_t)(ttak[2] + tkip_s(sbox, ttak[1] ^ MK16(tk[9 + j], tk[8 + j])));
		ttak[3] = (uint16_t)(ttak[3] + tkip_s(sbox, ttak[2] ^ MK16(tk[13 + j], tk[12 + j])));
		ttak[4] = (uint16_t)(ttak[4] + tkip_s(sbox, ttak[3] ^ MK16(tk[1 + j], tk[j])) + i);
	}
}

static void phase2(const uint16_t sbox[256], uint8_t seed[16], const uint16_t ttak[5],
		   const uint8_t tk[16], uint16_t iv16)
{
	uint16_t ppk[6];

	memcpy(ppk, ttak, 5 * sizeof(ppk[0]));
	ppk[5] = (uint16_t)(ttak[4] + iv16);
	ppk[0] = (uint16_t)(ppk[0] + tkip_s(sbox, ppk[5] ^ MK16(tk[1], tk[0])));
	ppk[1] = (uint16_t)(ppk[1] + tkip_s(sbox, ppk[0] ^ MK16(tk[3], tk[2])));
	ppk[2] = (uint16_t)(ppk[2] + tkip_s(sbox, ppk[1] ^ MK16(tk[5], tk[4])));
	ppk[3] = (uint16_t)(ppk[3] + tkip_s(sbox, ppk[2] ^ MK16(tk[7], tk[6])));
	ppk[4] = (uint16_t)(ppk[4] + tkip_s(sbox, ppk[3] ^ MK16(tk[9], tk[8])));
	ppk[5] = (uint16_t)(ppk[5] + tkip_s(sbox, ppk[4] ^ MK16(tk[11], tk[10])));
	ppk[0] = (uint16_t)(ppk[0] + ROTR1((uint16_t)(ppk[5] ^ MK16(tk[13], tk[12]))));
	ppk[1] = (uint16_t)(ppk[1] + ROTR1((uint16_t)(ppk[0] ^ MK16(tk[15], tk[14]))));
	ppk[2] = (uint16_t)(ppk[2] + ROTR1(ppk[1]));
	ppk[3] = (uint16_t)(ppk[3] + ROTR1(ppk[2]));
	ppk[4] = (uint16_t)(ppk[4] + ROTR1(ppk[3]));
	ppk[5] = (uint16_t)(ppk[5] + ROTR1(ppk[4]));
	seed[0] = (uint8_t)(iv16 >> 8);
	seed[1] = (uint8_t)(((iv16 >> 8) | 0x20) & 0x7f);
	seed[2] = (uint8_t)(iv16 & 0xff);
	seed[3] = (uint8_t)(((ppk[5] ^ MK16(tk[1], tk[0])) >> 1) & 0xff);
	for (unsigned i = 0; i < 6; i++) {
		seed[4 + 2 * i] = (uint8_t)(ppk[i] & 0xff);
		seed[5 + 2 * i] = (uint8_t)(ppk[i] >> 8);
	}
	OPENSSL_cleanse(ppk, sizeof(ppk));
}

int fw_tkip_mix(const uint8_t tk[16], const uint8_t ta[6], uint64_t tsc, uint8_t seed[16])
{
	uint16_t sbox[256], ttak[5];

	if (!tk || !ta || !seed)
		return FW_EINVAL;
	build_sbox(sbox);
	phase1(sbox, ttak, tk, ta, (uint32_t)(tsc >> 16));
	phase2(sbox, seed, ttak, tk, (uint16_t)(tsc & 0xffff));
	OPENSSL_cleanse(ttak, sizeof(ttak));
	return 0;
}

int fw_tkip_decrypt(const uint8_t *tk, size_t tk_len, const uint8_t *mpdu, size_t len,
		    size_t hdr_len, uint8_t *out, size_t *out_len)
{
	const uint8_t *iv;
	uint8_t seed[16];
	uint64_t tsc;
	size_t n;
	uint32_t icv;
	int err;

	if (!tk || tk_len < 16 || !mpdu || !out || !out_len || hdr_len < 16 ||
	    len < hdr_len + 8 + 12)
		return FW_EINVAL;
	iv = mpdu + hdr_len;
	if (!(iv[3] & 0x20))
		return FW_EMALFORMED;	/* TKIP always sets Ext IV (12.5.2.3) */
	/* TSC0 is the IV's third octet, TSC1 its first; TSC2..5 follow the key id octet */
	tsc = (uint64_t)iv[2] | (uint64_t)iv[0] << 8 | (uint64_t)iv[4] << 16 |
	      (uint64_t)iv[5] << 24 | (uint64_t)iv[6] << 32 | (uint64_t)iv[7] << 40;
	n = len - hdr_len - 8;
	if (n > 4096)
		return FW_EINVAL;
	if ((err = fw_tkip_mix(tk, mpdu + 10, tsc, seed)) != 0)
		return err;
	err = fw_rc4(seed, sizeof(seed), iv + 8, n, out);
	OPENSSL_cleanse(seed, sizeof(seed));
	if (err)
		return err;
	icv = (uint32_t)out[n - 4] | (uint32_t)out[n - 3] << 8 | (uint32_t)out[n - 2] << 16 |
	      (uint32_t)out[n - 1] << 24;
	if (fw_crc32(out, n - 4) != icv) {
		OPENSSL_cleanse(out, n);
		return FW_EVERIFY;
	}
	*out_len = n - 4 - 8;	/* without the ICV and the Michael MIC */
	return 0;
}
