/*
 * mgmt.c - management frames that give a link its context: beacons and
 * probe responses (SSID, RSNE), (re)association requests (the station's
 * RSNE, OWE DH group, MDE), (re)association responses (FTE: R0KH-ID and
 * R1KH-ID for FT), SAE commits (group), and deauthentication or
 * disassociation, which end a handshake.  (Re)associations,
 * deauthentications, disassociations and SA Queries are also kept as the
 * key model's events (keymodel.c), with whether they were protected.
 */
#include <string.h>

#include "decode/ie.h"
#include "handshake/internal.h"
#include "util/cursor.h"
#include "util/mac.h"

static bool ssid_is_hidden(const struct fw_ie *ie)
{
	if (ie->len == 0)
		return true;
	for (size_t i = 0; i < ie->len; i++)
		if (ie->data[i] != 0)
			return false;
	return true;
}

/* What a beacon or a probe response tells its network (hs_on_beacon). */
#define BEACON_IES                                                                   \
	(FW_IES_BIT(FW_IES_SSID) | FW_IES_BIT(FW_IES_RSN) | FW_IES_BIT(FW_IES_WPA) | \
	 FW_IES_BIT(FW_IES_RSNX))

/* n's SSID is ie's (at most 32 bytes): whether it changed. */
static bool net_ssid_update(struct hs_net *n, const struct fw_ie *ie)
{
	if (n->has_ssid && n->ssid_len == ie->len && memcmp(n->ssid, ie->data, ie->len) == 0)
		return false;
	memcpy(n->ssid, ie->data, ie->len);
	n->ssid_len = ie->len;
	n->has_ssid = true;
	return true;
}

/*
 * A network beacons ten times a second, almost always with the same
 * elements: one walk of the list finds the four it keeps, and each is
 * copied only when its bytes differ from the copy held, while the frame
 * each came from is always the latest (RSNE_MISMATCH cites it).  So the
 * analysed copies of this BSS's links stay valid (core.c) across beacons
 * that say nothing new: n->gen moves only when an element or the SSID
 * does, n->cite_gen with each frame the RSNE or WPA element comes from.
 */
void hs_on_beacon(struct fw_core *c, unsigned input, uint64_t frame_no, const struct fw_frame *f)
{
	struct hs_net *n;
	struct fw_ies s;
	const struct fw_ie *ie;
	const uint8_t *bssid = fw_mac_is_zero(f->bssid) ? f->sa : f->bssid;
	bool changed = false;

	n = hs_net_get(c, bssid);
	if (!n)
		return;
	fw_ies_scan(&s, f->ies, f->ies_len, BEACON_IES);
	if ((ie = fw_ies_at(&s, FW_IES_SSID)) != NULL && !ssid_is_hidden(ie) && ie->len <= 32)
		changed |= net_ssid_update(n, ie);
	if ((ie = fw_ies_at(&s, FW_IES_RSN)) != NULL)
		changed |= hs_elem_update(&n->rsne, ie, input, frame_no);
	if ((ie = fw_ies_at(&s, FW_IES_WPA)) != NULL)
		changed |= hs_elem_update_new(&n->wpa, ie, input, frame_no);
	if ((ie = fw_ies_at(&s, FW_IES_RSNX)) != NULL)
		changed |= hs_elem_update_new(&n->rsnx, ie, input, frame_no);
	if (changed)
		n->gen = ++c->net_gen;
	if (s.found & (FW_IES_BIT(FW_IES_RSN) | FW_IES_BIT(FW_IES_WPA)))
		n->cite_gen = ++c->net_gen;
}

