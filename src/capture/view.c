/*
 * view.c - a regular file's bytes in place (view.h).
 *
 * The mapped side: one window [win_off, win_off + win_len) of the file at
 * a time, starting on a 2 MiB boundary of the file, WINDOW bytes or more
 * (a record longer than what is left gets a window from its own boundary),
 * never past the file's size as last seen.  Making the next window unmaps
 * the one before, so at most one window of the file is ever mapped (and
 * counted in the resident set).  The 2 MiB alignment lets the kernel map a
 * page-cache folio of that size with one page-table entry (the kernel puts
 * a mapping of 2 MiB or more on such a boundary): one fault and one TLB
 * entry where small pages take 512.  Filling a window ahead of use
 * (MAP_POPULATE, MADV_POPULATE_READ) measured dearer than those faults.
 * How the file came into the page cache matters as much: one just
 * written in small pieces (a capture tool, editcap) is held in 4 KiB
 * folios, mapped 64 KiB a fault; the same bytes read back from disk come
 * in large folios.  A 1 GB capture measured 25-60% more CPU the first way
 * (19k faults against 4k), whatever its format: compare two files only
 * once both came in the same way.
 *
 * A record read in place from a mapping misses the cache on its first
 * byte, and the misses of one record after another are not overlapped:
 * handed out bare, the records of a 1 GB capture cost more than the
 * kernel's copy they save (the copy streams the file into the cache at
 * full memory bandwidth).  So the file is read ahead by hand, a little at
 * every record: a prefetch of each cache line as it comes within a few
 * KiB of the record in use, so the misses overlap the work on the records
 * before them (loads issued in bursts instead, 64 KiB at a time, stalled
 * the reader on each burst: measured 5-10% more CPU on the bench file; a
 * prefetch of every other line only, 25% more).  The loop that uses the
 * records runs that part, fw_source_ahead() in source.h: here, at every
 * record, it cost more than the record's decoding, and the records are
 * read in batches, before they are used.  A prefetch of a page not mapped
 * yet is dropped, never faults;
 * so the view, as it is moved on, has one load every FAULT_STEP bytes, up
 * to PAGE_AHEAD ahead, map the pages first (a fault maps the 64 KiB
 * around it: a load a page costs a miss a page for nothing).
 *
 * The read side, where the kernel refuses a mapping (or refuses a window
 * later on): pread() of READ_CHUNK bytes at a time into one buffer, grown
 * to the largest record asked for; bytes already handed out are dropped
 * when it is refilled.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/view.h"
#include "util/err.h"

/* a window: large enough that making one costs nothing per record, small enough for the RSS */
#define WINDOW (4u << 20)
#define ALIGN (2u << 20)	/* x86-64's large page, and ext4's largest page-cache folio */
/* read ahead by hand (see the top): pages mapped by a load */
#define PAGE_AHEAD (128u << 10)
#define FAULT_STEP (64u << 10)	/* the kernel's fault-around, 64 KiB by default */
/* one pread of the read side: L2-sized, so the kernel's copy stays cheap */
#define READ_CHUNK (128u << 10)

struct fw_view {
	int fd;
	bool mapped;
	uint64_t pos;		/* the current offset */
	uint64_t size;		/* the file's size when last looked at */
	uint64_t page;		/* the page size */
	/* mapped: the window, and how far its pages have been mapped */
	uint8_t *win;
	uint64_t win_off;
	size_t win_len;
	uint64_t faulted;	/* pages loaded (so mapped) up to here */
	/* read: buf holds the file's bytes [buf_off, buf_off + buf_len) */
	uint8_t *buf;
	size_t cap;
	uint64_t buf_off;
	size_t buf_len;
	int err;		/* errno of the last failure */
};

static int failed(struct fw_view *v, int e)
{
	v->err = e;
	return e == ENOMEM ? FW_ENOMEM : FW_EIO;
}

static void unmap(struct fw_view *v)
{
	if (v->win)
		munmap(v->win, v->win_len);
	v->win = NULL;
	v->win_len = 0;
}

/* The file's size now. */
static int look(struct fw_view *v)
{
	struct stat st;

	if (fstat(v->fd, &st) != 0)
		return failed(v, errno);
	v->size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
	return 0;
}

/*
 * A window holding want bytes from pos, or as many as the file has; a
 * refused mapping turns the view to reading (0 then too).
 */
