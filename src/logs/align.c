/*
 * align.c - a log's clock put on the capture's, from the EAPOL-Key
 * messages both saw.
 *
 * The daemons log a message a fraction of a millisecond before it goes on
 * the air (sent) or after (received), so every true pair differs by about
 * the same offset, while a wrong pair (another transmission of the same
 * message) differs by a retransmission interval, 100 ms or more.  Every
 * compatible pair votes for its difference; the 10 ms window with the most
 * votes holds the true ones.  Each event then keeps its vote nearest to
 * that window's median, votes beyond FW_DLOG_ALIGN_TOL_NS of it are
 * outliers, and the offset is the median of the kept ones.
 *
 * A handshake's log spans seconds, where clocks drift by microseconds; a
 * log of many minutes does not (two crystals 100 ppm apart part by 6 ms a
 * minute, and the 10 ms window then holds only part of the run).  When the
 * votes span more than FW_DLOG_DRIFT_SPAN_NS, the window is tried along a
 * grid of slopes as well, the densest (slope, window) wins, and a least
 * squares line through its inliers gives the drift; the offset is then the
 * median difference with that drift taken out, at the log's start.
 */
#include <stdlib.h>
#include <string.h>

#include "logs/dlog.h"
#include "util/err.h"
#include "util/mac.h"

#define WINDOW_NS 10000000LL
#define MAX_ALIGN_EVENTS 4096u
#define DRIFT_STEPS 400u		/* slopes tried each side of zero, at most */
#define DRIFT_MAX_VOTES 16384u	/* more pairs than this: no drift searched */

struct vote {
	int64_t d;		/* the difference, less the drift being tried */
	int64_t d0;		/* capture time - log time */
	int64_t x;		/* the log time */
	size_t ev;		/* index into the log's events */
	size_t air;
};

static int cmp_vote(const void *a, const void *b)
{
	const struct vote *x = a, *y = b;

	if (x->d != y->d)
		return x->d < y->d ? -1 : 1;
	return x->ev < y->ev ? -1 : x->ev > y->ev;
}

