/*
 * Check's assertions for table-driven tests: the same comparisons as
 * ck_assert, ck_assert_int_eq, ck_assert_uint_le, ck_assert_mem_eq, ...,
 * but a failure leads with the case it failed on (what: the vector,
 * capture or case name), so that a loop over a table says which row broke.
 */
#ifndef FW_TESTS_COMMON_NAMED_H
#define FW_TESTS_COMMON_NAMED_H
#include <check.h>
#include <stdint.h>
#include <string.h>

#define tc_true(what, X) ck_assert_msg((X), "%s: '%s' failed", (what), #X)
#define tc_int_cmp(what, X, OP, Y)                                                        \
	do {                                                                              \
		intmax_t tc_x_ = (X), tc_y_ = (Y);                                        \
		ck_assert_msg(tc_x_ OP tc_y_, "%s: '%s %s %s' failed: %jd, %jd", (what), #X, \
			      #OP, #Y, tc_x_, tc_y_);                                     \
	} while (0)
#define tc_uint_cmp(what, X, OP, Y)                                                       \
	do {                                                                              \
		uintmax_t tc_x_ = (X), tc_y_ = (Y);                                       \
		ck_assert_msg(tc_x_ OP tc_y_, "%s: '%s %s %s' failed: %ju, %ju", (what), #X, \
			      #OP, #Y, tc_x_, tc_y_);                                     \
	} while (0)
#define tc_mem_eq(what, X, Y, N)                                                          \
	ck_assert_msg(memcmp((X), (Y), (N)) == 0, "%s: '%s' and '%s' differ", (what), #X, #Y)
#define tc_str_cmp(what, X, OP, Y)                                                        \
	do {                                                                              \
		const char *tc_x_ = (X), *tc_y_ = (Y);                                    \
		ck_assert_msg(tc_x_ && tc_y_ && strcmp(tc_x_, tc_y_) OP 0,                \
			      "%s: '%s %s %s' failed: \"%s\", \"%s\"", (what), #X, #OP, #Y,  \
			      tc_x_ ? tc_x_ : "(null)", tc_y_ ? tc_y_ : "(null)");        \
	} while (0)
#endif
