/*
 * Alignment by known offsets: the EAPOL-Key events of a real log
 * (captures/messy/m2-late.hostapd.log) put on the air at a known offset,
 * with the latency a send or a receive has, among decoys (each request,
 * 1/4 and 3/4, again 100 ms later, as a retransmission is).  The capture
 * half of the test, with a real capture shifted by editcap, is align.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

#define OFF 123456789012LL	/* the capture's clock runs 123.456789012 s ahead */

static struct fw_dlog *named_log(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096], err[256];
	struct fw_dlog *l;

	snprintf(path, sizeof(path), "%s/captures/messy/%s", top ? top : ".", name);
	ck_assert_int_eq(fw_dlog_load(path, &l, err, sizeof(err)), 0);
	return l;
}

static struct fw_dlog *real_log(void)
{
	return named_log("m2-late.hostapd.log");
}

static const uint8_t AP[6] = { 2, 0, 0, 0, 0, 0 };
static const uint8_t STA1[6] = { 2, 0, 0, 0, 1, 0 };

/* The air of the log's messages at offset off, requests with a decoy; returns the count. */
static size_t air_of(const struct fw_dlog *l, int64_t off, struct fw_dlog_air *a, size_t max,
		     const uint8_t sta[6])
{
	size_t n = 0;

	for (size_t i = 0; i < l->n_events; i++) {
		const struct fw_dlog_event *e = &l->events[i];
		/* a send reaches the air after it is logged, a receive is logged after the air */
		int64_t lat = e->kind == FW_DLOG_EV_EAPOL_TX ? 150000 : -300000;

		if (e->kind != FW_DLOG_EV_EAPOL_TX && e->kind != FW_DLOG_EV_EAPOL_RX)
			continue;
		for (int k = 0; k < (e->msg_from_ap ? 2 : 1) && n < max; k++, n++) {
			memset(&a[n], 0, sizeof(a[n]));
			a[n].ts_ns = e->ts_ns + off + lat + (k ? 100000000 : 0);
			a[n].msg = e->msg;
			a[n].from_ap = e->msg_from_ap;
			memcpy(a[n].bssid, AP, 6);
			memcpy(a[n].sta, sta, 6);
		}
	}
	return n;
}

static int64_t absdiff(int64_t a, int64_t b)
{
	return a > b ? a - b : b - a;
}

START_TEST(known_offset)
{
	struct fw_dlog *l = real_log();
	struct fw_dlog_air a[64];
	size_t n = air_of(l, OFF, a, 64, STA1);

	ck_assert_uint_eq(n, 8);
	ck_assert_int_eq(fw_dlog_align(l, a, n), 0);
	ck_assert(l->fit.aligned);
	ck_assert_uint_eq(l->fit.candidates, 5);
	ck_assert_uint_eq(l->fit.matched, 5);
	/* the median of +150 us (3 sends) and -300 us (2 receives): the sends' */
	ck_assert_int_le(absdiff(l->fit.offset_ns, OFF), 1000000);
	ck_assert_int_eq(l->fit.offset_ns, OFF + 150000);
	ck_assert_int_eq(l->fit.residual_ns, 450000);
	ck_assert(l->fit.has_own);
	ck_assert_mem_eq(l->fit.own, AP, 6);
	/* a run of 1 s: no drift */
	ck_assert(!l->fit.drift_fitted);
	ck_assert(l->fit.drift_ppm == 0);
	fw_dlog_free(l);
}
END_TEST

/*
 * The log's EAPOL-Key events moved apart, the j-th by j * gap, as if the
 * handshakes were that far apart, and the air that saw them at a known
 * offset and drift: air time = log time + OFF + latency + ppm * 1e-6 *
 * (log time - t0), t0 the log's first timed line.  Returns the count.
 */
