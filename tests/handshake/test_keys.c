/*
 * test_keys.c - whose key is wrong, over hand-built exchanges whose keys
 * are known: KEY_WRONG when the sides agree and only the key given fails
 * (the outcome is that of no key), M2_REJECTED when the key given is the
 * station's and the AP answers its 2/4 with msg 1/4 again, and what is
 * neither (a restart, an answer to a superseded 1/4, a 2/4 answered by 3/4).
 */
#include <check.h>
#include <string.h>

#include "builder.h"
#include "handshake/core.h"
#include "handshake/finding.h"
#include "keys/keyring.h"
#include "suites.h"

#define SEC 1000000000LL

static uint8_t A1[32], A2[32], S1[32];

struct env {
	struct fw_keyring *kr;
	struct fw_core *c;
	struct hsb b;
};

static void env_init(struct env *e, const char *key_pass, const char *sta_pass)
{
	char err[256];
	struct fw_core_opts o = { 0 };

	for (int i = 0; i < 32; i++) {
		A1[i] = (uint8_t)(0xa0 + i);
		A2[i] = (uint8_t)(0x50 + i);
		S1[i] = (uint8_t)(0xc0 + i);
	}
	e->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(e->kr);
	if (key_pass)
		ck_assert_int_eq(fw_keyring_add_passphrase(e->kr, key_pass, NULL, 0, "--passphrase",
							   err, sizeof(err)), 0);
	e->c = fw_core_new(&o, e->kr);
	ck_assert_ptr_nonnull(e->c);
	fw_core_add_input(e->c, "test.pcap", FW_DLT_IEEE802_11_RADIO);
	hsb_init(&e->b, sta_pass, "fourway-test");
	hsb_beacon(&e->b, e->c);
}

static void env_fini(struct env *e)
{
	fw_core_free(e->c);
	fw_keyring_free(e->kr);
}

static const struct fw_finding *find(const struct fw_core *c, enum fw_code code)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		if (fw_core_finding(c, i)->code == code)
			return fw_core_finding(c, i);
	return NULL;
}

static bool has_frame(const struct fw_finding *f, uint64_t frame)
{
	for (size_t i = 0; i < f->n_frames; i++)
		if (f->frames[i].frame == frame)
			return true;
	return false;
}

/* A clean M1..M4 between two sides that share "the shared passphrase". */
static void clean(struct env *e, uint64_t fr[4])
{
	fr[0] = hsb_msg(&e->b, e->c, 1, 1, A1, S1, NULL);
	fr[1] = hsb_msg(&e->b, e->c, 2, 1, A1, S1, NULL);
	fr[2] = hsb_msg(&e->b, e->c, 3, 2, A1, S1, NULL);
	fr[3] = hsb_msg(&e->b, e->c, 4, 2, A1, S1, NULL);
	fw_core_finish(e->c);
}

START_TEST(test_key_wrong_on_a_clean_handshake)
{
	struct env e, none;
	uint64_t fr[4];
	const struct fw_link *l;
	const struct fw_finding *f;

	env_init(&e, "a mistyped passphrase", "the shared passphrase");
	clean(&e, fr);
	l = fw_core_link(e.c, 0);
	for (int i = 1; i < 4; i++)
		ck_assert_int_eq(l->msgs[i].mic, FW_MICV_KEY_WRONG);
	f = find(e.c, FW_F_KEY_WRONG);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, FW_SEV_ERROR);
	/* the evidence: the AP answered 2/4 with 3/4 */
	ck_assert(has_frame(f, fr[1]) && has_frame(f, fr[2]));
	ck_assert_ptr_nonnull(strstr(f->detail, "fingerprint"));
	ck_assert_ptr_null(find(e.c, FW_F_MIC_BAD));
	ck_assert_uint_eq(fw_core_n_findings(e.c), 1);
	/* the outcome of the protocol, the same as with no key at all */
	env_init(&none, NULL, "the shared passphrase");
	clean(&none, fr);
	ck_assert_int_eq(l->hs[0].outcome, FW_OUT_COMPLETE);
	ck_assert_int_eq(fw_core_link(none.c, 0)->hs[0].outcome, l->hs[0].outcome);
	ck_assert_str_eq(fw_core_link(none.c, 0)->hs[0].outcome_detail, l->hs[0].outcome_detail);
	ck_assert_uint_eq(l->hs[0].key_id, 0);
	env_fini(&none);
	env_fini(&e);
}
END_TEST

/* The station sent 4/4 (it verified 3/4) though the AP's 3/4 is all the evidence left. */
START_TEST(test_key_wrong_by_m4)
{
	struct env e;
	const struct fw_finding *f;
	uint64_t m4;

	env_init(&e, "a mistyped passphrase", "the shared passphrase");
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	m4 = hsb_msg(&e.b, e.c, 4, 2, A1, S1, NULL);	/* the 3/4 was not captured */
	fw_core_finish(e.c);
	f = find(e.c, FW_F_KEY_WRONG);
	ck_assert_ptr_nonnull(f);
	ck_assert(has_frame(f, m4));
	ck_assert_ptr_nonnull(strstr(f->detail, "msg 4/4"));
	ck_assert_ptr_null(find(e.c, FW_F_MIC_BAD));
	env_fini(&e);
}
END_TEST

