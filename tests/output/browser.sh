#!/bin/sh
# browser.sh - the HTML report in a real browser: headless Chromium
# (Debian's chromium) renders the page of the dropped-4/4 race
# (captures/m4-drop-once.pcap with hostapd's log) to a PNG and dumps the
# DOM it built.
#  - the screenshot is a PNG, and not blank: a page of one colour
#    compresses to a few KB, so it must be several times the size of the
#    screenshot of an empty page of the same window;
#  - the DOM holds every finding code and every frame number of
#    `analyze --json` for that run, one SVG per handshake and no script;
#  - a page whose SSID is "<script>..." builds no script element.
# SKIP (77) without chromium.  Prints "N passed, N failed" last.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup browser
caps=$top/captures
need jq
need_fw
browser=""
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || skip "chromium not found"

PASS='lossy air for m4-drop-once'
CAP=$caps/m4-drop-once.pcap
LOG=$caps/m4-drop-once.hostapd.log
SIZE=1400,2400

# Chromium as root needs --no-sandbox; a profile of its own in $tmp, no network use.
chrome() {
	mkdir -p "$tmp/profile"
	HOME=$tmp timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$tmp/profile" --no-first-run --disable-extensions \
		--disable-background-networking --window-size=$SIZE "$@" 2>>"$tmp/chrome.err"
}

run "json of the race" 0 "$fw" analyze --json --passphrase "$PASS" --log "$LOG" "$CAP"
cp "$tmp/out" "$tmp/race.json"
run "html of the race" 0 "$fw" analyze --html "$tmp/race.html" --passphrase "$PASS" --log "$LOG" "$CAP"
printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>x</title></head><body></body></html>\n' \
	>"$tmp/empty.html"

chrome --screenshot="$tmp/race.png" "file://$tmp/race.html" >/dev/null
chrome --screenshot="$tmp/empty.png" "file://$tmp/empty.html" >/dev/null
chrome --dump-dom "file://$tmp/race.html" >"$tmp/dom.html"

png_sig=$(od -An -tx1 -N8 "$tmp/race.png" 2>/dev/null | tr -d ' \n')
check "the screenshot is a PNG" '[ "$png_sig" = "89504e470d0a1a0a" ]' \
	"$(tail -c 600 "$tmp/chrome.err")"
big=$(wc -c <"$tmp/race.png" 2>/dev/null || echo 0)
small=$(wc -c <"$tmp/empty.png" 2>/dev/null || echo 0)
check "the screenshot is not blank ($big bytes against $small for an empty page)" \
	'[ "$small" -gt 0 ] && [ "$big" -gt $((small * 8)) ]'
# the PNG's size in its IHDR: the window asked for
w=$(od -An -tu1 -j16 -N4 "$tmp/race.png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
check "the screenshot is of the window asked ($w px wide)" '[ "$w" -eq 1400 ]'

check "the browser built a DOM" 'grep -q "<svg" "$tmp/dom.html"'
sed -e 's/<[^>]*>/ /g' "$tmp/dom.html" >"$tmp/dom.txt"
miss=""
for c in $(jq -r '.findings[].code' "$tmp/race.json" | sort -u); do
	grep -qw -- "$c" "$tmp/dom.txt" || miss="$miss $c"
done
check "every finding code is in the rendered page" '[ -z "$miss" ]' "missing:$miss"
miss="" n=0
for f in $(jq -r '[paths(numbers) as $p | select(($p[-1] | tostring) | test("frame$")) |
	getpath($p)] | unique | .[] | select(. > 0)' "$tmp/race.json"); do
	n=$((n + 1))
	grep -qw -- "$f" "$tmp/dom.txt" || miss="$miss $f"
done
check "every frame number ($n) is in the rendered page" '[ "$n" -gt 20 ] && [ -z "$miss" ]' "missing:$miss"
n_hs=$(jq '[.links[].handshakes[]] | length' "$tmp/race.json")
check "one SVG per handshake in the DOM" \
	'[ "$(grep -o "<svg class=\"ladder\"" "$tmp/dom.html" | wc -l)" -eq "$n_hs" ]'
check "no script element in the DOM" '! grep -qi "<script" "$tmp/dom.html"'

SSID='<script>alert(1)</script>'
run "synth with a markup SSID" 0 "$fw" synth clean --ssid "$SSID" --passphrase "markup ssid pass" \
	-w "$tmp/x.pcap"
run "html of the markup SSID" 0 "$fw" analyze --html "$tmp/x.html" --passphrase "markup ssid pass" \
	"$tmp/x.pcap"
chrome --dump-dom "file://$tmp/x.html" >"$tmp/xdom.html"
check "the markup SSID builds no element, it is text" \
	'grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$tmp/xdom.html" && ! grep -qi "<script" "$tmp/xdom.html"'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
