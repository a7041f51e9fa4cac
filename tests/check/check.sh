#!/bin/sh
# check.sh - `fourway check` end to end over the captures in captures/ and
# their .expect sidecars: the exit status (0 pass, 1 a capture failed, 2
# usage or unreadable input), the line that names the capture and why, TAP,
# a JUnit file that validates as XML with one testcase a capture, baselines,
# policies, folders, keys from sidecars, and -j.  Known answers come from how
# the captures were made (the passphrase each daemon was given, the medium's
# log), never from fourway's own output.
#
# Needs xmllint and gzip; prints "N passed, N failed" last.
top=${top_srcdir:-.}
bld=${top_builddir:-.}
fw=$(cd "$bld" && pwd)/fourway	# absolute: one test runs it from another folder
caps=$top/captures
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-check.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
# captures/messy/ holds real captures fourway is known to get wrong today
# (tests/vm/messy.sh holds them to captures/messy/KNOWN-GAPS): the walks
# here are over a view of captures/ without that folder
mkdir "$tmp/captures" || exit 99
for e in "$(cd "$caps" && pwd)"/*; do
	[ "${e##*/}" = messy ] || ln -s "$e" "$tmp/captures/" || exit 99
done
caps=$tmp/captures

command -v xmllint >/dev/null 2>&1 || { echo "check.sh: xmllint (libxml2-utils) not found: skipping"; exit 77; }
command -v gzip >/dev/null 2>&1 || { echo "check.sh: gzip not found: skipping"; exit 77; }
[ -x "$fw" ] || { echo "check.sh: $fw not built"; exit 99; }

WPA2_PASS='correct horse battery staple'	# wpa2-psk.pcap, SSID hwsim-wpa2
WPA2_PMK=97ec771347e64d42367432d72387c78aff911d091343a452ccc68192a50a96de	# PBKDF2 of the two
WRONG_PASS='the right passphrase'	# wrong-psk.pcap: the AP's passphrase
M4_PASS='first four lost'	# m4-drop.pcap

. "$top/tests/lib.sh"

# unwrapped FILE: the text report with each failure reason on one line again
# (a wrapped reason goes on in lines indented six spaces)
unwrapped() {
	awk '/^      [^ ]/ { sub(/^ +/, ""); line = line " " $0; next }
	     { if (NR > 1) print line; line = $0 } END { if (NR) print line }' "$1"
}
# has NAME FILE PATTERN: a fixed string is in the file
has() {
	if unwrapped "$2" | grep -qF -- "$3"; then ok "$1"; else nok "$1" "'$3' not in: $(head -c 600 "$2")"; fi
}
hasnt() {
	if unwrapped "$2" | grep -qF -- "$3"; then nok "$1" "'$3' in: $(head -c 600 "$2")"; else ok "$1"; fi
}
# lines NAME FILE REGEX N: N lines match
lines() {
	n=$(grep -cE -- "$3" "$2")
	if [ "$n" -eq "$4" ]; then ok "$1"; else nok "$1" "$n lines match '$3', want $4"; fi
}

# --- the captures of the project pass, each by its sidecar -------------------
# every capture under captures/, in the order of the walk: sorted by path
# but those another capture's sidecar merges, which are checked as its part
find -L "$caps" -name '*.expect' -type f -exec sh -c \
	'sed -n "s|^merge[[:space:]]\{1,\}\([^[:space:]#]*\).*|${1%/*}/\1|p" "$1"' sh {} \; |
	LC_ALL=C sort -u >"$tmp/partners"
find -L "$caps" \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) -type f | LC_ALL=C sort |
	grep -vxF -f "$tmp/partners" >"$tmp/all"
