/*
 * pcaprec.c - classic pcap records in place (pcaprec.h).
 *
 * Layout (pcap-savefile(5)): after the 24-byte file header, each record is
 *   seconds (4) | fraction, us or ns (4) | captured length (4) |
 *   original length (4) | captured bytes
 * in the file's byte order.  libpcap 1.10 reads both time fields as
 * signed 32-bit values from a file in the host's byte order (a second or
 * fraction of 2^31 or more comes out negative) but as unsigned ones from a
 * file it swaps; so they come out here.
 */
#include <stdio.h>
#include <string.h>

#include "capture/pcaprec.h"
#include "capture/view.h"
#include "util/cursor.h"
#include "util/err.h"

#define REC_HDR_LEN 16u
/*
 * The view is moved on (and reads ahead, view.c) once this many bytes of
 * records were read, not at every record: a few records, well inside the
 * view's read-ahead.
 */
#define SKIP_EVERY 1024u
#define HOST_BIG_ENDIAN (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

/* A field of the 16 bytes the cursor handed out: one load, swapped for the other byte order. */
static inline uint32_t get32(const uint8_t *b, bool be)
{
	uint32_t v = (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];

	return be ? __builtin_bswap32(v) : v;
}

/* The record header h and its captured bytes data into pkt (all but frame_no). */
static inline void fill(const struct fw_pcaprec *r, struct fw_pkt *pkt, const uint8_t *h,
			const uint8_t *data, uint32_t caplen)
{
	uint32_t sec = get32(h, r->big_endian), frac = get32(h + 4, r->big_endian);
	int64_t s_sec, s_frac;

	if (r->big_endian == HOST_BIG_ENDIAN) {
		s_sec = (int32_t)sec;
		s_frac = (int32_t)frac;
	} else {
		s_sec = sec;
		s_frac = frac;
	}
	pkt->ts_ns = s_sec * 1000000000 + s_frac * (r->nano ? 1 : 1000);
	pkt->caplen = caplen > r->snaplen ? r->snaplen : caplen;
	pkt->len = get32(h + 12, r->big_endian);
	pkt->data = data;
	pkt->linktype = r->linktype;
	pkt->iface = 0;
}

/* Move the view on over the records read from the bytes at hand. */
static inline void skip_read(struct fw_pcaprec *r)
{
	if (r->unskipped) {
		fw_view_skip(r->v, r->unskipped);
		r->unskipped = 0;
	}
}

int fw_pcaprec_next(struct fw_pcaprec *r, struct fw_pkt *pkt, char *why, size_t whylen)
{
	uint32_t caplen, keep;
	const uint8_t *p, *h, *data;
	struct fw_cursor c;
	size_t have;

	/* the common case: the whole record among the bytes at hand */
	if (r->left >= REC_HDR_LEN) {
		fw_cur_init(&c, r->at, r->left);
		if (fw_cur_ptr(&c, &h, REC_HDR_LEN)) {
			caplen = get32(h + 8, r->big_endian);
			if (caplen <= FW_PCAPREC_MAX_CAPLEN && fw_cur_ptr(&c, &data, caplen)) {
				fill(r, pkt, h, data, caplen);
				r->at = c.p;
				r->left = fw_cur_left(&c);
				r->unskipped += REC_HDR_LEN + (size_t)caplen;
				if (r->unskipped >= SKIP_EVERY)
					skip_read(r);
				return 1;
			}
		}
	}
	/* anything else from the view, at the record's own offset */
	skip_read(r);
	r->left = 0;
	if (fw_view_need(r->v, REC_HDR_LEN, &p, &have) != 0)
		goto io_error;
	if (have == 0)
		return 0;
	if (have < REC_HDR_LEN) {
		snprintf(why, whylen, "truncated dump file; tried to read %u header bytes, only got %zu",
			 REC_HDR_LEN, have);
		return FW_ETRUNC;
	}
	fw_cur_init(&c, p, have);
	if (!fw_cur_ptr(&c, &h, REC_HDR_LEN))
		return FW_EINVAL;	/* cannot happen: 16 bytes are there */
	caplen = get32(h + 8, r->big_endian);
	if (caplen > FW_PCAPREC_MAX_CAPLEN) {
		/* libpcap 1.10's words, naming the snapshot length though the maximum was passed */
		snprintf(why, whylen, "invalid packet capture length %u, bigger than snaplen of %u",
			 caplen, r->snaplen);
		return FW_EIO;
	}
	/* the view usually has the whole record at hand already */
	if (have < REC_HDR_LEN + (size_t)caplen &&
	    fw_view_need(r->v, REC_HDR_LEN + (size_t)caplen, &p, &have) != 0)
		goto io_error;
	keep = caplen > r->snaplen ? r->snaplen : caplen;
	fw_cur_init(&c, p, have);
	/* the header again: a second call of the view may have moved its bytes */
	if (!fw_cur_ptr(&c, &h, REC_HDR_LEN) || !fw_cur_ptr(&c, &data, caplen)) {
		/*
		 * libpcap reads the first snapshot-length bytes, then discards
		 * the rest: a cut in the first part names the snapshot length, a
		 * cut in the rest the whole captured length
		 */
		have -= REC_HDR_LEN;
		snprintf(why, whylen, "truncated dump file; tried to read %u captured bytes, only got %zu",
			 have < keep ? keep : caplen, have);
		return FW_ETRUNC;
	}
	fill(r, pkt, h, data, caplen);
	r->at = c.p;
	r->left = fw_cur_left(&c);
	fw_view_skip(r->v, REC_HDR_LEN + (size_t)caplen);
	return 1;

io_error:
	snprintf(why, whylen, "error reading dump file: %s", strerror(fw_view_errno(r->v)));
	return FW_EIO;
}
