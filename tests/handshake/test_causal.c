/*
 * test_causal.c - answers bound to their requests (DESIGN.md, "A handshake
 * is causal, not sequential"), over exchanges built with real keys: every
 * MIC below is computed by the builder with the passphrase the core is
 * given, so which ones verify is known before the core runs.
 */
#include <check.h>
#include <string.h>

#include "builder.h"
#include "handshake/core.h"
#include "handshake/finding.h"
#include "keys/keyring.h"
#include "suites.h"

#define PASS "correct horse battery"

static uint8_t A1[32], A2[32], S1[32], S2[32];

struct env {
	struct fw_keyring *kr;
	struct fw_core *c;
	struct hsb b;
};

static void env_init(struct env *e)
{
	char err[256];
	struct fw_core_opts o = { 0 };

	for (int i = 0; i < 32; i++) {
		A1[i] = (uint8_t)(0xa0 + i);
		A2[i] = (uint8_t)(0x50 + i);
		S1[i] = (uint8_t)(0xc0 + i);
		S2[i] = (uint8_t)(0xe0 + i);
	}
	e->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(e->kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(e->kr, PASS, NULL, 0, "--passphrase", err,
						   sizeof(err)), 0);
	e->c = fw_core_new(&o, e->kr);
	ck_assert_ptr_nonnull(e->c);
	fw_core_add_input(e->c, "test.pcap", FW_DLT_IEEE802_11_RADIO);
	hsb_init(&e->b, PASS, "fourway-test");
	hsb_beacon(&e->b, e->c);
}

static void env_fini(struct env *e)
{
	fw_core_free(e->c);
	fw_keyring_free(e->kr);
}

static size_t count(const struct fw_core *c, enum fw_code code)
{
	size_t n = 0;

	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		n += fw_core_finding(c, i)->code == code;
	return n;
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

static const struct fw_msg *msg_at(const struct fw_link *l, uint64_t frame)
{
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].frame == frame)
			return &l->msgs[i];
	ck_abort_msg("no message in frame %llu", (unsigned long long)frame);
	return NULL;
}

static const struct fw_link *only_link(const struct env *e)
{
	ck_assert_uint_eq(fw_core_n_links(e->c), 1);
	return fw_core_link(e->c, 0);
}

/* No finding of severity warning or above but those listed (up to two codes, -1 none). */
static void only_these(const struct fw_core *c, int a, int b)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);

		if (f->severity >= FW_SEV_WARNING && (int)f->code != a && (int)f->code != b)
			ck_abort_msg("unexpected %s: %s", fw_code_info(f->code)->name, f->detail);
	}
}

/*
 * The station's 2/4 to the first 1/4 is held up past the AP's 1/4
 * retransmission (same ANonce): one handshake, the 2/4 a late answer to
 * the first 1/4 whose MIC is right for it; not a stale ANonce, not reuse.
 */
START_TEST(m2_late_past_m1_retransmission)
{
	struct env e;
	const struct fw_link *l;
	const struct fw_msg *late, *m2b;
	const struct fw_finding *f;
	uint64_t m1a, m1b, f2a, f2b;

	env_init(&e);
	m1a = hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	m1b = hsb_msg(&e.b, e.c, 1, 2, A1, S1, NULL);
	f2a = hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	f2b = hsb_msg(&e.b, e.c, 2, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 3, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 3, A1, S1, NULL);
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 1);
	ck_assert_int_eq(l->hs[0].outcome, FW_OUT_COMPLETE);
	late = msg_at(l, f2a);
	m2b = msg_at(l, f2b);
	ck_assert(late->late);
	ck_assert_uint_eq(late->answers, m1a);
	ck_assert_int_eq(late->mic, FW_MICV_OK);
	ck_assert_uint_eq(late->anonce_from, m1a);
	ck_assert(!m2b->late);
	ck_assert_uint_eq(m2b->answers, m1b);
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	ck_assert_int_eq(count(e.c, FW_F_NONCE_REUSE), 0);
	f = find(e.c, FW_F_LATE_ANSWER);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, FW_SEV_INFO);
	ck_assert(has_frame(f, m1a) && has_frame(f, m1b) && has_frame(f, f2a));
	only_these(e.c, -1, -1);
	env_fini(&e);
}
END_TEST

