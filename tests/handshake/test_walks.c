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
 * tries for every message, and the same findings.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "../common/run.h"
#include "builder.h"
#include "handshake/core.h"
#include "handshake/walkidx.h"
#include "keys/keyring.h"

enum shape { PLAIN, REUSE, SAMERC, BADM4 };

static void nonce(uint8_t out[32], unsigned v, uint8_t side)
{
	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)((v >> (8 * (i & 3))) ^ side ^ (i * 7));
}

/* A core holding one link of n handshakes of shape s, finished. */
static struct fw_core *build(struct fw_keyring **kr, enum shape s, unsigned n)
{
	static const uint8_t other_pmk[32] = { 1, 2, 3 };
	char err[256];
	struct fw_core_opts o = { 0 };
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
	c = build(&kr, s, n);
	hs_walk_noindex = false;
	before = hs_walk_steps - before;
	fw_core_free(c);
	fw_keyring_free(kr);
	return before;
}

static const char *const names[] = { "plain", "reuse", "samerc", "badm4" };

/* From n to 2n handshakes the work at most about doubles. */
static void linear(enum shape s, unsigned n)
{
	unsigned long long a = steps(s, n, false), b = steps(s, 2 * n, false);

	printf("# %s: %u handshakes %llu steps, %u: %llu (x%.2f)\n", names[s], n, a, 2 * n, b,
	       (double)b / (double)a);
	ck_assert_msg(b < 2.2 * (double)a, "%s: %llu steps at %u handshakes, %llu at %u", names[s],
		      a, n, b, 2 * n);
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

/* The count sees a walk over the link per message: fourfold from n to 2n. */
START_TEST(test_walks_counted)
{
	unsigned long long a = steps(PLAIN, 256, true), b = steps(PLAIN, 512, true);

	printf("# walks: 256 handshakes %llu steps, 512: %llu (x%.2f)\n", a, b,
	       (double)b / (double)a);
	ck_assert_msg(b > 3.0 * (double)a, "%llu steps at 256 handshakes, %llu at 512", a, b);
}
END_TEST

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
		ck_assert_msg(x->mic == y->mic && x->key_id == y->key_id &&
			      x->anonce_from == y->anonce_from && x->n_tried == y->n_tried &&
			      x->handshake == y->handshake && x->answers == y->answers &&
			      x->rx_has_key == y->rx_has_key && x->rx_why == y->rx_why &&
			      strcmp(x->mic_reason, y->mic_reason) == 0,
			      "%s: frame %llu: mic %d/%d key %u/%u anonce %llu/%llu tried %u/%u",
			      names[s], (unsigned long long)x->frame, x->mic, y->mic, x->key_id,
			      y->key_id, (unsigned long long)x->anonce_from,
			      (unsigned long long)y->anonce_from, x->n_tried, y->n_tried);
		for (unsigned t = 0; t < x->n_tried && t < FW_MSG_MAX_TRIED; t++)
			ck_assert(x->tried[t].key_id == y->tried[t].key_id &&
				  x->tried[t].anonce_frame == y->tried[t].anonce_frame &&
				  x->tried[t].snonce_frame == y->tried[t].snonce_frame);
	}
	ck_assert_uint_eq(fw_core_n_findings(a), fw_core_n_findings(b));
	for (size_t i = 0; i < fw_core_n_findings(a); i++) {
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
	for (enum shape s = PLAIN; s <= BADM4; s++)
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
	tcase_add_test(tc, test_walks_counted);
	tcase_add_test(tc, test_same_answers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tcommon_run(walks_suite(), NULL);
}
