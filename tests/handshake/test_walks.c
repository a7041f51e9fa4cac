/*
 * test_walks.c - the per-message searches of a keyed link grow with the
 * link, not with its square (handshake/walkidx.h), and give the answers
 * the walks over the whole link gave.
 *
 * One link of N complete handshakes whose MICs verify with the passphrase
 * given (builder.c: real PTKs and MICs), in the shapes that are each
 * walk's worst case: fresh nonces and counters; two ANonces and two
 * SNonces in turn (fewer than a message's candidate list holds); every
 * handshake at replay counter 1 again; every msg 4/4 with a MIC of
 * another PMK.  The work is counted (hs_walk_steps: the messages and
 * index entries the searches visit), not timed: from N to 2N it at most
 * doubles (and a little: binary searches); the walks, which the test
 * takes too (hs_walk_noindex), grow about fourfold, so the count tells
 * the two apart.  Both give the same verdict, key, nonces' frames and
 * tries for every message, and the same findings.  The feed's own
 * questions (the request an answer echoes, whether the AP had moved on,
 * the latest msg 1/4) are counted the same way in their worst shapes,
 * and give the same request, supersession and msg 1/4 for every message.
 * SLOW_RESPONSE's searches for each request's answer and retry, and
 * whether the answer was overtaken, are counted too (its thresholds out
 * of reach while counting, so that it asks about every request).
 */
#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../common/run.h"
#include "builder.h"
#include "handshake/core.h"
#include "handshake/walkidx.h"
#include "keys/keyring.h"

/*
 * The feed's shapes (feedidx.h), one handshake of one ANonce and SNonce
 * each: M1RUN, n unanswered msg 1/4 (counters 1..n), then n msg 2/4 in
 * that order, each answering a 1/4 n messages back (late: the AP moved
 * on); M3RUN, n retransmissions of msg 3/4 after one 1/4 and 2/4 (each
 * message's latest 1/4 lies behind all of them), then a 4/4 answering the
 * first and one the last; LOWRC, a 1/4 at counter n + 1, n 1/4s below it
 * (none supersedes it), then n 2/4s echoing the first, all n back.
 */
enum shape { PLAIN, REUSE, SAMERC, BADM4, M1RUN, M3RUN, LOWRC };

static void nonce(uint8_t out[32], unsigned v, uint8_t side)
{
	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)((v >> (8 * (i & 3))) ^ side ^ (i * 7));
}

static void feed_shape(struct hsb *b, struct fw_core *c, enum shape s, unsigned n)
{
	uint8_t an[32], sn[32];

	nonce(an, 7, 0xa0);
	nonce(sn, 7, 0x50);
	switch (s) {
	case M1RUN:
		for (unsigned k = 1; k <= n; k++)
			hsb_msg(b, c, 1, k, an, sn, NULL);
		for (unsigned k = 1; k <= n; k++)
			hsb_msg(b, c, 2, k, an, sn, NULL);
		hsb_msg(b, c, 3, n + 1, an, sn, NULL);
		hsb_msg(b, c, 4, n + 1, an, sn, NULL);
		break;
	case M3RUN:
		hsb_msg(b, c, 1, 1, an, sn, NULL);
		hsb_msg(b, c, 2, 1, an, sn, NULL);
		for (unsigned k = 2; k <= n + 1; k++)
			hsb_msg(b, c, 3, k, an, sn, NULL);
		hsb_msg(b, c, 4, 2, an, sn, NULL);
		hsb_msg(b, c, 4, n + 1, an, sn, NULL);
		break;
	case LOWRC:
		hsb_msg(b, c, 1, n + 1, an, sn, NULL);
		for (unsigned k = 1; k <= n; k++)
			hsb_msg(b, c, 1, k, an, sn, NULL);
		for (unsigned k = 1; k <= n; k++)
			hsb_msg(b, c, 2, n + 1, an, sn, NULL);
		break;
	default:
		break;
	}
}

/*
 * SLOW_RESPONSE stops at a few findings a link: while counting, its
 * thresholds are out of reach, so that it asks about every request.
 */
static uint32_t slow_ms;

/* A core holding one link of n handshakes of shape s, finished. */
static struct fw_core *build(struct fw_keyring **kr, enum shape s, unsigned n)
{
	static const uint8_t other_pmk[32] = { 1, 2, 3 };
	char err[256];
	struct fw_core_opts o = { .slow_first_ms = slow_ms, .slow_later_ms = slow_ms };
	struct fw_core *c;
	struct hsb b;
	uint64_t rc = 0;