ncap=$(wc -l <"$tmp/all")
run "check captures/" 0 "$fw" check "$caps"
has "wpa2-psk passes by its sidecar" "$tmp/out" "PASS $caps/wpa2-psk.pcap: "
has "wrong-psk passes by its sidecar" "$tmp/out" "PASS $caps/wrong-psk.pcap: "
has "m4-drop passes by its sidecar" "$tmp/out" "PASS $caps/m4-drop.pcap: "
has "the sidecar is named as the judge" "$tmp/out" "judged by $caps/wrong-psk.pcap.expect"
has "summary" "$tmp/out" "$ncap captures: $ncap passed, 0 failed, 0 unreadable"
lines "one line a capture" "$tmp/out" '^PASS ' "$ncap"
sed -n 's/^PASS \([^:]*\): .*/\1/p' "$tmp/out" >"$tmp/order"
if cmp -s "$tmp/order" "$tmp/all"; then ok "folders are walked in name order"
else nok "folders are walked in name order" "$(diff "$tmp/all" "$tmp/order" | head)"; fi
cp "$tmp/out" "$tmp/j-default"
for j in 1 3; do
	"$fw" check -j "$j" "$caps" >"$tmp/out" 2>&1
	if cmp -s "$tmp/out" "$tmp/j-default"; then ok "-j $j: the same lines in the same order"
	else nok "-j $j: the same lines in the same order" "$(diff "$tmp/j-default" "$tmp/out")"; fi
done
run "files given one by one, in that order" 0 "$fw" check -j 3 "$caps/wrong-psk.pcap" \
	"$caps/wpa2-psk.pcap" "$caps/m4-drop.pcap"
if [ "$(cut -d' ' -f2 "$tmp/out" | head -n 3 | tr '\n' ' ')" = \
	"$caps/wrong-psk.pcap: $caps/wpa2-psk.pcap: $caps/m4-drop.pcap: " ]; then
	ok "results in input order"
else
	nok "results in input order" "$(cat "$tmp/out")"
fi

# --- TAP and JUnit -------------------------------------------------------------
run "--tap" 0 "$fw" check --tap "$caps"
has "TAP: version" "$tmp/out" "TAP version 13"
has "TAP: plan" "$tmp/out" "1..$ncap"
lines "TAP: an ok line a capture" "$tmp/out" '^ok [0-9]+ - ' "$ncap"
run "--junit" 0 "$fw" check --junit "$tmp/report.xml" "$caps"
if xmllint --noout "$tmp/report.xml" 2>"$tmp/xerr"; then ok "JUnit: well-formed XML"
else nok "JUnit: well-formed XML" "$(cat "$tmp/xerr")"; fi
n=$(xmllint --xpath 'count(/testsuites/testsuite/testcase)' "$tmp/report.xml" 2>/dev/null)
[ "$n" = "$ncap" ] && ok "JUnit: one testcase a capture" || nok "JUnit: one testcase a capture" "count $n"
n=$(xmllint --xpath 'string(/testsuites/testsuite/@failures)' "$tmp/report.xml" 2>/dev/null)
[ "$n" = 0 ] && ok "JUnit: no failure" || nok "JUnit: no failure" "failures=$n"
run "--junit into a folder that does not exist" 2 "$fw" check --junit "$tmp/no/such/r.xml" "$caps"
has "... is named" "$tmp/err" "$tmp/no/such/r.xml"

# --- one expectation flipped in a copy: exit 1, the capture and the reason -----
mkdir "$tmp/flip"
for c in wpa2-psk wrong-psk m4-drop; do cp "$caps/$c.pcap" "$caps/$c.pcap.expect" "$tmp/flip/"; done
sed 's/^expect TIMEOUT at 83/expect TIMEOUT at 84/' "$caps/wrong-psk.pcap.expect" \
	>"$tmp/flip/wrong-psk.pcap.expect"
run "flipped expectation" 1 "$fw" check "$tmp/flip"
has "the failing capture is named" "$tmp/out" "FAIL $tmp/flip/wrong-psk.pcap:"
check "... its reasons wrapped: no line of them longer than 100 columns" \
	"! awk '/^  / && length > 100 { bad = 1 } END { exit !bad }' '$tmp/out'" \
	"$(awk '/^  / && length > 100' "$tmp/out" | head -c 300)"
lines "... each reason on a line of its own, indented" "$tmp/out" "^  $tmp/flip/wrong-psk.pcap.expect:[0-9]+: " 2
has "... with the rule and where it is written" "$tmp/out" \
	"$tmp/flip/wrong-psk.pcap.expect:11: expect TIMEOUT at 84: not found"