/*
 * The AP starts over with a new ANonce before the answer to its first 1/4
 * is on the air: the answer joins the first ANonce's handshake as a late
 * answer (the AP drops it for its counter before any MIC check), the
 * second handshake completes, and the one SNonce in both is no reuse
 * (the first never reached 3/4).
 */
START_TEST(m2_late_past_new_anonce)
{
	struct env e;
	const struct fw_link *l;
	const struct fw_msg *late;
	uint64_t m1a, m1b, f2a;

	env_init(&e);
	m1a = hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	m1b = hsb_msg(&e.b, e.c, 1, 2, A2, S1, NULL);
	f2a = hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 2, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 3, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 3, A2, S1, NULL);
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 2);
	late = msg_at(l, f2a);
	ck_assert(late->late);
	ck_assert_uint_eq(late->answers, m1a);
	ck_assert_uint_eq(late->handshake, msg_at(l, m1a)->handshake);
	ck_assert_uint_ne(late->handshake, msg_at(l, m1b)->handshake);
	ck_assert_int_eq(late->mic, FW_MICV_OK);
	ck_assert_int_eq(late->retrans, FW_RT_NONE);
	ck_assert_int_eq(l->hs[msg_at(l, m1b)->handshake].outcome, FW_OUT_COMPLETE);
	ck_assert_ptr_nonnull(strstr(l->hs[msg_at(l, m1b)->handshake].opened_by, "new ANonce"));
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	ck_assert_int_eq(count(e.c, FW_F_NONCE_REUSE), 0);
	ck_assert_int_eq(count(e.c, FW_F_ANONCE_CHANGED), 0);
	ck_assert_int_eq(count(e.c, FW_F_LATE_ANSWER), 1);
	only_these(e.c, -1, -1);
	env_fini(&e);
}
END_TEST

/*
 * An unreadable 2/4 (its MIC made with another PMK: the AP cannot verify
 * it) and the AP's 1/4 retransmission with the same ANonce: still one
 * handshake, which then completes.
 */
START_TEST(m1_retransmitted_after_unreadable_m2)
{
	struct env e;
	const struct fw_link *l;
	uint8_t other[32];
	uint64_t m1a, m1b, bad;

	memset(other, 0x77, sizeof(other));
	env_init(&e);
	m1a = hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	bad = hsb_msg(&e.b, e.c, 2, 1, A1, S1, other);
	m1b = hsb_msg(&e.b, e.c, 1, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 3, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 3, A1, S1, NULL);
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 1);
	ck_assert_uint_eq(msg_at(l, m1b)->handshake, msg_at(l, m1a)->handshake);
	ck_assert_int_eq(msg_at(l, m1b)->retrans, FW_RT_EAPOL);
	ck_assert_int_eq(msg_at(l, bad)->mic, FW_MICV_BAD);	/* its own request is known */
	ck_assert_int_eq(count(e.c, FW_F_NONCE_REUSE), 0);
	ck_assert_int_eq(count(e.c, FW_F_LATE_ANSWER), 0);
	env_fini(&e);
}
END_TEST

/*
 * A 4/4 answering the first handshake's 3/4 arrives after the AP started
 * over with a new ANonce: it joins its own handshake (the 3/4 whose
 * counter it echoes), verifies with that handshake's PTK, and is late.
 */
