/*
 * The radio's hop thread (capture/radio.h), without Wi-Fi: a stand-in
 * set-channel call that blocks until the test lets it return (a byte on a
 * pipe the test holds), so a hop is held in flight for as long as the test
 * wants, whatever the machine's speed.
 *
 * - while a hop is in flight, the channel, the next hop's time and the
 *   error reads return at once, and show the radio where it still is;
 * - a failed hop is told through the descriptor and the error read, never
 *   printed, and leaves the radio on its channel;
 * - radio i of n starts at hop i and steps n (--hop over several radios);
 * - close joins the thread: a hop in flight (released ~300 ms later by
 *   another thread) ends before close returns, and a thread asleep for a
 *   long dwell is woken at once.
 */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/radio.h"
#include "util/err.h"

#define GUARD_MS 10000	/* a stand-in call held longer than this gives up: a failure, not a hang */

struct fake {
	int entered[2];		/* a byte a call, written as the call begins */
	int release[2];		/* a byte from the test lets one call return */
	atomic_uint calls, returned;
	uint32_t freqs[64];
	uint32_t fail_freq;
};

static int fake_set(void *ctx, const struct fw_chan *ch, char *err, size_t errlen)
{
	struct fake *f = ctx;
	unsigned n = atomic_fetch_add(&f->calls, 1);
	struct pollfd p = { .fd = f->release[0], .events = POLLIN };
	int rc = 0;
	char b;

	if (n < 64)
		f->freqs[n] = ch->freq;
	if (write(f->entered[1], "e", 1) != 1)
		rc = FW_EIO;
	if (poll(&p, 1, GUARD_MS) != 1 || read(f->release[0], &b, 1) != 1) {
		snprintf(err, errlen, "never released");
		rc = FW_EIO;
	} else if (ch->freq == f->fail_freq) {
		snprintf(err, errlen, "set frequency %u MHz on fake0: device or resource busy",
			 ch->freq);
		rc = FW_EIO;
	}
	atomic_fetch_add(&f->returned, 1);
	return rc;
}

static void fake_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	ck_assert_int_eq(pipe(f->entered), 0);
	ck_assert_int_eq(pipe(f->release), 0);
}

static void fake_fini(struct fake *f)
{
	for (int i = 0; i < 2; i++) {
		close(f->entered[i]);
		close(f->release[i]);
	}
}

static void release(struct fake *f, int n)
{
	while (n-- > 0)
		ck_assert_int_eq(write(f->release[1], "r", 1), 1);
}