static uint64_t isqrt(uint64_t x)
{
	uint64_t r = 0, bit = (uint64_t)1 << 62;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* The median of n > 0 sorted values (the mean of the middle two, without overflow). */
static int64_t median(const int64_t *v, size_t n)
{
	return n % 2 ? v[n / 2] : v[n / 2 - 1] + (v[n / 2] - v[n / 2 - 1]) / 2;
}

bool fw_dlog_event_ap_side(const struct fw_dlog *l, const struct fw_dlog_event *e)
{
	if (e->daemon == FW_DLOG_UNKNOWN)
		return l->ap_side;
	return e->daemon == FW_DLOG_HOSTAPD;
}

/*
 * What a pass of the alignment pairs: the EAPOL-Key events first; a log
 * with none that match (a front end that only relays them) by its TX
 * statuses, each the driver's report just after an EAPOL-Key frame the AP
 * sent to that station went on the air.
 */
static bool pair_ok(const struct fw_dlog *l, const struct fw_dlog_event *e,
		    const struct fw_dlog_air *a, bool by_tx_status)
{
	bool ap = fw_dlog_event_ap_side(l, e);

	if (by_tx_status)
		return a->from_ap && e->has_peer && fw_mac_eq(e->peer, a->sta);
	if (a->msg != e->msg || a->from_ap != e->msg_from_ap)
		return false;
	if (e->has_peer && !fw_mac_eq(e->peer, ap ? a->sta : a->bssid))
		return false;
	if (e->has_nonce && a->has_nonce && memcmp(e->nonce, a->nonce, 32) != 0)
		return false;
	if (e->has_rc && a->has_rc && e->replay_counter != a->replay_counter)
		return false;
	return true;
}

static bool usable(const struct fw_dlog_event *e, bool by_tx_status)
{
	if (by_tx_status)
		return e->kind == FW_DLOG_EV_TX_STATUS && e->has_ts && e->has_peer;
	return (e->kind == FW_DLOG_EV_EAPOL_TX || e->kind == FW_DLOG_EV_EAPOL_RX) && e->has_ts &&
	       e->msg != FW_DLOG_MSG_NONE;
}

/* The start of the WINDOW_NS span of sorted votes holding the most; its count in *best. */
static size_t densest(const struct vote *v, size_t n, size_t *best)
{
	size_t at = 0, j = 0;

	*best = 0;
	for (size_t i = 0; i < n; i++) {
		if (j < i)
			j = i;
		while (j + 1 < n && v[j + 1].d - v[i].d <= WINDOW_NS)
			j++;
		if (j - i + 1 > *best) {
			*best = j - i + 1;
			at = i;
		}
	}
	return at;
}

/* The address the log's daemon has on the air: the majority of its matches' own side. */
static void learn_own(struct fw_dlog *l, const struct vote *kept, size_t n,
		      const struct fw_dlog_air *air)
{
	size_t best = 0;

	if (l->lines_hostapd && l->lines_supplicant)
		return;		/* two daemons in one file: no single own address */
	for (size_t i = 0; i < n; i++) {
		const uint8_t *m = l->ap_side ? air[kept[i].air].bssid : air[kept[i].air].sta;
		size_t c = 0;

		for (size_t j = 0; j < n; j++)
			if (fw_mac_eq(m, l->ap_side ? air[kept[j].air].bssid : air[kept[j].air].sta))
				c++;
		if (c > best) {
			best = c;
			memcpy(l->fit.own, m, 6);
		}
	}
	l->fit.has_own = best > 0;
}

/*
 * Runs of one test bed look alike (the same addresses, the same four
 * messages a few ms apart), so some offset always pairs a few events of
 * any log with any capture.  The true one pairs nearly all of the events
 * that fall within the capture, and every 2/4 whose SNonce the log dumped
 * with the captured 2/4 that carries it.
 */
static bool plausible(struct fw_dlog *l, const struct vote *kept, size_t nk,
		      const struct fw_dlog_air *air, size_t n, bool by_tx_status)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	unsigned in_span = 0, nonce_ev = 0, nonce_kept = 0, used = 0;
	bool air_nonce = false;

	for (size_t k = 0; k < n; k++) {
		if (air[k].ts_ns < lo)
			lo = air[k].ts_ns;
		if (air[k].ts_ns > hi)
			hi = air[k].ts_ns;
		air_nonce |= air[k].msg == FW_DLOG_M2 && air[k].has_nonce;
	}
	for (size_t i = 0; i < l->n_events && used < MAX_ALIGN_EVENTS; i++) {
		const struct fw_dlog_event *e = &l->events[i];
		int64_t t;

		if (!usable(e, by_tx_status))
			continue;
		used++;
		if (fw_dlog_place(l, e->ts_ns, &t) || t < lo - 1000000000LL ||
		    t > hi + 1000000000LL)
			continue;
		in_span++;
		nonce_ev += e->has_nonce;
	}
	for (size_t i = 0; i < nk; i++)
		nonce_kept += l->events[kept[i].ev].has_nonce;
	if (nonce_ev && !nonce_kept && air_nonce) {
		fw_dlog_note(l, "its SNonces match none of the captured 2/4s at the best offset "
			     "(a log of another run?): events placed by order only");
		return false;
	}
	if ((uint64_t)l->fit.matched * 4 < (uint64_t)in_span * 3) {
		fw_dlog_note(l, "at the best offset only %u of its %u EAPOL-Key events within the "
			     "capture match a captured message (a log of another run?): events placed "
			     "by order only", l->fit.matched, in_span);
		return false;
	}
	return true;
}

/* Every vote's difference with the drift slope_ppm about t0 taken out. */
static void detrend(struct vote *v, size_t n, double slope_ppm, int64_t t0)
{
	for (size_t i = 0; i < n; i++) {
		/* |x - t0| < 2^64 ns, so the correction fits; hostile times saturate */
		int64_t c = (int64_t)(((double)v[i].x - (double)t0) * slope_ppm * 1e-6);

		if (__builtin_sub_overflow(v[i].d0, c, &v[i].d))
			v[i].d = c > 0 ? INT64_MIN : INT64_MAX;
	}
}

/*
 * The drift under which the most votes fall in one WINDOW_NS window: the
 * voting of the offset, repeated over a grid of slopes fine enough that a
 * step moves the far end of the span by half a window.  From zero outwards,
 * so a tie keeps the smaller drift.
 */
