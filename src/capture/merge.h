/*
 * merge.h - several open sources read as one timeline (--merge), e.g. a
 * wired RADIUS capture beside an air capture.
 *
 * Packets come out in timestamp order; equal timestamps keep input order
 * (the lower input index first), and each input keeps its own order even
 * where its timestamps go backwards (a k-way merge of the streams, no
 * sorting).  A packet's bytes stay valid until the next fw_merge_next().
 *
 * Ownership: the merge borrows the sources (the caller closes them after
 * fw_merge_free) and holds at most one packet of each.
 */
#ifndef FW_CAPTURE_MERGE_H
#define FW_CAPTURE_MERGE_H

#include <stddef.h>

#include "capture/source.h"

struct fw_merge;

/* NULL when out of memory.  n may be 0 (then the merge is empty). */
struct fw_merge *fw_merge_new(struct fw_source **sources, size_t n);
/*
 * Next packet of the timeline: 1 with *pkt and *input (index into the
 * sources given) filled, 0 at the end of every input, or a negative code
 * with *input naming the failing source and a message in err.  After an
 * error that input is finished and the others go on: call again.
 */
int fw_merge_next(struct fw_merge *m, struct fw_pkt *pkt, size_t *input, char *err,
		  size_t errlen);
void fw_merge_free(struct fw_merge *m);

#endif
