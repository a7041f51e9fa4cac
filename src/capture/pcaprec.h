/*
 * pcaprec.h - the records of a classic pcap file, as libpcap 1.10 reads
 * them: one decoder of the format, over bytes at hand, used by the file
 * reader (handed out in place from a view of the file, view.h) and by the
 * stream reader (from what a pipe has brought so far, stream.c).
 *
 * A file read through libpcap has been opened and judged by it; the caller
 * tells this reader what libpcap made of the header (byte order,
 * precision, snapshot length, link type) and keeps the cases it cannot
 * match (versions before 2.4, link types whose records libpcap rewrites or
 * whose maximum capture length is not FW_PCAPREC_MAX_CAPLEN) with libpcap.
 * A stream has no libpcap: fw_pcaprec_header() reads its header as libpcap
 * would.
 *
 * A record is a 16-byte header (seconds and fraction, both signed 32-bit
 * as libpcap reads them; captured length; original length) and the
 * captured bytes.  What libpcap says of a bad record is said in the same
 * words: a record cut short by the end of the file, a captured length
 * beyond the maximum; a captured length beyond the snapshot length keeps
 * the first snapshot-length bytes.
 *
 * Records are read from what one call of fw_view_need() handed out (a
 * window of the mapping, a buffer of the read side) until it runs out,
 * several a call (fw_pcaprec_batch()), the view moved on every
 * FW_VIEW_SKIP_EVERY bytes.  The view is asked again only where a
 * record is not wholly at hand, from the same offset as a call per record
 * would be, so what it says there (a truncation, an error, the file's
 * end) is the same.
 */
#ifndef FW_CAPTURE_PCAPREC_H
#define FW_CAPTURE_PCAPREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"
#include "capture/view.h"

#define FW_PCAPREC_MAX_CAPLEN 262144u	/* libpcap's maximum capture length of most link types */
#define FW_PCAPREC_HDR_LEN 24u		/* the file header */

struct fw_view;

struct fw_pcaprec {
	struct fw_view *v;	/* borrowed, at the first record (NULL: bytes come to decode) */
	bool big_endian;	/* the file's byte order */
	bool nano;		/* fractions are ns (magic a1b23c4d), else us */
	uint32_t snaplen;	/* libpcap's snapshot length for the file */
	int linktype;
	struct fw_view_hand hand;	/* the reader's own (view.h); zero to start */
};

/*
 * A snapshot length in a file header or pcapng IDB as libpcap 1.10 keeps
 * it (pcap_adjust_snapshot()): only 0 or one beyond INT_MAX becomes max,
 * the link type's maximum; any other stands as written, even beyond max
 * (262,656 is not 262,144 to it).
 */
static inline uint32_t fw_pcaprec_snapshot(uint32_t snaplen, uint32_t max)
{
	return snaplen == 0 || snaplen > INT32_MAX ? max : snaplen;
}

/* The byte order and precision of a classic pcap magic (read big-endian); false for any other. */
bool fw_pcaprec_magic(uint32_t magic, bool *big_endian, bool *nano);
/*
 * The file header from the n bytes at p, as libpcap judges it (version
 * 2.x; the snapshot length as fw_pcaprec_snapshot() keeps it; the link
 * type without the FCS bits): 1 with r filled (v untouched), 0 when
 * fewer than FW_PCAPREC_HDR_LEN bytes are there, FW_EUNSUPP for another
 * magic (why empty) or version (why says so).
 */
int fw_pcaprec_header(struct fw_pcaprec *r, const uint8_t *p, size_t n, char *why, size_t whylen);
/*
 * The record at the start of the n bytes at p into pkt (all but
 * frame_no; iface 0), final when no byte follows them: 1 with *used the
 * record's length; 0 with *used the bytes the record needs (more than n),
 * or with *used 0 at the end (final, n 0); or FW_ETRUNC / FW_EIO with
 * libpcap's words in why.  pkt->data points into p.
 */
int fw_pcaprec_decode(const struct fw_pcaprec *r, const uint8_t *p, size_t n, bool final,
		      struct fw_pkt *pkt, size_t *used, char *why, size_t whylen);
/*
 * The next records of the view, up to max (at least 1), into pkts
 * numbered from frame_no on: how many (at least 1), 0 at the end, or
 * FW_ETRUNC / FW_EIO with libpcap's words in why.  A record libpcap
 * refuses ends the records before it, and is said by the next call.
 * Their bytes point into the view, valid until the next call.
 */
int fw_pcaprec_batch(struct fw_pcaprec *r, struct fw_pkt *pkts, unsigned max, uint64_t frame_no,
		     char *why, size_t whylen);

#endif