	*kr = fw_keyring_new();
	ck_assert_ptr_nonnull(*kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(*kr, "walk passphrase", NULL, 0, "--passphrase",
						   err, sizeof(err)), 0);
	c = fw_core_new(&o, *kr);
	ck_assert_ptr_nonnull(c);
	fw_core_add_input(c, "test.pcap", FW_DLT_IEEE802_11_RADIO);
	hsb_init(&b, "walk passphrase", "fourway-walks");
	hsb_beacon(&b, c);
	if (s >= M1RUN) {
		feed_shape(&b, c, s, n);
		fw_core_finish(c);
		ck_assert_uint_eq(fw_core_n_links(c), 1);
		ck_assert_uint_eq(fw_core_link(c, 0)->n_hs, 1);
		return c;
	}
	for (unsigned h = 0; h < n; h++) {
		uint8_t an[32], sn[32];
		unsigned v = s == REUSE ? h % 2 : h;

		nonce(an, v, 0xa0);
		nonce(sn, v, 0x50);
		if (s == SAMERC)
			rc = 0;
		hsb_msg(&b, c, 1, ++rc, an, sn, NULL);
		hsb_msg(&b, c, 2, rc, an, sn, NULL);
		hsb_msg(&b, c, 3, ++rc, an, sn, NULL);
		hsb_msg(&b, c, 4, rc, an, sn, s == BADM4 ? other_pmk : NULL);
		b.ts_ns += 8000000;
	}
	fw_core_finish(c);
	ck_assert_uint_eq(fw_core_n_links(c), 1);
	ck_assert_uint_eq(fw_core_link(c, 0)->n_hs, n);
	return c;
}

/* The work of the searches over a link of n handshakes. */
static unsigned long long steps(enum shape s, unsigned n, bool walk)
{
	struct fw_keyring *kr;
	struct fw_core *c;
	unsigned long long before = hs_walk_steps;

	hs_walk_noindex = walk;
	slow_ms = UINT32_MAX;
	c = build(&kr, s, n);
	slow_ms = 0;
	hs_walk_noindex = false;
	before = hs_walk_steps - before;
	fw_core_free(c);
	fw_keyring_free(kr);
	return before;
}

static const char *const names[] = { "plain", "reuse", "samerc", "badm4", "m1run", "m3run",
				     "lowrc" };

/* From n to 2n handshakes the work at most about doubles. */
static void linear(enum shape s, unsigned n)
{
	unsigned long long a = steps(s, n, false), b = steps(s, 2 * n, false);

	printf("# %s: %u %s %llu steps, %u: %llu (x%.2f)\n", names[s], n,
	       s >= M1RUN ? "requests" : "handshakes", a, 2 * n, b, (double)b / (double)a);
	ck_assert_msg(b < 2.2 * (double)a, "%s: %llu steps at %u, %llu at %u", names[s], a, n, b,
		      2 * n);
}

START_TEST(test_linear_plain)
{
	linear(PLAIN, 2048);
}
END_TEST

START_TEST(test_linear_reuse)
{
	linear(REUSE, 2048);
}
END_TEST

START_TEST(test_linear_samerc)
{
	linear(SAMERC, 2048);
}
END_TEST

START_TEST(test_linear_badm4)
{
	/* each bad 4/4 costs some 200 PTKs and MICs: fewer handshakes */
	linear(BADM4, 512);
}
END_TEST

START_TEST(test_linear_m1run)
{
	linear(M1RUN, 2048);
}
END_TEST

START_TEST(test_linear_m3run)
{
	linear(M3RUN, 2048);
}
END_TEST

START_TEST(test_linear_lowrc)
{
	linear(LOWRC, 2048);
}
END_TEST

/* The feed's walks, counted too: fourfold from n to 2n in each of its shapes. */
START_TEST(test_feed_walks_counted)
{
	for (enum shape s = M1RUN; s <= LOWRC; s++) {
		unsigned long long a = steps(s, 256, true), b = steps(s, 512, true);

		printf("# walks, %s: 256 %llu steps, 512: %llu (x%.2f)\n", names[s], a, b,
		       (double)b / (double)a);
		ck_assert_msg(b > 3.0 * (double)a, "%s: %llu steps at 256, %llu at 512", names[s],
			      a, b);
	}
}
END_TEST

/* The count sees a walk over the link per message: fourfold from n to 2n. */
START_TEST(test_walks_counted)
{
	unsigned long long a = steps(PLAIN, 256, true), b = steps(PLAIN, 512, true);

	printf("# walks: 256 handshakes %llu steps, 512: %llu (x%.2f)\n", a, b,
	       (double)b / (double)a);
	ck_assert_msg(b > 3.0 * (double)a, "%llu steps at 256 handshakes, %llu at 512", a, b);
}
END_TEST

