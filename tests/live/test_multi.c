/*
 * Several live interfaces as one source (capture/multi.h), without root:
 * stand-in live sources whose descriptor is a pipe (a byte in the pipe is
 * a frame waiting), and the pcapng writer's interface blocks read back.
 *
 * - frames waiting on several interfaces come out in timestamp order, each
 *   tagged with its interface, numbered over all;
 * - a frame held back between calls keeps the descriptor readable, so a
 *   caller that stops part way is woken for it;
 * - interfaces of different link types, or a source that is not live, are
 *   refused;
 * - -w's pcapng: one interface block per interface name, each frame read
 *   back with its interface.
 */
#include "config.h"

#include <check.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture/internal.h"
#include "capture/multi.h"
#include "capture/pcapng.h"
#include "capture/source.h"
#include "util/err.h"

struct fake {
	struct fw_source base;
	int rfd, wfd;
	const int64_t *ts;
	size_t n, i;
	uint8_t byte;
	char name[16];
	uint64_t recv, drop, ifdrop;	/* the kernel's counters it reports */
};

static int fake_next(struct fw_source *s, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct fake *f = (struct fake *)s;
	uint8_t b;

	(void)err;
	(void)errlen;
	if (f->i == f->n || read(f->rfd, &b, 1) != 1)
		return 0;
	memset(pkt, 0, sizeof(*pkt));
	pkt->ts_ns = f->ts[f->i++];
	pkt->frame_no = ++f->base.frame_no;
	pkt->data = &f->byte;
	pkt->caplen = pkt->len = 1;
	pkt->linktype = f->base.linktype;
	return 1;
}

static int fake_fd(const struct fw_source *s)
{
	return ((const struct fake *)s)->rfd;
}

static void fake_close(struct fw_source *s)
{
	struct fake *f = (struct fake *)s;

	close(f->rfd);
	close(f->wfd);
	free(f);
}

static int fake_stats(struct fw_source *s, struct fw_source_stats *st)
{
	const struct fake *f = (const struct fake *)s;

	st->kernel = true;
	st->kernel_received = f->recv;
	st->kernel_dropped = f->drop;
	st->if_dropped = f->ifdrop;
	return 0;
}

static const struct fw_source_ops fake_ops = {
	.next = fake_next, .fd = fake_fd, .stats = fake_stats, .close = fake_close,
};

static struct fake *fake_new(const char *name, int linktype, const int64_t *ts, size_t n,
			     uint8_t byte)
{
	struct fake *f = calloc(1, sizeof(*f));
	int p[2];

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pipe2(p, O_NONBLOCK | O_CLOEXEC), 0);
	f->rfd = p[0];
	f->wfd = p[1];
	f->ts = ts;
	f->n = n;
	f->byte = byte;
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->base.ops = &fake_ops;
	f->base.path = f->name;
	f->base.linktype = linktype;
	f->base.live = true;
	return f;
}

/* k frames of f arrive */
static void arrive(struct fake *f, size_t k)
{
	static const uint8_t ones[16];

	ck_assert_int_eq(write(f->wfd, ones, k), (ssize_t)k);
}

