/*
 * ngrec.c - pcapng packets in place (ngrec.h).
 *
 * Layouts from draft-ietf-opsawg-pcapng (section 4), every field in the
 * byte order its section's header gives:
 *   any block: type (4) | total length (4) | body | total length (4),
 *       the length a multiple of 4 and at least 12;
 *   SHB (0x0A0D0D0A, 4.1): byte-order magic 0x1A2B3C4D (4), major and
 *       minor version (2 + 2), section length (8), options;
 *   IDB (1, 4.2): link type (2), reserved (2), snapshot length (4),
 *       options: if_tsresol (9, one byte: bit 7 set, a power of 2, else
 *       of 10; 10^-6 when absent), if_tsoffset (14, signed 64-bit
 *       seconds added to every timestamp);
 *   EPB (6, 4.3): interface ID (4), timestamp high and low (4 + 4),
 *       captured length (4), original length (4), data;
 *   SPB (3, 4.4): original length (4), data: interface 0, no timestamp,
 *       the captured length the smaller of it and the snapshot length;
 *   PB (2, obsolete): interface ID (2), drops (2), then as the EPB;
 *   an option: code (2) | length (2) | value padded to 4; code 0 ends.
 * Timestamps become ns as libpcap makes them at nanosecond precision:
 * seconds = units / resolution + offset, the remainder scaled to ns, both
 * in unsigned 64-bit arithmetic and the remainder then taken as an int.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/internal.h"
#include "capture/ngrec.h"
#include "capture/pcaprec.h"
#include "capture/view.h"
#include "util/cursor.h"
#include "util/err.h"

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 1u
#define BT_PB 2u
#define BT_SPB 3u
#define BT_EPB 6u
#define BYTE_ORDER_MAGIC 0x1A2B3C4Du
#define OPT_ENDOFOPT 0
#define IF_TSRESOL 9
#define IF_TSOFFSET 14
#define BLOCK_MAX (16u << 20)	/* libpcap's largest block for these link types */
#define NS 1000000000u

enum scale { PASS, UP_DEC, DOWN_DEC, BY_BIN };

struct iface {
	/*
	 * A timestamp of fewer than lim units is units * mul + add ns, what
	 * stamp() makes of it in several steps (set_linear() says why); lim
	 * 0 where the units are not whole ns.
	 */
	uint64_t lim;
	uint64_t mul;
	int64_t add;
	uint64_t tsresol;	/* units a second */
	uint64_t factor;	/* UP_DEC, DOWN_DEC: the ratio to ns */
	uint64_t tsoffset;	/* seconds, added modulo 2^64 as libpcap does */
	enum scale scale;
};

struct fw_ngrec {
	struct fw_view *v;	/* borrowed; NULL: bytes come to fw_ngrec_decode() */
	bool big;		/* the section's byte order */
	bool ordered;		/* the first SHB has given the byte order */
	bool sectioned;		/* the first SHB has been read */
	bool opened;		/* the first IDB has been read */
	int linktype;		/* the first interface's; -1 until known (a stream) */
	uint32_t snapshot;	/* the first IDB's, as libpcap keeps it (fw_pcaprec_snapshot) */
	uint32_t max_caplen;
	uint32_t n_ifaces, cap_ifaces;	/* of the current section */
	struct iface *ifaces;
	struct fw_view_hand hand;	/* read from a view: its bytes at hand (view.h) */
};

/* A field of bytes the cursor handed out: one load, swapped for the other byte order. */
static inline uint32_t get32(const uint8_t *b, bool big)
{
	uint32_t v = (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];

	return big ? __builtin_bswap32(v) : v;
}

static bool u16(struct fw_cursor *c, bool big, uint16_t *v)
{
	return big ? fw_cur_u16be(c, v) : fw_cur_u16le(c, v);
}

static bool u32(struct fw_cursor *c, bool big, uint32_t *v)
{
	return big ? fw_cur_u32be(c, v) : fw_cur_u32le(c, v);
}

