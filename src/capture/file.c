/*
 * file.c - capture files as packet sources (source.h): pcap and pcapng,
 * plain or gzip-compressed, standard input and pipes.
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
 *
 * The hot path of the hot path: a plain classic pcap file.  libpcap still
 * opens it (and so judges its file header and link type), but its records
 * are then read here, straight from large read()s into one buffer and
 * handed out in place: no stdio copy per record, no libpcap call per
 * packet.  What libpcap would say of a bad record is said the same way
 * (a truncated record, a capture length beyond the maximum of 262144; a
 * length beyond the snapshot length keeps the first snapshot-length bytes).
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
#include "capture/ifid.h"
#include "capture/internal.h"
#include "capture/source.h"
#include "util/cursor.h"
#include "util/err.h"

#define STDIO_BUFFER (1u << 20)
/* The record reader: reads of RAW_READ bytes (L2-sized: the kernel's copy stays cheap) */
#define RAW_READ (128u << 10)
#define RAW_MAX_CAPLEN 262144u	/* libpcap's maximum snapshot length for most link types */
#define RAW_BUFFER (RAW_MAX_CAPLEN + 16 + RAW_READ)
#define PCAP_HDR_LEN 24
#define REC_HDR_LEN 16

/* A classic pcap file read record by record from its own descriptor. */
struct raw_reader {
	int fd;
	uint8_t *buf;		/* RAW_BUFFER bytes */
	size_t start, end;	/* unread bytes: buf[start..end) */
	bool eof;
	bool big_endian;	/* the file's byte order */
	bool nano;		/* fractions are ns (magic a1b23c4d), else us */
	uint32_t snaplen;	/* libpcap's snapshot length for the file */
};

