# The program: one file a command (analyze, annotate, check, synth, live),
# the options they share, and the driver every reading command goes
# through (libfwdrive.a, src/cli/drive.mk).
bin_PROGRAMS += fourway
fourway_SOURCES = src/cli/main.c src/cli/opts.c src/cli/opts.h \
	src/cli/suggest.c src/cli/suggest.h \
	src/cli/analyze.c src/cli/annotate.c \
	src/cli/report.c src/cli/report.h \
	src/cli/check.c src/cli/check_walk.c src/cli/check_walk.h \
	src/cli/synth.c src/cli/complete.c \
	src/cli/logs.c src/cli/logs.h \
	$(NULL)
fourway_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS) $(JSONC_CFLAGS)
fourway_LDADD = libfwdrive.a libfwcheck.a libfwoutput.a libfwhandshake.a libfwlogs.a libfwkeys.a libfwsynth.a \
	libfwcapture.a libfwcrypto.a libfwdecode.a libfwutil.a \
	$(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS) $(JSONC_LIBS)

# `fourway live`: its sources and the libraries only it needs (libnl,
# libcap-ng, ncursesw).  The stage libraries they use come again after
# them, for the static link.
fourway_SOURCES += src/cli/live.c src/cli/live_buf.c src/cli/live_buf.h
fourway_LDADD += libfwtui.a libfwlive.a libfwoutput.a libfwhandshake.a libfwlogs.a \
	libfwcapture.a libfwdecode.a libfwutil.a \
	$(NL_LIBS) $(CAPNG_LIBS) $(NCURSES_LIBS) $(PCAP_LIBS) $(JSONC_LIBS)
