#!/bin/sh
# live.sh - `make bench-live`: `fourway live` on a radiotap TUN device
# (bench/fwbench-live) fed the frames of bench/fwbench-gen files, one row
# per measurement:
#   - as fast as the device takes them, without and with the TUI, and when
#     the kernel dropped frames, set rates going down until it drops none:
#     the highest rate with no kernel drops;
#   - BENCH_LIVE_RATE frames/s (30 000: a saturated 802.11ax channel) for
#     BENCH_LIVE_SECONDS, without and with the TUI: CPU a frame and % of
#     one core;
#   - the TUI with BENCH_LIVE_LINKS links (a file of that many handshakes,
#     replayed at BENCH_LIVE_RATE): with the default kernel buffer, and
#     with a buffer that holds the file (every link on the screen), then
#     CPU a redraw while frames keep coming (the view refreshed and drawn)
#     and while none does (drawn only).
# fourway's CPU is its own (the kernel's delivery into its ring is charged
# to the writer), from the first frame to 300 ms after the last.
#
# Needs root and /dev/net/tun (exit 77 otherwise, with the reason).
# Environment: BENCH_LIVE_SIZE (150000000: bytes of the replayed file),
# BENCH_LIVE_LINKS (10000), BENCH_LIVE_RATE (30000), BENCH_LIVE_SECONDS (5),
# BENCH_LIVE_DIR (where the files are written and kept: the current one),
# BENCH_LIVE_SUMMARY (a file to write the target's figures to, as
# "tui_pct P", "tui_drops D", "tui_rate R", "max_rate R" ... lines).
bld=${top_builddir:-.}
size=${BENCH_LIVE_SIZE:-150000000}
nlinks=${BENCH_LIVE_LINKS:-10000}
rate=${BENCH_LIVE_RATE:-30000}
secs=${BENCH_LIVE_SECONDS:-5}
summary=${BENCH_LIVE_SUMMARY:-/dev/null}
fw=$bld/fourway gen=$bld/bench/fwbench-gen live=$bld/bench/fwbench-live
pass="bench passphrase" ssid="fourway-bench" ifn=fwbench0 fwextra=
dir=${BENCH_LIVE_DIR:-.}
file=$dir/bench-live-$size.pcap links=$dir/bench-live-links-$nlinks.pcap

: >"$summary"
for p in "$fw" "$gen" "$live"; do
	[ -x "$p" ] || { echo "live: $p not built"; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "live: not measured: needs root (a TUN device, a network namespace)"; exit 77; }
[ -c /dev/net/tun ] || { echo "live: not measured: no /dev/net/tun"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-live-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
exec 3>&1	# messages, also from the measurements run in $(...)

# gen FILE SEED ARGS...: written again when missing or from another seed or format
gen() {
	f=$1 seed=$2
	shift 2
	if [ ! -s "$f" ] || [ ! -s "$f.truth" ] ||
		[ "$(sed -n 's/^seed //p' "$f.truth")" != "$seed" ] ||
		[ "$(sed -n 's/^format //p' "$f.truth")" != 2 ]; then
		echo "live: writing $f"
		"$gen" --seed "$seed" --passphrase "$pass" --ssid "$ssid" -o "$f" --truth "$f.truth" \
			"$@" >/dev/null || exit 1
	fi
}
gen "$file" 2 --size "$size" --handshakes 50
gen "$links" 3 --size 1000000 --handshakes "$nlinks"
echo "live: $file: $(sed -n 's/^frames //p' "$file.truth") frames;" \
	"$links: $(sed -n 's/^frames //p' "$links.truth") frames, $nlinks handshake links;" \
	"load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

# measure NAME [fwbench-live options]: one run, its KEY=VALUE line in $tmp/r
# (the TUI when --tui is among the options, fourway's options $fwextra
# added); 77 (no TUN device here) leaves $tmp/skip
measure() {
	name=$1
	shift
	case " $* " in
	*" --tui "*) set -- "$@" -- "$fw" live "$ifn" --passphrase "$pass" --ssid "$ssid" $fwextra ;;
	*) set -- "$@" -- "$fw" live --no-tui --json "$ifn" --passphrase "$pass" --ssid "$ssid" $fwextra ;;
	esac
	"$live" --ifname "$ifn" "$@" >"$tmp/r" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq 77 ]; then
		echo "live: not measured: $(tail -n 1 "$tmp/err")" >&3
		: >"$tmp/skip"
		return 77
	fi
	if [ "$st" -ne 0 ]; then
		echo "live: $name: failed: $(tail -c 300 "$tmp/err")" >&3
		: >"$tmp/r"
		return 1
	fi
	printf '%s\n' "$name" >>"$tmp/names"
	cat "$tmp/r" >>"$tmp/rows"
}
# v KEY: a value of the last measurement
v() { tr ' ' '\n' <"$tmp/r" | sed -n "s/^$1=//p"; }
drops() { echo $(($(v kernel_dropped) + $(v if_dropped | sed 's/^-1$/0/') + $(v dev_dropped | sed 's/^-1$/0/'))); }

