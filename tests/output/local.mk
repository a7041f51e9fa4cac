check_PROGRAMS += tests/output/test_output
TESTS += tests/output/test_output
tests_output_test_output_SOURCES = tests/output/test_output.c \
	tests/output/test_finding.c tests/output/test_utf8.c \
	tests/output/test_json.c tests/output/test_text.c tests/output/test_view.c \
	tests/output/test_annot.c tests/output/test_report.c tests/output/test_lstate.c \
	tests/output/fixtures.c tests/output/fixtures.h \
	tests/output/jcheck.c tests/output/jcheck.h \
	tests/output/suites.h \
	$(NULL)
tests_output_test_output_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JSONC_CFLAGS)
tests_output_test_output_LDADD = tests/common/libtcommon.a libfwdrive.a libfwoutput.a libfwlogs.a libfwhandshake.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS) $(JSONC_LIBS)

# The corpus case, a program of its own: SKIP without the corpus.
check_PROGRAMS += tests/output/test_output_corpus
TESTS += tests/output/test_output_corpus
tests_output_test_output_corpus_SOURCES = tests/output/test_output_corpus.c \
	tests/output/test_view.c \
	tests/output/fixtures.c tests/output/fixtures.h \
	tests/output/jcheck.c tests/output/jcheck.h \
	tests/output/suites.h \
	$(NULL)
tests_output_test_output_corpus_CFLAGS = $(tests_output_test_output_CFLAGS)
tests_output_test_output_corpus_LDADD = $(tests_output_test_output_LDADD)

# The reports to attach (HTML, Markdown), in a browser when chromium is
# installed, and the keys exported for Wireshark, checked with tshark.
TESTS += tests/output/report.sh tests/output/browser.sh tests/output/wskeys.sh
EXTRA_DIST += tests/output/report.sh tests/output/browser.sh tests/output/wskeys.sh

# The live table's rows kept across views against a full sort (no terminal).
check_PROGRAMS += tests/output/test_tui_rows
TESTS += tests/output/test_tui_rows
tests_output_test_tui_rows_SOURCES = tests/output/test_tui_rows.c
tests_output_test_tui_rows_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(NCURSES_CFLAGS)
tests_output_test_tui_rows_LDADD = tests/common/libtcommon.a libfwtui.a libfwoutput.a libfwlogs.a \
	libfwhandshake.a libfwkeys.a libfwcapture.a libfwcrypto.a libfwdecode.a libfwutil.a \
	$(CHECK_LIBS) $(NCURSES_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)

# The live screen's objects call each other one way (nm): no circle.
TESTS += tests/output/tui_layers.sh
EXTRA_DIST += tests/output/tui_layers.sh
