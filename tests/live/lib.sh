# lib.sh - shared by the live tests (sourced): paths, a scratch directory,
# the ok/not ok lines of tests/lib.sh, the jq programs that put `live --json`
# events and an `analyze --json` document side by side, the set-up of the
# TUN devices (tun*.sh) and of the screen under tmux (tui*.sh).
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

# ---- TUN devices standing in for monitor interfaces (tun.sh, tun_multi.sh) ----

# tun_setup "$@": fail unless the replay helper (tun-replay.c) is built,
# skip without root or /dev/net/tun, then run the script again in a network
# namespace of its own; on exit the helper and fourway still running
# (helper_pid, fw_pid) are stopped.
tun_setup() {
	helper=$bld/tests/live/tun-replay
	[ -x "$helper" ] || { echo "$helper not built"; exit 99; }
	[ "$(id -u)" -eq 0 ] || skip "needs root for TUN devices and a network namespace"
	[ -c /dev/net/tun ] || skip "no /dev/net/tun"
	if [ -z "${FW_LIVE_NETNS:-}" ]; then
		command -v unshare >/dev/null 2>&1 || skip "unshare not found"
		unshare -n true 2>/dev/null || skip "unshare -n fails here (no CAP_SYS_ADMIN?)"
		FW_LIVE_NETNS=1 exec unshare -n "$0" "$@"
	fi
	helper_pid= fw_pid=
	cleanup() {
		[ -z "$fw_pid" ] || kill "$fw_pid" 2>/dev/null
		[ -z "$helper_pid" ] || kill "$helper_pid" 2>/dev/null
	}
}

# wait_file FILE [PATTERN]: up to 10 s for a file (holding PATTERN)
wait_file() {
	i=0
	while [ $i -lt 1000 ]; do
		if [ -e "$1" ] && { [ -z "${2:-}" ] || grep -q "$2" "$1"; }; then
			return 0
		fi
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}

# tun_replay NAME CMD...: start CMD (the helper, its devices and captures)
# in the background with its --ready, --go and --done files in $tmp, and
# wait until its devices are up; SKIP when the helper cannot make them
# here, 1 (after nok NAME) when they did not come up.
tun_replay() {
	name=$1
	shift
	rm -f "$tmp/ready" "$tmp/go" "$tmp/done"
	"$@" --ready "$tmp/ready" --go "$tmp/go" --done "$tmp/done" </dev/null 2>"$tmp/helper.err" &
	helper_pid=$!
	wait_file "$tmp/ready" && return 0
	wait "$helper_pid"
	[ $? -eq 77 ] && skip "$(cat "$tmp/helper.err")"
	nok "$name" "$(cat "$tmp/helper.err")"
	return 1
}

# tun_live NAME ARG...: `fourway live ARG...` in the background, its events
# in $tmp/live.json, until it says it started; 1 (after nok NAME) if not.
tun_live() {
	name=$1
	shift
	"$fw" live "$@" </dev/null >"$tmp/live.json" 2>"$tmp/live.err" &
	fw_pid=$!
	wait_file "$tmp/live.json" '"event":"start"' && return 0
	nok "$name" "$(cat "$tmp/live.err")"
	return 1
}

# tun_stop: once the last frames had time to arrive, SIGINT to fourway (its
# exit status in st), and the helper stopped.
tun_stop() {
	sleep 0.3
	kill -INT "$fw_pid"
	wait "$fw_pid"
	st=$?
	fw_pid=
	kill "$helper_pid" 2>/dev/null
	wait "$helper_pid" 2>/dev/null
	helper_pid=
}

# tun_received NAME FRAMES: the last stats event of $tmp/live.json counts
# FRAMES frames and no drop, by the kernel or the interface
tun_received() {
	jq -s -e --argjson n "$2" 'map(select(.event == "stats")) | last
		| .frames == $n and .kernel_dropped == 0 and .if_dropped == 0' "$tmp/live.json" >/dev/null &&
		ok "$1" || nok "$1" "$(jq -c 'select(.event == "stats")' "$tmp/live.json")"
}

# ---- the live screen under tmux (tui*.sh) ----

# tui_setup NAME: skip without tmux; t runs tmux on a server of this test's
# own (sock, after NAME and this process), stopped on exit; fwabs is
# fourway's absolute path, for the session's shell.
tui_setup() {
	command -v tmux >/dev/null 2>&1 || skip "tmux not found"
	sock="fourway-$1-$$"
	fwabs=$(cd "$(dirname "$fw")" && pwd)/fourway
	t() { tmux -L "$sock" "$@"; }
	cleanup() { t kill-server 2>/dev/null; }
	# screen: the visible pane now
	screen() { t capture-pane -p -t fw; }
}

# tui_start NAME COLUMNS ROWS: a session "fw" of that size running sh with
# the prompt "fw-prompt> " (SKIP when tmux cannot start one here); ok NAME
# when the prompt shows, else nok NAME and 1.
tui_start() {
	t -f /dev/null new-session -d -s fw -x "$2" -y "$3" "env PS1='fw-prompt> ' TERM=screen sh" ||
		skip "tmux cannot start a session here"
	wait_screen "$1" "fw-prompt>" 5
}

# wait_lines NAME PATTERN SECONDS LINES: until the lines of the pane that
# hold the fixed string LINES (every line when empty) show the fixed string
# PATTERN; ok NAME then, else nok NAME and 1.
wait_lines() {
	i=0 n=$(($3 * 20))
	while [ $i -lt $n ]; do
		if screen | grep -F -- "$4" | grep -qF -- "$2"; then
			ok "$1"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	nok "$1" "'$2' not on the screen: $(screen | grep -F -- "$4" | grep -v '^$' | head -30)"
	return 1
}

# wait_screen NAME PATTERN [SECONDS]: until the pane shows the fixed string (15 s at most)
wait_screen() {
	wait_lines "$1" "$2" "${3:-15}" ""
}

# tui_sane: after fourway left, the shell's terminal is in canonical mode with echo again
tui_sane() {
	t send-keys -t fw "stty -a | tr ' ' '\n' | grep -x -e '-*icanon' -e '-*echo' | tr '\n' ' '; echo :tty" Enter
	wait_screen "the terminal is sane again (canonical mode, echo)" "icanon echo :tty"
}
