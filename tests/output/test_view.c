/*
 * test_view.c - fw_view_init() over a real reconstructor, and the whole
 * output path over the real capture wpa-Induction.pcap with its published
 * key (passphrase "Induction", SSID "Coherer"; corpus GROUND_TRUTH.md:
 * M1 #87 rc0, M2 #89 rc0, M3 #92 rc1, M4 #94 rc1, 1093 frames); that one
 * in view_corpus_suite(), which test_output_corpus runs (SKIP without the
 * corpus).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/corpus.h"
#include "cli/drive.h"
#include "decode/frame.h"
#include "fixtures.h"
#include "handshake/core.h"
#include "jcheck.h"
#include "keys/keyring.h"
#include "output/view.h"
#include "suites.h"
#include "util/mac.h"

START_TEST(view_of_core)
{
	struct fw_keyring *kr = fw_keyring_new();
	struct fw_core_opts opts = { 0 };
	struct fw_core *c;
	struct fw_view v;
	char *doc, err[128];

	ck_assert_ptr_nonnull(kr);
	c = fw_core_new(&opts, kr);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(fw_core_add_input(c, "a.pcap", 127), 0);
	ck_assert_uint_eq(fw_core_add_input(c, "b.pcap", 105), 1);
	fw_core_input_error(c, 1, "b.pcap: truncated dump file");
	fw_core_finish(c);
	ck_assert_int_eq(fw_view_init(&v, c), 0);
	ck_assert_uint_eq(v.n_inputs, 2);
	ck_assert_str_eq(v.inputs[0]->path, "a.pcap");
	ck_assert_str_eq(v.inputs[1]->path, "b.pcap");
	ck_assert(v.inputs[1]->read_error);
	ck_assert_uint_eq(v.n_links, 0);
	ck_assert_uint_eq(v.n_findings, fw_core_n_findings(c));
	ck_assert(!v.merged);
	doc = fx_json(&v, false);
	ck_assert_msg(jc_valid(doc, err, sizeof(err)), "%s", err);
	ck_assert(jc_get(doc, "inputs[1].error", err, sizeof(err)));
	ck_assert_str_eq(err, "\"b.pcap: truncated dump file\"");
	free(doc);
	fw_view_fini(&v);
	ck_assert_ptr_null(v.inputs);
	ck_assert_uint_eq(v.n_inputs, 0);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/* A file of the corpus (test_output_corpus runs only where it is). */
static const char *corpus_file(char *buf, size_t len, const char *rel)
{
	ck_assert_msg(tcorpus_path(buf, len, rel) && access(buf, R_OK) == 0, "%s: not in the corpus",
		      rel);
	return buf;
}

/* Run the core over one file; returns it finished. */
static struct fw_core *analyze(const char *path, struct fw_keyring *kr,
			       const struct fw_core_opts *opts)
{
	struct fw_core *c = fw_core_new(opts, kr);
	struct fw_drive_input in;

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(fw_drive_files(c, &path, 1, NULL, NULL, &in), 0);
	ck_assert_msg(in.err == FW_DRIVE_OK, "%s: %s", path,
		      fw_core_input(c, in.input)->error);
	fw_core_finish(c);
	return c;
}

static char *row(const char *text, const char *needle)
{
	static char buf[1024];

	ck_assert_msg(fx_line_with(text, needle, buf, sizeof(buf)), "no '%s' in\n%.3000s", needle,
		      text);
	return buf;
}

