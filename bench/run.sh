#!/bin/sh
# run.sh - `make bench`: one run that RESULTS.md can be written from.
#
# Generates two captures once (BENCH_SIZE bytes each, by bench/fwbench-gen,
# ground truth beside them): the default file, and the same with the keyed
# links' data under a key no handshake of the file gives (--undecryptable;
# left out, with a note, when the generator has no such option).  Then
# runs every command BENCH_RUNS times, interleaved (run 1 of each, run 2 of
# each, ...), under /usr/bin/time (wall time, peak RSS) and
# bench/fwbench-cpu (CPU time to the microsecond, from wait4's rusage;
# time's hundredths are too coarse for a 0.2 s run), and prints one row per
# command: median wall and CPU (user+sys) seconds, CPU ratio to the floor
# (the bare pcap_open_offline loop) on the same file, MB/s and frames/s on
# wall time, and the largest peak RSS.  Two rows take fourway's own loop
# only so far (bench/fwbench-stages: reading, and reading and decoding,
# without the reconstructor), so the whole's time splits into its stages.
# Then the live benchmark
# (bench/live.sh: root and /dev/net/tun, else a note), and the targets of
# the round with the measured column.  The machine's state (date, CPU,
# kernel, load before and after, the page cache's state) comes first.
# Exit 0 whatever the figures (a benchmark, not a test); 1 when a command
# fails.
#
# Commands that are not installed (tshark, hcxpcapngtool from hcxtools) are
# left out with a note.  Environment: BENCH_SIZE (1000000000), BENCH_RUNS
# (5), BENCH_FILE (bench-SIZE.pcap in the build directory; the second file
# is its name with -undecryptable before .pcap), BENCH_NICE (10),
# BENCH_CACHE (read: each file's cached pages are dropped and read back
# from disk first, as a capture read some time after it was written is
# cached; written: the page cache is left as the generator's writes filled
# it), BENCH_LIVE (yes; no leaves the live benchmark out) and live.sh's
# BENCH_LIVE_* settings.
bld=${top_builddir:-.}
top=${top_srcdir:-.}
size=${BENCH_SIZE:-1000000000}
runs=${BENCH_RUNS:-5}
file=${BENCH_FILE:-bench-$size.pcap}
ufile=${file%.pcap}-undecryptable.pcap
nice=${BENCH_NICE:-10}
cache=${BENCH_CACHE:-read}
fw=$bld/fourway gen=$bld/bench/fwbench-gen loop=$bld/bench/fwbench-loop cpu=$bld/bench/fwbench-cpu
stages=$bld/bench/fwbench-stages
pass="bench passphrase" ssid="fourway-bench"
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "bench: $TIME not found (Debian package 'time')"; exit 1; }
case $cache in
read | written) ;;
*) echo "bench: BENCH_CACHE must be read or written, not '$cache'"; exit 1 ;;
esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# written again when missing or from another seed, generator version
# (format) or kind; gen FILE KIND [--undecryptable]
gen() {
	f=$1 kind=$2
	shift 2
	if [ ! -s "$f" ] || [ ! -s "$f.truth" ] ||
		[ "$(sed -n 's/^seed //p' "$f.truth")" != 1 ] ||
		[ "$(sed -n 's/^format //p' "$f.truth")" != 2 ] ||
		[ "$(sed -n 's/^undecryptable //p' "$f.truth")" != "$kind" ]; then
		echo "bench: writing $f ($size bytes)"
		nice -n "$nice" "$gen" --size "$size" --handshakes 500 --seed 1 --passphrase "$pass" \
			--ssid "$ssid" -o "$f" --truth "$f.truth" "$@" || exit 1
	fi
}
gen "$file" ""
if "$gen" --help 2>&1 | grep -q -e '--undecryptable'; then
	gen "$ufile" yes --undecryptable
else
	echo "bench: note: bench/fwbench-gen has no --undecryptable: the second file's rows are left out"
	ufile=
fi

# name|file (a: the default, u: the undecryptable one)|command (run by sh -c with $F the capture)
cat >"$tmp/cmds" <<EOF
libpcap loop (floor)|a|"$loop" "\$F"
libpcap loop, 1 MiB buffer|a|"$loop" --buffered "\$F"
cat|a|cat "\$F"
fourway reading only (fwbench-stages read)|a|"$stages" read "\$F"
fourway reading and decoding only (fwbench-stages decode)|a|"$stages" decode "\$F"
fourway analyze --passphrase|a|"$fw" analyze --passphrase "$pass" "\$F"
fourway analyze --passphrase --export-decrypted|a|"$fw" analyze --passphrase "$pass" --export-decrypted /dev/null "\$F"
EOF
if [ -n "$ufile" ]; then
	cat >>"$tmp/cmds" <<EOF
