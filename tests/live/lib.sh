# lib.sh - shared by the live tests (sourced): paths, a scratch directory,
# the ok/not ok lines of tests/lib.sh, and the jq programs that put `live --json`
# events and an `analyze --json` document side by side.
top=${top_srcdir:-.}
bld=${top_builddir:-.}
fw=$bld/fourway
caps=$top/captures
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-live.XXXXXX") || exit 99
trap 'cleanup 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

. "$top/tests/lib.sh"	# ok, nok, run, skip, need_corpus
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

need jq
need_fw

# The captures with their keys: the passphrase each hwsim AP was given.
CAPTURES="wpa2-psk.pcap:correct horse battery staple
m4-drop.pcap:first four lost
wrong-psk.pcap:the right passphrase"

# Findings side by side, whatever numbered them: a live core numbers its findings
# in the order they first appeared, a batch one in document order.  NORM drops
# the numbers (and every "file", an interface live) and names each cause by its
# code and anchor, the first evidence frame.
NORM='(map({key: (.id | tostring), value: "\(.code)@\(.frames[0])"}) | from_entries) as $k
	| map(.caused_by |= (map($k[tostring]) | sort) | del(.id, .file)
		| .evidence |= map(del(.file)))'
# The findings a live event stream ends with (events.h): every "finding" and
# "update" object, the last one for each id, less the "resolved" ones.
STATE='reduce .[] as $e ({}; if $e.event == "finding" or $e.event == "update"
	then .[$e.id | tostring] = $e.finding elif $e.event == "resolved"
	then del(.[$e.id | tostring]) else . end) | [.[]]'
live_state() {
	jq -s -S "$STATE | sort_by(.id)" "$1"
}
live_findings() {
	jq -s -S "$STATE | $NORM | sort_by(.code, .bssid, .sta, .frames[0])" "$1"
}
doc_findings() {
	jq -S ".findings | $NORM | sort_by(.code, .bssid, .sta, .frames[0])" "$1"
}
# Handshake outcomes: the last event for each handshake, and the document's.
live_outcomes() {
	jq -s -S '[.[] | select(.event == "handshake_end" or .event == "handshake_update")]
		| group_by([.bssid, .sta, .handshake])
		| map(last | {bssid, sta, handshake, outcome, detail}) | sort_by(.bssid, .sta, .handshake)' "$1"
}
doc_outcomes() {
	jq -S '[.links[] as $l | $l.handshakes | to_entries[] | {bssid: $l.bssid, sta: $l.sta,
		handshake: (.key + 1), outcome: .value.outcome, detail: .value.detail}]
		| sort_by(.bssid, .sta, .handshake)' "$1"
}
live_msgs() {
	jq -s -S '[.[] | select(.event == "message") | {bssid, sta, msg: .message.msg,
		frame: .message.frame}] | unique_by(.frame)' "$1"
}
doc_msgs() {
	jq -S '[.links[] as $l | $l.handshakes[].messages[] | {bssid: $l.bssid, sta: $l.sta,
		msg, frame}] | unique_by(.frame)' "$1"
}

# Findings drawn from the time between frames (DESIGN.md: ACK windows,
# response delays, the AP's retry budget) are left out of untimed: a replay
# at another pace may change them.
TIMING_CODES='["M4_LOST","M4_IGNORED","M3_LOST","EARLY_KEY_INSTALL","M3_RETRY_AFTER_INSTALL",
	"M1_UNANSWERED","SLOW_RESPONSE","CAPTURE_LOSSY","REORDERED","TIMEOUT"]'
untimed() {
	jq -s -S --argjson t "$TIMING_CODES" "$STATE
		| $NORM | [.[] | select(.code as \$c | \$t | index(\$c) | not)]
		| map(del(.caused_by)) | sort_by(.code, .bssid, .sta, .frames[0])"
}

# same NAME A B: two JSON values are equal
same() {
	if [ "$(jq -c . "$2")" = "$(jq -c . "$3")" ]; then
		ok "$1"
	else
		nok "$1" "$(diff "$2" "$3" | head -20)"
	fi
}

# compare NAME LIVE_EVENTS ANALYZE_DOC: findings, outcomes and messages agree
compare() {
	live_findings "$2" >"$tmp/lf"; doc_findings "$3" >"$tmp/df"
	same "$1: the same findings as analyze" "$tmp/lf" "$tmp/df"
	live_outcomes "$2" >"$tmp/lo"; doc_outcomes "$3" >"$tmp/do"
	same "$1: the same handshake outcomes as analyze" "$tmp/lo" "$tmp/do"
	live_msgs "$2" >"$tmp/lm"; doc_msgs "$3" >"$tmp/dm"
	same "$1: the same EAPOL-Key messages as analyze" "$tmp/lm" "$tmp/dm"
}
