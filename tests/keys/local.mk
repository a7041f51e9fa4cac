check_PROGRAMS += tests/keys/test_keys
TESTS += tests/keys/test_keys
tests_keys_test_keys_SOURCES = \
	tests/keys/test_keys.c tests/keys/suites.h \
	tests/keys/helpers.c \
	tests/keys/test_keyring.c \
	tests/keys/test_keysyntax.c \
	tests/keys/test_keylog.c \
	$(NULL)
tests_keys_test_keys_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS)
tests_keys_test_keys_LDADD = tests/common/libtcommon.a libfwkeys.a libfwcrypto.a libfwutil.a $(CHECK_LIBS) $(CRYPTO_LIBS)
