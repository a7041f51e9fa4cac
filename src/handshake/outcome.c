/*
 * outcome.c - each handshake's outcome once its messages are verified:
 * what the protocol shows, whatever key was given.  A MIC that fails with
 * the key given while the sides evidently agree (FW_MICV_KEY_WRONG,
 * agree.c) counts as unchecked, as with no key at all; only a real
 * FW_MICV_BAD (the frame itself, or sides that disagree) counts as a
 * failure:
 * complete (an M3 and the M4 answering it, no MIC failure; when the link
 * was torn down, an M4 answering the last M3, or frames the AP protected
 * with the new PTK), failed (a MIC
 * failure, or a deauthentication before completion), or incomplete (the
 * capture does not show the rest: which messages are missing is said).
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

/*
 * The authenticator installs the PTK once it accepts a 4/4 (12.7.6.5): a
 * frame it protected with this handshake's PTK shows that a 4/4 reached it,
 * even one the capture saw go out before the AP's 3/4 retries (a 4/4 held
 * up on the way, the retries answered only with protected frames).
 */
static bool ap_installed_ptk(const struct hs_link *l, size_t h)
{
	for (size_t i = 0; i < l->n_pframes; i++)
		if (l->pframes[i].from_ap && l->pframes[i].dec_hs == (int)h &&
		    (l->pframes[i].dec_key == FW_DEC_NEW || l->pframes[i].dec_key == FW_DEC_PREV))
			return true;
	return false;
}

/*
 * A (re)association after the handshake's msg 3/4 and before a 4/4
 * answering it: the AP deleted the station's keys and restarted its state
 * machine there, so that 4/4 reached an AP that no longer waited for it.
 * Returns the association's kev, or NULL.
 */
static const struct hs_kev *restart_before(const struct hs_link *l, const struct fw_msg *m3,
					   const struct fw_msg *m4)
{
	for (size_t k = 0; k < l->n_kev; k++) {
		const struct hs_kev *e = &l->kev[k];

		if (e->kind == HS_KEV_ASSOC &&
		    hs_earlier(m3->file, m3->frame, m3->ts_ns, e->file, e->frame, e->ts_ns) &&
		    hs_earlier(e->file, e->frame, e->ts_ns, m4->file, m4->frame, m4->ts_ns))
			return e;
	}
	return NULL;
}

