/*
 * gz.c - zlib's inflate behind a stdio FILE via fopencookie (gz.h).
 *
 * libpcap reads savefiles through fread() only, so a cookie stream is all
 * it needs.  A read error must surface as a short fread with ferror() set:
 * libpcap then reports "error reading dump file", and the source adds
 * zlib's own text, kept here, to say what was wrong with the data.
 *
 * inflate() itself, not gzread(): gzread discards the output of the call
 * in which the trailer's check fails, which for a small capture is all of
 * it; here every byte inflated is handed out first.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1	/* fopencookie(3) */
#endif
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "capture/gz.h"

/* the compressed input read at once */
#define GZ_BUFFER (256u * 1024u)

struct fw_gz {
	int fd;
	z_stream zs;
	unsigned char *in;	/* GZ_BUFFER bytes: input not yet inflated (zs.next_in) */
	bool started;		/* the first bytes were looked at */
	bool gzip;		/* they were the gzip magic: inflate; else pass through */
	bool in_eof;		/* read() said end of file */
	bool done;		/* no more data: the end, or an error already said */
	bool fail_next;		/* an error after data: said at the next read */
	char err[160];
	char note[200];
};

/* More input into g->in (after what is left); false at end of file or on error. */
static bool fill(struct fw_gz *g)
{
	ssize_t n;

	if (g->in_eof)
		return false;
	if (g->zs.avail_in && g->zs.next_in != g->in)
		memmove(g->in, g->zs.next_in, g->zs.avail_in);
	g->zs.next_in = g->in;
	do
		n = read(g->fd, g->in + g->zs.avail_in, GZ_BUFFER - g->zs.avail_in);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		snprintf(g->err, sizeof(g->err), "%s", strerror(errno));
		return false;
	}
	if (n == 0) {
		g->in_eof = true;
		return false;
	}
	g->zs.avail_in += (uInt)n;
	return true;
}

/* The first bytes decide: gzip (RFC 1952 2.3.1: ID1 31, ID2 139) or anything else, as it is. */
static int start(struct fw_gz *g)
{
	g->started = true;
	while (g->zs.avail_in < 2 && fill(g))
		;
	if (g->err[0])
		return -1;
	g->gzip = g->zs.avail_in >= 2 && g->in[0] == 0x1f && g->in[1] == 0x8b;
	if (g->gzip && inflateInit2(&g->zs, 16 + MAX_WBITS) != Z_OK) {
		snprintf(g->err, sizeof(g->err), "out of memory");
		return -1;
	}
	return 0;
}

/* Not gzip: the buffered bytes, then the descriptor's. */
static ssize_t pass_through(struct fw_gz *g, char *buf, size_t size)
{
	ssize_t n;

	if (g->zs.avail_in) {
		n = (ssize_t)(size < g->zs.avail_in ? size : g->zs.avail_in);
		memcpy(buf, g->zs.next_in, (size_t)n);
		g->zs.next_in += n;
		g->zs.avail_in -= (uInt)n;
		return n;
	}
	do
		n = read(g->fd, buf, size);
	while (n < 0 && errno == EINTR);
	return n;
}

/*
 * After the end of one member: another member follows (RFC 1952 2.2: a
 * file may hold several, one after the other), or the data ends.
 */
static bool next_member(struct fw_gz *g)
{
	while (g->zs.avail_in < 2 && fill(g))
		;
	if (g->zs.avail_in < 2 || g->zs.next_in[0] != 0x1f || g->zs.next_in[1] != 0x8b)
		return false;	/* the end (bytes after the last member are ignored, as gzip does) */
	return inflateReset(&g->zs) == Z_OK;
}

/*
 * Inflate into buf.  The CRC-32 and length of the trailer are checked after
 * every byte of the member has been handed out: when they do not match the
 * data read stays read, and the mismatch becomes a note (fw_gz_note), not
 * an error that would take the frames before it along.
 */
static ssize_t gz_read(void *cookie, char *buf, size_t size)
{
	struct fw_gz *g = cookie;
	size_t got;
	int ret;

	if (size > UINT_MAX)
		size = UINT_MAX;
	if (g->fail_next) {
		g->fail_next = false;
		errno = EIO;
		return -1;
	}
	if (g->done)
		return 0;
	if (!g->started && start(g) != 0) {
		g->done = true;
		errno = EIO;
		return -1;
	}
	if (!g->gzip)
		return pass_through(g, buf, size);
	g->zs.next_out = (unsigned char *)buf;
	g->zs.avail_out = (uInt)size;
	while (g->zs.avail_out == size) {
		if (g->zs.avail_in == 0 && !fill(g) && g->err[0])
			break;
		ret = inflate(&g->zs, Z_NO_FLUSH);
		if (ret == Z_STREAM_END) {
			if (!next_member(g)) {
				g->done = true;
				break;
			}
			continue;
		}
		if (ret == Z_DATA_ERROR && g->zs.msg &&
		    (strcmp(g->zs.msg, "incorrect data check") == 0 ||
		     strcmp(g->zs.msg, "incorrect length check") == 0)) {
			snprintf(g->note, sizeof(g->note), "gzip trailer: %s (the %s of the "
				 "data does not match the file's: every frame was read, but one "
				 "may be damaged)", g->zs.msg,
				 g->zs.msg[10] == 'd' ? "CRC-32" : "length");
			g->done = true;
			break;
		}
		if (ret == Z_BUF_ERROR && g->zs.avail_in == 0 && g->in_eof) {
			/* a gzip stream cut short */
			snprintf(g->err, sizeof(g->err), "unexpected end of file");
			g->done = true;
			break;
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			snprintf(g->err, sizeof(g->err), "%s",
				 g->zs.msg ? g->zs.msg : "invalid compressed data");
			g->done = true;
			g->fail_next = true;
			break;
		}
	}
	got = size - g->zs.avail_out;
	if (got)
		return (ssize_t)got;
	if (g->fail_next || (g->err[0] && !g->done)) {
		g->fail_next = false;
		g->done = true;
		errno = EIO;
		return -1;
	}
	return 0;
}

static int gz_close(void *cookie)
{
	struct fw_gz *g = cookie;

	if (g->gzip)
		inflateEnd(&g->zs);
	close(g->fd);
	free(g->in);
	free(g);
	return 0;
}

FILE *fw_gz_fdopen(int fd, struct fw_gz **out)
{
	static const cookie_io_functions_t io = { .read = gz_read, .close = gz_close };
	struct fw_gz *g = calloc(1, sizeof(*g));
	FILE *f;

	if (g)
		g->in = malloc(GZ_BUFFER);
	if (!g || !g->in) {
		if (g)
			free(g);
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	g->fd = fd;
	g->zs.next_in = g->in;
	f = fopencookie(g, "rb", io);
	if (!f) {
		free(g->in);
		free(g);
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	*out = g;
	return f;
}

const char *fw_gz_note(const struct fw_gz *g)
{
	return g && g->note[0] ? g->note : NULL;
}

const char *fw_gz_error(const struct fw_gz *g)
{
	return g && g->err[0] ? g->err : NULL;
}
