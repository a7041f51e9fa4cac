/*
 * test_heap.c - fw_heap_huge: the heap grown once by the reserve, that
 * range advised for huge pages, malloc's small blocks served from it, and
 * a second call a no-op.  Read from the kernel's own account of the
 * process (/proc/self/smaps), not from the function.  SKIP (77) where the
 * premise is absent: a sanitizer's allocator (no brk heap), a kernel
 * without transparent huge pages, a C library other than glibc.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/run.h"
#include "util/heap.h"

#define RESERVE (8u << 20)

/* GCC says __SANITIZE_ADDRESS__, clang __has_feature */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define NOT_GLIBC_HEAP 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
#define NOT_GLIBC_HEAP 1
#endif
#define THP "/sys/kernel/mm/transparent_hugepage/enabled"

/* VmFlags of the mapping that holds ADDR ("" when none): "hg" is MADV_HUGEPAGE */
static void vm_flags(uintptr_t addr, char *out, size_t len)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;

	out[0] = '\0';
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
			in = addr >= lo && addr < hi;
		else if (in && strncmp(line, "VmFlags:", 8) == 0) {
			snprintf(out, len, "%s", line + 8);
			break;
		}
	}
	fclose(f);
}

/* FLAG as a whole word of the VmFlags line */
static bool has_flag(const char *flags, const char *flag)
{
	size_t n = strlen(flag);

	for (const char *p = flags; (p = strstr(p, flag)) != NULL; p++)
		if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

START_TEST(test_heap_grown_and_advised)
{
	uintptr_t before = (uintptr_t)sbrk(0), after;
	char flags[512];

	fw_heap_huge(RESERVE);
	after = (uintptr_t)sbrk(0);
	ck_assert_uint_ge(after - before, RESERVE / 2);
	vm_flags(after - 1, flags, sizeof(flags));
	ck_assert_msg(has_flag(flags, "hg"), "heap's top not advised MADV_HUGEPAGE: VmFlags%s", flags);
	/* the mapping below the old break keeps its pages as they were */
	vm_flags(before - 1, flags, sizeof(flags));
	ck_assert_msg(!has_flag(flags, "hg"), "advice below the reserve: VmFlags%s", flags);
}
END_TEST

START_TEST(test_heap_reserve_serves_malloc)
{
	enum { N = 2048, SZ = 1024 };
	static void *p[N];
	uintptr_t top;

	fw_heap_huge(RESERVE);
	top = (uintptr_t)sbrk(0);
	/* 2 MiB of small blocks: inside the reserve, without the heap growing */
	for (int i = 0; i < N; i++) {
		p[i] = malloc(SZ);
		ck_assert_ptr_nonnull(p[i]);
		memset(p[i], i & 0xff, SZ);
		ck_assert_uint_lt((uintptr_t)p[i], top);
	}
	ck_assert_uint_eq((uintptr_t)sbrk(0), top);
	for (int i = 0; i < N; i++)
		free(p[i]);
	/* the frees give nothing back: the reserve stays for the next blocks */
	ck_assert_uint_eq((uintptr_t)sbrk(0), top);
}
END_TEST

START_TEST(test_heap_once)
{
	uintptr_t top;

	fw_heap_huge(RESERVE);
	top = (uintptr_t)sbrk(0);
	fw_heap_huge(RESERVE);
	fw_heap_huge(4 * RESERVE);
	ck_assert_uint_eq((uintptr_t)sbrk(0), top);
}
END_TEST

static Suite *heap_suite(void)
{
	Suite *s = suite_create("heap");
	TCase *tc = tcase_create("huge");

	/* each test in its own process (Check's fork mode): a fresh heap and a fresh "once" */
	tcase_add_test(tc, test_heap_grown_and_advised);
	tcase_add_test(tc, test_heap_reserve_serves_malloc);
	tcase_add_test(tc, test_heap_once);
	suite_add_tcase(s, tc);
	return s;
}

/* why the premise is absent here, or NULL */
static const char *skip_reason(void)
{
#ifdef NOT_GLIBC_HEAP
	return "the heap is not glibc's brk heap in this build";
#else
	const char *fork = getenv("CK_FORK");

	if (access(THP, R_OK) != 0)
		return "no transparent huge pages in this kernel (" THP ")";
	if (fork && strcmp(fork, "no") == 0)
		return "each test needs a process of its own (CK_FORK=no)";
	return NULL;
#endif
}

int main(void)
{
	const char *why = skip_reason();

	if (why) {
		printf("SKIP: %s\n", why);
		return 77;
	}
	return tcommon_run(heap_suite(), NULL);
}
