#!/bin/sh
# run.sh - `make bench`: generate the capture once (BENCH_SIZE bytes, by
# bench/fwbench-gen, ground truth beside it), then run every command
# BENCH_RUNS times, interleaved (run 1 of each, run 2 of each, ...), under
# /usr/bin/time (wall time, peak RSS) and bench/fwbench-cpu (CPU time to
# the microsecond; time's hundredths are too coarse for a 0.2 s run), and
# print one table row per command: median wall and CPU (user+sys) seconds,
# CPU ratio to the floor (the bare pcap_open_offline loop), MB/s and
# frames/s on wall time, and the largest peak RSS.
#
# Commands that are not installed (tshark, hcxpcapngtool) are left out.
# Environment: BENCH_SIZE (1000000000), BENCH_RUNS (5), BENCH_FILE
# (bench-SIZE.pcap in the build directory), BENCH_NICE (10), BENCH_CACHE
# (read: the file's cached pages are dropped and read back from disk first,
# as a capture read some time after it was written is cached; written: the
# page cache is left as the generator's writes filled it).
bld=${top_builddir:-.}
size=${BENCH_SIZE:-1000000000}
runs=${BENCH_RUNS:-5}
file=${BENCH_FILE:-bench-$size.pcap}
nice=${BENCH_NICE:-10}
fw=$bld/fourway gen=$bld/bench/fwbench-gen loop=$bld/bench/fwbench-loop cpu=$bld/bench/fwbench-cpu
pass="bench passphrase" ssid="fourway-bench"
TIME=/usr/bin/time

[ -x "$TIME" ] || { echo "bench: $TIME not found (Debian package 'time')"; exit 1; }
# written again when missing or from another seed or generator version (format)
if [ ! -s "$file" ] || [ ! -s "$file.truth" ] ||
	[ "$(sed -n 's/^seed //p' "$file.truth")" != 1 ] ||
	[ "$(sed -n 's/^format //p' "$file.truth")" != 2 ]; then
	echo "bench: writing $file ($size bytes)"
	nice -n "$nice" "$gen" --size "$size" --handshakes 500 --seed 1 --passphrase "$pass" \
		--ssid "$ssid" -o "$file" --truth "$file.truth" || exit 1
fi
frames=$(sed -n 's/^frames //p' "$file.truth")
bytes=$(wc -c <"$file" | tr -d ' ')
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# name|command (run by sh -c with $F the capture)
cat >"$tmp/cmds" <<EOF
libpcap loop (floor)|"$loop" "\$F"
libpcap loop, 1 MiB buffer|"$loop" --buffered "\$F"
cat|cat "\$F"
fourway analyze --passphrase|"$fw" analyze --passphrase "$pass" "\$F"
fourway analyze --passphrase --export-decrypted|"$fw" analyze --passphrase "$pass" --export-decrypted /dev/null "\$F"
EOF
if command -v tshark >/dev/null 2>&1; then
	echo "tshark -Y eapol|tshark -r \"\$F\" -Y eapol" >>"$tmp/cmds"
	echo "tshark -Y eapol, WPA decryption|tshark -o wlan.enable_decryption:TRUE -o 'uat:80211_keys:\"wpa-pwd\",\"$pass:$ssid\"' -r \"\$F\" -Y eapol" >>"$tmp/cmds"
fi
if command -v hcxpcapngtool >/dev/null 2>&1; then
	echo "hcxpcapngtool|hcxpcapngtool -o \"$tmp/hashes.22000\" \"\$F\"" >>"$tmp/cmds"
fi

# the page cache holds the file for every command alike; how it came there
# matters to the kernel's copy (a read from disk caches it in large folios,
# which a large read() copies out far more cheaply than the writes' pages)
cache=${BENCH_CACHE:-read}
case $cache in
read)
	sync "$file" 2>/dev/null || sync
	dd if="$file" iflag=nocache count=0 status=none || exit 1
	;;
written) ;;
*) echo "bench: BENCH_CACHE must be read or written, not '$cache'"; exit 1 ;;
esac
cat "$file" >/dev/null
echo "bench: $file: $bytes bytes, $frames frames; $runs interleaved runs, nice -n $nice; page cache: as $cache"
echo "bench: load before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
r=1
while [ "$r" -le "$runs" ]; do
	i=0
	while IFS='|' read -r name cmd; do
		i=$((i + 1))
		F=$file nice -n "$nice" "$TIME" -f '%e %M' -o "$tmp/t" "$cpu" "$tmp/c" \
			sh -c "F=\"\$F\"; exec $cmd" >/dev/null 2>"$tmp/err" </dev/null
		st=$?
		if [ "$st" -ne 0 ]; then
			echo "bench: $name: exit $st: $(tail -c 300 "$tmp/err")"
			exit 1
		fi
		# wall user sys peak-RSS-KiB
		line="$(tail -n 1 "$tmp/t" | cut -d' ' -f1) $(cat "$tmp/c") $(tail -n 1 "$tmp/t" | cut -d' ' -f2)"
		echo "$line" >>"$tmp/times.$i"
		printf '  run %d: %-36s %s\n' "$r" "$name" "$line"
	done <"$tmp/cmds"
	r=$((r + 1))
done

echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "| command | wall s | CPU s | CPU / floor | MB/s | frames/s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
i=0
while IFS='|' read -r name cmd; do
	i=$((i + 1))
	wall=$(awk '{ print $1 }' "$tmp/times.$i" | median)
	cpu=$(awk '{ print $2 + $3 }' "$tmp/times.$i" | median)
	rss=$(awk '{ if ($4 > m) m = $4 } END { print m }' "$tmp/times.$i")
	[ "$i" -eq 1 ] && floor=$cpu
	awk -v n="$name" -v w="$wall" -v c="$cpu" -v f="$floor" -v b="$bytes" -v fr="$frames" \
		-v r="$rss" 'BEGIN {
			printf "| %s | %.2f | %.3f | %.2f | %.0f | %.0f | %.1f |\n", n, w, c,
				(f > 0 ? c / f : 0), (w > 0 ? b / 1e6 / w : 0), (w > 0 ? fr / w : 0), r / 1024 }'
done <"$tmp/cmds"
