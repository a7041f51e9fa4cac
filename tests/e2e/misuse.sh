#!/bin/sh
# misuse.sh - the command line as a tcpdump or tshark user types it, and
# every way of getting it wrong: one row a case, with the exit status, the
# stream and the exact line the program must print there (the word at
# fault named, the near miss suggested).  Every row also holds the rule
# that a message saying "error:" exits non-zero, and one that exits 0 says
# "note:" instead.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup misuse
caps=$top/captures
need jq
need_fw

W=$caps/wpa2-psk.pcap	# SSID hwsim-wpa2
SLL=$caps/wpa2-clean-sll.pcap	# on the AP host: no beacon, no SSID
PASS='correct horse battery staple'
# its PMK as hostapd -K prints it (PBKDF2 of the passphrase and SSID)
PMK_SP='97 ec 77 13 47 e6 4d 42 36 74 32 d7 23 87 c7 8a ff 91 1d 09 13 43 a4 52 cc c6 81 92 a5 0a 96 de'
PMK_COLON=$(echo "$PMK_SP" | tr ' ' :)
export W SLL PASS PMK_SP PMK_COLON tmp
printf 'pmk %s\n' "$(echo "$PMK_SP" | tr -d ' ')" >"$tmp/k.txt"
chmod 644 "$tmp/k.txt"
# one key more than the keyring holds: an error that says so (not "out of memory")
awk 'BEGIN { for (i = 0; i < 65537; i++) printf "pmk %064x\n", i }' >"$tmp/many.txt"
chmod 600 "$tmp/many.txt"

# STATUS | STREAM | ARGS (sh words, expanded) | the exact line wanted ("" : the stream is
# empty; $tmp in it is the scratch folder)
table() {
	cat <<'ROWS'
2|err|analyse "$W"|fourway: 'analyse' is not a command; did you mean 'analyze'? (see 'fourway --help')
2|err|anotate "$W"|fourway: 'anotate' is not a command; did you mean 'annotate'? (see 'fourway --help')
2|err|frobnicate|fourway: 'frobnicate' is not a command (see 'fourway --help')
2|err|help analyse|fourway: 'analyse' is not a command; did you mean 'analyze'? (see 'fourway --help')
2|err|analyze -dd "$W"|fourway analyze: unknown option '-dd'
2|err|analyze --json -dd "$W"|fourway analyze: unknown option '-dd'
2|err|analyze --jsno "$W"|fourway analyze: unknown option '--jsno'; did you mean '--json'?
2|err|analyze -json "$W"|fourway analyze: unknown option '-json'; did you mean '--json'?
2|err|analyze --passphrse "$PASS" "$W"|fourway analyze: unknown option '--passphrse'; did you mean '--passphrase'?
2|err|check --jbos 2 "$W"|fourway check: unknown option '--jbos'; did you mean '--jobs'?
2|err|live --relpay "$W"|fourway live: unknown option '--relpay'; did you mean '--replay'?
2|err|synth --lst|fourway synth: unknown option '--lst'; did you mean '--list'?
2|err|synth clean -q "$tmp/x.pcap"|fourway synth: unknown option '-q'
2|err|annotate "$W" -w|fourway annotate: option '-w' needs a value
2|err|analyze -r|fourway analyze: option '-r' needs a value
2|err|analyze --pmk|fourway analyze: option '--pmk' needs a value
2|err|analyze|fourway analyze: no capture file given (FILE or -r FILE)
2|err|codes --bogus|fourway codes: unknown option '--bogus' (want --implemented)
0|out|help codes|usage: fourway codes [--implemented]
0|out|codes --help|usage: fourway codes [--implemented]
0|out|help analyze|usage: fourway analyze [options] FILE...
0|out|help annotate|usage: fourway annotate [options] IN -w OUT.pcapng
0|out|help check|usage: fourway check [options] PATH...
0|out|help live|usage: fourway live IFACE [IFACE...] [options]
0|out|help synth|usage: fourway synth SCENARIO -w FILE [options]
0|err|analyze --pmk "$PMK_SP" -r "$W"|
0|err|analyze --pmk "$PMK_COLON" -r "$W"|
0|err|analyze --passphrase "$PASS" "$SLL"|fourway analyze: note: no SSID known for BSSID 02:00:00:00:00:00; use --ssid
0|err|analyze --passphrase "$PASS" --ssid HWSIM-WPA2 "$W"|fourway analyze: note: --ssid 'HWSIM-WPA2' is no SSID of the capture, but 'hwsim-wpa2' is (SSIDs are compared byte for byte, case included)
0|err|analyze --passphrase "$PASS" --ssid hwsim-wpa2 "$W"|
0|err|analyze --key-file "$tmp/k.txt" "$W"|fourway analyze: note: key file $tmp/k.txt: others may read or write it (mode 644)
0|err|annotate --pmk "$PMK_SP" "$W" -w "$tmp/a.pcapng"|
0|err|annotate --pmk "$PMK_SP" "$W" -o "$tmp/o.pcapng"|
0|err|synth clean -w "$tmp/s.pcap"|
0|err|synth clean -o "$tmp/t.pcap"|
0|err|live --no-tui --speed 0 -r "$W"|
0|err|check -r "$tmp/s.pcap"|
2|err|analyze --key-file "$tmp/many.txt" "$W"|fourway analyze: key file $tmp/many.txt line 65537: more than 65536 keys in all (the cap on keys)
2|err|live --no-tui --speed nan -r "$W"|fourway live: --speed: 'nan': want a factor from 0 to 1000000 such as 1, 10 or 0.5 (0: no pacing)
2|err|live --no-tui --speed inf -r "$W"|fourway live: --speed: 'inf': want a factor from 0 to 1000000 such as 1, 10 or 0.5 (0: no pacing)
2|err|live --no-tui --speed -2 -r "$W"|fourway live: --speed: '-2': want a factor from 0 to 1000000 such as 1, 10 or 0.5 (0: no pacing)
2|err|live wlan0 wlan1 wlan2 --hop 1,6|fourway live: --hop: 2 channels for 3 interfaces: give at least one channel an interface
2|err|live wlan0 wlan1 --monitor m|fourway live: --monitor: one interface only (each radio gets fwmonN)
2|err|live wlan0 wlan1 -w "$tmp/x.pcap"|fourway live: -w $tmp/x.pcap: with several interfaces, a .pcapng file (a pcap file cannot say which interface heard a frame)
2|err|live wlan0 wlan1 wlan2 --channel 1 --channel 6|fourway live: 2 channels for 3 interfaces: give one for all or one for each, in order
2|err|live wlan0 wlan0|fourway live: 'wlan0' given twice
ROWS
}

