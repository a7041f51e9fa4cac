check_PROGRAMS += tests/crypto/test_crypto
TESTS += tests/crypto/test_crypto
tests_crypto_test_crypto_SOURCES = \
	tests/crypto/test_crypto.c tests/crypto/suites.h \
	tests/crypto/helpers.c \
	tests/crypto/frames.c tests/crypto/frames.h \
	tests/crypto/test_akm.c \
	tests/crypto/test_kdf.c \
	tests/crypto/test_ptk.c \
	tests/crypto/test_mic.c \
	tests/crypto/test_keywrap.c \
	tests/crypto/test_aead.c \
	tests/crypto/test_tkip.c \
	tests/crypto/test_radius.c \
	$(NULL)
tests_crypto_test_crypto_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS)
tests_crypto_test_crypto_LDADD = tests/common/libtcommon.a libfwcrypto.a libfwutil.a $(CHECK_LIBS) $(CRYPTO_LIBS)
