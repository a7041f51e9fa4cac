#!/bin/sh
# logsonly.sh - fourway analyze with the daemons' logs and no capture draws
# the handshakes from the logs alone (captures/messy runs; what the rows
# must say is in the logs themselves: H:19 "sending 1/4", W:37 "Sending
# EAPOL-Key 2/4", H:40 the 2/4 dropped for its replay counter).
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
dir=$top/captures/messy
[ -x "$fw" ] || { echo "logsonly.sh: $fw not built"; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-logsonly.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$top/tests/lib.sh"

"$fw" analyze --log "$dir/m2-late.hostapd.log" --log "$dir/m2-late.wpa_supplicant.log" \
	>"$tmp/m.txt" 2>"$tmp/err"
check "m2-late logs alone: exit 0" "[ $? -eq 0 ]" "$(cat "$tmp/err")"
check "m2-late logs alone: one link, both addresses from the logs" \
	"[ \$(grep -c '^02:00:00:00:00:00 <-> 02:00:00:00:01:00   (from the logs)' '$tmp/m.txt') -eq 1 ]"
for row in 'H:19 .*|\[log\] hostapd: sent 1/4 ' 'S:37 .* wpa_s: sent 2/4 \[log\]|' \
	'H:40 .*hostapd: dropped 2/4 for its replay counter'; do
	check "m2-late logs alone: a row '$row'" "grep -q '$row' '$tmp/m.txt'"
done
# in the order of the logs' (shared) clock: the AP's second 1/4 (H:24) before
# the station's second reception (W:41), which is before the AP's 2/4 (H:27)
check "m2-late logs alone: rows in time order across the logs" \
	"[ \"\$(grep -o '^  [HS]:[0-9]*' '$tmp/m.txt' | tr -d ' ' | grep -n -x 'H:24\|S:41\|H:27' | cut -d: -f1 | tr '\n' ' ')\" = \"\$(grep -o '^  [HS]:[0-9]*' '$tmp/m.txt' | tr -d ' ' | grep -n -x 'H:24\|S:41\|H:27' | cut -d: -f1 | sort -n | tr '\n' ' ')\" ]"

"$fw" analyze --json --log "$dir/m2-late.hostapd.log" --log "$dir/m2-late.wpa_supplicant.log" \
	>"$tmp/m.json" 2>"$tmp/err"
if command -v jq >/dev/null 2>&1; then
	expect "m2-late logs alone --json: one link, no finding" "$tmp/m.json" \
		'(.links | length) == 1 and .links[0].bssid == "02:00:00:00:00:00" and .links[0].sta == "02:00:00:00:01:00" and (.findings | length) == 0 and (.inputs | length) == 0'
	expect "m2-late logs alone --json: line 40 of hostapd's log on the link" "$tmp/m.json" \
		'[.links[0].log_events[] | select(.line == 40 and .kind == "replay_discard")] | length == 1'
fi

# two stations whose logs do not say their own address: two links, not one
"$fw" analyze --log "$dir/two-sta-m3.hostapd.log" --log "$dir/two-sta-m3.wpa_supplicant.log" \
	--log "$dir/two-sta-m3.wpa_supplicant2.log" >"$tmp/t.txt" 2>"$tmp/err"
check "two-sta-m3 logs alone: each station's log its own link" \
	"[ \$(grep -c '^02:00:00:00:00:00 <-> ?' '$tmp/t.txt') -eq 2 ]"

# an AP split in two processes (front end: association; state machine: the
# EAPOL-Key messages), each its own log: the rows name the process
grep 'IEEE 802.11\|AP-STA-' "$dir/m2-late.hostapd.log" >"$tmp/ap-frontend.log"
grep -v 'IEEE 802.11\|AP-STA-' "$dir/m2-late.hostapd.log" >"$tmp/ap-sm.log"
"$fw" analyze --log "$tmp/ap-frontend.log" --log "$tmp/ap-sm.log" \
	--log "$dir/m2-late.wpa_supplicant.log" >"$tmp/s.txt" 2>"$tmp/err"
check "split AP logs alone: the front end's row names its process" \
	"grep -q 'H1:[0-9]* .*|\[log\] ap-frontend: associated' '$tmp/s.txt'"
check "split AP logs alone: the state machine's row names its process" \
	"grep -q 'H2:[0-9]* .*|\[log\] ap-sm: sent 1/4' '$tmp/s.txt'"
check "split AP logs alone: one link of the two AP processes and the station" \
	"[ \$(grep -c '^02:00:00:00:00:00 <-> 02:00:00:00:01:00   (from the logs)' '$tmp/s.txt') -eq 1 ]"
check "split AP logs alone: the station's rows keep the daemon's name" \
	"grep -q 'S:37 .* wpa_s: sent 2/4 \[log\]|' '$tmp/s.txt'"

# two hosts: synth's split AP writes the station's log 1.25 s behind the
# AP's clock (src/synth/daemonlog.c); with no capture the station's log is
# put on the AP logs' clock by the messages both logged, within 1 ms of that
syn=$top/captures/synth
"$fw" analyze --json --log "$syn/split-ap-stale-anonce.ap-frontend.log" \
	--log "$syn/split-ap-stale-anonce.ap-sm.log" --log "$syn/split-ap-stale-anonce.wpa_supplicant.log" \
	>"$tmp/sp.json" 2>"$tmp/err"
if command -v jq >/dev/null 2>&1; then
	expect "split AP logs alone: the station's log 1.25 s off, measured within 1 ms" "$tmp/sp.json" \
		'[.logs[] | select(.file | endswith("wpa_supplicant.log"))][0] | .fit.aligned and ((.offset - 1.25) | fabs) < 0.001'
fi
"$fw" analyze --log "$syn/split-ap-stale-anonce.ap-frontend.log" \
	--log "$syn/split-ap-stale-anonce.ap-sm.log" --log "$syn/split-ap-stale-anonce.wpa_supplicant.log" \
	>"$tmp/sp.txt" 2>"$tmp/err"
# the station sent its first 2/4 (S:6) before the state machine's second 1/4 (H2:9),
# which it handled (H2:10) after that 1/4: in that order on one clock
check "split AP logs alone: S:6, H2:9, H2:10 in that order on the AP's clock" \
	"[ \"\$(grep -o '^  [HS][0-9]*:[0-9]*' '$tmp/sp.txt' | tr -d ' ' | grep -x 'S:6\|H2:9\|H2:10' | tr '\n' ' ')\" = 'S:6 H2:9 H2:10 ' ]"

# no capture and no log is still a usage error
"$fw" analyze >/dev/null 2>&1
check "no capture, no log: exit 2" "[ $? -eq 2 ]"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
