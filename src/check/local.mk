# The check stage: `fourway check` judges captures by their .expect rules,
# a policy or a baseline, and writes text, TAP and JUnit.  It sits above
# handshake/ and output/ (views, formats, UTF-8 and the terminal style) and
# below the commands.
noinst_LIBRARIES += libfwcheck.a
libfwcheck_a_SOURCES = \
	src/check/check.c src/check/check.h \
	src/check/expect.c src/check/expect.h \
	src/check/baseline.c src/check/baseline.h \
	src/check/jread.c src/check/jread.h \
	src/check/tap.c src/check/junit.c src/check/checkout.h \
	$(NULL)
libfwcheck_a_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
