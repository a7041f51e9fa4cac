/*
 * stream.c - a pcap or pcapng stream read from a pipe as it arrives
 * (source.h: fw_source_open_stream).
 *
 * libpcap reads savefiles through blocking fread()s only, so a pipe read
 * through it yields nothing until its buffers fill or the writer closes
 * (`tcpdump -U -w - | fourway live -` would show nothing).  Here the bytes
 * are read only when poll() says they are waiting, kept in one growable
 * buffer, and every record or block is decoded in place once all of it
 * has arrived, by the decoders the file reader uses (pcaprec.h for classic
 * pcap, ngrec.h for pcapng): the same records, the same words for a bad
 * one, as reading the same bytes from a file.  This file only buffers.
 * fw_source_next() returns 0 when the next record is not complete yet:
 * the caller polls the descriptor again; fw_source_ended() tells that 0
 * from the end.
 *
 * The format comes from the first four bytes: the pcapng Section Header
 * Block's type 0x0A0D0D0A, else a classic pcap header.  A stream that
 * starts with the gzip magic 1f 8b (RFC 1952) is inflated as it comes.
 *
 * Bounds: a record carries at most 262144 bytes (libpcap's maximum), a
 * pcapng block at most 16 MiB (libpcap's too); the buffer holds one
 * record or block plus one read, so memory does not grow with the stream.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "capture/internal.h"
#include "capture/ngrec.h"
#include "capture/pcaprec.h"
#include "capture/source.h"
#include "util/cursor.h"
#include "util/err.h"

#define READ_CHUNK (64u << 10)
#define MAX_BLOCK (16u << 20)	/* ngrec.c's largest block */
#define SHB 0x0A0D0D0Au
#define WHY_MAX 256

enum fmt { FMT_UNKNOWN, FMT_PCAP, FMT_PCAPNG };

struct stream_source {
	struct fw_source base;	/* first: the face of every source (internal.h) */
	char *path;
	const char *name;	/* for messages: the path, or "stdin" */
	int fd;

	uint8_t *buf;		/* the stream's (inflated) bytes not yet parsed: [start, end) */
	size_t cap, start, end;
	bool eof;		/* the writer closed the pipe */
	bool gzip;
	bool z_init, z_done;
	z_stream z;

	enum fmt fmt;
	struct fw_pcaprec pcap;	/* FMT_PCAP: the header's byte order, precision, snapshot length */
	struct fw_ngrec *ng;	/* FMT_PCAPNG: the sections and their interfaces */
	bool failed;
};

/* Room for n more bytes at the end of buf; false when the cap is reached or out of memory. */
static bool room(struct stream_source *s, size_t n)
{
	size_t want, ncap;
	uint8_t *nb;

	if (s->start && (s->start >= s->cap / 2 || s->cap - s->end < n)) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->end -= s->start;
		s->start = 0;
	}
	if (s->cap - s->end >= n)
		return true;
	want = s->end + n;
	if (want > MAX_BLOCK + 2 * READ_CHUNK)
		return false;
	for (ncap = s->cap ? s->cap : 4 * READ_CHUNK; ncap < want; ncap *= 2)
		;
	nb = realloc(s->buf, ncap);
	if (!nb)
		return false;
	s->buf = nb;
	s->cap = ncap;
	return true;
}

/* Inflate n bytes of a gzip stream into buf; 0 or a negative code. */
static int inflate_in(struct stream_source *s, const uint8_t *p, size_t n, char *err, size_t errlen)
{
	s->z.next_in = (Bytef *)(uintptr_t)p;
	s->z.avail_in = (uInt)n;
	while (s->z.avail_in > 0) {
		int zr;

		if (s->z_done) {
			/* gzip members may follow one another (RFC 1952 2.2) */
			if (inflateReset(&s->z) != Z_OK)
				return FW_EIO;
			s->z_done = false;
		}
		if (!room(s, READ_CHUNK)) {
			fw_err_say(err, errlen, "%s: out of memory", s->name);
			return FW_ENOMEM;
		}
		s->z.next_out = s->buf + s->end;
		s->z.avail_out = (uInt)(s->cap - s->end < 4 * READ_CHUNK ? s->cap - s->end : 4 * READ_CHUNK);
		zr = inflate(&s->z, Z_NO_FLUSH);
		s->end = (size_t)(s->z.next_out - s->buf);
		if (zr == Z_STREAM_END) {
			s->z_done = true;
			continue;
		}
		if (zr != Z_OK && zr != Z_BUF_ERROR) {
			fw_err_say(err, errlen, "%s: gzip: %s", s->name, s->z.msg ? s->z.msg : "invalid data");
			return FW_EIO;
		}
		if (zr == Z_BUF_ERROR && s->z.avail_out)
			break;	/* needs more input */
	}
	return 0;
}

