#!/bin/sh
# tui.sh - `make bench-tui`: how fast the live screen answers a key with
# BENCH_TUI_LINKS links (16 000: the issue's figure), under tmux.
#
# The capture is tests/hostile/mkbudget's flood: one AP, that many
# stations, each sending msg 1/4 three times, the copies in rounds 1 ms
# apart (the first round makes every link, the other two touch each link
# again).  `fourway live --replay` plays it at BENCH_TUI_SPEED (1) in a
# 140x40 tmux window (TERM=screen) with FOURWAY_TUI_TIMING set, so the
# screen logs, for each key, the time it took to handle the key and to draw
# the screen after it, and the work in between (rows filled from their
# links, rows sorted, table rows drawn, entries sorted into the findings
# feed).  Two phases:
#   - frames coming: once every link is on the screen, while the second
#     and third rounds arrive (every tick refreshes the view: the rows of
#     the links touched are filled again and placed), Down, PgDn and the
#     sort key;
#   - replay ended: Down, Up, PgDn, PgUp, every sort key, the findings
#     pane (Tab, Down, Enter opens a finding, Esc), the ladder (Enter, Esc),
#     a filter set and cleared.
# For the moves once the replay has ended, the time from the key sent
# (tmux send-keys) to the terminal's output growing (tmux pipe-pane to a
# file, its size read in a loop: each look forks stat, so this bounds from
# above, and the tmux client's own start is in it) is measured too, and
# the same for a key the shell's terminal merely echoes: the floor of that
# measurement on this machine.
# Prints the machine's state, one row per key (median and maximum of each
# figure) and the acceptance line.  Exit 0 whatever the figures (a
# benchmark, not a test); 77 without tmux.
#
# Environment: BENCH_TUI_LINKS (16000), BENCH_TUI_PRESSES (20: moves per
# kind), BENCH_TUI_SPEED (1), BENCH_TUI_DIR (where the capture is written
# and kept: the current directory), BENCH_TUI_SUMMARY (a file to write
# "name value" lines to: keys, work_med_ms, work_max_ms, e2e_med_ms,
# e2e_max_ms, ...).
bld=${top_builddir:-.}
top=${top_srcdir:-.}
nlinks=${BENCH_TUI_LINKS:-16000}
presses=${BENCH_TUI_PRESSES:-20}
speed=${BENCH_TUI_SPEED:-1}
dir=${BENCH_TUI_DIR:-.}
summary=${BENCH_TUI_SUMMARY:-/dev/null}
fw=$bld/fourway mk=$bld/tests/hostile/mkbudget

: >"$summary"
for p in "$fw" "$mk"; do
	[ -x "$p" ] || { echo "tui: $p not built"; exit 1; }
done
command -v tmux >/dev/null 2>&1 || { echo "tui: not measured: tmux not found (Debian package tmux)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-tui-bench.XXXXXX") || exit 1
sock="fourway-tui-bench-$$"
t() { tmux -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

file=$dir/bench-tui-links-$nlinks.pcap
if [ ! -s "$file" ]; then
	echo "tui: writing $file"
	"$mk" flood "$file" "$nlinks" 3 || exit 1
fi
fwabs=$(cd "$(dirname "$fw")" && pwd)/fourway
fileabs=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
log=$tmp/timing

echo "tui: $(date -u '+%Y-%m-%d %H:%M UTC'); fourway $(git -C "$top" describe --always --dirty 2>/dev/null ||
	echo "(no git)"); $(nproc 2>/dev/null) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1),
	kernel $(uname -r); tmux $(tmux -V | cut -d' ' -f2)"
echo "tui: load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

