/*
 * test_live.c - what `live` builds on, without an interface:
 *
 * - fw_core_refresh(): after any prefix of a capture, refreshing (however
 *   often, with feeds in between) gives exactly the JSON report of a core
 *   fed that prefix and finished once; refreshing twice changes nothing;
 *   and fw_core_finish() after refreshes gives the batch report.  Over the
 *   captures in captures/ and (built with TEST_LIVE_CORPUS, as the program
 *   test_live_corpus, which skips without it) the real-capture corpus, with
 *   their keys.  A refresh with nothing fed since the last analyses no
 *   link again (each keeps its fw_link.refresh).
 * - channel arithmetic against IEEE 802.11-2020 Annex E (channel starting
 *   frequencies) and the 80/160 MHz channel centres of its tables E-4 and
 *   E-5 (5 GHz) and the 6 GHz ones (5950 + 5n, n = 7, 15 for the first
 *   80 and 160 MHz channels).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../e2e/corpus_table.h"
#include "../common/corpus.h"
#include "capture/nl80211.h"
#include "capture/privs.h"
#include "capture/source.h"
#include "cli/drive.h"
#include "decode/frame.h"
#include "handshake/core.h"
#include "keys/keyring.h"
#include "output/json.h"
#include "output/view.h"
#include "util/err.h"

struct cap {
	const char *file;	/* under captures/ */
	const char *pass;	/* the passphrase the hwsim AP was given */
};

static const struct cap caps[] = {
	{ "wpa2-psk.pcap", "correct horse battery staple" },
	{ "m4-drop.pcap", "first four lost" },
	{ "wrong-psk.pcap", "the right passphrase" },
};

/* The report without its "notes" (notes are advice said once, not results). */
static char *report(struct fw_core *c)
{
	struct fw_view v;
	char *buf = NULL, *notes;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(fw_view_init(&v, c), 0);
	fw_json_write(m, &v, false);
	fw_view_fini(&v);
	ck_assert_int_eq(fclose(m), 0);
	notes = strstr(buf, "\n\"notes\":[");
	ck_assert_ptr_nonnull(notes);
	*notes = '\0';
	return buf;
}

static struct fw_keyring *keys(const char *pass, const char *ssid)
{
	struct fw_keyring *kr = fw_keyring_new();
	char err[256];

	ck_assert_ptr_nonnull(kr);
	if (pass)
		ck_assert_int_eq(fw_keyring_add_passphrase(kr, pass, (const uint8_t *)ssid,
							   ssid ? strlen(ssid) : 0, "test", err,
							   sizeof(err)), 0);
	return kr;
}

/* A core fed the first n frames of path (all when n is 0), refreshed every `every`. */
static struct fw_core *feed_prefix(const char *path, struct fw_keyring *kr, uint64_t n,
				   uint64_t every, uint64_t *total)
{
	struct fw_core_opts opts = { 0 };
	struct fw_core *c = fw_core_new(&opts, kr);
	struct fw_drive_input in = { .path = path };
	struct fw_source *s;
	struct fw_pkt pkt;
	struct fw_frame f;
	char err[512];

	ck_assert_ptr_nonnull(c);
	ck_assert_msg(fw_source_open_file(&s, path, err, sizeof(err)) == 0, "%s", err);
	in.linktype = fw_source_linktype(s);
	in.input = fw_core_add_input(c, path, in.linktype);
	*total = 0;
	while ((!n || *total < n) && fw_source_next(s, &pkt, err, sizeof(err)) == 1) {
		fw_drive_packet(c, &in, &pkt, &f);
		++*total;
		if (every && *total % every == 0)
			fw_core_refresh(c);
	}
	fw_source_close(s);
	return c;
}

/*
 * For prefixes of path: refreshed-as-it-goes equals fed-then-finished.
 * step: prefix lengths tried; every: refresh period while feeding.
 */
