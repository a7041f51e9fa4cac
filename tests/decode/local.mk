check_PROGRAMS += tests/decode/test_decode
TESTS += tests/decode/test_decode
tests_decode_test_decode_SOURCES = tests/decode/test_decode.c tests/decode/suites.h \
	tests/decode/bytes.h \
	tests/decode/test_radio.c tests/decode/test_dot11.c tests/decode/test_eapol.c \
	tests/decode/test_ie.c tests/decode/test_link.c \
	tests/decode/test_radius.c tests/decode/test_fast.c tests/decode/test_rtmore.c \
	$(NULL)
tests_decode_test_decode_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PCAP_CFLAGS)
tests_decode_test_decode_LDADD = tests/common/libtcommon.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS)

# The corpus cases, a program of their own: SKIP without the corpus.
check_PROGRAMS += tests/decode/test_decode_corpus
TESTS += tests/decode/test_decode_corpus
tests_decode_test_decode_corpus_SOURCES = tests/decode/test_corpus.c tests/decode/bytes.h
tests_decode_test_decode_corpus_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PCAP_CFLAGS)
tests_decode_test_decode_corpus_LDADD = tests/common/libtcommon.a libfwdecode.a libfwutil.a \
	$(CHECK_LIBS) $(PCAP_LIBS)
