/*
 * ie.c - element lists (IEEE 802.11-2020 9.4.2.1) and the elements the
 * handshake depends on: RSNE (9.4.2.24), the WPA1 vendor element (its
 * pre-standard twin), MDE (9.4.2.46) and FTE (9.4.2.47).
 *
 * Every part of an RSNE after the version is optional, but only from the
 * end: a field is present only if every field before it is (9.4.2.24.1).
 * A list that stops in the middle of a field is truncated, not short.
 */
#include <string.h>

#include "decode/ie.h"
#include "util/cursor.h"
#include "util/err.h"

#define WPA_OUI_TYPE 1		/* 00:50:f2 type 1: WPA information element */
#define FTE_SUB_R1KH_ID 1
#define FTE_SUB_R0KH_ID 3
#define R1KH_ID_LEN 6
#define R0KH_ID_MAX 48

int fw_ie_next(struct fw_cursor *c, struct fw_ie *ie)
{
	struct fw_cursor t = *c;
	uint8_t id, len;
	const uint8_t *raw, *data;

	memset(ie, 0, sizeof(*ie));
	if (fw_cur_left(c) == 0)
		return 0;
	raw = t.p;
	if (!fw_cur_u8(&t, &id) || !fw_cur_u8(&t, &len))
		return FW_ETRUNC;
	if (id == FW_EID_EXT) {
		/* Element ID Extension: the first octet of the body (9.4.2.1) */
		if (len < 1)
			return fw_cur_left(&t) ? FW_EMALFORMED : FW_ETRUNC;
		if (!fw_cur_u8(&t, &ie->ext_id))
			return FW_ETRUNC;
		len--;
	}
	if (!fw_cur_ptr(&t, &data, len)) {
		ie->ext_id = 0;
		return FW_ETRUNC;
	}
	ie->id = id;
	ie->len = len;
	ie->data = data;
	ie->raw = raw;
	ie->raw_len = (size_t)(t.p - raw);
	*c = t;
	return 1;
}

bool fw_ie_find(const uint8_t *ies, size_t len, uint8_t id, uint8_t ext_id, struct fw_ie *out)
{
	struct fw_cursor c;
	struct fw_ie ie;

	fw_cur_init(&c, ies, len);
	while (fw_ie_next(&c, &ie) == 1) {
		if (ie.id == id && (id != FW_EID_EXT || ie.ext_id == ext_id)) {
			*out = ie;
			return true;
		}
	}
	return false;
}

/* The OUI and type octet (OUI << 8 | type) that open a vendor element's body. */
static bool vendor_sel(const struct fw_ie *ie, uint32_t *sel)
{
	struct fw_cursor c;

	if (ie->id != FW_EID_VENDOR)
		return false;
	fw_cur_init(&c, ie->data, ie->len);
	return fw_cur_u32be(&c, sel);
}

static bool is_wpa_ie(const struct fw_ie *ie)
{
	uint32_t sel;

	return vendor_sel(ie, &sel) && sel == FW_SUITE(FW_OUI_MS, WPA_OUI_TYPE);
}

bool fw_ie_find_wpa(const uint8_t *ies, size_t len, struct fw_ie *out)
{
	struct fw_cursor c;
	struct fw_ie ie;

	fw_cur_init(&c, ies, len);
	while (fw_ie_next(&c, &ie) == 1) {
		if (is_wpa_ie(&ie)) {
			*out = ie;
			return true;
		}
	}
	return false;
}

/* The kind of each element id, plus one (0: none); 221 and 255 are told by their body. */
static const uint8_t kind_of_id[256] = {
	[FW_EID_SSID] = FW_IES_SSID + 1,
	[FW_EID_RSN] = FW_IES_RSN + 1,
	[FW_EID_MDE] = FW_IES_MDE + 1,
	[FW_EID_FTE] = FW_IES_FTE + 1,
	[FW_EID_VENDOR] = FW_IES_WPA + 1,
	[FW_EID_RSNX] = FW_IES_RSNX + 1,
	[FW_EID_EXT] = FW_IES_OWE_DH + 1,
};