START_TEST(m4_late_after_ap_restart)
{
	struct env e;
	const struct fw_link *l;
	const struct fw_msg *m4;
	uint64_t m3a, m1b, f4a;

	env_init(&e);
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	m3a = hsb_msg(&e.b, e.c, 3, 2, A1, S1, NULL);
	m1b = hsb_msg(&e.b, e.c, 1, 3, A2, S2, NULL);
	f4a = hsb_msg(&e.b, e.c, 4, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 3, A2, S2, NULL);
	hsb_msg(&e.b, e.c, 3, 4, A2, S2, NULL);
	hsb_msg(&e.b, e.c, 4, 4, A2, S2, NULL);
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 2);
	m4 = msg_at(l, f4a);
	ck_assert_uint_eq(m4->handshake, msg_at(l, m3a)->handshake);
	ck_assert_uint_ne(m4->handshake, msg_at(l, m1b)->handshake);
	ck_assert_uint_eq(m4->answers, m3a);
	ck_assert(m4->late);
	ck_assert_int_eq(m4->mic, FW_MICV_OK);
	ck_assert_int_eq(l->hs[msg_at(l, m1b)->handshake].outcome, FW_OUT_COMPLETE);
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	ck_assert_int_eq(count(e.c, FW_F_NONCE_REUSE), 0);
	ck_assert_int_eq(count(e.c, FW_F_LATE_ANSWER), 1);
	env_fini(&e);
}
END_TEST

/*
 * After a complete handshake, a 2/4 of a later one whose 1/4 the sniffer
 * missed (another ANonce, another SNonce): it cannot be checked, so it is
 * unchecked with that reason, never MIC_BAD.
 */
START_TEST(orphan_m2_unchecked)
{
	struct env e;
	const struct fw_link *l;
	const struct fw_msg *m;
	uint64_t f2;

	env_init(&e);
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 2, A1, S1, NULL);
	e.b.ts_ns += 30LL * 1000000000LL;	/* a rekey half a minute later */
	f2 = hsb_msg(&e.b, e.c, 2, 3, A2, S2, NULL);	/* its msg 1/4 (rc 3, A2) not captured */
	fw_core_finish(e.c);
	l = only_link(&e);
	m = msg_at(l, f2);
	ck_assert_uint_eq(m->answers, 0);
	ck_assert_int_eq(m->mic, FW_MICV_UNCHECKED);
	ck_assert_str_eq(fw_msg_mic_reason(m), "its msg 1/4 was not captured");
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	env_fini(&e);
}
END_TEST

/* The same for a 4/4 alone, long after the handshake before it: unchecked, never MIC_BAD. */
START_TEST(orphan_m4_unchecked)
{
	struct env e;
	const struct fw_link *l;
	const struct fw_msg *m;
	uint64_t f4;

	env_init(&e);
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 2, A1, S1, NULL);
	e.b.ts_ns += 30LL * 1000000000LL;
	f4 = hsb_msg(&e.b, e.c, 4, 4, A2, S2, NULL);	/* its 1/4..3/4 (A2, S2) not captured */
	fw_core_finish(e.c);
	l = only_link(&e);
	m = msg_at(l, f4);
	ck_assert_uint_eq(m->answers, 0);
	ck_assert_uint_ne(m->handshake, l->msgs[0].handshake);
	ck_assert_int_eq(m->mic, FW_MICV_UNCHECKED);
	ck_assert_str_eq(fw_msg_mic_reason(m), "its msg 3/4 was not captured");
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	env_fini(&e);
}
END_TEST

/*
 * A 4/4 whose 3/4 the sniffer missed, in a handshake whose 1/4 and 2/4
 * verified: its PTK is known, so it is checked (and verifies).
 */
START_TEST(m4_without_m3_checked_with_known_ptk)
{
	struct env e;
	const struct fw_link *l;
	uint64_t f4;

	env_init(&e);
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	f4 = hsb_msg(&e.b, e.c, 4, 2, A1, S1, NULL);	/* its 3/4 (rc 2) not captured */
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 1);
	ck_assert_uint_eq(msg_at(l, f4)->answers, 0);
	ck_assert_int_eq(msg_at(l, f4)->mic, FW_MICV_OK);
	env_fini(&e);
}
END_TEST