static double best_slope(struct vote *v, size_t n, int64_t t0, int64_t span)
{
	double step = (double)WINDOW_NS / 2 / (double)span * 1e6, best_s = 0;
	size_t best = 0, c;

	if (FW_DLOG_DRIFT_MAX_PPM / step > DRIFT_STEPS)
		step = FW_DLOG_DRIFT_MAX_PPM / DRIFT_STEPS;
	for (unsigned k = 0; k <= 2 * DRIFT_STEPS; k++) {
		double s = (k % 2 ? 1 : -1) * (double)((k + 1) / 2) * step;

		if (s > FW_DLOG_DRIFT_MAX_PPM || s < -FW_DLOG_DRIFT_MAX_PPM)
			break;
		detrend(v, n, s, t0);
		qsort(v, n, sizeof(*v), cmp_vote);
		densest(v, n, &c);
		if (c > best) {
			best = c;
			best_s = s;
		}
	}
	return best_s;
}

/* The least-squares slope (ppm) of the kept pairs' differences over their log times. */
static double ls_slope(const struct vote *v, size_t n)
{
	double mx = 0, md = 0, sxx = 0, sxd = 0;

	for (size_t i = 0; i < n; i++) {
		mx += (double)v[i].x / (double)n;
		md += (double)v[i].d0 / (double)n;
	}
	for (size_t i = 0; i < n; i++) {
		double dx = (double)v[i].x - mx, dd = (double)v[i].d0 - md;

		sxx += dx * dx;
		sxd += dx * dd;
	}
	return sxx > 0 ? sxd / sxx * 1e6 : 0;
}