/*
 * Each element's header and body under the cursor's two bound checks and
 * nothing else: no element is copied out but the first of a kind, as
 * fw_ie_next() would give it.
 */
void fw_ies_scan(struct fw_ies *s, const uint8_t *ies, size_t len, unsigned want)
{
	static const uint8_t wpa_sel[4] = { 0x00, 0x50, 0xf2, WPA_OUI_TYPE };
	struct fw_cursor c;
	const uint8_t *hdr, *body;
	unsigned found = 0;

	fw_cur_init(&c, ies, len);
	while ((found & want) != want && fw_cur_ptr(&c, &hdr, 2) && fw_cur_ptr(&c, &body, hdr[1])) {
		const uint8_t id = hdr[0], n = hdr[1];
		unsigned k = kind_of_id[id];
		struct fw_ie *ie;

		if (id == FW_EID_EXT) {
			/* no extension id: malformed, and the walk ends as fw_ie_next's does */
			if (n < 1)
				break;
			if (body[0] != FW_EID_EXT_OWE_DH)
				continue;
		} else if (id == FW_EID_VENDOR && (n < 4 || memcmp(body, wpa_sel, 4) != 0)) {
			continue;
		}
		if (!k-- || (found & FW_IES_BIT(k)))
			continue;
		found |= FW_IES_BIT(k);
		ie = &s->ie[k];
		ie->id = id;
		ie->ext_id = id == FW_EID_EXT ? body[0] : 0;
		ie->len = id == FW_EID_EXT ? (uint8_t)(n - 1) : n;
		ie->data = id == FW_EID_EXT ? body + 1 : body;
		ie->raw = hdr;
		ie->raw_len = 2 + (size_t)n;
	}
	s->found = found;
}

/*
 * A suite list: count (LE16) then count selectors.  Keeps the first
 * FW_RSNE_MAX_SUITES; the rest are stepped over.  Returns 1 when the list
 * is absent (clean end), 0 when read, or a negative code.
 */
static int read_suites(struct fw_cursor *c, uint32_t *out, uint8_t *n)
{
	uint16_t count;

	*n = 0;
	if (fw_cur_left(c) == 0)
		return 1;
	if (!fw_cur_u16le(c, &count))
		return FW_ETRUNC;
	if (fw_cur_left(c) < (size_t)count * 4)
		return FW_ETRUNC;
	for (uint16_t i = 0; i < count; i++) {
		uint32_t s;

		fw_cur_u32be(c, &s);
		if (*n < FW_RSNE_MAX_SUITES)
			out[(*n)++] = s;
	}
	return 0;
}

int fw_rsne_parse(struct fw_rsne *r, const uint8_t *data, size_t len, bool wpa1)
{
	struct fw_cursor c;
	uint16_t count;
	int rc;

	memset(r, 0, sizeof(*r));
	r->wpa1 = wpa1;
	fw_cur_init(&c, data, len);
	if (!fw_cur_u16le(&c, &r->version))
		return FW_ETRUNC;
	if (r->version != 1)
		return FW_EUNSUPP;
	if (fw_cur_left(&c) == 0)
		return 0;
	if (!fw_cur_u32be(&c, &r->group))
		return FW_ETRUNC;
	if ((rc = read_suites(&c, r->pairwise, &r->n_pairwise)) != 0)
		return rc > 0 ? 0 : rc;
	if ((rc = read_suites(&c, r->akm, &r->n_akm)) != 0)
		return rc > 0 ? 0 : rc;
	if (fw_cur_left(&c) == 0)
		return 0;
	if (!fw_cur_u16le(&c, &r->caps))
		return FW_ETRUNC;
	r->has_caps = true;
	if (fw_cur_left(&c) == 0)
		return 0;
	if (!fw_cur_u16le(&c, &count) || fw_cur_left(&c) < (size_t)count * 16)
		return FW_ETRUNC;
	r->n_pmkid = count > FW_RSNE_MAX_PMKIDS ? FW_RSNE_MAX_PMKIDS : (uint8_t)count;
	fw_cur_ptr(&c, &r->pmkid, (size_t)r->n_pmkid * 16);
	fw_cur_skip(&c, (size_t)(count - r->n_pmkid) * 16);
	if (fw_cur_left(&c) == 0)
		return 0;
	if (!fw_cur_u32be(&c, &r->group_mgmt))
		return FW_ETRUNC;
	r->has_group_mgmt = true;
	/* later amendments may append fields: ignore what follows */
	return 0;
}

