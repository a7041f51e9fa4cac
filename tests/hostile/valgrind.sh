#!/bin/sh
# valgrind.sh - fourway analyze under valgrind (memcheck, full leak check)
# with keys, over every capture in captures/, the small hostile inputs of
# mkhostile, and once with --json --merge over captures/; run as
# valgrind_corpus.sh (FW_VG_CORPUS set), over every capture of the corpus
# instead (FOURWAY_CORPUS; its MANIFEST.tsv gives each capture's passphrase
# and SSID, and a wrong passphrase is given where none is known, so the MIC
# paths run too), and SKIP without it.  Any memcheck error or leak fails the run
# (--error-exitcode=1: fourway analyze itself exits 0 or 2, never 1).
# Skips when valgrind is absent or fourway is a sanitizer build.
top=${top_srcdir:-.}
bld=${top_builddir:-.}
fw=$bld/fourway
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-valgrind.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v valgrind >/dev/null 2>&1 || { echo "valgrind.sh: valgrind not found: skipping"; exit 77; }
[ -x "$fw" ] || { echo "valgrind.sh: $fw not built"; exit 99; }
if grep -q __asan_init "$fw" 2>/dev/null; then
	echo "valgrind.sh: $fw is built with AddressSanitizer, which valgrind cannot run: skipping"
	exit 77
fi

. "$top/tests/lib.sh"	# ok, nok, need_corpus
[ -z "${FW_VG_CORPUS:-}" ] || need_corpus
# vg WANT_STATUS NAME ARGS...: fourway ARGS under memcheck
vg() {
	want=$1 name=$2
	shift 2
	valgrind -q --error-exitcode=1 --leak-check=full --log-file="$tmp/vg.log" \
		"$fw" "$@" >/dev/null 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$want" ] && [ ! -s "$tmp/vg.log" ]; then
		ok "$name"
	else
		nok "$name: exit $st, want $want"
		head -n 40 "$tmp/vg.log" "$tmp/err"
	fi
}

WRONG='not the passphrase'
if [ -n "${FW_VG_CORPUS:-}" ]; then
	# file, source, link type, frames, SSID, passphrase, ...
	tail -n +2 "$corpus/MANIFEST.tsv" | cut -f1,5,6 >"$tmp/manifest"
	while IFS='	' read -r file ssid pass; do
		[ -n "$pass" ] || pass=$WRONG
		if [ -n "$ssid" ]; then
			vg 0 "corpus $file" analyze --passphrase "$pass" --ssid "$ssid" "$corpus/$file"
		else
			vg 0 "corpus $file" analyze --passphrase "$pass" "$corpus/$file"
		fi
	done <"$tmp/manifest"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

vg 0 "wpa2-psk.pcap" analyze --passphrase 'correct horse battery staple' "$top/captures/wpa2-psk.pcap"
vg 0 "wrong-psk.pcap" analyze --passphrase 'the right passphrase' "$top/captures/wrong-psk.pcap"
vg 0 "m4-drop.pcap" analyze --passphrase 'first four lost' "$top/captures/m4-drop.pcap"
vg 0 "captures/ --json --merge" analyze --json --merge --passphrase "$WRONG" \
	--pmk 97ec771347e64d42367432d72387c78aff911d091343a452ccc68192a50a96de "$top/captures/"*.pcap

if [ -x "$bld/tests/hostile/mkhostile" ] && "$bld/tests/hostile/mkhostile" "$tmp"; then
	for h in snaplen zero rtlen rtext eapol keydata; do
		vg 0 "hostile $h.pcap" analyze --json --passphrase "$WRONG" "$tmp/$h.pcap"
	done
	vg 2 "hostile truncated.pcap" analyze --passphrase "$WRONG" "$tmp/truncated.pcap"
	vg 2 "hostile caplen.pcap" analyze --passphrase "$WRONG" "$tmp/caplen.pcap"
	vg 2 "hostile junk.keys" analyze --key-file "$tmp/junk.keys" "$tmp/snaplen.pcap"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
