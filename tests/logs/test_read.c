/*
 * Whole logs: a real one of captures/messy, and hostile ones (binary
 * garbage, a 50 MB line, two daemons interleaved, no or wrong timestamps,
 * more events than kept).  Each must end with its notes, never a crash,
 * and with memory bounded by the caps of dlog.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

static bool has_note(const struct fw_dlog *l, const char *part)
{
	for (size_t i = 0; i < l->n_notes; i++)
		if (strstr(l->notes[i], part))
			return true;
	return false;
}

static struct fw_dlog *read_text(const char *text, size_t n)
{
	FILE *f = tmpfile();
	struct fw_dlog *l = fw_dlog_new("mem");

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(fwrite(text, 1, n, f), n);
	rewind(f);
	ck_assert_int_eq(fw_dlog_read(l, f), 0);
	fclose(f);
	return l;
}

static size_t count_kind(const struct fw_dlog *l, enum fw_dlog_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n_events; i++)
		n += l->events[i].kind == k;
	return n;
}

/* captures/messy/m2-late.hostapd.log: 3 messages sent (lines 19, 24, 31), 2 received (27, 34) */
START_TEST(real_hostapd_log)
{
	const char *top = getenv("top_srcdir");
	char path[4096], err[256];
	struct fw_dlog *l;

	snprintf(path, sizeof(path), "%s/captures/messy/m2-late.hostapd.log", top ? top : ".");
	ck_assert_int_eq(fw_dlog_load(path, &l, err, sizeof(err)), 0);
	ck_assert_int_eq(l->daemon, FW_DLOG_HOSTAPD);
	ck_assert(l->ap_side);
	ck_assert_uint_eq(l->lines, 41);
	ck_assert_uint_eq(count_kind(l, FW_DLOG_EV_EAPOL_TX), 3);
	ck_assert_uint_eq(count_kind(l, FW_DLOG_EV_EAPOL_RX), 2);
	ck_assert_uint_eq(count_kind(l, FW_DLOG_EV_TX_STATUS), 3);
	ck_assert_uint_eq(count_kind(l, FW_DLOG_EV_REPLAY_DISCARD), 1);
	ck_assert_uint_eq(count_kind(l, FW_DLOG_EV_TIMEOUT), 1);
	ck_assert_uint_eq(l->n_notes, 0);
	fw_dlog_free(l);
	ck_assert_int_ne(fw_dlog_load("/nonexistent/x.log", &l, err, sizeof(err)), 0);
	ck_assert_ptr_null(l);
	ck_assert(strstr(err, "/nonexistent/x.log") != NULL);
}
END_TEST

/*
 * A link's events through the peer index are exactly those a walk of the
 * whole log accepts, in log order: captures/messy/two-sta-m3.hostapd.log,
 * one AP and two stations whose handshakes interleave; a station the log
 * never names has none.  The same without the index (the walk it falls
 * back to).
 */
static size_t check_link_events(const struct fw_dlog *l, const uint8_t ap[6], const uint8_t sta[6])
{
	struct fw_dlog_link_iter it;
	const struct fw_dlog_event *e;
	size_t k = 0, n = 0;

	fw_dlog_link_first(&it, l, ap, sta);
	while ((e = fw_dlog_link_next(&it)) != NULL) {
		while (k < l->n_events && !fw_dlog_event_on_link(l, &l->events[k], ap, sta))
			k++;
		ck_assert_msg(k < l->n_events && e == &l->events[k],
			      "event %zu of the link is not the walk's next one", n);
		k++;
		n++;
	}
	while (k < l->n_events)
		ck_assert_msg(!fw_dlog_event_on_link(l, &l->events[k++], ap, sta),
			      "the index missed event %zu", k - 1);
	return n;
}