/* Three 1/4 transmissions, each answered with the one SNonce: one handshake, no NONCE_REUSE. */
START_TEST(answers_to_m1_retransmissions_are_no_reuse)
{
	struct env e;
	const struct fw_link *l;

	env_init(&e);
	for (uint64_t rc = 1; rc <= 3; rc++) {
		hsb_msg(&e.b, e.c, 1, rc, A1, S1, NULL);
		hsb_msg(&e.b, e.c, 2, rc, A1, S1, NULL);
	}
	hsb_msg(&e.b, e.c, 3, 4, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 4, A1, S1, NULL);
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 1);
	ck_assert_int_eq(l->hs[0].outcome, FW_OUT_COMPLETE);
	ck_assert_int_eq(count(e.c, FW_F_NONCE_REUSE), 0);
	ck_assert_int_eq(count(e.c, FW_F_LATE_ANSWER), 0);
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	env_fini(&e);
}
END_TEST

/*
 * The same ANonce in two handshakes a deauthentication apart is still
 * reuse, found once: the sort that replaced the pairwise scan keeps it.
 */
START_TEST(anonce_reuse_across_deauth)
{
	struct env e;
	const struct fw_finding *f;
	uint64_t first, again;

	env_init(&e);
	first = hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 2, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 2, A1, S1, NULL);
	hsb_deauth(&e.b, e.c, 3);
	again = hsb_msg(&e.b, e.c, 1, 1, A1, S2, NULL);
	hsb_msg(&e.b, e.c, 2, 1, A1, S2, NULL);
	hsb_msg(&e.b, e.c, 3, 2, A1, S2, NULL);
	hsb_msg(&e.b, e.c, 4, 2, A1, S2, NULL);
	fw_core_finish(e.c);
	ck_assert_int_eq(count(e.c, FW_F_NONCE_REUSE), 1);
	f = find(e.c, FW_F_NONCE_REUSE);
	ck_assert(has_frame(f, first) && has_frame(f, again));
	ck_assert_ptr_nonnull(strstr(f->detail, "ANonce"));
	env_fini(&e);
}
END_TEST

/*
 * Two requests with the one replay counter (it starts again after the
 * deauthentication): time order binds the late 2/4 to the latest, its MIC
 * verifies only with the other one's ANonce, so that is the request it
 * answers: a late answer to the first association's 1/4, not MIC_BAD.
 */
START_TEST(same_counter_resolved_by_mic)
{
	struct env e;
	const struct fw_link *l;
	const struct fw_msg *m;
	uint64_t m1a, f2;

	env_init(&e);
	m1a = hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_deauth(&e.b, e.c, 3);
	hsb_msg(&e.b, e.c, 1, 1, A2, S2, NULL);
	f2 = hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	fw_core_finish(e.c);
	l = only_link(&e);
	m = msg_at(l, f2);
	ck_assert_int_eq(m->mic, FW_MICV_OK);
	ck_assert_uint_eq(m->answers, m1a);
	ck_assert_uint_eq(m->handshake, msg_at(l, m1a)->handshake);
	ck_assert(m->late);
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	ck_assert_int_eq(count(e.c, FW_F_LATE_ANSWER), 1);
	env_fini(&e);
}
END_TEST

/*
 * The station's only 2/4 comes after the AP's 1/4 retransmission and the AP
 * gives up (reason 15): the late answer mattered, a warning.
 */
START_TEST(late_answer_that_mattered)
{
	struct env e;
	const struct fw_finding *f;
	uint64_t f2;

	env_init(&e);
	hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	hsb_msg(&e.b, e.c, 1, 2, A1, S1, NULL);
	f2 = hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	hsb_deauth(&e.b, e.c, 15);
	fw_core_finish(e.c);
	f = find(e.c, FW_F_LATE_ANSWER);
	ck_assert_ptr_nonnull(f);
	ck_assert(has_frame(f, f2));
	ck_assert_int_eq(f->severity, FW_SEV_WARNING);
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	env_fini(&e);
}
END_TEST