static int align_pass(struct fw_dlog *l, const struct fw_dlog_air *air, size_t n,
		      bool by_tx_status)
{
	struct vote *votes = NULL, *kept = NULL, *inl = NULL;
	int64_t *ds = NULL;
	size_t *slot = NULL;
	size_t nv = 0, cap = 0, nk = 0, nkept = 0, used = 0, best, at, voters = 0;
	bool cut = false, try_drift;
	int64_t centre, t0 = 0, xlo = INT64_MAX, xhi = INT64_MIN, span;
	double slope = 0;
	int rc = 0;

	memset(&l->fit, 0, sizeof(l->fit));
	for (size_t i = 0; i < l->n_events && !cut; i++) {
		const struct fw_dlog_event *e = &l->events[i];
		bool voted = false;

		if (!usable(e, by_tx_status))
			continue;
		if (used++ >= MAX_ALIGN_EVENTS) {
			cut = true;
			break;
		}
		l->fit.candidates++;
		for (size_t k = 0; k < n; k++) {
			if (!pair_ok(l, e, &air[k], by_tx_status))
				continue;
			if (nv >= FW_DLOG_MAX_PAIRS) {
				cut = true;
				break;
			}
			if (nv == cap) {
				size_t nc = cap ? cap * 2 : 256;
				struct vote *g = realloc(votes, nc * sizeof(*g));

				if (!g) {
					rc = FW_ENOMEM;
					goto out;
				}
				votes = g;
				cap = nc;
			}
			/* difference of two clocks; saturate rather than overflow on hostile times */
			if ((e->ts_ns < 0 && air[k].ts_ns > INT64_MAX + e->ts_ns) ||
			    (e->ts_ns > 0 && air[k].ts_ns < INT64_MIN + e->ts_ns))
				continue;
			votes[nv].d = votes[nv].d0 = air[k].ts_ns - e->ts_ns;
			votes[nv].x = e->ts_ns;
			votes[nv].ev = i;
			votes[nv].air = k;
			nv++;
			voted = true;
			if (e->ts_ns < xlo)
				xlo = e->ts_ns;
			if (e->ts_ns > xhi)
				xhi = e->ts_ns;
		}
		voters += voted;
	}
	if (cut)
		fw_dlog_note(l, "alignment used the first %zu EAPOL-Key events and %zu pairs only",
			     used > MAX_ALIGN_EVENTS ? (size_t)MAX_ALIGN_EVENTS : used, nv);
	if (!nv)
		goto out;
	/* the offset holds at the log's first timed event, its start */
	for (size_t i = 0; i < l->n_events; i++)
		if (l->events[i].has_ts) {
			t0 = l->events[i].ts_ns;
			break;
		}
	/* a span long enough for the clocks to part: the drift is searched, then fitted */
	if (__builtin_sub_overflow(xhi, xlo, &span))
		span = INT64_MAX;
	try_drift = span > FW_DLOG_DRIFT_SPAN_NS && voters >= FW_DLOG_DRIFT_MIN;
	if (try_drift && nv > DRIFT_MAX_VOTES) {
		/*
		 * A long run pairs each event with every capture's message of its
		 * kind, too many to vote along every slope.  The window without
		 * drift then picks where to search: only pairs that the widest
		 * drift could bring to it are kept, which leaves the answer
		 * without drift as it was.  It is the weaker choice (a run
		 * repeated alike can put a wrong pairing of a few handshakes in
		 * one window while the drift spreads the true pairs over
		 * several), so it serves only where the full search cannot.
		 */
		int64_t band = (int64_t)(FW_DLOG_DRIFT_MAX_PPM * 1e-6 * (double)span) + WINDOW_NS;
		size_t m = 0;

		qsort(votes, nv, sizeof(*votes), cmp_vote);
		at = densest(votes, nv, &best);
		centre = votes[at + best / 2].d;
		for (size_t i = 0; i < nv; i++) {
			int64_t dist;

			if (!__builtin_sub_overflow(votes[i].d, centre, &dist) && dist <= band &&
			    dist >= -band)
				votes[m++] = votes[i];
		}
		nv = m;
		if (nv > DRIFT_MAX_VOTES) {
			fw_dlog_note(l, "%zu pairs near the offset: no drift searched", nv);
			try_drift = false;
		}
	}
	if (try_drift)
		slope = best_slope(votes, nv, t0, span);
	kept = calloc(nv, sizeof(*kept));
	inl = calloc(nv, sizeof(*inl));
	ds = calloc(nv, sizeof(*ds));
	slot = calloc(l->n_events ? l->n_events : 1, sizeof(*slot));
	if (!kept || !inl || !ds || !slot) {
		rc = FW_ENOMEM;
		goto out;
	}
again:
	nk = 0;
	memset(slot, 0, (l->n_events ? l->n_events : 1) * sizeof(*slot));
	detrend(votes, nv, slope, t0);
	qsort(votes, nv, sizeof(*votes), cmp_vote);
	at = densest(votes, nv, &best);
	centre = votes[at + best / 2].d;
	/* each event keeps its vote nearest the centre (slot[ev]: its kept vote + 1) */
	for (size_t i = 0; i < nv; i++) {
		int64_t off = votes[i].d - centre;
		size_t j = slot[votes[i].ev];

		if (off < -FW_DLOG_ALIGN_TOL_NS || off > FW_DLOG_ALIGN_TOL_NS)
			continue;
		if (!j) {
			kept[nk++] = votes[i];
			slot[votes[i].ev] = nk;
		} else {
			int64_t old = kept[j - 1].d - centre;

			if ((off < 0 ? -off : off) < (old < 0 ? -old : old))
				kept[j - 1] = votes[i];
		}
	}
	if (!nk)
		goto out;
	for (size_t i = 0; i < nk; i++)
		ds[i] = kept[i].d;
	qsort(ds, nk, sizeof(*ds), cmp_i64);
	nkept = nk;
	l->fit.offset_ns = median(ds, nk);
	/*
	 * A pair far from the others (a daemon that handled a message late, a
	 * send logged long before the radio got the medium) says nothing of the
	 * clocks: beyond five median absolute deviations, and at least
	 * FW_DLOG_ALIGN_KEEP_NS, it is dropped and the median taken again.
	 * inl[] gets the pairs left, for the drift's fit.
	 */
	{
		int64_t *dev = calloc(nk, sizeof(*dev));
		int64_t lim;
		size_t m = 0;

		if (!dev) {
			rc = FW_ENOMEM;
			goto out;
		}
		for (size_t i = 0; i < nk; i++)
			dev[i] = ds[i] > l->fit.offset_ns ? ds[i] - l->fit.offset_ns
							  : l->fit.offset_ns - ds[i];
		qsort(dev, nk, sizeof(*dev), cmp_i64);
		lim = 5 * median(dev, nk);
		free(dev);
		if (lim < FW_DLOG_ALIGN_KEEP_NS)
			lim = FW_DLOG_ALIGN_KEEP_NS;
		qsort(kept, nk, sizeof(*kept), cmp_vote);
		for (size_t i = 0; i < nk; i++) {
			int64_t r = kept[i].d - l->fit.offset_ns;

			if (r <= lim && r >= -lim)
				inl[m++] = kept[i];
		}
		l->fit.outliers = (unsigned)(nk - m);
		nk = m;
	}
	{
		int64_t lo = INT64_MAX, hi = INT64_MIN;

		for (size_t i = 0; i < nk; i++) {
			lo = inl[i].x < lo ? inl[i].x : lo;
			hi = inl[i].x > hi ? inl[i].x : hi;
		}
		if (__builtin_sub_overflow(hi, lo, &l->fit.span_ns))
			l->fit.span_ns = INT64_MAX;
	}
	if (try_drift) {
		if (l->fit.span_ns <= FW_DLOG_DRIFT_SPAN_NS || nk < FW_DLOG_DRIFT_MIN) {
			/* the pairs that agree span too little: the offset alone, as for a short log */
			try_drift = false;
			slope = 0;
			l->fit.outliers = 0;
			goto again;
		}
		/* the line through the inliers, then the offset at t0 as their median */
		slope = ls_slope(inl, nk);
		detrend(inl, nk, slope, t0);
		l->fit.drift_fitted = true;
		l->fit.drift_ppm = slope;
	}
	l->fit.t0_ns = t0;
	for (size_t i = 0; i < nk; i++)
		ds[i] = inl[i].d;
	qsort(ds, nk, sizeof(*ds), cmp_i64);
	l->fit.offset_ns = median(ds, nk);
	l->fit.aligned = true;
	l->fit.matched = (unsigned)nk;
	{
		uint64_t sq = 0;
		int64_t worst = 0;

		for (size_t i = 0; i < nk; i++) {
			int64_t r = ds[i] - l->fit.offset_ns;

			if (r < 0)
				r = -r;
			if (r > worst)
				worst = r;
			/* in microseconds, so a square of a tolerated residual cannot overflow */
			sq += (uint64_t)(r / 1000) * (uint64_t)(r / 1000);
		}
		l->fit.residual_ns = worst;
		l->fit.rms_ns = (int64_t)isqrt(sq / nk) * 1000;
	}
	if (!plausible(l, kept, nkept, air, n, by_tx_status)) {
		unsigned cands = l->fit.candidates;

		memset(&l->fit, 0, sizeof(l->fit));
		l->fit.candidates = cands;
		goto out_said;
	}
	learn_own(l, kept, nkept, air);
out:
	if (rc == 0 && !l->fit.aligned) {
		if (!l->fit.candidates)
			fw_dlog_note(l, "no timed EAPOL-Key event to align with the capture: events placed by order only");
		else
			fw_dlog_note(l, "none of its %u EAPOL-Key events matches a captured message: events placed by order only",
				     l->fit.candidates);
	}
out_said:
	free(votes);
	free(kept);
	free(inl);
	free(ds);
	free(slot);
	return rc;
}