has "... and what was found instead" "$tmp/out" "the TIMEOUT findings hold frames"
has "... the others still pass" "$tmp/out" "PASS $tmp/flip/wpa2-psk.pcap"
has "... counted" "$tmp/out" "3 captures: 2 passed, 1 failed, 0 unreadable"
run "flipped, TAP" 1 "$fw" check --tap --junit "$tmp/flip.xml" "$tmp/flip"
has "TAP: not ok names the capture" "$tmp/out" "not ok 3 - $tmp/flip/wrong-psk.pcap"
xmllint --noout "$tmp/flip.xml" 2>/dev/null && ok "JUnit with a failure: well-formed" ||
	nok "JUnit with a failure: well-formed"
n=$(xmllint --xpath 'count(//testcase[failure])' "$tmp/flip.xml" 2>/dev/null)
[ "$n" = 1 ] && ok "JUnit: one failure" || nok "JUnit: one failure" "count $n"
m=$(xmllint --xpath 'string(//testcase[failure]/@name)' "$tmp/flip.xml" 2>/dev/null)
[ "$m" = "$tmp/flip/wrong-psk.pcap" ] && ok "JUnit: the failing testcase is the capture" ||
	nok "JUnit: the failing testcase is the capture" "$m"
xmllint --xpath 'string(//failure)' "$tmp/flip.xml" 2>/dev/null >"$tmp/ftext"
has "JUnit: the failure carries the findings" "$tmp/ftext" "MIC_BAD error 02:00:00:00:00:00>02:00:00:00:01:00"
# a wrong key in a sidecar: the handshake still completes (the AP answered
# 2/4 with 3/4), and the check fails on the key, not on the handshake
sed 's/^key psk .*/key psk "not the passphrase" "hwsim-wpa2"/' "$caps/wpa2-psk.pcap.expect" \
	>"$tmp/flip/wpa2-psk.pcap.expect"
run "a wrong key in the sidecar" 1 "$fw" check "$tmp/flip/wpa2-psk.pcap"
has "... fails on KEY_WRONG" "$tmp/out" "forbid others: found unexpected KEY_WRONG error"
hasnt "... the handshake still completes" "$tmp/out" "handshakes complete"
hasnt "... no MIC_BAD" "$tmp/out" "MIC_BAD"

# --- unreadable inputs: exit 2, named, the others still checked ---------------
printf 'this is not a capture\n' >"$tmp/flip/junk.pcap"
cp "$caps/wpa2-psk.pcap.expect" "$tmp/flip/wpa2-psk.pcap.expect"
run "an unreadable capture" 2 "$fw" check "$tmp/flip/junk.pcap" "$tmp/flip/wpa2-psk.pcap"
has "... is named" "$tmp/out" "ERROR $tmp/flip/junk.pcap: "
has "... the other still passes" "$tmp/out" "PASS $tmp/flip/wpa2-psk.pcap"
run "a missing file" 2 "$fw" check "$tmp/nonexistent.pcap"
has "... is named" "$tmp/out" "ERROR $tmp/nonexistent.pcap"
head -c 5000 "$caps/wpa2-psk.pcap" >"$tmp/flip/cut.pcap"
run "a truncated capture" 2 "$fw" check --passphrase "$WPA2_PASS" "$tmp/flip/cut.pcap"
has "... is named" "$tmp/out" "ERROR $tmp/flip/cut.pcap"
rm -f "$tmp/flip/junk.pcap" "$tmp/flip/cut.pcap"
run "a failure and an unreadable file: 2 wins" 2 "$fw" check "$tmp/nonexistent.pcap" \
	"$tmp/flip/wrong-psk.pcap"

# --- sidecars that are wrong: exit 2, file and line named ----------------------
printf 'key psk "%s" "hwsim-wpa2"\nexpect MIC_BADD\n' "$WPA2_PASS" >"$tmp/flip/wpa2-psk.pcap.expect"
run "an unknown code in a sidecar" 2 "$fw" check "$tmp/flip/wpa2-psk.pcap"
has "... names file and line" "$tmp/out" "$tmp/flip/wpa2-psk.pcap.expect:2: 'MIC_BADD' is not a finding code"
printf 'key psk "short"\n' >"$tmp/flip/wpa2-psk.pcap.expect"
run "a bad key line in a sidecar" 2 "$fw" check "$tmp/flip/wpa2-psk.pcap"
has "... names file and line" "$tmp/out" "$tmp/flip/wpa2-psk.pcap.expect:1: "

