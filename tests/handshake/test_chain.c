/*
 * test_chain.c - findings form chains (handshake/chain.c): ids, caused_by,
 * sorted evidence with roles.
 *
 * - captures/m4-drop.pcap (a real hostapd/wpa_supplicant run whose medium
 *   dropped the first msg 4/4; its .expect and medium log say what
 *   happened): ids 1..n in the core's order, every evidence list sorted,
 *   the roles of the race's frames, and the race as one chain: M4_LOST ->
 *   EARLY_KEY_INSTALL -> {M4_IGNORED, M3_RETRY_AFTER_INSTALL} -> TIMEOUT.
 * - That capture and others refreshed after every frame: an id always
 *   names one code, and the final ids are those the refreshes gave the
 *   same findings (same code and first evidence frame).
 * - Other chains on captures whose .expect comments say what happened
 *   (synthesized ones: the scenario made it so), and M3_LOST -> TIMEOUT
 *   over a hand-built exchange, with a case where it must not hold.
 * - The rule table has no cycle over codes.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/run.h"
#include "builder.h"
#include "capture/source.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "handshake/finding.h"
#include "handshake/internal.h"
#include "keys/keyring.h"

static const char *top(void)
{
	const char *t = getenv("top_srcdir");

	return t ? t : ".";
}

/* The keys of a capture's .expect (X.expect or X.pcap.expect). */
static void load_keys(struct fw_keyring *kr, const char *pcap)
{
	char path[4200], line[512], err[256], dir[4096];
	size_t base = strlen(pcap) - 5;	/* without ".pcap" */
	FILE *f;

	snprintf(path, sizeof(path), "%s.expect", pcap);
	f = fopen(path, "r");
	if (!f) {
		snprintf(path, sizeof(path), "%.*s.expect", (int)base, pcap);
		f = fopen(path, "r");
	}
	ck_assert_msg(f != NULL, "no .expect for %s", pcap);
	ck_assert_uint_lt(strlen(pcap), sizeof(dir));
	memcpy(dir, pcap, strlen(pcap) + 1);
	*strrchr(dir, '/') = '\0';
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "key ", 4) == 0)
			ck_assert_msg(fw_keyring_add_line(kr, line + 4, path, dir, err, sizeof(err)) == 0,
				      "%s: %s", path, err);
	}
	fclose(f);
}

/* A finding seen at a refresh: what names it for the test, and its id. */
struct seen {
	enum fw_code code;
	uint64_t first;		/* its first evidence frame */
	unsigned id;
};

struct seen_log {
	struct seen s[4096];
	size_t n;
};

static void log_refresh(struct seen_log *log, const struct fw_core *c)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);

		ck_assert_uint_gt(f->id, 0);
		ck_assert_uint_lt(log->n, sizeof(log->s) / sizeof(log->s[0]));
		log->s[log->n].code = f->code;
		log->s[log->n].first = f->n_frames ? f->frames[0].frame : 0;
		log->s[log->n++].id = f->id;
	}
}

/* The capture under captures/, finished; refreshed after every frame when log is given. */
static struct fw_core *run(const char *name, struct fw_keyring **kr, struct seen_log *log)
{
	struct fw_core_opts co = { 0 };
	struct fw_source *s;
	struct fw_pkt pkt;
	struct fw_frame f;
	struct fw_core *c;
	char path[4096], err[512];
	unsigned input;

	snprintf(path, sizeof(path), "%s/captures/%s", top(), name);
	*kr = fw_keyring_new();
	ck_assert_ptr_nonnull(*kr);
	load_keys(*kr, path);
	ck_assert_msg(fw_source_open_file(&s, path, err, sizeof(err)) == 0, "%s", err);
	c = fw_core_new(&co, *kr);
	ck_assert_ptr_nonnull(c);
	input = fw_core_add_input(c, path, fw_source_linktype(s));
	while (fw_source_next(s, &pkt, err, sizeof(err)) == 1) {
		fw_frame_decode(&f, pkt.linktype, pkt.data, pkt.caplen);
		fw_core_feed(c, input, pkt.frame_no, pkt.ts_ns, &f);
		if (log) {
			fw_core_refresh(c);
			log_refresh(log, c);
		}
	}
	fw_source_close(s);
	fw_core_finish(c);
	return c;
}

