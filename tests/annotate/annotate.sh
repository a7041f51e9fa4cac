#!/bin/sh
# annotate.sh - `fourway annotate` end to end, checked with Wireshark's own
# dissector (tshark): the output reads as pcapng, its frames and timestamps
# equal the input's, every EAPOL-Key frame tshark sees carries a comment
# naming the message tshark says it is, the M2s of captures/wrong-psk.pcap
# (the station was given another passphrase than the AP's) carry the wrong-key
# MIC_BAD, the deauthentication carries its reason, every finding of
# `fourway analyze --json` is on each of its evidence frames, and in
# captures/m4-drop.pcap the 4/4 its medium log says was dropped carries
# M4_LOST while the protected 4/4s answering the 3/4 retries are marked.
# Also: `analyze --export-decrypted` output read back by tshark (no
# Protected bit, the decrypted 4/4s dissected).  A pcapng input from the
# corpus is annotate_corpus.sh's.
#
# Needs tshark (and capinfos, from the same Debian packages) and jq;
# prints "N passed, N failed" last.
. "${top_srcdir:-.}/tests/annotate/lib.sh"

WRONG_PASS='the right passphrase'	# captures/wrong-psk.pcap: the AP's passphrase
M4_PASS='first four lost'		# captures/m4-drop.pcap

# --- captures/wrong-psk.pcap ----------------------------------------------------
in=$caps/wrong-psk.pcap
annotate_case wrong "$in" "$WRONG_PASS"
c=$tmp/wrong.comments
check "wrong: analyze reports findings" '[ -s "$tmp/wrong.want" ]'
# the M2s: the station's key is not the AP's (the daemons were given different passphrases)
m2=$(awk -F'\t' '$2 == 2 { print $1 }' "$tmp/wrong.eapol")
check "wrong: tshark sees M2s" '[ -n "$m2" ]'
for fr in $m2; do
	check "wrong: M2 frame $fr: MIC BAD" 'grep -q "^$fr	M2 of handshake 1 .*MIC BAD" "$c"'
	check "wrong: M2 frame $fr: the wrong-key MIC_BAD" \
		'grep -q "^$fr	error MIC_BAD: wrong key: " "$c"'
done
# the deauthentication tshark sees with reason 15 ends the handshake
deauth=$(ts -r "$in" -Y 'wlan.fc.type_subtype == 0x000c && wlan.fixed.reason_code == 15' \
	-T fields -e frame.number)
check "wrong: tshark sees one deauth with reason 15" '[ "$(echo "$deauth" | wc -w)" -eq 1 ]' "$deauth"
check "wrong: the deauth ends handshake 1, reason 15" \
	'grep -q "^$deauth	ends handshake 1: failed (deauthenticated by the AP (reason 15" "$c"'
check "wrong: the deauth carries the TIMEOUT" 'grep -q "^$deauth	error TIMEOUT: " "$c"'
# nothing but handshake frames and the deauth is annotated
cut -f1 "$tmp/wrong.eapol" >"$tmp/wrong.eapol.frames"
echo "$deauth" >>"$tmp/wrong.eapol.frames"
others=$(cut -f1 "$c" | sort -u | grep -vxF -f "$tmp/wrong.eapol.frames")
check "wrong: only the handshake's frames are annotated" '[ -z "$others" ]' "$others"
# the listing as a person asks for it: one line a frame, the findings' text on it
ts -r "$tmp/wrong.pcapng" -Y frame.comment -T fields -e frame.number -e frame.comment >"$tmp/list"
check "wrong: -T fields lists each annotated frame once" \
	'[ "$(cut -f1 "$tmp/list" | tr "\n" " ")" = "$(cut -f1 "$c" | uniq | tr "\n" " ")" ]'
for fr in $m2; do
	check "wrong: -T fields: frame $fr has the MIC_BAD text" \
		'grep "^$fr	" "$tmp/list" | grep -qF "error MIC_BAD: wrong key: no message of this link"'
done
# the first M1 says how handshake 1 ended
m1=$(awk -F'\t' '$2 == 1 { print $1; exit }' "$tmp/wrong.eapol")
check "wrong: M1 frame $m1 carries the outcome" 'grep -q "^$m1	handshake 1: failed" "$c"'
# the SSID tshark reads from the beacons is in the summary
ssid=$(ts -r "$in" -Y 'wlan.fc.type_subtype == 0x0008' -T fields -e wlan.ssid | head -n 1)
# tshark 4.0 prints the SSID field as hex: back to text
unhex() { for b in $(echo "$1" | sed 's/../& /g'); do printf "\\$(printf '%03o' "0x$b")"; done; }
case $ssid in *[!0-9a-f]*) ;; *) ssid=$(unhex "$ssid") ;; esac
check "wrong: the summary names the SSID '$ssid'" \
	'[ -n "$ssid" ] && grep -q "\"$ssid\" <-> " "$tmp/wrong.cap"'