n=0
table >"$tmp/rows"
while IFS='|' read -r want stream args line; do
	n=$((n + 1))
	eval "set -- $args"
	case $line in *'$tmp'*) line=$(printf '%s' "$line" | sed "s|\$tmp|$tmp|g") ;; esac
	"$fw" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	name="row $n: fourway $args"
	if [ "$got" -ne "$want" ]; then
		nok "$name: exit $got, want $want" "$(head -c 400 "$tmp/err")"
		continue
	fi
	if [ -z "$line" ]; then
		check "$name: nothing on std$stream" "[ ! -s \"\$tmp/$stream\" ]" "$(head -c 400 "$tmp/$stream")"
	else
		check "$name: the line" "grep -qxF -- \"\$line\" \"\$tmp/$stream\"" \
			"want: $line; got: $(head -c 400 "$tmp/$stream")"
	fi
	if grep -q 'error:' "$tmp/err"; then
		check "$name: 'error:' exits non-zero" "[ $got -ne 0 ]"
	fi
	if [ "$got" -eq 0 ] && [ -s "$tmp/err" ]; then
		check "$name: what exits 0 is a note" "! grep -v 'note:' \"\$tmp/err\" | grep -q ."
	fi
done <"$tmp/rows"

# what goes to a full standard output is an error: the help texts, the code
# list, the version and the scenario list said there and lost exit 2
if [ -c /dev/full ]; then
	for args in "--help" "help" "help analyze" "help codes" "analyze --help" "check --help" \
		"live --help" "synth --help" "annotate --help" "codes" "codes --implemented" \
		"--version" "synth --list"; do
		# shellcheck disable=SC2086 # the words of args, split on purpose
		"$fw" $args >/dev/full 2>"$tmp/err"
		got=$?
		check "fourway $args >/dev/full: exit 2" "[ $got -eq 2 ]" "exit $got"
		check "fourway $args >/dev/full: says so" \
			"grep -qxF 'fourway: writing standard output: No space left on device' '$tmp/err'" \
			"$(head -c 300 "$tmp/err")"
	done
else
	echo "# /dev/full is not a character device here: the full-output cases not run"
fi

# the PMK with spaces or colons is the PMK: every MIC verifies
for form in "$PMK_SP" "$PMK_COLON"; do
	"$fw" analyze --json --pmk "$form" -r "$W" >"$tmp/out" 2>/dev/null
	expect "--pmk '$(echo "$form" | cut -c1-8)...': every MIC verifies" "$tmp/out" \
		'[.links[0].handshakes[0].messages[].mic] == ["absent","ok","ok","ok"]'
done
# -r FILE and the operand read the same capture, -r first
"$fw" analyze --json -r "$W" "$SLL" >"$tmp/out" 2>/dev/null
expect "-r files come before the operands" "$tmp/out" \
	'[.inputs[].file] | (.[0] | endswith("wpa2-psk.pcap")) and (.[1] | endswith("wpa2-clean-sll.pcap"))'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
