/*
 * pcaprec.c - classic pcap records (pcaprec.h).
 *
 * Layout (pcap-savefile(5)): a 24-byte file header
 *   magic (4) | major, minor version (2 + 2) | time zone, accuracy (4 + 4) |
 *   snapshot length (4) | link type, FCS bits above bit 25 (4)
 * then each record
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
#define HOST_BIG_ENDIAN (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

/* A field of the 16 bytes the cursor handed out: one load, swapped for the other byte order. */
static inline uint32_t get32(const uint8_t *b, bool be)
{
	uint32_t v = (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];

	return be ? __builtin_bswap32(v) : v;
}

bool fw_pcaprec_magic(uint32_t m, bool *big, bool *nano)
{
	switch (m) {
	case 0xa1b2c3d4: *big = true; *nano = false; return true;
	case 0xa1b23c4d: *big = true; *nano = true; return true;
	case 0xd4c3b2a1: *big = false; *nano = false; return true;
	case 0x4d3cb2a1: *big = false; *nano = true; return true;
	default: return false;
	}
}

int fw_pcaprec_header(struct fw_pcaprec *r, const uint8_t *p, size_t n, char *why, size_t whylen)
{
	const uint8_t *h;
	struct fw_cursor c;
	uint32_t magic, snaplen;
	uint16_t major, minor;
	bool big, nano;

	fw_cur_init(&c, p, n);
	if (!fw_cur_ptr(&c, &h, FW_PCAPREC_HDR_LEN))
		return 0;
	fw_cur_init(&c, h, FW_PCAPREC_HDR_LEN);
	if (!fw_cur_u32be(&c, &magic) || !fw_pcaprec_magic(magic, &big, &nano))
		return FW_EUNSUPP;
	major = (uint16_t)(big ? h[4] << 8 | h[5] : h[5] << 8 | h[4]);
	minor = (uint16_t)(big ? h[6] << 8 | h[7] : h[7] << 8 | h[6]);
	if (major != 2) {
		snprintf(why, whylen, "pcap version %u.%u is not supported", major, minor);
		return FW_EUNSUPP;
	}
	snaplen = get32(h + 16, big);
	r->big_endian = big;
	r->nano = nano;
	r->snaplen = fw_pcaprec_snapshot(snaplen, FW_PCAPREC_MAX_CAPLEN);
	r->linktype = (int)(get32(h + 20, big) & 0x03FFFFFFu);
	return 1;
}

/* fw_pcaprec_decode(), inlined into the file reader's loop: the hot path of a mapped file */
static inline __attribute__((always_inline)) int
decode(const struct fw_pcaprec *r, const uint8_t *p, size_t n, bool final, struct fw_pkt *pkt,
       size_t *used, char *why, size_t whylen)
{
	uint32_t sec, frac, caplen, len, keep;
	int64_t s_sec, s_frac;
	const uint8_t *h, *data;
	struct fw_cursor c;

	*used = 0;
	if (n < REC_HDR_LEN) {
		if (!final) {
			*used = REC_HDR_LEN;
			return 0;
		}
		if (n == 0)
			return 0;
		snprintf(why, whylen, "truncated dump file; tried to read %u header bytes, only got %zu",
			 REC_HDR_LEN, n);
		return FW_ETRUNC;
	}
	fw_cur_init(&c, p, n);
	if (!fw_cur_ptr(&c, &h, REC_HDR_LEN))
		return FW_EINVAL;	/* cannot happen: 16 bytes are there */
	sec = get32(h, r->big_endian);
	frac = get32(h + 4, r->big_endian);
	caplen = get32(h + 8, r->big_endian);
	len = get32(h + 12, r->big_endian);
	if (caplen > FW_PCAPREC_MAX_CAPLEN) {
		/* libpcap 1.10's words: the snapshot length, if passed too, named before the maximum */
		if (caplen > r->snaplen)
			snprintf(why, whylen, "invalid packet capture length %u, bigger than snaplen "
				 "of %u", caplen, r->snaplen);
		else
			snprintf(why, whylen, "invalid packet capture length %u, bigger than maximum "
				 "of %u", caplen, FW_PCAPREC_MAX_CAPLEN);
		return FW_EIO;
	}
	keep = caplen > r->snaplen ? r->snaplen : caplen;
	if (!fw_cur_ptr(&c, &data, caplen)) {
		if (!final) {
			*used = REC_HDR_LEN + (size_t)caplen;
			return 0;
		}
		/*
		 * libpcap reads the first snapshot-length bytes, then discards
		 * the rest: a cut in the first part names the snapshot length, a
		 * cut in the rest the whole captured length
		 */
		n -= REC_HDR_LEN;
		snprintf(why, whylen, "truncated dump file; tried to read %u captured bytes, only got %zu",
			 n < keep ? keep : caplen, n);
		return FW_ETRUNC;
	}
	if (r->big_endian == HOST_BIG_ENDIAN) {
		s_sec = (int32_t)sec;
		s_frac = (int32_t)frac;
	} else {
		s_sec = sec;
		s_frac = frac;
	}
	pkt->ts_ns = s_sec * 1000000000 + s_frac * (r->nano ? 1 : 1000);
	pkt->caplen = keep;
	pkt->len = len;
	pkt->data = data;
	pkt->linktype = r->linktype;
	pkt->iface = 0;
	*used = REC_HDR_LEN + (size_t)caplen;
	return 1;
}