static bool u64(struct fw_cursor *c, bool big, uint64_t *v)
{
	return big ? fw_cur_u64be(c, v) : fw_cur_u64le(c, v);
}

static int too_short(uint32_t type, char *why, size_t whylen)
{
	snprintf(why, whylen, "block of type %u in pcapng dump file is too short", type);
	return FW_EIO;
}

/*
 * Fewer than want bytes at hand for the next block: 0 asking for want
 * (more may come), 0 at the end (none), or the file cut short.
 */
static int short_of(size_t n, size_t want, bool final, size_t *used, char *why, size_t whylen)
{
	if (!final) {
		*used = want;
		return 0;
	}
	if (n == 0)
		return 0;
	snprintf(why, whylen, "truncated pcapng dump file; tried to read %zu bytes, only got %zu",
		 want, n);
	return FW_ETRUNC;
}

/*
 * The first SHB's type reads the same in either byte order; the
 * byte-order magic after its length says which one the section uses.
 */
static int first_order(struct fw_ngrec *r, const uint8_t *p, size_t n, bool final, size_t *used,
		       char *why, size_t whylen)
{
	struct fw_cursor c;
	uint32_t type, bom;

	if (n < 12)
		return short_of(n, 12, final, used, why, whylen);
	fw_cur_init(&c, p, n);
	if (!fw_cur_u32be(&c, &type) || !fw_cur_skip(&c, 4) || !fw_cur_u32be(&c, &bom) ||
	    type != BT_SHB || (bom != BYTE_ORDER_MAGIC && bom != __builtin_bswap32(BYTE_ORDER_MAGIC))) {
		snprintf(why, whylen, "unknown file format");
		return FW_EUNSUPP;
	}
	r->big = bom == BYTE_ORDER_MAGIC;
	r->ordered = true;
	return 1;
}

/*
 * The block at the start of the n bytes at p (final: no byte follows
 * them): 1 with its type, a cursor over its body (between the length and
 * the trailer) and *used its length; 0 with *used the bytes it needs (more
 * than n), or 0 at the end (final, n 0); or an error.
 */
static inline __attribute__((always_inline)) int
read_block(struct fw_ngrec *r, const uint8_t *p, size_t n, bool final, uint32_t *type,
	   struct fw_cursor *body, size_t *used, char *why, size_t whylen)
{
	struct fw_cursor c;
	uint32_t len, trailer;
	int rc;

	*used = 0;
	if (!r->ordered) {
		rc = first_order(r, p, n, final, used, why, whylen);
		if (rc != 1)
			return rc;
	}
	if (n < 8)
		return short_of(n, 8, final, used, why, whylen);
	fw_cur_init(&c, p, n);
	if (!u32(&c, r->big, type) || !u32(&c, r->big, &len))
		return FW_EINVAL;	/* cannot happen: 8 bytes are there */
	if (len < 12) {
		snprintf(why, whylen, "block in pcapng dump file has a length of %u < 12", len);
		return FW_EIO;
	}
	if (len % 4 != 0) {
		snprintf(why, whylen, "block in pcapng dump file has a length of %u that is not a "
			 "multiple of 4", len);
		return FW_EIO;
	}
	if (len > BLOCK_MAX) {
		snprintf(why, whylen, "pcapng block size %u > maximum %u", len, BLOCK_MAX);
		return FW_EIO;
	}
	if (!fw_cur_sub(&c, body, len - 12) || !u32(&c, r->big, &trailer)) {
		if (!final) {
			*used = len;
			return 0;
		}
		snprintf(why, whylen, "truncated pcapng dump file; tried to read %u bytes, only got %zu",
			 len - 8, n - 8);	/* n < len here: what the file still holds */
		return FW_ETRUNC;
	}
	if (trailer != len) {
		snprintf(why, whylen, "block total length in header and trailer don't match");
		return FW_EIO;
	}
	*used = len;
	return 1;
}