int fw_mde_parse(struct fw_mde *m, const uint8_t *data, size_t len)
{
	struct fw_cursor c;

	memset(m, 0, sizeof(*m));
	fw_cur_init(&c, data, len);
	if (!fw_cur_u16le(&c, &m->mdid) || !fw_cur_u8(&c, &m->ft_cap))
		return FW_ETRUNC;
	return 0;
}

int fw_fte_parse(struct fw_fte *f, const uint8_t *data, size_t len, size_t mic_len)
{
	struct fw_cursor c;

	memset(f, 0, sizeof(*f));
	if (mic_len != 16 && mic_len != 24 && mic_len != 32)
		return FW_EINVAL;
	fw_cur_init(&c, data, len);
	if (!fw_cur_u16le(&c, &f->mic_control) || !fw_cur_ptr(&c, &f->mic, mic_len) ||
	    !fw_cur_ptr(&c, &f->anonce, 32) || !fw_cur_ptr(&c, &f->snonce, 32)) {
		memset(f, 0, sizeof(*f));
		return FW_ETRUNC;
	}
	f->mic_len = mic_len;
	/* optional subelements {id, len, data} (9.4.2.47, Table 9-218) */
	while (fw_cur_left(&c) > 0) {
		uint8_t id, slen;
		const uint8_t *sdata;

		if (!fw_cur_u8(&c, &id) || !fw_cur_u8(&c, &slen) || !fw_cur_ptr(&c, &sdata, slen))
			return FW_ETRUNC;
		if (id == FTE_SUB_R1KH_ID) {
			if (slen != R1KH_ID_LEN)
				return FW_EMALFORMED;
			f->r1kh_id = sdata;
		} else if (id == FTE_SUB_R0KH_ID) {
			if (slen < 1 || slen > R0KH_ID_MAX)
				return FW_EMALFORMED;
			f->r0kh_id = sdata;
			f->r0kh_id_len = slen;
		}
	}
	return 0;
}

/*
 * 12.7.2: Key Data is padded with 0xdd followed by zero or more 0x00
 * octets; a 0xdd with a zero length ends the list.
 */
static bool is_padding(const struct fw_cursor *c)
{
	struct fw_cursor t = *c;
	uint8_t id, len;

	if (!fw_cur_u8(&t, &id) || id != FW_EID_VENDOR)
		return false;
	return !fw_cur_u8(&t, &len) || len == 0;
}

int fw_kde_next(struct fw_cursor *c, struct fw_kde *k)
{
	uint32_t sel;
	int rc;

	memset(k, 0, sizeof(*k));
	if (fw_cur_left(c) == 0)
		return 0;
	if (is_padding(c)) {
		fw_cur_skip(c, fw_cur_left(c));
		return 0;
	}
	if ((rc = fw_ie_next(c, &k->ie)) != 1)
		return rc;
	if (vendor_sel(&k->ie, &sel) && (sel >> 8) == FW_OUI_IEEE) {
		/* KDE: OUI 00-0F-AC, data type, data (12.7.2 Figure 12-34) */
		k->is_kde = true;
		k->type = (uint8_t)(sel & 0xff);
		k->data = k->ie.data + 4;
		k->len = (size_t)k->ie.len - 4;
	} else {
		k->type = k->ie.id;
		k->data = k->ie.data;
		k->len = k->ie.len;
	}
	return 1;
}
