/*
 * link_akm.c - the AKM and cipher suites a link uses, read from the RSNEs
 * it carries: the station's (its msg 2/4s, else its association request),
 * else its network's beacons.  Grouping (eapol.c), verification
 * (verify.c) and the key export (keyexport.c) all ask.
 */
#include <stdbool.h>
#include <stdint.h>

#include "decode/ie.h"
#include "handshake/internal.h"
#include "util/err.h"

/* The station's RSNE from the Key Data of its M2s (plain text), else the association request. */
int hs_link_akm(const struct fw_core *c, const struct hs_link *l, uint8_t *akm, uint32_t *pairwise,
		uint32_t *group)
{
	const struct hs_elem *src = NULL;
	bool wpa1 = false;
	struct fw_rsne r;
	const struct hs_net *n;

	for (size_t i = 0; i < l->n_msgs && !src; i++)
		if (l->msgs[i].type == FW_MSG_M2 && l->priv[i].rsne && l->priv[i].rsne->n >= 2) {
			src = l->priv[i].rsne;
			wpa1 = l->priv[i].rsne_wpa1;
		}
	if (!src && l->assoc_rsne && l->assoc_rsne->n >= 2) {
		src = l->assoc_rsne;
		wpa1 = l->assoc_wpa1;
	}
	n = hs_net_find(c, l->scope, l->pub.bssid);
	if (!src && n && n->rsne.n >= 2)
		src = &n->rsne;
	if (!src && n && n->wpa && n->wpa->n >= 2) {
		src = n->wpa;
		wpa1 = true;
	}
	if (!src)
		return FW_ENOTFOUND;
	/* the WPA vendor element's body starts after OUI and type */
	if (fw_rsne_parse(&r, src->raw + 2 + (wpa1 ? 4 : 0), src->n - 2 - (wpa1 ? 4 : 0), wpa1) != 0)
		return FW_EMALFORMED;
	*akm = r.n_akm == 1 ? (uint8_t)(r.akm[0] & 0xff) : 0;
	if (r.n_akm > 1) {
		/* a beacon offering several: only usable when they share the key hierarchy */
		*akm = (uint8_t)(r.akm[0] & 0xff);
	}
	*pairwise = r.n_pairwise >= 1 ? r.pairwise[0] : 0;
	*group = r.group;
	return 0;
}
