#!/bin/sh
# regen.sh FOURWAY DIR - write every capture listed in DIR/scenarios.list
# (STEM SCENARIO [OPTIONS] a line) as DIR/STEM.pcap and DIR/STEM.expect.
# `make synth-captures` runs it on captures/synth; the test suite runs it
# on a scratch folder and compares byte for byte.
set -eu
fw=$1 dir=$2 list=${3:-$2/scenarios.list}
[ -x "$fw" ] || { echo "regen.sh: $fw is not built" >&2; exit 2; }
mkdir -p "$dir"
grep -v '^#' "$list" | while read -r stem scenario opts; do
	[ -n "$stem" ] || continue
	# shellcheck disable=SC2086 # options are words on purpose
	"$fw" synth "$scenario" $opts -o "$dir/$stem.pcap"
done
