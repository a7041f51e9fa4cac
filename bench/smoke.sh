#!/bin/sh
# smoke.sh - the benchmark generator's correctness: a small capture from
# bench/fwbench-gen, read back by the bare libpcap loop (every frame the
# ground truth counts is there) and by `fourway analyze --json` with the
# passphrase (exactly the ground truth's handshakes, each complete, every
# MIC verified, on as many links as it says, only the frames around the
# handshakes decrypted).  The --undecryptable file: the same frames and
# sizes, handshakes as verifiable, its links' data opened by no key.  Not a
# timing test.
bld=${top_builddir:-.}
fw=$bld/fourway gen=$bld/bench/fwbench-gen loop=$bld/bench/fwbench-loop
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-bench.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

command -v jq >/dev/null 2>&1 || { echo "smoke.sh: jq not found: skipping"; exit 77; }
for p in "$fw" "$gen" "$loop"; do
	[ -x "$p" ] || { echo "smoke.sh: $p not built"; exit 99; }
done

passed=0 failed=0
check() { # NAME GOT WANT
	if [ "$2" = "$3" ]; then
		passed=$((passed + 1)); echo "ok - $1: $2"
	else
		failed=$((failed + 1)); echo "not ok - $1: $2, want $3"
	fi
}
truth() { sed -n "s/^$1 //p" "$tmp/truth"; }

"$gen" --size 3M --handshakes 6 --seed 7 --passphrase "smoke passphrase" -o "$tmp/a.pcap" \
	--truth "$tmp/truth" || { echo "not ok - fwbench-gen failed"; exit 1; }
"$gen" --size 3M --handshakes 6 --seed 7 --passphrase "smoke passphrase" -o "$tmp/b.pcap" \
	--truth "$tmp/truth.b" || exit 1
"$gen" --size 3M --handshakes 6 --seed 8 --passphrase "smoke passphrase" -o "$tmp/c.pcap" \
	--truth "$tmp/truth.c" || exit 1
cmp -s "$tmp/a.pcap" "$tmp/b.pcap" && cmp -s "$tmp/truth" "$tmp/truth.b"
check "same seed, same bytes" $? 0
cmp -s "$tmp/a.pcap" "$tmp/c.pcap"
check "another seed, other bytes" $? 1

size=$(wc -c <"$tmp/a.pcap" | tr -d ' ')
check "the file has the size the ground truth says" "$size" "$(truth bytes)"
[ "$size" -ge 3000000 ] && [ "$size" -lt 3100000 ]
check "the file is about --size bytes" $? 0
check "packets libpcap reads" "$("$loop" "$tmp/a.pcap" | cut -d' ' -f1)" "$(truth frames)"
check "packets through the 1 MiB buffer" "$("$loop" --buffered "$tmp/a.pcap" | cut -d' ' -f1)" \
	"$(truth frames)"
check "handshakes written" "$(truth handshakes)" 6
[ "$(truth retries)" -gt 0 ] && [ "$(truth beacons)" -gt 0 ] && [ "$(truth neighbour_links)" -gt 0 ]
check "retries, beacons and neighbour traffic are present" $? 0
[ "$(truth link_data)" -gt $(($(truth neighbour_data) * 2)) ]
check "most data frames belong to the handshake links" $? 0

sed -n 's/^key //p' "$tmp/truth" >"$tmp/key"
if ! "$fw" analyze --json --key-file "$tmp/key" "$tmp/a.pcap" >"$tmp/out.json" 2>"$tmp/err"; then
	echo "not ok - analyze failed: $(head -c 300 "$tmp/err")"
	exit 1
fi
hs='[.links[].handshakes[] | select(.group == false)]'
check "4-way handshakes found" "$(jq "$hs | length" "$tmp/out.json")" "$(truth handshakes)"
check "complete ones" "$(jq "$hs | map(select(.outcome == \"complete\")) | length" "$tmp/out.json")" \
	"$(truth handshakes_complete)"
check "links with a handshake" "$(jq '[.links[] | select(.handshakes | length > 0)] | length' \
	"$tmp/out.json")" "$(truth handshake_links)"
check "messages with a MIC, all verified" \
	"$(jq "[$hs[].messages[] | select(.mic != \"absent\") | .mic] | unique | join(\",\")" -r \
		"$tmp/out.json")" ok
check "messages per handshake" "$(jq "$hs | map(.messages | length) | unique | join(\",\")" -r \
	"$tmp/out.json")" 4
# decryption scales with what a finding needs: the 12 frames watched after
# each msg 3/4, not the links' thousands of data frames
check "frames decrypted" "$(jq '[.links[].frames_decrypted] | add <= 12 * 6 and add > 0' \
	"$tmp/out.json")" true
check "frames no key opened" "$(jq '[.links[].frames_undecrypted] | add' "$tmp/out.json")" 0
check "warning or error findings" "$(jq '[.findings[] | select(.severity != "info")] | length' \
	"$tmp/out.json")" 0

# the second file: the links' data under a TK of no handshake in it
"$gen" --size 3M --handshakes 6 --seed 7 --passphrase "smoke passphrase" --undecryptable \
	-o "$tmp/u.pcap" --truth "$tmp/truth.u" || { echo "not ok - fwbench-gen --undecryptable failed"; exit 1; }
check "--undecryptable: the ground truth says so" "$(sed -n 's/^undecryptable //p' "$tmp/truth.u")" yes
check "--undecryptable: all else as the default file's" \
	"$(grep -v '^undecryptable ' "$tmp/truth.u" | cmp -s - "$tmp/truth"; echo $?)" 0
cmp -s "$tmp/a.pcap" "$tmp/u.pcap"
check "--undecryptable: other bytes" $? 1
"$fw" analyze --json --key-file "$tmp/key" "$tmp/u.pcap" >"$tmp/u.json" 2>"$tmp/err" || exit 1
check "--undecryptable: complete handshakes" \
	"$(jq "$hs | map(select(.outcome == \"complete\")) | length" "$tmp/u.json")" "$(truth handshakes_complete)"
check "--undecryptable: frames no key opened" \
	"$(jq '[.links[].frames_undecrypted] | add > 0' "$tmp/u.json")" true
check "--undecryptable: frames decrypted (the handshakes' own pings)" \
	"$(jq '[.links[].frames_decrypted] | add <= 12 * 6' "$tmp/u.json")" true

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
