#!/bin/sh
# flood.sh - ACK pairing on a busy channel.  tests/e2e/flood adds another
# station's traffic (about 8,500 data frames a second both ways, A-MPDUs
# with Block Acks, every frame acknowledged, the two directions' ACKs in
# either order as hwsim delivers them) around captures/m4-drop-once.pcap,
# whose sniffer (hwsim0) misses nothing.  Judged by the capture's own
# .expect (written from hostapd's and the medium's logs: M4_LOST, ...,
# forbid CAPTURE_LOSSY) the flooded capture reads the same; with two of
# the link's frames removed (the station's protected frames 38 and 47,
# whose ACKs stay), CAPTURE_LOSSY counts exactly those two ACKs.
#
# Needs jq.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup flood
flood=$bld/tests/e2e/flood
caps=$top/captures
need jq
need_fw
[ -x "$flood" ] || { echo "flood.sh: $flood not built" >&2; exit 99; }

cap=$caps/m4-drop-once.pcap
set -- --passphrase "lossy air for m4-drop-once" --ssid hwsim-m4-drop-once

# expect NAME FILE JQ-EXPR [ARGS...]
run "flood" 0 "$flood" "$cap" "$tmp/busy.pcap"
run "flood, frames 38 and 47 left out" 0 "$flood" "$cap" "$tmp/lossy.pcap" 38 47
"$fw" analyze --json "$@" "$cap" >"$tmp/quiet.json" || nok "quiet: analyze failed"
"$fw" analyze --json "$@" "$tmp/busy.pcap" >"$tmp/busy.json" || nok "busy: analyze failed"
"$fw" analyze --json "$@" "$tmp/lossy.pcap" >"$tmp/lossy.json" || nok "lossy: analyze failed"

expect "busy: the flood is in (over 150,000 frames)" "$tmp/busy.json" \
	'.inputs[0].frames > 150000'
cp "$caps/m4-drop-once.expect" "$tmp/busy.expect"
run "busy: judged by m4-drop-once.expect (forbid CAPTURE_LOSSY)" 0 "$fw" check "$tmp/busy.pcap"
expect "busy: no CAPTURE_LOSSY, no ACK without its frame" "$tmp/busy.json" \
	'[.findings[] | select(.code == "CAPTURE_LOSSY")] == [] and .links[0].acks_unmatched == 0'
expect "busy: the findings of the quiet capture" "$tmp/busy.json" \
	'([.findings[] | [.code, .severity, (.frames | length)]] | sort)
	 == ($q[0] | [.findings[] | [.code, .severity, (.frames | length)]] | sort)' --slurpfile q "$tmp/quiet.json"
expect "busy: each message acknowledged as in the quiet capture" "$tmp/busy.json" \
	'[.links[].handshakes[].messages[] | [.msg, .acked, .retransmission]]
	 == ($q[0] | [.links[].handshakes[].messages[] | [.msg, .acked, .retransmission]])' \
	--slurpfile q "$tmp/quiet.json"
expect "lossy: CAPTURE_LOSSY, for the two ACKs whose frames were left out" "$tmp/lossy.json" \
	'[.findings[] | select(.code == "CAPTURE_LOSSY")] | length == 1'
expect "lossy: exactly two ACKs without their frame" "$tmp/lossy.json" '.links[0].acks_unmatched == 2'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