/* Wait for the next call to begin (false after GUARD_MS). */
static bool entered(struct fake *f)
{
	struct pollfd p = { .fd = f->entered[0], .events = POLLIN };
	char b;

	return poll(&p, 1, GUARD_MS) == 1 && read(f->entered[0], &b, 1) == 1;
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static const struct fw_chan three[] = { { 2412, FW_WIDTH_20 }, { 2437, FW_WIDTH_20 },
					 { 2462, FW_WIDTH_20 } };

static struct fw_radio *open_fake(struct fake *f, size_t first, size_t step, int64_t dwell_ns)
{
	const struct fw_radio_opts o = { .iface = "fake0", .hop = three, .n_hop = 3,
					 .hop_first = first, .hop_step = step,
					 .dwell_ns = dwell_ns, .set_chan = fake_set, .set_ctx = f };
	struct fw_radio *r;
	char note[128], err[256];

	ck_assert_int_eq(fw_radio_open(&r, &o, note, sizeof(note), err, sizeof(err)), 0);
	ck_assert_str_eq(note, "");
	/* the first tune is the caller's own, before the capture starts */
	release(f, 1);
	ck_assert_int_eq(fw_radio_tune(r, err, sizeof(err)), 0);
	ck_assert(entered(f));
	ck_assert_uint_eq(f->freqs[0], three[first].freq);
	return r;
}

static void *release_later(void *arg)
{
	struct fake *f = arg;
	struct timespec ts = { 0, 300000000 };

	nanosleep(&ts, NULL);	/* the slow kernel: close must wait for it, however long */
	if (write(f->release[1], "r", 1) != 1)
		return arg;
	return NULL;
}

/* Close while a hop may be in flight: another thread lets it end ~300 ms later. */
static void close_releasing(struct fake *f, struct fw_radio *r)
{
	pthread_t late;
	char err[256];

	ck_assert_int_eq(pthread_create(&late, NULL, release_later, f), 0);
	ck_assert_int_eq(fw_radio_close(r, err, sizeof(err)), 0);
	/* joined: no call is left running */
	ck_assert_uint_eq(atomic_load(&f->returned), atomic_load(&f->calls));
	ck_assert_int_eq(pthread_join(late, NULL), 0);
}

START_TEST(reads_while_hop_in_flight)
{
	struct fake f;
	struct fw_radio *r;
	struct pollfd p;
	char err[256];

	fake_init(&f);
	r = open_fake(&f, 0, 1, 1000000);
	ck_assert_int_eq(fw_radio_start(r, mono_ns(), err, sizeof(err)), 0);
	/* the first hop is in the stand-in call now, and stays there until released */
	ck_assert(entered(&f));
	ck_assert_uint_eq(fw_radio_chan(r).freq, 2412);
	ck_assert(fw_radio_next_hop(r) >= 0);
	ck_assert_uint_eq(fw_radio_take_error(r, err, sizeof(err)), 0);
	p = (struct pollfd){ .fd = fw_radio_fd(r), .events = POLLIN };
	ck_assert_int_ge(p.fd, 0);
	ck_assert_int_eq(poll(&p, 1, 0), 0);
	/* every read above came back while the hop was still held */
	ck_assert_uint_eq(atomic_load(&f.returned), 1);
	ck_assert_uint_eq(atomic_load(&f.calls), 2);

	/* let it land: the next hop begins after it, with the channel published */
	release(&f, 1);
	ck_assert(entered(&f));
	ck_assert_uint_eq(fw_radio_chan(r).freq, 2437);
	ck_assert_uint_eq(f.freqs[2], 2462);

	/* close with that hop in flight: it returns once the call has ended */
	close_releasing(&f, r);
	ck_assert_uint_eq(atomic_load(&f.calls), 3);
	fake_fini(&f);
}
END_TEST

START_TEST(failure_told_not_printed)
{
	struct fake f;
	struct fw_radio *r;
	struct pollfd p;
	char err[256] = "";

	fake_init(&f);
	f.fail_freq = 2437;
	r = open_fake(&f, 0, 1, 1000000);
	release(&f, 1);		/* the hop to 2437, which fails */
	ck_assert_int_eq(fw_radio_start(r, mono_ns(), err, sizeof(err)), 0);
	p = (struct pollfd){ .fd = fw_radio_fd(r), .events = POLLIN };
	ck_assert_int_eq(poll(&p, 1, GUARD_MS), 1);
	ck_assert_uint_eq(fw_radio_take_error(r, err, sizeof(err)), 1);
	ck_assert_str_eq(err, "set frequency 2437 MHz on fake0: device or resource busy");
	ck_assert_uint_eq(fw_radio_chan(r).freq, 2412);	/* still where it was */
	ck_assert_int_eq(poll(&p, 1, 0), 0);
	ck_assert_uint_eq(fw_radio_take_error(r, err, sizeof(err)), 0);
	close_releasing(&f, r);	/* the next hop may have begun */
	fake_fini(&f);
}
END_TEST

START_TEST(spread_over_radios)
{
	struct fake f;
	struct fw_radio *r;
	char err[256];

	fake_init(&f);
	/* radio 1 of 2 over 1, 6, 11: 6 first, then two places on each time */
	r = open_fake(&f, 1, 2, 1000000);
	release(&f, 2);
	ck_assert_int_eq(fw_radio_start(r, mono_ns(), err, sizeof(err)), 0);
	for (int i = 0; i < 3; i++)
		ck_assert(entered(&f));
	close_releasing(&f, r);	/* the third hop, held in flight */
	ck_assert_uint_eq(f.freqs[1], 2412);
	ck_assert_uint_eq(f.freqs[2], 2462);
	ck_assert_uint_eq(f.freqs[3], 2437);
	ck_assert_uint_eq(atomic_load(&f.calls), 4);
	fake_fini(&f);
}
END_TEST

START_TEST(close_wakes_sleeper)
{
	struct fake f;
	struct fw_radio *r;
	char err[256];

	fake_init(&f);
	r = open_fake(&f, 2, 1, 3600LL * 1000000000);	/* an hour's dwell */
	ck_assert_int_eq(fw_radio_start(r, mono_ns(), err, sizeof(err)), 0);
	ck_assert(fw_radio_next_hop(r) > mono_ns());
	ck_assert_int_eq(fw_radio_close(r, err, sizeof(err)), 0);
	ck_assert_uint_eq(atomic_load(&f.calls), 1);	/* the tune only */
	fake_fini(&f);
}
END_TEST

START_TEST(fixed_channel_has_no_thread)
{
	struct fake f;
	const struct fw_radio_opts o = { .iface = "fake0", .tune = true,
					 .chan = { 5180, FW_WIDTH_80 }, .set_chan = fake_set,
					 .set_ctx = &f };
	struct fw_radio *r;
	char note[64], err[256];

	fake_init(&f);
	ck_assert_int_eq(fw_radio_open(&r, &o, note, sizeof(note), err, sizeof(err)), 0);
	release(&f, 1);
	ck_assert_int_eq(fw_radio_tune(r, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_radio_start(r, mono_ns(), err, sizeof(err)), 0);
	ck_assert_int_eq(fw_radio_fd(r), -1);
	ck_assert(fw_radio_next_hop(r) == -1);
	ck_assert_uint_eq(fw_radio_chan(r).freq, 5180);
	ck_assert_int_eq(fw_radio_close(r, err, sizeof(err)), 0);
	ck_assert_uint_eq(atomic_load(&f.calls), 1);
	fake_fini(&f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("radio");
	TCase *tc = tcase_create("hop thread");
	SRunner *sr;
	int failed;

	/* the guards are 10 s; a reader that blocked would hit this first */
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, reads_while_hop_in_flight);
	tcase_add_test(tc, failure_told_not_printed);
	tcase_add_test(tc, spread_over_radios);
	tcase_add_test(tc, close_wakes_sleeper);
	tcase_add_test(tc, fixed_channel_has_no_thread);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
