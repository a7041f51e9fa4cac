#!/bin/sh
# valgrind_corpus.sh - valgrind.sh over every capture of the corpus instead
# of captures/ and the hostile inputs: SKIP without the corpus.
FW_VG_CORPUS=1 exec sh "${top_srcdir:-.}/tests/hostile/valgrind.sh" "$@"
