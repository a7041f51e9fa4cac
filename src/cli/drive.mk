# The driver: captures -> decode -> the reconstructor, written once
# (src/cli/drive.h).  Its own library, above capture, decode and handshake
# and below the commands, so the end-to-end tests and the pipeline fuzz
# target read captures the way the commands do without linking them.
noinst_LIBRARIES += libfwdrive.a
libfwdrive_a_SOURCES = src/cli/drive.c src/cli/drive.h
