/*
 * ngrec.h - the packets of a pcapng file as libpcap 1.10 reads them, with
 * the interface each came from: one decoder of the format, over bytes at
 * hand, used by the file reader (handed out in place from a view of the
 * file, view.h) and by the stream reader (from what a pipe has brought so
 * far, stream.c).
 *
 * A file read through libpcap has been opened and judged by it (its first
 * Section Header Block and first Interface Description Block); this reader
 * walks the same blocks again from the start of the file (a walk that
 * fails leaves the file to libpcap).  A stream has no libpcap: the blocks
 * up to the first IDB are read as libpcap reads them on opening a file,
 * and that IDB gives the link type and snapshot length.  Then both read
 * on: Enhanced, Simple and the obsolete Packet Blocks handed out in place
 * with their interface's ID and timestamps scaled as that interface says
 * (if_tsresol, if_tsoffset); further sections and interfaces followed;
 * every other block skipped.
 *
 * libpcap's rules are kept, and its words for what breaks them: a block
 * shorter than 12 bytes, not a multiple of 4, longer than 16 MiB, cut
 * short, or whose two lengths differ; a section in the other byte order;
 * an interface of another link type or snapshot length than the first; a
 * packet naming an interface its section has not described; a captured
 * length beyond the snapshot length.  One limit is this reader's own: a
 * section describes at most FW_NGREC_MAX_IFACES interfaces.
 */
#ifndef FW_CAPTURE_NGREC_H
#define FW_CAPTURE_NGREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/source.h"

#define FW_NGREC_MAX_IFACES 65536u

struct fw_view;
struct fw_ngrec;

/*
 * A reader of the pcapng file seen by v (at offset 0), whose first
 * interface libpcap gave linktype and snapshot; max_caplen is libpcap's
 * maximum capture length of that link type.  Returns 0 with v after the
 * first IDB, or a negative code (the walk failed, no memory): the file is
 * then not for this reader.
 */
int fw_ngrec_new(struct fw_ngrec **out, struct fw_view *v, int linktype, uint32_t snapshot,
		 uint32_t max_caplen);
/*
 * The next packets, up to max (at least 1), into pkts numbered from
 * frame_no on: how many (at least 1), 0 at the end, or FW_ETRUNC / FW_EIO
 * / FW_ENOMEM with libpcap's words in why.  A block libpcap refuses ends
 * the packets before it, and is said by the next call.  Their bytes point
 * into the view, valid until the next call.  Enhanced Packet Blocks and
 * the blocks libpcap skips are read from the bytes at hand, several a
 * call, the view moved on every FW_VIEW_SKIP_EVERY bytes; any other
 * block, or one not wholly at hand, is asked of the view.
 */
int fw_ngrec_batch(struct fw_ngrec *r, struct fw_pkt *pkts, unsigned max, uint64_t frame_no,
		   char *why, size_t whylen);
/*
 * A reader of pcapng bytes handed to fw_ngrec_decode() from the start of
 * the file, its link type and snapshot length those of its first
 * interface (the snapshot length adjusted as libpcap 1.10 does: 0 or
 * one beyond INT_MAX becomes max_caplen, any other stands as written).
 * 0 or FW_ENOMEM.
 */
int fw_ngrec_open(struct fw_ngrec **out, uint32_t max_caplen);
/*
 * The block at the start of the n bytes at p, final when no byte follows
 * them: 1 a packet into pkt (all but frame_no; data points into p), 2 a
 * block without one; either with *used the block's length.  0 with *used
 * the bytes the block needs (more than n), or with *used 0 at the end
 * (final, n 0).  Or FW_ETRUNC / FW_EIO / FW_EUNSUPP / FW_ENOMEM with
 * libpcap's words in why (its words on opening a file, before the first
 * IDB).
 */
int fw_ngrec_decode(struct fw_ngrec *r, const uint8_t *p, size_t n, bool final,
		    struct fw_pkt *pkt, size_t *used, char *why, size_t whylen);
/* The link type of the first interface, -1 before it was read. */
int fw_ngrec_linktype(const struct fw_ngrec *r);
/* The snapshot length of the first interface, as libpcap adjusts it. */
uint32_t fw_ngrec_snapshot(const struct fw_ngrec *r);
void fw_ngrec_free(struct fw_ngrec *r);

#endif
