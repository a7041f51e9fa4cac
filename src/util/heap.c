/* heap.c - the heap of a run over files in huge pages (heap.h says why). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "util/heap.h"

/* below glibc's default threshold for a block of its own mapping (128 KiB) */
#define GROW_STEP (120u << 10)
#define GROW_TRIES 4

void fw_heap_huge(size_t reserve)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE) && defined(M_TOP_PAD)
	static bool done;
	void *p[GROW_TRIES];
	uintptr_t lo, hi, page;
	int n = 0;

	if (done || reserve > (size_t)INT32_MAX)
		return;
	done = true;
	lo = (uintptr_t)sbrk(0);
	if (lo == (uintptr_t)-1 || mallopt(M_TOP_PAD, (int)reserve) != 1)
		return;
	/*
	 * The next growth of the heap takes RESERVE more; blocks of a step
	 * each make it happen once the top's free room is used up (glibc
	 * keeps about 128 KiB there until now).
	 */
	while (n < GROW_TRIES && (uintptr_t)sbrk(0) == lo && (p[n] = malloc(GROW_STEP)) != NULL)
		n++;
	while (n > 0)
		free(p[--n]);
	/* after the frees: glibc gives back what is above the reserve */
	hi = (uintptr_t)sbrk(0);
	page = (uintptr_t)sysconf(_SC_PAGESIZE);
	if (hi == (uintptr_t)-1 || hi <= lo || hi - lo < reserve / 2 || page == 0 || page & (page - 1))
		return;
	lo = (lo + page - 1) & ~(page - 1);
	/* advice only: a kernel without transparent huge pages says EINVAL */
	(void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
	(void)reserve;
#endif
}
