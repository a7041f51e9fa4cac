#!/bin/sh
# scenarios.sh - every committed capture of captures/synth/ is regenerated
# by `fourway synth` and compared byte for byte (pcap and .expect); then
# `fourway analyze --json` runs on it with the key of its .expect, and the
# warning/error findings are compared with the expect lines:
#   - each `expect CODE at FRAME` needs a finding of CODE naming FRAME;
#   - each warning or error finding needs an expect line of its code naming
#     one of its frames (`forbid others`).
# Every scenario writes both daemons' logs (synth --logs, `key log` lines of
# its .expect), and they are analyzed with the capture:
#   - each log with EAPOL-Key events aligns: at least two and three in four
#     of them matched (a frame the sniffer missed has no match), residual
#     under 1.5 ms, and its offset within 1 ms of the clock the scenario
#     gave it (synth/autolog.c: the AP's 0.75 s ahead of the capture's, the
#     station's 1.25 s behind; split-ap-stale-anonce's AP processes on the
#     capture's clock);
#   - an expect line ending "# confirmed by the logs" needs its finding to
#     carry confirmed_by_log, and no other finding may carry one.
# A capture whose expected codes are not all in `fourway codes --implemented`
# is pending: its result is printed, not counted.  A capture listed in
# known-gaps (STEM | DISCREPANCY | why) is reported with the analyzer's
# known discrepancy, not counted; any other discrepancy fails.
#
# Needs jq; prints "N passed, N failed, N pending, N known gaps" last.
top=${top_srcdir:-.}
bld=${top_builddir:-.}
fw=$bld/fourway
caps=$top/captures/synth
gaps=$top/tests/synth/known-gaps
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-synth.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v jq >/dev/null 2>&1 || { echo "scenarios.sh: jq not found: skipping"; exit 77; }
[ -x "$fw" ] || { echo "scenarios.sh: $fw not built"; exit 99; }

passed=0 failed=0 pending=0 known=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; [ -z "${2:-}" ] || printf '  %s\n' "$2"; }

"$fw" codes --implemented >"$tmp/implemented" || { echo "scenarios.sh: fourway codes failed"; exit 99; }

# --- the command line ---------------------------------------------------------
usage() {
	want=$1
	shift
	"$fw" synth "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ] && { [ "$want" -eq 0 ] || grep -q '^fourway synth: ' "$tmp/err"; }; then
		ok "synth $*: exit $want"
	else
		nok "synth $*: exit $got, want $want" "$(head -c 300 "$tmp/err")"
	fi
}
usage 2
usage 2 clean
usage 2 no-such-scenario -o "$tmp/x.pcap"
usage 2 clean -o "$tmp/x.pcap" --akm wpa9
usage 2 clean -o "$tmp/x.pcap" --cipher tkip
usage 2 clean -o "$tmp/x.pcap" --linktype ethernet
usage 2 clean -o "$tmp/x.pcap" --passphrase short
usage 2 split-ap-stale-anonce -o - --logs	# logs go beside a file
usage 2 clean -o - --logs
usage 2 clean -o "$tmp/x.pcap" --seed ten
usage 2 clean -o "$tmp/x.pcap" --pmk 00
usage 2 clean -o "$tmp/x.pcap" --pmk 000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f
usage 2 clean -o "$tmp/x.pcap" --bogus
usage 2 --list clean
usage 2 eap-clean -o "$tmp/x.pcap"
usage 2 eap-clean -o "$tmp/x.pcap" --radius-out -
usage 2 eap-clean -o "$tmp/x.pcap" --radius-out "$tmp/x.pcap"
usage 2 eap-clean -o "$tmp/x.pcap" --radius-out "$tmp/w.pcap" --akm psk
usage 2 eap-clean -o "$tmp/x.pcap" --radius-out "$tmp/w.pcap" --radius-secret ""
usage 2 clean -o "$tmp/x.pcap" --radius-out "$tmp/w.pcap"
usage 2 clean -o "$tmp/x.pcap" --radius-secret s3cret
usage 2 clean -o "$tmp/x.pcap" --akm 8021x
[ ! -e "$tmp/w.pcap" ] && ok "no wired file is left after a usage error" || nok "a usage error left $tmp/w.pcap"
[ ! -e "$tmp/x.pcap" ] && ok "no file is left after a usage error" || nok "a usage error left $tmp/x.pcap"
usage 0 --help
usage 0 --list
n=$(wc -l <"$tmp/out")
[ "$n" -ge 20 ] && ok "--list shows $n scenarios" || nok "--list shows $n scenarios, want at least 20"
usage 0 clean -o "$tmp/noext"
[ -s "$tmp/noext" ] && [ -s "$tmp/noext.expect" ] && ok "a name without extension gets NAME.expect" ||
	nok "no sidecar $tmp/noext.expect"
