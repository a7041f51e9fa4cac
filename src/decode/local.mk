noinst_LIBRARIES += libfwdecode.a
libfwdecode_a_SOURCES = \
	src/decode/frame.c src/decode/frame.h \
	src/decode/frame_dot11.c \
	src/decode/llc.c src/decode/internal.h \
	src/decode/radiotap.c src/decode/ppi.c src/decode/prism.c src/decode/radio.h \
	src/decode/dot11.c src/decode/dot11.h \
	src/decode/eapol.c src/decode/eapol.h \
	src/decode/ie.c src/decode/ie.h \
	src/decode/radius.c src/decode/radius.h \
	$(NULL)
libfwdecode_a_CFLAGS = $(AM_CFLAGS)
