/*
 * stream.c - a pcap or pcapng stream read from a pipe as it arrives
 * (source.h: fw_source_open_stream).
 *
 * libpcap reads savefiles through blocking fread()s only, so a pipe read
 * through it yields nothing until its buffers fill or the writer closes
 * (`tcpdump -U -w - | fourway live -` would show nothing).  Here the bytes
 * are read only when poll() says they are waiting, kept in one growable
 * buffer, and every record or block is parsed in place, through the
 * bounded cursor, once all of it has arrived.  fw_source_next() returns 0
 * when the next record is not complete yet: the caller polls the
 * descriptor again; fw_source_ended() tells that 0 from the end.
 *
 * Formats: classic pcap (magic a1b2c3d4 us or a1b23c4d ns, either byte
 * order; records of 16-byte headers) and pcapng (draft-ietf-opsawg-pcapng:
 * Section Header 0x0A0D0D0A, Interface Description 1 with if_tsresol (9)
 * and if_tsoffset (14), Enhanced Packet 6, Simple Packet 3, the obsolete
 * Packet Block 2; other blocks are skipped).  A stream that starts with
 * the gzip magic 1f 8b (RFC 1952) is inflated as it comes.
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
#include "capture/source.h"
#include "util/cursor.h"
#include "util/err.h"

#define READ_CHUNK (64u << 10)
#define MAX_CAPLEN 262144u
#define MAX_BLOCK (16u << 20)
#define MAX_IFACES 256
#define PCAP_HDR_LEN 24
#define REC_HDR_LEN 16
#define SHB 0x0A0D0D0Au
#define BOM 0x1A2B3C4Du

enum fmt { FMT_UNKNOWN, FMT_PCAP, FMT_PCAPNG };

struct iface {
	int linktype;
	uint32_t snaplen;
	uint8_t tsresol;	/* as the option gives it: bit 7 set, 2^-n; else 10^-n */
	int64_t tsoffset;	/* seconds */
};

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
	bool big;		/* byte order of the file (pcap) or section (pcapng) */
	bool nano;		/* pcap: fractions are ns */
	uint32_t snaplen;	/* pcap */
	struct iface *ifs;	/* pcapng: the section's interfaces */
	size_t n_if;
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

static bool rd32(struct fw_cursor *c, bool big, uint32_t *v)
{
	return big ? fw_cur_u32be(c, v) : fw_cur_u32le(c, v);
}

static bool rd16(struct fw_cursor *c, bool big, uint16_t *v)
{
	return big ? fw_cur_u16be(c, v) : fw_cur_u16le(c, v);
}

/* The file header of a classic pcap stream: 1 parsed, 0 incomplete, <0 bad. */
static int pcap_header(struct stream_source *s, struct fw_cursor *c, char *err, size_t errlen)
{
	uint32_t magic, skip, snaplen, network;
	uint16_t major, minor;

	if (fw_cur_left(c) < PCAP_HDR_LEN)
		return 0;
	if (!fw_cur_u32be(c, &magic))
		return FW_ETRUNC;
	switch (magic) {
	case 0xa1b2c3d4: s->big = true; break;
	case 0xa1b23c4d: s->big = true; s->nano = true; break;
	case 0xd4c3b2a1: break;
	case 0x4d3cb2a1: s->nano = true; break;
	default: return FW_EUNSUPP;
	}
	if (!rd16(c, s->big, &major) || !rd16(c, s->big, &minor) || !rd32(c, s->big, &skip) ||
	    !rd32(c, s->big, &skip) || !rd32(c, s->big, &snaplen) || !rd32(c, s->big, &network))
		return FW_ETRUNC;
	if (major != 2) {
		fw_err_say(err, errlen, "%s: pcap version %u.%u is not supported", s->name, major, minor);
		return FW_EUNSUPP;
	}
	s->snaplen = snaplen == 0 || snaplen > MAX_CAPLEN ? MAX_CAPLEN : snaplen;
	/* the upper bits may carry the FCS length (pcap's LINKTYPE field) */
	s->base.linktype = (int)(network & 0x03FFFFFFu);
	s->fmt = FMT_PCAP;
	s->start += PCAP_HDR_LEN;
	return 1;
}