mkdir "$tmp/a.b"
usage 0 clean -o "$tmp/a.b/c"
[ -s "$tmp/a.b/c.expect" ] && ok "a dot in a folder name is not an extension" ||
	nok "no sidecar $tmp/a.b/c.expect"
usage 1 clean -o "$tmp/no/such/folder.pcap"
usage 1 eap-clean -o "$tmp/x.pcap" --radius-out "$tmp/no/such/folder.pcap"
[ ! -e "$tmp/x.pcap" ] && ok "a wired file that cannot be written leaves no air capture" ||
	nok "a failed --radius-out left $tmp/x.pcap"
mkdir "$tmp/air" "$tmp/wire"
usage 0 key-late -o "$tmp/air/k.pcap" --radius-out "$tmp/wire/k-w.pcap"
if grep -qx "merge $tmp/wire/k-w.pcap" "$tmp/air/k.expect" && grep -qx 'key radius-secret "synthetic secret"' "$tmp/air/k.expect"; then
	ok "a wired file in another folder is merged by its absolute path, with the default secret"
else
	nok "the sidecar of a wired file elsewhere" "$(cat "$tmp/air/k.expect")"
fi
fw_abs=$(cd "$(dirname "$fw")" && pwd)/$(basename "$fw")
(cd "$tmp" && "$fw_abs" synth key-late -o k.pcap --radius-out ./air/../k-w.pcap) &&
	grep -qx 'merge k-w.pcap' "$tmp/k.expect" && ok "a wired file in the same folder is merged by its name" ||
	nok "the sidecar of a wired file beside it" "$(cat "$tmp/k.expect" 2>&1)"
"$fw" synth m4-lost --seed 5 -o "$tmp/s5a.pcap" && "$fw" synth m4-lost --seed 5 -o "$tmp/s5b.pcap" &&
	"$fw" synth m4-lost --seed 6 -o "$tmp/s6.pcap"
cmp -s "$tmp/s5a.pcap" "$tmp/s5b.pcap" && ok "same seed, same bytes" || nok "same seed, other bytes"
cmp -s "$tmp/s5a.pcap" "$tmp/s6.pcap" && nok "another seed, the same bytes" || ok "another seed, other bytes"
"$fw" synth clean --seed 1 -o - >"$tmp/stdout.pcap"
cmp -s "$tmp/stdout.pcap" "$caps/clean.pcap" && ok "-o - writes the capture to standard output" ||
	nok "-o - differs from captures/synth/clean.pcap"

# every scenario of --list has a committed capture
"$fw" synth --list | awk '{print $1}' >"$tmp/names"
while read -r name; do
	if grep -v '^#' "$caps/scenarios.list" | awk '{print $2}' | grep -qx -- "$name"; then
		ok "$name: has a committed capture"
	else
		nok "$name: no line in captures/synth/scenarios.list"
	fi
done <"$tmp/names"

if sh "$top/tests/synth/regen.sh" "$fw" "$tmp/gen" "$caps/scenarios.list" 2>"$tmp/regen.err"; then
	ok "regen.sh writes every listed capture"
else
	nok "regen.sh failed" "$(head -c 400 "$tmp/regen.err")"
fi

# (code, frame) pairs of the expect lines as a JSON array
expects_json() {
	sed -n 's/^expect \([A-Z0-9_]*\) at \([0-9]*\)\( .*\)\{0,1\}$/{"code":"\1","frame":\2}/p' "$1" |
		jq -s -c .
}