now_us() { echo $(($(date +%s%N) / 1000)); }
screen() { t capture-pane -p -t fw; }
# wait_for TEXT SECONDS: the screen shows TEXT, or 1
wait_for() {
	i=0
	while ! screen | grep -qF -- "$1"; do
		sleep 0.05
		i=$((i + 1))
		[ $i -gt $(($2 * 20)) ] && return 1
	done
	return 0
}
# move PHASE KEY: send KEY; at the shell's prompt (the floor: the terminal
# echoes the key) and once the replay has ended (nothing else is drawn but
# the ages, once a second), the time until the terminal receives the
# answer (the pane's output, piped to a file by tmux, grows)
move() {
	if [ "$1" != frames ]; then
		size0=$(stat -c %s "$tmp/pane")
		s=$(now_us)
		t send-keys -t fw "$2"
		i=0
		while [ "$(stat -c %s "$tmp/pane")" = "$size0" ] && [ $i -lt 2000 ]; do
			i=$((i + 1))
		done
		e=$(now_us)
		[ $i -lt 2000 ] && echo "$1 $2 $(((e - s) / 1000))" >>"$tmp/e2e"
	else
		t send-keys -t fw "$2"
	fi
	sleep 0.2
}
# press KEY...: send, then let it be drawn
press() {
	t send-keys -t fw "$@"
	sleep 0.3
}
# phase NAME: the log lines from here on are NAME's
phase() { echo "phase $1" >>"$log"; }

t -f /dev/null new-session -d -s fw -x 140 -y 40 "env PS1='fw-prompt> ' TERM=screen sh" ||
	{ echo "tui: not measured: tmux cannot start a session here"; exit 77; }
wait_for "fw-prompt>" 10 || { echo "tui: not measured: no shell prompt in tmux"; exit 77; }
: >"$tmp/e2e"
# the floor: the same look at a key the terminal only echoes
: >"$tmp/pane"
t pipe-pane -t fw -o "cat >>'$tmp/pane'"
sleep 0.5
for i in $(seq $((presses / 2))); do move floor x; done
t send-keys -t fw C-u
t pipe-pane -t fw
phase fill
t send-keys -t fw "cd '$tmp' && FOURWAY_TUI_TIMING='$log' '$fwabs' live --replay '$fileabs' --speed $speed" Enter
wait_for "links $nlinks " 600 || { echo "tui: the $nlinks links never came: $(screen | head -n 3)"; exit 1; }

phase frames
for i in $(seq "$presses"); do move frames Down; done
for i in $(seq $((presses / 2))); do move frames NPage; done
press o
press o
frames_ok=yes
screen | grep -qF "[ended]" && frames_ok=no	# the frames stopped before the keys did
wait_for "[ended]" 600 || { echo "tui: the replay never ended"; exit 1; }
sleep 1
: >"$tmp/pane"
t pipe-pane -t fw -o "cat >>'$tmp/pane'"
sleep 0.5

phase ended
press o o o o o	# back to the order of appearance
for i in $(seq "$presses"); do move ended Down; done
for i in $(seq "$presses"); do move ended Up; done
for i in $(seq $((presses / 2))); do move ended NPage; done
for i in $(seq $((presses / 2))); do move ended PPage; done
for i in 1 2 3 4 5 6 7; do press o; done
press Tab
press Down
press Down
press Enter
press Escape
press Tab
press Enter
press Escape
press / 3 e : 7 f Enter
press / BSpace BSpace BSpace BSpace BSpace Enter
t send-keys -t fw q
wait_for "fw-prompt>" 10
echo "tui: load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
[ "$frames_ok" = yes ] || echo "tui: note: the replay ended before the keys of the frames phase did (BENCH_TUI_SPEED lower)"