START_TEST(link_events_by_peer)
{
	static const uint8_t ap[6] = { 2, 0, 0, 0, 0, 0 }, sta1[6] = { 2, 0, 0, 0, 1, 0 },
			     sta2[6] = { 2, 0, 0, 0, 2, 0 }, other[6] = { 2, 0, 0, 0, 9, 0 };
	const char *top = getenv("top_srcdir");
	char path[4096], err[256];
	struct fw_dlog *l;
	size_t n1, n2;

	snprintf(path, sizeof(path), "%s/captures/messy/two-sta-m3.hostapd.log", top ? top : ".");
	ck_assert_int_eq(fw_dlog_load(path, &l, err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(l->by_peer);
	n1 = check_link_events(l, ap, sta1);
	n2 = check_link_events(l, ap, sta2);
	ck_assert_uint_gt(n1, 0);
	ck_assert_uint_gt(n2, 0);
	ck_assert_uint_eq(check_link_events(l, ap, other), 0);
	free(l->by_peer);
	l->by_peer = NULL;
	l->n_by_peer = 0;
	ck_assert_uint_eq(check_link_events(l, ap, sta1), n1);
	ck_assert_uint_eq(check_link_events(l, ap, sta2), n2);
	fw_dlog_free(l);
}
END_TEST

START_TEST(binary_garbage)
{
	size_t n = 1 << 20;
	char *b = malloc(n);
	uint32_t x = 12345;
	struct fw_dlog *l;

	ck_assert_ptr_nonnull(b);
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (char)(x >> 16);
	}
	l = read_text(b, n);
	ck_assert_uint_eq(l->n_events, 0);
	ck_assert(l->garbage > 0);
	ck_assert(has_note(l, "not text"));
	ck_assert(has_note(l, "no line of hostapd"));
	fw_dlog_free(l);
	free(b);
}
END_TEST

/* 50 MB of one line, then a real line: the long one skipped, the next one read */
START_TEST(huge_line)
{
	static const char real[] = "\n1796539069.580786: wlan1: WPA: Installing PTK to the driver\n";
	FILE *f = tmpfile();
	char *chunk = malloc(1 << 20);
	struct fw_dlog *l = fw_dlog_new("huge");

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(chunk);
	memset(chunk, 'A', 1 << 20);
	for (int i = 0; i < 50; i++)
		ck_assert_uint_eq(fwrite(chunk, 1, 1 << 20, f), 1 << 20);
	ck_assert_uint_eq(fwrite(real, 1, sizeof(real) - 1, f), sizeof(real) - 1);
	rewind(f);
	ck_assert_int_eq(fw_dlog_read(l, f), 0);
	fclose(f);
	ck_assert_uint_eq(l->lines, 2);
	ck_assert_uint_eq(l->skipped_long, 1);
	ck_assert_uint_eq(l->n_events, 1);
	ck_assert_int_eq(l->events[0].kind, FW_DLOG_EV_KEY_INSTALL);
	ck_assert_uint_eq(l->events[0].line, 2);
	ck_assert(has_note(l, "longer than"));
	fw_dlog_free(l);
	free(chunk);
}
END_TEST

/* m2-late's two logs, line by line in one file: each event on its own side */
START_TEST(two_daemons_interleaved)
{
	static const char text[] =
		"1796539069.577201: 1796539069.577202: wlan0: STA 02:00:00:00:01:00 WPA: sending 1/4 msg of 4-Way Handshake\n"
		"1796539069.577693: wlan1: WPA: RX message 1 of 4-Way Handshake from 02:00:00:00:00:00 (ver=2)\n"
		"1796539069.577963: wlan1: WPA: Sending EAPOL-Key 2/4\n"
		"1796539069.578564: 1796539069.578566: wlan0: STA 02:00:00:00:01:00 WPA: received EAPOL-Key frame (2/4 Pairwise)\n";
	struct fw_dlog *l = read_text(text, sizeof(text) - 1);

	ck_assert_uint_eq(l->n_events, 4);
	ck_assert(fw_dlog_event_ap_side(l, &l->events[0]));
	ck_assert(!fw_dlog_event_ap_side(l, &l->events[1]));
	ck_assert(!fw_dlog_event_ap_side(l, &l->events[2]));
	ck_assert(fw_dlog_event_ap_side(l, &l->events[3]));
	/* the station's 2/4 names no peer: the station side's last one, not hostapd's STA */
	ck_assert_uint_eq(l->events[2].peer[4], 0);
	ck_assert(has_note(l, "both hostapd"));
	fw_dlog_free(l);
}
END_TEST

START_TEST(no_and_wrong_timestamps)
{
	static const char plain[] =
		"wlan1: WPA: RX message 1 of 4-Way Handshake from 02:00:00:00:00:00 (ver=2)\n"
		"wlan1: WPA: Sending EAPOL-Key 2/4";
	static const char back[] =
		"1796539069.577693: wlan1: WPA: RX message 1 of 4-Way Handshake from 02:00:00:00:00:00 (ver=2)\n"
		"1196539069.577963: wlan1: WPA: Sending EAPOL-Key 2/4\n";
	struct fw_dlog *l = read_text(plain, sizeof(plain) - 1);

	ck_assert_uint_eq(l->n_events, 2);
	ck_assert(has_note(l, "no timestamps"));
	ck_assert(has_note(l, "no newline"));
	/* nothing to align: said, and no offset */
	ck_assert_int_eq(fw_dlog_align(l, NULL, 0), 0);
	ck_assert(!l->fit.aligned);
	ck_assert(has_note(l, "by order only"));
	fw_dlog_free(l);
	l = read_text(back, sizeof(back) - 1);
	ck_assert_uint_eq(l->backwards, 1);
	ck_assert(has_note(l, "time went back"));
	fw_dlog_free(l);
}
END_TEST

START_TEST(events_capped)
{
	static const char line[] = "1796539069.591913: wlan1: WPA: Installing GTK to the driver (keyidx=1 tx=0 len=16)\n";
	size_t n = FW_DLOG_MAX_EVENTS + 5, len = sizeof(line) - 1;
	char *b = malloc(n * len);
	struct fw_dlog *l;

	ck_assert_ptr_nonnull(b);
	for (size_t i = 0; i < n; i++)
		memcpy(b + i * len, line, len);
	l = read_text(b, n * len);
	ck_assert_uint_eq(l->n_events, FW_DLOG_MAX_EVENTS);
	ck_assert_uint_eq(l->dropped_events, 5);
	ck_assert(has_note(l, "more dropped"));
	fw_dlog_free(l);
	free(b);
}
END_TEST

Suite *read_suite(void)
{
	Suite *s = suite_create("read");
	TCase *tc = tcase_create("read");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, real_hostapd_log);
	tcase_add_test(tc, link_events_by_peer);
	tcase_add_test(tc, binary_garbage);
	tcase_add_test(tc, huge_line);
	tcase_add_test(tc, two_daemons_interleaved);
	tcase_add_test(tc, no_and_wrong_timestamps);
	tcase_add_test(tc, events_capped);
	suite_add_tcase(s, tc);
	return s;
}
