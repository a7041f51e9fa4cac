#!/bin/sh
# hostile.sh - the hostile-input table of README.md ("Hostile input"), one
# case at a time: mkhostile writes each input, fourway analyze reads it,
# and the test asserts the behaviour the table promises: the exit status,
# the message naming the file, frame and field, the counts of frames and
# malformed frames in the JSON report, and for 100 000 fake stations the
# --max-links cap and the peak memory (GNU time, when installed; not in a
# sanitizer build, whose shadow memory would swamp the figure).
#
# Needs jq; prints "N passed, N failed" last.
top=${top_srcdir:-.}
bld=${top_builddir:-.}
fw=$bld/fourway
mk=$bld/tests/hostile/mkhostile
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-hostile.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v jq >/dev/null 2>&1 || { echo "hostile.sh: jq not found: skipping"; exit 77; }
[ -x "$fw" ] && [ -x "$mk" ] || { echo "hostile.sh: $fw or $mk not built"; exit 99; }
"$mk" "$tmp" || { echo "hostile.sh: mkhostile failed"; exit 99; }

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok - $case: $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $case: $1"; }

# analyze WANT_STATUS ARGS...: fourway analyze --json ARGS, report in $tmp/json, stderr in $tmp/err
analyze() {
	want=$1
	shift
	"$fw" analyze --json "$@" >"$tmp/json" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$want" ]; then pass "exit $want"; else fail "exit $st, want $want: $(head -c 300 "$tmp/err")"; fi
}
# said TEXT: stderr holds TEXT (a fixed string)
said() {
	if grep -qF -- "$1" "$tmp/err"; then pass "says '$1'"; else fail "no '$1' in: $(head -c 300 "$tmp/err")"; fi
}
# holds EXPR: the JSON report makes the jq expression true
holds() {
	if jq -e "$1" "$tmp/json" >/dev/null 2>&1; then pass "$1"; else fail "$1 is false"; fi
}

case="truncated file"
f=$tmp/truncated.pcap
analyze 2 "$f"
said "$f: frame 5: truncated dump file; tried to read 131 captured bytes, only got 10"
holds '.inputs[0].frames == 4 and .inputs[0].malformed == 0'
holds '.inputs[0].error | test("frame 5: truncated dump file")'
holds '[.links[].handshakes[].messages | length] == [3]'

