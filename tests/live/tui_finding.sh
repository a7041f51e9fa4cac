#!/bin/sh
# tui_finding.sh - the live screen tells the whole story of the dropped-4/4
# race, at 80x24 and at 120x40, under tmux.  captures/m4-drop-once.pcap
# (fw-medium drop:m4:1): the station's first msg 4/4 (frame 30) never
# reaches the AP, which retransmits msg 3/4 (frames 32, 50, 70) while the
# station, its key installed, answers them encrypted, until the AP
# deauthenticates it (frame 88); the station then reconnects cleanly.
#
# - While the AP retries (frames 32..88, three seconds at the capture's
#   pace) the link's state names both views: the station is done, the AP
#   still retries msg 3/4 ("sta done / ap retrying 3/4", or in 80 columns
#   "sta done/ap rty 3/4"); after the reconnection it is "complete".
# - The / filter hides a filtered-out link's findings.
# - In the findings pane, Enter opens M4_LOST in full: its whole text, its
#   evidence frames with their roles and its consequences as analyze --json
#   of the same capture gives them (the text, "frame role" pairs, and the
#   codes of the findings whose caused_by names it).
# - l opens the link's ladder at the finding's first evidence frame (#30),
#   its evidence rows marked.
#
# Needs tmux.
. "${top_srcdir:-.}/tests/live/lib.sh"

tui_setup tuifind
# wait_row NAME PATTERN [SECONDS]: the link's row in the table shows the fixed string
wait_row() {
	wait_lines "$1" "$2" "${3:-15}" "$AP $STA"
}

AP=02:00:00:00:00:00 STA=02:00:00:00:01:00
PASS='lossy air for m4-drop-once'
cp "$caps/m4-drop-once.pcap" "$tmp/race.pcap" || exit 99
"$fw" analyze --json --passphrase "$PASS" "$tmp/race.pcap" >"$tmp/doc.json" || exit 99
# what analyze says of M4_LOST: its text, its evidence, its consequences' codes
detail=$(jq -r '.findings[] | select(.code == "M4_LOST") | .detail' "$tmp/doc.json")
evidence=$(jq -r '.findings[] | select(.code == "M4_LOST") | [.evidence[] | "\(.frame) \(.role)"]
	| join(", ")' "$tmp/doc.json")
conseq=$(jq -r '(.findings[] | select(.code == "M4_LOST") | .id) as $id
	| .findings[] | select(.caused_by | index($id)) | .code' "$tmp/doc.json")
[ -n "$detail" ] && [ "$evidence" = "30 lost, 32 retry, 88 deauth" ] && [ -n "$conseq" ] ||
	{ echo "tui_finding.sh: analyze's M4_LOST is not the capture's story" >&2; exit 99; }

# the lines of the finding in full between its link line and "evidence", joined
finding_text() {
	screen | awk '/^ link /{on=1; next} /^ evidence/{on=0} on' | sed 's/^ *//; s/ *$//' |
		grep -v '^$' | tr '\n' ' ' | sed 's/ $//'
}

run() {
	W=$1 H=$2 state=$3
	sock="fourway-tuifind-$$-$W"	# a server of its own: the last one may still be going away
	echo "# ${W}x${H}"
	tui_start "${W}x${H}: shell prompt" "$W" "$H" || { cleanup; return; }
	t send-keys -t fw "cd '$tmp' && '$fwabs' live --replay race.pcap --passphrase '$PASS'" Enter
	wait_screen "${W}x${H}: the link's row" "$AP $STA hwsim-m4-"
	wait_row "${W}x${H}: while the AP retries msg 3/4, the state says the station is done" \
		"$state" 10
	wait_screen "${W}x${H}: the replay ends" "[ended]" 30
	wait_row "${W}x${H}: after the reconnection the link is complete" " complete "

	t send-keys -t fw "/" "zz" Enter
	wait_screen "${W}x${H}: a filter that keeps no link" "no link matches the filter"
	screen | grep -qF M4_LOST && nok "${W}x${H}: ... hides the link's findings" "$(screen)" ||
		ok "${W}x${H}: ... hides the link's findings"
	wait_screen "${W}x${H}: ... the findings pane says so" "no finding on the links shown"
	t send-keys -t fw "/" BSpace BSpace Enter
	wait_screen "${W}x${H}: no filter: the findings are back" "M4_LOST"

	# the findings pane, then down to M4_LOST
	t send-keys -t fw Tab
	wait_screen "${W}x${H}: Tab selects in the findings" "select: arrows, Enter opens"
	k=0
	while ! screen | grep -q '^>.*M4_LOST' && [ $k -lt 12 ]; do
		t send-keys -t fw j
		sleep 0.15
		k=$((k + 1))
	done
	t send-keys -t fw Enter
	wait_screen "${W}x${H}: Enter opens the finding in full" "-- finding #"
	wait_screen "${W}x${H}: ... its code" "error M4_LOST"
	got=$(finding_text)
	[ "$got" = "$detail" ] && ok "${W}x${H}: ... its whole text, as analyze gives it" ||
		nok "${W}x${H}: ... its whole text, as analyze gives it" "got: $got
want: $detail"
	wait_screen "${W}x${H}: ... its evidence frames and roles" "   $evidence"
	wait_screen "${W}x${H}: ... a cause" "none: this is a cause"
	for c in $conseq; do
		screen | awk '/^ consequences:/{on=1; next} on' | grep -q "^   #[0-9]* $c (" &&
			ok "${W}x${H}: ... its consequence $c" ||
			nok "${W}x${H}: ... its consequence $c" "$(screen)"
	done
	t send-keys -t fw l
	wait_screen "${W}x${H}: l opens the link's ladder with the finding's frames" \
		"* finding #"
	wait_screen "${W}x${H}: ... at the first evidence frame, marked" "*   #30 "
	screen | grep -q '^\*   #32 .*M3 rc=3' && ok "${W}x${H}: ... the retry marked too" ||
		nok "${W}x${H}: ... the retry marked too" "$(screen)"
	t send-keys -t fw Escape
	wait_screen "${W}x${H}: Esc back to the findings" "-- findings, newest first"
	t send-keys -t fw Enter
	wait_screen "${W}x${H}: Enter opens it again" "-- finding #"
	t send-keys -t fw q
	wait_screen "${W}x${H}: q closes the finding, not the program" "-- findings, newest first"
	t send-keys -t fw q
	wait_screen "${W}x${H}: q then leaves" "fw-prompt> "
	cleanup
}

run 80 24 "sta done/ap rty 3/4"
run 120 40 "sta done / ap retrying 3/4"
finish