static int remap(struct fw_view *v, size_t want)
{
	uint64_t off, end;
	size_t len;
	void *p;
	int rc;

	unmap(v);
	rc = look(v);
	if (rc != 0)
		return rc;
	v->win_off = v->pos;
	if (v->pos >= v->size)
		return 0;
	off = v->pos & ~(uint64_t)(ALIGN - 1);
	end = v->pos + want > off + WINDOW ? v->pos + want : off + WINDOW;
	end = (end + v->page - 1) & ~(v->page - 1);
	if (end > v->size)
		end = v->size;
	len = (size_t)(end - off);
	if ((uint64_t)len != end - off) {
		v->mapped = false;	/* larger than the address space: read instead */
		return 0;
	}
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, v->fd, (off_t)off);
	if (p == MAP_FAILED) {
		v->mapped = false;
		return 0;
	}
	/*
	 * The kernel's read-ahead for a file not cached yet, which a fault
	 * then starts (asking for the next window early, POSIX_FADV_WILLNEED,
	 * measured a tenth of the CPU of a cached 1 GB file: it walks the
	 * cache for every page).
	 */
	madvise(p, len, MADV_SEQUENTIAL);
	v->win = p;
	v->win_off = off;
	v->win_len = len;
	v->faulted = v->pos & ~(v->page - 1);
	return 0;
}

/* Keep the pages to pos + PAGE_AHEAD mapped (see the top). */
static void fault_ahead(struct fw_view *v)
{
	uint64_t end = v->win_off + v->win_len, to;
	uint8_t acc = 0;

	if (v->faulted < v->pos)
		v->faulted = v->pos & ~(v->page - 1);
	to = v->pos + 2 * PAGE_AHEAD < end ? v->pos + 2 * PAGE_AHEAD : end;
	for (; v->faulted < to; v->faulted += FAULT_STEP)
		acc |= v->win[v->faulted - v->win_off];
	__asm__ volatile("" : : "r"(acc));	/* the loads are the point: keep them */
}

/* The read side: at least want bytes from pos in buf, unless the file ends first. */
static int fill(struct fw_view *v, size_t want)
{
	size_t keep = (size_t)(v->buf_off + v->buf_len - v->pos);

	if (v->pos != v->buf_off) {
		memmove(v->buf, v->buf + (v->pos - v->buf_off), keep);
		v->buf_off = v->pos;
		v->buf_len = keep;
	}
	if (v->cap < want + READ_CHUNK) {
		size_t cap = want + READ_CHUNK;
		uint8_t *b = realloc(v->buf, cap);

		if (!b)
			return failed(v, ENOMEM);
		v->buf = b;
		v->cap = cap;
	}
	while (v->buf_len < want) {
		size_t room = v->cap - v->buf_len;
		ssize_t n = pread(v->fd, v->buf + v->buf_len, room < READ_CHUNK ? room : READ_CHUNK,
				  (off_t)(v->buf_off + v->buf_len));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return failed(v, errno);
		if (n == 0)
			break;
		v->buf_len += (size_t)n;
	}
	return 0;
}

int fw_view_need(struct fw_view *v, size_t want, const uint8_t **p, size_t *have)
{
	int rc;

	if (v->mapped) {
		if (v->pos + want > v->win_off + v->win_len) {
			rc = remap(v, want);
			if (rc != 0)
				return rc;
		}
		if (v->mapped) {
			*p = v->win ? v->win + (v->pos - v->win_off) : NULL;
			*have = (size_t)(v->win_off + v->win_len - v->pos);
			return 0;
		}
		v->buf_off = v->pos;	/* turned to reading: nothing buffered yet */
		v->buf_len = 0;
	}
	if (v->pos + want > v->buf_off + v->buf_len) {
		rc = fill(v, want);
		if (rc != 0)
			return rc;
	}
	*p = v->buf + (v->pos - v->buf_off);
	*have = (size_t)(v->buf_off + v->buf_len - v->pos);
	return 0;
}

void fw_view_skip(struct fw_view *v, size_t n)
{
	v->pos += n;
	if (v->win && v->faulted < v->pos + PAGE_AHEAD && v->faulted < v->win_off + v->win_len)
		fault_ahead(v);
}

int fw_view_errno(const struct fw_view *v)
{
	return v->err;
}

uint64_t fw_view_offset(const struct fw_view *v)
{
	return v->pos;
}

bool fw_view_mapped(const struct fw_view *v)
{
	return v->mapped;
}

int fw_view_new(struct fw_view **out, int fd, uint64_t start, bool map)
{
	struct fw_view *v;
	struct stat st;
	long page = sysconf(_SC_PAGESIZE);

	*out = NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return FW_EIO;
	v = calloc(1, sizeof(*v));
	if (!v)
		return FW_ENOMEM;
	v->fd = fd;
	v->pos = start;
	v->buf_off = start;
	v->win_off = start;
	v->page = page > 0 && (page & (page - 1)) == 0 ? (uint64_t)page : 4096;
	/*
	 * A file whose size says less than was read of it already (some
	 * pseudo-files say 0) cannot be mapped: read it.
	 */
	v->mapped = map && st.st_size > 0 && (uint64_t)st.st_size >= start;
#ifdef POSIX_FADV_SEQUENTIAL
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	*out = v;
	return 0;
}

void fw_view_free(struct fw_view *v)
{
	if (!v)
		return;
	unmap(v);
	free(v->buf);
	free(v);
}
