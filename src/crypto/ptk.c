/*
 * ptk.c - the pairwise transient key: 12.7.1.3 (PRF-SHA1 or KDF-Hash from
 * the PMK) and the FT key hierarchy of 12.7.1.7 (XXKey -> PMK-R0 -> PMK-R1
 * -> PTK).  The PTK is split KCK || KEK || TK as 12.7.1.3 lays it out.
 */
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/internal.h"
#include "crypto/kdf.h"
#include "crypto/ptk.h"
#include "util/err.h"

#define PTK_MAX 96	/* 32 + 32 + 32 */

void fw_ptk_wipe(struct fw_ptk *ptk)
{
	if (ptk)
		OPENSSL_cleanse(ptk, sizeof(*ptk));
}

static int check_lengths(const struct fw_akm_params *p, size_t tk_len)
{
	if (p->kck_len == 0 || p->kck_len > 32 || p->kek_len > 32 || tk_len == 0 || tk_len > 32)
		return FW_EINVAL;
	return 0;
}

static void split(const struct fw_akm_params *p, const uint8_t *ptk, size_t tk_len,
		  struct fw_ptk *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->kck, ptk, p->kck_len);
	out->kck_len = p->kck_len;
	memcpy(out->kek, ptk + p->kck_len, p->kek_len);
	out->kek_len = p->kek_len;
	memcpy(out->tk, ptk + p->kck_len + p->kek_len, tk_len);
	out->tk_len = tk_len;
}

int fw_ptk_derive(const struct fw_akm_params *p, const uint8_t *pmk, size_t pmk_len,
		  const uint8_t aa[6], const uint8_t spa[6],
		  const uint8_t anonce[32], const uint8_t snonce[32],
		  size_t tk_len, struct fw_ptk *out)
{
	static const char label[] = "Pairwise key expansion";
	uint8_t ctx[6 + 6 + 32 + 32], ptk[PTK_MAX];
	size_t n;
	enum fw_hash h;
	int err;

	if (!p || !pmk || pmk_len == 0 || !aa || !spa || !anonce || !snonce || !out || p->ft)
		return FW_EINVAL;
	err = check_lengths(p, tk_len);
	if (err)
		return err;
	n = p->kck_len + p->kek_len + tk_len;
	/* Min(AA,SPA) || Max(AA,SPA) || Min(ANonce,SNonce) || Max(ANonce,SNonce) */
	if (memcmp(aa, spa, 6) < 0) {
		memcpy(ctx, aa, 6);
		memcpy(ctx + 6, spa, 6);
	} else {
		memcpy(ctx, spa, 6);
		memcpy(ctx + 6, aa, 6);
	}
	if (memcmp(anonce, snonce, 32) < 0) {
		memcpy(ctx + 12, anonce, 32);
		memcpy(ctx + 44, snonce, 32);
	} else {
		memcpy(ctx + 12, snonce, 32);
		memcpy(ctx + 44, anonce, 32);
	}
	if (p->kdf == FW_KDF_PRF_SHA1) {
		err = fw_prf_sha1(pmk, pmk_len, label, ctx, sizeof(ctx), ptk, n);
	} else {
		err = fw_crypto_kdf_hash(p->kdf, &h);
		if (!err)
			err = fw_kdf_hash(h, pmk, pmk_len, label, ctx, sizeof(ctx), ptk, n);
	}
	if (!err)
		split(p, ptk, tk_len, out);
	OPENSSL_cleanse(ptk, sizeof(ptk));
	return err;
}

/*
 * 12.7.1.7.3: R0-Key-Data = KDF-Hash-(Q+128)(XXKey, "FT-R0", SSIDlength ||
 * SSID || MDID || R0KHlength || R0KH-ID || S0KH-ID); PMK-R0 is its first Q
 * bits, PMK-R0Name-Salt the last 128; PMKR0Name = Truncate-128(Hash("FT-R0N"
 * || PMK-R0Name-Salt)).  Q is the hash length.
 */
