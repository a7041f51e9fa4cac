noinst_LIBRARIES += libfwcrypto.a
libfwcrypto_a_SOURCES = \
	src/crypto/aead.c src/crypto/aead.h \
	src/crypto/akm.c src/crypto/akm.h \
	src/crypto/fetch.c \
	src/crypto/hash.c src/crypto/internal.h \
	src/crypto/kdf.c src/crypto/kdf.h \
	src/crypto/keywrap.c src/crypto/keywrap.h \
	src/crypto/mic.c src/crypto/mic.h \
	src/crypto/ptk.c src/crypto/ptk.h \
	src/crypto/radius.c src/crypto/radius.h \
	src/crypto/tkip.c src/crypto/tkip.h \
	$(NULL)
libfwcrypto_a_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS)
