# lib.sh - shared by the annotate tests (sourced): the paths, the tools they
# need, and the checks every annotated capture gets (annotate_case).
top=${top_srcdir:-.}
. "$top/tests/lib.sh"	# setup, need, ok, nok, check
setup annotate
caps=$top/captures
need tshark capinfos jq
need_fw

# tshark, quiet about running as root
ts() { tshark "$@" 2>/dev/null; }

# comments FILE: "frame<TAB>comment", one comment a line (through tshark's
# JSON: its field output joins several comments of a frame with commas,
# which the comments themselves contain)
comments() {
	ts -r "$1" -Y frame.comment -T json -e frame.number -e frame.comment |
		jq -r '.[]._source.layers | .["frame.number"][0] as $n |
			.["frame.comment"][] | "\($n)\t\(.)"'
}

# same_frames IN OUT: bytes, lengths and timestamps identical (tshark's exit
# status is not asked: it is 2 for an input cut short, after its whole frames)
same_frames() {
	ts -r "$1" -x >"$tmp/a.hex"; ts -r "$2" -x >"$tmp/b.hex"
	ts -r "$1" -T fields -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len \
		>"$tmp/a.ts"
	ts -r "$2" -T fields -e frame.number -e frame.time_epoch -e frame.len -e frame.cap_len \
		>"$tmp/b.ts"
	[ -s "$tmp/a.hex" ] && cmp -s "$tmp/a.hex" "$tmp/b.hex" && cmp -s "$tmp/a.ts" "$tmp/b.ts"
}

# annotate_case NAME CAPTURE PASS: the checks every capture gets
annotate_case() {
	name=$1 in=$2 pass=$3 out=$tmp/$1.pcapng
	"$fw" annotate --passphrase "$pass" "$in" -o "$out" >"$tmp/out" 2>"$tmp/err"
	check "$name: exit 0" '[ $? -eq 0 ]' "$(cat "$tmp/err")"
	check "$name: says what it wrote" 'grep -q "^$out: [0-9]* frames, [0-9]* annotated" "$tmp/out"' \
		"$(cat "$tmp/out")"
	check "$name: tshark reads it as pcapng" \
		'capinfos -t "$out" 2>/dev/null | grep -q "File type: *Wireshark/... - pcapng"' \
		"$(capinfos -t "$out" 2>&1)"
	check "$name: frame bytes, lengths and timestamps equal the input's" 'same_frames "$in" "$out"'
	comments "$out" >"$tmp/$name.comments"
	# every EAPOL-Key message tshark dissects is annotated as that message
	ts -r "$in" -Y 'eapol.type == 3' -T fields -e frame.number \
		-e wlan_rsna_eapol.keydes.msgnr -e eapol.keydes.replay_counter >"$tmp/$name.eapol"
	check "$name: tshark finds EAPOL-Key frames" '[ -s "$tmp/$name.eapol" ]'
	bad=""
	while IFS='	' read -r fr nr rc; do
		grep -q "^$fr	M$nr of handshake [0-9]* (replay counter $rc)" "$tmp/$name.comments" ||
			bad="$bad $fr(M$nr)"
	done <"$tmp/$name.eapol"
	check "$name: every EAPOL-Key frame is annotated with its message" '[ -z "$bad" ]' \
		"not annotated as tshark's message:$bad"
	# every finding of analyze --json is on each of its evidence frames
	"$fw" analyze --json --passphrase "$pass" "$in" >"$tmp/$name.json" 2>/dev/null
	jq -r '.findings[] | .severity as $s | .code as $c | .detail as $d |
		.frames[] | "\(.)\t\($s) \($c): \($d)"' "$tmp/$name.json" >"$tmp/$name.want"
	missing=$(grep -vxF -f "$tmp/$name.comments" "$tmp/$name.want" | head -n 3)
	check "$name: every finding is on its evidence frames" '[ -z "$missing" ]' "$missing"
	# the summary is the section's comment
	capinfos -k "$out" >"$tmp/$name.cap" 2>/dev/null
	check "$name: the section comment holds the summary" \
		'grep -q "^Capture comment: *fourway [0-9.]* analysis of $in" "$tmp/$name.cap"' \
		"$(head -c 300 "$tmp/$name.cap")"
}

