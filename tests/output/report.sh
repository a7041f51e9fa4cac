#!/bin/sh
# report.sh - the reports to attach (analyze --html, --format html|markdown)
# without a browser (browser.sh renders the page in one):
#  - the HTML page of the dropped-4/4 race (captures/m4-drop-once.pcap with
#    hostapd's log) holds every finding code and every frame number of
#    `analyze --json` for the same run, as text once the tags are removed,
#    one SVG ladder per handshake with the log events, and nothing that
#    reaches out or runs: no script, no external reference;
#  - an SSID "<script>alert(1)</script>" (a capture synthesized with it)
#    comes out as text: escaped in HTML, backslash-escaped in Markdown;
#  - the Markdown report is checked as the text report is: every code and
#    every evidence and message frame number, its headings, tables and
#    fences;
#  - --format json is --json, --format text the text report; -w, -o and
#    --output write the report to a file (a capture is never replaced by
#    it); --html FILE is --format html -w FILE; no key bytes in any report.
# Needs jq; prints "N passed, N failed" last.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup report
caps=$top/captures
need jq
need_fw

PASS='lossy air for m4-drop-once'
CAP=$caps/m4-drop-once.pcap
LOG=$caps/m4-drop-once.hostapd.log

run "json of the race" 0 "$fw" analyze --json --passphrase "$PASS" --log "$LOG" "$CAP"
cp "$tmp/out" "$tmp/race.json"
run "html of the race" 0 "$fw" analyze --format html --passphrase "$PASS" --log "$LOG" "$CAP"
cp "$tmp/out" "$tmp/race.html"
# the page's text: tags removed, the five entities decoded
sed -e 's/<[^>]*>/ /g' -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' \
	"$tmp/race.html" >"$tmp/race.txt"

codes=$(jq -r '.findings[].code' "$tmp/race.json" | sort -u)
frames=$(jq -r '[paths(numbers) as $p | select(($p[-1] | tostring) | test("frame$")) |
	getpath($p)] | unique | .[] | select(. > 0)' "$tmp/race.json")
check "the race has findings and frames" '[ -n "$codes" ] && [ "$(echo "$frames" | wc -l)" -gt 20 ]'
miss=""
for c in $codes; do grep -qw -- "$c" "$tmp/race.txt" || miss="$miss $c"; done
check "every finding code of the JSON is in the page" '[ -z "$miss" ]' "missing:$miss"
miss=""
for n in $frames; do grep -qw -- "$n" "$tmp/race.txt" || miss="$miss $n"; done
check "every frame number of the JSON is in the page" '[ -z "$miss" ]' "missing:$miss"
check "the race's chains are named (caused by)" \
	'grep -q "href=\"#f[0-9]*\">#[0-9]* M4_LOST</a>" "$tmp/race.html"'
check "the roles of the evidence frames are said" 'grep -qw "lost" "$tmp/race.txt" && grep -qw "deauth" "$tmp/race.txt"'
n_hs=$(jq '[.links[].handshakes[]] | length' "$tmp/race.json")
n_svg=$(grep -o '<svg class="ladder"' "$tmp/race.html" | wc -l)
check "one SVG ladder per handshake ($n_hs)" '[ "$n_svg" -eq "$n_hs" ]' "got $n_svg"
check "the ladder shows hostapd's log events" 'grep -q "hostapd: sent 3/4" "$tmp/race.txt"'
check "the ladder marks the 4/4 never acknowledged" 'grep -q "never acknowledged" "$tmp/race.html"'
check "the ladder marks frames whose receiver held no key" 'grep -q ">no key<" "$tmp/race.html"'
check "a self-contained page: doctype, inline style, no script" \
	'head -1 "$tmp/race.html" | grep -q "^<!DOCTYPE html>" && grep -q "<style>" "$tmp/race.html" &&
	 ! grep -qi "<script" "$tmp/race.html"'
# the SVG namespace is a name, not a fetch; nothing else may point outside
check "no external reference" \
	'! sed "s|xmlns=\"http://www.w3.org/2000/svg\"||g" "$tmp/race.html" |
	 grep -Eqi "(src|href)=\"[a-z]+:|url\\(|@import|https?://"'
check "the inputs: the capture and the log" \
	'grep -q "m4-drop-once.pcap" "$tmp/race.txt" && grep -q "m4-drop-once.hostapd.log" "$tmp/race.txt"'
check "the key is named by fingerprint and origin" \
	'grep -q "$(jq -r ".links[0].handshakes[0].key_fingerprint // empty" "$tmp/race.json")" "$tmp/race.txt" &&
	 grep -q -- "--passphrase" "$tmp/race.txt"'

# --format json is --json; -w/-o/--output/--html write the same as standard output
run "--format json" 0 "$fw" analyze --format json --passphrase "$PASS" --log "$LOG" "$CAP"
check "--format json is --json" 'cmp -s "$tmp/out" "$tmp/race.json"'
run "--format text" 0 "$fw" analyze --format text --color=never --passphrase "$PASS" "$CAP"
cp "$tmp/out" "$tmp/race.text"
run "-w text" 0 "$fw" analyze -w "$tmp/w.txt" --passphrase "$PASS" "$CAP"
check "-w writes the text report to the file, nothing on stdout" \
	'cmp -s "$tmp/w.txt" "$tmp/race.text" && [ ! -s "$tmp/out" ]'