/*
 * Where a unit is a whole number of ns (the resolution a power of 10 up
 * to 10^-9): stamp() makes seconds t / res + offset and a fraction
 * (t % res) * mul, with mul * res = 10^9, then joins them as
 * seconds * 10^9 + fraction: t * mul + offset * 10^9, computed at once.
 * Below lim that sum fits in an int64_t (and so do the seconds and their
 * product on the way, the offset's addition modulo 2^64 included), so
 * nothing saturates and the two agree; at lim and above stamp() does it.
 */
static void set_linear(struct iface *f)
{
	int64_t add;

	f->lim = 0;
	if (f->scale != PASS && f->scale != UP_DEC)
		return;
	f->mul = f->scale == PASS ? 1 : f->factor;
	if (__builtin_mul_overflow((int64_t)f->tsoffset, (int64_t)NS, &add))
		return;
	f->add = add;
	f->lim = (uint64_t)(INT64_MAX - (add > 0 ? add : 0)) / f->mul + 1;
}

/* The if_tsresol and if_tsoffset options of an IDB, the body after its fixed part. */
static int iface_options(struct fw_ngrec *r, struct fw_cursor *body, struct iface *f, char *why,
			 size_t whylen)
{
	bool saw_tsresol = false, saw_tsoffset = false, binary = false;

	f->tsresol = 1000000;
	f->tsoffset = 0;
	while (fw_cur_left(body) != 0) {
		struct fw_cursor val;
		uint16_t code, len;
		uint8_t res;

		if (!u16(body, r->big, &code) || !u16(body, r->big, &len) ||
		    !fw_cur_sub(body, &val, ((size_t)len + 3) / 4 * 4))
			return too_short(BT_IDB, why, whylen);
		switch (code) {
		case OPT_ENDOFOPT:
			if (len != 0) {
				snprintf(why, whylen, "Interface Description Block has opt_endofopt option "
					 "with length %u != 0", len);
				return FW_EIO;
			}
			goto done;
		case IF_TSRESOL:
			if (len != 1) {
				snprintf(why, whylen, "Interface Description Block has if_tsresol option "
					 "with length %u != 1", len);
				return FW_EIO;
			}
			if (saw_tsresol) {
				snprintf(why, whylen, "Interface Description Block has more than one "
					 "if_tsresol option");
				return FW_EIO;
			}
			saw_tsresol = true;
			if (!fw_cur_u8(&val, &res))
				return too_short(BT_IDB, why, whylen);
			binary = res & 0x80;
			res &= 0x7f;
			if (binary && res > 63) {
				snprintf(why, whylen, "Interface Description Block if_tsresol option "
					 "resolution 2^-%u is too high", res);
				return FW_EIO;
			}
			if (!binary && res > 19) {
				snprintf(why, whylen, "Interface Description Block if_tsresol option "
					 "resolution 10^-%u is too high", res);
				return FW_EIO;
			}
			f->tsresol = 1;
			if (binary)
				f->tsresol <<= res;
			else
				for (unsigned i = 0; i < res; i++)
					f->tsresol *= 10;
			break;
		case IF_TSOFFSET:
			if (len != 8) {
				snprintf(why, whylen, "Interface Description Block has if_tsoffset option "
					 "with length %u != 8", len);
				return FW_EIO;
			}
			if (saw_tsoffset) {
				snprintf(why, whylen, "Interface Description Block has more than one "
					 "if_tsoffset option");
				return FW_EIO;
			}
			saw_tsoffset = true;
			if (!u64(&val, r->big, &f->tsoffset))
				return too_short(BT_IDB, why, whylen);
			break;
		default:
			break;
		}
	}
done:
	f->factor = 1;
	if (f->tsresol == NS) {
		f->scale = PASS;
	} else if (binary) {
		f->scale = BY_BIN;
	} else if (f->tsresol > NS) {
		f->scale = DOWN_DEC;
		f->factor = f->tsresol / NS;
	} else {
		f->scale = UP_DEC;
		f->factor = NS / f->tsresol;
	}
	set_linear(f);
	return 0;
}

