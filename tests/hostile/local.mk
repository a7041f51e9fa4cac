# Hostile input (README.md, "Hostile input"): mkhostile writes each input of
# the table, hostile.sh runs fourway on it and checks the behaviour.
check_PROGRAMS += tests/hostile/mkhostile
TESTS += tests/hostile/hostile.sh tests/hostile/outputs.sh tests/hostile/logs.sh
EXTRA_DIST += tests/hostile/hostile.sh tests/hostile/outputs.sh tests/hostile/logs.sh
tests_hostile_mkhostile_SOURCES = tests/hostile/mkhostile.c
tests_hostile_mkhostile_LDADD = libfwcapture.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS)
# memcheck over the analyze path (skips without valgrind, or in a sanitizer
# build), over the corpus apart (skips without it)
TESTS += tests/hostile/valgrind.sh tests/hostile/valgrind_corpus.sh
EXTRA_DIST += tests/hostile/valgrind.sh tests/hostile/valgrind_corpus.sh
# the memory and time budget: mkbudget writes the captures at test time
check_PROGRAMS += tests/hostile/mkbudget
TESTS += tests/hostile/budget.sh
EXTRA_DIST += tests/hostile/budget.sh
tests_hostile_mkbudget_SOURCES = tests/hostile/mkbudget.c tests/hostile/mkframe.c tests/hostile/mkframe.h
tests_hostile_mkbudget_LDADD = libfwcapture.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS)
# one keyed link of many handshakes, each per-message walk's worst case
check_PROGRAMS += tests/hostile/mkkeyed
tests_hostile_mkkeyed_SOURCES = tests/hostile/mkkeyed.c tests/hostile/mkframe.c tests/hostile/mkframe.h
tests_hostile_mkkeyed_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS)
tests_hostile_mkkeyed_LDADD = libfwcapture.a libfwcrypto.a libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)