/* A key model event of l, or NULL past HS_KEV_MAX (the earliest ones are what matter). */
static struct hs_kev *kev_add(struct hs_link *l, enum hs_kev_kind kind, unsigned input,
			      uint64_t frame_no, int64_t ts_ns, bool from_ap, bool prot)
{
	struct hs_kev *e;

	if (l->n_kev >= HS_KEV_MAX) {
		l->kev_dropped++;	/* counted in a note (hs_caps_note) */
		return NULL;
	}
	/* an association, maybe its end: most links have no more */
	if (!(e = hs_grow_from(l->kev, &l->cap_kev, l->n_kev + 1, sizeof(*e), 2)))
		return NULL;
	l->kev = e;
	e = &l->kev[l->n_kev++];
	memset(e, 0, sizeof(*e));
	e->kind = (uint8_t)kind;
	e->file = input;
	e->frame = frame_no;
	e->ts_ns = ts_ns;
	e->from_ap = from_ap;
	e->protected_ = prot;
	e->decrypted = prot;
	e->ap_key = e->sta_key = -1;
	return e;
}

/*
 * After a (re)association or a deauthentication in the clear, the next
 * protected frames show who still holds which key: keep them as after an
 * msg 3/4.
 */
static void watch_keys(struct hs_link *l)
{
	if (l->watch_left < HS_PFRAMES_PER_M3)
		l->watch_left = HS_PFRAMES_PER_M3;
}

static bool rsne_mfpc(const struct hs_elem *e)
{
	struct fw_rsne r;

	/* RSN Capabilities bit 7: Management Frame Protection Capable (9.4.2.24.4) */
	return e->n >= 2 && fw_rsne_parse(&r, e->raw + 2, (size_t)(e->n - 2), false) == 0 &&
	       r.has_caps && (r.caps & 0x0080);
}

bool hs_link_pmf(const struct fw_core *c, const struct hs_link *l)
{
	const struct hs_net *n = hs_net_find(c, l->scope, l->bssid);

	/* both sides capable: the AP's beacon (when seen) and the station's request */
	if (!l->assoc_rsne || !l->assoc_rsne->n || l->assoc_wpa1 || !rsne_mfpc(l->assoc_rsne))
		return false;
	return !n || !n->rsne.n || rsne_mfpc(&n->rsne);
}

/*
 * A new association restarts the authenticator's state machine, and drops
 * the keys.  by_resp: only the AP's successful response shows it (a sniffer
 * that taps the AP's transmissions misses a request the medium delivered
 * late or twice).
 */
static void link_associated(struct hs_link *l, unsigned input, uint64_t frame_no, int64_t ts_ns,
			    bool reassoc, bool by_resp)
{
	struct hs_kev *e;

	l->assoc_frame = frame_no;
	l->assoc_file = input;
	l->assoc_reassoc = reassoc;
	l->assoc_new = true;
	l->assoc_by_resp = by_resp;
	l->assoc_answered = by_resp;
	l->cur_hs = -1;
	l->cur_ghs = -1;
	if ((e = kev_add(l, HS_KEV_ASSOC, input, frame_no, ts_ns, false, false)) != NULL)
		e->reassoc = reassoc;
	watch_keys(l);
}

/* What a (re)association request tells its link (on_assoc_req). */
#define ASSOC_REQ_IES                                                                \
	(FW_IES_BIT(FW_IES_RSN) | FW_IES_BIT(FW_IES_WPA) | FW_IES_BIT(FW_IES_SSID) | \
	 FW_IES_BIT(FW_IES_OWE_DH) | FW_IES_BIT(FW_IES_MDE))