/*
 * Read what the pipe holds (waiting for it when block): 1 when bytes came,
 * 0 when none are waiting (or at the end: s->eof), or a negative code.
 */
static int pull(struct stream_source *s, bool block, char *err, size_t errlen)
{
	uint8_t chunk[READ_CHUNK];
	ssize_t n;
	int rc;

	if (s->eof)
		return 0;
	if (!block) {
		struct pollfd p = { .fd = s->fd, .events = POLLIN };

		if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR)))
			return 0;
	}
	do
		n = read(s->fd, chunk, sizeof(chunk));
	while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	if (n < 0) {
		fw_err_say(err, errlen, "%s: %s", s->name, strerror(errno));
		return FW_EIO;
	}
	if (n == 0) {
		s->eof = true;
		if (s->gzip && !s->z_done && s->z_init) {
			fw_err_say(err, errlen, "%s: gzip: unexpected end of file", s->name);
			return FW_ETRUNC;
		}
		return 0;
	}
	if (!s->gzip && s->end == 0 && s->start == 0 && s->base.frame_no == 0 &&
	    s->fmt == FMT_UNKNOWN && n >= 2 && chunk[0] == 0x1f && chunk[1] == 0x8b) {
		s->gzip = true;
		/* 15 + 16: a gzip wrapper around deflate, RFC 1952 */
		if (inflateInit2(&s->z, 15 + 16) != Z_OK) {
			fw_err_say(err, errlen, "%s: out of memory", s->name);
			return FW_ENOMEM;
		}
		s->z_init = true;
	}
	if (s->gzip) {
		rc = inflate_in(s, chunk, (size_t)n, err, errlen);
		return rc < 0 ? rc : 1;
	}
	if (!room(s, (size_t)n)) {
		fw_err_say(err, errlen, "%s: out of memory", s->name);
		return FW_ENOMEM;
	}
	memcpy(s->buf + s->end, chunk, (size_t)n);
	s->end += (size_t)n;
	return 1;
}

/*
 * Decode what the buffer holds: 1 a packet, 0 when the next record has not
 * fully arrived (or, at the end of the stream, there is none), <0 bad
 * (why says it); with header_only, 2 as soon as the link type is known.
 */
static int parse(struct stream_source *s, struct fw_pkt *pkt, bool header_only, char *why,
		 size_t whylen)
{
	for (;;) {
		const uint8_t *p;
		struct fw_cursor c;
		uint32_t magic;
		size_t n, used;
		int rc;

		if (header_only && s->base.linktype >= 0)
			return 2;
		/* nothing read yet: buf may still be NULL, and NULL + 0 is undefined */
		if (!s->buf)
			return 0;
		p = s->buf + s->start;
		n = s->end - s->start;
		if (s->fmt == FMT_UNKNOWN) {
			fw_cur_init(&c, p, n);
			if (!fw_cur_u32be(&c, &magic))
				return 0;
			if (magic == SHB) {
				rc = fw_ngrec_open(&s->ng, FW_PCAPREC_MAX_CAPLEN);
				if (rc < 0)
					return rc;
				s->fmt = FMT_PCAPNG;
				continue;
			}
			rc = fw_pcaprec_header(&s->pcap, p, n, why, whylen);
			if (rc == FW_EUNSUPP && !why[0])
				snprintf(why, whylen, "unknown file format");
			if (rc <= 0)
				return rc;
			s->fmt = FMT_PCAP;
			s->base.linktype = s->pcap.linktype;
			s->start += FW_PCAPREC_HDR_LEN;
			continue;
		}
		if (s->fmt == FMT_PCAP)
			rc = fw_pcaprec_decode(&s->pcap, p, n, s->eof, pkt, &used, why, whylen);
		else
			rc = fw_ngrec_decode(s->ng, p, n, s->eof, pkt, &used, why, whylen);
		if (rc <= 0)
			return rc;
		s->start += used;
		if (rc == 1) {
			pkt->frame_no = ++s->base.frame_no;
			return 1;
		}
		s->base.linktype = fw_ngrec_linktype(s->ng);
	}
}

