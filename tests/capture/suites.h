#ifndef FW_TESTS_CAPTURE_SUITES_H
#define FW_TESTS_CAPTURE_SUITES_H
#include <check.h>
#include <stddef.h>
#include <stdint.h>

Suite *file_suite(void);
Suite *file_corpus_suite(void);
Suite *writer_suite(void);
Suite *pcapng_suite(void);
Suite *merge_suite(void);
Suite *merge_corpus_suite(void);
Suite *ifid_suite(void);
Suite *outfile_suite(void);
Suite *mapped_suite(void);
Suite *mapped_corpus_suite(void);

/* helpers.c */
/* The corpus directory (the corpus suites run only where it is: corpus.h). */
const char *tc_corpus(const char *who);
char *tc_tmpdir(void);
void tc_rmtree(char *dir);
/* Whole file into memory (the test's own reference reading). */
uint8_t *tc_slurp(const char *path, size_t *len);
/* Write n bytes to dir/name; the full path is malloc'd. */
char *tc_write(const char *dir, const char *name, const void *data, size_t n);
/* gzip a byte buffer into dir/name with zlib; the full path is malloc'd. */
char *tc_write_gz(const char *dir, const char *name, const void *data, size_t n);

/* Every packet of a source, copied. */
struct tc_pkt {
	uint64_t frame_no;
	int64_t ts_ns;
	uint32_t caplen, len;
	int linktype;
	uint8_t *data;
};
struct tc_pkts {
	struct tc_pkt *v;
	size_t n;
	int rc;			/* what ended the reading: 0 or the error */
	char err[512];
};
/* Open and read path to its end (or first error); asserts the open succeeds. */
void tc_read_all(const char *path, struct tc_pkts *out);
void tc_pkts_free(struct tc_pkts *p);
void tc_assert_same(const struct tc_pkts *a, const struct tc_pkts *b, size_t n);
/* The same, a failure naming what (the case). */
void tc_assert_same_as(const char *what, const struct tc_pkts *a, const struct tc_pkts *b,
		       size_t n);
#endif
