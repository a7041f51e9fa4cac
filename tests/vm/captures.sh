#!/bin/sh
# captures.sh - the captures the VM made (captures/S*.pcap with
# S.hostapd.log), checked without the VM in every make check:
#   - each capture's .expect: with its key lines as the keys (and merged
#     with the files its `merge` lines name, as analyze --merge), fourway
#     analyze finds `handshakes complete N` (4-way and group-key), every
#     `expect CODE` and no `forbid CODE`; a capture another .expect merges
#     is checked as part of that one;
#   - verify.sh, as after a fresh run: fourway's report against hostapd's
#     and the medium's logs kept beside the capture (completed handshakes
#     complete, rejected MICs bad, every EAPOL-Key message on the air or
#     delivered to the sniffer there, the link type as captured).
# The .expect lines and the logs come from the daemons and the medium,
# never from fourway (tests/vm/harvest.sh, captures/README.md).
# Needs jq; prints "N passed, N failed" last.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
caps=$top/captures
command -v jq >/dev/null 2>&1 || { echo "captures.sh: jq not found: skipping"; exit 77; }
[ -x "$fw" ] || { echo "captures.sh: $fw not built"; exit 99; }
ls "$caps"/*.hostapd.log >/dev/null 2>&1 || { echo "captures.sh: no VM captures in $caps"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-captures.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; }

# expect_file CAPTURE JSON EXPECT: the lines of the sidecar that are not keys
# (comments, from a # to the end of the line, left out)
expect_file() {
	c=$1 json=$2
	while read -r what a b; do
		case $what in
		handshakes)
			[ "$a" = complete ] || { nok "$c.expect: unknown line 'handshakes $a $b'"; continue; }
			got=$(jq '[.links[].handshakes[] | select(.outcome == "complete")] | length' "$json")
			[ "$got" = "$b" ] && ok "$c: handshakes complete $b" || nok "$c: handshakes complete $got, want $b" ;;
		expect)
			got=$(jq --arg c "$a" '[.findings[] | select(.code == $c)] | length' "$json")
			[ "$got" -gt 0 ] && ok "$c: expect $a" || nok "$c: expect $a: no such finding" ;;
		forbid)
			got=$(jq --arg c "$a" '[.findings[] | select(.code == $c)] | length' "$json")
			[ "$got" -eq 0 ] && ok "$c: forbid $a" || nok "$c: forbid $a: $got found" ;;
		key|merge|'') ;;
		*) nok "$c.expect: unknown line '$what $a $b'" ;;
		esac
	done <<-EOF
	$(sed 's/[[:space:]]*#.*//' "$3")
	EOF
}

for log in "$caps"/*.hostapd.log; do
	s=$(basename "$log" .hostapd.log)
	d=$tmp/$s
	mkdir -p "$d"
	cp "$log" "$d/hostapd.log"
	[ -f "$caps/$s.medium.log" ] && cp "$caps/$s.medium.log" "$d/medium.log"
	[ -f "$caps/$s.keylog" ] && cp "$caps/$s.keylog" "$d/keylog"
	[ -f "$caps/$s.radius-server.log" ] && cp "$caps/$s.radius-server.log" "$d/radius-server.log"
	for p in "$caps/$s.pcap" "$caps/$s"-*.pcap; do
		[ -f "$p" ] || continue
		c=$(basename "$p" .pcap)
		ln -s "$p" "$d/$c.pcap"	# verify.sh merges the 802.1X captures itself
		grep -qx "merge $c.pcap" "$caps"/*.expect && continue	# part of another capture
		e=$caps/$c.expect
		[ -f "$e" ] || { nok "$c: no $c.expect"; continue; }
		# .expect key lines are the key-file syntax; a keylog path is
		# relative to the .expect, as fourway takes one relative to its
		# key file, and so is a merge path
		sed -n 's/^key //p' "$e" | sed "s|^keylog \([^/]\)|keylog $caps/\1|" >"$d/$c.keys"
		set --
		for m in $(sed -n 's/^merge  *\([^ ]*\).*/\1/p' "$e"); do set -- "$@" "$caps/$m"; done
		merge=
		[ $# -gt 0 ] && merge=--merge
		"$fw" analyze --json --key-file "$d/$c.keys" $merge "$p" "$@" >"$d/$c.json" 2>"$d/$c.fw.err"
		rc=$?
		echo "fourway exit status $rc" >>"$d/$c.fw.err"
		if [ $rc -eq 0 ]; then
			expect_file "$c" "$d/$c.json" "$e"
		else
			nok "$c: fourway analyze failed: $(head -n1 "$d/$c.fw.err")"
		fi
	done
done
echo "$passed passed, $failed failed (the .expect files)"
sh "$top/tests/vm/verify.sh" "$fw" "$tmp"/*/
vrc=$?
[ "$failed" -eq 0 ] && [ "$vrc" -eq 0 ]
