/*
 * detect_pmf.c - PMF_MISMATCH: with management frame protection in use,
 * the two sides disagree on the association.  The pattern (11.13, and
 * what mac80211 and wpa_supplicant do): the AP, holding no key for the
 * station (a lost 4/4, a restart), deauthenticates or disassociates it in
 * the clear; the station, which holds a PTK, discards that frame, keeps
 * transmitting protected frames the AP cannot read, sends an SA Query
 * request (protected) that the AP never answers, and ends the association
 * itself with a protected deauthentication.  Raised on the ignored frame
 * when the station showed it ignored it (a protected frame or an SA Query
 * of its own after it), and on an SA Query request left unanswered.
 */
#include <stdio.h>
#include <string.h>

#include "handshake/internal.h"

static bool kev_before(const struct hs_kev *a, unsigned file, uint64_t frame, int64_t ts)
{
	return hs_earlier(a->file, a->frame, a->ts_ns, file, frame, ts);
}

/* The index of the first (re)association after e, or n_kev. */
static size_t epoch_end(const struct hs_link *l, size_t e)
{
	size_t j = e + 1;

	while (j < l->n_kev && l->kev[j].kind != HS_KEV_ASSOC)
		j++;
	return j;
}

static bool before_end(const struct hs_link *l, size_t end, unsigned file, uint64_t frame, int64_t ts)
{
	return end >= l->n_kev || !kev_before(&l->kev[end], file, frame, ts);
}

/* The answer to SA Query request q (same identifier, from the other side), or NULL. */
static const struct hs_kev *saq_answer(const struct hs_link *l, size_t q, size_t end)
{
	const struct hs_kev *r = &l->kev[q];

	for (size_t j = q + 1; j < end; j++) {
		const struct hs_kev *a = &l->kev[j];

		if (a->kind == HS_KEV_SAQ_RESP && a->from_ap != r->from_ap &&
		    memcmp(a->tid, r->tid, sizeof(a->tid)) == 0)
			return a;
	}
	return NULL;
}

/*
 * A protected management frame of the other side no key opened: perhaps
 * the answer.  Past the frames the link kept (HS_MGMT_PFRAMES_MAX), one
 * not kept may be: a request at or after the first frame not kept is
 * never called unanswered.
 */
static bool sealed_reply(const struct hs_link *l, const struct hs_kev *q, size_t end)
{
	if (l->mgmt_dropped &&
	    !hs_earlier(q->file, q->frame, q->ts_ns, l->mgmt_cut_file, l->mgmt_cut_frame,
			l->mgmt_cut_ts))
		return true;
	for (size_t i = 0; i < l->n_pframes; i++) {
		const struct fw_pframe *p = &l->pframes[i];

		if (p->mgmt && p->from_ap != q->from_ap && p->dec_key == FW_DEC_NONE &&
		    kev_before(q, p->file, p->frame, p->ts_ns) &&
		    before_end(l, end, p->file, p->frame, p->ts_ns))
			return true;
	}
	return false;
}

static bool unanswered(const struct hs_link *l, size_t q, size_t end)
{
	return !saq_answer(l, q, end) && !sealed_reply(l, &l->kev[q], end);
}

static const char *what(const struct hs_kev *e)
{
	return e->disassoc ? "disassociation" : "deauthentication";
}

static bool ignored_candidate(const struct hs_kev *d)
{
	return d->kind == HS_KEV_DEAUTH && d->from_ap && !d->protected_ && d->sta_key >= 0 &&
	       d->ap_key != d->sta_key;
}

/*
 * An unprotected deauth/disassoc from the AP while the station held a key
 * the AP did not; the AP's later ones of the same episode (up to the
 * station's own deauthentication) join it and are marked in covered.
 */