static size_t air_drift(struct fw_dlog *l, int64_t gap, double ppm, struct fw_dlog_air *a,
			size_t max, int64_t *t0)
{
	size_t n = 0, j = 0;

	*t0 = 0;
	for (size_t i = 0; i < l->n_events; i++)
		if (l->events[i].has_ts) {
			*t0 = l->events[i].ts_ns;
			break;
		}
	for (size_t i = 0; i < l->n_events; i++) {
		struct fw_dlog_event *e = &l->events[i];
		int64_t lat = e->kind == FW_DLOG_EV_EAPOL_TX ? 150000 : -300000, t;

		if (e->kind != FW_DLOG_EV_EAPOL_TX && e->kind != FW_DLOG_EV_EAPOL_RX)
			continue;
		e->ts_ns += (int64_t)j++ * gap;
		t = e->ts_ns + OFF + lat + (int64_t)((double)(e->ts_ns - *t0) * ppm * 1e-6);
		for (int k = 0; k < (e->msg_from_ap ? 2 : 1) && n < max; k++, n++) {
			memset(&a[n], 0, sizeof(a[n]));
			a[n].ts_ns = t + (k ? 100000000 : 0);
			a[n].msg = e->msg;
			a[n].from_ap = e->msg_from_ap;
			memcpy(a[n].bssid, AP, 6);
			memcpy(a[n].sta, STA1, 6);
		}
	}
	return n;
}

/*
 * Ten events over 135 s at 250 ppm: the ends part by 34 ms, more than the
 * voting window.  The drift within 5 ppm (the send and receive latencies,
 * 450 us apart, over the span allow about 3), the offset at t0 within 1 ms,
 * every event matched, and every one placed within its latency of its air.
 */
START_TEST(known_drift)
{
	struct fw_dlog *l = named_log("pmf-m4-drop.hostapd.log");
	struct fw_dlog_air a[64];
	int64_t t0, t;
	size_t n = air_drift(l, 15000000000LL, 250.0, a, 64, &t0);

	ck_assert_int_eq(fw_dlog_align(l, a, n), 0);
	ck_assert(l->fit.aligned);
	ck_assert(l->fit.drift_fitted);
	ck_assert_uint_eq(l->fit.matched, 10);
	ck_assert_int_eq(l->fit.t0_ns, t0);
	ck_assert(l->fit.drift_ppm > 245.0 && l->fit.drift_ppm < 255.0);
	ck_assert_int_le(absdiff(l->fit.offset_ns, OFF), 1000000);
	ck_assert_int_gt(l->fit.span_ns, FW_DLOG_DRIFT_SPAN_NS);
	for (size_t i = 0; i < l->n_events; i++) {
		const struct fw_dlog_event *e = &l->events[i];
		int64_t want;

		if (e->kind != FW_DLOG_EV_EAPOL_TX && e->kind != FW_DLOG_EV_EAPOL_RX)
			continue;
		want = e->ts_ns + OFF + (int64_t)((double)(e->ts_ns - t0) * 250e-6);
		ck_assert(!fw_dlog_place(l, e->ts_ns, &t));
		ck_assert_int_le(absdiff(t, want), 1000000);
	}
	fw_dlog_free(l);
}
END_TEST

/* Five matches are too few for a drift however long the span: the offset alone. */
START_TEST(few_no_drift)
{
	struct fw_dlog *l = real_log();
	struct fw_dlog_air a[64];
	int64_t t0;
	size_t n = air_drift(l, 20000000000LL, 20.0, a, 64, &t0);

	ck_assert_int_eq(fw_dlog_align(l, a, n), 0);
	ck_assert(l->fit.aligned);
	ck_assert_uint_eq(l->fit.matched, 5);
	ck_assert(!l->fit.drift_fitted);
	ck_assert(l->fit.drift_ppm == 0);
	fw_dlog_free(l);
}
END_TEST

/* The same air shifted by S: the offset moves by exactly S. */
START_TEST(shift_moves_offset)
{
	static const int64_t shifts[] = { 0, 1, -37000000000LL, 5250000000LL, -1 };
	int64_t base = 0;

	for (size_t s = 0; s < sizeof(shifts) / sizeof(shifts[0]); s++) {
		struct fw_dlog *l = real_log();
		struct fw_dlog_air a[64];
		size_t n = air_of(l, OFF + shifts[s], a, 64, STA1);

		ck_assert_int_eq(fw_dlog_align(l, a, n), 0);
		ck_assert(l->fit.aligned);
		if (s == 0)
			base = l->fit.offset_ns;
		ck_assert_int_eq(l->fit.offset_ns - base, shifts[s]);
		fw_dlog_free(l);
	}
}
END_TEST

