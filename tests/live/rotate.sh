#!/bin/sh
# rotate.sh - `live -w` with -G, -C and -W (tcpdump's rotation): a replay of
# captures/m4-drop.pcap (205 frames over 11.8 s of capture time, 27 kB)
# written to a series of files.  tshark, not fourway, reads every file back:
# each must be a complete capture of its own, and the series together the
# input's frames (time, length, every byte), in order.
. "${top_srcdir:-.}/tests/live/lib.sh"
need tshark

in=$caps/m4-drop.pcap
# One line per frame: epoch time in ns digits, original length, the raw bytes.
frames() {
	for f in "$@"; do
		tshark -r "$f" -T ek -x 2>/dev/null | jq -r 'select(.layers) | .layers
			| "\(.frame.frame_frame_time_epoch) \(.frame.frame_frame_len) \(.frame_raw)"' ||
			echo "unreadable $f"
	done
}
frames "$in" >"$tmp/in.frames"
n_in=$(wc -l <"$tmp/in.frames")
[ "$n_in" -eq 205 ] || nok "tshark reads the input: $n_in frames (want 205)"

replay() { "$fw" live --replay "$in" --speed 0 --no-tui "$@" </dev/null >/dev/null 2>"$tmp/err"; }
# The numbered series FILE FILE1 FILE2 ... in order.
series() {
	ls "$1" 2>/dev/null
	i=1
	while [ -e "$1$i" ]; do echo "$1$i"; i=$((i + 1)); done
}

# -G 1: a new file every second of capture time, numbered (no % in the name)
mkdir "$tmp/g"
replay -w "$tmp/g/out.pcap" -G 1
st=$?
files=$(series "$tmp/g/out.pcap")
n=$(echo "$files" | wc -l)
[ $st -eq 0 ] && [ "$n" -ge 8 ] && ok "-G 1: exit 0, $n files" ||
	nok "-G 1: exit $st, $n files (want several)" "$(cat "$tmp/err")"
[ "$(ls "$tmp/g" | wc -l)" -eq "$n" ] && ok "-G 1: nothing but the series (no temporary file left)" ||
	nok "-G 1: nothing but the series" "$(ls -a "$tmp/g")"
# shellcheck disable=SC2086 # the names hold no spaces (mktemp's directory aside)
frames $files >"$tmp/g.frames"
cmp -s "$tmp/in.frames" "$tmp/g.frames" && ok "-G 1: the files together are the input, in order" ||
	nok "-G 1: the files together are the input, in order" \
		"$(diff "$tmp/in.frames" "$tmp/g.frames" | cut -c1-120 | head -5)"
long=0
for f in $files; do
	span=$(frames "$f" | awk 'NR == 1 { a = $1 } { b = $1 } END { print (b - a < 1) ? "ok" : b - a }')
	[ "$span" = ok ] || long=$((long + 1))
done
[ $long -eq 0 ] && ok "-G 1: no file spans a second or more" || nok "-G 1: $long files span 1 s or more"

# -G 2 and a strftime name (pcapng): each name is its first frame's time
mkdir "$tmp/t"
TZ=UTC0 replay -w "$tmp/t/m4-%H%M%S.pcapng" -G 2
st=$?
files=$(ls "$tmp/t"/m4-*.pcapng 2>/dev/null)
# shellcheck disable=SC2086
frames $files >"$tmp/t.frames"
[ $st -eq 0 ] && cmp -s "$tmp/in.frames" "$tmp/t.frames" &&
	ok "-G 2 -w NAME-%H%M%S.pcapng: $(echo "$files" | wc -l) files, together the input" ||
	nok "-G 2 -w NAME-%H%M%S.pcapng: together the input" "$(cat "$tmp/err"; ls "$tmp/t")"
bad=""
for f in $files; do
	t=$(frames "$f" | head -1 | cut -d' ' -f1)
	want=$(TZ=UTC0 date -d "@${t%%.*}" +m4-%H%M%S.pcapng)
	[ "${f##*/}" = "$want" ] || bad="$bad ${f##*/}!=$want"
	capinfos -t "$f" 2>/dev/null | grep -q pcapng || bad="$bad ${f##*/}:not-pcapng"
done
[ -z "$bad" ] && ok "-G 2: each pcapng file named by its first frame's time (UTC)" ||
	nok "-G 2: each pcapng file named by its first frame's time" "$bad"

# -G 1 and a format coarser than a second (%Y): the same name again takes a
# number (FILE, FILE1 ...), never replaces the file before it
mkdir "$tmp/y"
TZ=UTC0 replay -w "$tmp/y/m4-%Y.pcap" -G 1
st=$?
files=$(series "$tmp/y/m4-$(TZ=UTC0 date -d @"$(head -1 "$tmp/in.frames" | cut -d. -f1)" +%Y).pcap")
# shellcheck disable=SC2086
frames $files >"$tmp/y.frames"
[ $st -eq 0 ] && [ "$(echo "$files" | wc -l)" -ge 8 ] && cmp -s "$tmp/in.frames" "$tmp/y.frames" &&
	ok "-G 1 -w NAME-%Y.pcap: $(echo "$files" | wc -l) numbered files, together the input" ||
	nok "-G 1 -w NAME-%Y.pcap: numbered files, together the input" "$(cat "$tmp/err"; ls "$tmp/y")"

