# Fuzz targets (libFuzzer).  In the ordinary build each target is linked
# with driver.c and replays its seeds and past crashes in `make check`
# (fuzz/regress.sh).  `make fuzz` configures a second build in fuzz-build/
# with the clang configure found (--enable-fuzzing: every library built
# with ASan, UBSan and coverage instrumentation), links the same targets
# against libFuzzer there, and runs each for FUZZ_SECONDS (fuzz/run.sh).
FUZZ_TARGETS = fuzz/fuzz_radiotap fuzz/fuzz_dot11 fuzz/fuzz_eapol fuzz/fuzz_ie \
	fuzz/fuzz_keyfile fuzz/fuzz_keylog fuzz/fuzz_pipeline fuzz/fuzz_dlog \
	fuzz/fuzz_capfile fuzz/fuzz_baseline \
	$(NULL)
check_PROGRAMS += $(FUZZ_TARGETS) fuzz/mkseeds
TESTS += fuzz/regress.sh
EXTRA_DIST += fuzz/regress.sh fuzz/run.sh fuzz/seeds fuzz/regress

if FUZZING
fuzz_main =
else
fuzz_main = fuzz/driver.c
endif
fuzz_common = fuzz/fuzz.h $(fuzz_main)
fuzz_decode_libs = libfwdecode.a libfwutil.a
fuzz_keys_libs = libfwkeys.a libfwcrypto.a libfwutil.a $(CRYPTO_LIBS)
fuzz_ldflags = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)

fuzz_fuzz_radiotap_SOURCES = fuzz/radiotap.c fuzz/inside.h $(fuzz_common)
fuzz_fuzz_radiotap_LDADD = $(fuzz_decode_libs)
fuzz_fuzz_radiotap_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_dot11_SOURCES = fuzz/dot11.c fuzz/inside.h $(fuzz_common)
fuzz_fuzz_dot11_LDADD = $(fuzz_decode_libs)
fuzz_fuzz_dot11_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_eapol_SOURCES = fuzz/eapol.c $(fuzz_common)
fuzz_fuzz_eapol_LDADD = $(fuzz_decode_libs)
fuzz_fuzz_eapol_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_ie_SOURCES = fuzz/ie.c $(fuzz_common)
fuzz_fuzz_ie_LDADD = $(fuzz_decode_libs)
fuzz_fuzz_ie_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_keyfile_SOURCES = fuzz/keys.c fuzz/scratch.c fuzz/scratch.h $(fuzz_common)
fuzz_fuzz_keyfile_LDADD = $(fuzz_keys_libs)
fuzz_fuzz_keyfile_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_keylog_SOURCES = $(fuzz_fuzz_keyfile_SOURCES)
fuzz_fuzz_keylog_CPPFLAGS = $(AM_CPPFLAGS) -DFUZZ_KEYLOG
fuzz_fuzz_keylog_LDADD = $(fuzz_keys_libs)
fuzz_fuzz_keylog_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_pipeline_SOURCES = fuzz/pipeline.c fuzz/stream.h $(fuzz_common)
fuzz_fuzz_pipeline_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(JSONC_CFLAGS)
fuzz_fuzz_pipeline_LDADD = libfwdrive.a libfwoutput.a libfwlogs.a libfwhandshake.a libfwkeys.a \
	libfwcapture.a libfwcrypto.a libfwdecode.a libfwutil.a \
	$(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS) $(JSONC_LIBS)
fuzz_fuzz_pipeline_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_dlog_SOURCES = fuzz/dlog.c $(fuzz_common)
fuzz_fuzz_dlog_LDADD = libfwlogs.a libfwutil.a
fuzz_fuzz_dlog_LDFLAGS = $(fuzz_ldflags)
fuzz_fuzz_capfile_SOURCES = fuzz/capfile.c fuzz/scratch.c fuzz/scratch.h $(fuzz_common)
fuzz_fuzz_capfile_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
fuzz_fuzz_capfile_LDADD = libfwcapture.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS)
fuzz_fuzz_capfile_LDFLAGS = $(fuzz_ldflags)
# The JSON reader and the baseline on it (check --baseline).
fuzz_fuzz_baseline_SOURCES = fuzz/baseline.c $(fuzz_common)
fuzz_fuzz_baseline_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
fuzz_fuzz_baseline_LDADD = libfwcheck.a libfwoutput.a libfwhandshake.a libfwlogs.a libfwkeys.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CRYPTO_LIBS) $(JSONC_LIBS)
fuzz_fuzz_baseline_LDFLAGS = $(fuzz_ldflags)
fuzz_mkseeds_SOURCES = fuzz/mkseeds.c fuzz/stream.h
fuzz_mkseeds_LDADD = libfwcapture.a libfwdecode.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS)

FUZZ_SECONDS = 60
if FUZZING
fuzz: $(FUZZ_TARGETS) fuzz/mkseeds
	FOURWAY_CORPUS='$(FOURWAY_CORPUS)' $(SHELL) $(srcdir)/fuzz/run.sh \
		'$(top_builddir)' '$(srcdir)' '$(FUZZ_SECONDS)'
else
fuzz:
	@test -n '$(FUZZ_CC)' || { echo "make fuzz: configure found no clang that links -fsanitize=fuzzer"; exit 1; }
	@test '$(abs_top_srcdir)' != '$(abs_top_builddir)' || \
		{ echo "make fuzz: needs a build directory apart from the sources (mkdir build && cd build && ../configure)"; exit 1; }
	@mkdir -p fuzz-build
	@test -f fuzz-build/Makefile || { echo "make fuzz: configuring fuzz-build with $(FUZZ_CC)"; \
		(cd fuzz-build && '$(abs_top_srcdir)/configure' --enable-fuzzing CC='$(FUZZ_CC)' \
			>configure.log 2>&1) || { cat fuzz-build/configure.log; exit 1; }; }
	$(MAKE) -C fuzz-build fuzz FUZZ_SECONDS='$(FUZZ_SECONDS)' FOURWAY_CORPUS='$(FOURWAY_CORPUS)'
endif
.PHONY: fuzz
