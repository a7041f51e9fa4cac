/*
 * keydata.c - what EAPOL-Key Key Data carries: the PMKID KDE of M1, the
 * RSNE (or WPA IE) of M2 and M3, and after unwrapping with the KEK the GTK,
 * IGTK and BIGTK KDEs of M3 and G1 (12.7.2, 12.7.6).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "crypto/keywrap.h"
#include "decode/eapol.h"
#include "decode/ie.h"
#include "handshake/internal.h"
#include "handshake/keydata.h"
#include "util/cursor.h"
#include "util/err.h"

int hs_split_any(const struct fw_eapol_key *k, size_t prefer, struct fw_eapol_key_tail *t)
{
	static const size_t lens[] = { 16, 24, 32, 0 };

	/* the MIC length is the one whose Key Data Length exactly fills the frame */
	if (fw_eapol_key_split(k, prefer, t) == 0 && prefer + 2 + t->key_data_len == k->tail_len)
		return 0;
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		if (lens[i] == prefer)
			continue;
		if (fw_eapol_key_split(k, lens[i], t) == 0 &&
		    lens[i] + 2 + t->key_data_len == k->tail_len)
			return 0;
	}
	return fw_eapol_key_split(k, prefer, t);
}

int hs_reparse(const struct hs_msg_priv *p, struct fw_eapol *e, struct fw_eapol_key *k)
{
	const char *field;
	size_t off;
	int err = fw_eapol_parse(e, p->eapol, p->eapol_len, &field, &off);

	if (err)
		return err;
	return fw_eapol_key_parse(k, e, &field, &off);
}

void hs_keydata_scan(const uint8_t *kd, size_t len, struct fw_msg *m, struct hs_msg_priv *p)
{
	struct fw_cursor c;
	struct fw_kde kde;
	struct fw_msg_more *x;
	bool have_rsne = p->rsne && p->rsne->n > 0;

	fw_cur_init(&c, kd, len);
	while (fw_kde_next(&c, &kde) == 1) {
		if (!kde.is_kde) {
			if (!have_rsne && kde.type == FW_EID_RSN) {
				have_rsne = hs_elem_set_new(&p->rsne, &kde.ie, m->file, m->frame);
				p->rsne_wpa1 = false;
			} else if (!have_rsne && kde.type == FW_EID_VENDOR && kde.ie.len >= 4 &&
				   kde.ie.data[0] == 0x00 && kde.ie.data[1] == 0x50 &&
				   kde.ie.data[2] == 0xf2 && kde.ie.data[3] == 0x01) {
				have_rsne = hs_elem_set_new(&p->rsne, &kde.ie, m->file, m->frame);
				p->rsne_wpa1 = true;
			}
			continue;
		}
		switch (kde.type) {
		case FW_KDE_PMKID:
			if (kde.len >= 16) {
				memcpy(m->pmkid, kde.data, 16);
				m->has_pmkid = true;
			}
			break;
		case FW_KDE_GTK:
			/* KeyID/Tx octet, reserved octet, GTK */
			if (kde.len >= 2 + 5 && kde.len - 2 <= sizeof(x->gtk) &&
			    (x = hs_msg_more(m)) != NULL) {
				x->gtk_keyid = kde.data[0] & 0x03;
				x->gtk_len = (uint8_t)(kde.len - 2);
				memcpy(x->gtk, kde.data + 2, x->gtk_len);
			}
			break;
		case FW_KDE_IGTK:
		case FW_KDE_BIGTK:
			/* KeyID (2), IPN/BIPN (6), key */
			if (kde.len >= 8 + 16 && kde.len - 8 <= 32 && (x = hs_msg_more(m)) != NULL) {
				uint16_t id = (uint16_t)(kde.data[0] | (kde.data[1] << 8));

				if (kde.type == FW_KDE_IGTK) {
					x->igtk_keyid = id;
					x->igtk_len = (uint8_t)(kde.len - 8);
					memcpy(x->igtk, kde.data + 8, x->igtk_len);
				} else {
					x->bigtk_keyid = id;
					x->bigtk_len = (uint8_t)(kde.len - 8);
					memcpy(x->bigtk, kde.data + 8, x->bigtk_len);
				}
			}
			break;
		case FW_KDE_MLO_GTK:
		case FW_KDE_MLO_IGTK:
		case FW_KDE_MLO_BIGTK:
		case FW_KDE_MLO_LINK:
			m->mlo = true;
			break;
		default:
			break;
		}
	}
}

/* Why m's Key Data could not be unwrapped (lost when memory runs out, as the keys would be). */
static void __attribute__((format(printf, 2, 3))) kd_error(struct fw_msg *m, const char *fmt, ...)
{
	struct fw_msg_more *x = hs_msg_more(m);
	va_list ap;

	if (!x)
		return;
	va_start(ap, fmt);
	vsnprintf(x->kd_error, sizeof(x->kd_error), fmt, ap);
	va_end(ap);
}

int hs_keydata_decrypt(struct fw_msg *m, struct hs_msg_priv *p, const struct fw_ptk *ptk)
{
	struct fw_eapol e;
	struct fw_eapol_key k;
	struct fw_eapol_key_tail t;
	uint8_t plain[1024];
	size_t plain_len;
	int err;

	if (hs_reparse(p, &e, &k) != 0)
		return -1;
	if (hs_split_any(&k, 16, &t) != 0 || t.key_data_len == 0)
		return 0;
	if (!(m->key_info & FW_KI_ENC_KEY_DATA) && m->desc_type != FW_KEYDESC_WPA) {
		hs_keydata_scan(t.key_data, t.key_data_len, m, p);
		return 0;
	}
	if (!(m->key_info & FW_KI_ENC_KEY_DATA)) {
		/* WPA1 M3: the WPA IE travels in the clear */
		hs_keydata_scan(t.key_data, t.key_data_len, m, p);
		return 0;
	}
	if (t.key_data_len > sizeof(plain)) {
		kd_error(m, "key data too long (%u bytes)", t.key_data_len);
		return -1;
	}
	if (m->version == 1) {
		if (ptk->kek_len < 16)
			return -1;
		err = fw_rc4_keydata(ptk->kek, k.iv, t.key_data, t.key_data_len, plain);
		plain_len = t.key_data_len;
	} else {
		if (t.key_data_len < 24 || t.key_data_len % 8) {
			kd_error(m, "wrapped key data length %u is not a multiple of 8",
				 t.key_data_len);
			return -1;
		}
		err = fw_aes_unwrap(ptk->kek, ptk->kek_len, t.key_data, t.key_data_len, plain);
		plain_len = t.key_data_len - 8;
	}
	if (err) {
		kd_error(m, "key data unwrap failed (%s)",
			 err == FW_EVERIFY ? "integrity check" : "error");
		OPENSSL_cleanse(plain, t.key_data_len);	/* as far as it could have written */
		return -1;
	}
	m->kd_decrypted = true;
	if (m->type == FW_MSG_G1 && m->desc_type == FW_KEYDESC_WPA) {
		/* WPA1 group message: the Key Data is the bare GTK */
		struct fw_msg_more *x;

		if (plain_len <= sizeof(x->gtk) && (x = hs_msg_more(m)) != NULL) {
			x->gtk_len = (uint8_t)plain_len;
			x->gtk_keyid = (uint8_t)((m->key_info & FW_KI_INDEX_MASK) >> 4);
			memcpy(x->gtk, plain, plain_len);
		}
	} else {
		hs_keydata_scan(plain, plain_len, m, p);
	}
	/* the GTK and IGTK in it: what was written, not the whole buffer */
	OPENSSL_cleanse(plain, plain_len);
	return 0;
}
