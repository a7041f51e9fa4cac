/*
 * file.c - capture files as packet sources (source.h): pcap and pcapng,
 * plain or gzip-compressed, or standard input.
 *
 * The format comes from the bytes: a regular file starting with the gzip
 * magic 1f 8b (RFC 1952 2.3.1) is read through zlib, any other through
 * stdio with a large buffer (this is the hot path: one fread per MiB, then
 * libpcap's own per-packet work); libpcap itself tells pcap from pcapng by
 * their magic numbers.  Pipes and standard input cannot be peeked and
 * rewound, so they always go through zlib, which passes plain data through.
 *
 * Timestamps are asked from libpcap at nanosecond precision, so pcap's
 * microsecond files and pcapng's finer ones all arrive as ns.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/gz.h"
#include "capture/source.h"
#include "util/err.h"

#define STDIO_BUFFER (1u << 20)

struct fw_source {
	pcap_t *p;
	char *path;		/* as given; "-" for standard input */
	const char *name;	/* for messages: the path, or "stdin" */
	char *iobuf;		/* stdio buffer of a plain file, freed after pcap_close */
	struct fw_gz *gz;	/* zlib state of a compressed or piped input, or NULL */
	int linktype;
	uint64_t frame_no;
	bool done;
};

static void say(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* True when a regular file starts with the gzip magic (RFC 1952 2.3.1: ID1 31, ID2 139). */
static int peek_gzip(int fd, bool *gzip)
{
	uint8_t magic[2];
	ssize_t n;

	do
		n = pread(fd, magic, sizeof(magic), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	*gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
	return 0;
}

/* A FILE for the path: plain stdio for uncompressed regular files, zlib otherwise. */
static FILE *open_stream(struct fw_source *s, char *err, size_t errlen)
{
	bool is_stdin = strcmp(s->path, "-") == 0, gzip = true;
	struct stat st;
	FILE *f;
	int fd, e = 0;

	/* stdin may be a file already read from: never peek at offset 0 there */
	fd = is_stdin ? dup(STDIN_FILENO) : open(s->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		say(err, errlen, "%s: %s", s->name, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0)
		e = errno;
	else if (S_ISDIR(st.st_mode))
		e = EISDIR;
	else if (S_ISREG(st.st_mode) && !is_stdin && peek_gzip(fd, &gzip) != 0)
		e = errno;
	if (e) {
		say(err, errlen, "%s: %s", s->name, strerror(e));
		close(fd);
		return NULL;
	}
	if (gzip) {
		f = fw_gz_fdopen(fd, &s->gz);
		if (!f)
			say(err, errlen, "%s: %s", s->name, strerror(errno));
		return f;
	}
	f = fdopen(fd, "rb");
	if (!f) {
		say(err, errlen, "%s: %s", s->name, strerror(errno));
		close(fd);
		return NULL;
	}
	s->iobuf = malloc(STDIO_BUFFER);
	if (s->iobuf)
		setvbuf(f, s->iobuf, _IOFBF, STDIO_BUFFER);
	return f;
}

int fw_source_open_file(struct fw_source **out, const char *path, char *err, size_t errlen)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct fw_source *s;
	FILE *f;

	*out = NULL;
	if (!path)
		return FW_EINVAL;
	s = calloc(1, sizeof(*s));
	if (s)
		s->path = strdup(path);
	if (!s || !s->path) {
		free(s);
		say(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	s->name = strcmp(path, "-") == 0 ? "stdin" : s->path;
	f = open_stream(s, err, errlen);
	if (!f) {
		fw_source_close(s);
		return FW_EIO;
	}
	s->p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, pcap_err);
	if (!s->p) {
		const char *z = fw_gz_error(s->gz);

		if (z)
			say(err, errlen, "%s: gzip: %s", s->name, z);
		else
			say(err, errlen, "%s: %s", s->name, pcap_err);
		fclose(f);
		fw_source_close(s);
		/* libpcap read the header and did not recognise it, or read failed */
		return strstr(pcap_err, "unknown file format") ? FW_EUNSUPP : FW_EIO;
	}
	s->linktype = pcap_datalink(s->p);
	*out = s;
	return 0;
}

/* ns since the epoch, saturated: pcapng allows 64-bit seconds that int64 ns cannot hold. */
static int64_t ts_ns(const struct pcap_pkthdr *h)
{
	int64_t ns;

	if (__builtin_mul_overflow((int64_t)h->ts.tv_sec, (int64_t)1000000000, &ns) ||
	    __builtin_add_overflow(ns, (int64_t)h->ts.tv_usec, &ns))
		return h->ts.tv_sec < 0 ? INT64_MIN : INT64_MAX;
	return ns;
}

int fw_source_next(struct fw_source *s, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	const char *z;
	int rc;

	if (!s || s->done)
		return 0;
	do
		rc = pcap_next_ex(s->p, &h, &data);
	while (rc == 0);
	if (rc == 1) {
		pkt->frame_no = ++s->frame_no;
		pkt->ts_ns = ts_ns(h);
		pkt->caplen = h->caplen;
		pkt->len = h->len;
		pkt->data = data;
		pkt->linktype = s->linktype;
		return 1;
	}
	s->done = true;
	z = fw_gz_error(s->gz);
	if (rc == PCAP_ERROR_BREAK && !z)
		return 0;
	if (rc == PCAP_ERROR_BREAK)
		say(err, errlen, "%s: frame %llu: gzip: %s", s->name,
		    (unsigned long long)s->frame_no + 1, z);
	else if (z)
		say(err, errlen, "%s: frame %llu: %s (gzip: %s)", s->name,
		    (unsigned long long)s->frame_no + 1, pcap_geterr(s->p), z);
	else
		say(err, errlen, "%s: frame %llu: %s", s->name,
		    (unsigned long long)s->frame_no + 1, pcap_geterr(s->p));
	if (strncmp(pcap_geterr(s->p), "truncated", 9) == 0 ||
	    (z && strstr(z, "unexpected end of file")))
		return FW_ETRUNC;
	return FW_EIO;
}

int fw_source_linktype(const struct fw_source *s)
{
	return s ? s->linktype : -1;
}

uint32_t fw_source_snaplen(const struct fw_source *s)
{
	int n = s && s->p ? pcap_snapshot(s->p) : 0;

	return n > 0 ? (uint32_t)n : 0;
}

const char *fw_source_path(const struct fw_source *s)
{
	return s ? s->path : NULL;
}

void fw_source_close(struct fw_source *s)
{
	if (!s)
		return;
	if (s->p)
		pcap_close(s->p);	/* closes the FILE, and with it the fd or zlib state */
	free(s->iobuf);
	free(s->path);
	free(s);
}
