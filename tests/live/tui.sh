#!/bin/sh
# tui.sh - the live screen under tmux: `fourway live --replay` of
# captures/wrong-psk.pcap (hwsim: the AP was given 'the right passphrase',
# the station another one) with the AP's passphrase.  The links table must
# show the link (the hwsim AP and station addresses) failed with a bad MIC,
# Enter its ladder with the four M1/M2 rounds and the deauthentication,
# / filter it away, ? show the help, and q leave with the shell prompt back
# on a sane terminal (canonical mode and echo restored by endwin()).
#
# Needs tmux.
. "${top_srcdir:-.}/tests/live/lib.sh"

tui_setup tui
AP=02:00:00:00:00:00 STA=02:00:00:00:01:00
# a short relative path, so the title and the summary fit whatever the build directory
cp "$caps/wrong-psk.pcap" "$tmp/wrong-psk.pcap" || exit 99
tui_start "shell prompt" 120 32
t send-keys -t fw "cd '$tmp' && '$fwabs' live --replay wrong-psk.pcap --passphrase 'the right passphrase'" Enter

wait_screen "title line names the replayed file" "fourway live  wrong-psk.pcap  frames"
wait_screen "links table header" "BSSID             STATION"
wait_screen "the link's row: AP and station" "$AP $STA hwsim-wrong"
wait_screen "findings feed shows MIC_BAD" "MIC_BAD"
# p holds the display while frames keep arriving; p again shows them
t send-keys -t fw p
wait_screen "p pauses the display" "[paused]"
f1=$(screen | sed -n '1s/.*frames \([0-9]*\).*/\1/p')
sleep 1.2
f2=$(screen | sed -n '1s/.*frames \([0-9]*\).*/\1/p')
[ -n "$f1" ] && [ -n "$f2" ] && [ "$f2" -gt "$f1" ] &&
	ok "while paused the capture goes on (frames $f1 -> $f2)" ||
	nok "while paused the capture goes on (frames '$f1' -> '$f2')"
t send-keys -t fw p
i=0
while screen | grep -qF "[paused]" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
screen | grep -qF "[paused]" && nok "p again resumes" || ok "p again resumes"
# the AP's deauthentication comes 4.1 s after the first msg 1/4
wait_screen "findings feed shows TIMEOUT" "TIMEOUT" 20
screen | grep -F "$AP $STA" | grep -q ' failed .* bad ' && ok "the link's row: failed, MIC bad" ||
	nok "the link's row: failed, MIC bad" "$(screen | grep -F "$AP $STA")"

t send-keys -t fw Enter
wait_screen "Enter opens the ladder" "-- ladder $AP > $STA"
wait_screen "ladder: msg 1/4 of the first round" "#27 "
wait_screen "ladder: msg 2/4 with its MIC verdict" "M2 rc=1 --|  MIC BAD"
wait_screen "ladder: the fourth round" "M2 rc=4"
wait_screen "ladder: the deauthentication" "DEAUTH reason 15"

t send-keys -t fw Escape
wait_screen "Esc back to the findings feed" "-- findings, newest first"
t send-keys -t fw "/" "zz" Enter
wait_screen "a filter that matches nothing" "no link matches the filter"
t send-keys -t fw "/" BSpace BSpace "wrong" Enter
wait_screen "a filter on the SSID keeps the link" "$AP $STA hwsim-wrong"
t send-keys -t fw "?"
wait_screen "? shows the help" "fourway live: keys"
t send-keys -t fw "x"
t send-keys -t fw "s"
wait_screen "s saves the link's frames" "saved "
f=$(ls "$tmp"/fourway-020000000000-020000000100-*.pcap 2>/dev/null | head -1)
if [ -n "$f" ] && "$fw" analyze --json --passphrase 'the right passphrase' "$f" >"$tmp/saved.json" &&
	jq -e '.links | length == 1 and (.[0].handshakes[0].messages | length) == 8' \
		"$tmp/saved.json" >/dev/null; then
	ok "the saved pcap holds the link's 8 messages"
else
	nok "the saved pcap holds the link's 8 messages" "$f: $(head -c 300 "$tmp/saved.json" 2>&1)"
fi
# The name is built from the air and the clock: one planted in advance (a
# link to another file) is refused, never followed or replaced.
echo precious >"$tmp/victim"
now=$(date +%s)
for k in $(seq 0 40); do
	ln -sf "$tmp/victim" "$tmp/fourway-020000000000-020000000100-$((now + k)).pcap"
done
t send-keys -t fw "s"
wait_screen "s refuses a name that exists" "exists: refusing to replace it"
[ "$(cat "$tmp/victim")" = precious ] && ok "the planted link's target is unchanged" ||
	nok "the planted link's target is unchanged" "$(head -c 100 "$tmp/victim")"

wait_screen "the replay ends (all 160 frames)" "frames 160  links 1  findings 2  [ended]" 30
t send-keys -t fw q
wait_screen "q leaves with a summary" "fourway live: wrong-psk.pcap: 160 frames, 1 links, 2 findings"
wait_screen "the shell prompt returns" "fw-prompt> "
t send-keys -t fw 'echo "exit status $?"' Enter
wait_screen "fourway exited with status 0" "exit status 0"
tui_sane
finish