/* An IDB's interface, the next ID of the section; body after its fixed part. */
static int add_iface(struct fw_ngrec *r, struct fw_cursor *body, char *why, size_t whylen)
{
	if (r->n_ifaces == FW_NGREC_MAX_IFACES) {
		snprintf(why, whylen, "more than %u interfaces in one section", FW_NGREC_MAX_IFACES);
		return FW_ENOMEM;
	}
	if (r->n_ifaces == r->cap_ifaces) {
		uint32_t cap = r->cap_ifaces ? 2 * r->cap_ifaces : 4;
		struct iface *f = realloc(r->ifaces, cap * sizeof(*f));

		if (!f) {
			snprintf(why, whylen, "out of memory for per-interface information (%u interfaces)",
				 r->n_ifaces + 1);
			return FW_ENOMEM;
		}
		r->ifaces = f;
		r->cap_ifaces = cap;
	}
	if (iface_options(r, body, &r->ifaces[r->n_ifaces], why, whylen) != 0)
		return FW_EIO;
	r->n_ifaces++;
	return 0;
}

/* An IDB met after the first: the same link type and snapshot length, or libpcap stops. */
static int next_iface(struct fw_ngrec *r, struct fw_cursor *body, char *why, size_t whylen)
{
	uint16_t linktype, reserved;
	uint32_t snaplen;

	if (!u16(body, r->big, &linktype) || !u16(body, r->big, &reserved) ||
	    !u32(body, r->big, &snaplen))
		return too_short(BT_IDB, why, whylen);
	if (linktype != r->linktype) {
		snprintf(why, whylen, "an interface has a type %u different from the type of the "
			 "first interface", linktype);
		return FW_EIO;
	}
	if (fw_pcaprec_snapshot(snaplen, r->max_caplen) != r->snapshot) {
		snprintf(why, whylen, "an interface has a snapshot length %u different from the "
			 "snapshot length of the first interface", snaplen);
		return FW_EIO;
	}
	return add_iface(r, body, why, whylen);
}

/* A later SHB: the same byte order and major version, and no interfaces yet. */
static int next_section(struct fw_ngrec *r, struct fw_cursor *body, char *why, size_t whylen)
{
	uint32_t bom;
	uint16_t major;

	if (!u32(body, r->big, &bom) || !u16(body, r->big, &major) || !fw_cur_skip(body, 10))
		return too_short(BT_SHB, why, whylen);
	if (bom == __builtin_bswap32(BYTE_ORDER_MAGIC)) {
		snprintf(why, whylen, "the file has sections with different byte orders");
		return FW_EIO;
	}
	if (bom != BYTE_ORDER_MAGIC) {
		snprintf(why, whylen, "the file has a section with a bad byte order magic field");
		return FW_EIO;
	}
	if (major != 1) {
		snprintf(why, whylen, "unknown pcapng savefile major version number %u", major);
		return FW_EIO;
	}
	r->n_ifaces = 0;
	return 0;
}

/* ns since the epoch of a packet's timestamp units, as libpcap scales them. */
static int64_t stamp(const struct iface *f, uint64_t t)
{
	uint64_t sec, frac;

	switch (f->scale) {
	case PASS:
		sec = t / NS;
		frac = t % NS;
		break;
	case UP_DEC:
		if (f->tsresol == 1000000) {	/* the default: a division by a constant */
			sec = t / 1000000;
			frac = t % 1000000 * 1000;
		} else {
			sec = t / f->tsresol;
			frac = t % f->tsresol * f->factor;
		}
		break;
	case DOWN_DEC:
		sec = t / f->tsresol;
		frac = t % f->tsresol / f->factor;
		break;
	default:
		sec = t / f->tsresol;
		frac = t % f->tsresol * NS / f->tsresol;
		break;
	}
	sec += f->tsoffset;
	return fw_ts_join((int64_t)sec, (int32_t)(uint32_t)frac);
}

