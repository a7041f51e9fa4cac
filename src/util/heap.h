/*
 * heap.h - the heap of a run over files, asked for in huge pages.
 *
 * A run's memory is its links' (about 10 KB each, in many small blocks),
 * allocated as frames come.  Each fresh 4 KiB page of heap costs a fault,
 * its zeroing and its charge to the cgroup (about 2 us on the bench's
 * machine); a transparent huge page costs one fault for 512 pages.  glibc
 * asks the kernel for huge pages only when an environment tunable tells it
 * to (glibc.malloc.hugetlb), which a program cannot set for itself once
 * running, and the kernel's default policy gives them only to memory
 * advised MADV_HUGEPAGE.  So fw_heap_huge() grows the heap once, ahead of
 * the links, by RESERVE bytes of address space (memory only when touched)
 * and advises that range; the C library keeps RESERVE bytes free at the top
 * from then on, so the range is not given back and taken again piecewise.
 *
 * Once a process; nothing when the C library is not glibc, when the heap
 * is not grown by brk (a sanitizer's allocator, brk refused) or when the
 * kernel has no such advice.  Never fails: the heap is then as before.
 */
#ifndef FW_UTIL_HEAP_H
#define FW_UTIL_HEAP_H

#include <stddef.h>

void fw_heap_huge(size_t reserve);

#endif
