/*
 * test_corpus.c - the offline core against real public captures with
 * known keys (../shared/corpus): every handshake message found with its
 * frame number, every MIC outside protected frames verified with the
 * published key, a wrong passphrase diagnosed as a wrong key, and no error
 * or warning finding on these clean captures.  A program of its own:
 * without the corpus it reports SKIP (exit 77).  Each failure names its
 * capture.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "corpus_table.h"
#include "handshake/core.h"
#include "handshake/finding.h"
#include "keys/keyring.h"
#include "../common/corpus.h"
#include "../common/run.h"
#include "../common/run_capture.h"
#include "util/mac.h"
#include <stdlib.h>

static const char *msg_name(enum fw_msg_type t)
{
	static const char *const names[] = { "?", "M1", "M2", "M3", "M4", "G1", "G2", "REQ" };

	return (unsigned)t < 8 ? names[t] : "?";
}

static struct fw_core *load(const struct corpus_case *cc, const char *passphrase,
			    struct fw_keyring **krp)
{
	char path[1024], err[512];
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_core *c;

	ck_assert_ptr_nonnull(kr);
	if (passphrase)
		ck_assert_int_eq(fw_keyring_add_passphrase(kr, passphrase, NULL, 0, "test", err,
							   sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/%s", tcorpus_dir(), cc->file);
	c = run_capture(path, kr, err, sizeof(err));
	ck_assert_msg(c != NULL, "%s: %s", cc->file, err);
	*krp = kr;	/* the keyring must outlive the core */
	return c;
}

static size_t count_msgs(const struct corpus_case *cc)
{
	size_t n = 0;

	while (n < 16 && cc->msgs[n].msg)
		n++;
	return n;
}

/* The messages the core found, in frame order, must be exactly the ground truth's. */
static void check_messages(const struct corpus_case *cc, const struct fw_core *c)
{
	size_t want = count_msgs(cc), got = 0;
	uint64_t frames[64];
	const char *names[64];
	bool enc[64];

	for (size_t i = 0; i < fw_core_n_links(c); i++) {
		const struct fw_link *l = fw_core_link(c, i);

		for (size_t j = 0; j < l->n_msgs && got < 64; j++) {
			frames[got] = l->msgs[j].frame;
			names[got] = msg_name(l->msgs[j].type);
			enc[got] = l->msgs[j].protected_;
			got++;
		}
	}
	/* sort by frame number */
	for (size_t i = 1; i < got; i++)
		for (size_t j = i; j > 0 && frames[j - 1] > frames[j]; j--) {
			uint64_t tf = frames[j];
			const char *tn = names[j];
			bool te = enc[j];

			frames[j] = frames[j - 1];
			names[j] = names[j - 1];
			enc[j] = enc[j - 1];
			frames[j - 1] = tf;
			names[j - 1] = tn;
			enc[j - 1] = te;
		}
	ck_assert_msg(got == want, "%s: %zu messages found, ground truth has %zu", cc->file, got, want);
	for (size_t i = 0; i < want; i++) {
		ck_assert_msg(frames[i] == cc->msgs[i].frame, "%s: message %zu is frame %llu, want %llu",
			      cc->file, i, (unsigned long long)frames[i],
			      (unsigned long long)cc->msgs[i].frame);
		ck_assert_msg(strcmp(names[i], cc->msgs[i].msg) == 0, "%s: frame %llu is %s, want %s",
			      cc->file, (unsigned long long)frames[i], names[i], cc->msgs[i].msg);
		ck_assert_msg(enc[i] == (cc->msgs[i].enc != 0), "%s: frame %llu protected %d, want %d",
			      cc->file, (unsigned long long)frames[i], enc[i], cc->msgs[i].enc);
	}
}