static const struct fw_finding *find(const struct fw_core *c, enum fw_code code, size_t nth)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		if (fw_core_finding(c, i)->code == code && nth-- == 0)
			return fw_core_finding(c, i);
	return NULL;
}

static const struct fw_finding *by_id(const struct fw_core *c, unsigned id)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		if (fw_core_finding(c, i)->id == id)
			return fw_core_finding(c, i);
	return NULL;
}

/* "CODE,CODE": the codes of f's causes, in caused_by order. */
static const char *causes(const struct fw_core *c, const struct fw_finding *f)
{
	static char buf[512];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < f->n_causes; i++) {
		const struct fw_finding *g = by_id(c, f->caused_by[i]);

		ck_assert_msg(g != NULL, "cause %u is no finding", f->caused_by[i]);
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%s", i ? "," : "",
					 fw_code_info(g->code)->name);
	}
	return buf;
}

static enum fw_role role_of(const struct fw_finding *f, uint64_t frame)
{
	for (size_t i = 0; i < f->n_frames; i++)
		if (f->frames[i].frame == frame)
			return (enum fw_role)f->frames[i].role;
	ck_abort_msg("frame %llu is no evidence of %s", (unsigned long long)frame,
		     fw_code_info(f->code)->name);
	return FW_ROLE_COUNT;
}

static bool role_frame(const struct fw_finding *f, uint64_t frame)
{
	for (size_t i = 0; i < f->n_frames; i++)
		if (f->frames[i].frame == frame)
			return true;
	return false;
}

/*
 * Ids unique, each the anchor frame * 100 + the code's place + 1; evidence
 * sorted; causes are findings of the same link.
 */
static void check_shape(const char *what, const struct fw_core *c)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);
		const char *code = fw_code_info(f->code)->name;

		/* the id is made from the anchor frame and the code (chain.c) */
		ck_assert_msg(f->id % 100 == (unsigned)f->code + 1, "%s: %s: id %u, want code %d + 1 "
			      "in its last two digits", what, code, f->id, (int)f->code);
		ck_assert_msg(f->id / 100 == 0 || role_frame(f, f->id / 100), "%s: %s: id %u names "
			      "no evidence frame", what, code, f->id);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(fw_core_finding(c, j)->id != f->id, "%s: %s: id %u given twice",
				      what, code, f->id);
		for (size_t k = 1; k < f->n_frames; k++)
			ck_assert_msg(f->frames[k - 1].file < f->frames[k].file ||
				      (f->frames[k - 1].file == f->frames[k].file &&
				       f->frames[k - 1].frame < f->frames[k].frame),
				      "%s: %s: evidence not sorted", what, code);
		for (size_t k = 0; k < f->n_causes; k++) {
			const struct fw_finding *g = by_id(c, f->caused_by[k]);

			ck_assert_msg(g && g != f, "%s: %s: cause %u is no other finding", what, code,
				      f->caused_by[k]);
			ck_assert_msg(memcmp(g->bssid, f->bssid, 6) == 0 &&
				      memcmp(g->sta, f->sta, 6) == 0,
				      "%s: %s: cause %s of another link", what, code,
				      fw_code_info(g->code)->name);
			if (k)
				ck_assert_msg(f->caused_by[k - 1] < f->caused_by[k],
					      "%s: %s: causes not in order", what, code);
		}
	}
}