/* A pcap record: 1 with *pkt, 0 incomplete, <0 bad. */
static int pcap_record(struct stream_source *s, struct fw_cursor *c, struct fw_pkt *pkt,
		       char *err, size_t errlen)
{
	uint32_t sec, frac, caplen, len;
	const uint8_t *data;

	if (fw_cur_left(c) < REC_HDR_LEN)
		return 0;
	if (!rd32(c, s->big, &sec) || !rd32(c, s->big, &frac) || !rd32(c, s->big, &caplen) ||
	    !rd32(c, s->big, &len))
		return FW_ETRUNC;
	if (caplen > MAX_CAPLEN) {
		fw_err_say(err, errlen, "%s: frame %llu: invalid packet capture length %u, bigger than "
		    "the maximum of %u", s->name, (unsigned long long)s->base.frame_no + 1, caplen,
		    MAX_CAPLEN);
		return FW_EMALFORMED;
	}
	if (!fw_cur_ptr(c, &data, caplen))
		return 0;
	pkt->frame_no = ++s->base.frame_no;
	pkt->ts_ns = (int64_t)sec * 1000000000 + (int64_t)frac * (s->nano ? 1 : 1000);
	pkt->caplen = caplen > s->snaplen ? s->snaplen : caplen;
	pkt->len = len;
	pkt->data = data;
	pkt->linktype = s->base.linktype;
	pkt->iface = 0;
	s->start += REC_HDR_LEN + caplen;
	return 1;
}

/* Units since the epoch at the interface's resolution -> ns, saturated. */
static int64_t ng_ns(const struct iface *f, uint64_t units)
{
	unsigned __int128 ns;
	unsigned v = f->tsresol & 0x7f;
	int64_t out;

	if (f->tsresol & 0x80) {
		ns = v < 64 ? ((unsigned __int128)units * 1000000000u) >> v : 0;
	} else {
		ns = units;
		if (v <= 9)
			for (unsigned i = v; i < 9; i++)
				ns *= 10;
		else
			for (unsigned i = 9; i < v && ns; i++)
				ns /= 10;
	}
	if (ns > (unsigned __int128)INT64_MAX)
		return INT64_MAX;
	out = (int64_t)ns;
	if (__builtin_add_overflow(out, f->tsoffset * 1000000000, &out))
		return INT64_MAX;
	return out;
}

/* The options of an IDB: if_tsresol and if_tsoffset. */
static void idb_options(struct stream_source *s, struct fw_cursor *c, struct iface *f)
{
	uint16_t code, len;

	while (rd16(c, s->big, &code) && rd16(c, s->big, &len) && code != 0) {
		struct fw_cursor o;
		uint8_t b;
		uint64_t off;

		if (!fw_cur_sub(c, &o, len))
			return;
		if (code == 9 && len >= 1 && fw_cur_u8(&o, &b))
			f->tsresol = b;
		if (code == 14 && len >= 8 && (s->big ? fw_cur_u64be(&o, &off) : fw_cur_u64le(&o, &off)))
			f->tsoffset = (int64_t)off;
		if (!fw_cur_align(c, 4))
			return;
	}
}

static int ng_packet(struct stream_source *s, struct fw_pkt *pkt, uint32_t ifid, uint64_t units,
		     uint32_t caplen, uint32_t len, const uint8_t *data, char *err, size_t errlen)
{
	const struct iface *f;

	if (ifid >= s->n_if) {
		fw_err_say(err, errlen, "%s: frame %llu: interface %u was not described", s->name,
		    (unsigned long long)s->base.frame_no + 1, ifid);
		return FW_EMALFORMED;
	}
	f = &s->ifs[ifid];
	if (caplen > MAX_CAPLEN) {
		fw_err_say(err, errlen, "%s: frame %llu: invalid packet capture length %u, bigger than "
		    "the maximum of %u", s->name, (unsigned long long)s->base.frame_no + 1, caplen,
		    MAX_CAPLEN);
		return FW_EMALFORMED;
	}
	pkt->frame_no = ++s->base.frame_no;
	pkt->ts_ns = ng_ns(f, units);
	pkt->caplen = f->snaplen && caplen > f->snaplen ? f->snaplen : caplen;
	pkt->len = len;
	pkt->data = data;
	pkt->linktype = f->linktype;
	pkt->iface = ifid;
	return 1;
}

