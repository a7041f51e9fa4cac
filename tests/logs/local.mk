# The logs stage: the line parser on real lines of captures/, reading
# hostile logs, and alignment by known offsets; align.sh aligns real
# captures/messy runs and a copy shifted by a known amount (editcap);
# drift.sh a 301 s run of its copies on a log clock 200 ppm fast.
check_PROGRAMS += tests/logs/test_logs
TESTS += tests/logs/test_logs tests/logs/align.sh tests/logs/confirm.sh tests/logs/logsonly.sh tests/logs/drift.sh tests/logs/pmf.sh tests/logs/frontend.sh
EXTRA_DIST += tests/logs/align.sh tests/logs/confirm.sh tests/logs/logsonly.sh tests/logs/drift.sh tests/logs/pmf.sh tests/logs/frontend.sh
tests_logs_test_logs_SOURCES = \
	tests/logs/test_logs.c \
	tests/logs/test_line.c \
	tests/logs/test_read.c \
	tests/logs/test_align.c \
	tests/logs/suites.h \
	$(NULL)
tests_logs_test_logs_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_logs_test_logs_LDADD = libfwlogs.a libfwutil.a $(CHECK_LIBS)
