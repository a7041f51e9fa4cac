/*
 * ifid.c - the interface ID of each pcapng packet (ifid.h).
 *
 * pcapng (draft-ietf-opsawg-pcapng): every block starts with its type and
 * total length (4 bytes each, in the section's byte order, the length a
 * multiple of 4 and at least 12).  The Section Header Block (type
 * 0x0A0D0D0A, the same in both orders) carries the byte-order magic
 * 0x1A2B3C4D next.  The Enhanced Packet Block (6) carries a 32-bit
 * interface ID next, the obsolete Packet Block (2) a 16-bit one; the
 * Simple Packet Block (3) is always interface 0.  Only these first 12
 * bytes of a block are read, through a window of the file.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "capture/ifid.h"
#include "util/cursor.h"

#define WINDOW (64u << 10)
#define SHB 0x0A0D0D0Au
#define BOM 0x1A2B3C4Du

struct fw_ifid {
	int fd;
	bool big;		/* the section's byte order */
	bool done;
	uint64_t off;		/* the next block */
	uint64_t win_off;	/* buf holds the file's bytes [win_off, win_off + win_len) */
	size_t win_len;
	uint8_t buf[WINDOW];
};

/* The 12 bytes at w->off, through the window. */
static bool head(struct fw_ifid *w, const uint8_t **p)
{
	ssize_t n;

	if (w->off < w->win_off || w->off + 12 > w->win_off + w->win_len) {
		do
			n = pread(w->fd, w->buf, WINDOW, (off_t)w->off);
		while (n < 0 && errno == EINTR);
		if (n < 12)
			return false;
		w->win_off = w->off;
		w->win_len = (size_t)n;
	}
	*p = w->buf + (w->off - w->win_off);
	return true;
}

static bool u32(struct fw_cursor *c, bool big, uint32_t *v)
{
	return big ? fw_cur_u32be(c, v) : fw_cur_u32le(c, v);
}

struct fw_ifid *fw_ifid_new(int fd)
{
	struct fw_ifid *w = calloc(1, sizeof(*w));
	const uint8_t *p;
	struct fw_cursor c;
	uint32_t type;

	if (!w)
		return NULL;
	w->fd = fd;
	if (!head(w, &p)) {
		free(w);
		return NULL;
	}
	fw_cur_init(&c, p, 12);
	if (!fw_cur_u32be(&c, &type) || type != SHB) {
		free(w);
		return NULL;
	}
	return w;
}

uint32_t fw_ifid_next(struct fw_ifid *w)
{
	while (w && !w->done) {
		const uint8_t *p;
		struct fw_cursor c;
		uint32_t type, len, v32 = 0, bom;
		uint16_t v16 = 0;
		bool ok = head(w, &p);

		if (ok) {
			fw_cur_init(&c, p, 12);
			ok = fw_cur_u32be(&c, &type);
		}
		if (ok && type == SHB) {
			struct fw_cursor b;

			fw_cur_init(&b, p + 8, 4);
			ok = fw_cur_u32be(&b, &bom) && (bom == BOM || bom == 0x4D3C2B1Au);
			w->big = bom == BOM;
		} else if (ok && !w->big) {
			type = __builtin_bswap32(type);
		}
		ok = ok && u32(&c, w->big, &len) && len >= 12 && len % 4 == 0;
		if (!ok) {
			w->done = true;
			break;
		}
		w->off += len;
		switch (type) {
		case 6:
			return u32(&c, w->big, &v32) ? v32 : 0;
		case 2:
			return (w->big ? fw_cur_u16be(&c, &v16) : fw_cur_u16le(&c, &v16)) ? v16 : 0;
		case 3:
			return 0;
		default:
			break;
		}
	}
	return 0;
}

void fw_ifid_free(struct fw_ifid *w)
{
	free(w);
}
