# The synthesizer: its encoder against the decoder and crypto stages, and
# every committed scenario capture regenerated, compared and analyzed.
check_PROGRAMS += tests/synth/test_synth
TESTS += tests/synth/test_synth tests/synth/scenarios.sh tests/synth/crosscheck.sh
tests_synth_test_synth_SOURCES = tests/synth/test_synth.c
tests_synth_test_synth_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS)
tests_synth_test_synth_LDADD = tests/common/libtcommon.a libfwsynth.a libfwcapture.a libfwcrypto.a libfwdecode.a \
	libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)
EXTRA_DIST += tests/synth/scenarios.sh tests/synth/crosscheck.sh tests/synth/known-gaps \
	tests/synth/regen.sh

# Rewrite captures/synth/ from captures/synth/scenarios.list (commit the result).
synth-captures: fourway$(EXEEXT)
	sh $(top_srcdir)/tests/synth/regen.sh ./fourway$(EXEEXT) $(top_srcdir)/captures/synth
.PHONY: synth-captures
