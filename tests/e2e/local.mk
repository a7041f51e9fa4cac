# End-to-end tests: the whole pipeline over real captures, and the CLI.
check_PROGRAMS += tests/e2e/test_e2e tests/e2e/flood
TESTS += tests/e2e/test_e2e tests/e2e/cli.sh tests/e2e/misuse.sh tests/e2e/manpage.sh tests/e2e/sightings.sh tests/e2e/flood.sh tests/e2e/wrong_key.sh tests/e2e/pmkid_corpus.sh tests/e2e/complete.sh tests/check-includes.sh
# No circle between the program's objects (nm over fourway_OBJECTS and its libraries).
TESTS += tests/check-circles.sh
tests_e2e_test_e2e_SOURCES = tests/e2e/test_e2e.c tests/e2e/test_vmcaps.c \
	tests/e2e/corpus_table.h tests/e2e/suites.h \
	$(NULL)
tests_e2e_test_e2e_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_e2e_test_e2e_LDADD = tests/common/libtcommon.a libfwdrive.a libfwhandshake.a libfwkeys.a libfwcapture.a libfwcrypto.a \
	libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)
# The corpus cases, a program of their own: SKIP without the corpus.
check_PROGRAMS += tests/e2e/test_e2e_corpus
TESTS += tests/e2e/test_e2e_corpus
tests_e2e_test_e2e_corpus_SOURCES = tests/e2e/test_corpus.c tests/e2e/corpus_table.h
tests_e2e_test_e2e_corpus_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_e2e_test_e2e_corpus_LDADD = $(tests_e2e_test_e2e_LDADD)
EXTRA_DIST += tests/e2e/cli.sh tests/e2e/misuse.sh tests/e2e/manpage.sh tests/e2e/sightings.sh tests/e2e/flood.sh tests/e2e/wrong_key.sh \
	tests/e2e/pmkid_corpus.sh tests/e2e/complete.sh

# flood: a busy channel added around a capture (tests/e2e/flood.sh)
tests_e2e_flood_SOURCES = tests/e2e/flood.c
tests_e2e_flood_LDADD = libfwcapture.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS)
