/*
 * ie.h - information elements (IEEE 802.11-2020 9.4.2) and EAPOL-Key Data
 * KDEs (12.7.2 Table 12-9).
 *
 * Iteration is through a cursor: fw_ie_next() returns 1 with the next
 * element, 0 at a clean end, FW_ETRUNC when an element's length runs past
 * the list, FW_EMALFORMED for an extension element (255) without its
 * extension id; on failure the cursor is left at the broken element.
 * Parsers of single elements fill a struct and return 0 or a negative code
 * (FW_ETRUNC for a field cut in the middle, FW_EUNSUPP for an RSNE version
 * other than 1, FW_EINVAL for a bad mic_len); they never allocate, and
 * every pointer they return points into the caller's bytes.
 */
#ifndef FW_DECODE_IE_H
#define FW_DECODE_IE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/cursor.h"

enum {
	FW_EID_SSID = 0,
	FW_EID_RSN = 48,
	FW_EID_MDE = 54,
	FW_EID_FTE = 55,
	FW_EID_VENDOR = 221,
	FW_EID_RSNX = 244,
	FW_EID_EXT = 255,
};
enum { FW_EID_EXT_OWE_DH = 32, FW_EID_EXT_MLE = 107 };

struct fw_ie {
	uint8_t id;
	uint8_t ext_id;		/* for id 255 */
	uint8_t len;
	const uint8_t *data;	/* len bytes (for 255: after the ext id) */
	const uint8_t *raw;	/* the element from its id byte */
	size_t raw_len;		/* 2 + len */
};

int fw_ie_next(struct fw_cursor *c, struct fw_ie *ie);
/* Find the first element with this id (and ext_id for 255) in ies. */
bool fw_ie_find(const uint8_t *ies, size_t len, uint8_t id, uint8_t ext_id, struct fw_ie *out);
/* The WPA1 vendor element (00:50:f2 type 1) in ies. */
bool fw_ie_find_wpa(const uint8_t *ies, size_t len, struct fw_ie *out);

/*
 * The elements the reconstructor reads from management frames, found in
 * one walk of the list instead of one walk each: for every kind, the
 * element fw_ie_find() (fw_ie_find_wpa() for FW_IES_WPA) would return,
 * the first of its kind before the first cut or malformed element.
 */
enum fw_ies_kind {
	FW_IES_SSID,		/* 0 */
	FW_IES_RSN,		/* 48 */
	FW_IES_WPA,		/* 221, 00:50:f2 type 1 */
	FW_IES_RSNX,		/* 244 */
	FW_IES_MDE,		/* 54 */
	FW_IES_FTE,		/* 55 */
	FW_IES_OWE_DH,		/* 255, extension 32 */
	FW_IES_N
};
#define FW_IES_BIT(k) (1u << (k))
struct fw_ies {
	unsigned found;			/* FW_IES_BIT(kind) for each kind found */
	struct fw_ie ie[FW_IES_N];	/* ie[k] is written only when k was found */
};
/* want: FW_IES_BIT()s of the kinds looked for; the walk stops once it has them all. */
void fw_ies_scan(struct fw_ies *s, const uint8_t *ies, size_t len, unsigned want);
/* The element of kind k that fw_ies_scan() found, or NULL. */
static inline const struct fw_ie *fw_ies_at(const struct fw_ies *s, enum fw_ies_kind k)
{
	return (s->found & FW_IES_BIT(k)) ? &s->ie[k] : NULL;
}

/* Cipher and AKM suites as 32-bit selectors OUI<<8 | type, e.g. 0x000fac04. */
#define FW_SUITE(oui, t) (((uint32_t)(oui) << 8) | (uint32_t)(t))
#define FW_OUI_IEEE 0x000fac
#define FW_OUI_MS   0x0050f2

#define FW_RSNE_MAX_SUITES 8
#define FW_RSNE_MAX_PMKIDS 4
struct fw_rsne {
	bool wpa1;		/* parsed from the WPA vendor element */
	uint16_t version;
	uint32_t group;
	uint8_t n_pairwise;
	uint32_t pairwise[FW_RSNE_MAX_SUITES];
	uint8_t n_akm;
	uint32_t akm[FW_RSNE_MAX_SUITES];
	bool has_caps;
	uint16_t caps;
	uint8_t n_pmkid;
	const uint8_t *pmkid;	/* n_pmkid * 16 bytes */
	bool has_group_mgmt;
	uint32_t group_mgmt;
};

/* Parse the body of an RSNE (id 48), or of a WPA element after its OUI+type (wpa1). */
int fw_rsne_parse(struct fw_rsne *r, const uint8_t *data, size_t len, bool wpa1);

struct fw_mde { uint16_t mdid; uint8_t ft_cap; };
int fw_mde_parse(struct fw_mde *m, const uint8_t *data, size_t len);

struct fw_fte {
	uint16_t mic_control;
	const uint8_t *mic;	/* mic_len bytes (16, 24 or 32) */
	size_t mic_len;
	const uint8_t *anonce, *snonce;	/* 32 bytes each */
	const uint8_t *r0kh_id; uint8_t r0kh_id_len;
	const uint8_t *r1kh_id;	/* 6 bytes, NULL when absent */
};
/* mic_len: 16 for the SHA-256 AKMs, 24 for SHA-384, 32 for SHA-512. */
int fw_fte_parse(struct fw_fte *f, const uint8_t *data, size_t len, size_t mic_len);

/* KDEs inside Key Data (type 0xdd, OUI 00-0F-AC, data type). */
enum {
	FW_KDE_GTK = 1, FW_KDE_MAC = 3, FW_KDE_PMKID = 4, FW_KDE_NONCE = 6,
	FW_KDE_LIFETIME = 7, FW_KDE_ERROR = 8, FW_KDE_IGTK = 9,
	FW_KDE_KEYID = 10, FW_KDE_MULTIBAND_GTK = 11, FW_KDE_OCI = 13,
	FW_KDE_BIGTK = 14, FW_KDE_MLO_GTK = 16, FW_KDE_MLO_IGTK = 17,
	FW_KDE_MLO_BIGTK = 18, FW_KDE_MLO_LINK = 19,
};
struct fw_kde {
	bool is_kde;		/* a KDE (dd, 00-0F-AC); else a plain element */
	uint8_t type;		/* KDE data type, or the element id */
	const uint8_t *data;	/* after OUI and data type for KDEs */
	size_t len;
	struct fw_ie ie;	/* the whole element */
};
/*
 * Next KDE or element of decrypted/plain Key Data.  Returns 1, 0 at the end
 * (including the 0xdd 0x00 padding that ends wrapped Key Data), or FW_ETRUNC.
 */
int fw_kde_next(struct fw_cursor *c, struct fw_kde *k);

#endif
