#!/bin/sh
# pipe.sh - `fourway live -` reads a capture stream from a pipe as it
# arrives, as from `ssh host tcpdump -U -w - | fourway live -`.  A slow
# writer (slow-writer.c) sends captures/wpa2-psk.pcap one record every
# 15 ms and then holds the pipe open: every EAPOL-Key message and the
# handshake's outcome must be reported while the writer is still there,
# and once it closes, the events end as analyze's document does.  SIGINT
# while the pipe is still open keeps what was seen: the -w file holds every
# frame written so far, and the summary is printed.  pcapng (through
# --replay -), gzip (through -r -) and a named FIFO are read the same way,
# and so are big-endian and multi-section layouts (as libpcap reads them);
# cut or damaged streams end with exit 0 or 2, never a crash.
. "${top_srcdir:-.}/tests/live/lib.sh"

sw=$bld/tests/live/slow-writer
[ -x "$sw" ] || { echo "pipe.sh: $sw not built" >&2; exit 99; }
cap=wpa2-psk.pcap pass='correct horse battery staple'
"$fw" analyze --json --passphrase "$pass" "$caps/$cap" </dev/null >"$tmp/doc.json" || exit 99
nmsg=$(jq '[.links[].handshakes[].messages[]] | length' "$tmp/doc.json")
nframes=$(jq '.inputs[0].frames' "$tmp/doc.json")

