/*
 * ptk.h - pairwise key derivation (12.7.1.3 and, for FT, 12.7.1.7).
 */
#ifndef FW_CRYPTO_PTK_H
#define FW_CRYPTO_PTK_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/akm.h"

struct fw_ptk {
	uint8_t kck[32];
	size_t kck_len;
	uint8_t kek[32];
	size_t kek_len;
	uint8_t tk[32];
	size_t tk_len;
};

/*
 * PTK = KDF(PMK, "Pairwise key expansion", min(AA,SPA) || max(AA,SPA) ||
 * min(ANonce,SNonce) || max(ANonce,SNonce)), split into KCK, KEK, TK by the
 * lengths in p and tk_len.  p->kdf picks PRF-SHA1 or KDF-SHA256/384/512.
 * Not for FT (use fw_ft_ptk_derive).
 */
int fw_ptk_derive(const struct fw_akm_params *p, const uint8_t *pmk, size_t pmk_len,
		  const uint8_t aa[6], const uint8_t spa[6],
		  const uint8_t anonce[32], const uint8_t snonce[32],
		  size_t tk_len, struct fw_ptk *out);

/* Inputs of the FT key hierarchy (12.7.1.7), all from the MDE/FTE of the exchange. */
struct fw_ft_ids {
	const uint8_t *ssid; size_t ssid_len;
	uint16_t mdid;
	const uint8_t *r0kh_id; size_t r0kh_id_len;	/* 1..48 bytes */
	uint8_t r1kh_id[6];
	uint8_t s0kh_id[6];	/* the station's address */
	uint8_t s1kh_id[6];	/* the station's address */
};
/*
 * XXKey -> PMK-R0 -> PMK-R1 -> PTK = KDF(PMK-R1, "FT-PTK", SNonce || ANonce ||
 * BSSID || STA-ADDR).  The hash follows p->kdf (SHA-256 or SHA-384).
 * pmk_r1_name (16 bytes, may be NULL) receives PMKR1Name.
 */
int fw_ft_ptk_derive(const struct fw_akm_params *p, const uint8_t *xxkey, size_t xxkey_len,
		     const struct fw_ft_ids *ids, const uint8_t bssid[6], const uint8_t sta[6],
		     const uint8_t anonce[32], const uint8_t snonce[32],
		     size_t tk_len, struct fw_ptk *out, uint8_t *pmk_r1_name);

/* Wipe a PTK (OPENSSL_cleanse). */
void fw_ptk_wipe(struct fw_ptk *ptk);

#endif
