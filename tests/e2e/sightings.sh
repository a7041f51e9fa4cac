#!/bin/sh
# sightings.sh - one air, several sniffers.  captures/m4-drop-once.pcap
# (hwsim0: every transmission, with the ACKs) and m4-drop-once-mon0.pcap
# (a monitor interface of a third radio: what was delivered to it, no
# ACKs) are two sniffers of the same run (captures/README.md).  Merged by
# timestamp (--merge), or written into one pcapng with an interface each
# (mergecap -I none), each transmission is one frame with two sightings:
# the report is that of hwsim0 alone, with no EAPOL retransmission or
# REPLAY_COUNTER for the copies, and mon0's lack of ACKs says nothing.
# Which frames mon0 holds comes from tshark where it is installed.
#
# Needs jq; the pcapng case needs mergecap (skipped without it).
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup sightings
caps=$top/captures
need jq
need_fw

hw=$caps/m4-drop-once.pcap
mon=$caps/m4-drop-once-mon0.pcap
set -- --passphrase "lossy air for m4-drop-once" --ssid hwsim-m4-drop-once

# expect NAME FILE JQ-EXPR [ARGS...]: EXPR is true of the JSON in FILE
"$fw" analyze --json "$@" "$hw" >"$tmp/hw.json" || nok "hwsim0 alone: analyze failed"
"$fw" analyze --json --merge "$@" "$hw" "$mon" >"$tmp/merge.json" || nok "--merge: analyze failed"
findings='[.findings[] | [.code, .severity, (.frames | map(if type == "object" then .frame else . end))]] | sort'
msgs='[.links[].handshakes[].messages[] | [.msg, .frame, .retransmission, .acked]]'

# --- --merge: two files ------------------------------------------------------
expect "--merge: the findings of hwsim0 alone, frame for frame" "$tmp/merge.json" \
	"($findings) == (\$hw[0] | $findings)" --slurpfile hw "$tmp/hw.json"
expect "--merge: no REPLAY_COUNTER for the copies" "$tmp/merge.json" \
	'[.findings[] | select(.code == "REPLAY_COUNTER")] == []'
expect "--merge: evidence names hwsim0's file" "$tmp/merge.json" \
	'[.findings[].frames[].file] | unique == [$f]' --arg f "$hw"
expect "--merge: the messages of hwsim0 alone, retransmissions and ACKs included" "$tmp/merge.json" \
	"($msgs) == (\$hw[0] | $msgs)" --slurpfile hw "$tmp/hw.json"
expect "--merge: every message but the lost 4/4 seen twice, second on mon0" "$tmp/merge.json" \
	'[.links[].handshakes[].messages[] | select(.frame != 30) | .sightings | [length, .[1].file]]
	 | unique == [[2, $m]]' --arg m "$mon"
expect "--merge: the lost 4/4 (hwsim0 frame 30, never delivered) seen once, not acknowledged" \
	"$tmp/merge.json" \
	'[.links[].handshakes[].messages[] | select(.frame == 30) | [.msg, (.sightings | length), .acked]]
	 == [["M4", 1, false]]'
expect "--merge: mon0, which shows no ACKs, says nothing of them" "$tmp/merge.json" \
	'[.links[].handshakes[].messages[].sightings[] | select(.file == $m) | .acked] | unique == [null]' \
	--arg m "$mon"
if command -v tshark >/dev/null 2>&1; then
	tshark -r "$mon" -Y eapol -T fields -e frame.number 2>/dev/null | jq -s -c . >"$tmp/mon-eapol"
	expect "--merge: mon0's sightings of clear messages are its EAPOL frames (tshark)" \
		"$tmp/merge.json" \
		'[.links[].handshakes[].messages[] | select(.protected | not) | .sightings[]
		  | select(.file == $m) | .frame] | sort == $t[0]' --arg m "$mon" --slurpfile t "$tmp/mon-eapol"
else
	echo "skip - tshark not found: mon0's EAPOL frames not cross-checked"
fi

# --- one pcapng, two interfaces ------------------------------------------------
if command -v mergecap >/dev/null 2>&1; then
	mergecap -I none -F pcapng -w "$tmp/both.pcapng" "$hw" "$mon" 2>"$tmp/err" ||
		nok "mergecap failed" "$(head -c 300 "$tmp/err")"
	"$fw" analyze --json "$@" "$tmp/both.pcapng" >"$tmp/ng.json" || nok "pcapng: analyze failed"
	codes='[.findings[] | [.code, .severity]] | sort'
	expect "pcapng: the findings of hwsim0 alone" "$tmp/ng.json" \
		"($codes) == (\$hw[0] | $codes)" --slurpfile hw "$tmp/hw.json"
	expect "pcapng: the same messages, each once" "$tmp/ng.json" \
		'([.links[].handshakes[].messages[] | [.msg, .retransmission, .acked]])
		 == ($hw[0] | [.links[].handshakes[].messages[] | [.msg, .retransmission, .acked]])' \
		--slurpfile hw "$tmp/hw.json"
	expect "pcapng: every message but the lost 4/4 seen on interfaces 0 and 1" "$tmp/ng.json" \
		'[.links[].handshakes[].messages[] | .sightings | map(.iface)] | sort
		 == ([[0]] + [range(13) | [0, 1]])'
else
	echo "skip - mergecap not found: the two-interface pcapng case"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
