#!/bin/sh
# pmf.sh - the station's PMF story read from its log, on the real run of
# captures/messy/pmf-m4-drop (ground truth: its .wpa_supplicant.log (W),
# .medium.log, captures/messy/README.md; never fourway's output):
#  - W:83, 89, 114 "Unprotected Deauthentication frame dropped" (reasons 15,
#    7, 7), W:90 "Unprotected disconnect dropped ... trigger SA Query",
#    W:91..109 "Association SA Query attempt 1..5", W:92..110 "Sending SA
#    Query Request to 02:00:00:00:00:00", W:117 "SA Query timed out": each
#    an event of the JSON document's log_events, on the station's side;
#  - the PMF_MISMATCH finding confirmed by those drops and the timeout;
#  - W:135, 152 "No PMKSA cache entry found" / "PMKID from assoc IE not
#    found" before the reconnection: PMKSA events on its ladder.
#  - the rows between the two handshakes, 7 to 8 s after handshake 1 ended
#    (W:89 .. W:122: the second dropped deauth, the five SA Query attempts
#    and requests, the third drop, the timeout, the station's own deauth):
#    on the ladder after handshake 1, in time order, in the station's lane;
#  - the AP's own SA Query (captures/synth/pmf-spoofed-deauth, its hostapd
#    log written by synth --logs: no run of captures/messy has one): hostapd's
#    "Received SA Query Request" and "Sending SA Query Response" after the
#    handshake, in the AP's lane.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
dir=$top/captures/messy
[ -x "$fw" ] || { echo "pmf.sh: $fw not built"; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-pmf.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$top/tests/lib.sh"

an() {	# OPTION...
	"$fw" analyze --passphrase "pmf with a lost m4" --ssid hwsim-pmf-m4 \
		--log "$dir/pmf-m4-drop.hostapd.log" --log "$dir/pmf-m4-drop.wpa_supplicant.log" \
		"$@" "$dir/pmf-m4-drop.pcap" 2>"$tmp/err"
}
an --json >"$tmp/p.json"
an >"$tmp/p.txt"
ev() {	# LINE PATTERN: the station log's event of line LINE matches PATTERN
	grep -q "\"file\":\"[^\"]*pmf-m4-drop.wpa_supplicant.log\",\"line\":$1,\"daemon\":\"wpa_supplicant\",\"side\":\"station\",[^}]*$2" "$tmp/p.json"
}

for l in 83:15 89:7 114:7; do
	if ev "${l%%:*}" "\"kind\":\"pmf_drop\"[^}]*\"reason\":${l#*:},\"peer\":\"02:00:00:00:00:00\",\"detail\":\"deauth\""; then
		ok "W:${l%%:*}: unprotected deauth (reason ${l#*:}) dropped, in the JSON document"
	else
		nok "W:${l%%:*}: no pmf_drop event"
	fi
done
if ev 90 '"kind":"pmf_drop"[^}]*"detail":"trigger SA Query"'; then
	ok "W:90: unprotected disconnect dropped, SA Query triggered"
else
	nok "W:90: no pmf_drop event"
fi
n=1
for l in 91 97 101 105 109; do
	if ev "$l" "\"kind\":\"sa_query\"[^}]*\"attempt\":$n,\"peer\":\"02:00:00:00:00:00\"" &&
	   ev "$((l + 1))" '"kind":"sa_query"[^}]*"peer":"02:00:00:00:00:00","detail":"request"'; then
		ok "W:$l, $((l + 1)): SA Query attempt $n, request sent to the AP"
	else
		nok "W:$l: no SA Query attempt $n and request"
	fi
	n=$((n + 1))
done
if ev 117 '"kind":"sa_query"[^}]*"detail":"timed out"'; then
	ok "W:117: SA Query timed out"
else
	nok "W:117: no SA Query timeout"
fi
if grep -q '"code":"PMF_MISMATCH".*"confirmed_by_log":{"file":"[^"]*pmf-m4-drop.wpa_supplicant.log","line":83,"kind":"pmf_drop","detail":"deauth","relative_to_frame":76,[^}]*"lines":\[83,89,90,114,117\]}' "$tmp/p.json"; then
	ok "PMF_MISMATCH confirmed_by_log W:83, 89, 90, 114, 117, timed against frame 76"
else
	nok "PMF_MISMATCH not confirmed by W:83..117" "$(grep -o '"code":"PMF_MISMATCH[^]]*' "$tmp/p.json")"
