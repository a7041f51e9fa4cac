/*
 * mic.h - the EAPOL-Key MIC (12.7.2, Table 12-11) and the PMKID (12.7.1.3).
 */
#ifndef FW_CRYPTO_MIC_H
#define FW_CRYPTO_MIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crypto/akm.h"

/*
 * MIC of data[0..len) (the whole EAPOL frame with its MIC field zeroed) with
 * the KCK; writes mic_len bytes (the MAC truncated as the AKM says).
 */
int fw_mic_compute(enum fw_mic_alg alg, const uint8_t *kck, size_t kck_len,
		   const uint8_t *data, size_t len, uint8_t *mic, size_t mic_len);
/*
 * Verify the MIC of an EAPOL frame in place-free fashion: copies frame
 * (len <= 4096 bytes), zeroes mic_len bytes at mic_off, computes and compares
 * in constant time.  Returns 0 when it verifies, FW_EVERIFY when not, or
 * another negative code.
 */
int fw_mic_verify(enum fw_mic_alg alg, const uint8_t *kck, size_t kck_len,
		  const uint8_t *frame, size_t len, size_t mic_off, size_t mic_len);

/* PMKID = Truncate-128(HMAC-Hash(PMK, "PMK Name" || AA || SPA)). */
int fw_pmkid(enum fw_hash hash, const uint8_t *pmk, size_t pmk_len,
	     const uint8_t aa[6], const uint8_t spa[6], uint8_t pmkid[16]);

#endif