START_TEST(test_m4_drop_is_one_chain)
{
	struct fw_keyring *kr;
	struct fw_core *c = run("m4-drop.pcap", &kr, NULL);
	const struct fw_finding *lost, *ign, *early, *retry, *tmo, *slow;

	check_shape("m4-drop.pcap", c);
	lost = find(c, FW_F_M4_LOST, 0);
	ign = find(c, FW_F_M4_IGNORED, 0);
	early = find(c, FW_F_EARLY_KEY_INSTALL, 0);
	retry = find(c, FW_F_M3_RETRY_AFTER_INSTALL, 0);
	tmo = find(c, FW_F_TIMEOUT, 0);
	ck_assert(lost && ign && early && retry && tmo);
	/* the root: the medium dropped 4/4 (frame 33) */
	ck_assert_str_eq(causes(c, lost), "");
	/* the station had installed the PTK: the lost 4/4 shows it */
	ck_assert_str_eq(causes(c, early), "M4_LOST");
	/* so its protected answers were ACKed and dropped, the plaintext retries unanswered */
	ck_assert_str_eq(causes(c, ign), "EARLY_KEY_INSTALL");
	ck_assert_str_eq(causes(c, retry), "EARLY_KEY_INSTALL");
	/* and the AP gave up, reason 15, for those */
	ck_assert_str_eq(causes(c, tmo), "M4_IGNORED,M3_RETRY_AFTER_INSTALL");
	/* the second association's slow 4/4 stands apart */
	for (size_t i = 0; (slow = find(c, FW_F_SLOW_RESPONSE, i)) != NULL; i++)
		ck_assert_str_eq(causes(c, slow), "");

	/* roles, from the .expect's account of the frames */
	ck_assert_int_eq(role_of(lost, 33), FW_ROLE_LOST);
	ck_assert_int_eq(role_of(lost, 35), FW_ROLE_RETRY);
	ck_assert_int_eq(role_of(lost, 93), FW_ROLE_DEAUTH);
	ck_assert_int_eq(role_of(ign, 41), FW_ROLE_IGNORED);
	ck_assert_int_eq(role_of(ign, 42), FW_ROLE_ACK);
	ck_assert_int_eq(role_of(ign, 58), FW_ROLE_IGNORED);
	ck_assert_int_eq(role_of(ign, 59), FW_ROLE_ACK);
	ck_assert_int_eq(role_of(ign, 55), FW_ROLE_RETRY);
	ck_assert_int_eq(role_of(ign, 75), FW_ROLE_RETRY);
	ck_assert_int_eq(role_of(early, 33), FW_ROLE_LOST);
	ck_assert_int_eq(role_of(early, 37), FW_ROLE_PROTECTED);
	ck_assert_int_eq(role_of(early, 41), FW_ROLE_PROTECTED);
	ck_assert_int_eq(role_of(retry, 55), FW_ROLE_RETRY);
	ck_assert_int_eq(role_of(retry, 75), FW_ROLE_RETRY);
	ck_assert_int_eq(role_of(retry, 37), FW_ROLE_PROTECTED);
	ck_assert_int_eq(role_of(tmo, 93), FW_ROLE_DEAUTH);
	ck_assert_int_eq(role_of(tmo, 77), FW_ROLE_LAST);
	ck_assert_str_eq(fw_role_name(FW_ROLE_PROTECTED), "protected");
	ck_assert_str_eq(fw_role_name((enum fw_role)200), "evidence");
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/* Captures whose findings grow as frames arrive: races, retries, deauthentications. */
static const char *const live_caps[] = {
	"m4-drop.pcap", "m4-drop-once.pcap", "m4-drop-once-mon0.pcap", "m4-late.pcap",
	"m3-lost-twice.pcap", "wrong-pass.pcap", "synth/early-key-install.pcap",
	"synth/group-failed.pcap", "synth/key-reinstall.pcap",
};

START_TEST(test_ids_stable_over_refreshes)
{
	static struct seen_log log;
	struct fw_keyring *kr;
	struct fw_core *c;
	size_t matched = 0;

	const char *what = live_caps[_i];

	log.n = 0;
	c = run(what, &kr, &log);
	ck_assert_msg(log.n > 0, "%s: no finding at any refresh", what);
	/* an id names one code at every refresh */
	for (size_t i = 0; i < log.n; i++)
		for (size_t j = 0; j < i; j++)
			if (log.s[i].id == log.s[j].id)
				ck_assert_msg(log.s[i].code == log.s[j].code, "%s: id %u names %s and %s",
					      what, log.s[i].id, fw_code_info(log.s[i].code)->name,
					      fw_code_info(log.s[j].code)->name);
	/* each final finding kept the id the refreshes gave it */
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);

		for (size_t k = 0; k < log.n; k++) {
			if (log.s[k].code != f->code || log.s[k].first != f->frames[0].frame)
				continue;
			ck_assert_msg(log.s[k].id == f->id, "%s: %s at %llu: id %u at a refresh, %u at "
				      "the end", what, fw_code_info(f->code)->name,
				      (unsigned long long)f->frames[0].frame, log.s[k].id, f->id);
			matched++;
		}
	}
	/* seen over many refreshes */
	ck_assert_msg(matched > fw_core_n_findings(c), "%s: %zu matched, %zu findings", what,
		      matched, fw_core_n_findings(c));
	if (_i == 0) {	/* the chain of the race holds in the live numbering too */
		ck_assert_str_eq(causes(c, find(c, FW_F_TIMEOUT, 0)),
				 "M4_IGNORED,M3_RETRY_AFTER_INSTALL");
		ck_assert_str_eq(causes(c, find(c, FW_F_EARLY_KEY_INSTALL, 0)), "M4_LOST");
	}
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/* Chains in other captures, as "CODE<-CAUSE,CAUSE" for each finding with causes. */
static const struct {
	const char *file;
	const char *chains;
} other[] = {
	/* no ACKs visible (a monitor radio): no M4_LOST, the early install is the root */
	{ "m4-drop-once-mon0.pcap", "M3_RETRY_AFTER_INSTALL<-EARLY_KEY_INSTALL;"
				    "TIMEOUT<-M3_RETRY_AFTER_INSTALL;" },
	{ "m4-drop-once.pcap", "M4_IGNORED<-EARLY_KEY_INSTALL;EARLY_KEY_INSTALL<-M4_LOST;"
			       "M3_RETRY_AFTER_INSTALL<-EARLY_KEY_INSTALL;"
			       "TIMEOUT<-M4_IGNORED,M3_RETRY_AFTER_INSTALL;" },
	/* the AP's passphrase differs: its 3/4 never comes, it gives up */
	{ "wrong-pass.pcap", "TIMEOUT<-MIC_BAD;" },
	{ "synth/m1-unanswered.pcap", "TIMEOUT<-M1_UNANSWERED;" },
	/* group 1/2 unanswered until reason 16 */
	{ "synth/group-failed.pcap", "TIMEOUT<-GROUP_FAILED;" },
	{ "synth/rsne-mismatch.pcap", "TIMEOUT<-RSNE_MISMATCH;" },
	{ "synth/trailing-bytes.pcap", "TIMEOUT<-MIC_BAD,MIC_BAD;" },
	/* the 3/4 retransmission after the ignored 4/4 made the station reinstall */
	{ "synth/key-reinstall.pcap", "KEY_REINSTALL<-M4_IGNORED;" },
	{ "m3-lost-twice.pcap", "" },	/* lost 3/4s, then a completed handshake */
	{ "synth/slow-response.pcap", "" },
};