static void check_link_addresses(const struct corpus_case *cc, const struct fw_core *c)
{
	char b[FW_MAC_STRLEN], s[FW_MAC_STRLEN];

	if (!cc->bssid)
		return;
	ck_assert_msg(fw_core_n_links(c) == 1, "%s: %zu links, want 1", cc->file,
		      fw_core_n_links(c));
	fw_mac_fmt(b, fw_core_link(c, 0)->bssid);
	fw_mac_fmt(s, fw_core_link(c, 0)->sta);
	ck_assert_msg(strcmp(b, cc->bssid) == 0, "%s: BSSID %s, want %s", cc->file, b, cc->bssid);
	ck_assert_msg(strcmp(s, cc->sta) == 0, "%s: station %s, want %s", cc->file, s, cc->sta);
}

static bool has_finding(const struct fw_core *c, const char *code)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++)
		if (strcmp(fw_code_info(fw_core_finding(c, i)->code)->name, code) == 0)
			return true;
	return false;
}

static void no_warnings(const struct corpus_case *cc, const struct fw_core *c)
{
	for (size_t i = 0; i < fw_core_n_findings(c); i++) {
		const struct fw_finding *f = fw_core_finding(c, i);

		ck_assert_msg(f->severity == FW_SEV_INFO, "%s: unexpected %s %s: %s", cc->file,
			      fw_severity_name(f->severity), fw_code_info(f->code)->name, f->detail);
	}
}

START_TEST(test_corpus_right_key)
{
	const struct corpus_case *cc = &corpus_cases[_i];
	struct fw_keyring *kr;
	struct fw_core *c;

	c = load(cc, cc->passphrase, &kr);
	ck_assert_msg(!fw_core_input(c, 0)->read_error, "%s: read error", cc->file);
	check_messages(cc, c);
	check_link_addresses(cc, c);
	for (size_t i = 0; i < fw_core_n_links(c); i++) {
		const struct fw_link *l = fw_core_link(c, i);

		for (size_t j = 0; j < l->n_msgs; j++) {
			const struct fw_msg *m = &l->msgs[j];

			if (m->type == FW_MSG_M1) {
				ck_assert_msg(m->mic == FW_MICV_ABSENT, "%s: frame %llu (M1): mic %d",
					      cc->file, (unsigned long long)m->frame, m->mic);
				continue;
			}
			if (cc->passphrase && !cc->unchecked_reason)
				ck_assert_msg(m->mic == FW_MICV_OK, "%s: frame %llu (%s): mic %d (%s)",
					      cc->file, (unsigned long long)m->frame,
					      msg_name(m->type), m->mic, fw_msg_mic_reason(m));
			else
				ck_assert_msg(m->mic == FW_MICV_UNCHECKED && fw_msg_mic_reason(m)[0],
					      "%s: frame %llu must be unchecked with a reason", cc->file,
					      (unsigned long long)m->frame);
			if (cc->unchecked_reason)
				ck_assert_msg(strstr(fw_msg_mic_reason(m), cc->unchecked_reason) != NULL,
					      "%s: reason '%s' lacks '%s'", cc->file, fw_msg_mic_reason(m),
					      cc->unchecked_reason);
		}
	}
	if (!cc->msgs[0].msg)
		ck_assert_msg(fw_core_n_findings(c) == 0, "%s: %zu findings, none expected",
			      cc->file, fw_core_n_findings(c));
	no_warnings(cc, c);
	if (cc->info_finding)
		ck_assert_msg(has_finding(c, cc->info_finding), "%s: %s expected", cc->file,
			      cc->info_finding);
	if (cc->passphrase && !cc->unchecked_reason)
		ck_assert_msg(!has_finding(c, "NO_KEY"), "%s: NO_KEY with the right key", cc->file);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/* Whether the ground truth shows the sides agreeing: a msg 3/4 or 4/4 in the clear. */
static bool truth_agrees(const struct corpus_case *cc)
{
	for (size_t i = 0; i < 16 && cc->msgs[i].msg; i++)
		if (!cc->msgs[i].enc && (strcmp(cc->msgs[i].msg, "M3") == 0 ||
					 strcmp(cc->msgs[i].msg, "M4") == 0))
			return true;
	return false;
}

/* Every handshake's outcome, in order, as one string ("cif": complete, incomplete, failed). */
static void outcomes(const struct fw_core *c, char *buf, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < fw_core_n_links(c); i++) {
		const struct fw_link *l = fw_core_link(c, i);

		for (size_t h = 0; h < l->n_hs && n + 1 < len; h++)
			buf[n++] = "cif"[l->hs[h].outcome];
	}
	buf[n] = '\0';
}

