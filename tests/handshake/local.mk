check_PROGRAMS += tests/handshake/test_handshake
TESTS += tests/handshake/test_handshake
tests_handshake_test_handshake_SOURCES = tests/handshake/test_handshake.c \
	tests/handshake/test_core.c tests/handshake/builder.c tests/handshake/builder.h \
	tests/handshake/test_radius.c \
	tests/handshake/suites.h \
	$(NULL)
tests_handshake_test_handshake_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS)
tests_handshake_test_handshake_LDADD = libfwhandshake.a libfwkeys.a libfwcrypto.a \
	libfwdecode.a libfwutil.a $(CHECK_LIBS) $(CRYPTO_LIBS)