int fw_pcaprec_decode(const struct fw_pcaprec *r, const uint8_t *p, size_t n, bool final,
		      struct fw_pkt *pkt, size_t *used, char *why, size_t whylen)
{
	return decode(r, p, n, final, pkt, used, why, whylen);
}

/*
 * The records wholly among the bytes at hand, up to max (and
 * FW_SOURCE_BATCH_BYTES), into pkts
 * numbered from no: how many.  Stops before
 * a record that is not all there or that libpcap refuses (caplen beyond
 * the maximum): the view is asked for it, and says why.  Inlined once for
 * each byte order and precision, so that those cost nothing a record.
 */
static inline __attribute__((always_inline)) unsigned
at_hand(struct fw_pcaprec *r, struct fw_pkt *pkts, unsigned max, uint64_t no, bool big, bool nano)
{
	const uint32_t snaplen = r->snaplen;
	const int linktype = r->linktype;
	struct fw_cursor c;
	unsigned n = 0;

	fw_cur_init(&c, r->hand.at, r->hand.left);
	for (; n < max && fw_cur_offset(&c) < FW_SOURCE_BATCH_BYTES; n++) {
		struct fw_cursor rec = c;
		const uint8_t *h, *data;
		uint32_t caplen;
		int64_t sec, frac;
		struct fw_pkt *pkt = &pkts[n];

		if (!fw_cur_ptr(&rec, &h, REC_HDR_LEN))
			break;
		caplen = get32(h + 8, big);
		if (caplen > FW_PCAPREC_MAX_CAPLEN || !fw_cur_ptr(&rec, &data, caplen))
			break;
		/* signed in the host's byte order, as libpcap reads them (see the top) */
		if (big == HOST_BIG_ENDIAN) {
			sec = (int32_t)get32(h, big);
			frac = (int32_t)get32(h + 4, big);
		} else {
			sec = get32(h, big);
			frac = get32(h + 4, big);
		}
		pkt->frame_no = no + n;
		pkt->ts_ns = sec * 1000000000 + frac * (nano ? 1 : 1000);
		pkt->caplen = caplen > snaplen ? snaplen : caplen;
		pkt->len = get32(h + 12, big);
		pkt->data = data;
		pkt->linktype = linktype;
		pkt->iface = 0;
		c = rec;
	}
	fw_view_hand_read(r->v, &r->hand, c.p, fw_cur_left(&c));
	return n;
}

/* One record from the view at the reader's offset, as fw_pcaprec_batch(). */
static int from_view(struct fw_pcaprec *r, struct fw_pkt *pkt, char *why, size_t whylen)
{
	const uint8_t *p;
	size_t have, used;
	int rc;

	fw_view_hand_sync(r->v, &r->hand);
	r->hand.left = 0;
	if (fw_view_need(r->v, REC_HDR_LEN, &p, &have) != 0)
		goto io_error;
	rc = decode(r, p, have, have < REC_HDR_LEN, pkt, &used, why, whylen);
	if (rc == 0 && used != 0) {
		/* the record runs past what the view had at hand: all of it, or the file's end */
		if (fw_view_need(r->v, used, &p, &have) != 0)
			goto io_error;
		rc = decode(r, p, have, have < used, pkt, &used, why, whylen);
	}
	if (rc == 1) {
		r->hand.at = p + used;
		r->hand.left = have - used;
		fw_view_skip(r->v, used);
	}
	return rc;

io_error:
	snprintf(why, whylen, "error reading dump file: %s", strerror(fw_view_errno(r->v)));
	return FW_EIO;
}

int fw_pcaprec_batch(struct fw_pcaprec *r, struct fw_pkt *pkts, unsigned max, uint64_t frame_no,
		     char *why, size_t whylen)
{
	unsigned n;
	int rc;

	/* the common case: whole records among the bytes the view handed out last */
	if (r->big_endian)
		n = r->nano ? at_hand(r, pkts, max, frame_no, true, true) :
			      at_hand(r, pkts, max, frame_no, true, false);
	else
		n = r->nano ? at_hand(r, pkts, max, frame_no, false, true) :
			      at_hand(r, pkts, max, frame_no, false, false);
	if (n != 0)
		return (int)n;
	/* anything else from the view, at the record's own offset */
	rc = from_view(r, pkts, why, whylen);
	if (rc == 1)
		pkts->frame_no = frame_no;
	return rc;
}
