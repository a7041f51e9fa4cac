#!/bin/sh
# tui_views.sh - the links table tells both sides' story, at 80x24.
# captures/m4-drop.pcap is the dropped-4/4 race (m4-drop.medium.log: the
# medium dropped the station's msg 4/4; hostapd resent msg 3/4 and at last
# deauthenticated, reason 15): after the station's 4/4 (frame 33) it has
# installed the PTK and is done, while the AP retransmits 3/4 (frames 35,
# 55, 75) until its deauthentication (frame 93).  Replayed at its own pace,
# the link's state must say so in that window ("sta M4 ap M3" in the
# table, "sta done / ap retrying 3/4" on the rule under it), not
# "complete", and once the AP gives up, "failed".
#
# Needs tmux.
. "${top_srcdir:-.}/tests/live/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux not found"
sock="fourway-tuiviews-$$"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server 2>/dev/null; }
screen() { t capture-pane -p -t fw; }
wait_screen() {
	i=0 n=$(( ${3:-15} * 20 ))
	while [ $i -lt $n ]; do
		if screen | grep -qF -- "$2"; then
			ok "$1"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	nok "$1" "'$2' not on the screen: $(screen | grep -v '^$' | head -30)"
	return 1
}

AP=02:00:00:00:00:00 STA=02:00:00:00:01:00
fwabs=$(cd "$(dirname "$fw")" && pwd)/fourway
cp "$caps/m4-drop.pcap" "$tmp/m4-drop.pcap" || exit 99
t -f /dev/null new-session -d -s fw -x 80 -y 24 "env PS1='fw-prompt> ' TERM=screen sh" ||
	skip "tmux cannot start a session here"
wait_screen "shell prompt" "fw-prompt>" 5
t send-keys -t fw "cd '$tmp' && '$fwabs' live --replay m4-drop.pcap --passphrase 'first four lost'" Enter
wait_screen "the row, 80 columns: station done, AP still at 3/4" "$AP $STA hwsim sta M4 ap M3" 10
wait_screen "the rule says it in words" "-- findings, newest first -- sta done / ap retrying 3/4"
screen | grep -F "$AP $STA" | grep -q complete && nok "not 'complete' while the AP retries" ||
	ok "not 'complete' while the AP retries"
wait_screen "once the AP deauthenticates: failed" "$AP $STA hwsim-m4d failed" 15
screen | grep -qF "ap retrying" && nok "the two views gone once it failed" ||
	ok "the two views gone once it failed"
t send-keys -t fw q
wait_screen "q leaves" "fw-prompt> "
finish
