check_PROGRAMS += tests/util/test_util
TESTS += tests/util/test_util
tests_util_test_util_SOURCES = tests/util/test_util.c tests/util/test_cursor.c \
	tests/util/test_mac.c tests/util/suites.h
tests_util_test_util_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_util_test_util_LDADD = tests/common/libtcommon.a libfwutil.a $(CHECK_LIBS)

check_PROGRAMS += tests/util/test_heap
TESTS += tests/util/test_heap
tests_util_test_heap_SOURCES = tests/util/test_heap.c
tests_util_test_heap_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_util_test_heap_LDADD = tests/common/libtcommon.a libfwutil.a $(CHECK_LIBS)
