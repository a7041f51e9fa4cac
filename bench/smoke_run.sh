#!/bin/sh
# smoke_run.sh - `make bench` (bench/run.sh) on a 2 MB file, one run and
# the live part left out, so that the script does not rot unseen: it exits
# 0, says the machine's state, prints a row of figures for every command
# (the undecryptable file's when bench/fwbench-gen can write one, tshark's
# and hcxpcapngtool's when they are installed, a note for each one left
# out), a ratio of 1.00 for each floor, and the targets table with a
# measured figure (or why not) on every line.  Not a timing test.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup bench-run
need_fw
for p in "$bld/bench/fwbench-gen" "$bld/bench/fwbench-loop" "$bld/bench/fwbench-cpu" \
	"$bld/bench/fwbench-stages"; do
	[ -x "$p" ] || { echo "smoke_run.sh: $p not built"; exit 99; }
done
[ -x /usr/bin/time ] || skip "/usr/bin/time not found (Debian package time)"

BENCH_SIZE=2000000 BENCH_RUNS=1 BENCH_FILE=$tmp/b.pcap BENCH_LIVE=no BENCH_NICE=0 \
	top_builddir=$bld top_srcdir=$top sh "$top/bench/run.sh" >"$tmp/out" 2>&1
st=$?
check "run.sh exits 0" '[ "$st" -eq 0 ]' "exit $st: $(tail -n 20 "$tmp/out")"

for l in "bench: [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]+ UTC; fourway " "bench: machine: .* CPUs, .* kernel " \
	"page cache: each file dropped and read back from disk" "bench: load before: [0-9.]+ " \
	"bench: load after: [0-9.]+ "; do
	check "the state: '$l'" 'grep -Eq "$l" "$tmp/out"' "$(head -n 8 "$tmp/out")"
done

num='[0-9]+(\.[0-9]+)?'
# row NAME: a row of figures for NAME (wall, CPU, ratio, MB/s, frames/s, RSS)
row() {
	rname=$1
	check "a row for $1" 'grep -Eq "^\| $rname \| $num \| $num \| $num \| $num \| $num \| $num \|\$" "$tmp/out"' \
		"$(grep -F "| $1 |" "$tmp/out")"
}
for n in "libpcap loop \(floor\)" "libpcap loop, 1 MiB buffer" cat \
	"fourway reading only \(fwbench-stages read\)" \
	"fourway reading and decoding only \(fwbench-stages decode\)" "fourway analyze --passphrase" \
	"fourway analyze --passphrase --export-decrypted"; do
	row "$n"
done
check "the floor's ratio is 1.00" 'grep -Eq "^\| libpcap loop \(floor\) \| $num \| $num \| 1\.00 \|" "$tmp/out"'
if "$bld/bench/fwbench-gen" --help 2>&1 | grep -q -e --undecryptable; then
	for n in "libpcap loop \(floor\), undecryptable file" "cat, undecryptable file" \
		"fourway analyze --passphrase, undecryptable file"; do
		row "$n"
	done
	check "the undecryptable file's floor is its own (1.00)" \
		'grep -Eq "^\| libpcap loop \(floor\), undecryptable file \| $num \| $num \| 1\.00 \|" "$tmp/out"'
	check "its ratio in the targets" \
		'grep -Eq "^\| the same with keyed traffic that does not decrypt \| <= 0.80x \| $num"x" \| (yes|no) \|" "$tmp/out"'
else
	check "a note: no undecryptable file" 'grep -q "has no --undecryptable" "$tmp/out"'
	check "its target: not measured" \
		'grep -q "^| the same with keyed traffic that does not decrypt | <= 0.80x | not measured" "$tmp/out"'
fi
if command -v tshark >/dev/null 2>&1; then
	row "tshark -Y eapol"
	row "tshark -Y eapol, WPA decryption"
	check "tshark in the targets" \
		'grep -Eq "^\| against tshark with decryption \| >= 100x faster \| [0-9]+x \| (yes|no) \|" "$tmp/out"'
else
	check "a note: no tshark" 'grep -q "tshark not installed" "$tmp/out"'
fi
if command -v hcxpcapngtool >/dev/null 2>&1; then
	row hcxpcapngtool
else
	check "a note: no hcxpcapngtool" 'grep -q "hcxpcapngtool not installed" "$tmp/out"'
fi
check "the first target, with cat's ratio" \
	'grep -Eq "^\| fourway analyze with the passphrase, bench/fwbench-gen file \| <= 0.50x \(at or below cat\) \| $num"x" \(cat $num"x"\) \| (yes|no) \|" "$tmp/out"'
check "peak RSS in the targets" 'grep -Eq "^\| peak RSS, either file \| < 32 MiB \| $num MiB \| (yes|no) \|" "$tmp/out"'
check "the live target says why it was not measured" \
	'grep -q "^| live, 30k frames/s with the TUI | < 25% of one core, 0 kernel drops | not measured: BENCH_LIVE=no | - |" "$tmp/out"'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
