noinst_LIBRARIES += libfwkeys.a
libfwkeys_a_SOURCES = \
	src/keys/internal.h \
	src/keys/keyfile.c \
	src/keys/keyline.c \
	src/keys/keylog.c \
	src/keys/lines.c \
	src/keys/keyring.c src/keys/keyring.h \
	src/keys/keysyntax.c src/keys/keysyntax.h \
	$(NULL)
libfwkeys_a_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS)