# keys from a keylog named relative to the sidecar's folder, run from elsewhere
mkdir "$tmp/kl"
cp "$caps/wpa2-psk.pcap" "$tmp/kl/"
printf 'wlan0: WPA: PMK - hexdump(len=32): %s\n' "$(echo "$WPA2_PMK" | sed 's/../& /g; s/ $//')" \
	>"$tmp/kl/hostapd.log"
printf 'key keylog hostapd.log\nhandshakes complete 1\nforbid NO_KEY\nforbid others\n' \
	>"$tmp/kl/wpa2-psk.pcap.expect"
(cd / && "$fw" check "$tmp/kl") >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ok "a keylog path resolves against the sidecar's folder" ||
	nok "a keylog path resolves against the sidecar's folder" "$(cat "$tmp/out" "$tmp/err")"

# the sidecar of run.pcap may also be run.expect; run.pcap.expect comes first
mkdir "$tmp/stem"
cp "$caps/wpa2-psk.pcap" "$tmp/stem/run.pcap"
gzip -c "$caps/wpa2-psk.pcap" >"$tmp/stem/other.pcapng.gz"	# a pcap, whatever its name says
cp "$caps/wpa2-psk.pcap.expect" "$tmp/stem/run.expect"
cp "$caps/wpa2-psk.pcap.expect" "$tmp/stem/other.expect"
run "STEM.expect" 0 "$fw" check "$tmp/stem"
has "... run.expect judges run.pcap" "$tmp/out" "judged by $tmp/stem/run.expect"
has "... other.expect judges other.pcapng.gz" "$tmp/out" "judged by $tmp/stem/other.expect"
printf 'handshakes complete 7\n' >"$tmp/stem/run.pcap.expect"
run "CAPTURE.expect before STEM.expect" 1 "$fw" check "$tmp/stem/run.pcap"
has "... is the one used" "$tmp/out" "$tmp/stem/run.pcap.expect:1: handshakes complete 7"

# --- no sidecar: the default policy, or --policy -------------------------------
mkdir "$tmp/bare"
for c in wpa2-psk wrong-psk m4-drop; do cp "$caps/$c.pcap" "$tmp/bare/"; done
gzip -c "$caps/wpa2-psk.pcap" >"$tmp/bare/copy.pcap.gz"
printf 'not a capture, not walked\n' >"$tmp/bare/README.txt"
run "default policy" 1 "$fw" check --passphrase "$WPA2_PASS" --passphrase "$WRONG_PASS" \
	--passphrase "$M4_PASS" "$tmp/bare"
has "the gzip copy is walked and passes" "$tmp/out" "PASS $tmp/bare/copy.pcap.gz: "
has "wpa2-psk passes the default policy" "$tmp/out" "PASS $tmp/bare/wpa2-psk.pcap: "
has "m4-drop fails it: its first handshake failed" "$tmp/out" \
	"the default policy: handshakes complete all: 02:00:00:00:00:00>02:00:00:00:01:00 handshake 1"
has "wrong-psk fails it: MIC_BAD is an error" "$tmp/out" \
	"the default policy: forbid severity>=error: found unexpected MIC_BAD error"
hasnt "the text file is not a capture" "$tmp/out" "README"
has "four captures" "$tmp/out" "4 captures: 2 passed, 2 failed, 0 unreadable"
printf '# a lab policy\nhandshakes complete 1\nexpect TIMEOUT at 93\n' >"$tmp/policy"
run "--policy" 0 "$fw" check --passphrase "$M4_PASS" --policy "$tmp/policy" "$tmp/bare/m4-drop.pcap"
has "... judged by it" "$tmp/out" "judged by $tmp/policy"
run "--policy that does not hold" 1 "$fw" check --passphrase "$WPA2_PASS" --policy "$tmp/policy" \
	"$tmp/bare/wpa2-psk.pcap"
has "... names the policy's line" "$tmp/out" "$tmp/policy:3: expect TIMEOUT at 93: not found"
printf 'key psk "%s"\n' "$WPA2_PASS" >"$tmp/policy"
run "a policy with a key" 2 "$fw" check --policy "$tmp/policy" "$tmp/bare"
has "... is refused, line named" "$tmp/err" "$tmp/policy:1: key lines belong in a capture's .expect"