# the same for the expect lines the logs confirm
confirmed_json() {
	sed -n 's/^expect \([A-Z0-9_]*\) at \([0-9]*\) *# confirmed by the logs$/{"code":"\1","frame":\2}/p' \
		"$1" | jq -s -c .
}

# each log aligned to its true offset (seconds, capture = log + offset)
ALIGN='
  [ .logs[] | . as $g
    | ($g.file | if test("\\.wpa_supplicant[0-9]*\\.log$") then 1.25
                 elif test("\\.hostapd\\.log$") then -0.75 else 0 end) as $want
    | select($g.fit.candidates > 0)
    | select(($g.fit.aligned | not) or $g.fit.matched * 4 < $g.fit.candidates * 3
             or $g.fit.matched < 2 or $g.fit.residual_us > 1500
             or ((($g.offset - $want) | fabs) > 0.001))
    | "\($g.file): offset \($g.offset) s (want \($want)), \($g.fit.matched) of \($g.fit.candidates) matched, residual \($g.fit.residual_us) us" ]
  | join("; ")'

# confirmed_by_log on exactly the expected findings
CONFIRMED='
  def fno: if type == "object" then .frame else . end;
  ([ $c[] | . as $x
     | select([ $f[] | select(.code == $x.code and .confirmed_by_log != null
                             and any(.frames[]; fno == $x.frame)) ] | length == 0)
     | "not confirmed \(.code)@\(.frame)" ]
   + [ $f[] | select(.confirmed_by_log != null) | . as $g
     | select([ $c[] | . as $y | select(.code == $g.code and any($g.frames[]; fno == $y.frame)) ]
              | length == 0)
     | "confirmed \(.code)@\($g.frames | map(fno | tostring) | join(","))" ])
  | join("; ")'

# a merged run names {file, frame}: the frame numbers are those of the air capture
DIFF='
  def fno: if type == "object" then .frame else . end;
  ([ $e[] | . as $x
     | select([ $f[] | select(.code == $x.code and any(.frames[]; fno == $x.frame)) ] | length == 0)
     | "missing \(.code)@\(.frame)" ]
   + [ $f[] | select(.severity != "info") | . as $g
     | select([ $e[] | . as $y | select(.code == $g.code and any($g.frames[]; fno == $y.frame)) ]
              | length == 0)
     | "extra \(.code)@\($g.frames | map(fno | tostring) | join(","))" ])
  | join("; ")'

grep -v '^#' "$caps/scenarios.list" | while read -r stem scenario opts; do
	[ -n "$stem" ] || continue
	echo "$stem" >>"$tmp/stems"
done