libpcap loop (floor), undecryptable file|u|"$loop" "\$F"
cat, undecryptable file|u|cat "\$F"
fourway analyze --passphrase, undecryptable file|u|"$fw" analyze --passphrase "$pass" "\$F"
EOF
fi
if command -v tshark >/dev/null 2>&1; then
	echo "tshark -Y eapol|a|tshark -r \"\$F\" -Y eapol" >>"$tmp/cmds"
	echo "tshark -Y eapol, WPA decryption|a|tshark -o wlan.enable_decryption:TRUE -o 'uat:80211_keys:\"wpa-pwd\",\"$pass:$ssid\"' -r \"\$F\" -Y eapol" >>"$tmp/cmds"
else
	echo "bench: note: tshark not installed (Debian package tshark): its rows are left out"
fi
if command -v hcxpcapngtool >/dev/null 2>&1; then
	echo "hcxpcapngtool|a|hcxpcapngtool -o \"$tmp/hashes.22000\" \"\$F\"" >>"$tmp/cmds"
else
	echo "bench: note: hcxpcapngtool not installed (Debian package hcxtools): its row is left out"
fi

# The page cache holds each file for every command alike; how it came
# there matters to the kernel's copy (a read from disk caches it in large
# folios, which a large read() copies out far more cheaply than the
# writes' pages).
for f in "$file" $ufile; do
	if [ "$cache" = read ]; then
		sync "$f" 2>/dev/null || sync
		dd if="$f" iflag=nocache count=0 status=none || exit 1
	fi
	cat "$f" >/dev/null
done
frames=$(sed -n 's/^frames //p' "$file.truth")
bytes=$(wc -c <"$file" | tr -d ' ')
[ -z "$ufile" ] || {
	uframes=$(sed -n 's/^frames //p' "$ufile.truth")
	ubytes=$(wc -c <"$ufile" | tr -d ' ')
}

# The machine's state: what a reader needs to compare this run with another.
cc=$(sed -n 's/^CC = //p' "$bld/Makefile" 2>/dev/null)
echo "bench: $(date -u '+%Y-%m-%d %H:%M UTC'); fourway $(git -C "$top" describe --always --dirty 2>/dev/null ||
	echo "(no git)"), ${cc:-cc} $(${cc:-cc} -dumpfullversion 2>/dev/null) $(sed -n 's/^CFLAGS = //p' "$bld/Makefile" 2>/dev/null)"
echo "bench: machine: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) CPUs," \
	"$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r)," \
	"$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
peers=
! command -v tshark >/dev/null 2>&1 || peers="$(tshark -v 2>/dev/null | head -n 1 | cut -d' ' -f1-3)"
! command -v hcxpcapngtool >/dev/null 2>&1 ||
	peers="${peers:+$peers, }$(hcxpcapngtool -v 2>/dev/null | head -n 1 | cut -d' ' -f1-2)"
echo "bench: libpcap $(pkg-config --modversion libpcap 2>/dev/null || echo '?')${peers:+; peers: $peers}"
echo "bench: $file: $bytes bytes, $frames frames${ufile:+; $ufile: $ubytes bytes, $uframes frames}"
echo "bench: $runs interleaved runs, nice -n $nice; page cache: each file $(
	[ "$cache" = read ] && echo "dropped and read back from disk (BENCH_CACHE=read)" ||
	echo "as the generator's writes left it (BENCH_CACHE=written)")"
echo "bench: load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
r=1
while [ "$r" -le "$runs" ]; do
	i=0
	while IFS='|' read -r name which cmd; do
		i=$((i + 1))
		[ "$which" = u ] && F=$ufile || F=$file
		F=$F nice -n "$nice" "$TIME" -f '%e %M' -o "$tmp/t" "$cpu" "$tmp/c" \
			sh -c "F=\"\$F\"; exec $cmd" >/dev/null 2>"$tmp/err" </dev/null
		st=$?
		if [ "$st" -ne 0 ]; then
			echo "bench: $name: exit $st: $(tail -c 300 "$tmp/err")"
			exit 1
		fi
		# wall user sys peak-RSS-KiB
		line="$(tail -n 1 "$tmp/t" | cut -d' ' -f1) $(cat "$tmp/c") $(tail -n 1 "$tmp/t" | cut -d' ' -f2)"
		echo "$line" >>"$tmp/times.$i"
		printf '  run %d: %-48s %s\n' "$r" "$name" "$line"
	done <"$tmp/cmds"
	r=$((r + 1))
