noinst_LIBRARIES += libfwsynth.a
libfwsynth_a_SOURCES = \
	src/synth/synth.h src/synth/internal.h \
	src/synth/rng.c src/synth/rng.h \
	src/synth/enc.c src/synth/enc.h \
	src/synth/scene.c \
	src/synth/scenarios.c \
	src/synth/scenarios_eap.c \
	src/synth/dot1x.c \
	src/synth/run.c \
	src/synth/daemonlog.c \
	src/synth/splitap.c \
	src/synth/fail.c \
	src/synth/autolog.c \
	$(NULL)
libfwsynth_a_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS)