START_TEST(test_other_chains)
{
	struct fw_keyring *kr;
	struct fw_core *c = run(other[_i].file, &kr, NULL);
	char got[1024] = "";
	size_t used = 0;

	check_shape(other[_i].file, c);
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);

		if (f->n_causes)
			used += (size_t)snprintf(got + used, sizeof(got) - used, "%s<-%s;",
						 fw_code_info(f->code)->name, causes(c, f));
	}
	ck_assert_msg(strcmp(got, other[_i].chains) == 0, "%s: %s, want %s", other[_i].file, got,
		      other[_i].chains);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

static uint8_t A1[32], S1[32];

struct env {
	struct fw_keyring *kr;
	struct fw_core *c;
	struct hsb b;
};

static void env_init(struct env *e)
{
	struct fw_core_opts o = { 0 };
	char err[256];

	for (int i = 0; i < 32; i++) {
		A1[i] = (uint8_t)(0xa0 + i);
		S1[i] = (uint8_t)(0xc0 + i);
	}
	e->kr = fw_keyring_new();
	ck_assert_ptr_nonnull(e->kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(e->kr, "correct horse battery", NULL, 0,
						   "--passphrase", err, sizeof(err)), 0);
	e->c = fw_core_new(&o, e->kr);
	ck_assert_ptr_nonnull(e->c);
	fw_core_add_input(e->c, "test.pcap", FW_DLT_IEEE802_11_RADIO);
	hsb_init(&e->b, "correct horse battery", "fourway-test");
	hsb_beacon(&e->b, e->c);
	hsb_msg(&e->b, e->c, 1, 1, A1, S1, NULL);
	hsb_ack(&e->b, e->c, e->b.aa);
	hsb_msg(&e->b, e->c, 2, 1, A1, S1, NULL);
	hsb_ack(&e->b, e->c, e->b.spa);
}

