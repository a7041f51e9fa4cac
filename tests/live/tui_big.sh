#!/bin/sh
# tui_big.sh - the live screen with 16,000 links answers its keys (issue:
# the TUI with 16,000 links answers a key press in under 100 ms).  A
# capture of one AP and 16,000 stations, each with a msg 1/4 (written here by
# tests/hostile/mkbudget), is replayed at once under tmux; then each key is
# sent and the screen watched until it shows the answer: j and PgDn move the
# selection, o sorts (by age first: the order of appearance reversed, which
# a sort that moves rows one place at a time pays for quadratically), / filters
# down to one station.  Every answer must come (time-out 60 s), and, outside a
# sanitizer build, within a bound of 1 s, ten times the target, so a loaded
# machine does not fail it while a sort of the whole table per row would
# (about 2 s measured before).  The times are printed.
#
# What does not depend on the machine's speed is the work each key costs:
# the TUI logs it (FOURWAY_TUI_TIMING) and once the replay has ended a
# move (j, PgDn, k) fills no row from its link, sorts none and draws no
# more rows than the screen shows; a sort key sorts each row once, and
# nothing is filled again.
#
# Needs tmux.
. "${top_srcdir:-.}/tests/live/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux not found"
mk=$bld/tests/hostile/mkbudget
[ -x "$mk" ] || { echo "tui_big.sh: $mk not built" >&2; exit 99; }
bound=1000
grep -q __asan_init "$fw" 2>/dev/null && bound=	# instrumented: answers, not their speed
sock="fourway-tuibig-$$"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server 2>/dev/null; }
screen() { t capture-pane -p -t fw; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# answer NAME PATTERN: the screen shows the fixed string within 60 s; then,
# with a bound, within it (measured from just before the key was sent: $sent)
answer() {
	i=0
	while ! screen | grep -qF -- "$2"; do
		sleep 0.01
		i=$((i + 1))
		if [ $i -gt 6000 ]; then
			nok "$1: answers" "'$2' not on the screen: $(screen | grep -v '^$' | head -8)"
			return 1
		fi
	done
	took=$(($(now_ms) - sent))
	echo "# $1: $took ms"
	ok "$1: answers"
	[ -z "$bound" ] && return 0
	check "$1: within $bound ms" "[ $took -lt $bound ]" "$took ms"
}
key() { sent=$(now_ms); t send-keys -t fw "$@"; }

"$mk" flood "$tmp/links.pcap" 16000 1 || { echo "tui_big.sh: mkbudget failed" >&2; exit 99; }
fwabs=$(cd "$(dirname "$fw")" && pwd)/fourway
t -f /dev/null new-session -d -s fw -x 140 -y 40 "env PS1='fw-prompt> ' TERM=screen sh" ||
	skip "tmux cannot start a session here"
sent=$(now_ms)
answer "shell prompt" "fw-prompt>" || exit 1
t send-keys -t fw "cd '$tmp' && FOURWAY_TUI_TIMING='$tmp/timing' '$fwabs' live --replay links.pcap --speed 0" Enter
b=$bound bound=
sent=$(now_ms)
answer "the replay of 16,000 links ends" "links 16000  findings 0  [ended]" || exit 1
bound=$b
AP=02:00:00:00:00:00
# shown with the replay's end, no key sent: timed from there, not from the replay's start
sent=$(now_ms)
answer "the first station selected" ">$AP 02:00:00:01:00:00"
key j
answer "j moves the selection" ">$AP 02:00:00:01:00:01"
key NPage
answer "PgDn moves it ten" ">$AP 02:00:00:01:00:0b"
key o
answer "o sorts by age" "sorted by age"
key j
answer "... j after the sort moves on" "o sort (age)"
key o
answer "o sorts by BSSID" "sorted by bssid"
key / 3e:7f Enter
answer "/ filters to one station" "/ filter [3e:7f]"
check "... whose row is the one left" \
	"screen | grep -q '^>$AP 02:00:00:01:3e:7f' && [ \$(screen | grep -c '^.$AP ') -eq 1 ]" \
	"$(screen | head -6)"
key k
answer "k moves back" ">$AP 02:00:00:01:3e:7f"
key q
sent=$(now_ms)
answer "q leaves" "fw-prompt> "

# The work of each key (a line per key, or per keys read together):
# "key NAMES handle_us U draw_us U total_us U built N sorted N drawn N syncs N links N shown N feed N"
log=$tmp/timing
# j, PgDn, o, j, o, the filter (its keys may come together), k: q draws nothing
check "the timing log has a line per key" '[ "$(grep -c "^key " "$log")" -ge 7 ]' "$(cat "$log" 2>&1)"
# field NAME LINE: the value after NAME
field() { echo "$2" | awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }
# the table at 140x40: the title, half of the 37 lines left (a header and 17 rows)
visible=17
moves=0
while read -r line; do
	case $line in
	"key j "* | "key KEY_NPAGE "* | "key k "*) ;;
	*) continue ;;
	esac
	moves=$((moves + 1))
	set -- $line
	check "$2 fills no row, sorts none, builds no feed entry, draws at most the screen's" \
		'[ "$(field built "$line")" = 0 ] && [ "$(field sorted "$line")" = 0 ] &&
		 [ "$(field feed "$line")" = 0 ] &&
		 [ "$(field syncs "$line")" = 0 ] && [ "$(field drawn "$line")" -le $visible ] &&
		 [ "$(field drawn "$line")" -gt 0 ] && [ "$(field links "$line")" = 16000 ]' "$line"
done <"$log"
check "the moves were logged (j, PgDn, j, k)" '[ $moves -ge 4 ]' "$(cat "$log")"
grep '^key o ' "$log" >"$tmp/sorts"
while read -r line; do
	check "o sorts each row once and fills none" \
		'[ "$(field built "$line")" = 0 ] && [ "$(field sorted "$line")" = 16000 ]' "$line"
done <"$tmp/sorts"
check "two sort keys were logged" '[ "$(grep -c "^key o " "$log")" -eq 2 ]' "$(cat "$log")"
line=$(grep '\^M' "$log" | tail -n 1)
check "the filter's Enter fills no row and leaves one shown" \
	'[ "$(field built "$line")" = 0 ] && [ "$(field shown "$line")" = 1 ]' "$line"
finish