/* One pcapng block: 1 a packet in *pkt, 2 a block without one, 0 incomplete, <0 bad. */
static int ng_block(struct stream_source *s, struct fw_cursor *c, struct fw_pkt *pkt,
		    char *err, size_t errlen)
{
	uint32_t type, total, trail;
	struct fw_cursor b, peek;
	bool big = s->big;
	int rc = 2;

	if (fw_cur_left(c) < 12)
		return 0;
	if (!fw_cur_u32le(c, &type))
		return FW_ETRUNC;
	if (type == SHB) {
		uint32_t bom;

		/* the byte order comes from the byte-order magic after the length */
		peek = *c;
		if (!fw_cur_skip(&peek, 4) || !fw_cur_u32le(&peek, &bom))
			return FW_ETRUNC;
		if (bom == BOM)
			big = false;
		else if (bom == 0x4D3C2B1Au)
			big = true;
		else {
			fw_err_say(err, errlen, "%s: not a pcapng section (byte-order magic %08x)", s->name, bom);
			return FW_EMALFORMED;
		}
	} else if (big) {
		type = __builtin_bswap32(type);
	}
	if (!rd32(c, big, &total))
		return FW_ETRUNC;
	if (total < 12 || total % 4 || total > MAX_BLOCK) {
		fw_err_say(err, errlen, "%s: frame %llu: pcapng block of %u bytes", s->name,
		    (unsigned long long)s->base.frame_no + 1, total);
		return FW_EMALFORMED;
	}
	if (!fw_cur_sub(c, &b, total - 12))
		return 0;
	if (!rd32(c, big, &trail))
		return 0;
	if (trail != total) {
		fw_err_say(err, errlen, "%s: frame %llu: pcapng block lengths differ (%u, %u)", s->name,
		    (unsigned long long)s->base.frame_no + 1, total, trail);
		return FW_EMALFORMED;
	}
	if (type == SHB) {
		s->big = big;
		s->n_if = 0;	/* a new section describes its interfaces anew */
		s->fmt = FMT_PCAPNG;
	} else if (s->fmt != FMT_PCAPNG) {
		return FW_EMALFORMED;
	} else if (type == 1) {
		uint16_t lt, reserved;
		uint32_t snap;
		struct iface f = { .tsresol = 6 };
		struct iface *n;

		if (!rd16(&b, big, &lt) || !rd16(&b, big, &reserved) || !rd32(&b, big, &snap))
			return FW_EMALFORMED;
		if (s->n_if >= MAX_IFACES) {
			fw_err_say(err, errlen, "%s: more than %d interfaces", s->name, MAX_IFACES);
			return FW_EUNSUPP;
		}
		f.linktype = lt;
		f.snaplen = snap;
		idb_options(s, &b, &f);
		n = realloc(s->ifs, (s->n_if + 1) * sizeof(*n));
		if (!n)
			return FW_ENOMEM;
		s->ifs = n;
		s->ifs[s->n_if++] = f;
		if (s->base.linktype < 0)
			s->base.linktype = lt;
	} else if (type == 6 || type == 2) {
		uint32_t ifid, hi, lo, caplen, len;
		uint16_t if16, drops;
		const uint8_t *data;

		if (type == 6 ? !rd32(&b, big, &ifid) : !rd16(&b, big, &if16) || !rd16(&b, big, &drops))
			return FW_EMALFORMED;
		if (type == 2)
			ifid = if16;
		if (!rd32(&b, big, &hi) || !rd32(&b, big, &lo) || !rd32(&b, big, &caplen) ||
		    !rd32(&b, big, &len) || !fw_cur_ptr(&b, &data, caplen)) {
			fw_err_say(err, errlen, "%s: frame %llu: packet block shorter than its data", s->name,
			    (unsigned long long)s->base.frame_no + 1);
			return FW_EMALFORMED;
		}
		rc = ng_packet(s, pkt, ifid, (uint64_t)hi << 32 | lo, caplen, len, data, err, errlen);
	} else if (type == 3) {
		uint32_t len, caplen;
		const uint8_t *data;

		if (!rd32(&b, big, &len))
			return FW_EMALFORMED;
		caplen = (uint32_t)fw_cur_left(&b) < len ? (uint32_t)fw_cur_left(&b) : len;
		if (s->n_if && s->ifs[0].snaplen && caplen > s->ifs[0].snaplen)
			caplen = s->ifs[0].snaplen;
		if (!fw_cur_ptr(&b, &data, caplen))
			return FW_EMALFORMED;
		rc = ng_packet(s, pkt, 0, 0, caplen, len, data, err, errlen);
		if (rc == 1)
			pkt->ts_ns = 0;	/* a Simple Packet Block has no timestamp */
	}
	if (rc >= 0)
		s->start += total;
	return rc;
}

