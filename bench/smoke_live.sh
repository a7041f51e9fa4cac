#!/bin/sh
# smoke_live.sh - the live benchmark (bench/live.sh, bench/fwbench-live) in
# a tiny mode, so that it does not rot unseen: a 3 MB file at 20 000
# frames/s for a quarter of a second and 20 links.  Every row accounts for every
# frame written (fourway's count of received frames plus the kernel's drops
# is what was written), a paced run writes exactly rate x seconds frames
# and never faster, the TUI counted all 20 links, and the summary holds
# the target's figures.  Not a timing test.  Needs root and /dev/net/tun.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup bench-live
need_fw
[ -x "$bld/bench/fwbench-live" ] || { echo "smoke_live.sh: fwbench-live not built"; exit 99; }
[ "$(id -u)" -eq 0 ] || skip "needs root (a TUN device in a network namespace)"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"

BENCH_LIVE_SIZE=3000000 BENCH_LIVE_LINKS=20 BENCH_LIVE_RATE=20000 BENCH_LIVE_SECONDS=0.25 \
	BENCH_LIVE_DIR=$tmp BENCH_LIVE_SUMMARY=$tmp/sum top_builddir=$bld top_srcdir=$top \
	sh "$top/bench/live.sh" >"$tmp/out" 2>&1
st=$?
[ "$st" -ne 77 ] || skip "$(grep -m 1 'not measured' "$tmp/out")"
check "live.sh exits 0" '[ "$st" -eq 0 ]' "exit $st: $(tail -n 20 "$tmp/out")"

# cols NAME: the row's cells (frames s frames/s CPU us % drops received)
cols() { grep -F "| $1 |" "$tmp/out" | head -n 1 | cut -d'|' -f3- | tr -d '|'; }
for n in "--no-tui, as fast as it goes" "TUI, as fast as it goes" "--no-tui, 20000 frames/s" \
	"TUI, 20000 frames/s" "TUI, 20 links at 20000 frames/s" \
	"TUI, 20 links at 20000 frames/s, --buffer-size 256"; do
	set -- $(cols "$n")
	if [ $# -ne 8 ]; then
		nok "a row for $n" "$(cols "$n")"
		continue
	fi
	sent=$1 rate=$3 drops=$7 got=$8 all=$*
	case $n in
	*buffer-size*) check "$n: every frame received (and the trickle's)" '[ "$got" -gt "$sent" ]' "$all" ;;
	*) check "$n: received + kernel drops = written" '[ $((got + drops)) -eq "$sent" ]' "$all" ;;
	esac
	case $n in
	*links*) ;;
	*"20000 frames/s")
		check "$n: rate x seconds frames" '[ "$sent" -eq 5000 ]' "$all"
		check "$n: never faster than set" 'awk -v r="$rate" "BEGIN { exit !(r <= 20200) }"' "$all" ;;
	esac
done
v() { sed -n "s/^$1 //p" "$tmp/sum"; }
check "the summary: the TUI's share of a core at 20 000 frames/s" \
	'echo "$(v tui_pct)" | grep -Eq "^[0-9]+\.[0-9]+$"' "$(cat "$tmp/sum")"
check "the summary: its kernel drops" 'echo "$(v tui_drops)" | grep -Eq "^[0-9]+$"' "$(cat "$tmp/sum")"
check "the TUI counted the 20 links" '[ "$(v redraw_links)" = 20 ]' "$(cat "$tmp/sum")"
check "a redraw costs some CPU" 'awk -v m="$(v redraw_ms)" "BEGIN { exit !(m > 0) }"' "$(cat "$tmp/sum")"
check "the highest rate with no kernel drops" \
	'grep -Eq "^live: highest rate with no kernel drops: --no-tui .*[0-9]+ frames/s.*; TUI .*[0-9]+ frames/s" "$tmp/out"'
check "the redraw line" 'grep -Eq "^live: TUI with 20 links \(after [0-9.]+ s working through its buffer\): [0-9.]+ ms CPU a redraw" "$tmp/out"'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