/* Without any sign that the sides agree, a failing 2/4 stays MIC_BAD "wrong key". */
START_TEST(test_no_agreement_is_mic_bad)
{
	struct env e;
	const struct fw_finding *f;

	env_init(&e, "the AP's passphrase", "the station's passphrase");
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	fw_core_finish(e.c);
	f = find(e.c, FW_F_MIC_BAD);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->diagnosis, "wrong key");
	ck_assert_ptr_null(find(e.c, FW_F_KEY_WRONG));
	ck_assert_ptr_null(find(e.c, FW_F_M2_REJECTED));
	/* the AP never answered: the protocol shows an unfinished handshake, as with no key */
	ck_assert_int_eq(fw_core_link(e.c, 0)->hs[0].outcome, FW_OUT_INCOMPLETE);
	env_fini(&e);
}
END_TEST

/*
 * The key given is the station's: both 2/4s verify, the AP sends 1/4 again
 * a second later (the same ANonce, its retransmission timer) and gives up.
 */
START_TEST(test_m2_rejected)
{
	struct env e;
	const struct fw_finding *f;
	uint64_t m2a, m1b, m2b, d;

	env_init(&e, "the station's passphrase", "the station's passphrase");
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	m2a = hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	e.b.ts_ns += SEC;
	m1b = hsb_msg(&e.b, e.c, 1, 2, A1, S1, NULL);
	m2b = hsb_msg(&e.b, e.c, 2, 2, A1, S1, NULL);
	e.b.ts_ns += SEC;
	d = hsb_deauth(&e.b, e.c, 15);
	fw_core_finish(e.c);
	f = find(e.c, FW_F_M2_REJECTED);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, FW_SEV_ERROR);
	ck_assert(has_frame(f, m2a) && has_frame(f, m1b) && has_frame(f, m2b) && has_frame(f, d));
	ck_assert_ptr_nonnull(strstr(f->detail, "another PMK"));
	ck_assert_ptr_null(find(e.c, FW_F_MIC_BAD));
	ck_assert_ptr_null(find(e.c, FW_F_KEY_WRONG));
	ck_assert_ptr_nonnull(find(e.c, FW_F_TIMEOUT));
	env_fini(&e);
}
END_TEST

/* A new ANonce 2 ms after the 2/4: a restart (ANONCE_CHANGED), not a verdict on the 2/4. */
START_TEST(test_restart_is_not_a_rejection)
{
	struct env e;

	env_init(&e, "the shared passphrase", "the shared passphrase");
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 1, 2, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 2, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 3, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 3, A2, S1, NULL);
	fw_core_finish(e.c);
	ck_assert_ptr_null(find(e.c, FW_F_M2_REJECTED));
	ck_assert_ptr_nonnull(find(e.c, FW_F_ANONCE_CHANGED));
	env_fini(&e);
}
END_TEST

/* A 2/4 answering a superseded 1/4 is dropped for its replay counter, not rejected for its MIC. */
START_TEST(test_late_answer_is_not_a_rejection)
{
	struct env e;

	env_init(&e, "the shared passphrase", "the shared passphrase");
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	e.b.ts_ns += SEC;
	hsb_msg(&e.b, e.c, 1, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);	/* answers the first 1/4 */
	e.b.ts_ns += SEC;
	hsb_msg(&e.b, e.c, 1, 3, A1, S1, NULL);
	fw_core_finish(e.c);
	ck_assert_ptr_null(find(e.c, FW_F_M2_REJECTED));
	env_fini(&e);
}
END_TEST

/* A new 1/4 ten seconds after a 2/4 whose 3/4 the capture missed: no answer to that 2/4. */
START_TEST(test_much_later_m1_is_not_a_rejection)
{
	struct env e;

	env_init(&e, "the shared passphrase", "the shared passphrase");
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	e.b.ts_ns += 10 * SEC;
	hsb_msg(&e.b, e.c, 1, 5, A2, S1, NULL);
	fw_core_finish(e.c);
	ck_assert_ptr_null(find(e.c, FW_F_M2_REJECTED));
	env_fini(&e);
}
END_TEST

Suite *keys_suite(void)
{
	Suite *s = suite_create("handshake-keys");
	TCase *tc = tcase_create("keys");

	tcase_add_test(tc, test_key_wrong_on_a_clean_handshake);
	tcase_add_test(tc, test_key_wrong_by_m4);
	tcase_add_test(tc, test_no_agreement_is_mic_bad);
	tcase_add_test(tc, test_m2_rejected);
	tcase_add_test(tc, test_restart_is_not_a_rejection);
	tcase_add_test(tc, test_late_answer_is_not_a_rejection);
	tcase_add_test(tc, test_much_later_m1_is_not_a_rejection);
	suite_add_tcase(s, tc);
	return s;
}