check "wrong: the summary names MIC_BAD" 'grep -q "error MIC_BAD (frames " "$tmp/wrong.cap"'

# --- captures/m4-drop.pcap: the 3/4 retries are on the frames ---------------------
annotate_case m4drop "$caps/m4-drop.pcap" "$M4_PASS"
check "m4drop: analyze reports findings" '[ -s "$tmp/m4drop.want" ]'
m3=$(awk -F'\t' '$2 == 3' "$tmp/m4drop.eapol" | wc -l)
check "m4drop: tshark sees several M3s" '[ "$m3" -ge 3 ]'
ok_m3=$(grep -c '	M3 of handshake [0-9]* (replay counter [0-9]*), from the AP, .*MIC ok' \
	"$tmp/m4drop.comments")
check "m4drop: every M3 verifies" '[ "$ok_m3" -eq "$m3" ]' "$ok_m3 of $m3"
# the medium dropped the first msg 4/4 (replay counter 2) and ACKed the later one
c=$tmp/m4drop.comments
log=$caps/m4-drop.medium.log
check "m4drop: the medium log drops the first m4 (replay 2)" \
	'grep " m4 " "$log" | head -n 1 | grep -q "replay=2 DROP ack=0"'
check "m4drop: and forwards the second association's (replay 2, ACKed)" \
	'grep " m4 " "$log" | sed -n 2p | grep -q "replay=2 fwd ack=1"'
m4a=$(awk -F'\t' '$2 == 4 && $3 == 2 { print $1 }' "$tmp/m4drop.eapol" | sed -n 1p)
m4b=$(awk -F'\t' '$2 == 4 && $3 == 2 { print $1 }' "$tmp/m4drop.eapol" | sed -n 2p)
check "m4drop: tshark sees both plaintext M4s ($m4a, $m4b)" '[ -n "$m4a" ] && [ -n "$m4b" ]'
check "m4drop: the dropped M4 (frame $m4a): no ACK seen" \
	'grep -q "^$m4a	M4 of handshake 1 (replay counter 2), .*, no ACK seen" "$c"'
check "m4drop: the dropped M4 carries M4_LOST" 'grep -q "^$m4a	error M4_LOST: " "$c"'
check "m4drop: the delivered M4 (frame $m4b): ACKed, no M4_LOST" \
	'grep -q "^$m4b	M4 of handshake 2 (replay counter 2), .*, ACKed" "$c" &&
	! grep -q "^$m4b	error M4_LOST" "$c"'

# the completed handshake names its PMK as analyze's JSON does (fingerprint, origin)
fp=$(jq -r '[.links[].handshakes[] | select(.outcome == "complete")][0].key_fingerprint' \
	"$tmp/m4drop.json")
check "m4drop: the completed handshake names its PMK ($fp)" \
	'echo "$fp" | grep -qx "[0-9a-f]\{8\}" &&
	grep -q "	handshake 2: complete, verified with key 1 (PMK $fp, from --passphrase)" "$c"'

# the station answered the 3/4 retries (replay 3, 4, 5 in the medium log) with
# M4s protected by the new TK: annotated as such
for r in $(grep " m3 " "$log" | sed -n 2,4p | sed 's/.*replay=\([0-9]*\).*/\1/'); do
	m3=$(awk -F'\t' -v r="$r" '$2 == 3 && $3 == r { print $1; exit }' "$tmp/m4drop.eapol")
	check "m4drop: the protected M4 answering the 3/4 retry (replay $r, frame $m3)" \
		'[ -n "$m3" ] && grep -q "	M4 of handshake 1 (replay counter $r), from the station, answering the M3 of frame $m3, inside a protected frame, MIC ok" "$c"'
	check "m4drop: the 3/4 retry (frame $m3) is a retransmission of the first M3" \
		'grep -q "^$m3	M3 of handshake 1 (replay counter $r), from the AP, retransmission of the M3 of frame $(awk -F"\t" "\$2 == 3 { print \$1; exit }" "$tmp/m4drop.eapol")," "$c"'
done