run "-o json" 0 "$fw" analyze -o "$tmp/o.json" --json --passphrase "$PASS" --log "$LOG" "$CAP"
check "-o writes the JSON document" 'cmp -s "$tmp/o.json" "$tmp/race.json"'
run "--html FILE" 0 "$fw" analyze --html "$tmp/h.html" --passphrase "$PASS" --log "$LOG" "$CAP"
check "--html FILE is --format html to FILE" 'cmp -s "$tmp/h.html" "$tmp/race.html"'
run "--output markdown" 0 "$fw" analyze --output "$tmp/m.md" --format markdown \
	--passphrase "$PASS" --log "$LOG" "$CAP"
cp "$CAP" "$tmp/copy.pcap"
run "a report over a capture" 2 "$fw" analyze --html "$tmp/copy.pcap" "$CAP"
check "the capture is left as it was" 'cmp -s "$tmp/copy.pcap" "$CAP"'
run "a report over the input" 2 "$fw" analyze -w "$tmp/copy.pcap" "$tmp/copy.pcap"
check "the input is left as it was" 'cmp -s "$tmp/copy.pcap" "$CAP"'
run "an unknown format" 2 "$fw" analyze --format pdf "$CAP"
check "the format error names the word" 'grep -q "pdf" "$tmp/err"'

# Markdown, checked as the text report is
md=$tmp/m.md
miss=""
for c in $codes; do grep -q -- "$(echo "$c" | sed 's/_/\\\\_/g')" "$md" || miss="$miss $c"; done
check "every finding code is in the Markdown" '[ -z "$miss" ]' "missing:$miss"
mframes=$(jq -r '([.findings[].evidence[].frame] + [.links[].handshakes[].messages[].frame] +
	[.links[].handshakes[].end.frame // empty]) | unique | .[]' "$tmp/race.json")
miss=""
for n in $mframes; do grep -qw -- "$n" "$md" || miss="$miss $n"; done
check "every evidence and message frame number is in the Markdown" '[ -z "$miss" ]' "missing:$miss"
check "Markdown headings" 'grep -q "^# fourway report$" "$md" && grep -q "^## Findings$" "$md" &&
	grep -q "^## Inputs$" "$md" && grep -q "^## Links$" "$md" && grep -q "^#### Handshake 1: failed" "$md"'
check "Markdown tables: a header and its delimiter row" \
	'grep -A1 "^| id | severity | code |" "$md" | tail -1 | grep -q "^|---:|---|"'
nf=$(jq '.findings | length' "$tmp/race.json")
check "one table row per finding ($nf)" \
	'[ "$(grep -c "^| [0-9]* | \(error\|warning\|info\) |" "$md")" -eq "$nf" ]'
check "ladders in fenced blocks, every fence closed" \
	'[ "$(grep -c "^\`\`\`text$" "$md")" -eq "$(grep -c "^\`\`\`$" "$md")" ] &&
	 [ "$(grep -c "^\`\`\`text$" "$md")" -ge "$n_hs" ] && grep -q "|-- M3 rc=3 " "$md"'

# An SSID from the air that is markup comes out inert
SSID='<script>alert(1)</script>'
run "synth with a markup SSID" 0 "$fw" synth clean --ssid "$SSID" --passphrase "markup ssid pass" \
	-w "$tmp/x.pcap"
run "html of the markup SSID" 0 "$fw" analyze --format html --passphrase "markup ssid pass" "$tmp/x.pcap"
check "the SSID is escaped in HTML" \
	'grep -q "&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;" "$tmp/out" && ! grep -qi "<script" "$tmp/out"'
run "markdown of the markup SSID" 0 "$fw" analyze --format markdown --passphrase "markup ssid pass" \
	"$tmp/x.pcap"
check "the SSID is escaped in Markdown" \
	'grep -qF "\\<script\\>alert\\(1\\)\\</script\\>" "$tmp/out" && ! grep -q "<script>" "$tmp/out"'

# no key bytes in a report: the TKs and PMKs exported are in none
run "export keys" 0 "$fw" analyze --passphrase "$PASS" --export-keys "$tmp/keys" -w /dev/null "$CAP"
leak=""
for k in $(sed -n 's/^"[a-z-]*","\([0-9a-f]*\)"$/\1/p' "$tmp/keys"); do
	for f in "$tmp/race.html" "$md" "$tmp/race.text"; do
		grep -qi "$k" "$f" && leak="$leak $f"
	done
done
run "keys over a capture" 2 "$fw" analyze --passphrase "$PASS" --export-keys "$tmp/copy.pcap" -w /dev/null "$CAP"
check "the capture is left as it was by --export-keys" 'cmp -s "$tmp/copy.pcap" "$CAP"'
echo old >"$tmp/keys2"
chmod 644 "$tmp/keys2"
run "keys over a readable file" 0 "$fw" analyze --passphrase "$PASS" --export-keys "$tmp/keys2" -w /dev/null "$CAP"
check "the keys file replacing a 0644 file is 0600" '[ "$(stat -c %a "$tmp/keys2")" = 600 ] && cmp -s "$tmp/keys" "$tmp/keys2"'
check "keys were exported" '[ "$(grep -c "^\"" "$tmp/keys")" -ge 3 ]'
check "no exported key is in any report" '[ -z "$leak" ]' "in:$leak"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