static int stream_next(struct fw_source *base, struct fw_pkt *pkt, char *err, size_t errlen)
{
	struct stream_source *s = (struct stream_source *)base;

	if (err && errlen)
		err[0] = '\0';
	if (s->failed || s->base.ended)
		return 0;
	for (;;) {
		char why[WHY_MAX] = "";
		int rc = parse(s, pkt, false, why, sizeof(why));

		if (rc == 1)
			return 1;
		if (rc == 0 && !s->eof) {
			rc = pull(s, false, err, errlen);
			/* bytes came, or the end: decode again (at the end, what is left must be whole) */
			if (rc == 1 || (rc == 0 && s->eof))
				continue;
		}
		if (rc < 0) {
			if (why[0])
				fw_err_say(err, errlen, "%s: frame %llu: %s", s->name,
				    (unsigned long long)s->base.frame_no + 1, why);
			else if (err && errlen && !err[0])
				fw_err_say(err, errlen, "%s: frame %llu: %s", s->name,
				    (unsigned long long)s->base.frame_no + 1, fw_strerror(rc));
			s->failed = s->base.ended = true;
			return rc;
		}
		if (s->eof)
			s->base.ended = true;
		return 0;	/* not now, or the end */
	}
}

static int stream_fd(const struct fw_source *base)
{
	return ((const struct stream_source *)base)->fd;
}

static uint32_t stream_snaplen(const struct fw_source *base)
{
	const struct stream_source *s = (const struct stream_source *)base;

	if (s->fmt == FMT_PCAP)
		return s->pcap.snaplen;
	return s->ng ? fw_ngrec_snapshot(s->ng) : 0;
}

static void stream_close(struct fw_source *base)
{
	struct stream_source *s = (struct stream_source *)base;

	if (s->fd >= 0)
		close(s->fd);
	if (s->z_init)
		inflateEnd(&s->z);
	fw_ngrec_free(s->ng);
	free(s->buf);
	free(s->path);
	free(s);
}

static const struct fw_source_ops stream_ops = {
	.next = stream_next,
	.fd = stream_fd,
	.snaplen = stream_snaplen,
	.close = stream_close,
};

bool fw_source_is_stream_path(const char *path)
{
	struct stat st;

	if (!path)
		return false;
	if (strcmp(path, "-") == 0)
		return fstat(STDIN_FILENO, &st) != 0 || !S_ISREG(st.st_mode);
	return stat(path, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
					 S_ISCHR(st.st_mode));
}

int fw_source_open_stream(struct fw_source **out, const char *path, char *err, size_t errlen)
{
	struct stream_source *s;
	int rc;

	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	s = calloc(1, sizeof(*s));
	if (s)
		s->path = strdup(path);
	if (!s || !s->path) {
		free(s);
		fw_err_say(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	s->base.ops = &stream_ops;
	s->base.path = s->path;
	s->base.linktype = -1;
	s->base.stream = true;
	s->name = strcmp(path, "-") == 0 ? "stdin" : s->path;
	s->fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0) {
		fw_err_say(err, errlen, "%s: %s", s->name, strerror(errno));
		stream_close(&s->base);
		return FW_EIO;
	}
	/* wait for the header (pcapng: the first interface), which gives the link type */
	while (s->base.linktype < 0) {
		char why[WHY_MAX] = "";
		struct fw_pkt pkt;

		rc = parse(s, &pkt, true, why, sizeof(why));
		if (rc == 0 && !s->eof)
			rc = pull(s, true, err, errlen);
		if (rc == 0 && s->eof) {
			fw_err_say(err, errlen, "%s: %s", s->name, s->end == s->start && s->fmt == FMT_UNKNOWN
			    ? "empty input" : "input ends before its header");
			rc = FW_ETRUNC;
		}
		if (rc < 0) {
			if (why[0])
				fw_err_say(err, errlen, "%s: %s", s->name, why);
			else if (err && errlen && !err[0])
				fw_err_say(err, errlen, "%s: %s", s->name, fw_strerror(rc));
			stream_close(&s->base);
			return rc == FW_ENOMEM ? rc : rc == FW_EUNSUPP ? FW_EUNSUPP : FW_EIO;
		}
	}
	*out = &s->base;
	return 0;
}