while read -r stem; do
	pcap=$caps/$stem.pcap exp=$caps/$stem.expect
	files="$stem.pcap $stem.expect"
	[ ! -e "$tmp/gen/$stem-wired.pcap" ] && [ ! -e "$caps/$stem-wired.pcap" ] ||
		files="$files $stem-wired.pcap"
	for f in $files; do
		if cmp -s "$tmp/gen/$f" "$caps/$f"; then
			ok "$f: regenerated byte for byte"
		else
			nok "$f: differs from what fourway synth writes now" \
				"(regenerate with 'make synth-captures' if the change is meant)"
		fi
	done
	# the daemons' logs a scenario writes (synth --logs), named in its .expect
	for l in $(sed -n 's/^key log "\(.*\)"$/\1/p' "$exp"); do
		files="$files $l"
	done
	for f in $files; do
		case $f in *.log) ;; *) continue ;; esac
		if cmp -s "$tmp/gen/$f" "$caps/$f"; then
			ok "$f: regenerated byte for byte"
		else
			nok "$f: differs from what fourway synth --logs writes now"
		fi
	done
	sed -n 's/^key //p' "$exp" | grep -v '^log ' >"$tmp/key"
	set -- "$pcap"
	for m in $(sed -n 's/^merge //p' "$exp"); do
		set -- --merge "$@" "$caps/$m"
	done
	for l in $(sed -n 's/^key log "\(.*\)"$/\1/p' "$exp"); do
		set -- "$@" --log "$caps/$l"
	done
	if ! "$fw" analyze --json --key-file "$tmp/key" "$@" >"$tmp/out.json" 2>"$tmp/err"; then
		nok "$stem: analyze failed" "$(head -c 300 "$tmp/err")"
		continue
	fi
	# the number of complete handshakes is fourway check's to judge; shown when it differs
	want_hs=$(sed -n 's/^handshakes complete //p' "$exp")
	got_hs=$(jq '[.links[].handshakes[] | select(.outcome == "complete")] | length' "$tmp/out.json")
	[ "$want_hs" = "$got_hs" ] ||
		echo "note - $stem: the analyzer finds $got_hs complete handshake(s), the .expect says $want_hs"
	missing_codes=""
	for code in $(sed -n 's/^expect \([A-Z0-9_]*\) .*/\1/p' "$exp" | sort -u); do
		grep -qx "$code" "$tmp/implemented" || missing_codes="$missing_codes $code"
	done
	e=$(expects_json "$exp")
	if ! diff=$(jq -r --argjson e "$e" ".findings as \$f | $DIFF" "$tmp/out.json"); then
		nok "$stem: cannot compare the findings (jq failed)"
		continue
	fi
	if grep -q '^key log ' "$exp"; then
		bad=$(jq -r "$ALIGN" "$tmp/out.json")
		[ -z "$bad" ] && ok "$stem: its logs align to their clocks" ||
			nok "$stem: its logs do not align" "$bad"
		bad=$(jq -r --argjson c "$(confirmed_json "$exp")" ".findings as \$f | $CONFIRMED" \
			"$tmp/out.json")
		[ -z "$bad" ] && ok "$stem: the logs confirm the findings its .expect says" ||
			nok "$stem: log confirmations differ" "$bad"
	fi
	gap=$(grep "^$stem |" "$gaps" 2>/dev/null | cut -d'|' -f2 | sed 's/^ *//; s/ *$//')
	if [ -n "$missing_codes" ]; then
		pending=$((pending + 1))
		echo "pending - $stem: not yet implemented:$missing_codes${diff:+ (today: $diff)}"
	elif [ -z "$diff" ]; then
		ok "$stem: the findings are those of its .expect"
		[ -z "$gap" ] || echo "  note: the known gap of $stem ($gap) is gone: remove it from known-gaps"
	elif [ "$diff" = "$gap" ]; then
		known=$((known + 1))
		echo "known gap - $stem: $diff ($(grep "^$stem |" "$gaps" | cut -d'|' -f3 | sed 's/^ *//'))"
	else
		nok "$stem: the findings differ from its .expect" "$diff"
	fi
done <"$tmp/stems"

# the 802.1X scenarios' diagnoses, as each was built: stale-key's second
# handshake answers with the first authentication's PMK, key-late's first
# 2/4 goes out before the Access-Accept that carries its PMK
diagnoses() { # STEM: "code/diagnosis@frames" of its findings, given only the secret
	sed -n 's/^key //p' "$caps/$1.expect" | grep -v '^log ' >"$tmp/key"
	"$fw" analyze --json --key-file "$tmp/key" --merge "$caps/$1.pcap" "$caps/$1-wired.pcap" |
		jq -r '[.findings[] | "\(.code)/\(.diagnosis)@\(.frames | map(.frame | tostring) | join(","))"]
			| join(" ")'
}
got=$(diagnoses stale-key)
[ "$got" = "MIC_BAD/stale key@71 MIC_BAD/stale key@75 TIMEOUT/null@75,77" ] &&
	ok "stale-key: both 2/4s are MIC_BAD stale key, then the timeout" ||
	nok "stale-key: the diagnoses" "$got"
got=$(diagnoses key-late)
[ "$got" = "MIC_BAD/key not yet delivered@28" ] &&
	ok "key-late: the early 2/4 is MIC_BAD key not yet delivered, nothing else" ||
	nok "key-late: the diagnoses" "$got"
got=$(diagnoses eap-clean)
[ -z "$got" ] && ok "eap-clean: no finding with only the secret" || nok "eap-clean: findings" "$got"

echo "$passed passed, $failed failed, $pending pending, $known known gaps"
[ "$failed" -eq 0 ]
