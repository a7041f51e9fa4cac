#!/bin/sh
# replay.sh - `fourway live --replay FILE --no-tui --json` feeds a capture
# through the live path: the findings, outcomes and messages it ends with
# are those of `fourway analyze --json`, both at once (--speed 0) and paced
# (--speed 20, many refreshes on the way); the finding lines carry exactly
# the fields of the document's findings; and the pace is the capture's
# own: between msg 1/4 (frame 27) and the deauthentication (frame 83) of
# captures/wrong-psk.pcap there are 4.104 s, so at --speed 2 the events
# for them come about 2.05 s apart.
. "${top_srcdir:-.}/tests/live/lib.sh"

while IFS=: read -r cap pass; do
	"$fw" analyze --json --passphrase "$pass" "$caps/$cap" </dev/null >"$tmp/doc.json"
	for speed in 0 20; do
		"$fw" live --replay "$caps/$cap" --speed $speed --no-tui --json --passphrase "$pass" \
			</dev/null >"$tmp/live.json" 2>"$tmp/err"
		st=$?
		[ $st -eq 0 ] && ok "$cap --speed $speed: exit 0" ||
			nok "$cap --speed $speed: exit $st" "$(cat "$tmp/err")"
		compare "$cap --speed $speed" "$tmp/live.json" "$tmp/doc.json"
	done
	# every finding line has the document's finding fields, no more, no fewer
	if jq -e -n --slurpfile l "$tmp/live.json" --slurpfile d "$tmp/doc.json" '
		($d[0].findings | map(keys) | unique) as $dk
		| [$l[] | select(.finding) | .finding | keys] | unique | all(. as $k | $dk | index([$k]))' \
		>/dev/null; then
		ok "$cap: finding lines have the fields of analyze's findings"
	else
		nok "$cap: finding lines have the fields of analyze's findings"
	fi
done <<LIST
$CAPTURES
LIST

# pacing: arrival time of each event line, ns
"$fw" live --replay "$caps/wrong-psk.pcap" --speed 2 --no-tui --json \
	--passphrase 'the right passphrase' </dev/null 2>"$tmp/err" |
	while IFS= read -r line; do
		printf '%s %s\n' "$(date +%s%N)" "$line"
	done >"$tmp/timed"
t27=$(grep '"frame":27,' "$tmp/timed" | head -1 | cut -d' ' -f1)
t83=$(grep '"event":"handshake_[a-z]*".*"outcome":"failed","detail":"deauth' "$tmp/timed" | head -1 |
	cut -d' ' -f1)
if [ -n "$t27" ] && [ -n "$t83" ]; then
	gap=$(( (t83 - t27) / 1000000 ))
	# 4.103992 s / 2 = 2052 ms, give or take a redraw tick (100 ms) and scheduling
	if [ $gap -ge 1850 ] && [ $gap -le 2400 ]; then
		ok "--speed 2: msg 1/4 and the deauthentication ${gap} ms apart (want about 2052)"
	else
		nok "--speed 2: msg 1/4 and the deauthentication ${gap} ms apart (want about 2052)"
	fi
else
	nok "--speed 2: events for frames 27 and 83 seen" "$(cut -c1-160 "$tmp/timed" | head)"
fi

# usage errors
"$fw" live --replay "$caps/wrong-psk.pcap" --speed fast >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "^fourway live: --speed" "$tmp/err" && ok "--speed fast: usage error 2" ||
	nok "--speed fast: usage error 2" "$(cat "$tmp/err")"
"$fw" live --replay "$tmp/none.pcap" --no-tui >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "none.pcap" "$tmp/err" && ok "missing replay file: exit 2, named" ||
	nok "missing replay file: exit 2, named" "$(cat "$tmp/err")"
"$fw" live fwnosuch0 --no-tui >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "fwnosuch0: no such interface" "$tmp/err" &&
	ok "missing interface: exit 2, named" || nok "missing interface: exit 2, named" "$(cat "$tmp/err")"
"$fw" live lo --channel 6 --no-tui >/dev/null 2>"$tmp/err"
# (without cfg80211 loaded the kernel has no nl80211 at all: that is said instead)
[ $? -eq 2 ] && grep -q -e "lo: not a wireless interface" -e "nl80211 is not available" "$tmp/err" &&
	ok "--channel on a wired interface: exit 2, said why" ||
	nok "--channel on a wired interface: exit 2, said why" "$(cat "$tmp/err")"
"$fw" live wlan0 --channel 6 --freq 2437 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok "--channel with --freq: usage error" || nok "--channel with --freq: usage error"
"$fw" live wlan0 --width 80 >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok "--width alone: usage error" || nok "--width alone: usage error"
finish