/*
 * A block before the first IDB, as libpcap reads them on opening the
 * file: the first SHB's version checked, other blocks skipped, a packet
 * refused; the first IDB gives the link type and snapshot length (or must
 * be the one libpcap read).  2, or an error.
 */
static int opening(struct fw_ngrec *r, uint32_t type, struct fw_cursor *body, char *why,
		   size_t whylen)
{
	uint16_t lt, reserved, major, minor;
	uint32_t snaplen, bom;

	switch (type) {
	case BT_SHB:
		if (r->sectioned)
			return 2;	/* libpcap skips a later one before the first IDB */
		r->sectioned = true;
		if (!u32(body, r->big, &bom) || !u16(body, r->big, &major) ||
		    !u16(body, r->big, &minor) || !fw_cur_skip(body, 8))
			return too_short(type, why, whylen);
		if (major != 1 || (minor != 0 && minor != 2)) {
			snprintf(why, whylen, "unsupported pcapng savefile version %u.%u", major, minor);
			return FW_EUNSUPP;
		}
		return 2;
	case BT_EPB:
	case BT_SPB:
	case BT_PB:
		snprintf(why, whylen, "the capture file has a packet block before any Interface "
			 "Description Blocks");
		return FW_EIO;
	case BT_IDB:
		break;
	default:
		return 2;
	}
	if (!u16(body, r->big, &lt) || !u16(body, r->big, &reserved) || !u32(body, r->big, &snaplen))
		return too_short(type, why, whylen);
	if (r->linktype < 0) {
		r->linktype = lt;
		r->snapshot = fw_pcaprec_snapshot(snaplen, r->max_caplen);
	} else if (lt != r->linktype || fw_pcaprec_snapshot(snaplen, r->max_caplen) != r->snapshot) {
		snprintf(why, whylen, "the first interface is not the one libpcap read");
		return FW_EUNSUPP;
	}
	if (add_iface(r, body, why, whylen) != 0)
		return FW_EIO;
	r->opened = true;
	return 2;
}

/*
 * The block at the start of the n bytes at p: as fw_ngrec_decode(),
 * inlined into the file reader's loop (the hot path of a mapped file).
 */
static inline __attribute__((always_inline)) int
decode(struct fw_ngrec *r, const uint8_t *p, size_t n, bool final, struct fw_pkt *pkt,
       size_t *used, char *why, size_t whylen)
{
	struct fw_cursor body;
	const uint8_t *data;
	uint32_t type, iface = 0, hi = 0, lo = 0, caplen = 0, len = 0;
	uint16_t id16, drops;
	int rc;

	rc = read_block(r, p, n, final, &type, &body, used, why, whylen);
	if (rc != 1)
		return rc;
	if (!r->opened)
		return opening(r, type, &body, why, whylen);
	switch (type) {
	case BT_EPB:
		if (!u32(&body, r->big, &iface) || !u32(&body, r->big, &hi) ||
		    !u32(&body, r->big, &lo) || !u32(&body, r->big, &caplen) ||
		    !u32(&body, r->big, &len))
			return too_short(type, why, whylen);
		break;
	case BT_SPB:
		if (!u32(&body, r->big, &len))
			return too_short(type, why, whylen);
		iface = 0;
		caplen = len > r->snapshot ? r->snapshot : len;
		break;
	case BT_PB:
		if (!u16(&body, r->big, &id16) || !u16(&body, r->big, &drops) ||
		    !u32(&body, r->big, &hi) || !u32(&body, r->big, &lo) ||
		    !u32(&body, r->big, &caplen) || !u32(&body, r->big, &len))
			return too_short(type, why, whylen);
		iface = id16;
		break;
	case BT_IDB:
		rc = next_iface(r, &body, why, whylen);
		return rc != 0 ? rc : 2;
	case BT_SHB:
		rc = next_section(r, &body, why, whylen);
		return rc != 0 ? rc : 2;
	default:
		return 2;	/* not a packet: libpcap skips it too */
	}
	if (iface >= r->n_ifaces) {
		snprintf(why, whylen, "a packet arrived on interface %u, but there's no Interface "
			 "Description Block for that interface", iface);
		return FW_EIO;
	}
	if (caplen > r->snapshot) {
		snprintf(why, whylen, "invalid packet capture length %u, bigger than snaplen of %u",
			 caplen, r->snapshot);
		return FW_EIO;
	}
	if (!fw_cur_ptr(&body, &data, caplen))
		return too_short(type, why, whylen);
	pkt->ts_ns = stamp(&r->ifaces[iface], (uint64_t)hi << 32 | lo);
	pkt->caplen = caplen;
	pkt->len = len;
	pkt->data = data;
	pkt->linktype = r->linktype;
	pkt->iface = iface;
	return 1;
}

