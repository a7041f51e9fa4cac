/*
 * pmkid.c - a verdict on the PMKID of every msg 1/4 that carries one.
 *
 * 12.7.1.3: PMKID = Truncate-128(HMAC-Hash(PMK, "PMK Name" | AA | SPA)),
 * Hash by the AKM (SHA-1 for AKMs 1 and 2, SHA-256 or SHA-384 for the
 * others); for an AKM fourway does not know, the key descriptor version
 * fixes it the same way (1/2: HMAC-SHA1-128, 3: HMAC-SHA256-128), which
 * fw_akm_params() already resolved.  Not checkable: SAE and OWE (the PMKID
 * comes from the exchange, not from the PMK), FT (msg 1/4 names the
 * PMK-R1, PMKR1Name, derived through the R0/R1 hierarchy), no key.
 * A PMKID-only capture (one msg 1/4, nothing else) still verifies or
 * refutes a key this way.
 */
#include <stdio.h>
#include <string.h>

#include "crypto/akm.h"
#include "crypto/kdf.h"
#include "crypto/mic.h"
#include "decode/eapol.h"
#include "handshake/internal.h"

static void set_unchecked(struct fw_msg *m, const char *why)
{
	struct fw_msg_more *x = hs_msg_more(m);

	m->pmkid_verdict = FW_PMKID_UNCHECKED;
	if (x)	/* out of memory: unchecked, the reason not said */
		snprintf(x->pmkid_reason, sizeof(x->pmkid_reason), "%s", why);
}

static const char *why_not(const struct fw_akm_params *p, uint8_t akm)
{
	if (akm == FW_AKM_SAE || akm == FW_AKM_FT_SAE || akm == FW_AKM_SAE_EXT_KEY ||
	    akm == FW_AKM_FT_SAE_EXT_KEY)
		return "SAE: the PMKID comes from the SAE exchange";
	if (akm == FW_AKM_OWE)
		return "OWE: the PMKID comes from the DH exchange";
	if (p->ft)
		return "FT: msg 1/4 names the PMK-R1 (PMKR1Name), not checked";
	if (!p->pmkid_checkable)
		return "the AKM does not derive the PMKID from the PMK";
	return NULL;
}

/* the keyring made the fingerprint with the key, unless the length changed since */
static void fp_hex(const struct fw_pmk_cand *k, char out[FW_KEY_FP_HEX])
{
	uint8_t made[FW_KEY_FP_LEN];
	const uint8_t *fp = k->fp;

	out[0] = '\0';
	if (!k->has_fp) {
		if (fw_key_fingerprint(k->pmk, k->pmk_len, made) != 0)
			return;
		fp = made;
	}
	for (size_t i = 0; i < FW_KEY_FP_LEN; i++) {
		out[2 * i] = "0123456789abcdef"[fp[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[fp[i] & 0xf];
	}
	out[2 * FW_KEY_FP_LEN] = '\0';
}

void hs_pmkid_verdicts(struct hs_link *l, const struct fw_akm_params *p, uint8_t akm,
		       const struct fw_pmk_cand *cands, size_t n, const char *unchecked)
{
	const char *why = p ? why_not(p, akm) : unchecked;

	if (!why && !n)
		why = unchecked && unchecked[0] ? unchecked : "no key given";
	for (size_t i = 0; i < l->n_msgs; i++) {
		struct fw_msg *m = &l->msgs[i];

		m->pmkid_verdict = FW_PMKID_NONE;
		m->pmkid_key = 0;
		m->pmkid_keys_tried = 0;
		m->pmkid_key_fp[0] = '\0';
		m->pmkid_key_origin = NULL;
		if (m->more)
			m->more->pmkid_reason[0] = '\0';
		if (m->type != FW_MSG_M1 || !m->has_pmkid)
			continue;
		if (why) {
			set_unchecked(m, why);
			continue;
		}
		/* an all-zero PMKID names no key: some APs send it as a placeholder */
		if (fw_is_zero(m->pmkid, sizeof(m->pmkid))) {
			set_unchecked(m, "all-zero PMKID (a placeholder, it names no key)");
			continue;
		}
		m->pmkid_verdict = FW_PMKID_MISMATCH;
		m->pmkid_keys_tried = (unsigned)n;
		for (size_t k = 0; k < n; k++) {
			uint8_t pmkid[16];

			if (fw_pmkid(p->pmkid_hash, cands[k].pmk, cands[k].pmk_len, l->pub.bssid,
				     l->pub.sta, pmkid) != 0 || memcmp(pmkid, m->pmkid, 16) != 0)
				continue;
			m->pmkid_verdict = FW_PMKID_OK;
			m->pmkid_key = cands[k].key_id;
			m->pmkid_key_origin = cands[k].origin;
			fp_hex(&cands[k], m->pmkid_key_fp);
			break;
		}
	}
}
