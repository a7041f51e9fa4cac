/*
 * gz.c - zlib's gzread behind a stdio FILE via fopencookie (gz.h).
 *
 * libpcap reads savefiles through fread() only, so a cookie stream is all
 * it needs.  A read error must surface as a short fread with ferror() set:
 * libpcap then reports "error reading dump file", and the source adds
 * zlib's own text, kept here, to say what was wrong with the data.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1	/* fopencookie(3) */
#endif
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "capture/gz.h"

/* zlib's input buffer: large enough that gzread seldom calls read() */
#define GZ_BUFFER (256u * 1024u)

struct fw_gz {
	gzFile gz;
	char err[160];
};

static ssize_t gz_read(void *cookie, char *buf, size_t size)
{
	struct fw_gz *g = cookie;
	int n, code = Z_OK;
	const char *msg;

	if (size > INT_MAX)
		size = INT_MAX;
	n = gzread(g->gz, buf, (unsigned)size);
	if (n > 0)
		return n;
	msg = gzerror(g->gz, &code);
	/* zlib prefixes its message with the path it was given: "<fd:3>: " */
	if (msg && strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ": "))
		msg = strstr(msg, ": ") + 2;
	if (n < 0) {
		int saved = errno;

		snprintf(g->err, sizeof(g->err), "%s", msg && *msg ? msg : "read error");
		errno = code == Z_ERRNO && saved ? saved : EIO;
		return -1;
	}
	/* a gzip stream cut short: zlib reports it once, at the end */
	if (code == Z_BUF_ERROR && !g->err[0])
		snprintf(g->err, sizeof(g->err), "%s", msg && *msg ? msg : "unexpected end of file");
	return 0;
}

static int gz_close(void *cookie)
{
	struct fw_gz *g = cookie;
	int rc = gzclose_r(g->gz);

	free(g);
	return rc == Z_OK || rc == Z_BUF_ERROR ? 0 : EOF;
}

FILE *fw_gz_fdopen(int fd, struct fw_gz **out)
{
	static const cookie_io_functions_t io = { .read = gz_read, .close = gz_close };
	struct fw_gz *g = calloc(1, sizeof(*g));
	FILE *f;

	if (!g) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	g->gz = gzdopen(fd, "rb");
	if (!g->gz) {
		close(fd);
		free(g);
		errno = ENOMEM;
		return NULL;
	}
	gzbuffer(g->gz, GZ_BUFFER);
	f = fopencookie(g, "rb", io);
	if (!f) {
		gzclose_r(g->gz);
		free(g);
		errno = ENOMEM;
		return NULL;
	}
	*out = g;
	return f;
}

const char *fw_gz_error(const struct fw_gz *g)
{
	return g && g->err[0] ? g->err : NULL;
}
