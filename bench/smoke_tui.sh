#!/bin/sh
# smoke_tui.sh - the key-press benchmark (bench/tui.sh) in a tiny mode, so
# that it does not rot unseen: 300 links, four moves of each kind, a
# replay slow enough that the first keys come while frames do.  It exits
# 0, says the machine's state, has a row for the floor, for the moves while
# frames come and after the replay (these fill and sort no row), for the
# sort key (it sorts the 300 rows), and a summary line.  Not a timing test.
# Needs tmux.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup bench-tui
need_fw
command -v tmux >/dev/null 2>&1 || skip "tmux not found"
[ -x "$bld/tests/hostile/mkbudget" ] || { echo "smoke_tui.sh: mkbudget not built"; exit 99; }

BENCH_TUI_LINKS=300 BENCH_TUI_PRESSES=4 BENCH_TUI_SPEED=0.1 BENCH_TUI_DIR=$tmp \
	BENCH_TUI_SUMMARY=$tmp/sum top_builddir=$bld top_srcdir=$top \
	sh "$top/bench/tui.sh" >"$tmp/out" 2>&1
st=$?
[ "$st" -ne 77 ] || skip "$(grep -m 1 'not measured' "$tmp/out")"
check "tui.sh exits 0" '[ "$st" -eq 0 ]' "exit $st: $(tail -n 20 "$tmp/out")"
check "the machine's state" 'grep -Eq "^tui: [0-9-]+ [0-9:]+ UTC; fourway .* CPUs" "$tmp/out" &&
	grep -q "^tui: load before: " "$tmp/out" && grep -q "^tui: load after: " "$tmp/out"' \
	"$(head -n 5 "$tmp/out")"
num='[0-9]+(\.[0-9]+)?'
# cells PHASE KEY: the row's cells after the key
cells() { grep -F "| $1 | $2 |" "$tmp/out" | head -n 1 | cut -d'|' -f4- | tr -d '|'; }
check "a row for the floor" 'grep -Eq "^\| floor: .* \| x \|.*\| 2 \| [0-9]+ \| [0-9]+ \|$" "$tmp/out"' \
	"$(cat "$tmp/out")"
# row PHASE KEY: the cells in n (presses), med, max, built, sorted, drawn, e2e (three)
row() {
	set -- $(cells "$1" "$2") - - - - - - - - -
	n=$1 med=$2 max=$3 built=$4 sorted=$5 drawn=$6 e2e="$7 $8 $9" all=$(cells "$1" "$2")
}
for k in KEY_DOWN KEY_NPAGE; do
	row frames $k
	check "frames, $k: presses and figures" \
		'[ "$n" != - ] && [ "$n" -ge 1 ] && echo "$med $max" | grep -Eq "^$num $num$"' "$all"
done
for k in KEY_DOWN KEY_UP KEY_NPAGE KEY_PPAGE; do
	row ended $k
	check "ended, $k: fills and sorts no row, draws the screen's, timed by tmux too" \
		'[ "$n" != - ] && [ "$n" -ge 2 ] && [ "$built" = 0 ] && [ "$sorted" = 0 ] &&
		 [ "$drawn" -ge 1 ] && [ "$drawn" -le 17 ] && echo "$e2e" | grep -Eq "^[0-9]+ [0-9]+ [0-9]+$"' \
		"$all"
done
row ended o
check "ended, o: sorts the 300 rows, fills none" '[ "$n" = 7 ] && [ "$built" = 0 ] && [ "$sorted" = 300 ]' \
	"$all"
v() { sed -n "s/^$1 //p" "$tmp/sum"; }
check "the summary" '[ "$(v links)" = 300 ] && echo "$(v work_med_ms) $(v e2e_med_ms) $(v floor_med_ms)" |
	grep -Eq "^$num $num $num$"' "$(cat "$tmp/sum")"
check "the closing line" 'grep -Eq "^tui: 300 links: the TUI.s work per key .* median $num ms, max $num ms" "$tmp/out"' \
	"$(tail -n 3 "$tmp/out")"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