static void check_refresh(const char *path, const char *pass, const char *ssid, uint64_t step)
{
	struct fw_keyring *kr = keys(pass, ssid);
	uint64_t total, got;
	struct fw_core *whole = feed_prefix(path, kr, 0, 0, &total);

	fw_core_free(whole);
	for (uint64_t n = 1;; n = n + step < total ? n + step : total) {
		struct fw_core *live = feed_prefix(path, kr, n, 1 + n % 3, &got);
		struct fw_core *batch = feed_prefix(path, kr, n, 0, &got);
		char *a, *b, *a2;

		fw_core_refresh(live);
		a = report(live);
		fw_core_refresh(live);
		a2 = report(live);
		fw_core_finish(batch);
		b = report(batch);
		ck_assert_msg(strcmp(a, a2) == 0, "%s: a second refresh after %llu frames changed "
			      "the report (ids included)", path, (unsigned long long)n);
		/* ids included: they are made from what a finding is, not when it came */
		ck_assert_msg(strcmp(a, b) == 0, "%s: after %llu frames, refresh and finish differ:\n"
			      "refresh: %.1500s\nfinish: %.1500s", path, (unsigned long long)n, a, b);
		fw_core_finish(live);
		free(a);
		a = report(live);
		ck_assert_msg(strcmp(a, b) == 0, "%s: finish after refreshes differs (%llu frames)",
			      path, (unsigned long long)n);
		free(a);
		free(a2);
		free(b);
		fw_core_free(live);
		fw_core_free(batch);
		if (n >= total)
			break;
	}
	fw_keyring_free(kr);
}

START_TEST(refresh_matches_finish_captures)
{
	const char *top = getenv("top_srcdir");
	char path[1024];

	snprintf(path, sizeof(path), "%s/captures/%s", top ? top : ".", caps[_i].file);
	check_refresh(path, caps[_i].pass, NULL, 1);
}
END_TEST

START_TEST(refresh_matches_finish_corpus)
{
	const struct corpus_case *cc = &corpus_cases[_i];
	char path[1024];

	ck_assert_msg(tcorpus_path(path, sizeof(path), cc->file) && access(path, R_OK) == 0,
		      "%s: not in the corpus", cc->file);
	check_refresh(path, cc->passphrase, cc->ssid, 7);
}
END_TEST

/* Refreshing a core with nothing fed, and finishing one that was refreshed empty. */
/*
 * A refresh analyses again only the links fed since the one before: with
 * no frame in between, every link keeps the analysis (and the refresh
 * number) it had.
 */
