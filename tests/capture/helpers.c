/* Shared helpers of the capture tests: the corpus, temporary files, reading everything. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "capture/source.h"
#include "../common/corpus.h"
#include "suites.h"

const char *tc_corpus(const char *who)
{
	const char *d = tcorpus_dir();

	/* test_capture_corpus skips without it: here it must be there */
	ck_assert_msg(d != NULL, "%s: corpus not found", who);
	return d;
}

char *tc_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *d = malloc(4096);

	ck_assert_ptr_nonnull(d);
	snprintf(d, 4096, "%s/fwcapXXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

void tc_rmtree(char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char p[8192];

	while (dp && (e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (dp)
		closedir(dp);
	rmdir(dir);
	free(dir);
}

uint8_t *tc_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

char *tc_write(const char *dir, const char *name, const void *data, size_t n)
{
	char *p = malloc(8192);
	FILE *f;

	ck_assert_ptr_nonnull(p);
	snprintf(p, 8192, "%s/%s", dir, name);
	f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

char *tc_write_gz(const char *dir, const char *name, const void *data, size_t n)
{
	char *p = malloc(8192);
	gzFile gz;

	ck_assert_ptr_nonnull(p);
	snprintf(p, 8192, "%s/%s", dir, name);
	gz = gzopen(p, "wb9");
	ck_assert_ptr_nonnull(gz);
	ck_assert_int_eq(gzwrite(gz, data, (unsigned)n), (int)n);
	ck_assert_int_eq(gzclose(gz), Z_OK);
	return p;
}

void tc_read_all(const char *path, struct tc_pkts *out)
{
	struct fw_source *s = NULL;
	struct fw_pkt pkt;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = fw_source_open_file(&s, path, out->err, sizeof(out->err));
	ck_assert_msg(rc == 0, "open %s: %s", path, out->err);
	while ((rc = fw_source_next(s, &pkt, out->err, sizeof(out->err))) == 1) {
		struct tc_pkt *t;

		if (out->n == cap) {
			cap = cap ? 2 * cap : 64;
			out->v = realloc(out->v, cap * sizeof(*out->v));
			ck_assert_ptr_nonnull(out->v);
		}
		t = &out->v[out->n++];
		t->frame_no = pkt.frame_no;
		t->ts_ns = pkt.ts_ns;
		t->caplen = pkt.caplen;
		t->len = pkt.len;
		t->linktype = pkt.linktype;
		t->data = malloc(pkt.caplen ? pkt.caplen : 1);
		ck_assert_ptr_nonnull(t->data);
		memcpy(t->data, pkt.data, pkt.caplen);
	}
	out->rc = rc;
	/* after the end or an error, the source stays at its end */
	{
		char again[512];

		ck_assert_int_eq(fw_source_next(s, &pkt, again, sizeof(again)), 0);
	}
	fw_source_close(s);
}

void tc_pkts_free(struct tc_pkts *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].data);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void tc_assert_same(const struct tc_pkts *a, const struct tc_pkts *b, size_t n)
{
	ck_assert_uint_ge(a->n, n);
	ck_assert_uint_ge(b->n, n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(a->v[i].frame_no, i + 1);
		ck_assert_uint_eq(b->v[i].frame_no, i + 1);
		ck_assert_int_eq(a->v[i].ts_ns, b->v[i].ts_ns);
		ck_assert_uint_eq(a->v[i].caplen, b->v[i].caplen);
		ck_assert_uint_eq(a->v[i].len, b->v[i].len);
		ck_assert_int_eq(a->v[i].linktype, b->v[i].linktype);
		ck_assert_mem_eq(a->v[i].data, b->v[i].data, a->v[i].caplen);
	}
}