START_TEST(induction_capture)
{
	static const uint8_t ap[6] = { 0x00, 0x0c, 0x41, 0x82, 0xb2, 0x55 };
	static const uint8_t sta[6] = { 0x00, 0x0d, 0x93, 0x82, 0x36, 0x3a };
	char path[4096], err[256], got[256], pfx[64];
	struct fw_keyring *kr;
	struct fw_core_opts opts = { 0 };
	struct fw_core *c;
	struct fw_view v;
	char *doc, *text, *r;
	size_t li = (size_t)-1;

	corpus_file(path, sizeof(path), "wireshark/wpa-Induction.pcap");
	kr = fw_keyring_new();
	ck_assert_ptr_nonnull(kr);
	ck_assert_int_eq(fw_keyring_add_passphrase(kr, "Induction", (const uint8_t *)"Coherer", 7,
						   "--passphrase", err, sizeof(err)), 0);
	c = analyze(path, kr, &opts);
	ck_assert_int_eq(fw_view_init(&v, c), 0);
	ck_assert_uint_eq(v.n_inputs, 1);
	ck_assert_uint_eq(v.inputs[0]->frames, 1093);
	for (size_t i = 0; i < v.n_links; i++)
		if (fw_mac_eq(v.links[i]->bssid, ap) && fw_mac_eq(v.links[i]->sta, sta))
			li = i;
	ck_assert_msg(li != (size_t)-1, "no link for the Coherer handshake");

	doc = fx_json(&v, false);
	ck_assert_msg(jc_valid(doc, err, sizeof(err)), "%s", err);
	snprintf(pfx, sizeof(pfx), "links[%zu]", li);
	snprintf(path, sizeof(path), "%s.ssid", pfx);
	ck_assert(jc_get(doc, path, got, sizeof(got)));
	ck_assert_str_eq(got, "\"Coherer\"");
	snprintf(path, sizeof(path), "%s.handshakes[0].outcome", pfx);
	ck_assert(jc_get(doc, path, got, sizeof(got)));
	ck_assert_str_eq(got, "\"complete\"");
	snprintf(path, sizeof(path), "%s.handshakes[0].messages[1].anonce_from", pfx);
	ck_assert(jc_get(doc, path, got, sizeof(got)));
	ck_assert_str_eq(got, "87");
	snprintf(path, sizeof(path), "%s.handshakes[0].messages[1].mic", pfx);
	ck_assert(jc_get(doc, path, got, sizeof(got)));
	ck_assert_str_eq(got, "\"ok\"");
	free(doc);

	text = fx_text(&v, false, false);
	r = row(text, "00:0c:41:82:b2:55 \"Coherer\" <-> 00:0d:93:82:36:3a");
	ck_assert_ptr_nonnull(strstr(r, "PSK  CCMP/TKIP"));
	ck_assert_ptr_nonnull(strstr(text, "handshake 1: complete, verified with key 1"));
	r = row(text, "#87 ");
	ck_assert_ptr_nonnull(strstr(r, "|-- M1 rc=0 "));
	r = row(text, "#89 ");
	ck_assert_ptr_nonnull(strstr(r, "|<-"));
	ck_assert_ptr_nonnull(strstr(r, "M2 rc=0 --|"));
	ck_assert_ptr_nonnull(strstr(r, "MIC ok (ANonce of #87)"));
	r = row(text, "#92 ");
	ck_assert_ptr_nonnull(strstr(r, "|-- M3 rc=1 "));
	ck_assert_ptr_nonnull(strstr(r, "MIC ok"));
	r = row(text, "#94 ");
	ck_assert_ptr_nonnull(strstr(r, "M4 rc=1 --|"));
	ck_assert_ptr_nonnull(strstr(r, "MIC ok"));
	ck_assert_ptr_null(strstr(text, "error MIC_BAD"));
	free(text);
	fw_view_fini(&v);
	fw_core_free(c);

	/* a filter that matches no link: the capture then holds no handshake */
	corpus_file(path, sizeof(path), "wireshark/wpa-Induction.pcap");
	opts.filter_bssid = true;
	memcpy(opts.bssid, "\x02\x00\x00\x00\x00\x01", 6);
	c = analyze(path, kr, &opts);
	ck_assert_int_eq(fw_view_init(&v, c), 0);
	text = fx_text(&v, false, false);
	ck_assert_msg(strncmp(text, "No EAPOL-Key handshake found.\n", 30) == 0, "%.2000s", text);
	ck_assert_ptr_nonnull(strstr(text, "0 links, 0 handshakes (0 complete)"));
	free(text);
	fw_view_fini(&v);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/*
 * The index of findings by link (fw_view_link_finding()) gives each link
 * exactly the findings fw_out_finding_on_link() picks by walking them all,
 * in the same order: over real captures of several links and findings
 * each (three captures of the same two addresses: three links, or one
 * under --merge).
 */
START_TEST(findings_by_link)
{
	static const char *const names[] = { "captures/m4-drop-once-mon0.pcap",
					     "captures/m3-lost-twice.pcap",
					     "captures/m4-drop-once.pcap" };
	const char *top = getenv("top_srcdir");
	char paths[3][4096];
	const char *files[3];
	size_t checked = 0;

	for (size_t i = 0; i < 3; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", top ? top : ".", names[i]);
		files[i] = paths[i];
	}
	for (int merge = 0; merge < 2; merge++) {
		struct fw_keyring *kr = fw_keyring_new();
		struct fw_core_opts opts = { 0 };
		struct fw_drive_input in[3];
		struct fw_core *c;
		struct fw_view v, hand;

		opts.merge = merge;
		c = fw_core_new(&opts, kr);
		ck_assert_ptr_nonnull(c);
		ck_assert_int_eq(fw_drive_files(c, files, 3, NULL, NULL, in), 0);
		for (size_t i = 0; i < 3; i++)
			ck_assert_msg(in[i].err == FW_DRIVE_OK, "%s: %s", files[i],
				      fw_core_input(c, in[i].input)->error);
		fw_core_finish(c);
		ck_assert_int_eq(fw_view_init(&v, c), 0);
		ck_assert_ptr_nonnull(v.fx_links);
		hand = v;	/* the same view without its index: the walk */
		hand.fx_links = NULL;
		hand.fx_off = hand.fx = NULL;
		/* the three captures share their addresses: a link each, or one under --merge */
		ck_assert_uint_eq(v.n_links, merge ? 1 : 3);
		for (size_t li = 0; li < v.n_links; li++) {
			size_t k = 0, i, j;

			for (; fw_view_link_finding(&hand, v.links[li], k, &j); k++) {
				ck_assert_msg(fw_view_link_finding(&v, v.links[li], k, &i),
					      "merge %d link %zu: finding %zu missing", merge, li, k);
				ck_assert_uint_eq(i, j);
				checked++;
			}
			ck_assert_msg(!fw_view_link_finding(&v, v.links[li], k, &i),
				      "merge %d link %zu: more than %zu findings", merge, li, k);
		}
		fw_view_fini(&v);
		fw_core_free(c);
		fw_keyring_free(kr);
	}
	ck_assert_uint_gt(checked, 10);
}
END_TEST

Suite *view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("view");

	tcase_add_test(tc, view_of_core);
	tcase_add_test(tc, findings_by_link);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

Suite *view_corpus_suite(void)
{
	Suite *s = suite_create("view corpus");
	TCase *tc = tcase_create("view corpus");

	tcase_add_test(tc, induction_capture);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
