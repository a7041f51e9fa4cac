#!/bin/sh
# logs.sh - hostile daemon logs (README.md, "Hostile input"), one case each,
# on the real run captures/messy/m2-late (its hostapd log and capture):
#  - binary garbage as a log: a note, no event, the air's report unchanged;
#  - 1 GB of one line, written on the fly into a FIFO (never on disk): one
#    pass, the line skipped and said, memory bounded;
#  - the logs of both daemons interleaved in one file, in time order: each
#    event on its daemon's side, aligned, the same findings as two files;
#  - a wrong year (the daemons' clock 7 years behind the sniffer's): aligned
#    anyway, the offset says by how much, the same findings.
#  - the words of events inside free text (SSIDs, an identity) and events'
#    words without their fields, added to the log: no event from them, the
#    same events, alignment and findings as the log alone.
# Ground truth for m2-late: captures/messy/README.md (H:24, H:40: hostapd
# handled the 2/4 of frame 17 after sending the 1/4 of frame 29).
# Needs jq; prints "N passed, N failed" last.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
dir=$top/captures/messy
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-hostile-logs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
command -v jq >/dev/null 2>&1 || { echo "logs.sh: jq not found: skipping"; exit 77; }
[ -x "$fw" ] || { echo "logs.sh: $fw not built"; exit 99; }

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok - $case: $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $case: $1"; }
analyze() {	# WANT ARGS...: the JSON report in $tmp/json
	want=$1
	shift
	"$fw" analyze --json --passphrase "lossy air for m2-late" --ssid hwsim-m2-late "$@" \
		>"$tmp/json" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq "$want" ]; then pass "exit $want"; else fail "exit $st, want $want: $(head -c 300 "$tmp/err")"; fi
}
holds() {
	if jq -e "$1" "$tmp/json" >/dev/null 2>&1; then pass "$1"; else fail "$1 is false"; fi
}
REORDERED='[.findings[] | select(.code == "EVENTS_REORDERED" and (.frames | index(17)) and (.frames | index(29)))] | length == 1'

case="binary garbage as a log"
head -c 65536 "$fw" >"$tmp/garbage.log"
analyze 0 --log "$tmp/garbage.log" "$dir/m2-late.pcap"
holds '.logs[0].events == 0 and (.logs[0].notes | any(test("not text")))'
holds '[.findings[] | select(.code == "EVENTS_REORDERED" or .code == "LOG_AIR_MISMATCH")] | length == 0'

case="1 GB of one line, streamed"
mkfifo "$tmp/huge.log" || { echo "logs.sh: mkfifo failed"; exit 99; }
( head -c 1073741824 /dev/zero | tr '\0' 'x' >"$tmp/huge.log" ) &
if command -v /usr/bin/time >/dev/null 2>&1 && /usr/bin/time -f %M true >/dev/null 2>&1; then
	/usr/bin/time -f %M -o "$tmp/rss" "$fw" analyze --json --log "$tmp/huge.log" "$dir/m2-late.pcap" \
		>"$tmp/json" 2>"$tmp/err"
	st=$?
	r=$(tail -n 1 "$tmp/rss")
	case $r in ''|*[!0-9]*) r=0 ;; esac
	if [ "$r" -gt 0 ] && [ "$r" -lt 65536 ]; then pass "peak RSS ${r} kB < 64 MiB"; else fail "peak RSS $r kB"; fi
else
	"$fw" analyze --json --log "$tmp/huge.log" "$dir/m2-late.pcap" >"$tmp/json" 2>"$tmp/err"
	st=$?
fi
wait
if [ "$st" -eq 0 ]; then pass "exit 0"; else fail "exit $st: $(head -c 300 "$tmp/err")"; fi
holds '.logs[0].lines == 1 and .logs[0].events == 0 and (.logs[0].notes | any(test("1 line longer than 4096 bytes skipped")))'

case="two daemons interleaved in one file"
sort -s -k1,1n "$dir/m2-late.hostapd.log" "$dir/m2-late.wpa_supplicant.log" >"$tmp/both.log"
analyze 0 --log "$tmp/both.log" "$dir/m2-late.pcap"
holds '.logs[0].notes | any(test("lines of both hostapd"))'
holds '.logs[0].fit.aligned == true'
holds '[.links[0].log_events[] | select(.kind == "eapol_tx" and .message == "2/4")] | all(.side == "station")'
holds '[.links[0].log_events[] | select(.kind == "eapol_tx" and .message == "1/4")] | all(.side == "ap")'
holds "$REORDERED"

case="a wrong year"
# the daemons' clock 7 years of 365 days (220752000 s) behind the sniffer's
awk -F': ' 'BEGIN { OFS = ": " }
	{ for (i = 1; i <= NF && $i ~ /^[0-9]+\.[0-9]+$/; i++) {
		split($i, p, "."); $i = sprintf("%d.%s", p[1] - 220752000, p[2]) } print }' \
	"$dir/m2-late.hostapd.log" >"$tmp/year.log"
analyze 0 --log "$tmp/year.log" "$dir/m2-late.pcap"
holds '.logs[0].fit.aligned == true and (.logs[0].offset - 220752000 | fabs) < 0.01'
holds "$REORDERED"

case="event words inside free text"
analyze 0 --log "$dir/m2-late.hostapd.log" "$dir/m2-late.pcap"
jq -c '[.logs[0].events, .logs[0].offset, [.findings[] | .code]]' "$tmp/json" >"$tmp/alone"
# after the first line, at its time: lines hostapd and wpa_supplicant write
# with a network's or a user's text in them, and events' words without fields
t=$(sed -n '1s/^\([0-9]*\.[0-9]*\): .*/\1/p' "$dir/m2-late.hostapd.log")
{
	head -n 1 "$dir/m2-late.hostapd.log"
	printf '%s: wlan1: SME: Trying to authenticate with 02:00:00:00:00:00 (SSID=%s freq=2412 MHz)\n' \
		"$t" "'WPA: sending 1/4 msg of 4-Way Handshake'"
	printf '%s: %s: wlan0: STA 02:00:00:00:01:00 IEEE 802.1X: identity %s\n' "$t" "$t" \
		"'WPA: received EAPOL-Key frame (2/4 Pairwise)'"
	printf '%s: wlan1: CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid="%s" auth_failures=1\n' "$t" \
		"AP-STA-DISCONNECTED 02:00:00:00:01:00"
	printf '%s: wlan1: Trying to associate with 02:00:00:00:00:00 (SSID=%s freq=2412 MHz)\n' \
		"$t" "'invalid MIC in msg 2/4 of 4-Way Handshake'"
	printf '%s: WPA: EAPOL-Key TX status for STA ack=0\n' "$t"
	printf '%s: wlan0: AP-STA-CONNECTED \n' "$t"
	tail -n +2 "$dir/m2-late.hostapd.log"
} >"$tmp/ssid.log"
analyze 0 --log "$tmp/ssid.log" "$dir/m2-late.pcap"
jq -c '[.logs[0].events, .logs[0].offset, [.findings[] | .code]]' "$tmp/json" >"$tmp/with"
if cmp -s "$tmp/alone" "$tmp/with"; then
	pass "the same events, offset and findings as the log alone: $(cat "$tmp/with")"
else
	fail "$(cat "$tmp/with"), alone $(cat "$tmp/alone")"
fi
holds "$REORDERED"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
