# Helpers that several test programs share (tests/common/): the corpus
# folder and the SKIP without it (corpus.h), the main of a Check program
# (run.h), a capture through the driver into a finished core
# (run_capture.h: link libfwdrive.a and the stages below it after this
# library), scratch folders (tmpdir.h), and the assertions of table-driven
# tests (named.h).  Built only for make check.
check_LIBRARIES = tests/common/libtcommon.a
tests_common_libtcommon_a_SOURCES = tests/common/corpus.c tests/common/corpus.h \
	tests/common/run.c tests/common/run.h \
	tests/common/run_capture.c tests/common/run_capture.h \
	tests/common/tmpdir.c tests/common/tmpdir.h \
	tests/common/named.h \
	$(NULL)
tests_common_libtcommon_a_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
