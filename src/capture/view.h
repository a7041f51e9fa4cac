/*
 * view.h - the bytes of a regular file, read front to back and handed out
 * in place: through a memory mapping when the kernel grants one, else
 * through pread() into one buffer.
 *
 * The mapping covers a window of a few MiB at a time (a record that runs
 * past it gets a window of its own), so what the process holds of the file
 * stays small however large the file; the window behind is unmapped as the
 * next one is made.  The kernel is told the file is read in order (for its
 * read-ahead); the view maps the pages a little ahead of the reader as it
 * moves on, and the loop that uses the records prefetches the cache lines
 * just ahead of itself (fw_source_ahead() in source.h).
 *
 * The file may change while it is read.  Its size is taken again at every
 * new window and at its end: a file still being written is read as far as
 * it had got (as read() would), a file cut shorter ends where it now ends.
 * What is mapped is never touched beyond the size last seen; a file cut
 * shorter between that look and the read of a window still faults (SIGBUS),
 * a race no mapping reader can close without a signal handler, and one
 * only a concurrent truncation can open.
 *
 * Invariants: the bytes handed out by fw_view_need() stay valid until the
 * next call of fw_view_need() or fw_view_free(); the view borrows fd (it
 * reads with pread and mmap, never moving fd's offset) and must be freed
 * before fd is closed.
 */
#ifndef FW_CAPTURE_VIEW_H
#define FW_CAPTURE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fw_view;

/*
 * A view of the file open on fd from offset start: mapped when map is true
 * and the kernel agrees, else read into a buffer.  Returns 0 or FW_ENOMEM /
 * FW_EIO (fstat failed, or not a regular file).
 */
int fw_view_new(struct fw_view **out, int fd, uint64_t start, bool map);
/*
 * At least want bytes from the current offset: *p points at them and *have
 * says how many there are: all that is at hand, so often more than want,
 * fewer only where the file ends (0 at its end).  Returns 0, or FW_EIO / FW_ENOMEM when reading failed
 * (fw_view_errno() then says why).
 */
int fw_view_need(struct fw_view *v, size_t want, const uint8_t **p, size_t *have);
/* The errno value of the last failure of fw_view_need(). */
int fw_view_errno(const struct fw_view *v);
/* Move on n bytes (at most the have of the last fw_view_need()). */
void fw_view_skip(struct fw_view *v, size_t n);
/* The current offset in the file. */
uint64_t fw_view_offset(const struct fw_view *v);
/* True while the file is read through a mapping. */
bool fw_view_mapped(const struct fw_view *v);
void fw_view_free(struct fw_view *v);

/*
 * A reader moves the view on once it has read this many bytes since it
 * last did, not at every record, and always before it asks the view for
 * more bytes.  Often, so that the pages are mapped a little at a time
 * just ahead of the reader (view.c): every 16 KiB measured 4-8% more CPU
 * on a file of 1500-byte frames.
 */
#define FW_VIEW_SKIP_EVERY (1u << 10)

/*
 * A record reader's hand: what the view handed out last and is not read
 * yet (at, left), and how much of it was read since the view was last
 * moved on (unskipped: the view is that much behind at).  Zero to start.
 */
struct fw_view_hand {
	const uint8_t *at;
	size_t left;
	size_t unskipped;
};

/* Move the view on over what was read from the hand. */
static inline void fw_view_hand_sync(struct fw_view *v, struct fw_view_hand *h)
{
	fw_view_skip(v, h->unskipped);
	h->unskipped = 0;
}

/* The hand read up to p (left bytes after it): counted, the view moved on when due. */
static inline void fw_view_hand_read(struct fw_view *v, struct fw_view_hand *h, const uint8_t *p,
				     size_t left)
{
	h->unskipped += (size_t)(p - h->at);
	h->at = p;
	h->left = left;
	if (h->unskipped >= FW_VIEW_SKIP_EVERY)
		fw_view_hand_sync(v, h);
}

#endif