static void on_assoc_req(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
			 const struct fw_frame *f)
{
	const uint8_t *bssid = fw_mac_is_zero(f->bssid) ? f->da : f->bssid;
	struct hs_link *l = hs_link_get(c, bssid, f->sa);
	struct fw_ies s;
	const struct fw_ie *ie;

	if (!l)
		return;
	if (!l->n_msgs)
		l->pub.file = input;
	if (l->assoc_rsne)
		memset(l->assoc_rsne, 0, sizeof(*l->assoc_rsne));
	l->assoc_wpa1 = false;
	fw_ies_scan(&s, f->ies, f->ies_len, ASSOC_REQ_IES);
	if ((ie = fw_ies_at(&s, FW_IES_RSN)) != NULL) {
		(void)hs_elem_set_new(&l->assoc_rsne, ie, input, frame_no);
	} else if ((ie = fw_ies_at(&s, FW_IES_WPA)) != NULL) {
		l->assoc_wpa1 = hs_elem_set_new(&l->assoc_rsne, ie, input, frame_no);
	}
	if ((ie = fw_ies_at(&s, FW_IES_SSID)) != NULL && ie->len <= 32 && ie->len > 0) {
		memcpy(l->assoc_ssid, ie->data, ie->len);
		l->assoc_ssid_len = ie->len;
		l->has_assoc_ssid = true;
	}
	if ((ie = fw_ies_at(&s, FW_IES_OWE_DH)) != NULL && ie->len >= 3) {
		/* OWE DH Parameter element: ext id, then the group (LE16) */
		l->dh_group = (uint16_t)(ie->data[0] | (ie->data[1] << 8));
	}
	if ((ie = fw_ies_at(&s, FW_IES_MDE)) != NULL) {
		struct fw_mde mde;

		if (fw_mde_parse(&mde, ie->data, ie->len) == 0) {
			l->has_mdid = true;
			l->mdid = mde.mdid;
		}
	}
	link_associated(l, input, frame_no, ts_ns, f->kind == FW_KIND_REASSOC_REQ, false);
}

static void on_assoc_resp(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
			  const struct fw_frame *f)
{
	const uint8_t *bssid = fw_mac_is_zero(f->bssid) ? f->sa : f->bssid;
	struct hs_link *l = hs_link_find(c, bssid, f->da);
	struct fw_ies s;
	const struct fw_ie *ie;
	struct fw_fte fte;

	if (!l)
		return;
	/* a success the capture holds no request for: the AP (re)associated the station anew */
	if (f->status_code == 0 && l->assoc_answered && !(f->has_dot11 && f->dot11.retry))
		link_associated(l, input, frame_no, ts_ns, f->kind == FW_KIND_REASSOC_RESP, true);
	l->assoc_answered = true;
	fw_ies_scan(&s, f->ies, f->ies_len, FW_IES_BIT(FW_IES_FTE));
	if ((ie = fw_ies_at(&s, FW_IES_FTE)) == NULL)
		return;
	/* The FTE MIC length follows the AKM; FT initial association uses 16 except SHA-384 AKMs. */
	for (size_t mic_len = 16; mic_len <= 24; mic_len += 8) {
		if (fw_fte_parse(&fte, ie->data, ie->len, mic_len) != 0)
			continue;
		if (fte.r0kh_id && fte.r0kh_id_len <= sizeof(l->r0kh_id)) {
			memcpy(l->r0kh_id, fte.r0kh_id, fte.r0kh_id_len);
			l->r0kh_id_len = fte.r0kh_id_len;
		}
		if (fte.r1kh_id) {
			memcpy(l->r1kh_id, fte.r1kh_id, 6);
			l->has_r1kh_id = true;
		}
		if (fte.r0kh_id && fte.r1kh_id)
			break;
	}
}

static void on_auth(struct fw_core *c, const struct fw_frame *f)
{
	struct hs_link *l;

	/* SAE commit (algorithm 3, sequence 1) names the group the PMK came from */
	if (f->auth_alg != 3 || f->auth_seq != 1 || f->sae_group == 0)
		return;
	l = hs_link_find(c, f->bssid, fw_mac_eq(f->bssid, f->sa) ? f->da : f->sa);
	if (l)
		l->dh_group = f->sae_group;
}

static void end_handshake(struct fw_handshake *h, const struct hs_event *ev)
{
	h->ended = true;
	h->end_disassoc = ev->disassoc;
	h->end_from_ap = ev->from_ap;
	h->end_reason = ev->reason;
	h->end_file = ev->file;
	h->end_frame = ev->frame;
	h->end_ts_ns = ev->ts_ns;
}