/*
 * Between two transmissions of the second ANonce's 1/4 comes the late
 * answer to the first ANonce's: the retransmission stays in the second
 * handshake, which completes; the late answer stays in the first.
 */
START_TEST(m1_retransmission_after_another_handshakes_late_answer)
{
	struct env e;
	const struct fw_link *l;
	uint64_t m1a, m1b, f2a, m1c;

	env_init(&e);
	m1a = hsb_msg(&e.b, e.c, 1, 1, A1, S1, NULL);
	m1b = hsb_msg(&e.b, e.c, 1, 2, A2, S1, NULL);
	f2a = hsb_msg(&e.b, e.c, 2, 1, A1, S1, NULL);
	m1c = hsb_msg(&e.b, e.c, 1, 3, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 2, 3, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 3, 4, A2, S1, NULL);
	hsb_msg(&e.b, e.c, 4, 4, A2, S1, NULL);
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 2);
	ck_assert_uint_eq(msg_at(l, m1c)->handshake, msg_at(l, m1b)->handshake);
	ck_assert_uint_eq(msg_at(l, f2a)->handshake, msg_at(l, m1a)->handshake);
	ck_assert_int_eq(msg_at(l, m1c)->retrans, FW_RT_EAPOL);
	ck_assert_int_eq(l->hs[msg_at(l, m1b)->handshake].outcome, FW_OUT_COMPLETE);
	ck_assert_int_eq(count(e.c, FW_F_NONCE_REUSE), 0);
	ck_assert_int_eq(count(e.c, FW_F_MIC_BAD), 0);
	only_these(e.c, -1, -1);
	env_fini(&e);
}
END_TEST

/*
 * A link with more PTKs than its cache holds (18 handshakes, each its own
 * nonces): the cache grows with them and then reuses its oldest entries,
 * and every msg 2/4 still verifies, at the feed and again at the end.
 */
START_TEST(more_ptks_than_the_cache_holds)
{
	struct env e;
	const struct fw_link *l;
	uint8_t an[32], sn[32];

	env_init(&e);
	for (unsigned h = 0; h < 18; h++) {
		memcpy(an, A1, 32);
		memcpy(sn, S1, 32);
		an[31] = (uint8_t)h;
		sn[31] = (uint8_t)h;
		hsb_msg(&e.b, e.c, 1, 2 * h + 1, an, sn, NULL);
		hsb_msg(&e.b, e.c, 2, 2 * h + 1, an, sn, NULL);
	}
	fw_core_finish(e.c);
	l = only_link(&e);
	ck_assert_uint_eq(l->n_hs, 18);
	ck_assert_uint_eq(l->n_msgs, 36);
	for (size_t i = 0; i < l->n_msgs; i++)
		if (l->msgs[i].type == FW_MSG_M2)
			ck_assert_int_eq(l->msgs[i].mic, FW_MICV_OK);
	env_fini(&e);
}
END_TEST

Suite *causal_suite(void)
{
	Suite *s = suite_create("causal");
	TCase *tc = tcase_create("causal");

	tcase_add_test(tc, m2_late_past_m1_retransmission);
	tcase_add_test(tc, m2_late_past_new_anonce);
	tcase_add_test(tc, m1_retransmitted_after_unreadable_m2);
	tcase_add_test(tc, m4_late_after_ap_restart);
	tcase_add_test(tc, orphan_m2_unchecked);
	tcase_add_test(tc, orphan_m4_unchecked);
	tcase_add_test(tc, m4_without_m3_checked_with_known_ptk);
	tcase_add_test(tc, answers_to_m1_retransmissions_are_no_reuse);
	tcase_add_test(tc, anonce_reuse_across_deauth);
	tcase_add_test(tc, same_counter_resolved_by_mic);
	tcase_add_test(tc, late_answer_that_mattered);
	tcase_add_test(tc, m1_retransmission_after_another_handshakes_late_answer);
	tcase_add_test(tc, more_ptks_than_the_cache_holds);
	suite_add_tcase(s, tc);
	return s;
}
