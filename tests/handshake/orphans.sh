#!/bin/sh
# orphans.sh - answers whose request the sniffer missed, on a real capture.
# aircrack-ng/wpa2-psk-linksys.cap of the corpus holds three handshakes
# that hashcat verifies with the passphrase "dictionary" (GROUND_TRUTH.md);
# with the msg 1/4 of the first, and the 1/4 and 3/4 of the second, cut out
# (editcap), their 2/4 and 4/4 have no request in the capture: each must be
# unchecked for that reason, never MIC_BAD, and nothing else may change.
# SKIP without the corpus.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup orphans
need jq editcap
need_corpus aircrack-ng/wpa2-psk-linksys.cap
need_fw
cap=$corpus/aircrack-ng/wpa2-psk-linksys.cap

# frames 50 (M1 of the first handshake), 89 and 92 (M1, M3 of the second)
editcap "$cap" "$tmp/cut.pcap" 50 89 92 >/dev/null 2>&1 || { echo "orphans.sh: editcap failed"; exit 99; }
run "analyze the cut capture" 0 "$fw" analyze --json --passphrase dictionary --ssid linksys "$tmp/cut.pcap"
cp "$tmp/out" "$tmp/json"

expect() {
	if jq -e "$2" "$tmp/json" >/dev/null 2>&1; then
		ok "$1"
	else
		nok "$1" "jq '$2' is false"
	fi
}

msgs='[.links[0].handshakes[].messages[]]'
expect "no MIC_BAD" '[.findings[] | select(.code == "MIC_BAD")] | length == 0'
# after the cut, the second handshake's 2/4 and 4/4 are frames 88 and 90
expect "2/4 without its 1/4 is unchecked" \
	"$msgs | map(select(.frame == 88))[0] | .mic == \"unchecked\" and .mic_reason == \"its msg 1/4 was not captured\" and .answers == null"
expect "4/4 without its 3/4 is unchecked" \
	"$msgs | map(select(.frame == 90))[0] | .mic == \"unchecked\" and .mic_reason == \"its msg 3/4 was not captured\""
# the first handshake's 2/4 still verifies with the ANonce of its 3/4, the third is whole
expect "2/4 whose handshake has a 3/4 verifies" "$msgs | map(select(.frame == 50))[0].mic == \"ok\""
expect "two handshakes complete" '[.links[0].handshakes[] | select(.outcome == "complete")] | length == 2'
expect "no warning or error" '[.findings[] | select(.severity != "info")] | length == 0'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