# -C 5k: a new file once one passes 5120 bytes: FILE, FILE1, ...
mkdir "$tmp/c"
replay -w "$tmp/c/out.pcap" -C 5k
st=$?
files=$(series "$tmp/c/out.pcap")
n=$(echo "$files" | wc -l)
# shellcheck disable=SC2086
frames $files >"$tmp/c.frames"
[ $st -eq 0 ] && [ "$n" -ge 4 ] && cmp -s "$tmp/in.frames" "$tmp/c.frames" &&
	ok "-C 5k: $n files, together the input" ||
	nok "-C 5k: $n files, together the input" "$(cat "$tmp/err")"
# every file but the last passed 5120 bytes, and only by its last frame
bad=""
last=$(echo "$files" | tail -1)
for f in $files; do
	size=$(stat -c %s "$f")
	lastrec=$(frames "$f" | tail -1 | awk '{ print 16 + length($3) / 2 }')
	if [ "$f" != "$last" ]; then
		[ "$size" -gt 5120 ] && [ $((size - lastrec)) -le 5120 ] || bad="$bad ${f##*/}:$size"
	else
		[ $((size - lastrec)) -le 5120 ] || bad="$bad ${f##*/}:$size"
	fi
done
[ -z "$bad" ] && ok "-C 5k: each file passes 5120 bytes by its last frame only" ||
	nok "-C 5k: each file passes 5120 bytes by its last frame only" "$bad"

# -C 5k -W 3: a ring of out.pcap0 .. out.pcap2 holding the last three files of the series
mkdir "$tmp/r"
replay -w "$tmp/r/out.pcap" -C 5k -W 3
st=$?
names=$(cd "$tmp/r" && ls | tr '\n' ' ')
[ $st -eq 0 ] && [ "$names" = "out.pcap0 out.pcap1 out.pcap2 " ] && ok "-C 5k -W 3: the ring's three files" ||
	nok "-C 5k -W 3: the ring's three files" "exit $st: $names $(cat "$tmp/err")"
# the ring, oldest first (by first frame), equals the last three files of -C 5k alone
ring=$(for f in "$tmp"/r/out.pcap?; do echo "$(frames "$f" | head -1 | cut -d' ' -f1) $f"; done |
	sort -n | cut -d' ' -f2)
# shellcheck disable=SC2086
frames $ring >"$tmp/r.frames"
# shellcheck disable=SC2086
frames $(echo "$files" | tail -3) >"$tmp/c3.frames"
cmp -s "$tmp/r.frames" "$tmp/c3.frames" && ok "-C 5k -W 3: the ring holds the newest frames, in order" ||
	nok "-C 5k -W 3: the ring holds the newest frames, in order"

# -G 2 -W 3: three files at most, then no more writing; the files are the input's start
mkdir "$tmp/w"
replay -w "$tmp/w/out.pcap" -G 2 -W 3
st=$?
files=$(series "$tmp/w/out.pcap")
# shellcheck disable=SC2086
frames $files >"$tmp/w.frames"
k=$(wc -l <"$tmp/w.frames")
head -n "$k" "$tmp/in.frames" >"$tmp/head.frames"
[ $st -eq 0 ] && [ "$(echo "$files" | wc -l)" -eq 3 ] && [ "$k" -lt "$n_in" ] &&
	cmp -s "$tmp/head.frames" "$tmp/w.frames" && grep -q -- "-W 3: 3 files written" "$tmp/err" &&
	ok "-G 2 -W 3: three files, the first $k frames, then a note" ||
	nok "-G 2 -W 3: three files, the first frames, then a note" "exit $st $(cat "$tmp/err")"

# the output rule holds for every name of the series: one that is the input is refused
mkdir "$tmp/p"
cp "$in" "$tmp/p/cap.pcap1"
"$fw" live --replay "$tmp/p/cap.pcap1" --speed 0 --no-tui -w "$tmp/p/cap.pcap" -C 5k \
	</dev/null >/dev/null 2>"$tmp/err"
st=$?
cmp -s "$in" "$tmp/p/cap.pcap1" && [ $st -eq 2 ] && grep -q "one of the inputs" "$tmp/err" &&
	ok "-C: the series never replaces the input (FILE1 was the input: exit 2, input intact)" ||
	nok "-C: the series never replaces the input" "exit $st: $(cat "$tmp/err")"

# usage errors
for args in "-G 1" "-w $tmp/u.pcap -W 2" "-w $tmp/u.pcap -C 0" "-w $tmp/u.pcap -G 0" \
	"-w - -G 1" "-w $tmp/u.pcap -C 5x"; do
	# shellcheck disable=SC2086
	"$fw" live --replay "$in" --no-tui $args </dev/null >/dev/null 2>"$tmp/err"
	st=$?
	[ $st -eq 2 ] && grep -q "^fourway live: -[GCW]" "$tmp/err" && ok "$args: usage error 2" ||
		nok "$args: usage error 2" "exit $st: $(cat "$tmp/err")"
done
[ ! -e "$tmp/u.pcap" ] && ok "usage errors write nothing" || nok "usage errors write nothing"

finish