struct file_source {
	struct fw_source base;	/* first: the face of every source (internal.h) */
	pcap_t *p;
	char *path;		/* as given; "-" for standard input */
	const char *name;	/* for messages: the path, or "stdin" */
	char *iobuf;		/* stdio buffer of a plain file, freed after pcap_close */
	struct fw_gz *gz;	/* zlib state of a compressed or piped input, or NULL */
	struct raw_reader *raw;	/* a plain classic pcap file read by raw_next(), or NULL */
	struct fw_ifid *ifid;	/* a plain pcapng file: its packets' interface IDs, or NULL */
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

/*
 * After libpcap accepted the file header: read the records of a classic
 * pcap file here, through fd, from offset 24.  Any other case (pcapng, the
 * modified formats, versions before 2.4, a link type whose maximum capture
 * length differs, no memory) stays with libpcap.
 */
static void raw_setup(struct file_source *s, int fd)
{
	uint8_t magic[4];
	struct fw_cursor c;
	struct raw_reader *r;
	uint32_t m;
	ssize_t n;

	do
		n = pread(fd, magic, sizeof(magic), 0);
	while (n < 0 && errno == EINTR);
	/* before 2.4, libpcap may swap caplen and len of a record: it keeps those files */
	if (n != (ssize_t)sizeof(magic) || pcap_major_version(s->p) != 2 ||
	    pcap_minor_version(s->p) != 4 || pcap_snapshot(s->p) <= 0 ||
	    (uint32_t)pcap_snapshot(s->p) > RAW_MAX_CAPLEN ||
	    s->base.linktype == DLT_DBUS || s->base.linktype == DLT_USBPCAP)
		return;
	fw_cur_init(&c, magic, sizeof(magic));
	if (!fw_cur_u32be(&c, &m))
		return;
	r = calloc(1, sizeof(*r));
	if (!r)
		return;
	switch (m) {
	case 0xa1b2c3d4: r->big_endian = true; break;
	case 0xa1b23c4d: r->big_endian = true; r->nano = true; break;
	case 0xd4c3b2a1: break;
	case 0x4d3cb2a1: r->nano = true; break;
	default: free(r); return;
	}
	r->buf = malloc(RAW_BUFFER);
	/* the duplicate shares the file offset: libpcap reads nothing more from its FILE */
	r->fd = dup(fd);
	if (!r->buf || r->fd < 0 || lseek(r->fd, PCAP_HDR_LEN, SEEK_SET) != PCAP_HDR_LEN) {
		if (r->fd >= 0)
			close(r->fd);
		free(r->buf);
		free(r);
		return;
	}
	r->snaplen = (uint32_t)pcap_snapshot(s->p);
	s->raw = r;
}

static void raw_free(struct raw_reader *r)
{
	if (!r)
		return;
	close(r->fd);
	free(r->buf);
	free(r);
}

/* At least want unread bytes in the buffer, unless the file ends first; -1 on a read error. */
static int raw_fill(struct raw_reader *r, size_t want)
{
	if (r->end - r->start >= want || r->eof)
		return 0;
	if (r->start) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	while (r->end - r->start < want && !r->eof) {
		size_t room = RAW_BUFFER - r->end;
		ssize_t n = read(r->fd, r->buf + r->end, room < RAW_READ ? room : RAW_READ);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			r->eof = true;
		r->end += (size_t)n;
	}
	return 0;
}

/* One load, swapped for a big-endian file: no branch per field. */
static inline uint32_t get32(const uint8_t *b, bool be)
{
	uint32_t v = (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];

	return be ? __builtin_bswap32(v) : v;
}

/* The next record, as fw_source_next() returns it. */
static int raw_next(struct file_source *s, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct raw_reader *r = s->raw;
	struct fw_cursor c;
	const uint8_t *h;
	uint32_t sec, frac, caplen, len, keep;
	size_t have;

	/* the buffer is refilled (and moved) only when a record runs past its end */
	if (r->end - r->start < REC_HDR_LEN && raw_fill(r, REC_HDR_LEN) != 0)
		goto io_error;
	have = r->end - r->start;
	if (have == 0)
		return 0;
	if (have < REC_HDR_LEN) {
		say(err, errlen, "%s: frame %llu: truncated dump file; tried to read %u header bytes, "
		    "only got %zu", s->name, (unsigned long long)s->base.frame_no + 1, REC_HDR_LEN, have);
		return FW_ETRUNC;
	}
	fw_cur_init(&c, r->buf + r->start, have);
	if (!fw_cur_ptr(&c, &h, REC_HDR_LEN))
		return FW_EINVAL;	/* cannot happen: 16 bytes are there */
	caplen = get32(h + 8, r->big_endian);
	if (caplen > RAW_MAX_CAPLEN) {
		/* libpcap 1.10's words, naming the snapshot length though the maximum was passed */
		say(err, errlen, "%s: frame %llu: invalid packet capture length %u, bigger than "
		    "snaplen of %u", s->name, (unsigned long long)s->base.frame_no + 1, caplen, r->snaplen);
		return FW_EIO;
	}
	if (have - REC_HDR_LEN < caplen) {
		if (raw_fill(r, REC_HDR_LEN + (size_t)caplen) != 0)
			goto io_error;
		fw_cur_init(&c, r->buf + r->start, r->end - r->start);
		if (!fw_cur_ptr(&c, &h, REC_HDR_LEN))
			return FW_EINVAL;	/* cannot happen: the header was there */
	}
	sec = get32(h, r->big_endian);
	frac = get32(h + 4, r->big_endian);
	len = get32(h + 12, r->big_endian);
	have = r->end - r->start - REC_HDR_LEN;
	keep = caplen > r->snaplen ? r->snaplen : caplen;
	if (have < caplen) {
		say(err, errlen, "%s: frame %llu: truncated dump file; tried to read %u captured "
		    "bytes, only got %zu", s->name, (unsigned long long)s->base.frame_no + 1,
		    keep, have < keep ? have : keep);
		return FW_ETRUNC;
	}
	pkt->frame_no = ++s->base.frame_no;
	pkt->ts_ns = (int64_t)sec * 1000000000 + (int64_t)frac * (r->nano ? 1 : 1000);
	pkt->caplen = keep;
	pkt->len = len;
	pkt->data = r->buf + r->start + REC_HDR_LEN;
	pkt->linktype = s->base.linktype;
	pkt->iface = 0;
	r->start += REC_HDR_LEN + (size_t)caplen;
	return 1;

io_error:
	say(err, errlen, "%s: frame %llu: %s", s->name, (unsigned long long)s->base.frame_no + 1,
	    strerror(errno));
	return FW_EIO;
}

/* A FILE for the path: plain stdio for uncompressed regular files, zlib otherwise. */
static FILE *open_stream(struct file_source *s, int *plain_fd, char *err, size_t errlen)
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
	if (S_ISREG(st.st_mode))
		*plain_fd = fd;
	return f;
}