fi
if grep -q "PMF_MISMATCH.*; confirmed by the station's log: unprotected disconnects dropped, SA Query timed out (S:83, S:89, S:90, S:114, S:117)" "$tmp/p.txt"; then
	ok "the text report's PMF_MISMATCH names S:83..117"
else
	nok "the text report's PMF_MISMATCH is not confirmed" "$(grep PMF_MISMATCH "$tmp/p.txt")"
fi
if grep -q "S:83 .*wpa_s: unprotected deauth dropped, reason 15" "$tmp/p.txt" &&
   grep -q "S:135 .*wpa_s: PMKSA cache entry not found" "$tmp/p.txt"; then
	ok "the ladder's rows: S:83 the dropped deauth, S:135 the PMKSA cache miss"
else
	nok "no PMF or PMKSA rows on the ladder"
fi
# the rows between handshake 1's end (its deauth, #76) and handshake 2, in their order
sed -n '/^ *#76 .*DEAUTH reason 15/,/^  handshake 2:/p' "$tmp/p.txt" |
	sed -n 's/^ *S:\([0-9]*\) .*|\(.*\)\[log\]|$/\1/p' | tr '\n' ' ' >"$tmp/between"
want="83 89 90 91 92 97 98 101 102 105 106 109 110 114 117 122 "
if [ "$(cat "$tmp/between")" = "$want" ] &&
   sed -n '/^  handshake 1:/,/^  handshake 2:/p' "$tmp/p.txt" |
	grep -q '^     S:117 +11\.055513  | *wpa_s: SA Query timed out \[log\]|$'; then
	ok "the station's rows between the handshakes, in time order, in its lane: S:$want"
else
	nok "the rows between the handshakes" "got S: $(cat "$tmp/between"), want S: $want"
fi
syn=$top/captures/synth
"$fw" analyze --passphrase "synthetic passphrase" --ssid fourway-synth \
	--log "$syn/pmf-spoofed-deauth.hostapd.log" --log "$syn/pmf-spoofed-deauth.wpa_supplicant.log" \
	"$syn/pmf-spoofed-deauth.pcap" >"$tmp/s.txt" 2>"$tmp/err"
if grep -q '^     H:[0-9]* *+[0-9.]*  |\[log\] hostapd: SA Query request received *|$' "$tmp/s.txt" &&
   grep -q '^     H:[0-9]* *+[0-9.]*  |\[log\] hostapd: SA Query response sent *|$' "$tmp/s.txt" &&
   grep -q 'wpa_s: SA Query response \[log\]|$' "$tmp/s.txt"; then
	ok "pmf-spoofed-deauth: hostapd's SA Query rows in the AP's lane, the station's response"
else
	nok "pmf-spoofed-deauth: no SA Query rows of hostapd" "$(grep 'SA Query' "$tmp/s.txt")"
fi
# without the logs: no confirmation
"$fw" analyze --passphrase "pmf with a lost m4" --ssid hwsim-pmf-m4 "$dir/pmf-m4-drop.pcap" \
	>"$tmp/p0.txt" 2>"$tmp/err"
if grep -q "PMF_MISMATCH" "$tmp/p0.txt" && ! grep -q "confirmed by" "$tmp/p0.txt"; then
	ok "without the logs: PMF_MISMATCH from the air alone, unconfirmed"
else
	nok "without the logs: PMF_MISMATCH missing or confirmed"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
