/* Shared helpers of the capture tests: the corpus, temporary files, reading everything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "capture/source.h"
#include "../common/corpus.h"
#include "../common/tmpdir.h"
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
	return tcommon_tmpdir("fwcap");
}

void tc_rmtree(char *dir)
{
	tcommon_rmtree(dir);
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

void tc_assert_same_as(const char *what, const struct tc_pkts *a, const struct tc_pkts *b,
		       size_t n)
{
	ck_assert_msg(a->n >= n && b->n >= n, "%s: %zu and %zu packets, %zu compared", what, a->n,
		      b->n, n);
	for (size_t i = 0; i < n; i++) {
		const struct tc_pkt *p = &a->v[i], *q = &b->v[i];

		ck_assert_msg(p->frame_no == i + 1 && q->frame_no == i + 1,
			      "%s: packet %zu numbered %llu and %llu", what, i,
			      (unsigned long long)p->frame_no, (unsigned long long)q->frame_no);
		ck_assert_msg(p->ts_ns == q->ts_ns && p->caplen == q->caplen && p->len == q->len &&
			      p->linktype == q->linktype,
			      "%s: frame %zu: time %lld/%lld, caplen %u/%u, len %u/%u, link type %d/%d",
			      what, i + 1, (long long)p->ts_ns, (long long)q->ts_ns, p->caplen,
			      q->caplen, p->len, q->len, p->linktype, q->linktype);
		ck_assert_msg(memcmp(p->data, q->data, p->caplen) == 0, "%s: frame %zu: bytes differ",
			      what, i + 1);
	}
}

void tc_assert_same(const struct tc_pkts *a, const struct tc_pkts *b, size_t n)
{
	tc_assert_same_as("the two readings", a, b, n);
}