static void outcome_of(struct hs_link *l, size_t h)
{
	struct fw_handshake *hs = &l->hs[h];
	bool seen[8] = { false };
	bool bad = false, m4_answers_m3 = false, m4_answers_last = false, recovered = false;
	bool g2 = false;
	const struct hs_kev *restarted = NULL;	/* an association between a 3/4 and its 4/4 */
	uint64_t last_m3_rc = 0;
	bool any_m3 = false;
	unsigned key = 0;
	char missing[64] = "";
	struct hs_hs_iter it, it3;
	size_t i, j;

	hs->key_fp[0] = '\0';
	hs->key_origin = NULL;
	hs->key_by_pmkid = false;

	for (hs_hs_iter_init(&it, l, h); hs_hs_next(&it, &i);) {
		const struct fw_msg *m = &l->msgs[i];

		seen[m->type] = true;
		if (m->mic == FW_MICV_BAD)
			bad = true;
		if (m->mic == FW_MICV_OK && !key) {
			key = m->key_id;
			memcpy(hs->key_fp, m->key_fp, sizeof(hs->key_fp));
			hs->key_origin = m->key_origin;
		}
		if (m->type == FW_MSG_M3 && m->mic != FW_MICV_BAD) {
			last_m3_rc = m->replay_counter;
			any_m3 = true;
		}
		if (m->type == FW_MSG_M4 && m->mic != FW_MICV_BAD) {
			for (hs_hs_iter_init(&it3, l, h); hs_hs_next(&it3, &j);) {
				const struct fw_msg *m3 = &l->msgs[j];
				const struct hs_kev *e;

				if (m3->type != FW_MSG_M3 ||
				    m3->replay_counter != m->replay_counter || m3->mic == FW_MICV_BAD)
					continue;
				if ((e = restart_before(l, m3, m)) != NULL) {
					restarted = e;
					continue;
				}
				m4_answers_m3 = true;
			}
		}
		if (m->type == FW_MSG_G2 && m->mic != FW_MICV_BAD)
			g2 = true;
	}
	/* nothing verified by a MIC: msg 1/4's PMKID may still name the key (a PMKID-only capture) */
	for (hs_hs_iter_init(&it, l, h); !key && hs_hs_next(&it, &i);) {
		const struct fw_msg *m = &l->msgs[i];

		if (m->pmkid_verdict == FW_PMKID_OK) {
			key = m->pmkid_key;
			memcpy(hs->key_fp, m->pmkid_key_fp, sizeof(hs->key_fp));
			hs->key_origin = m->pmkid_key_origin;
			hs->key_by_pmkid = true;
		}
	}
	hs->key_id = key;
	if (hs->group) {
		if (bad) {
			hs->outcome = FW_OUT_FAILED;
			snprintf(hs->outcome_detail, sizeof(hs->outcome_detail), "MIC failed");
		} else if (seen[FW_MSG_G1] && g2) {
			hs->outcome = FW_OUT_COMPLETE;
		} else {
			hs->outcome = hs->ended ? FW_OUT_FAILED : FW_OUT_INCOMPLETE;
			snprintf(hs->outcome_detail, sizeof(hs->outcome_detail), "missing %s",
				 seen[FW_MSG_G1] ? "G2" : "G1");
		}
		return;
	}
	/*
	 * An M4 followed by further M3 retries and a deauthentication never
	 * reached (or never satisfied) the AP: that handshake did not complete.
	 */
	for (hs_hs_iter_init(&it, l, h); any_m3 && hs_hs_next(&it, &i);) {
		const struct fw_msg *m = &l->msgs[i];

		/* a 4/4 protected with the new TK answers a plaintext 3/4 the AP cannot read */
		if (m->type == FW_MSG_M4 && m->mic != FW_MICV_BAD &&
		    m->replay_counter == last_m3_rc && !(m->protected_ && m->dec_key == FW_DEC_NEW)) {
			m4_answers_last = true;
			recovered |= m->mic == FW_MICV_OK;
		}
	}
	if (any_m3 && !m4_answers_last && seen[FW_MSG_M4] && ap_installed_ptk(l, h))
		m4_answers_last = true;
	if (hs->ended && hs->end_reason == 15)
		m4_answers_last = recovered = false;	/* the AP itself says it timed out */
	/* a rejected message the exchange got past (a stale 2/4, then a good one) */
	if (bad && recovered) {
		hs->outcome = FW_OUT_COMPLETE;
		snprintf(hs->outcome_detail, sizeof(hs->outcome_detail),
			 "after a message that failed its MIC");
		return;
	}
	/*
	 * 2/4s that fail with the key given and that the AP never answered: the
	 * protocol shows only an unfinished handshake (whose key the given one
	 * may not be), as with no key; MIC_BAD says the rest.
	 */
	if (bad && !any_m3 && !seen[FW_MSG_M4])
		bad = false;
	if (bad) {
		hs->outcome = FW_OUT_FAILED;
		snprintf(hs->outcome_detail, sizeof(hs->outcome_detail), "MIC failed");
	} else if (hs->ended && any_m3 && !m4_answers_last) {
		hs->outcome = FW_OUT_INCOMPLETE;	/* made "failed" by the end below */
	} else if (restarted && !m4_answers_m3) {
		hs->outcome = FW_OUT_FAILED;
		snprintf(hs->outcome_detail, sizeof(hs->outcome_detail),
			 "abandoned: the AP restarted at the %s in frame %llu, before msg 4/4",
			 restarted->reassoc ? "reassociation" : "association",
			 (unsigned long long)restarted->frame);
		return;
	} else if (m4_answers_m3 || (seen[FW_MSG_M3] && seen[FW_MSG_M4])) {
		hs->outcome = FW_OUT_COMPLETE;
		if (!seen[FW_MSG_M1] || !seen[FW_MSG_M2])
			snprintf(hs->outcome_detail, sizeof(hs->outcome_detail), "%s%s%s not captured",
				 seen[FW_MSG_M1] ? "" : "M1", !seen[FW_MSG_M1] && !seen[FW_MSG_M2] ? ", " : "",
				 seen[FW_MSG_M2] ? "" : "M2");
		return;
	} else {
		hs->outcome = FW_OUT_INCOMPLETE;
		for (int t = FW_MSG_M1; t <= FW_MSG_M4; t++) {
			if (seen[t])
				continue;
			if (missing[0])
				strncat(missing, ", ", sizeof(missing) - strlen(missing) - 1);
			strncat(missing, hs_msg_name((enum fw_msg_type)t),
				sizeof(missing) - strlen(missing) - 1);
		}
		snprintf(hs->outcome_detail, sizeof(hs->outcome_detail), "missing %s", missing);
	}
	if (hs->ended) {
		hs->outcome = FW_OUT_FAILED;
		snprintf(hs->outcome_detail, sizeof(hs->outcome_detail),
			 "%s by the %s (reason %u: %s), frame %llu",
			 hs->end_disassoc ? "disassociated" : "deauthenticated",
			 hs->end_from_ap ? "AP" : "station", hs->end_reason,
			 hs_reason_name(hs->end_reason), (unsigned long long)hs->end_frame);
	}
}

void hs_outcomes(struct fw_core *c, struct hs_link *l)
{
	(void)c;
	for (size_t h = 0; h < l->n_hs; h++)
		outcome_of(l, h);
}