int fw_ngrec_decode(struct fw_ngrec *r, const uint8_t *p, size_t n, bool final,
		    struct fw_pkt *pkt, size_t *used, char *why, size_t whylen)
{
	return decode(r, p, n, final, pkt, used, why, whylen);
}

/* The next block of the view: as fw_ngrec_decode(), the view moved past it. */
static inline __attribute__((always_inline)) int
view_block(struct fw_ngrec *r, struct fw_pkt *pkt, char *why, size_t whylen)
{
	const uint8_t *p;
	size_t want = r->ordered ? 8 : 12, have, used;
	int rc;

	fw_view_hand_sync(r->v, &r->hand);
	r->hand.left = 0;
	if (fw_view_need(r->v, want, &p, &have) != 0)
		goto io_error;
	rc = decode(r, p, have, have < want, pkt, &used, why, whylen);
	if (rc == 0 && used != 0) {
		/* the block runs past what the view had at hand: all of it, or the file's end */
		want = used;
		if (fw_view_need(r->v, want, &p, &have) != 0)
			goto io_error;
		rc = decode(r, p, have, have < want, pkt, &used, why, whylen);
	}
	if (rc > 0) {
		r->hand.at = p + used;
		r->hand.left = have - used;
		fw_view_skip(r->v, used);
	}
	return rc;

io_error:
	snprintf(why, whylen, "error reading dump file: %s", strerror(fw_view_errno(r->v)));
	return FW_EIO;
}

/*
 * The Enhanced Packet Blocks wholly among the bytes at hand, and the
 * blocks libpcap skips between them, up to max packets (and
 * FW_SOURCE_BATCH_BYTES), into pkts
 * numbered from no: how many.  Stops before
 * any other block (a section, an interface, the obsolete packet blocks),
 * one not all there, or one libpcap refuses: the view is asked for it,
 * and decode() says why.  The checks are decode()'s, in its order.
 * Inlined once for each byte order.
 */
