#!/bin/sh
# confirm.sh - the daemons' own verdicts shown beside the findings of the
# air, and the findings drawn with the logs, on real runs of captures/messy
# (ground truth: captures/messy/README.md, from the daemons' and the
# medium's logs, never from fourway's output).
#  - group-rekey-fail: hostapd's TX statuses ack=0 for the four group 1/2s
#    (H:39, 44, 49, 54) confirm GROUP_FAILED;
#  - m2-late on mon0: hostapd dropping the held 2/4 for its replay counter
#    (H:40) confirms LATE_ANSWER;
#  - m2-late on hwsim0: hostapd handled the 2/4 of frame 17 (H:40) after it
#    had sent the 1/4 of frame 29 (H:24): EVENTS_REORDERED with those lines;
#  - pmf-m4-drop on mon0: the 4/4 the station logged sending (W:49), which
#    the medium dropped (M:10), is a LOG_AIR_MISMATCH;
#  - without the logs none of this is said.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
dir=$top/captures/messy
[ -x "$fw" ] || { echo "confirm.sh: $fw not built"; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-confirm.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$top/tests/lib.sh"

an() {	# STEM CAPTURE [OPTION...]
	s=$1
	c=$2
	shift 2
	set -- --passphrase "$(sed -n 's/^key psk "\([^"]*\)".*/\1/p' "$dir/$s.expect")" \
		--ssid "$(sed -n 's/^key psk "[^"]*" "\([^"]*\)".*/\1/p' "$dir/$s.expect")" "$@"
	"$fw" analyze "$@" "$dir/$c" 2>"$tmp/err"
}
logs() {	# STEM
	echo "--log $dir/$1.hostapd.log --log $dir/$1.wpa_supplicant.log"
}

# shellcheck disable=SC2046
an group-rekey-fail group-rekey-fail.pcap $(logs group-rekey-fail) >"$tmp/g.txt"
if grep -q "GROUP_FAILED.*confirmed by the AP's log: 4 TX statuses ack=0 (H:39, H:44, H:49, H:54)" "$tmp/g.txt"; then
	ok "group-rekey-fail: GROUP_FAILED confirmed by H:39, 44, 49, 54 (ack=0)"
else
	nok "group-rekey-fail: no confirmation by the four ack=0 lines" "$(grep GROUP_FAILED "$tmp/g.txt")"
fi
# shellcheck disable=SC2046
an group-rekey-fail group-rekey-fail.pcap $(logs group-rekey-fail) --json >"$tmp/g.json"
if grep -q '"code":"GROUP_FAILED".*"confirmed_by_log":{[^}]*"lines":\[39,44,49,54\]' "$tmp/g.json"; then
	ok "group-rekey-fail: confirmed_by_log lines 39, 44, 49, 54 in the JSON document"
else
	nok "group-rekey-fail: confirmed_by_log lines missing from the JSON document"
fi

# shellcheck disable=SC2046
an m2-late m2-late-mon0.pcap $(logs m2-late) >"$tmp/m.txt"
if grep -q "LATE_ANSWER.*confirmed by the AP's log (H:40: dropped msg 2/4 for its replay counter, [0-9.]* ms after #38)" "$tmp/m.txt"; then
	ok "m2-late-mon0: LATE_ANSWER confirmed by H:40"
else
	nok "m2-late-mon0: LATE_ANSWER not confirmed by H:40" "$(grep LATE_ANSWER "$tmp/m.txt")"
fi

# shellcheck disable=SC2046
an m2-late m2-late.pcap $(logs m2-late) --json >"$tmp/r.json"
if grep -q '"code":"EVENTS_REORDERED".*"frames":\[17,29\].*"log_lines":\[{"file":"[^"]*m2-late.hostapd.log","line":24,"what":"sent"},{"file":"[^"]*m2-late.hostapd.log","line":40,"what":"handled"}\]' "$tmp/r.json"; then
	ok "m2-late: EVENTS_REORDERED at frames 17, 29 with H:24 sent, H:40 handled"
else
	nok "m2-late: no EVENTS_REORDERED with H:24 and H:40" "$(grep -o '"code":"EVENTS_REORDERED[^]]*' "$tmp/r.json")"
fi

# shellcheck disable=SC2046
an pmf-m4-drop pmf-m4-drop-mon0.pcap $(logs pmf-m4-drop) --json >"$tmp/p.json"
if grep -q '"code":"LOG_AIR_MISMATCH","severity":"warning"[^{]*"frames":\[13,16\].*"line":49,"what":"sent"' "$tmp/p.json"; then
	ok "pmf-m4-drop-mon0: LOG_AIR_MISMATCH for the 4/4 of W:49 (M:10 dropped it)"
else
	nok "pmf-m4-drop-mon0: no LOG_AIR_MISMATCH for W:49" "$(grep -o '"code":"LOG_AIR_MISMATCH[^]]*' "$tmp/p.json")"
fi

# the split AP of synth (captures/synth/split-ap-stale-anonce, as the scenario
# builds it: the state machine handles the association twice, the second time
# after its 1/4 of frame 10, starts over with the 1/4 of frame 14 and checks the
# 2/4 of frame 12, which answers frame 10, with the new ANonce)
syn=$top/captures/synth
"$fw" analyze --json --passphrase "synthetic passphrase" \
	--log "$syn/split-ap-stale-anonce.ap-frontend.log" --log "$syn/split-ap-stale-anonce.ap-sm.log" \
	--log "$syn/split-ap-stale-anonce.wpa_supplicant.log" "$syn/split-ap-stale-anonce.pcap" \
	>"$tmp/s.json" 2>"$tmp/err"
if grep -q '"code":"EVENTS_REORDERED"[^{]*"frames":\[12,14\].*explained: the AP checked it with the ANonce of its current msg 1/4, frame 14 ([0-9a-f]*\.\.\.), while the 2/4 answers msg 1/4 frame 10 ([0-9a-f]*\.\.\.), whose ANonce makes its MIC verify".*"line":12,"what":"mic_failure"' "$tmp/s.json"; then
	ok "split-ap-stale-anonce: the invalid MIC in msg 2/4 (line 12) explained by the ANonces of frames 14 and 10"
else
	nok "split-ap-stale-anonce: no explained invalid MIC" "$(grep -o '"code":"EVENTS_REORDERED[^}]*' "$tmp/s.json" | head -c 600)"
fi
if grep -q '"code":"EVENTS_REORDERED"[^{]*"frames":\[6,10\].*"line":6,"what":"association"' "$tmp/s.json"; then
	ok "split-ap-stale-anonce: the association handled after the 1/4 of frame 10 (line 6)"
else
	nok "split-ap-stale-anonce: no late association"
fi

# annotate --log: each log line in the comment of the frame it tells of
# (m2-late on hwsim0: H:19 sending the 1/4 of frame 15 and H:21 its TX
# status; H:40 the 2/4 of frame 17 dropped 1.5 s after it was on the air)
if command -v tshark >/dev/null 2>&1; then
	"$fw" annotate --passphrase "lossy air for m2-late" --ssid hwsim-m2-late \
		--log "$dir/m2-late.hostapd.log" --log "$dir/m2-late.wpa_supplicant.log" \
		"$dir/m2-late.pcap" -w "$tmp/a.pcapng" >/dev/null 2>"$tmp/err"
	tshark -r "$tmp/a.pcapng" -Y frame.comment -T fields -e frame.number -e frame.comment \
		>"$tmp/a.txt" 2>/dev/null
	if grep -q '^15	.*log H:19 ([^)]*m2-late.hostapd.log): hostapd: sent 1/4, [0-9.]* ms before this frame.*log H:21 ([^)]*): hostapd: TX status ack=1' "$tmp/a.txt"; then
		ok "annotate --log: frame 15 carries H:19 (sent 1/4) and H:21 (TX status)"
	else
		nok "annotate --log: no H:19, H:21 on frame 15" "$(grep '^15	' "$tmp/a.txt" | head -c 600)"
	fi
	if grep -q '^17	.*log H:40 ([^)]*): hostapd: dropped 2/4 for its replay counter, 150[0-9]\.[0-9]* ms after this frame' "$tmp/a.txt"; then
		ok "annotate --log: frame 17 carries H:40, 1.5 s after it"
	else
		nok "annotate --log: no H:40 on frame 17" "$(grep '^17	' "$tmp/a.txt" | head -c 600)"
	fi
fi

# the same runs without logs: no confirmation, no log finding
an group-rekey-fail group-rekey-fail.pcap >"$tmp/g0.txt"
an m2-late m2-late.pcap --json >"$tmp/r0.json"
if grep -q "confirmed by" "$tmp/g0.txt" || grep -q "EVENTS_REORDERED\|LOG_AIR_MISMATCH" "$tmp/r0.json"; then
	nok "without logs: a confirmation or a log finding"
else
	ok "without logs: neither confirmations nor log findings"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