done
echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "| command | wall s | CPU s | CPU / floor | MB/s | frames/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
i=0
floor_a=0 floor_u=0
while IFS='|' read -r name which cmd; do
	i=$((i + 1))
	wall=$(awk '{ print $1 }' "$tmp/times.$i" | median)
	c=$(awk '{ print $2 + $3 }' "$tmp/times.$i" | median)
	rss=$(awk '{ if ($4 > m) m = $4 } END { print m }' "$tmp/times.$i")
	case $name in
	"libpcap loop (floor)") floor_a=$c ;;
	"libpcap loop (floor), undecryptable file") floor_u=$c ;;
	esac
	if [ "$which" = u ]; then f=$floor_u b=$ubytes fr=$uframes; else f=$floor_a b=$bytes fr=$frames; fi
	echo "$name|$c|$f|$rss" >>"$tmp/medians"
	awk -v n="$name" -v w="$wall" -v c="$c" -v f="$f" -v b="$b" -v fr="$fr" \
		-v r="$rss" 'BEGIN {
			printf "| %s | %.2f | %.3f | %.2f | %.0f | %.0f | %.1f |\n", n, w, c,
				(f > 0 ? c / f : 0), (w > 0 ? b / 1e6 / w : 0), (w > 0 ? fr / w : 0), r / 1024 }'
done <"$tmp/cmds"

# The live benchmark, after the files' (its generator and replays would
# disturb them), its rows and the figures of its target.
echo
if [ "${BENCH_LIVE:-yes}" = no ]; then
	live="not measured: BENCH_LIVE=no"
elif [ "$(id -u)" -ne 0 ]; then
	live="not measured: needs root (a TUN device in a network namespace; make bench-live as root)"
elif [ ! -c /dev/net/tun ]; then
	live="not measured: no /dev/net/tun"
else
	BENCH_LIVE_SUMMARY=$tmp/live sh "$top/bench/live.sh" | tee "$tmp/live.out"
	if [ -s "$tmp/live" ] && grep -q '^tui_pct ' "$tmp/live"; then
		lv() { sed -n "s/^$1 //p" "$tmp/live"; }
		live="$(lv tui_pct)% of one core, $(lv tui_drops) kernel drops ($(lv tui_rate) frames/s, $(lv tui_us) us a frame)"
	else
		live="not measured: $(grep -m 1 '^live: ' "$tmp/live.out" | sed 's/^live: //;s/^not measured: //')"
	fi
fi
[ -e "$tmp/live.out" ] || echo "live: $live"

# The targets of the round (issue 22), with this run's figures.
med() { awk -F'|' -v n="$1" '$1 == n { print $2 }' "$tmp/medians"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print ""; else printf "%.2f", a / b }'; }
fwa=$(med "fourway analyze --passphrase") fwu=$(med "fourway analyze --passphrase, undecryptable file")
ts=$(med "tshark -Y eapol, WPA decryption")
ra=$(ratio "$fwa" "$floor_a") ru=$(ratio "$fwu" "$floor_u") rc=$(ratio "$(med cat)" "$floor_a")
rss=$(awk -F'|' '$1 ~ /^fourway analyze --passphrase(, undecryptable file)?$/ { if ($4 > m) m = $4 }
	END { printf "%.1f", m / 1024 }' "$tmp/medians")
tsx=$(awk -v a="$ts" -v b="$fwa" 'BEGIN { if (a != "" && b > 0) printf "%.0f", a / b }')
met() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "") print "-";
	else if (op == "le" ? v + 0 <= t : op == "lt" ? v + 0 < t : v + 0 >= t) print "yes"; else print "no" }'; }
echo
echo "| target (CPU, ratio to the libpcap floor on the same file, this run) | target | measured | met |"
echo "| --- | --- | --- | --- |"
echo "| fourway analyze with the passphrase, bench/fwbench-gen file | <= 0.50x (at or below cat) | ${ra:-?}x (cat ${rc:-?}x) | $(met "$ra" 0.5 le) |"
if [ -n "$ufile" ]; then
	echo "| the same with keyed traffic that does not decrypt | <= 0.80x | ${ru:-?}x | $(met "$ru" 0.8 le) |"
else
	echo "| the same with keyed traffic that does not decrypt | <= 0.80x | not measured: no --undecryptable in bench/fwbench-gen | - |"
fi
echo "| peak RSS, either file | < 32 MiB | $rss MiB | $(met "$rss" 32 lt) |"
if [ -n "$tsx" ]; then
	echo "| against tshark with decryption | >= 100x faster | ${tsx}x | $(met "$tsx" 100 ge) |"
else
	echo "| against tshark with decryption | >= 100x faster | not measured: no tshark | - |"
fi
case $live in
"not measured"*)
	echo "| live, 30k frames/s with the TUI | < 25% of one core, 0 kernel drops | $live | - |" ;;
*)
	ok=$(awk -v p="$(lv tui_pct)" -v d="$(lv tui_drops)" 'BEGIN { print (p + 0 < 25 && d + 0 == 0) ? "yes" : "no" }')
	echo "| live, 30k frames/s with the TUI | < 25% of one core, 0 kernel drops | $live | $ok |" ;;
esac
exit 0
