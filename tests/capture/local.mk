check_PROGRAMS += tests/capture/test_capture
TESTS += tests/capture/test_capture
tests_capture_test_capture_SOURCES = \
	tests/capture/test_capture.c tests/capture/suites.h \
	tests/capture/helpers.c \
	tests/capture/test_file.c \
	tests/capture/test_writer.c \
	tests/capture/test_pcapng.c \
	tests/capture/test_merge.c \
	tests/capture/test_ifid.c \
	tests/capture/test_outfile.c \
	tests/capture/test_mapped.c \
	$(NULL)
tests_capture_test_capture_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PCAP_CFLAGS) $(ZLIB_CFLAGS)
tests_capture_test_capture_LDADD = tests/common/libtcommon.a libfwcapture.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS)

# The corpus cases, a program of their own: SKIP without the corpus.
check_PROGRAMS += tests/capture/test_capture_corpus
TESTS += tests/capture/test_capture_corpus
tests_capture_test_capture_corpus_SOURCES = \
	tests/capture/test_capture_corpus.c tests/capture/suites.h \
	tests/capture/helpers.c \
	tests/capture/test_file.c \
	tests/capture/test_merge.c \
	tests/capture/test_mapped.c \
	$(NULL)
tests_capture_test_capture_corpus_CFLAGS = $(tests_capture_test_capture_CFLAGS)
tests_capture_test_capture_corpus_LDADD = $(tests_capture_test_capture_LDADD)
