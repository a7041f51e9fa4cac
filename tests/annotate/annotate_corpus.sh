#!/bin/sh
# annotate_corpus.sh - `fourway annotate` on a pcapng input from the corpus
# (Wireshark's wpa2-psk-mfp test capture, its passphrase from MANIFEST.tsv):
# the checks every capture gets (lib.sh), its four messages annotated and
# the M3 carrying the IGTK.  SKIP without the corpus.
#
# Needs tshark, capinfos and jq; prints "N passed, N failed" last.
. "${top_srcdir:-.}/tests/annotate/lib.sh"
need_corpus wireshark/wpa2-psk-mfp.pcapng

annotate_case mfp "$corpus/wireshark/wpa2-psk-mfp.pcapng" 12345678 # MANIFEST.tsv
n=$(grep -c '	M[1-4] of handshake 1 .*' "$tmp/mfp.comments")
check "mfp: its four messages annotated" '[ "$n" -eq 4 ]' "$n"
check "mfp: M3 carries the IGTK (802.11w)" 'grep -q "	M3 of handshake 1 .*, IGTK id " "$tmp/mfp.comments"'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
