/*
 * Merging sources by timestamp: interleaving and ties in input order on
 * files written for the test, a merge of two corpus captures, and an input
 * that fails half-way while the other goes on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/merge.h"
#include "capture/source.h"
#include "capture/writer.h"
#include "suites.h"
#include "util/err.h"

/* A capture whose packets hold one byte each: tag, at the given times (ns). */
static char *write_tagged(const char *dir, const char *name, const int64_t *ts,
			  const uint8_t *tags, size_t n)
{
	struct fw_pcap_writer *w;
	char *path = malloc(8192), err[512];

	snprintf(path, 8192, "%s/%s", dir, name);
	ck_assert_int_eq(fw_pcap_writer_open(&w, path, 105, 65535, err, sizeof(err)), 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(fw_pcap_writer_write(w, ts[i], &tags[i], 1, 1), 0);
	ck_assert_int_eq(fw_pcap_writer_close(w), 0);
	return path;
}

static void open_all(char **paths, size_t n, struct fw_source **src)
{
	char err[512];

	for (size_t i = 0; i < n; i++)
		ck_assert_msg(fw_source_open_file(&src[i], paths[i], err, sizeof(err)) == 0, "%s", err);
}

START_TEST(order_and_ties)
{
	/* input 0 goes backwards once (40 then 15): it keeps its own order */
	static const int64_t ta[] = {10, 20, 20, 40, 15};
	static const uint8_t ga[] = {'a', 'b', 'c', 'd', 'e'};
	static const int64_t tb[] = {5, 20, 30};
	static const uint8_t gb[] = {'V', 'W', 'X'};
	static const char want[] = "VabcWXde";
	static const size_t want_in[] = {1, 0, 0, 0, 1, 1, 0, 0};
	static const uint64_t want_frame[] = {1, 1, 2, 3, 2, 3, 4, 5};
	char *tmp = tc_tmpdir(), *paths[2], err[512];
	struct fw_source *src[2];
	struct fw_merge *m;
	struct fw_pkt pkt;
	size_t k = 0, input;
	int rc;

	paths[0] = write_tagged(tmp, "a.pcap", ta, ga, 5);
	paths[1] = write_tagged(tmp, "b.pcap", tb, gb, 3);
	open_all(paths, 2, src);
	m = fw_merge_new(src, 2);
	ck_assert_ptr_nonnull(m);
	while ((rc = fw_merge_next(m, &pkt, &input, err, sizeof(err))) == 1) {
		ck_assert_uint_lt(k, 8);
		ck_assert_uint_eq(pkt.caplen, 1);
		ck_assert_int_eq(pkt.data[0], want[k]);
		ck_assert_uint_eq(input, want_in[k]);
		ck_assert_uint_eq(pkt.frame_no, want_frame[k]);
		k++;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(k, 8);
	ck_assert_int_eq(fw_merge_next(m, &pkt, &input, err, sizeof(err)), 0);
	fw_merge_free(m);
	for (int i = 0; i < 2; i++) {
		fw_source_close(src[i]);
		free(paths[i]);
	}
	/* no inputs: an empty timeline */
	m = fw_merge_new(NULL, 0);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(fw_merge_next(m, &pkt, &input, err, sizeof(err)), 0);
	fw_merge_free(m);
	tc_rmtree(tmp);
}
END_TEST

START_TEST(corpus_pair)
{
	const char *dir = tc_corpus("corpus_pair");
	char *paths[2];
	struct tc_pkts ref[2];
	struct fw_source *src[2];
	struct fw_merge *m;
	struct fw_pkt pkt;
	size_t seen[2] = {0, 0}, input;
	int64_t last = INT64_MIN;
	char err[512];
	int rc;

	if (!dir)
		return;
	for (int i = 0; i < 2; i++) {
		paths[i] = malloc(4096);
		snprintf(paths[i], 4096, "%s/%s", dir,
			 i == 0 ? "wireshark/wpa-gcmp.pcapng" : "wireshark/wpa2-psk-mfp.pcapng");
		tc_read_all(paths[i], &ref[i]);
		/* both files are in time order, so the merge must be too */
		for (size_t k = 1; k < ref[i].n; k++)
			ck_assert_int_le(ref[i].v[k - 1].ts_ns, ref[i].v[k].ts_ns);
	}
	open_all(paths, 2, src);
	m = fw_merge_new(src, 2);
	while ((rc = fw_merge_next(m, &pkt, &input, err, sizeof(err))) == 1) {
		const struct tc_pkt *r = &ref[input].v[seen[input]];

		ck_assert_int_ge(pkt.ts_ns, last);
		last = pkt.ts_ns;
		ck_assert_uint_eq(pkt.frame_no, ++seen[input]);
		ck_assert_int_eq(pkt.ts_ns, r->ts_ns);
		ck_assert_uint_eq(pkt.caplen, r->caplen);
		ck_assert_mem_eq(pkt.data, r->data, r->caplen);
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(seen[0], 42);
	ck_assert_uint_eq(seen[1], 18);
	fw_merge_free(m);
	for (int i = 0; i < 2; i++) {
		fw_source_close(src[i]);
		tc_pkts_free(&ref[i]);
		free(paths[i]);
	}
}
END_TEST

START_TEST(failing_input)
{
	static const int64_t ta[] = {10, 20, 30, 40};
	static const uint8_t ga[] = {'a', 'b', 'c', 'd'};
	static const int64_t tb[] = {15, 25, 35};
	static const uint8_t gb[] = {'X', 'Y', 'Z'};
	char *tmp = tc_tmpdir(), *paths[2], *full, err[512] = "", want[1024];
	struct fw_source *src[2];
	struct fw_merge *m;
	struct fw_pkt pkt;
	char got[16] = "";
	size_t k = 0, input = 99;
	uint8_t *raw;
	size_t n;
	int rc, errors = 0;

	paths[0] = write_tagged(tmp, "a.pcap", ta, ga, 4);
	full = write_tagged(tmp, "b-full.pcap", tb, gb, 3);
	raw = tc_slurp(full, &n);
	/* input 1 loses its last packet's byte: an error at its frame 3 */
	paths[1] = tc_write(tmp, "b.pcap", raw, n - 1);
	open_all(paths, 2, src);
	m = fw_merge_new(src, 2);
	while ((rc = fw_merge_next(m, &pkt, &input, err, sizeof(err))) != 0) {
		if (rc < 0) {
			errors++;
			ck_assert_uint_eq(input, 1);
			ck_assert_int_eq(rc, FW_ETRUNC);
			snprintf(want, sizeof(want), "%s: frame 3: truncated dump file; tried to read 1 "
				 "captured bytes, only got 0", paths[1]);
			ck_assert_str_eq(err, want);
			got[k++] = '!';
			continue;
		}
		got[k++] = (char)pkt.data[0];
	}
	ck_assert_int_eq(errors, 1);
	/* B's frame 3 is read (and fails) before c can be known to come first */
	ck_assert_str_eq(got, "aXbY!cd");
	fw_merge_free(m);
	for (int i = 0; i < 2; i++) {
		fw_source_close(src[i]);
		free(paths[i]);
	}
	free(full);
	free(raw);
	tc_rmtree(tmp);
}
END_TEST

Suite *merge_suite(void)
{
	Suite *s = suite_create("merge");
	TCase *tc = tcase_create("merge");

	tcase_add_test(tc, order_and_ties);
	tcase_add_test(tc, failing_input);
	suite_add_tcase(s, tc);
	return s;
}

/* The case over the corpus: test_capture_corpus runs it. */
Suite *merge_corpus_suite(void)
{
	Suite *s = suite_create("merge corpus");
	TCase *tc = tcase_create("merge corpus");

	tcase_add_test(tc, corpus_pair);
	suite_add_tcase(s, tc);
	return s;
}