# malformed NAME FILE FRAMES MALFORMED MESSAGE...: read to the end (exit 0),
# the bad frames counted; by default one line on standard error counts them
# and names the first (MESSAGE 1), with -v each message is said
malformed() {
	case=$1 f=$tmp/$2 frames=$3 bad=$4
	shift 4
	if [ $# -gt 0 ]; then
		analyze 0 "$f"
		lines=$(wc -l <"$tmp/err")
		if [ "$bad" = 1 ]; then
			said "$f: 1 malformed frame, $1"
		else
			said "$f: $bad malformed frames, the first $1 (-v lists them)"
		fi
		if [ "$lines" = 1 ]; then pass "one line on stderr"; else fail "$lines lines on stderr"; fi
		analyze 0 -v "$f"
		for m in "$@"; do said "$f: $m"; done
		lines=$(wc -l <"$tmp/err")
		if [ "$lines" = $# ]; then pass "-v: one line each"; else fail "-v: $lines lines on stderr, want $#"; fi
	else
		analyze 0 "$f"
	fi
	holds ".inputs[0].frames == $frames and .inputs[0].malformed == $bad"
}
malformed "absurd snaplen" snaplen.pcap 2 0
holds '(.inputs[0] | has("error") | not) and (.links | length == 1)'

case="caplen past the snaplen"
f=$tmp/caplen.pcap
analyze 2 "$f"
said "$f: frame 2: invalid packet capture length 300000, bigger than snaplen of 65535"
holds '.inputs[0].frames == 1'

malformed "zero-length frames" zero.pcap 4 3 \
	"frame 2: radiotap header truncated at offset 0" \
	"frame 3: radiotap header truncated at offset 0" \
	"frame 4: radiotap header truncated at offset 0"
malformed "radiotap length beyond the frame" rtlen.pcap 2 1 \
	"frame 2: radiotap length truncated at offset 0"
malformed "radiotap present bitmaps that never end" rtext.pcap 2 1 \
	"frame 2: radiotap present malformed at offset 0"
malformed "eapol length past the frame" eapol.pcap 2 1 \
	"frame 2: eapol body length truncated at offset 34"
holds '.links | length == 0'

malformed "key data length overflow" keydata.pcap 2 1
holds '.links | length == 0'
holds ".notes == [\"$f: frame 2: eapol-key key data length 65535 runs past the frame (8 bytes follow it): frame counted as malformed\"]"

# a gzip trailer (RFC 1952 2.2: CRC-32, then ISIZE, the length mod 2^32)
# that does not match its data: every frame read and analysed, one note
if command -v gzip >/dev/null 2>&1; then
	gz=$tmp/trailer.pcap.gz
	gzip -c "$top/captures/wpa2-psk.pcap" >"$gz"
	size=$(wc -c <"$gz")
	cp "$gz" "$tmp/crc.pcap.gz"
	printf '\000\000\000\000' | dd of="$tmp/crc.pcap.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
	cp "$gz" "$tmp/isize.pcap.gz"
	printf '\377\377\377\377' | dd of="$tmp/isize.pcap.gz" bs=1 seek=$((size - 4)) conv=notrunc 2>/dev/null
	for t in "crc CRC-32 incorrect data check" "isize length incorrect length check"; do
		set -- $t
		case="gzip trailer with a wrong $2"
		f=$tmp/$1.pcap.gz
		analyze 0 "$f"
		holds '.inputs[0].frames == 115 and .inputs[0].malformed == 0 and (.inputs[0] | has("error") | not)'
		holds '[.links[].handshakes[] | select(.outcome == "complete")] | length == 1'
		shift 2
		holds ".notes | length == 1 and (.[0] | startswith(\"$f: gzip trailer: $*\"))"
	done
fi

case="100 000 fake stations"
f=$tmp/stations.pcap
# dropped N: the number of links the --max-links note says were dropped
dropped() { jq -r '.notes[] | capture("the (?<n>[0-9]+) least recently active").n' "$tmp/json"; }
analyze 0 "$f"
holds '.inputs[0].frames == 100001 and .inputs[0].malformed == 0'
holds '(.links | length) <= 16384 and (.links | length) > 16000'
n=$(jq '.links | length' "$tmp/json")
d=$(dropped)
if [ $((n + ${d:-0})) -eq 100000 ]; then pass "$n links kept + $d dropped = 100000 stations"; else fail "$n kept + ${d:-none} dropped"; fi
holds '[.notes[] | select(test("more than 16384 links"))] | length == 1'
analyze 0 --max-links 1000 "$f"
holds '(.links | length) == 1000'
d=$(dropped)
if [ "${d:-0}" -eq 99000 ]; then pass "99000 dropped"; else fail "${d:-none} dropped, want 99000"; fi
# the survivors are the most recent stations, up to 02:00:00:01:86:9f (station 99 999)
holds '[.links[].sta] | index("02:00:00:01:86:9f") != null and index("02:00:00:00:01:00") == null'
analyze 2 --max-links 0 "$f"
said "--max-links: '0': want a number from 1 to 16777216"
analyze 2 --max-links 12x "$f"
said "--max-links: '12x': want a number from 1 to 16777216"

# Peak memory: bounded by the cap, not by the stations.  Each link of
# one msg 1/4 takes some 2.3 kB (48 MB measured with the default cap of
# 16,384 links, 13 MB with 1,000); the bounds leave the rest for the
# allocator and the libraries.
if [ -x /usr/bin/time ] && ! grep -q __asan_init "$fw" 2>/dev/null; then
	rss() { /usr/bin/time -f '%M' -o "$tmp/rss" "$fw" analyze --json "$@" "$f" >/dev/null 2>&1; cat "$tmp/rss"; }
	r1=$(rss --max-links 1000)
	r2=$(rss)
	echo "# peak RSS on 100 000 stations: $r1 kB with --max-links 1000, $r2 kB with the default cap"
	if [ "$r1" -lt 49152 ]; then pass "peak RSS ${r1} kB < 48 MiB with --max-links 1000"; else fail "peak RSS $r1 kB with --max-links 1000"; fi
	if [ "$r2" -lt 65536 ]; then pass "peak RSS ${r2} kB < 64 MiB with the default cap"; else fail "peak RSS $r2 kB with the default cap"; fi
else
	echo "# peak RSS not measured (no /usr/bin/time, or a sanitizer build)"
fi

# the same stations heard by two sniffers: each frame one frame with two
# sightings, and the cap drops links whose recent frames the sightings hold
case="100 000 fake stations, two sniffers"
analyze 0 --merge --max-links 1000 "$f" "$f"
holds '.inputs[0].frames == 100001 and .inputs[1].frames == 100001'
holds '(.links | length) == 1000'
holds '[.links[].handshakes[].messages[].sightings | length] | unique == [2]'
holds '[.links[].duplicates] | unique == [1]'

case="100 000 fake networks"
f=$tmp/aps.pcap
analyze 0 --max-links 1000 "$f"
holds '.inputs[0].frames == 100002 and .inputs[0].malformed == 0'
holds '.notes == ["more than 1000 networks (BSSIDs): the 99001 heard least recently were forgotten (--max-links)"]'
# the network that beaconed last is still known: its link has its SSID
holds '[.links[] | {bssid, ssid}] == [{"bssid": "02:00:00:00:00:00", "ssid": "hostile"}]'
if [ -x /usr/bin/time ] && ! grep -q __asan_init "$fw" 2>/dev/null; then
	r=$(rss --max-links 1000)
	if [ "$r" -lt 49152 ]; then pass "peak RSS ${r} kB < 48 MiB with --max-links 1000"; else fail "peak RSS $r kB"; fi
fi

case="key file with binary junk"
analyze 2 --key-file "$tmp/junk.keys" "$tmp/snaplen.pcap"
said "key file $tmp/junk.keys line 1: not valid UTF-8 text"
analyze 2 --key-file "$tmp/nul.keys" "$tmp/snaplen.pcap"
said "key file $tmp/nul.keys line 2: holds a NUL byte"
analyze 2 --key-file "$tmp/long.keys" "$tmp/snaplen.pcap"
said "key file $tmp/long.keys line 1: longer than 4096 bytes"
analyze 2 --keylog "$tmp/junk.keys" "$tmp/snaplen.pcap"
said "$tmp/junk.keys: no PMK found"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