START_TEST(no_match)
{
	static const uint8_t other[6] = { 2, 0, 0, 0, 9, 0 };
	struct fw_dlog *l = real_log();
	struct fw_dlog_air a[64];
	size_t n = air_of(l, OFF, a, 64, other);
	bool said = false;

	ck_assert_int_eq(fw_dlog_align(l, a, n), 0);
	ck_assert(!l->fit.aligned);
	ck_assert_uint_eq(l->fit.matched, 0);
	for (size_t i = 0; i < l->n_notes; i++)
		said |= strstr(l->notes[i], "matches a captured message") != NULL;
	ck_assert(said);
	/* not aligned: the events are on no link's timeline */
	fw_dlog_free(l);
}
END_TEST

/* A dumped SNonce that differs from the captured 2/4's keeps the pair from voting. */
START_TEST(nonce_must_agree)
{
	struct fw_dlog *l = fw_dlog_new("t");
	struct fw_dlog_air a[2];
	struct fw_dlog_event e;

	memset(&e, 0, sizeof(e));
	e.kind = FW_DLOG_EV_EAPOL_TX;
	e.daemon = FW_DLOG_WPA_SUPPLICANT;
	e.has_ts = true;
	e.ts_ns = 1000000000;
	e.msg = FW_DLOG_M2;
	e.has_nonce = true;
	memset(e.nonce, 0xaa, 32);
	l->events = &e;
	l->n_events = 1;
	memset(a, 0, sizeof(a));
	for (int i = 0; i < 2; i++) {
		a[i].msg = FW_DLOG_M2;
		a[i].has_nonce = true;
		memcpy(a[i].bssid, AP, 6);
		memcpy(a[i].sta, STA1, 6);
	}
	a[0].ts_ns = 2000000000;	/* the nearer one, with another nonce */
	memset(a[0].nonce, 0xbb, 32);
	a[1].ts_ns = 7000000000;
	memset(a[1].nonce, 0xaa, 32);
	ck_assert_int_eq(fw_dlog_align(l, a, 2), 0);
	ck_assert(l->fit.aligned);
	ck_assert_int_eq(l->fit.offset_ns, 6000000000LL);
	l->events = NULL;
	fw_dlog_free(l);
}
END_TEST

/* Many events and many messages: the votes are capped, and said. */
START_TEST(pairs_capped)
{
	size_t ne = 5000, na = 2000;
	struct fw_dlog *l = fw_dlog_new("t");
	struct fw_dlog_air *a = calloc(na, sizeof(*a));
	bool said = false;

	ck_assert_ptr_nonnull(a);
	l->events = calloc(ne, sizeof(*l->events));
	ck_assert_ptr_nonnull(l->events);
	l->n_events = ne;
	for (size_t i = 0; i < ne; i++) {
		l->events[i].kind = FW_DLOG_EV_EAPOL_TX;
		l->events[i].has_ts = true;
		l->events[i].ts_ns = (int64_t)i * 1000000;
		l->events[i].msg = FW_DLOG_M1;
		l->events[i].msg_from_ap = true;
		l->events[i].daemon = FW_DLOG_HOSTAPD;
	}
	for (size_t i = 0; i < na; i++) {
		a[i].ts_ns = (int64_t)i * 1000000 + 5000000;
		a[i].msg = FW_DLOG_M1;
		a[i].from_ap = true;
	}
	ck_assert_int_eq(fw_dlog_align(l, a, na), 0);
	for (size_t i = 0; i < l->n_notes; i++)
		said |= strstr(l->notes[i], "alignment used the first") != NULL;
	ck_assert(said);
	ck_assert_uint_le(l->fit.candidates, 4096);
	free(a);
	fw_dlog_free(l);
}
END_TEST

Suite *align_suite(void)
{
	Suite *s = suite_create("align");
	TCase *tc = tcase_create("align");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, known_offset);
	tcase_add_test(tc, shift_moves_offset);
	tcase_add_test(tc, no_match);
	tcase_add_test(tc, nonce_must_agree);
	tcase_add_test(tc, pairs_capped);
	tcase_add_test(tc, known_drift);
	tcase_add_test(tc, few_no_drift);
	suite_add_tcase(s, tc);
	return s;
}