static const struct fw_source_ops file_ops;

int fw_source_open_file(struct fw_source **out, const char *path, char *err, size_t errlen)
{
	char pcap_err[PCAP_ERRBUF_SIZE] = "";
	struct file_source *s;
	FILE *f;
	int plain_fd = -1;

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
	s->base.ops = &file_ops;
	s->base.path = s->path;
	s->name = strcmp(path, "-") == 0 ? "stdin" : s->path;
	f = open_stream(s, &plain_fd, err, errlen);
	if (!f) {
		fw_source_close(&s->base);
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
		fw_source_close(&s->base);
		/* libpcap read the header and did not recognise it, or read failed */
		return strstr(pcap_err, "unknown file format") ? FW_EUNSUPP : FW_EIO;
	}
	s->base.linktype = pcap_datalink(s->p);
	if (plain_fd >= 0)
		raw_setup(s, plain_fd);
	if (plain_fd >= 0 && !s->raw)
		s->ifid = fw_ifid_new(plain_fd);
	*out = &s->base;
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

static int file_next(struct fw_source *base, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct file_source *s = (struct file_source *)base;
	struct pcap_pkthdr *h;
	const u_char *data;
	const char *z;
	int rc;

	if (s->done)
		return 0;
	if (s->raw) {
		rc = raw_next(s, pkt, err, errlen);
		if (rc != 1)
			s->done = true;
		return rc;
	}
	do
		rc = pcap_next_ex(s->p, &h, &data);
	while (rc == 0);
	if (rc == 1) {
		pkt->frame_no = ++s->base.frame_no;
		pkt->ts_ns = ts_ns(h);
		pkt->caplen = h->caplen;
		pkt->len = h->len;
		pkt->data = data;
		pkt->linktype = s->base.linktype;
		pkt->iface = s->ifid ? fw_ifid_next(s->ifid) : 0;
		return 1;
	}
	s->done = true;
	z = fw_gz_error(s->gz);
	s->base.note = fw_gz_note(s->gz);
	if (rc == PCAP_ERROR_BREAK && !z)
		return 0;
	if (rc == PCAP_ERROR_BREAK)
		say(err, errlen, "%s: frame %llu: gzip: %s", s->name,
		    (unsigned long long)s->base.frame_no + 1, z);
	else if (z)
		say(err, errlen, "%s: frame %llu: %s (gzip: %s)", s->name,
		    (unsigned long long)s->base.frame_no + 1, pcap_geterr(s->p), z);
	else
		say(err, errlen, "%s: frame %llu: %s", s->name,
		    (unsigned long long)s->base.frame_no + 1, pcap_geterr(s->p));
	if (strncmp(pcap_geterr(s->p), "truncated", 9) == 0 ||
	    (z && strstr(z, "unexpected end of file")))
		return FW_ETRUNC;
	return FW_EIO;
}

static uint32_t file_snaplen(const struct fw_source *base)
{
	const struct file_source *s = (const struct file_source *)base;
	int n = s->p ? pcap_snapshot(s->p) : 0;

	return n > 0 ? (uint32_t)n : 0;
}

static void file_close(struct fw_source *base)
{
	struct file_source *s = (struct file_source *)base;

	if (s->p)
		pcap_close(s->p);	/* closes the FILE, and with it the fd or zlib state */
	raw_free(s->raw);
	fw_ifid_free(s->ifid);
	free(s->iobuf);
	free(s->path);
	free(s);
}

static const struct fw_source_ops file_ops = {
	.next = file_next,
	.snaplen = file_snaplen,
	.close = file_close,
};