# --- baselines -------------------------------------------------------------------
"$fw" analyze --json --passphrase "$WPA2_PASS" "$caps/wpa2-psk.pcap" >"$tmp/base.json"
run "baseline of the clean capture, on itself" 0 "$fw" check --passphrase "$WPA2_PASS" \
	--baseline "$tmp/base.json" "$tmp/bare/wpa2-psk.pcap"
has "... judged by the baseline" "$tmp/out" "judged by baseline $tmp/base.json"
run "the same baseline on the dropped-4/4 capture" 1 "$fw" check --passphrase "$M4_PASS" \
	--baseline "$tmp/base.json" "$tmp/bare/m4-drop.pcap"
has "... a finding appeared" "$tmp/out" "baseline $tmp/base.json: new finding TIMEOUT error"
run "the same baseline on the wrong-key capture" 1 "$fw" check --passphrase "$WRONG_PASS" \
	--baseline "$tmp/base.json" "$tmp/bare/wrong-psk.pcap"
has "... a handshake no longer completes" "$tmp/out" "0 of 1 handshakes complete, the baseline had 1"
has "... MICs fail" "$tmp/out" "4 MICs fail, the baseline had 0"
run "the same baseline, sidecars still apply" 1 "$fw" check --baseline "$tmp/base.json" "$caps"
has "... wpa2-psk still passes" "$tmp/out" "PASS $caps/wpa2-psk.pcap"
check "... wrong-psk fails on the baseline only" \
	"unwrapped '$tmp/out' | grep -A1 -F 'FAIL $caps/wrong-psk.pcap:' | tail -1 | grep -q '^  baseline'" \
	"$(grep -A2 -F "FAIL $caps/wrong-psk.pcap:" "$tmp/out")"
"$fw" analyze --json --passphrase "$M4_PASS" "$caps/m4-drop.pcap" >"$tmp/base-m4.json"
run "a baseline keeps known failures" 0 "$fw" check --passphrase "$M4_PASS" \
	--baseline "$tmp/base-m4.json" "$tmp/bare/m4-drop.pcap"
run "the same baseline without the key" 1 "$fw" check --baseline "$tmp/base-m4.json" \
	"$tmp/bare/m4-drop.pcap"
has "... the MICs no longer verify" "$tmp/out" "no longer verifies (MIC unchecked"
printf '{"links": [' >"$tmp/bad.json"
run "a baseline that is not JSON" 2 "$fw" check --baseline "$tmp/bad.json" "$caps"
has "... is named with the place" "$tmp/err" "$tmp/bad.json: not JSON: line 1 column 12"

# --- merge lines: one capture in two files, read as one timeline -------------
# wpa2-psk.pcap cut after msg 2/4's ACK (frame 31): the first part alone
# cannot complete the handshake, merged with the rest it must.
if command -v editcap >/dev/null 2>&1; then
	mkdir "$tmp/m"
	editcap -r "$caps/wpa2-psk.pcap" "$tmp/m/air.pcap" 1-31
	editcap -r "$caps/wpa2-psk.pcap" "$tmp/m/rest.pcap" 32-115
	cat >"$tmp/m/air.pcap.expect" <<-EOF
	key psk "$WPA2_PASS" "hwsim-wpa2"
	handshakes complete 1
	forbid MIC_BAD
	forbid others
	EOF
	run "half a capture alone" 1 "$fw" check "$tmp/m/air.pcap"
	has "... cannot complete" "$tmp/out" "handshakes complete 1: 0 of 1 handshakes complete"
	echo "merge rest.pcap   # relative to the sidecar" >>"$tmp/m/air.pcap.expect"
	run "merged with its other half" 0 "$fw" check "$tmp/m/air.pcap"
	has "... completes" "$tmp/out" "PASS $tmp/m/air.pcap: 1 of 1 handshake complete, 0 findings"
	(cd "$tmp" && "$fw" check m/air.pcap >"$tmp/out" 2>&1)
	has "... from another folder" "$tmp/out" "PASS m/air.pcap: 1 of 1 handshake complete"
	run "the folder" 0 "$fw" check "$tmp/m"
	has "... checks the other half only as part of the first" "$tmp/out" \
		"1 capture: 1 passed, 0 failed, 0 unreadable"
	rm "$tmp/m/rest.pcap"
	run "a partner that is missing" 2 "$fw" check "$tmp/m/air.pcap"
	has "... is named" "$tmp/out" "$tmp/m/rest.pcap"
	printf 'merge rest.pcap\n' >"$tmp/m/pol"
	run "a merge line in a policy" 2 "$fw" check --policy "$tmp/m/pol" "$caps/wpa2-psk.pcap"
	has "... is refused" "$tmp/err" "merge lines belong in a capture's .expect file"