/* The link behind its public view: the feed's answers are kept in priv. */
static const struct hs_msg_priv *priv_of(const struct fw_link *pl)
{
	return ((const struct hs_link *)(const void *)((const char *)pl -
						       offsetof(struct hs_link, pub)))->priv;
}

/* Indexes and walks: the same answers for every message, the same findings. */
static void same_answers(enum shape s, unsigned n)
{
	struct fw_keyring *ka, *kb;
	struct fw_core *a, *b;
	const struct fw_link *la, *lb;

	hs_walk_noindex = true;
	b = build(&kb, s, n);
	hs_walk_noindex = false;
	a = build(&ka, s, n);
	la = fw_core_link(a, 0);
	lb = fw_core_link(b, 0);
	ck_assert_uint_eq(la->n_msgs, lb->n_msgs);
	for (size_t i = 0; i < la->n_msgs; i++) {
		const struct fw_msg *x = &la->msgs[i], *y = &lb->msgs[i];

		ck_assert_uint_eq(x->frame, y->frame);
		ck_assert_msg(priv_of(la)[i].prev_m1 == priv_of(lb)[i].prev_m1 &&
			      priv_of(la)[i].req == priv_of(lb)[i].req &&
			      priv_of(la)[i].late_by == priv_of(lb)[i].late_by,
			      "%s: frame %llu: prev_m1 %zu/%zu req %zu/%zu late_by %zu/%zu", names[s],
			      (unsigned long long)x->frame, priv_of(la)[i].prev_m1,
			      priv_of(lb)[i].prev_m1, priv_of(la)[i].req, priv_of(lb)[i].req,
			      priv_of(la)[i].late_by, priv_of(lb)[i].late_by);
		ck_assert_msg(x->late == y->late && x->answers_file == y->answers_file,
			      "%s: frame %llu: late %d/%d", names[s], (unsigned long long)x->frame,
			      x->late, y->late);
		ck_assert_msg(x->mic == y->mic && x->key_id == y->key_id &&
			      x->anonce_from == y->anonce_from && x->n_tried == y->n_tried &&
			      x->handshake == y->handshake && x->answers == y->answers &&
			      x->rx_has_key == y->rx_has_key && x->rx_why == y->rx_why &&
			      strcmp(fw_msg_mic_reason(x), fw_msg_mic_reason(y)) == 0,
			      "%s: frame %llu: mic %d/%d key %u/%u anonce %llu/%llu tried %u/%u",
			      names[s], (unsigned long long)x->frame, x->mic, y->mic, x->key_id,
			      y->key_id, (unsigned long long)x->anonce_from,
			      (unsigned long long)y->anonce_from, x->n_tried, y->n_tried);
		ck_assert_uint_eq(fw_msg_tries_kept(x), fw_msg_tries_kept(y));
		for (unsigned t = 0; t < fw_msg_tries_kept(x); t++)
			ck_assert(x->tried[t].key_id == y->tried[t].key_id &&
				  x->tried[t].anonce_frame == y->tried[t].anonce_frame &&
				  x->tried[t].snonce_frame == y->tried[t].snonce_frame);
	}
	ck_assert_uint_eq(fw_core_n_findings(a), fw_core_n_findings(b));
	for (size_t i = 0; i < fw_core_n_findings(a); i++) {
		if (fw_core_finding(a, i)->code == FW_F_SLOW_RESPONSE)
			printf("# %s: %s\n", names[s], fw_core_finding(a, i)->detail);
		ck_assert_int_eq(fw_core_finding(a, i)->code, fw_core_finding(b, i)->code);
		ck_assert_str_eq(fw_core_finding(a, i)->detail, fw_core_finding(b, i)->detail);
	}
	fw_core_free(a);
	fw_core_free(b);
	fw_keyring_free(ka);
	fw_keyring_free(kb);
}

START_TEST(test_same_answers)
{
	for (enum shape s = PLAIN; s <= LOWRC; s++)
		same_answers(s, 100);
}
END_TEST

static Suite *walks_suite(void)
{
	Suite *s = suite_create("walks");
	TCase *tc = tcase_create("walks");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_linear_plain);
	tcase_add_test(tc, test_linear_reuse);
	tcase_add_test(tc, test_linear_samerc);
	tcase_add_test(tc, test_linear_badm4);
	tcase_add_test(tc, test_linear_m1run);
	tcase_add_test(tc, test_linear_m3run);
	tcase_add_test(tc, test_linear_lowrc);
	tcase_add_test(tc, test_walks_counted);
	tcase_add_test(tc, test_feed_walks_counted);
	tcase_add_test(tc, test_same_answers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tcommon_run(walks_suite(), NULL);
}
