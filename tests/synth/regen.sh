#!/bin/sh
# regen.sh FOURWAY DIR - write every capture listed in DIR/scenarios.list
# (STEM SCENARIO [OPTIONS] a line) as DIR/STEM.pcap and DIR/STEM.expect;
# an 802.1X scenario (one `fourway synth --list` summarizes as "802.1X: ...")
# also writes the AP's wired side as DIR/STEM-wired.pcap, which its .expect
# merges.  `make synth-captures` runs it on captures/synth; the test suite
# runs it on a scratch folder and compares byte for byte.
set -eu
fw=$1 dir=$2 list=${3:-$2/scenarios.list}
[ -x "$fw" ] || { echo "regen.sh: $fw is not built" >&2; exit 2; }
mkdir -p "$dir"
wired=$("$fw" synth --list | awk '$2 == "802.1X:" {print $1}')
grep -v '^#' "$list" | while read -r stem scenario opts; do
	[ -n "$stem" ] || continue
	set -- -o "$dir/$stem.pcap"
	for w in $wired; do
		[ "$w" != "$scenario" ] || set -- "$@" --radius-out "$dir/$stem-wired.pcap"
	done
	# shellcheck disable=SC2086 # options are words on purpose
	"$fw" synth "$scenario" $opts "$@"
done
