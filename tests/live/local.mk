# Tests of `fourway live`: the refresh API and the capture pieces (Check),
# a TUN device standing in for a monitor interface, the TUI under tmux,
# and replays with their original timing.
check_PROGRAMS += tests/live/test_live tests/live/tun-replay
TESTS += tests/live/test_live tests/live/tun.sh tests/live/tun_corpus.sh tests/live/tui.sh tests/live/tui_big.sh tests/live/tui_finding.sh tests/live/replay.sh tests/live/rotate.sh
tests_live_test_live_SOURCES = tests/live/test_live.c tests/e2e/corpus_table.h
tests_live_test_live_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JSONC_CFLAGS)
tests_live_test_live_LDADD = tests/common/libtcommon.a libfwdrive.a libfwlive.a libfwoutput.a libfwlogs.a libfwhandshake.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a \
	$(CHECK_LIBS) $(NL_LIBS) $(CAPNG_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS) $(JSONC_LIBS)
# The corpus cases, the same source built as a program of their own: SKIP
# without the corpus.
check_PROGRAMS += tests/live/test_live_corpus
TESTS += tests/live/test_live_corpus
tests_live_test_live_corpus_SOURCES = $(tests_live_test_live_SOURCES)
tests_live_test_live_corpus_CPPFLAGS = $(AM_CPPFLAGS) -DTEST_LIVE_CORPUS
tests_live_test_live_corpus_CFLAGS = $(tests_live_test_live_CFLAGS)
tests_live_test_live_corpus_LDADD = $(tests_live_test_live_LDADD)
# Several interfaces as one source, with stand-in live sources: no root.
check_PROGRAMS += tests/live/test_multi
TESTS += tests/live/test_multi tests/live/tun_multi.sh
tests_live_test_multi_SOURCES = tests/live/test_multi.c
tests_live_test_multi_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_live_test_multi_LDADD = libfwlive.a libfwcapture.a libfwutil.a \
	$(CHECK_LIBS) $(NL_LIBS) $(CAPNG_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS)
# The radio's hop thread, with a stand-in set-channel call: no Wi-Fi.
check_PROGRAMS += tests/live/test_radio
TESTS += tests/live/test_radio
tests_live_test_radio_SOURCES = tests/live/test_radio.c
tests_live_test_radio_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_live_test_radio_LDADD = libfwlive.a libfwutil.a $(CHECK_LIBS) $(NL_LIBS) $(CAPNG_LIBS)
tests_live_tun_replay_SOURCES = tests/live/tun-replay.c
tests_live_tun_replay_LDADD = libfwcapture.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS)
EXTRA_DIST += tests/live/tun_multi.sh tests/live/lib.sh tests/live/tun.sh tests/live/tun_corpus.sh tests/live/tui.sh tests/live/tui_big.sh tests/live/tui_finding.sh tests/live/replay.sh tests/live/rotate.sh
# A capture stream on a pipe (`fourway live -`), written slowly.
check_PROGRAMS += tests/live/slow-writer
TESTS += tests/live/pipe.sh tests/live/tui_pipe.sh
tests_live_slow_writer_SOURCES = tests/live/slow-writer.c
EXTRA_DIST += tests/live/pipe.sh tests/live/tui_pipe.sh tests/live/reshape.py
# The finding stream over every capture, validated against the JSON Schema.
TESTS += tests/live/stream.sh
EXTRA_DIST += tests/live/stream.sh tests/live/schema.py
# -t time formats in analyze, live and annotate; one handshake numbering.
TESTS += tests/live/times.sh
EXTRA_DIST += tests/live/times.sh