static void on_deauth(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		      const struct fw_frame *f, bool prot)
{
	const uint8_t *bssid = fw_mac_is_zero(f->bssid) ? f->sa : f->bssid;
	bool from_ap = fw_mac_eq(f->sa, bssid);
	const uint8_t *sta = from_ap ? f->da : f->sa;
	struct hs_link *l;
	struct hs_event *ev;
	struct hs_kev *e;

	if (fw_mac_is_group(sta))
		return;
	l = hs_link_find(c, bssid, sta);
	if (!l)
		return;
	if ((e = kev_add(l, HS_KEV_DEAUTH, input, frame_no, ts_ns, from_ap, prot)) != NULL) {
		e->disassoc = f->kind == FW_KIND_DISASSOC;
		e->reason = f->reason;
	}
	if (!prot)
		watch_keys(l);
	if (l->n_msgs == 0)
		return;
	ev = hs_grow(l->ev, &l->cap_ev, l->n_ev + 1, sizeof(*ev));
	if (!ev)
		return;
	l->ev = ev;
	ev = &l->ev[l->n_ev++];
	ev->order = c->order;
	ev->file = input;
	ev->frame = frame_no;
	ev->ts_ns = ts_ns;
	ev->reason = f->reason;
	ev->disassoc = f->kind == FW_KIND_DISASSOC;
	ev->from_ap = from_ap;
	/* the handshake in progress, if any, ends here */
	if (l->cur_hs >= 0)
		end_handshake(&l->hs[l->cur_hs], ev);
	/* and so does a group-key handshake still waiting for its msg 2/2 */
	if (l->cur_ghs >= 0) {
		bool g2 = false;

		for (size_t i = 0; i < l->n_msgs; i++)
			if (l->msgs[i].handshake == (unsigned)l->cur_ghs && l->msgs[i].type == FW_MSG_G2)
				g2 = true;
		if (!g2)
			end_handshake(&l->hs[l->cur_ghs], ev);
	}
	l->cur_hs = -1;
	l->cur_ghs = -1;
}

/* SA Query request or response (9.6.9) between the two sides of a link. */
static void on_action(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		      const struct fw_frame *f, bool prot)
{
	bool from_ap;
	struct hs_link *l;
	struct hs_kev *e;

	if (!f->has_sa_query || fw_mac_is_group(f->da))
		return;
	from_ap = fw_mac_eq(f->sa, f->bssid);
	l = hs_link_find(c, f->bssid, from_ap ? f->da : f->sa);
	if (!l)
		return;
	e = kev_add(l, f->action_code ? HS_KEV_SAQ_RESP : HS_KEV_SAQ_REQ, input, frame_no, ts_ns,
		    from_ap, prot);
	if (e)
		memcpy(e->tid, f->sa_query_tid, sizeof(e->tid));
}

void hs_on_mgmt_sealed(struct hs_link *l, unsigned input, uint64_t frame_no, int64_t ts_ns,
		       const struct fw_frame *f, bool from_ap)
{
	struct hs_kev *e;

	if (f->dot11.subtype != FW_ST_DEAUTH && f->dot11.subtype != FW_ST_DISASSOC)
		return;
	e = kev_add(l, HS_KEV_DEAUTH, input, frame_no, ts_ns, from_ap, true);
	if (e) {
		e->disassoc = f->dot11.subtype == FW_ST_DISASSOC;
		e->decrypted = false;
	}
}

void hs_on_mgmt(struct fw_core *c, unsigned input, uint64_t frame_no, int64_t ts_ns,
		const struct fw_frame *f, bool prot)
{
	switch (f->kind) {
	case FW_KIND_BEACON:
	case FW_KIND_PROBE_RESP:
		hs_on_beacon(c, input, frame_no, f);
		break;
	case FW_KIND_ASSOC_REQ:
	case FW_KIND_REASSOC_REQ:
		on_assoc_req(c, input, frame_no, ts_ns, f);
		break;
	case FW_KIND_ASSOC_RESP:
	case FW_KIND_REASSOC_RESP:
		on_assoc_resp(c, input, frame_no, ts_ns, f);
		break;
	case FW_KIND_AUTH:
		on_auth(c, f);
		break;
	case FW_KIND_DEAUTH:
	case FW_KIND_DISASSOC:
		on_deauth(c, input, frame_no, ts_ns, f, prot);
		break;
	case FW_KIND_ACTION:
		on_action(c, input, frame_no, ts_ns, f, prot);
		break;
	default:
		break;
	}
}