# highest MODE-NAME [--tui]: as fast as it goes, then lower rates while frames are dropped
highest() {
	label=$1
	shift
	measure "$label, as fast as it goes" --capture "$file" "$@" || return 1
	top=$(v rate)
	if [ "$(drops)" -eq 0 ]; then
		echo "at least $top frames/s (none dropped at the writer's own pace)"
		return 0
	fi
	for pct in 75 50 35 25 15 10 5; do
		r=$((top * pct / 100))
		measure "$label, $r frames/s" --capture "$file" --rate "$r" --seconds "$secs" "$@" || return 1
		if [ "$(drops)" -eq 0 ]; then
			echo "$r frames/s"
			return 0
		fi
	done
	echo "below $r frames/s"
}

: >"$tmp/rows"
: >"$tmp/names"
max_cli=$(highest "--no-tui")
[ ! -e "$tmp/skip" ] || exit 77
echo "max_rate $max_cli" >>"$summary"
max_tui=$(highest "TUI" --tui)
echo "max_rate_tui $max_tui" >>"$summary"
measure "--no-tui, $rate frames/s" --capture "$file" --rate "$rate" --seconds "$secs" &&
	echo "cli_pct $(v pct)" >>"$summary"
if measure "TUI, $rate frames/s" --capture "$file" --rate "$rate" --seconds "$secs" --tui; then
	echo "tui_pct $(v pct)" >>"$summary"
	echo "tui_drops $(drops)" >>"$summary"
	echo "tui_rate $(v rate)" >>"$summary"
	echo "tui_us $(v us_per_frame)" >>"$summary"
fi
# all the links at the rate with the default kernel buffer, then with one
# that holds the whole file, so that every link is on the screen for the
# redraws whatever the first run dropped
measure "TUI, $nlinks links at $rate frames/s" --capture "$links" --rate "$rate" --tui &&
	echo "links_drops $(drops)" >>"$summary"
fwextra="--buffer-size 256"
if measure "TUI, $nlinks links at $rate frames/s, --buffer-size 256" --capture "$links" --rate "$rate" \
	--tui --settle --trickle 3 --idle 3; then
	echo "redraw_links $(v links)" >>"$summary"
	echo "redraw_ms $(v trickle_ms)" >>"$summary"
	echo "redraw_idle_ms $(v idle_ms)" >>"$summary"
	echo "redraw_settle_s $(v settle_s)" >>"$summary"
	redraw="TUI with $(v links) links (after $(v settle_s) s working through its buffer): $(v trickle_ms) ms CPU a redraw while frames come ($(v trickle_redraws) redraws: the view refreshed and drawn), $(v idle_ms) ms while none does ($(v idle_redraws): drawn only)"
fi
fwextra=

echo
echo "| fourway live on a radiotap TUN device | frames | s | frames/s | CPU s | us/frame | % of one core | kernel drops | received |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
paste -d '|' "$tmp/names" "$tmp/rows" | while IFS='|' read -r name kv; do
	eval "$(echo "$kv" | tr ' ' '\n' | grep -E '^[a-z_]+=-?[0-9.]+$' | sed 's/^/k_/')"
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$k_sent" "$k_seconds" "$k_rate" \
		"$k_cpu" "$k_us_per_frame" "$k_pct" \
		"$((k_kernel_dropped + (k_if_dropped > 0 ? k_if_dropped : 0) + (k_dev_dropped > 0 ? k_dev_dropped : 0)))" \
		"$k_received"
done
echo
echo "live: highest rate with no kernel drops: --no-tui $max_cli; TUI $max_tui"
[ -z "${redraw:-}" ] || echo "live: $redraw"
echo "live: load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
exit 0
