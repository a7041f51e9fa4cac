noinst_LIBRARIES += libfwutil.a
libfwutil_a_SOURCES = \
	src/util/crc32.c src/util/crc32.h \
	src/util/cursor.c src/util/cursor.h \
	src/util/err.c src/util/err.h \
	src/util/heap.c src/util/heap.h \
	src/util/hex.c src/util/hex.h \
	src/util/mac.c src/util/mac.h \
	src/util/rfile.c src/util/rfile.h \
	src/util/suite.c src/util/suite.h \
	src/util/zero.c src/util/zero.h \
	$(NULL)
