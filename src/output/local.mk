noinst_LIBRARIES += libfwoutput.a
libfwoutput_a_SOURCES = \
	src/output/view.c src/output/view.h \
	src/output/annot.c src/output/annot.h \
	src/output/json.c src/output/json.h \
	src/output/text.c src/output/text.h \
	src/output/ladder.c src/output/ladder.h \
	src/output/tstyle.c src/output/tstyle.h \
	src/output/fmt.c src/output/fmt.h \
	src/output/utf8.c src/output/utf8.h \
	$(NULL)
libfwoutput_a_CFLAGS = $(AM_CFLAGS)