/*
 * Parse what the buffer holds: 1 a packet, 0 incomplete (nothing consumed of
 * it), <0 bad; with header_only, 2 as soon as the link type is known.
 */
static int parse(struct stream_source *s, struct fw_pkt *pkt, bool header_only, char *err,
		 size_t errlen)
{
	for (;;) {
		struct fw_cursor c;
		uint32_t magic;
		int rc;

		if (header_only && s->base.linktype >= 0)
			return 2;

		/* nothing read yet: buf may still be NULL, and NULL + 0 is undefined */
		if (!s->buf)
			return 0;
		fw_cur_init(&c, s->buf + s->start, s->end - s->start);
		if (s->fmt == FMT_PCAP)
			return pcap_record(s, &c, pkt, err, errlen);
		if (s->fmt == FMT_UNKNOWN) {
			if (!fw_cur_u32be(&c, &magic))
				return 0;
			fw_cur_init(&c, s->buf + s->start, s->end - s->start);
			if (magic != SHB) {
				rc = pcap_header(s, &c, err, errlen);
				if (rc == FW_EUNSUPP && !err[0])
					fw_err_say(err, errlen, "%s: unknown file format", s->name);
				if (rc <= 0)
					return rc;
				continue;
			}
		}
		rc = ng_block(s, &c, pkt, err, errlen);
		if (rc != 2)
			return rc;
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
		int rc = parse(s, pkt, false, err, errlen);

		if (rc == 1)
			return 1;
		if (rc == 0 && !s->eof) {
			rc = pull(s, false, err, errlen);
			if (rc == 1)
				continue;	/* bytes came: parse again */
		}
		if (rc == 0 && s->eof && s->end > s->start) {
			fw_err_say(err, errlen, "%s: frame %llu: truncated dump file; %zu bytes of a record",
			    s->name, (unsigned long long)s->base.frame_no + 1, s->end - s->start);
			rc = FW_ETRUNC;
		}
		if (rc < 0) {
			if (err && errlen && !err[0])
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
		return s->snaplen;
	return s->n_if ? s->ifs[0].snaplen : 0;
}

static void stream_close(struct fw_source *base)
{
	struct stream_source *s = (struct stream_source *)base;

	if (s->fd >= 0)
		close(s->fd);
	if (s->z_init)
		inflateEnd(&s->z);
	free(s->buf);
	free(s->ifs);
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
		struct fw_pkt pkt;

		rc = parse(s, &pkt, true, err, errlen);
		if (rc == 0 && !s->eof)
			rc = pull(s, true, err, errlen);
		if (rc == 0 && s->eof) {
			fw_err_say(err, errlen, "%s: %s", s->name, s->end == s->start && s->fmt == FMT_UNKNOWN
			    ? "empty input" : "input ends before its header");
			rc = FW_ETRUNC;
		}
		if (rc < 0) {
			if (err && errlen && !err[0])
				fw_err_say(err, errlen, "%s: %s", s->name, fw_strerror(rc));
			stream_close(&s->base);
			return rc == FW_ENOMEM ? rc : rc == FW_EUNSUPP ? FW_EUNSUPP : FW_EIO;
		}
	}
	*out = &s->base;
	return 0;
}