else
	echo "check.sh: editcap (wireshark-common) not found: skipping the merge-line tests"
fi

# --- usage ---------------------------------------------------------------------------
run "check --help" 0 "$fw" check --help
has "--help lists --baseline" "$tmp/out" "--baseline FILE"
has "--help lists the key options" "$tmp/out" "--passphrase P"
run "fourway help check" 0 "$fw" help check
run "no path" 2 "$fw" check
has "... said" "$tmp/err" "no capture file given"
run "-j 0" 2 "$fw" check -j 0 "$caps"
run "-j without a value" 2 "$fw" check "$caps" -j
run "an unknown option" 2 "$fw" check --frobnicate "$caps"
has "... is named" "$tmp/err" "--frobnicate"
run "standard input" 2 "$fw" check -
mkdir "$tmp/empty"
run "a folder without captures" 2 "$fw" check "$tmp/empty"
has "... said" "$tmp/err" "no capture"
run "a bad --bssid, as analyze" 2 "$fw" check --bssid 02:00 "$caps"
run "--sta filter of another station" 1 "$fw" check --sta 02:00:00:00:09:00 "$caps"
has "... wpa2-psk then has no handshake" "$tmp/out" "handshakes complete 1: 0 of 0 handshakes complete"

# --- nothing verified: said in the line, the summary, TAP and JUnit ---------
# (wpa2-psk.pcap without its sidecar nor a key: its handshake completes, but
# no MIC was checked)
run "no key: passes" 0 "$fw" check --junit "$tmp/nokey.xml" "$tmp/bare/wpa2-psk.pcap"
has "... the line says nothing was verified" "$tmp/out" \
	"PASS $tmp/bare/wpa2-psk.pcap: 1 of 1 handshake complete, 1 finding; judged by the default policy; note: nothing verified, no key for any handshake"
has "... and so does the summary" "$tmp/out" \
	"1 capture: 1 passed, 0 failed, 0 unreadable; note: 1 passed with nothing verified (no key for any handshake)"
"$fw" check --tap "$tmp/bare/wpa2-psk.pcap" >"$tmp/nokey.tap"
has "... TAP too" "$tmp/nokey.tap" "note: nothing verified, no key for any handshake"
has "... TAP's summary too" "$tmp/nokey.tap" "# 1 capture: 1 passed, 0 failed, 0 unreadable; note: 1 passed with nothing verified"
has "... JUnit too" "$tmp/nokey.xml" "note: nothing verified, no key for any handshake"
run "with the key: no such note" 0 "$fw" check --passphrase "$WPA2_PASS" "$tmp/bare/wpa2-psk.pcap"
hasnt "... nothing said" "$tmp/out" "nothing verified"
printf 'require verified\nforbid severity>=error\n' >"$tmp/verified.policy"
run "a policy that requires verification, no key: fails" 1 "$fw" check --policy "$tmp/verified.policy" \
	"$tmp/bare/wpa2-psk.pcap"
has "... and says why" "$tmp/out" \
	"$tmp/verified.policy:1: require verified: 1 handshake, none checked with a key"
run "... with the key: passes" 0 "$fw" check --policy "$tmp/verified.policy" \
	--passphrase "$WPA2_PASS" "$tmp/bare/wpa2-psk.pcap"
run "... with a wrong key: verification happened, the MIC_BAD fails it" 1 "$fw" check \
	--policy "$tmp/verified.policy" --passphrase "$WRONG_PASS" "$tmp/bare/wpa2-psk.pcap"
hasnt "... not for want of a key" "$tmp/out" "none checked with a key"
printf 'require keys\n' >"$tmp/bad.policy"
run "require of something else: refused" 2 "$fw" check --policy "$tmp/bad.policy" "$tmp/bare/wpa2-psk.pcap"
has "... names the line" "$tmp/err" "$tmp/bad.policy:1: want 'require verified'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