static inline __attribute__((always_inline)) unsigned
at_hand(struct fw_ngrec *r, struct fw_pkt *pkts, unsigned max, uint64_t no, bool big)
{
	const struct iface *ifaces = r->ifaces;
	const uint32_t snapshot = r->snapshot, n_ifaces = r->n_ifaces;
	const int linktype = r->linktype;
	struct fw_cursor c;
	unsigned n = 0;

	fw_cur_init(&c, r->hand.at, r->hand.left);
	while (n < max && fw_cur_offset(&c) < FW_SOURCE_BATCH_BYTES) {
		struct fw_cursor blk = c, body;
		const uint8_t *h, *t, *data;
		uint32_t type, len, iface, caplen;
		const struct iface *f;
		struct fw_pkt *pkt;
		uint64_t units;

		if (!fw_cur_ptr(&blk, &h, 8))
			break;
		type = get32(h, big);
		len = get32(h + 4, big);
		if (len < 12 || len % 4 != 0 || len > BLOCK_MAX || !fw_cur_sub(&blk, &body, len - 12) ||
		    !fw_cur_ptr(&blk, &t, 4) || get32(t, big) != len)
			break;
		if (type != BT_EPB) {
			if (type == BT_SHB || type == BT_IDB || type == BT_SPB || type == BT_PB)
				break;
			c = blk;	/* not a packet: skipped */
			continue;
		}
		if (!fw_cur_ptr(&body, &h, 20))
			break;
		iface = get32(h, big);
		caplen = get32(h + 12, big);
		if (iface >= n_ifaces || caplen > snapshot || !fw_cur_ptr(&body, &data, caplen))
			break;
		f = &ifaces[iface];
		units = (uint64_t)get32(h + 4, big) << 32 | get32(h + 8, big);
		pkt = &pkts[n];
		pkt->frame_no = no + n;
		pkt->ts_ns = units < f->lim ? (int64_t)(units * f->mul) + f->add : stamp(f, units);
		pkt->caplen = caplen;
		pkt->len = get32(h + 16, big);
		pkt->data = data;
		pkt->linktype = linktype;
		pkt->iface = iface;
		n++;
		c = blk;
	}
	fw_view_hand_read(r->v, &r->hand, c.p, fw_cur_left(&c));
	return n;
}

int fw_ngrec_batch(struct fw_ngrec *r, struct fw_pkt *pkts, unsigned max, uint64_t frame_no,
		   char *why, size_t whylen)
{
	unsigned n;
	int rc;

	/* the common case: whole packets among the bytes the view handed out last */
	n = r->big ? at_hand(r, pkts, max, frame_no, true) : at_hand(r, pkts, max, frame_no, false);
	if (n != 0)
		return (int)n;
	/* anything else from the view, block by block from the reader's offset */
	do
		rc = view_block(r, pkts, why, whylen);
	while (rc == 2);
	if (rc == 1)
		pkts->frame_no = frame_no;
	return rc;
}

static struct fw_ngrec *alloc(struct fw_view *v, int linktype, uint32_t snapshot,
			      uint32_t max_caplen)
{
	struct fw_ngrec *r = calloc(1, sizeof(*r));

	if (r)
		*r = (struct fw_ngrec){ .v = v, .linktype = linktype, .snapshot = snapshot,
					.max_caplen = max_caplen };
	return r;
}

int fw_ngrec_new(struct fw_ngrec **out, struct fw_view *v, int linktype, uint32_t snapshot,
		 uint32_t max_caplen)
{
	struct fw_ngrec *r;
	struct fw_pkt pkt;
	char why[256];
	int rc;

	*out = NULL;
	r = alloc(v, linktype, snapshot, max_caplen);
	if (!r)
		return FW_ENOMEM;
	/* as libpcap did on opening: every block up to the first IDB */
	do
		rc = view_block(r, &pkt, why, sizeof(why));
	while (rc == 2 && !r->opened);
	if (rc != 2) {
		fw_ngrec_free(r);
		return rc < 0 ? rc : FW_EUNSUPP;
	}
	*out = r;
	return 0;
}

int fw_ngrec_open(struct fw_ngrec **out, uint32_t max_caplen)
{
	*out = alloc(NULL, -1, 0, max_caplen);
	return *out ? 0 : FW_ENOMEM;
}

int fw_ngrec_linktype(const struct fw_ngrec *r)
{
	return r->linktype;
}

uint32_t fw_ngrec_snapshot(const struct fw_ngrec *r)
{
	return r->snapshot;
}

void fw_ngrec_free(struct fw_ngrec *r)
{
	if (!r)
		return;
	free(r->ifaces);
	free(r);
}
