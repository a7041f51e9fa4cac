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
 * moves on, and the reader of the records prefetches the cache lines just
 * ahead of itself with fw_view_ahead() (a few instructions a record, in
 * its own loop).
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
 * The reader's read-ahead of the cache lines (view.c says why): a prefetch
 * of each line of the bytes at hand once it comes within FW_VIEW_AHEAD
 * bytes of the reader, FW_VIEW_BURST lines at a time, so that most
 * records cost one comparison.  next is the first line not prefetched
 * yet, end the end of the window; the reader keeps both in locals of its
 * loop.  Bytes read into a buffer are not prefetched (next and end are
 * then UINTPTR_MAX): the kernel's copy has just brought them in.
 */
#define FW_VIEW_AHEAD (4u << 10)
#define FW_VIEW_LINE 64u
#define FW_VIEW_BURST 8u	/* the prefetches of the loop below */

/*
 * A reader moves the view on once it has read this many bytes since it
 * last did, not at every call: often enough for the pages to be mapped
 * ahead of it (view.c), and before it asks the view for more bytes.
 */
#define FW_VIEW_SKIP_EVERY (16u << 10)

struct fw_ahead {
	uintptr_t next, end;
	uint64_t window;	/* the window they are in (view.c counts them) */
};

/*
 * After fw_view_need() handed out the bytes at p: the read-ahead goes on
 * from where it was in the same window, else starts at p.
 */
void fw_view_ahead_at(const struct fw_view *v, struct fw_ahead *a, const uint8_t *p);

/* The lines due once the reader is at at: prefetched; the new next. */
static inline __attribute__((always_inline)) uintptr_t
fw_view_ahead(uintptr_t next, uintptr_t end, const uint8_t *at)
{
	uintptr_t to = (uintptr_t)at + FW_VIEW_AHEAD;

	if (next >= to)
		return next;
	/* a record longer than the read-ahead left it behind: from the reader on */
	if (next < (uintptr_t)at)
		next = (uintptr_t)at & ~(uintptr_t)(FW_VIEW_LINE - 1);
	if (to > end)
		to = end;
	/*
	 * A prefetch never faults, so the last burst may run a few lines
	 * past the window's end
	 */
	for (; next < to; next += FW_VIEW_BURST * FW_VIEW_LINE) {
		__builtin_prefetch((const void *)next);
		__builtin_prefetch((const void *)(next + 1 * FW_VIEW_LINE));
		__builtin_prefetch((const void *)(next + 2 * FW_VIEW_LINE));
		__builtin_prefetch((const void *)(next + 3 * FW_VIEW_LINE));
		__builtin_prefetch((const void *)(next + 4 * FW_VIEW_LINE));
		__builtin_prefetch((const void *)(next + 5 * FW_VIEW_LINE));
		__builtin_prefetch((const void *)(next + 6 * FW_VIEW_LINE));
		__builtin_prefetch((const void *)(next + 7 * FW_VIEW_LINE));
	}
	return next;
}

#endif
