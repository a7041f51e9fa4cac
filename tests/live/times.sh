#!/bin/sh
# times.sh - `-t` in analyze, live and annotate, and handshakes numbered
# the same everywhere.  Known answers come from the capture's own record
# headers (read here with od, not by fourway): captures/m4-drop.pcap's
# frames 26 (msg 1/4), 29 (2/4) and 31 (3/4).
# - analyze -t e: the ladder rows show each frame's epoch time;
#   -t ud: its UTC date and time; -t a with TZ=UTC: its time of day;
#   -t d: the delta from the row above; -t r (and no -t): +S.US from msg 1/4;
# - live --no-tui -t e: each event line starts with its frame's epoch time;
# - annotate -t r: msg 2/4's comment says when, into handshake 1;
# - handshake 1 is handshake 1 in analyze's report, live's events, annotate's
#   comments and analyze's key_handshake;
# - a bad -t is a usage error; check takes no -t.
. "${top_srcdir:-.}/tests/live/lib.sh"

cap=$caps/m4-drop.pcap pass='first four lost'
# ts N: "SEC USEC" of frame N of a little-endian microsecond pcap (24-byte
# file header, 16-byte record headers: sec, usec, caplen, len)
ts() {
	off=24 i=1
	while [ $i -lt "$1" ]; do
		cl=$(od -An -tu4 -j $((off + 8)) -N4 "$cap" | tr -d ' ')
		off=$((off + 16 + cl))
		i=$((i + 1))
	done
	od -An -tu4 -j $off -N8 "$cap" | awk '{ printf "%d %06d\n", $1, $2 }'
}
[ "$(od -An -tx4 -N4 "$cap" | tr -d ' ')" = a1b2c3d4 ] || exit 99
set -- $(ts 26); s26=$1 u26=$2
set -- $(ts 29); s29=$1 u29=$2
set -- $(ts 31); s31=$1 u31=$2
# d S1 U1 S2 U2: the second time less the first, as "+S.UUUUUU"
d() { awk -v a="$1" -v b="$2" -v c="$3" -v e="$4" 'BEGIN { v = (c - a) * 1000000 + (e - b);
	printf "+%d.%06d", int(v / 1000000), v % 1000000 }'; }

row() { grep -m1 "^    #$1 " "$2"; }
run "analyze -t e" 0 "$fw" analyze -t e --color=never --passphrase "$pass" "$cap"
row 26 "$tmp/out" | grep -qF "#26  $s26.$u26  |" && ok "-t e: frame 26 at $s26.$u26" ||
	nok "-t e: frame 26 at $s26.$u26" "$(row 26 "$tmp/out")"
day=$(TZ=UTC date -d "@$s29" '+%Y-%m-%d %H:%M:%S')
run "analyze -t ud" 0 "$fw" analyze -t ud --color=never --passphrase "$pass" "$cap"
row 29 "$tmp/out" | grep -qF "#29  $day.$u29  |" && ok "-t ud: frame 29 at $day.$u29" ||
	nok "-t ud: frame 29 at $day.$u29" "$(row 29 "$tmp/out")"
tod=$(TZ=UTC date -d "@$s31" '+%H:%M:%S')
TZ=UTC "$fw" analyze -t a --color=never --passphrase "$pass" "$cap" >"$tmp/out" 2>"$tmp/err"
row 31 "$tmp/out" | grep -qF "#31  $tod.$u31  |" && ok "-t a (TZ=UTC): frame 31 at $tod.$u31" ||
	nok "-t a (TZ=UTC): frame 31 at $tod.$u31" "$(row 31 "$tmp/out")"
run "analyze -t d" 0 "$fw" analyze -t d --color=never --passphrase "$pass" "$cap"
want=$(d $s29 $u29 $s31 $u31)
row 31 "$tmp/out" | grep -qF "#31  $(printf '%10s' "$want")  |" && ok "-t d: frame 31 $want after 29" ||
	nok "-t d: frame 31 $want after 29" "$(row 31 "$tmp/out")"
run "analyze -t r" 0 "$fw" analyze -t r --color=never --passphrase "$pass" "$cap"
want=$(d $s26 $u26 $s31 $u31)
row 31 "$tmp/out" | grep -qF "#31  $(printf '%10s' "$want")  |" && ok "-t r: frame 31 $want after msg 1/4" ||
	nok "-t r: frame 31 $want after msg 1/4" "$(row 31 "$tmp/out")"
cp "$tmp/out" "$tmp/r.txt"
"$fw" analyze --color=never --passphrase "$pass" "$cap" >"$tmp/plain.txt" 2>&1
cmp -s "$tmp/r.txt" "$tmp/plain.txt" && ok "-t r is the default" || nok "-t r is the default"

"$fw" live -r "$cap" --speed 0 --no-tui -t e --passphrase "$pass" </dev/null >"$tmp/live.txt" 2>&1
grep -q "^$s29\.$u29 message .* #1 M2 frame 29 " "$tmp/live.txt" &&
	ok "live -t e: the line of frame 29 starts with its time, in handshake #1" ||
	nok "live -t e: the line of frame 29 starts with its time, in handshake #1" \
		"$(grep "frame 29" "$tmp/live.txt")"

"$fw" annotate -t r --passphrase "$pass" "$cap" -w "$tmp/a.pcapng" >/dev/null 2>"$tmp/err" ||
	nok "annotate -t r" "$(cat "$tmp/err")"
want=$(d $s26 $u26 $s29 $u29)
grep -a -q "M2 of handshake 1 (replay counter 1).*, at $want into handshake 1" "$tmp/a.pcapng" &&
	ok "annotate -t r: msg 2/4 at $want into handshake 1" ||
	nok "annotate -t r: msg 2/4 at $want into handshake 1"

# one numbering: handshake 1 (frames 26..33) and 2 (the second association)
grep -q "^  handshake 1: " "$tmp/plain.txt" && grep -q "^  handshake 2: " "$tmp/plain.txt" &&
	ok "analyze's report: handshakes 1 and 2" || nok "analyze's report: handshakes 1 and 2"
"$fw" live -r "$cap" --speed 0 --no-tui --json --passphrase "$pass" </dev/null >"$tmp/live.json"
expect "live events: frame 26 in handshake 1, numbers 1 and 2" "$tmp/live.json" \
	'(map(select(.event == "message" and .message.frame == 26))[0].handshake == 1) and
	 ([.[] | select(.event == "handshake_start") | .handshake] == [1, 2])' --slurp
"$fw" analyze --json --passphrase "$pass" "$cap" >"$tmp/doc.json"
# the frames after msg 4/4 of frame 33 (the station's first handshake) opened with its PTK
expect "analyze: key_handshake names handshake 1 for frames the first PTK opened" "$tmp/doc.json" \
	'[.links[0].protected_frames[] | select(.frame > 33 and .frame < 93) | .key_handshake]
	 | unique == [1]'
grep -a -q "M1 of handshake 1 " "$tmp/a.pcapng" && ok "annotate: M1 of handshake 1" ||
	nok "annotate: M1 of handshake 1"

run "analyze -t x" 2 "$fw" analyze -t x "$cap"
grep -q "^fourway analyze: -t: 'x'" "$tmp/err" && ok "-t x: said why" || nok "-t x: said why" "$(cat "$tmp/err")"
run "check -t e" 2 "$fw" check -t e "$caps"
finish
