# The driver (src/cli/drive.h) over pcap files the test writes byte by byte.
check_PROGRAMS += tests/cli/test_drive
TESTS += tests/cli/test_drive
tests_cli_test_drive_SOURCES = tests/cli/test_drive.c
tests_cli_test_drive_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_cli_test_drive_LDADD = libfwdrive.a libfwhandshake.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS)
