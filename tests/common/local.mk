# Helpers that several test programs share (tests/common/): the corpus
# folder and the SKIP without it.  Built only for make check.
check_LIBRARIES = tests/common/libtcommon.a
tests_common_libtcommon_a_SOURCES = tests/common/corpus.c tests/common/corpus.h