static bool readable(struct fw_source *s)
{
	struct pollfd p = { .fd = fw_source_fd(s), .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

START_TEST(time_order_and_tags)
{
	static const int64_t ta[] = { 100, 300, 500 }, tb[] = { 200, 250, 600 };
	struct fake *a = fake_new("wlan0", 127, ta, 3, 'a'), *b = fake_new("wlan1", 127, tb, 3, 'b');
	struct fw_source *one[2] = { &a->base, &b->base }, *m;
	static const int64_t want_ts[] = { 100, 200, 250, 300, 500, 600 };
	static const uint32_t want_if[] = { 0, 1, 1, 0, 0, 1 };
	struct fw_pkt pkt;
	char err[256];

	ck_assert_int_eq(fw_source_open_multi(&m, one, 2, err, sizeof(err)), 0);
	ck_assert_str_eq(fw_source_path(m), "wlan0,wlan1");
	ck_assert_str_eq(fw_source_multi_name(m, 1), "wlan1");
	ck_assert_ptr_null(fw_source_multi_name(m, 2));
	ck_assert(fw_source_live(m));
	ck_assert_int_eq(fw_source_linktype(m), 127);
	ck_assert(!readable(m));
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 0);
	arrive(a, 3);
	arrive(b, 3);
	ck_assert(readable(m));
	for (size_t i = 0; i < 6; i++) {
		ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 1);
		ck_assert_int_eq(pkt.ts_ns, want_ts[i]);
		ck_assert_uint_eq(pkt.iface, want_if[i]);
		ck_assert_uint_eq(pkt.data[0], want_if[i] ? 'b' : 'a');
		ck_assert_uint_eq(pkt.frame_no, i + 1);
	}
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 0);
	ck_assert(!readable(m));
	fw_source_close(m);
}
END_TEST

/* Only what has arrived is chosen from: a quiet interface holds nothing back. */
START_TEST(quiet_interface)
{
	static const int64_t ta[] = { 500 }, tb[] = { 100 };
	struct fake *a = fake_new("a", 127, ta, 1, 'a'), *b = fake_new("b", 127, tb, 1, 'b');
	struct fw_source *one[2] = { &a->base, &b->base }, *m;
	struct fw_pkt pkt;
	char err[256];

	ck_assert_int_eq(fw_source_open_multi(&m, one, 2, err, sizeof(err)), 0);
	arrive(a, 1);
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 1);
	ck_assert_int_eq(pkt.ts_ns, 500);
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 0);
	arrive(b, 1);
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 1);
	ck_assert_uint_eq(pkt.iface, 1);
	fw_source_close(m);
}
END_TEST

/* A reader that stops after one frame is woken again for the one held back. */
START_TEST(held_frame_wakes)
{
	static const int64_t ta[] = { 100 }, tb[] = { 200 };
	struct fake *a = fake_new("a", 127, ta, 1, 'a'), *b = fake_new("b", 127, tb, 1, 'b');
	struct fw_source *one[2] = { &a->base, &b->base }, *m;
	struct fw_pkt pkt;
	char err[256];

	ck_assert_int_eq(fw_source_open_multi(&m, one, 2, err, sizeof(err)), 0);
	arrive(a, 1);
	arrive(b, 1);
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 1);
	ck_assert_int_eq(pkt.ts_ns, 100);
	/* both pipes are empty now: b's frame is held in the source */
	ck_assert_msg(readable(m), "a held frame must keep the descriptor readable");
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 1);
	ck_assert_int_eq(pkt.ts_ns, 200);
	ck_assert_int_eq(fw_source_next(m, &pkt, err, sizeof(err)), 0);
	ck_assert(!readable(m));
	fw_source_close(m);
}
END_TEST

