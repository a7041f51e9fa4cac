/*
 * pcapng.c - the pcapng writer (pcapng.h).  Each block is assembled in a
 * buffer and written with one fwrite, so a short write is one check.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/pcapng.h"
#include "util/err.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_EPB 0x00000006u
#define OPT_IF_NAME 2
#define OPT_IF_TSRESOL 9

struct fw_pcapng_writer {
	FILE *f;
	bool is_stdout;
	bool failed;
	uint32_t snaplen;
	uint8_t *buf;		/* one EPB: 28 + snaplen + 3 + 4 bytes */
};

static void le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* An option: code, length, value padded to 32 bits. */
static size_t put_opt(uint8_t *p, uint16_t code, const void *val, uint16_t len)
{
	le16(p, code);
	le16(p + 2, len);
	memset(p + 4, 0, pad4(len));
	memcpy(p + 4, val, len);
	return 4 + pad4(len);
}

static int put_block(struct fw_pcapng_writer *w, uint8_t *b, uint32_t type, size_t len)
{
	le32(b, type);
	le32(b + 4, (uint32_t)len);
	le32(b + len - 4, (uint32_t)len);
	if (fwrite(b, 1, len, w->f) != len) {
		w->failed = true;
		return FW_EIO;
	}
	return 0;
}

static int write_headers(struct fw_pcapng_writer *w, int linktype, const char *ifname)
{
	uint8_t b[256];
	size_t n;
	uint8_t res = 9;	/* 10^-9 s */
	size_t name_len = ifname ? strnlen(ifname, 64) : 0;

	memset(b, 0, sizeof(b));
	le32(b + 8, 0x1A2B3C4Du);	/* byte-order magic */
	le16(b + 12, 1);	/* version 1.0 */
	le16(b + 14, 0);
	memset(b + 16, 0xff, 8);	/* section length unknown */
	if (put_block(w, b, BT_SHB, 28) != 0)
		return FW_EIO;
	memset(b, 0, sizeof(b));
	le16(b + 8, (uint16_t)linktype);
	le32(b + 12, w->snaplen);
	n = 16;
	if (name_len)
		n += put_opt(b + n, OPT_IF_NAME, ifname, (uint16_t)name_len);
	n += put_opt(b + n, OPT_IF_TSRESOL, &res, 1);
	n += 4;			/* opt_endofopt: code 0, length 0 */
	return put_block(w, b, BT_IDB, n + 4);
}

int fw_pcapng_writer_open(struct fw_pcapng_writer **out, const char *path, int linktype,
			  uint32_t snaplen, const char *ifname, char *err, size_t errlen)
{
	struct fw_pcapng_writer *w;

	*out = NULL;
	if (!path || snaplen == 0 || snaplen > (1u << 24) || linktype < 0 || linktype > 0xffff) {
		snprintf(err, errlen, "%s: bad snapshot length or link type", path ? path : "(null)");
		return FW_EINVAL;
	}
	w = calloc(1, sizeof(*w));
	if (w)
		w->buf = malloc(28 + pad4(snaplen) + 4);
	if (!w || !w->buf) {
		if (w)
			free(w);
		snprintf(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	w->snaplen = snaplen;
	w->is_stdout = strcmp(path, "-") == 0;
	w->f = w->is_stdout ? stdout : fopen(path, "wb");
	if (!w->f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(w->buf);
		free(w);
		return FW_EIO;
	}
	if (write_headers(w, linktype, ifname) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		fw_pcapng_writer_close(w);
		return FW_EIO;
	}
	*out = w;
	return 0;
}

int fw_pcapng_writer_write(struct fw_pcapng_writer *w, int64_t ts_ns, const uint8_t *data,
			   uint32_t caplen, uint32_t len)
{
	uint8_t *b;
	uint64_t ts;

	if (!w || (!data && caplen) || caplen > len || caplen > w->snaplen)
		return FW_EINVAL;
	if (ts_ns < 0)
		return FW_ERANGE;
	b = w->buf;
	ts = (uint64_t)ts_ns;
	le32(b + 8, 0);		/* interface 0 */
	le32(b + 12, (uint32_t)(ts >> 32));
	le32(b + 16, (uint32_t)ts);
	le32(b + 20, caplen);
	le32(b + 24, len);
	memcpy(b + 28, data, caplen);
	memset(b + 28 + caplen, 0, pad4(caplen) - caplen);
	return put_block(w, b, BT_EPB, 28 + pad4(caplen) + 4);
}

int fw_pcapng_writer_close(struct fw_pcapng_writer *w)
{
	bool bad;

	if (!w)
		return 0;
	bad = w->failed || fflush(w->f) != 0 || ferror(w->f);
	if (!w->is_stdout && fclose(w->f) != 0)
		bad = true;
	free(w->buf);
	free(w);
	return bad ? FW_EIO : 0;
}