START_TEST(refresh_only_what_changed)
{
	const char *top = getenv("top_srcdir");
	char path[1024];
	struct fw_keyring *kr = keys(NULL, NULL);
	uint64_t total, first;
	struct fw_core *c;
	size_t n;

	snprintf(path, sizeof(path), "%s/captures/wpa2-psk.pcap", top ? top : ".");
	c = feed_prefix(path, kr, 0, 0, &total);

	fw_core_refresh(c);
	n = fw_core_n_links(c);
	ck_assert_uint_gt(n, 0);
	first = fw_core_link(c, 0)->refresh;
	ck_assert_uint_gt(first, 0);
	fw_core_refresh(c);
	ck_assert_uint_eq(fw_core_n_links(c), n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(fw_core_link(c, i)->refresh == first,
			      "link %zu was analysed again with nothing fed", i);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(refresh_empty)
{
	struct fw_keyring *kr = keys(NULL, NULL);
	struct fw_core_opts opts = { 0 };
	struct fw_core *c = fw_core_new(&opts, kr);

	fw_core_refresh(c);
	fw_core_refresh(c);
	ck_assert_uint_eq(fw_core_n_links(c), 0);
	ck_assert_uint_eq(fw_core_n_findings(c), 0);
	fw_core_finish(c);
	fw_core_refresh(c);	/* a no-op after finish */
	ck_assert_uint_eq(fw_core_n_links(c), 0);
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

/* Feed a whole capture as a new input of c. */
static void feed_input(struct fw_core *c, const char *file)
{
	const char *top = getenv("top_srcdir");
	char path[1024];
	const char *p = path;
	struct fw_drive_input in;

	snprintf(path, sizeof(path), "%s/captures/%s", top ? top : ".", file);
	ck_assert_int_eq(fw_drive_files(c, &p, 1, NULL, NULL, &in), 0);
	ck_assert_msg(in.err != FW_DRIVE_OPEN, "%s: %s", path, fw_core_input(c, in.input)->error);
}

/*
 * A refresh's copies share the links' EAPOL bytes: when --max-links evicts
 * the link of a published copy, the view empties (nothing points at freed
 * memory, which ASan would catch) and the next refresh shows the survivor.
 */
START_TEST(refresh_then_evict)
{
	static const uint8_t m4_sta[6] = { 0x02, 0x00, 0x00, 0x00, 0x01, 0x00 };
	struct fw_keyring *kr = keys("correct horse battery staple", NULL);
	struct fw_core_opts opts = { .max_links = 1 };
	struct fw_core *c = fw_core_new(&opts, kr);
	const struct fw_link *l;

	ck_assert_ptr_nonnull(c);
	feed_input(c, "wpa2-psk.pcap");
	fw_core_refresh(c);
	ck_assert_uint_eq(fw_core_n_links(c), 1);
	l = fw_core_link(c, 0);
	ck_assert_uint_eq(l->file, 0);
	ck_assert_uint_eq(l->n_msgs, 4);
	feed_input(c, "m4-drop.pcap");	/* another input: its link evicts the first */
	ck_assert_uint_eq(fw_core_n_links(c), 0);
	ck_assert_uint_eq(fw_core_n_findings(c), 0);
	fw_core_refresh(c);
	ck_assert_uint_eq(fw_core_n_links(c), 1);
	l = fw_core_link(c, 0);
	ck_assert_uint_eq(l->file, 1);
	ck_assert_mem_eq(l->sta, m4_sta, 6);
	ck_assert_uint_gt(l->n_msgs, 4);	/* the 3/4 retries and the second handshake */
	fw_core_free(c);
	fw_keyring_free(kr);
}
END_TEST

START_TEST(channel_numbers)
{
	/* Annex E: starting frequency + 5 MHz x channel number; channel 14 at 2484 */
	static const struct { unsigned ch; uint32_t mhz; } tab[] = {
		{ 1, 2412 }, { 6, 2437 }, { 11, 2462 }, { 13, 2472 }, { 14, 2484 },
		{ 36, 5180 }, { 64, 5320 }, { 100, 5500 }, { 149, 5745 }, { 165, 5825 },
		{ 177, 5885 },
	};
	uint32_t f;

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		ck_assert_msg(fw_chan_freq(tab[i].ch, &f) == 0, "channel %u: no frequency", tab[i].ch);
		ck_assert_msg(f == tab[i].mhz, "channel %u: %u MHz, want %u", tab[i].ch, f,
			      tab[i].mhz);
	}
	ck_assert_int_ne(fw_chan_freq(0, &f), 0);
	ck_assert_int_ne(fw_chan_freq(15, &f), 0);
	ck_assert_int_ne(fw_chan_freq(200, &f), 0);
}
END_TEST

START_TEST(channel_centres)
{
	static const struct { uint32_t freq; const char *w; uint32_t center; } tab[] = {
		{ 2437, "20", 2437 }, { 2412, "40+", 2422 }, { 2462, "40-", 2452 },
		{ 5180, "80", 5210 }, { 5240, "80", 5210 }, { 5260, "80", 5290 },
		{ 5500, "80", 5530 }, { 5745, "80", 5775 }, { 5825, "80", 5855 },
		{ 5180, "160", 5250 }, { 5320, "160", 5250 }, { 5500, "160", 5570 },
		{ 5745, "160", 5815 },
		{ 5955, "80", 5985 }, { 6015, "80", 5985 }, { 6035, "80", 6065 },
		{ 5955, "160", 6025 }, { 6115, "160", 6185 },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		struct fw_chan ch = { .freq = tab[i].freq };
		uint32_t c;

		ck_assert_msg(fw_chan_width_parse(tab[i].w, &ch.width) == 0, "width %s: not parsed",
			      tab[i].w);
		ck_assert_msg(strcmp(fw_chan_width_name(ch.width), tab[i].w) == 0,
			      "width %s: named %s", tab[i].w, fw_chan_width_name(ch.width));
		ck_assert_msg(fw_chan_center(&ch, &c) == 0, "%u MHz width %s: no centre", tab[i].freq,
			      tab[i].w);
		ck_assert_msg(c == tab[i].center, "%u MHz width %s: centre %u, want %u", tab[i].freq,
			      tab[i].w, c, tab[i].center);
	}
	{
		struct fw_chan ch = { .freq = 2437, .width = FW_WIDTH_80 };
		enum fw_chan_width w;
		uint32_t c;

		ck_assert_int_ne(fw_chan_center(&ch, &c), 0);	/* no 80 MHz at 2.4 GHz */
		ck_assert_int_ne(fw_chan_width_parse("40", &w), 0);
	}
}
END_TEST

/*
 * -Z with a number: the uid of an entry (65534, nobody on Debian), and a uid
 * no entry names, which takes the same number as its group.  In a child of
 * its own: the switch cannot be undone.  Needs root.
 */
static void drop_to(const char *who, uid_t uid, gid_t gid)
{
	char err[256] = "";
	pid_t pid = fork();
	int st = 0;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (fw_privs_drop(who, false, err, sizeof(err)) != 0) {
			fprintf(stderr, "%s\n", err);
			_exit(1);
		}
		_exit(getuid() == uid && geteuid() == uid && getgid() == gid ? 0 : 2);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}

START_TEST(privs_numeric_uid)
{
	char err[256] = "";

	ck_assert_int_eq(fw_privs_drop("no-such-user-fourway", false, err, sizeof(err)),
			 FW_ENOTFOUND);
	ck_assert_str_eq(err, "-Z no-such-user-fourway: no such user");
	ck_assert_int_eq(fw_privs_drop("-5", false, err, sizeof(err)), FW_ENOTFOUND);
	if (geteuid() != 0) {
		puts("privs_numeric_uid: not root: the switch itself is not tried");
		return;
	}
	drop_to("65534", 65534, getpwuid(65534) ? getpwuid(65534)->pw_gid : 65534);
	if (!getpwuid(4000000))
		drop_to("4000000", 4000000, 4000000);
}
END_TEST


/* The corpus cases: the program test_live_corpus runs them alone. */
static Suite *live_corpus_suite(void)
{
	Suite *s = suite_create("live corpus");
	TCase *tc = tcase_create("refresh");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, refresh_matches_finish_corpus, 0,
			    sizeof(corpus_cases) / sizeof(corpus_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

static Suite *live_suite(void)
{
	Suite *s = suite_create("live");
	TCase *tc = tcase_create("refresh");

	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, refresh_matches_finish_captures, 0, sizeof(caps) / sizeof(caps[0]));
	tcase_add_test(tc, refresh_empty);
	tcase_add_test(tc, refresh_only_what_changed);
	tcase_add_test(tc, refresh_then_evict);
	suite_add_tcase(s, tc);
	tc = tcase_create("capture");
	tcase_add_test(tc, channel_numbers);
	tcase_add_test(tc, channel_centres);
	tcase_add_test(tc, privs_numeric_uid);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(live_suite());
	int failed;

	srunner_add_suite(sr, live_corpus_suite());
#ifdef TEST_LIVE_CORPUS
	tcorpus_require("test_live_corpus");
	srunner_run(sr, "live corpus", NULL, CK_NORMAL);
#else
	srunner_run(sr, "live", NULL, CK_NORMAL);
#endif
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
