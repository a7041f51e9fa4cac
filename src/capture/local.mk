noinst_LIBRARIES += libfwcapture.a
libfwcapture_a_SOURCES = \
	src/capture/file.c src/capture/source.h \
	src/capture/gz.c src/capture/gz.h \
	src/capture/merge.c src/capture/merge.h \
	src/capture/writer.c src/capture/writer.h \
	src/capture/pcapng.c src/capture/pcapng.h \
	$(NULL)
libfwcapture_a_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS) $(ZLIB_CFLAGS)
