#!/bin/sh
# tun_corpus.sh - tun.sh over the radiotap captures of the corpus instead of
# captures/: SKIP without the corpus.
FW_TUN_CORPUS=1 exec sh "${top_srcdir:-.}/tests/live/tun.sh" "$@"
