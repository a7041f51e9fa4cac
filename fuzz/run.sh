#!/bin/sh
# run.sh BUILDDIR SRCDIR SECONDS [TARGET...] - run libFuzzer targets for a
# bounded time each.  Seeds: the frames of captures/ and of the corpus
# (FOURWAY_CORPUS, when present) cut by mkseeds, plus fuzz/seeds/TARGET and
# the inputs of past crashes, fuzz/regress/TARGET.  New inputs accumulate in
# BUILDDIR/fuzz/corpus/TARGET; a crash leaves BUILDDIR/fuzz/crash-TARGET-*
# and makes the script fail.  Prints one line per target: time, executions.
set -u
bld=$1 src=$2 secs=$3
shift 3
targets=${*:-radiotap dot11 eapol ie keyfile keylog pipeline dlog capfile baseline}
fz=$bld/fuzz

caps="$src/captures/"*.pcap
if [ -n "${FOURWAY_CORPUS:-}" ] && [ -d "$FOURWAY_CORPUS" ]; then
	caps="$caps $(find "$FOURWAY_CORPUS" -name '*.pcap' -o -name '*.cap' -o -name '*.pcapng' | sort)"
fi
seeds=$fz/seeds.$$
trap 'rm -rf "$seeds"' EXIT INT TERM
# shellcheck disable=SC2086
"$fz/mkseeds" "$seeds" $caps >/dev/null || exit 1

failed=0
for t in $targets; do
	mkdir -p "$fz/corpus/$t"
	dirs="$fz/corpus/$t"
	for d in "$seeds/$t" "$src/fuzz/seeds/$t" "$src/fuzz/regress/$t"; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	case $t in
	pipeline|capfile) max_len=65536 ;;
	keyfile|keylog|dlog|baseline) max_len=8192 ;;
	*) max_len=4096 ;;
	esac
	log=$fz/fuzz-$t.log
	# shellcheck disable=SC2086
	"$fz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$max_len" -print_final_stats=1 \
		-artifact_prefix="$fz/crash-$t-" $dirs >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $t: ${secs}s, ${runs:-?} executions, no crash"
	else
		failed=1
		echo "fuzz $t: FAILED (exit $rc) after ${runs:-?} executions; log $log:"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -n 8
		grep -E '^ +#[0-9]+ ' "$log" | head -n 12
	fi
done
exit $failed
