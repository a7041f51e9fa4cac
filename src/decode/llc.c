/*
 * llc.c - LLC/SNAP (IEEE 802-2014 10.5; RFC 1042) and the step into EAPOL
 * that every link type shares.
 */
#include "decode/eapol.h"
#include "decode/internal.h"
#include "util/err.h"

#define LLC_SNAP_SAP 0xaa
#define LLC_UI       0x03
#define OUI_RFC1042  0x000000
#define OUI_BRIDGE   0x0000f8	/* IEEE 802.1H bridge tunnel */

int dec_fail(struct fw_frame *f, int code, const char *field, size_t off)
{
	if (f->status == 0) {
		f->status = code;
		f->err_field = field;
		f->err_off = off;
	}
	return code;
}

bool dec_llc_snap(struct fw_cursor *c, uint16_t *ethertype)
{
	struct fw_cursor t = *c;
	uint8_t dsap, ssap, ctl, oui_hi;
	uint16_t oui_lo, et;
	uint32_t oui;

	if (!fw_cur_u8(&t, &dsap) || !fw_cur_u8(&t, &ssap) || !fw_cur_u8(&t, &ctl) ||
	    dsap != LLC_SNAP_SAP || ssap != LLC_SNAP_SAP || ctl != LLC_UI)
		return false;
	if (!fw_cur_u8(&t, &oui_hi) || !fw_cur_u16be(&t, &oui_lo) || !fw_cur_u16be(&t, &et))
		return false;
	oui = (uint32_t)oui_hi << 16 | oui_lo;
	if (oui != OUI_RFC1042 && oui != OUI_BRIDGE)
		return false;
	*ethertype = et;
	*c = t;
	return true;
}

void dec_eapol(struct fw_frame *f, const uint8_t *data, size_t len, size_t off)
{
	const char *field = NULL;
	size_t eoff = 0;
	int rc;

	f->kind = FW_KIND_EAPOL;
	rc = fw_eapol_parse(&f->eapol, data, len, &field, &eoff);
	if (rc) {
		dec_fail(f, rc, field, off + eoff);
		return;
	}
	f->has_eapol = true;
	if (f->eapol.type != FW_EAPOL_KEY)
		return;
	rc = fw_eapol_key_parse(&f->key, &f->eapol, &field, &eoff);
	if (rc) {
		dec_fail(f, rc, field, off + eoff);
		return;
	}
	f->has_key = true;
}
