#!/bin/sh
# messy.sh - the messy real captures of captures/messy/ (made by tests/vm,
# ground truth from the daemons' and the medium's logs, captures/messy/
# README.md) against fourway check, held to captures/messy/KNOWN-GAPS.
#
# Each capture there has a .expect written from the logs, with `forbid
# others`; some ask for what fourway cannot yet tell.  KNOWN-GAPS names
# those, one a line ("STEM  what is wrong"), and this test keeps the list
# true both ways: a capture that fails and is not listed fails the test,
# and so does a listed capture that passes (its line is then to be
# removed).  `fourway check captures/` elsewhere walks the other captures
# only (tests/check/check.sh, bootstrap.sh).
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
dir=$top/captures/messy
[ -x "$fw" ] || { echo "messy.sh: $fw not built"; exit 99; }
[ -f "$dir/KNOWN-GAPS" ] || { echo "messy.sh: no $dir/KNOWN-GAPS"; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-messy.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$top/tests/lib.sh"

# the stems the list names (comments and blank lines left out)
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$dir/KNOWN-GAPS" | awk '{ print $1 }' >"$tmp/known"
n=0
for e in "$dir"/*.expect; do
	[ -f "$e" ] || continue
	s=$(basename "$e" .expect)
	c=$dir/$s.pcap
	[ -f "$c" ] || c=$c.gz	# a large capture is kept compressed
	[ -f "$c" ] || { nok "$s: no $s.pcap(.gz) beside $s.expect"; continue; }
	n=$((n + 1))
	"$fw" check "$c" >"$tmp/out" 2>&1
	rc=$?
	if grep -qx "$s" "$tmp/known"; then
		if [ "$rc" -eq 0 ]; then
			nok "$s: passes now: take its line out of KNOWN-GAPS"
		else
			ok "$s: fails as KNOWN-GAPS says ($(grep "^$s[[:space:]]" "$dir/KNOWN-GAPS" | cut -c1-120))"
		fi
	elif [ "$rc" -eq 0 ]; then
		ok "$s: passes"
	else
		nok "$s: fails (exit $rc) and KNOWN-GAPS does not list it" "$(head -c 800 "$tmp/out")"
	fi
done
# a line for a capture that is not there is a stale line
while read -r s; do
	[ -f "$dir/$s.expect" ] || nok "KNOWN-GAPS names $s, which has no $s.expect"
done <"$tmp/known"
[ "$n" -gt 0 ] || nok "no capture in $dir"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
