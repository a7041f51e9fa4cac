/*
 * detect_rsne.c - RSNE_MISMATCH: the RSNE (or WPA IE) in msg 3/4 must be
 * the one of the AP's beacon or probe response, and the one in msg 2/4 the
 * one of the station's (re)association request (12.7.6.3, 12.7.6.4).  A
 * difference is how a downgrade shows, and why reason 17 exists.
 *
 * Elements are compared field by field, PMKID lists aside (a station may
 * list PMKIDs in one and not the other).
 */
#include <stdio.h>
#include <string.h>

#include "decode/ie.h"
#include "handshake/internal.h"

static bool parse_elem(const struct hs_elem *e, bool wpa1, struct fw_rsne *r)
{
	size_t skip = 2 + (wpa1 ? 4 : 0);

	if (e->n < skip)
		return false;
	return fw_rsne_parse(r, e->raw + skip, e->n - skip, wpa1) == 0;
}

static bool rsne_differs(const struct fw_rsne *a, const struct fw_rsne *b, char *what, size_t len)
{
	if (a->version != b->version) {
		snprintf(what, len, "version %u vs %u", a->version, b->version);
		return true;
	}
	if (a->group != b->group) {
		snprintf(what, len, "group cipher %06x:%u vs %06x:%u", a->group >> 8, a->group & 0xff,
			 b->group >> 8, b->group & 0xff);
		return true;
	}
	if (a->n_pairwise != b->n_pairwise ||
	    memcmp(a->pairwise, b->pairwise, a->n_pairwise * sizeof(a->pairwise[0])) != 0) {
		snprintf(what, len, "pairwise cipher list");
		return true;
	}
	if (a->n_akm != b->n_akm || memcmp(a->akm, b->akm, a->n_akm * sizeof(a->akm[0])) != 0) {
		snprintf(what, len, "AKM list");
		return true;
	}
	if (a->has_caps && b->has_caps && a->caps != b->caps) {
		snprintf(what, len, "RSN capabilities 0x%04x vs 0x%04x", a->caps, b->caps);
		return true;
	}
	if (a->has_group_mgmt && b->has_group_mgmt && a->group_mgmt != b->group_mgmt) {
		snprintf(what, len, "group management cipher");
		return true;
	}
	return false;
}

static void compare(struct fw_core *c, struct hs_link *l, const struct fw_msg *m,
		    const struct hs_msg_priv *p, const struct hs_elem *ref, bool ref_wpa1,
		    const char *ref_name)
{
	struct fw_rsne a, b;
	char what[96];
	struct fw_finding *f;

	if (!ref->n || p->rsne_wpa1 != ref_wpa1)
		return;
	if (!parse_elem(p->rsne, p->rsne_wpa1, &a) || !parse_elem(ref, ref_wpa1, &b))
		return;
	if (!rsne_differs(&a, &b, what, sizeof(what)))
		return;
	f = hs_finding_add(c, FW_F_RSNE_MISMATCH, l);
	if (!f)
		return;
	hs_finding_frame(f, m);
	hs_finding_frame_at(f, ref->file, ref->frame, m->ts_ns);
	snprintf(f->detail, sizeof(f->detail),
		 "the %s in %s (frame %llu) differs from the one in the %s (frame %llu): %s",
		 ref_wpa1 ? "WPA element" : "RSNE", m->type == FW_MSG_M2 ? "msg 2/4" : "msg 3/4",
		 (unsigned long long)m->frame, ref_name, (unsigned long long)ref->frame, what);
}

void detect_rsne(struct fw_core *c, struct hs_link *l)
{
	const struct hs_net *n = hs_net_find(c, l->scope, l->pub.bssid);

	for (size_t i = 0; i < l->n_msgs; i++) {
		const struct fw_msg *m = &l->msgs[i];
		const struct hs_msg_priv *p = &l->priv[i];

		if (!p->rsne || !p->rsne->n)
			continue;
		if (m->type == FW_MSG_M2)
			compare(c, l, m, p, hs_elem_or_none(l->assoc_rsne), l->assoc_wpa1,
				"association request");
		else if (m->type == FW_MSG_M3 && n)
			compare(c, l, m, p, p->rsne_wpa1 ? hs_elem_or_none(n->wpa) : &n->rsne,
				p->rsne_wpa1, "beacon or probe response");
	}
}
