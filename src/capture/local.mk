noinst_LIBRARIES += libfwcapture.a
libfwcapture_a_SOURCES = \
	src/capture/source.c src/capture/source.h src/capture/internal.h \
	src/capture/file.c \
	src/capture/stream.c \
	src/capture/gz.c src/capture/gz.h \
	src/capture/ifid.c src/capture/ifid.h \
	src/capture/view.c src/capture/view.h \
	src/capture/pcaprec.c src/capture/pcaprec.h \
	src/capture/ngrec.c src/capture/ngrec.h \
	src/capture/merge.c src/capture/merge.h \
	src/capture/outfile.c src/capture/outfile.h \
	src/capture/writer.c src/capture/writer.h \
	src/capture/pcapng.c src/capture/pcapng.h \
	src/capture/rotate.c src/capture/rotate.h \
	$(NULL)
libfwcapture_a_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS) $(ZLIB_CFLAGS)

# The live side: libpcap on an interface, the radio through nl80211, -Z.
# Its own library, so programs that only read files do not link libnl.
noinst_LIBRARIES += libfwlive.a
libfwlive_a_SOURCES = \
	src/capture/live.c src/capture/live.h \
	src/capture/multi.c src/capture/multi.h \
	src/capture/nl80211.c src/capture/nl80211.h \
	src/capture/radio.c src/capture/radio.h \
	src/capture/privs.c src/capture/privs.h \
	$(NULL)
libfwlive_a_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS) $(NL_CFLAGS) $(CAPNG_CFLAGS)
