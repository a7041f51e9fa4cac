/*
 * classify.c - which message of which handshake an EAPOL-Key frame is.
 *
 * Key-information bits first (12.7.6): Request -> REQ; not Pairwise -> group
 * (Ack: G1, else G2); Pairwise with Ack: M1 without MIC, M3 with it.
 * Without Ack the frame is M2 or M4, and the bits cannot always tell them
 * apart (rekeys set Secure on M2; WPA1 never sets Secure; some stacks put a
 * nonce in M4), so: Key Data present -> M2; zero nonce -> M4; then the
 * replay-counter pairing with an earlier M3 of the link; then Secure.
 */
#include "decode/eapol.h"
#include "handshake/internal.h"

const char *hs_msg_name(enum fw_msg_type t)
{
	switch (t) {
	case FW_MSG_M1: return "M1";
	case FW_MSG_M2: return "M2";
	case FW_MSG_M3: return "M3";
	case FW_MSG_M4: return "M4";
	case FW_MSG_G1: return "G1";
	case FW_MSG_G2: return "G2";
	case FW_MSG_REQ: return "REQ";
	default: return "?";
	}
}

static bool rc_answers_m3(const struct hs_link *l, uint64_t rc)
{
	for (size_t i = l->n_msgs; i-- > 0;)
		if (l->msgs[i].type == FW_MSG_M3 && l->msgs[i].replay_counter == rc)
			return true;
	return false;
}

static bool rc_answers_m1(const struct hs_link *l, uint64_t rc)
{
	for (size_t i = l->n_msgs; i-- > 0;)
		if (l->msgs[i].type == FW_MSG_M1 && l->msgs[i].replay_counter == rc)
			return true;
	return false;
}

enum fw_msg_type hs_classify(const struct fw_eapol_key *k, const struct hs_link *l, size_t mic_len)
{
	uint16_t ki = k->key_info;
	struct fw_eapol_key_tail t;
	bool has_kd = false;

	if (ki & FW_KI_REQUEST)
		return FW_MSG_REQ;
	if (!(ki & FW_KI_PAIRWISE))
		return (ki & FW_KI_ACK) ? FW_MSG_G1 : FW_MSG_G2;
	if (ki & FW_KI_ACK)
		return (ki & FW_KI_MIC) ? FW_MSG_M3 : FW_MSG_M1;

	if (fw_eapol_key_split(k, mic_len, &t) == 0)
		has_kd = t.key_data_len > 0;
	if (has_kd)
		return FW_MSG_M2;
	if (fw_is_zero(k->nonce, 32))
		return FW_MSG_M4;
	if (l && rc_answers_m3(l, k->replay_counter) && !rc_answers_m1(l, k->replay_counter))
		return FW_MSG_M4;
	if (l && rc_answers_m1(l, k->replay_counter))
		return FW_MSG_M2;
	return (ki & FW_KI_SECURE) ? FW_MSG_M4 : FW_MSG_M2;
}
