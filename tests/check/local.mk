# fourway check: the .expect parser, the rules, the JSON reader and the
# baseline comparison, the TAP and JUnit writers (Check), and the command
# end to end over captures/ (check.sh).
check_PROGRAMS += tests/check/test_check
TESTS += tests/check/test_check tests/check/check.sh
tests_check_test_check_SOURCES = tests/check/test_check.c \
	tests/check/test_expect.c tests/check/test_rules.c tests/check/test_jread.c \
	tests/check/test_baseline.c tests/check/test_writers.c \
	tests/check/views.c tests/check/views.h tests/check/suites.h \
	$(NULL)
tests_check_test_check_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JSONC_CFLAGS)
tests_check_test_check_LDADD = tests/common/libtcommon.a libfwcheck.a libfwoutput.a libfwlogs.a libfwhandshake.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS) $(JSONC_LIBS)
EXTRA_DIST += tests/check/check.sh tests/lib.sh
