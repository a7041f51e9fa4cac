/*
 * lines.c - the bounded line reader key files and keylogs are read through
 * (internal.h, struct fw_keys_lines): one fixed buffer, lines longer than
 * the caller's buffer reported and skipped, never grown.
 */
#include <stdio.h>
#include <string.h>

#include "keys/internal.h"
#include "util/err.h"

void fw_keys_lines_init(struct fw_keys_lines *lr, FILE *f)
{
	lr->f = f;
	lr->lineno = 0;
	lr->pos = lr->end = 0;
	lr->eof = false;
}

static int fill(struct fw_keys_lines *lr)
{
	size_t got;

	if (lr->eof)
		return 0;
	got = fread(lr->buf, 1, sizeof(lr->buf), lr->f);
	lr->pos = 0;
	lr->end = got;
	if (got == 0) {
		lr->eof = true;
		return ferror(lr->f) ? FW_EIO : 0;
	}
	return 1;
}

int fw_keys_lines_next(struct fw_keys_lines *lr, char *line, size_t cap, size_t *len,
		       bool *too_long)
{
	size_t n = 0;
	bool any = false;
	int rc;

	*too_long = false;
	for (;;) {
		const uint8_t *nl;
		size_t chunk;

		if (lr->pos == lr->end) {
			rc = fill(lr);
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
		}
		any = true;
		nl = memchr(lr->buf + lr->pos, '\n', lr->end - lr->pos);
		chunk = (nl ? (size_t)(nl - lr->buf) : lr->end) - lr->pos;
		if (n + chunk < cap) {
			memcpy(line + n, lr->buf + lr->pos, chunk);
			n += chunk;
		} else {
			if (n < cap - 1)
				memcpy(line + n, lr->buf + lr->pos, cap - 1 - n);
			n = cap - 1;
			*too_long = true;
		}
		lr->pos += chunk;
		if (nl) {
			lr->pos++;
			break;
		}
	}
	if (!any)
		return 0;
	if (!*too_long && n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	*len = n;
	lr->lineno++;
	return 1;
}