/* Drop the notes from the n-th on. */
static void notes_cut(struct fw_dlog *l, size_t n)
{
	while (l->n_notes > n)
		free(l->notes[--l->n_notes]);
}

int fw_dlog_align(struct fw_dlog *l, const struct fw_dlog_air *air, size_t n)
{
	size_t said = l->n_notes, said_eapol;
	struct fw_dlog_fit eapol;
	int rc;

	rc = align_pass(l, air, n, false);
	/*
	 * A log with EAPOL-Key events that match nothing is of another run, and
	 * its TX statuses, which name no message, would pair with any capture's:
	 * they stand in only for a log with no EAPOL-Key event at all.
	 */
	if (rc || l->fit.aligned || l->fit.candidates)
		return rc;
	eapol = l->fit;
	said_eapol = l->n_notes;
	rc = align_pass(l, air, n, true);
	if (rc == 0 && l->fit.aligned && l->fit.matched >= FW_DLOG_TXS_MIN) {
		l->fit.anchor = FW_DLOG_ANCHOR_TX_STATUS;
		notes_cut(l, said);
		fw_dlog_note(l, "aligned by %u TX status events (no timed EAPOL-Key event in the log)",
			     l->fit.matched);
	} else {
		l->fit = eapol;
		notes_cut(l, said_eapol);
	}
	return rc;
}

/* The peer l's events name most (its AP, for a station's log); false when none. */
static bool main_peer(const struct fw_dlog *l, uint8_t out[6])
{
	size_t best = 0;

	/* by_peer is sorted by peer: the longest run is the most named */
	for (size_t i = 0, j; i < l->n_by_peer; i = j) {
		const uint8_t *p = l->events[l->by_peer[i]].peer;

		for (j = i; j < l->n_by_peer && fw_mac_eq(l->events[l->by_peer[j]].peer, p); j++)
			;
		if (j - i > best) {
			best = j - i;
			memcpy(out, p, 6);
		}
	}
	return best > 0;
}