START_TEST(test_corpus_wrong_key)
{
	const struct corpus_case *cc = &corpus_cases[_i];
	struct fw_keyring *kr;
	struct fw_core *c;
	bool any_mic = false, key_wrong = false;
	char with_wrong[64], with_none[64];

	if (!cc->passphrase || cc->unchecked_reason)
		return;		/* no verifiable key for this capture: nothing to get wrong */
	c = load(cc, "not-the-passphrase", &kr);
	for (size_t i = 0; i < fw_core_n_links(c); i++) {
		const struct fw_link *l = fw_core_link(c, i);

		for (size_t j = 0; j < l->n_msgs; j++) {
			ck_assert_msg(l->msgs[j].mic != FW_MICV_OK, "%s: frame %llu verifies with a wrong key",
				      cc->file, (unsigned long long)l->msgs[j].frame);
			any_mic |= l->msgs[j].mic == FW_MICV_BAD;
			key_wrong |= l->msgs[j].mic == FW_MICV_KEY_WRONG;
		}
	}
	/*
	 * Where the AP answered a 2/4 with 3/4 or the station sent 4/4, the
	 * sides share their PMK: the key given is wrong (KEY_WRONG), the
	 * frames are not, and the outcomes are those of no key at all.
	 */
	if (truth_agrees(cc)) {
		ck_assert_msg(key_wrong && has_finding(c, "KEY_WRONG"), "%s: KEY_WRONG expected",
			      cc->file);
		ck_assert_msg(!any_mic && !has_finding(c, "MIC_BAD"),
			      "%s: MIC_BAD although the sides agree", cc->file);
		outcomes(c, with_wrong, sizeof(with_wrong));
		fw_core_free(c);
		fw_keyring_free(kr);
		c = load(cc, NULL, &kr);
		outcomes(c, with_none, sizeof(with_none));
		ck_assert_msg(strcmp(with_wrong, with_none) == 0,
			      "%s: outcomes %s with a wrong key, %s with none", cc->file, with_wrong,
			      with_none);
	}
	if (any_mic) {
		bool wrong_key = false;

		for (size_t i = 0; i < fw_core_n_findings(c); i++) {
			const struct fw_finding *f = fw_core_finding(c, i);

			if (f->code == FW_F_MIC_BAD && strcmp(f->diagnosis, "wrong key") == 0)
				wrong_key = true;
		}
		ck_assert_msg(wrong_key, "%s: MIC_BAD with the wrong-key diagnosis expected", cc->file);
	}
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/*
 * Protected management frames: the deauthentication that ends
 * wpa-test-decode-mgmt.pcap (frame 11) is CCMP-protected; decrypted with the
 * handshake's TK it gives reason 2 (tshark, with the same key, agrees).
 */
START_TEST(test_corpus_protected_deauth)
{
	const struct corpus_case *cc = NULL;
	const struct fw_link *l;
	struct fw_keyring *kr;
	struct fw_core *c;

	for (size_t i = 0; i < N_CORPUS_CASES; i++)
		if (strcmp(corpus_cases[i].file, "wireshark/wpa-test-decode-mgmt.pcap") == 0)
			cc = &corpus_cases[i];
	ck_assert_ptr_nonnull(cc);
	c = load(cc, cc->passphrase, &kr);
	l = fw_core_link(c, 0);
	ck_assert_uint_eq(l->n_hs, 1);
	ck_assert(l->hs[0].ended);
	ck_assert_uint_eq(l->hs[0].end_frame, 11);
	ck_assert_uint_eq(l->hs[0].end_reason, 2);
	ck_assert(l->hs[0].end_from_ap);
	ck_assert_int_eq(l->hs[0].outcome, FW_OUT_COMPLETE);
	ck_assert_uint_eq(l->frames_decrypted, 3);	/* SA Query twice and the deauth */
	fw_core_free(c);
	fw_keyring_free(kr);
	/* without the key the deauth stays unread */
	c = load(cc, NULL, &kr);
	ck_assert(!fw_core_link(c, 0)->hs[0].ended);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/*
 * aircrack-ng/test-pmkid.pcap: a beacon and one msg 1/4 carrying a PMKID,
 * nothing else (GROUND_TRUTH.md; aircrack-ng finds SP-91862D361 by it, and
 * so does hashcat): the PMKID alone verifies the key, and refutes another.
 */
START_TEST(test_corpus_pmkid_only)
{
	const struct corpus_case *cc = NULL;
	const struct fw_link *l;
	struct fw_keyring *kr;
	struct fw_core *c;

	for (size_t i = 0; i < N_CORPUS_CASES; i++)
		if (strcmp(corpus_cases[i].file, "aircrack-ng/test-pmkid.pcap") == 0)
			cc = &corpus_cases[i];
	ck_assert_ptr_nonnull(cc);
	c = load(cc, cc->passphrase, &kr);
	l = fw_core_link(c, 0);
	ck_assert_uint_eq(l->n_msgs, 1);
	ck_assert(l->msgs[0].has_pmkid);
	ck_assert_int_eq(l->msgs[0].pmkid_verdict, FW_PMKID_OK);
	ck_assert_uint_eq(l->msgs[0].pmkid_key, 1);
	ck_assert_uint_eq(l->n_hs, 1);
	ck_assert_uint_eq(l->hs[0].key_id, 1);
	ck_assert(l->hs[0].key_by_pmkid);
	ck_assert(l->hs[0].key_fp[0] != '\0');
	ck_assert(!has_finding(c, "PMKID_MISMATCH"));
	fw_core_free(c);
	fw_keyring_free(kr);

	c = load(cc, "SP-91862D362", &kr);
	l = fw_core_link(c, 0);
	ck_assert_int_eq(l->msgs[0].pmkid_verdict, FW_PMKID_MISMATCH);
	ck_assert_uint_eq(l->msgs[0].pmkid_keys_tried, 1);
	ck_assert_uint_eq(l->hs[0].key_id, 0);
	ck_assert_uint_eq(fw_core_n_findings(c), 1);
	ck_assert_int_eq(fw_core_finding(c, 0)->code, FW_F_PMKID_MISMATCH);
	ck_assert_int_eq(fw_core_finding(c, 0)->severity, FW_SEV_WARNING);
	fw_core_free(c);
	fw_keyring_free(kr);

	/* no key: not checkable, and said why */
	c = load(cc, NULL, &kr);
	l = fw_core_link(c, 0);
	ck_assert_int_eq(l->msgs[0].pmkid_verdict, FW_PMKID_UNCHECKED);
	ck_assert_msg(strstr(fw_msg_more(&l->msgs[0])->pmkid_reason, "no key") != NULL,
		      "reason '%s'", fw_msg_more(&l->msgs[0])->pmkid_reason);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

static Suite *corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("corpus");

	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_corpus_right_key, 0, (int)N_CORPUS_CASES);
	tcase_add_loop_test(tc, test_corpus_wrong_key, 0, (int)N_CORPUS_CASES);
	tcase_add_test(tc, test_corpus_protected_deauth);
	tcase_add_test(tc, test_corpus_pmkid_only);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	tcorpus_require("test_e2e_corpus");
	return tcommon_run(corpus_suite(), NULL);
}