static int derive_r0(enum fw_hash h, size_t q, const uint8_t *xxkey, size_t xxkey_len,
		     const struct fw_ft_ids *ids, uint8_t *pmk_r0, uint8_t r0_name[16])
{
	uint8_t ctx[1 + 32 + 2 + 1 + 48 + 6], r0kd[FW_CRYPTO_MAX_MD + 16];
	uint8_t md[FW_CRYPTO_MAX_MD];
	struct fw_iov v[2];
	size_t n = 0, mdlen;
	int err;

	if ((!ids->ssid && ids->ssid_len) || ids->ssid_len > 32 || !ids->r0kh_id ||
	    ids->r0kh_id_len == 0 || ids->r0kh_id_len > 48)
		return FW_EINVAL;
	ctx[n++] = (uint8_t)ids->ssid_len;
	if (ids->ssid_len)
		memcpy(ctx + n, ids->ssid, ids->ssid_len);
	n += ids->ssid_len;
	/* the MDID as carried in the MDE: two octets, least significant first */
	ctx[n++] = (uint8_t)(ids->mdid & 0xff);
	ctx[n++] = (uint8_t)(ids->mdid >> 8);
	ctx[n++] = (uint8_t)ids->r0kh_id_len;
	memcpy(ctx + n, ids->r0kh_id, ids->r0kh_id_len);
	n += ids->r0kh_id_len;
	memcpy(ctx + n, ids->s0kh_id, 6);
	n += 6;
	err = fw_kdf_hash(h, xxkey, xxkey_len, "FT-R0", ctx, n, r0kd, q + 16);
	if (err)
		goto out;
	memcpy(pmk_r0, r0kd, q);
	v[0] = (struct fw_iov){ "FT-R0N", 6 };
	v[1] = (struct fw_iov){ r0kd + q, 16 };
	err = fw_crypto_hash_v(h, v, 2, md, &mdlen);
	if (!err)
		memcpy(r0_name, md, 16);
out:
	OPENSSL_cleanse(r0kd, sizeof(r0kd));
	return err;
}

int fw_ft_ptk_derive(const struct fw_akm_params *p, const uint8_t *xxkey, size_t xxkey_len,
		     const struct fw_ft_ids *ids, const uint8_t bssid[6], const uint8_t sta[6],
		     const uint8_t anonce[32], const uint8_t snonce[32],
		     size_t tk_len, struct fw_ptk *out, uint8_t *pmk_r1_name)
{
	uint8_t pmk_r0[FW_CRYPTO_MAX_MD], pmk_r1[FW_CRYPTO_MAX_MD], ptk[PTK_MAX];
	uint8_t r0_name[16], md[FW_CRYPTO_MAX_MD], ctx[32 + 32 + 6 + 6], r1ctx[12];
	struct fw_iov v[4];
	enum fw_hash h;
	size_t q, mdlen, n;
	int err;

	if (!p || !xxkey || xxkey_len == 0 || !ids || !bssid || !sta || !anonce || !snonce ||
	    !out || !p->ft || p->kdf == FW_KDF_PRF_SHA1)
		return FW_EINVAL;
	err = check_lengths(p, tk_len);
	if (err)
		return err;
	err = fw_crypto_kdf_hash(p->kdf, &h);
	if (err)
		return err;
	q = fw_crypto_md_len(h);
	n = p->kck_len + p->kek_len + tk_len;
	err = derive_r0(h, q, xxkey, xxkey_len, ids, pmk_r0, r0_name);
	if (err)
		goto out;
	/* 12.7.1.7.4: PMK-R1 = KDF-Hash-Q(PMK-R0, "FT-R1", R1KH-ID || S1KH-ID) */
	memcpy(r1ctx, ids->r1kh_id, 6);
	memcpy(r1ctx + 6, ids->s1kh_id, 6);
	err = fw_kdf_hash(h, pmk_r0, q, "FT-R1", r1ctx, sizeof(r1ctx), pmk_r1, q);
	if (err)
		goto out;
	if (pmk_r1_name) {
		/* PMKR1Name = Truncate-128(Hash("FT-R1N" || PMKR0Name || R1KH-ID || S1KH-ID)) */
		v[0] = (struct fw_iov){ "FT-R1N", 6 };
		v[1] = (struct fw_iov){ r0_name, 16 };
		v[2] = (struct fw_iov){ r1ctx, sizeof(r1ctx) };
		err = fw_crypto_hash_v(h, v, 3, md, &mdlen);
		if (err)
			goto out;
	}
	/* 12.7.1.7.5: PTK = KDF-Hash-Len(PMK-R1, "FT-PTK", SNonce || ANonce || BSSID || STA-ADDR) */
	memcpy(ctx, snonce, 32);
	memcpy(ctx + 32, anonce, 32);
	memcpy(ctx + 64, bssid, 6);
	memcpy(ctx + 70, sta, 6);
	err = fw_kdf_hash(h, pmk_r1, q, "FT-PTK", ctx, sizeof(ctx), ptk, n);
	if (err)
		goto out;
	split(p, ptk, tk_len, out);
	if (pmk_r1_name)
		memcpy(pmk_r1_name, md, 16);
out:
	OPENSSL_cleanse(pmk_r0, sizeof(pmk_r0));
	OPENSSL_cleanse(pmk_r1, sizeof(pmk_r1));
	OPENSSL_cleanse(ptk, sizeof(ptk));
	return err;
}