int fw_dlog_align_to_logs(struct fw_dlog *l, const struct fw_dlog *const *refs, size_t n)
{
	struct fw_dlog_air *air;
	size_t total = 0, k = 0;
	uint8_t ap[6] = { 0 };
	int rc;

	main_peer(l, ap);
	for (size_t i = 0; i < n; i++)
		total += refs[i]->n_events;
	air = calloc(total ? total : 1, sizeof(*air));
	if (!air)
		return FW_ENOMEM;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < refs[i]->n_events; j++) {
			const struct fw_dlog_event *e = &refs[i]->events[j];

			if ((e->kind != FW_DLOG_EV_EAPOL_TX && e->kind != FW_DLOG_EV_EAPOL_RX) ||
			    !e->has_ts || e->msg == FW_DLOG_MSG_NONE || !fw_dlog_event_ap_side(refs[i], e))
				continue;
			air[k].ts_ns = e->ts_ns;
			air[k].msg = e->msg;
			air[k].from_ap = e->msg_from_ap;
			memcpy(air[k].bssid, refs[i]->has_self ? refs[i]->self : ap, 6);
			memcpy(air[k].sta, e->peer, 6);
			air[k].has_nonce = e->has_nonce;
			memcpy(air[k].nonce, e->nonce, 32);
			air[k].has_rc = e->has_rc;
			air[k].replay_counter = e->replay_counter;
			k++;
		}
	rc = fw_dlog_align(l, air, k);
	free(air);
	return rc;
}

bool fw_dlog_event_on_link(const struct fw_dlog *l, const struct fw_dlog_event *e,
			   const uint8_t bssid[6], const uint8_t sta[6])
{
	bool ap = fw_dlog_event_ap_side(l, e);

	if (!e->has_peer || !fw_mac_eq(e->peer, ap ? sta : bssid))
		return false;
	if (l->fit.has_own && ap == l->ap_side && !fw_mac_eq(l->fit.own, ap ? bssid : sta))
		return false;
	return true;
}

/* The range of by_peer whose events name peer: [*lo, *hi). */
static void peer_range(const struct fw_dlog *l, const uint8_t peer[6], size_t *lo, size_t *hi)
{
	size_t a = 0, b = l->n_by_peer;

	while (a < b) {		/* the first not below peer */
		size_t m = a + (b - a) / 2;

		if (memcmp(l->events[l->by_peer[m]].peer, peer, 6) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	b = l->n_by_peer;
	while (a < b) {		/* the first above peer */
		size_t m = a + (b - a) / 2;

		if (memcmp(l->events[l->by_peer[m]].peer, peer, 6) <= 0)
			a = m + 1;
		else
			b = m;
	}
	*hi = a;
}

void fw_dlog_link_first(struct fw_dlog_link_iter *it, const struct fw_dlog *l,
			const uint8_t bssid[6], const uint8_t sta[6])
{
	memset(it, 0, sizeof(*it));
	it->l = l;
	it->bssid = bssid;
	it->sta = sta;
	if (!l->by_peer)
		return;
	/* the AP's events name the station, the station's the AP */
	peer_range(l, sta, &it->a, &it->a_end);
	if (fw_mac_eq(bssid, sta))
		return;		/* one range holds both sides' */
	peer_range(l, bssid, &it->b, &it->b_end);
}

const struct fw_dlog_event *fw_dlog_link_next(struct fw_dlog_link_iter *it)
{
	const struct fw_dlog *l = it->l;

	if (!l->by_peer) {
		while (it->k < l->n_events) {
			const struct fw_dlog_event *e = &l->events[it->k++];

			if (fw_dlog_event_on_link(l, e, it->bssid, it->sta))
				return e;
		}
		return NULL;
	}
	/* the two ranges are each in log order: merge them */
	while (it->a < it->a_end || it->b < it->b_end) {
		size_t i;
		const struct fw_dlog_event *e;

		if (it->b >= it->b_end ||
		    (it->a < it->a_end && l->by_peer[it->a] < l->by_peer[it->b]))
			i = l->by_peer[it->a++];
		else
			i = l->by_peer[it->b++];
		e = &l->events[i];
		if (fw_dlog_event_on_link(l, e, it->bssid, it->sta))
			return e;
	}
	return NULL;
}
