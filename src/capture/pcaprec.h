/*
 * pcaprec.h - the records of a classic pcap file, handed out in place from
 * a view of the file (view.h), as libpcap 1.10 reads them.
 *
 * libpcap has opened the file and judged its header; the caller tells this
 * reader what libpcap made of it (byte order, precision, snapshot length,
 * link type) and keeps the cases it cannot match (versions before 2.4,
 * link types whose records libpcap rewrites or whose maximum capture
 * length is not FW_PCAPREC_MAX_CAPLEN) with libpcap.
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
 * and the view is moved on every kilobyte or so, not at every record.
 * The view is asked again only where a record is not wholly at hand,
 * from the same offset as a call per record would be, so what it says
 * there (a truncation, an error, the file's end) is the same.
 */
#ifndef FW_CAPTURE_PCAPREC_H
#define FW_CAPTURE_PCAPREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"

#define FW_PCAPREC_MAX_CAPLEN 262144u	/* libpcap's maximum capture length of most link types */

struct fw_view;

struct fw_pcaprec {
	struct fw_view *v;	/* borrowed, at the first record */
	bool big_endian;	/* the file's byte order */
	bool nano;		/* fractions are ns (magic a1b23c4d), else us */
	uint32_t snaplen;	/* libpcap's snapshot length for the file */
	int linktype;
	/*
	 * The reader's own: what the view handed out last and is not read
	 * yet (at, left), and how much of it was read since the view was
	 * last moved on (unskipped).  Zero to start.
	 */
	const uint8_t *at;
	size_t left;
	size_t unskipped;
};

/*
 * The next record into pkt (all but frame_no; iface 0): 1, 0 at the end,
 * or FW_ETRUNC / FW_EIO with libpcap's words in why.  pkt->data points into
 * the view.
 */
int fw_pcaprec_next(struct fw_pcaprec *r, struct fw_pkt *pkt, char *why, size_t whylen);

#endif