/* 3/4 never reaches the station (no ACK, retried twice), the AP gives up: M3_LOST -> TIMEOUT. */
START_TEST(test_m3_lost_then_timeout)
{
	struct env e;
	const struct fw_finding *lost, *tmo;
	uint64_t m3[3], d;

	env_init(&e);
	for (int i = 0; i < 3; i++) {
		m3[i] = hsb_msg(&e.b, e.c, 3, 2 + (uint64_t)i, A1, S1, NULL);
		e.b.ts_ns += 1000000000;
	}
	d = hsb_deauth(&e.b, e.c, 15);
	fw_core_finish(e.c);
	check_shape("M3 lost, then a timeout", e.c);
	lost = find(e.c, FW_F_M3_LOST, 0);
	tmo = find(e.c, FW_F_TIMEOUT, 0);
	ck_assert(lost && tmo);
	ck_assert_int_eq(role_of(lost, m3[0]), FW_ROLE_LOST);
	ck_assert_int_eq(role_of(lost, m3[1]), FW_ROLE_LOST);
	ck_assert_int_eq(role_of(tmo, d), FW_ROLE_DEAUTH);
	ck_assert_str_eq(causes(e.c, tmo), "M3_LOST");
	fw_core_free(e.c);
	fw_keyring_free(e.kr);
}
END_TEST

/* The lost 3/4 was answered in the end: the timeout has another cause, not M3_LOST. */
START_TEST(test_m3_lost_answered_is_no_cause)
{
	struct env e;
	const struct fw_finding *tmo;

	env_init(&e);
	hsb_msg(&e.b, e.c, 3, 2, A1, S1, NULL);
	e.b.ts_ns += 1000000000;
	hsb_msg(&e.b, e.c, 3, 3, A1, S1, NULL);
	hsb_ack(&e.b, e.c, e.b.aa);
	hsb_msg(&e.b, e.c, 4, 3, A1, S1, NULL);
	hsb_ack(&e.b, e.c, e.b.spa);
	e.b.ts_ns += 1000000000;
	hsb_msg(&e.b, e.c, 3, 4, A1, S1, NULL);
	hsb_ack(&e.b, e.c, e.b.aa);
	e.b.ts_ns += 1000000000;
	hsb_deauth(&e.b, e.c, 15);
	fw_core_finish(e.c);
	check_shape("M3 lost, then answered", e.c);
	ck_assert_ptr_nonnull(find(e.c, FW_F_M3_LOST, 0));
	tmo = find(e.c, FW_F_TIMEOUT, 0);
	ck_assert_ptr_nonnull(tmo);
	ck_assert_str_eq(causes(e.c, tmo), "M4_IGNORED");
	fw_core_free(e.c);
	fw_keyring_free(e.kr);
}
END_TEST

/* Following rules[] from any code never comes back to it. */
START_TEST(test_rules_have_no_cycle)
{
	bool reach[FW_F_COUNT][FW_F_COUNT];

	memset(reach, 0, sizeof(reach));
	ck_assert_uint_gt(hs_chain_n_rules(), 0);
	for (size_t r = 0; r < hs_chain_n_rules(); r++) {
		const struct hs_chain_rule *x = hs_chain_rule(r);

		ck_assert_int_lt(x->cause, FW_F_COUNT);
		ck_assert_int_lt(x->effect, FW_F_COUNT);
		reach[x->cause][x->effect] = true;
	}
	ck_assert_ptr_null(hs_chain_rule(hs_chain_n_rules()));
	for (int k = 0; k < FW_F_COUNT; k++)
		for (int i = 0; i < FW_F_COUNT; i++)
			for (int j = 0; j < FW_F_COUNT; j++)
				reach[i][j] |= reach[i][k] && reach[k][j];
	for (int i = 0; i < FW_F_COUNT; i++)
		ck_assert_msg(!reach[i][i], "%s follows from itself", fw_code_info(i)->name);
}
END_TEST

static Suite *chain_suite(void)
{
	Suite *s = suite_create("chain");
	TCase *t = tcase_create("chain");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, test_m4_drop_is_one_chain);
	tcase_add_loop_test(t, test_ids_stable_over_refreshes, 0,
			    (int)(sizeof(live_caps) / sizeof(live_caps[0])));
	tcase_add_loop_test(t, test_other_chains, 0, (int)(sizeof(other) / sizeof(other[0])));
	tcase_add_test(t, test_m3_lost_then_timeout);
	tcase_add_test(t, test_m3_lost_answered_is_no_cause);
	tcase_add_test(t, test_rules_have_no_cycle);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return tcommon_run(chain_suite(), NULL);
}
