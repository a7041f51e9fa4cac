/*
 * eapol.c - EAPOL (IEEE 802.1X-2020 11.3) and the EAPOL-Key frame body
 * (IEEE 802.11-2020 12.7.2, Figure 12-32).
 *
 * Everything is bounded by the length the EAPOL header declares, never by
 * the packet: bytes after 4 + body length (padding to the Ethernet minimum,
 * an FCS nobody flagged) are outside the frame the MIC covers.  They are
 * counted in `trailing` and otherwise ignored.
 */
#include <string.h>

#include "decode/eapol.h"
#include "util/cursor.h"
#include "util/err.h"

#define EAPOL_HDR_LEN 4
/* descriptor type .. Key ID (reserved): 1+2+2+8+32+16+8+8 */
#define EAPOL_KEY_FIXED 77
#define EAP_HDR_LEN 4
enum { EAP_REQUEST = 1, EAP_RESPONSE = 2 };

bool fw_is_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

/* EAP header (RFC 3748 4): code, identifier, length, and type for requests/responses. */
static void parse_eap(struct fw_eapol *e, const uint8_t *body, size_t len)
{
	struct fw_cursor c;
	uint16_t eap_len;

	fw_cur_init(&c, body, len);
	if (!fw_cur_u8(&c, &e->eap_code) || !fw_cur_u8(&c, &e->eap_id) ||
	    !fw_cur_u16be(&c, &eap_len))
		return;
	e->has_eap = true;
	if ((e->eap_code == EAP_REQUEST || e->eap_code == EAP_RESPONSE) && eap_len > EAP_HDR_LEN)
		fw_cur_u8(&c, &e->eap_type);
}

int fw_eapol_parse(struct fw_eapol *e, const uint8_t *data, size_t len,
		   const char **err_field, size_t *err_off)
{
	struct fw_cursor c;

	memset(e, 0, sizeof(*e));
	fw_cur_init(&c, data, len);
	e->start = data;
	e->avail = len;
	if (!fw_cur_u8(&c, &e->version) || !fw_cur_u8(&c, &e->type) ||
	    !fw_cur_u16be(&c, &e->body_len)) {
		*err_field = "eapol header";
		*err_off = 0;
		return FW_ETRUNC;
	}
	e->frame_len = EAPOL_HDR_LEN + (size_t)e->body_len;
	if (e->frame_len > len) {
		*err_field = "eapol body length";
		*err_off = 2;
		return FW_ETRUNC;
	}
	e->trailing = len - e->frame_len;
	if (e->type == FW_EAPOL_EAP)
		parse_eap(e, data + EAPOL_HDR_LEN, e->body_len);
	return 0;
}

int fw_eapol_key_parse(struct fw_eapol_key *k, const struct fw_eapol *e,
		       const char **err_field, size_t *err_off)
{
	struct fw_cursor c;

	memset(k, 0, sizeof(*k));
	if (e->type != FW_EAPOL_KEY) {
		*err_field = "eapol packet type";
		*err_off = 1;
		return FW_EINVAL;
	}
	/* the cursor covers exactly the declared frame; base = the EAPOL header */
	fw_cur_init(&c, e->start, e->frame_len);
	fw_cur_skip(&c, EAPOL_HDR_LEN);
	if (!fw_cur_u8(&c, &k->desc_type)) {
		*err_field = "key descriptor type";
		*err_off = fw_cur_offset(&c);
		return FW_EMALFORMED;
	}
	if (k->desc_type == FW_KEYDESC_RC4) {
		/* the RC4 descriptor of 802.1X-2004 carries WEP keys, not a handshake */
		*err_field = "key descriptor type";
		*err_off = EAPOL_HDR_LEN;
		return FW_EUNSUPP;
	}
	if (k->desc_type != FW_KEYDESC_RSN && k->desc_type != FW_KEYDESC_WPA) {
		*err_field = "key descriptor type";
		*err_off = EAPOL_HDR_LEN;
		return FW_EMALFORMED;
	}
	if (e->body_len < EAPOL_KEY_FIXED) {
		/* the declared body cannot hold the fixed fields */
		*err_field = "eapol-key fixed fields";
		*err_off = fw_cur_offset(&c);
		return FW_EMALFORMED;
	}
	fw_cur_u16be(&c, &k->key_info);
	fw_cur_u16be(&c, &k->key_len);
	fw_cur_u64be(&c, &k->replay_counter);
	fw_cur_ptr(&c, &k->nonce, 32);
	fw_cur_ptr(&c, &k->iv, 16);
	fw_cur_ptr(&c, &k->rsc, 8);
	fw_cur_skip(&c, 8);	/* Key ID, reserved */
	k->version = (uint8_t)(k->key_info & FW_KI_VERSION_MASK);
	k->mic_off = fw_cur_offset(&c);
	k->tail_len = fw_cur_left(&c);
	fw_cur_ptr(&c, &k->tail, k->tail_len);
	return 0;
}

int fw_eapol_key_split(const struct fw_eapol_key *k, size_t mic_len,
		       struct fw_eapol_key_tail *t)
{
	struct fw_cursor c;

	memset(t, 0, sizeof(*t));
	if (mic_len != 0 && mic_len != 16 && mic_len != 24 && mic_len != 32)
		return FW_EINVAL;
	fw_cur_init(&c, k->tail, k->tail_len);
	if (!fw_cur_ptr(&c, &t->mic, mic_len) || !fw_cur_u16be(&c, &t->key_data_len)) {
		memset(t, 0, sizeof(*t));
		return FW_ETRUNC;
	}
	t->mic_len = mic_len;
	if (!fw_cur_ptr(&c, &t->key_data, t->key_data_len)) {
		/* keep the MIC and the declared length: they are evidence */
		t->key_data = NULL;
		return FW_ETRUNC;
	}
	return 0;
}