# The log: "key NAMES handle_us U draw_us U total_us U built N sorted N drawn N syncs N links N shown N feed N"
: >"$tmp/rows"
awk -v out="$tmp/rows" -v sum="$summary" '
function med(a, n,   i, j, x) {	# median of a[1..n], sorted in place
	for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 == "phase" { ph = $2; next }
$1 == "key" && ph != "fill" {
	k = ph SUBSEP $2
	if (!(k in n)) { order[++nk] = k }
	n[k]++
	for (i = 3; i < NF; i += 2) v[$i] = $(i + 1)
	work[k, n[k]] = (v["handle_us"] + v["draw_us"]) / 1000
	all[++na] = work[k, n[k]]
	if (work[k, n[k]] > wmax[k]) wmax[k] = work[k, n[k]]
	if (v["built"] > bmax[k]) bmax[k] = v["built"]
	if (v["sorted"] > smax[k]) smax[k] = v["sorted"]
	if (v["drawn"] > dmax[k]) dmax[k] = v["drawn"]
	if (v["feed"] > fmax[k]) fmax[k] = v["feed"]
	if (v["links"] > links) links = v["links"]
	if (v["handle_us"] / 1000 > allmax) allmax = v["handle_us"] / 1000
}
END {
	for (o = 1; o <= nk; o++) {
		k = order[o]; split(k, p, SUBSEP)
		for (i = 1; i <= n[k]; i++) w[i] = work[k, i]
		printf "%s|%s|%d|%.2f|%.2f|%d|%d|%d|%d\n", p[1], p[2], n[k], med(w, n[k]), wmax[k], bmax[k], smax[k], dmax[k], fmax[k] > out
	}
	mx = 0
	for (i = 1; i <= na; i++) if (all[i] > mx) mx = all[i]
	printf "keys %d\nlinks %d\nwork_med_ms %.2f\nwork_max_ms %.2f\n", na, links, na ? med(all, na) : 0, mx > sum
}' "$log"
awk -v sum="$summary" '
function med(a, n,   i, j, x) {
	for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 == "floor" { fl[++nf] = $3 }
{ k = $1 SUBSEP $2; if (!(k in n)) order[++nk] = k; n[k]++; e[k, n[k]] = $3 }
$1 == "ended" { all[++na] = $3; if ($3 > m) m = $3 }
{ if ($3 > mx[k]) mx[k] = $3 }
END {
	for (o = 1; o <= nk; o++) {
		k = order[o]; split(k, p, SUBSEP)
		for (i = 1; i <= n[k]; i++) w[i] = e[k, i]
		printf "%s|%s|%d|%.0f|%d\n", p[1], p[2], n[k], med(w, n[k]), mx[k]
	}
	printf "e2e_keys %d\ne2e_med_ms %.0f\ne2e_max_ms %d\nfloor_med_ms %.0f\n", na, na ? med(all, na) : 0, m,
		nf ? med(fl, nf) : 0 >> sum
}' "$tmp/e2e" >"$tmp/e2erows"

echo
echo "| phase | key | presses | TUI's work: median ms | max ms | rows filled (max) | rows sorted (max) | table rows drawn (max) | feed entries sorted in (max) | key to screen (tmux): presses | median ms | max ms |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
f=$(awk -F'|' '$1 == "floor" { printf "%s | %s | %s", $3, $4, $5; exit }' "$tmp/e2erows")
[ -n "$f" ] && echo "| floor: a key the terminal echoes (no fourway) | x | - | - | - | - | - | - | - | $f |"
while IFS='|' read -r ph key n med mx built sorted drawn fed; do
	tk=$key
	case $key in KEY_DOWN) tk=Down ;; KEY_UP) tk=Up ;; KEY_NPAGE) tk=NPage ;; KEY_PPAGE) tk=PPage ;; esac
	e=$(awk -F'|' -v p="$ph" -v k="$tk" '$1 == p && $2 == k { print; exit }' "$tmp/e2erows")
	if [ -n "$e" ]; then
		e=$(echo "$e" | awk -F'|' '{ printf "%s | %s | %s", $3, $4, $5 }')
	else
		e="- | - | -"
	fi
	echo "| $ph | $key | $n | $med | $mx | $built | $sorted | $drawn | $fed | $e |"
done <"$tmp/rows"
if ! grep -q "^key " "$log"; then
	# a fourway without the timing log (an older one): tmux's view alone
	awk -F'|' '$1 != "floor" { printf "| %s | %s | - | - | - | - | - | - | - | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' \
		"$tmp/e2erows"
fi
echo
v() { sed -n "s/^$1 //p" "$summary"; }
echo "tui: $(v links) links: the TUI's work per key (handling it and drawing the screen after it) median $(v work_med_ms) ms, max $(v work_max_ms) ms over $(v keys) keys; key sent to the answer on the terminal (tmux, $(v e2e_keys) moves after the replay) median $(v e2e_med_ms) ms, max $(v e2e_max_ms) ms; target < 100 ms; the floor of that look (an echoed key) median $(v floor_med_ms) ms"
exit 0