static void on_ignored(struct fw_core *c, struct hs_link *l, size_t e, bool *covered)
{
	const struct hs_kev *d = &l->kev[e];
	const struct fw_pframe *first = NULL;
	const struct hs_kev *saq = NULL, *own = NULL;
	size_t end = epoch_end(l, e), n_prot = 0, n_saq = 0, n_open = 0;
	struct fw_finding *f;
	char a[128] = "", b[160] = "", o[128] = "", again[96] = "";
	const struct hs_kev *more = NULL;

	for (size_t i = 0; i < l->n_pframes; i++) {
		const struct fw_pframe *p = &l->pframes[i];

		if (p->from_ap || !kev_before(d, p->file, p->frame, p->ts_ns) ||
		    !before_end(l, end, p->file, p->frame, p->ts_ns))
			continue;
		if (!first)
			first = p;
		n_prot++;
	}
	for (size_t j = e + 1; j < end; j++) {
		const struct hs_kev *k = &l->kev[j];

		if (k->kind == HS_KEV_SAQ_REQ && !k->from_ap) {
			if (!saq)
				saq = k;
			n_saq++;
			n_open += unanswered(l, j, end);
		}
		if (k->kind == HS_KEV_DEAUTH && !k->from_ap && k->protected_ && !own)
			own = k;
		if (!own && ignored_candidate(k)) {
			covered[j] = true;
			if (!more)
				more = k;
		}
	}
	if (!first && !saq)
		return;		/* nothing shows the station ignored it */
	f = hs_finding_add(c, FW_F_PMF_MISMATCH, l);
	if (!f)
		return;
	hs_finding_frame_at(f, d->file, d->frame, d->ts_ns);
	if (first)
		hs_finding_frame_at(f, first->file, first->frame, first->ts_ns);
	for (size_t j = e + 1; j < end; j++) {
		const struct hs_kev *k = &l->kev[j];

		if ((k->kind == HS_KEV_SAQ_REQ || k->kind == HS_KEV_SAQ_RESP) || k == own ||
		    (covered[j] && k->kind == HS_KEV_DEAUTH))
			hs_finding_frame_at(f, k->file, k->frame, k->ts_ns);
		if (k->kind == HS_KEV_SAQ_REQ)
			covered[j] = true;
	}
	if (more)
		snprintf(again, sizeof(again), " (and the AP's next one, reason %u, in frame %llu)",
			 (unsigned)more->reason, (unsigned long long)more->frame);
	if (first)
		snprintf(a, sizeof(a), "; it kept transmitting protected frames (%zu kept, the first "
			 "frame %llu), which the AP cannot read", n_prot,
			 (unsigned long long)first->frame);
	if (saq)
		snprintf(b, sizeof(b), "; its SA Query request%s (frame %llu%s) %s", n_saq > 1 ? "s" : "",
			 (unsigned long long)saq->frame, n_saq > 1 ? ", ..." : "",
			 n_open == n_saq ? "got no response" : n_open ? "were not all answered"
								    : "were answered");
	if (own)
		snprintf(o, sizeof(o), "; it deauthenticated itself, protected, in frame %llu "
			 "(reason %u), %.1f s after the AP's frame",
			 (unsigned long long)own->frame, (unsigned)own->reason,
			 (double)(own->ts_ns - d->ts_ns) / 1e9);
	snprintf(f->detail, sizeof(f->detail),
		 "PMF is in use and the station held the PTK of handshake %d, which the AP did "
		 "not: the station discarded the AP's unprotected %s (reason %u, %s) in frame "
		 "%llu%s%s%s%s",
		 d->sta_key + 1, what(d), (unsigned)d->reason, hs_reason_name(d->reason),
		 (unsigned long long)d->frame, again, a, b, o);
}

/* An SA Query request no episode above covered, left without a response. */
static void on_lone_saq(struct fw_core *c, struct hs_link *l, size_t q)
{
	const struct hs_kev *r = &l->kev[q];
	struct fw_finding *f;

	if (!unanswered(l, q, epoch_end(l, q)) || !(f = hs_finding_add(c, FW_F_PMF_MISMATCH, l)))
		return;
	hs_finding_frame_at(f, r->file, r->frame, r->ts_ns);
	snprintf(f->detail, sizeof(f->detail),
		 "the %s's SA Query request in frame %llu got no response: the %s no longer "
		 "holds the key it was protected with, or does not consider the station associated",
		 r->from_ap ? "AP" : "station", (unsigned long long)r->frame,
		 r->from_ap ? "station" : "AP");
}

void detect_pmf(struct fw_core *c, struct hs_link *l)
{
	bool covered[HS_KEV_MAX] = { false };

	if (!l->pub.pmf)
		return;
	for (size_t e = 0; e < l->n_kev; e++)
		if (ignored_candidate(&l->kev[e]) && !covered[e])
			on_ignored(c, l, e, covered);
	for (size_t q = 0; q < l->n_kev; q++)
		if (l->kev[q].kind == HS_KEV_SAQ_REQ && !covered[q])
			on_lone_saq(c, l, q);
}