/* The kernel's counters: the sums, and each interface's own for the status line. */
START_TEST(drops_per_interface)
{
	static const int64_t t[] = { 1 };
	struct fake *a = fake_new("wlan0", 127, t, 1, 'a'), *b = fake_new("wlan1", 127, t, 1, 'b');
	struct fw_source *one[2] = { &a->base, &b->base }, *m;
	struct fw_source_stats st;
	char err[256];

	a->recv = 100, a->drop = 0, a->ifdrop = 1;
	b->recv = 70, b->drop = 5, b->ifdrop = 0;
	ck_assert_int_eq(fw_source_open_multi(&m, one, 2, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_source_stats(m, &st), 0);
	ck_assert(st.kernel);
	ck_assert_uint_eq(st.kernel_received, 170);
	ck_assert_uint_eq(st.kernel_dropped, 5);
	ck_assert_uint_eq(st.if_dropped, 1);
	ck_assert_int_eq(fw_source_multi_stats(m, 0, &st), 0);
	ck_assert_uint_eq(st.kernel_received, 100);
	ck_assert_uint_eq(st.kernel_dropped, 0);
	ck_assert_uint_eq(st.if_dropped, 1);
	ck_assert_int_eq(fw_source_multi_stats(m, 1, &st), 0);
	ck_assert_uint_eq(st.kernel_received, 70);
	ck_assert_uint_eq(st.kernel_dropped, 5);
	ck_assert_uint_eq(st.if_dropped, 0);
	ck_assert_int_eq(fw_source_multi_stats(m, 2, &st), FW_EINVAL);
	fw_source_close(m);
}
END_TEST

START_TEST(refused)
{
	static const int64_t t[] = { 1 };
	struct fake *a = fake_new("a", 127, t, 1, 'a'), *b = fake_new("b", 105, t, 1, 'b');
	struct fw_source *one[2] = { &a->base, &b->base }, *m = NULL;
	char err[256];

	ck_assert_int_eq(fw_source_open_multi(&m, one, 2, err, sizeof(err)), FW_EINVAL);
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(err, "one link type"), "%s", err);
	a = fake_new("a", 127, t, 1, 'a');
	b = fake_new("b", 127, t, 1, 'b');
	b->base.live = false;
	one[0] = &a->base;
	one[1] = &b->base;
	ck_assert_int_eq(fw_source_open_multi(&m, one, 2, err, sizeof(err)), FW_EINVAL);
	ck_assert_msg(strstr(err, "b: not a live interface"), "%s", err);
}
END_TEST

/* -w with several interfaces: one IDB per name, each frame back on its interface. */
START_TEST(pcapng_ifnames)
{
	static const char *names[] = { "wlan0", "wlan1", "wlan0", NULL, "wlan1" };
	static const uint32_t want[] = { 0, 1, 0, 2, 1 };
	char path[] = "/tmp/fw-multi-XXXXXX", err[256], *buf;
	struct fw_pcapng_writer *w;
	struct fw_source *s;
	struct fw_pkt pkt;
	uint8_t b = 0x80;
	FILE *f;
	long len;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(fw_pcapng_writer_open(&w, path, NULL, 0, err, sizeof(err)), 0);
	for (size_t i = 0; i < 5; i++) {
		struct fw_pcapng_pkt p = { .linktype = 105, .ts_ns = (int64_t)i, .data = &b,
					   .caplen = 1, .len = 1 };

		ck_assert_int_eq(fw_pcapng_writer_write_on(w, &p, names[i]), 0);
	}
	ck_assert_int_eq(fw_pcapng_writer_close(w), 0);
	ck_assert_int_eq(fw_source_open_file(&s, path, err, sizeof(err)), 0);
	for (size_t i = 0; i < 5; i++) {
		ck_assert_int_eq(fw_source_next(s, &pkt, err, sizeof(err)), 1);
		ck_assert_uint_eq(pkt.iface, want[i]);
	}
	ck_assert_int_eq(fw_source_next(s, &pkt, err, sizeof(err)), 0);
	fw_source_close(s);
	/* the names are in the file: if_name (option 2, length 5) */
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	buf = malloc(4096);
	len = (long)fread(buf, 1, 4096, f);
	fclose(f);
	ck_assert(memmem(buf, (size_t)len, "\x02\x00\x05\x00wlan0", 9));
	ck_assert(memmem(buf, (size_t)len, "\x02\x00\x05\x00wlan1", 9));
	free(buf);
	unlink(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("multi");
	TCase *tc = tcase_create("multi");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, time_order_and_tags);
	tcase_add_test(tc, quiet_interface);
	tcase_add_test(tc, held_frame_wakes);
	tcase_add_test(tc, refused);
	tcase_add_test(tc, drops_per_interface);
	tcase_add_test(tc, pcapng_ifnames);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