# --- analyze --export-decrypted, read back by tshark -------------------------------
if "$fw" help analyze | grep -q -- --export-decrypted; then
	dec=$tmp/dec.pcap
	"$fw" analyze --passphrase "$M4_PASS" --export-decrypted "$dec" "$caps/m4-drop.pcap" \
		>/dev/null 2>"$tmp/err"
	check "export: exit 0" '[ $? -eq 0 ]' "$(cat "$tmp/err")"
	n=$(ts -r "$dec" | wc -l)
	check "export: tshark reads $n frames" '[ "$n" -gt 0 ]'
	n=$(ts -r "$dec" -Y 'wlan.fc.protected == 1' | wc -l)
	check "export: no frame has the Protected bit" '[ "$n" -eq 0 ]' "$n protected"
	got=$(ts -r "$dec" -Y 'eapol.type == 3' -T fields -e wlan_rsna_eapol.keydes.msgnr \
		-e eapol.keydes.replay_counter | tr '\t\n' ': ')
	want=$(grep " m3 " "$log" | sed -n 2,4p | sed 's/.*replay=\([0-9]*\).*/4:\1 /' | tr -d '\n')
	check "export: tshark dissects the decrypted M4s answering the 3/4 retries ($want)" \
		'case "$got" in "$want"*) true ;; *) false ;; esac' "$got"
else
	echo "# analyze has no --export-decrypted: not checked"
fi

# --- gzip input, standard output, refusals -------------------------------------
gzip -c "$caps/wrong-psk.pcap" >"$tmp/w.pcap.gz"
"$fw" annotate --passphrase "$WRONG_PASS" "$tmp/w.pcap.gz" -o "$tmp/gz.pcapng" >/dev/null 2>&1
comments "$tmp/gz.pcapng" >"$tmp/gz.comments"
check "gzip input: the same comments" 'cmp -s "$tmp/gz.comments" "$tmp/wrong.comments"'
"$fw" annotate --passphrase "$WRONG_PASS" "$caps/wrong-psk.pcap" -o - 2>/dev/null >"$tmp/stdout.pcapng"
comments "$tmp/stdout.pcapng" >"$tmp/stdout.comments"
check "-o -: the same file on standard output" 'cmp -s "$tmp/stdout.comments" "$tmp/wrong.comments"'

# a capture cut short: what could be read is written, and the exit status says 2
head -c 9000 "$caps/wrong-psk.pcap" >"$tmp/cut.pcap"
"$fw" annotate --passphrase "$WRONG_PASS" "$tmp/cut.pcap" -o "$tmp/cut.pcapng" >/dev/null 2>"$tmp/err"
check "cut capture: exit 2 naming the input" '[ $? -eq 2 ] && grep -q "$tmp/cut.pcap: frame [0-9]*: " "$tmp/err"' \
	"$(cat "$tmp/err")"
check "cut capture: its whole frames are written" 'same_frames "$tmp/cut.pcap" "$tmp/cut.pcapng"'
check "cut capture: the summary names the read error" \
	'capinfos -k "$tmp/cut.pcapng" 2>/dev/null | grep -q "cut.pcap (.*frame [0-9]*"'

"$fw" annotate "$caps/wrong-psk.pcap" -o "$tmp/x.pcapng" - </dev/null >/dev/null 2>"$tmp/err"
check "two inputs: usage error" '[ $? -eq 2 ] && grep -q "exactly one capture file" "$tmp/err"' \
	"$(cat "$tmp/err")"
"$fw" annotate - -o "$tmp/x.pcapng" <"$caps/wrong-psk.pcap" >/dev/null 2>"$tmp/err"
check "standard input: refused, saying why" \
	'[ $? -eq 2 ] && grep -q "cannot annotate standard input: the capture is read twice" "$tmp/err"' \
	"$(cat "$tmp/err")"
check "standard input: no output written" '[ ! -e "$tmp/x.pcapng" ]'
cat "$caps/wrong-psk.pcap" | "$fw" annotate /dev/stdin -o "$tmp/x.pcapng" >/dev/null 2>"$tmp/err"
check "a pipe: refused" '[ $? -eq 2 ] && grep -q "/dev/stdin: not a regular file" "$tmp/err"' \
	"$(cat "$tmp/err")"
"$fw" annotate "$caps/wrong-psk.pcap" >/dev/null 2>"$tmp/err"
check "no -o: usage error" '[ $? -eq 2 ] && grep -q "no output file given" "$tmp/err"'
cp "$caps/wrong-psk.pcap" "$tmp/same.pcap"
"$fw" annotate "$tmp/same.pcap" -o "$tmp/same.pcap" >/dev/null 2>"$tmp/err"
check "output = input: refused, input kept" \
	'[ $? -eq 2 ] && cmp -s "$tmp/same.pcap" "$caps/wrong-psk.pcap"' "$(cat "$tmp/err")"
"$fw" annotate "$caps/wrong-psk.pcap" -o "$tmp/no/such/dir/x.pcapng" >/dev/null 2>"$tmp/err"
check "unwritable output: exit 2 naming it" \
	'[ $? -eq 2 ] && grep -q "$tmp/no/such/dir/x.pcapng: No such file or directory" "$tmp/err"' \
	"$(cat "$tmp/err")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