# wait_for SECONDS CMD...: until CMD succeeds
wait_for() {
	i=0 n=$(($1 * 20))
	shift
	while [ $i -lt $n ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
alive() { kill -0 "$(head -1 "$tmp/pid" 2>/dev/null)" 2>/dev/null; }
written() { grep -qx done "$tmp/pid" 2>/dev/null; }
msgs_seen() { [ "$(jq -s '[.[] | select(.event == "message")] | length' "$tmp/live.json")" -ge "$nmsg" ]; }
outcome_seen() { jq -s -e 'any(.[]; .event == "handshake_end" and .outcome == "complete")' \
	"$tmp/live.json" >/dev/null 2>&1; }

# 1. frames are reported while the writer still holds the pipe open
rm -f "$tmp/pid"
"$sw" "$caps/$cap" 15 60000 "$tmp/pid" |
	"$fw" live - --no-tui --json --passphrase "$pass" >"$tmp/live.json" 2>"$tmp/err" &
fwpid=$!
if wait_for 20 written && wait_for 10 msgs_seen && wait_for 10 outcome_seen && alive; then
	ok "all $nmsg messages and the outcome reported while the writer holds the pipe open"
else
	nok "all $nmsg messages and the outcome reported while the writer holds the pipe open" \
		"$(head -c 600 "$tmp/live.json"; cat "$tmp/err")"
fi
kill "$(head -1 "$tmp/pid")" 2>/dev/null
wait $fwpid
st=$?
[ $st -eq 0 ] && ok "the writer closes the pipe: exit 0" || nok "the writer closes the pipe: exit $st"
compare "pipe" "$tmp/live.json" "$tmp/doc.json"
expect "the stats line counts every frame" "$tmp/live.json" \
	"map(select(.event == \"stats\")) | .[0].frames == $nframes" --slurp

# 2. SIGINT with the pipe still open: the -w file and the summary are complete
rm -f "$tmp/pid" "$tmp/w.pcap"
"$sw" "$caps/$cap" 5 60000 "$tmp/pid" |
	"$fw" live - --no-tui -w "$tmp/w.pcap" --passphrase "$pass" >"$tmp/text.out" 2>"$tmp/err" &
fwpid=$!
if wait_for 20 written && wait_for 10 grep -q "handshake_end .* complete" "$tmp/text.out"; then
	ok "text events from the pipe before SIGINT"
else
	nok "text events from the pipe before SIGINT" "$(cat "$tmp/text.out" "$tmp/err")"
fi
sleep 0.3
alive && ok "the writer holds the pipe open when SIGINT comes" ||
	nok "the writer holds the pipe open when SIGINT comes"
kill -INT $fwpid
wait $fwpid
st=$?
kill "$(head -1 "$tmp/pid")" 2>/dev/null
[ $st -eq 0 ] && ok "SIGINT: exit 0" || nok "SIGINT: exit $st" "$(cat "$tmp/err")"
grep -q "^stats .* $nframes frames" "$tmp/text.out" && ok "SIGINT: the stats line names $nframes frames" ||
	nok "SIGINT: the stats line names $nframes frames" "$(tail -3 "$tmp/text.out")"
"$fw" analyze --json --passphrase "$pass" "$tmp/w.pcap" >"$tmp/w.json" 2>"$tmp/err"
expect "SIGINT: the -w file holds all $nframes frames" "$tmp/w.json" ".inputs[0].frames == $nframes"
jq -S '[.links[].handshakes[].outcome]' "$tmp/w.json" >"$tmp/wo"
jq -S '[.links[].handshakes[].outcome]' "$tmp/doc.json" >"$tmp/do0"
same "SIGINT: the -w file gives analyze's outcomes" "$tmp/wo" "$tmp/do0"

# 3. pcapng through --replay -, gzip through -r -, a FIFO by name
"$fw" live --replay "$caps/$cap" --speed 0 --no-tui -w "$tmp/c.pcapng" --passphrase "$pass" \
	</dev/null >/dev/null 2>"$tmp/err" || nok "writing a pcapng copy" "$(cat "$tmp/err")"
rm -f "$tmp/pid"
"$sw" "$tmp/c.pcapng" 2 2000 "$tmp/pid" |
	"$fw" live --replay - --no-tui --json --passphrase "$pass" >"$tmp/ng.json" 2>"$tmp/err"
st=$?
[ $st -eq 0 ] && ok "pcapng from a pipe: exit 0" || nok "pcapng from a pipe: exit $st" "$(cat "$tmp/err")"
compare "pcapng pipe" "$tmp/ng.json" "$tmp/doc.json"
gzip -c "$caps/$cap" | "$fw" live -r - --no-tui --json --passphrase "$pass" >"$tmp/gz.json" 2>"$tmp/err"
compare "gzip pipe" "$tmp/gz.json" "$tmp/doc.json"
mkfifo "$tmp/fifo" || exit 99
"$sw" "$caps/$cap" 1 500 >"$tmp/fifo" &
"$fw" live -r "$tmp/fifo" --no-tui --json --passphrase "$pass" </dev/null >"$tmp/fifo.json" 2>"$tmp/err"
wait
compare "named FIFO" "$tmp/fifo.json" "$tmp/doc.json"

# 3b. other layouts the formats allow, against libpcap reading the same file:
# big-endian nanosecond pcap; big-endian pcapng in two sections with an
# unknown block (reshape.py writes them; skipped without python3)
if command -v python3 >/dev/null 2>&1; then
	for k in be-nano pcapng-be; do
		python3 "$top/tests/live/reshape.py" $k "$caps/m4-drop.pcap" "$tmp/r.$k" || exit 99
		"$fw" analyze --json --passphrase 'first four lost' "$tmp/r.$k" >"$tmp/rdoc.json"
		"$fw" live - --no-tui --json --passphrase 'first four lost' <"$tmp/r.$k" >"$tmp/rl.json" 2>"$tmp/err"
		compare "$k pipe" "$tmp/rl.json" "$tmp/rdoc.json"
		jq -s -S '[.[] | select(.event == "message") | .message | {frame, time}]' "$tmp/rl.json" >"$tmp/lt"
		jq -S '[.links[].handshakes[].messages[] | {frame, time}]' "$tmp/rdoc.json" >"$tmp/dt"
		same "$k pipe: message times as libpcap reads them" "$tmp/lt" "$tmp/dt"
	done
	# cut and damaged streams: what came is reported, then exit 0 or 2, never a crash
	bad=0 size=$(wc -c <"$tmp/r.pcapng-be")
	for cut in 12 28 100 1000 4000 9999 20000 $((size - 3)); do
		head -c $cut "$tmp/r.pcapng-be" | "$fw" live - --no-tui --json >/dev/null 2>&1
		st=$?
		[ $st -eq 0 ] || [ $st -eq 2 ] || { bad=1; echo "# cut at $cut: exit $st"; }
	done
	for at in 9 30 60 200 2000 8000; do
		{ head -c $at "$tmp/r.pcapng-be"; printf '\377\377\177\377'; tail -c +$((at + 5)) "$tmp/r.pcapng-be"; } |
			"$fw" live - --no-tui --json >/dev/null 2>&1
		st=$?
		[ $st -eq 0 ] || [ $st -eq 2 ] || { bad=1; echo "# damaged at $at: exit $st"; }
	done
	[ $bad -eq 0 ] && ok "cut and damaged pcapng streams: exit 0 or 2, no crash" ||
		nok "cut and damaged pcapng streams: exit 0 or 2, no crash"
fi

# 4. what is not a capture is refused, as a file would be
printf 'not a capture at all, just words\n' | "$fw" live - --no-tui >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "stdin: unknown file format" "$tmp/err" &&
	ok "text on the pipe: exit 2, unknown file format" ||
	nok "text on the pipe: exit $st, unknown file format" "$(cat "$tmp/err")"
: | "$fw" live - --no-tui >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "stdin: empty input" "$tmp/err" && ok "an empty pipe: exit 2" ||
	nok "an empty pipe: exit $st" "$(cat "$tmp/err")"
# a stream cut inside a record: what came before is reported, then the error
head -c 10000 "$caps/$cap" | "$fw" live - --no-tui --json >"$tmp/cut.json" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && grep -q "truncated" "$tmp/err" && jq -s -e 'any(.[]; .event == "message")' \
	"$tmp/cut.json" >/dev/null && ok "a stream cut short: its messages, then exit 2" ||
	nok "a stream cut short: its messages, then exit 2" "$st $(cat "$tmp/err")"
finish
