/*
 * ngrec.h - the packets of a pcapng file, handed out in place from a view
 * of the file (view.h), as libpcap 1.10 reads them, with the interface
 * each came from.
 *
 * libpcap has opened the file and judged its first Section Header Block
 * and first Interface Description Block; this reader walks the same blocks
 * again from the start of the file (a walk that fails leaves the file to
 * libpcap), then reads on from there: Enhanced, Simple and the obsolete
 * Packet Blocks handed out in place with their interface's ID and
 * timestamps scaled as that interface says (if_tsresol, if_tsoffset);
 * further sections and interfaces followed; every other block skipped.
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
 * The next packet into pkt (all but frame_no): 1, 0 at the end, or
 * FW_ETRUNC / FW_EIO / FW_ENOMEM with libpcap's words in why.  pkt->data
 * points into the view.
 */
int fw_ngrec_next(struct fw_ngrec *r, struct fw_pkt *pkt, char *why, size_t whylen);
void fw_ngrec_free(struct fw_ngrec *r);

#endif
