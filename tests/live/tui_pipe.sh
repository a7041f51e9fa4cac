#!/bin/sh
# tui_pipe.sh - the live screen fed by a pipe: `slow-writer wrong-psk.pcap
# | fourway live - ...` under tmux.  Standard input is the capture, so the
# keys come from the terminal itself: the link (the hwsim AP and station)
# shows up with its MIC_BAD finding while the writer still holds the pipe
# open, p pauses, and q leaves with the summary and a sane terminal.
#
# Needs tmux.
. "${top_srcdir:-.}/tests/live/lib.sh"

tui_setup tuipipe
sw=$bld/tests/live/slow-writer
[ -x "$sw" ] || { echo "tui_pipe.sh: $sw not built" >&2; exit 99; }
AP=02:00:00:00:00:00 STA=02:00:00:00:01:00
swabs=$(cd "$(dirname "$sw")" && pwd)/slow-writer
cp "$caps/wrong-psk.pcap" "$tmp/wrong-psk.pcap" || exit 99
tui_start "shell prompt" 80 24
t send-keys -t fw "cd '$tmp' && '$swabs' wrong-psk.pcap 5 60000 pid | '$fwabs' live - --passphrase 'the right passphrase'" Enter

wait_screen "title line names standard input" "fourway live  stdin  frames"
wait_screen "the link's row from the pipe" "$AP $STA"
wait_screen "findings feed shows MIC_BAD" "MIC_BAD"
wait_screen "all 160 frames read" "frames 160" 30
if grep -qx done "$tmp/pid" && kill -0 "$(head -1 "$tmp/pid")" 2>/dev/null; then
	ok "the writer still holds the pipe open"
else
	nok "the writer still holds the pipe open"
fi
screen | grep -qF "[ended]" && nok "not ended while the pipe is open" || ok "not ended while the pipe is open"
t send-keys -t fw p
wait_screen "p (read from the terminal) pauses" "[paused]"
t send-keys -t fw q
wait_screen "q leaves with a summary" "fourway live: stdin: 160 frames, 1 links"
kill "$(head -1 "$tmp/pid")" 2>/dev/null
wait_screen "the shell prompt returns" "fw-prompt> "
tui_sane
finish
