#!/bin/sh
# tun_multi.sh - `fourway live IFACE1 IFACE2`: two radios hearing one air.
# captures/messy/ holds pairs made in the VM: S.pcap, the AP's radio
# (hwsim0), and S-mon0.pcap, a separate monitor radio.  Two radiotap TUN
# devices (tun-replay.c) are fed the two captures in step, each frame at
# its original time, while `fourway live --no-tui --json -w W.pcapng`
# captures on both.  What live reports must be what `fourway analyze
# --merge S.pcap S-mon0.pcap` reports:
#   - every frame of both arrives, none dropped by the kernel;
#   - one EAPOL-Key message per transmission, each with as many sightings
#     as analyze --merge gives it (the copy the other radio heard is a
#     sighting, not a second message), and its ACK;
#   - the same findings, codes and links (live's final state: analyze of
#     what live wrote, every frame with its times and interface; each of
#     them was reported in the stream);
#   - the same handshake outcomes and messages, frame numbers included, as
#     analyze of what it wrote (-w keeps each frame's interface: pcapng
#     with one interface block per device).
# A scenario whose messages differ from analyze --merge's is replayed once
# more before that counts: a replay that fell behind (a loaded machine)
# bunches frames the captures hold apart.
#
# Needs root (CAP_NET_ADMIN for the TUN devices, unshare -n) and jq.
. "${top_srcdir:-.}/tests/live/lib.sh"

tun_setup "$@"

# Each message once, with how many radios heard it and whether it was ACKed.
MSG='{bssid: $b, sta: $s, msg, replay_counter, retry, seq, from, nonce, acked,
	heard: (.sightings | length)}'
live_heard() {
	jq -s -S "[.[] | select(.event == \"message\")] | group_by(.message.frame)
		| map(last | .bssid as \$b | .sta as \$s | .message | $MSG)
		| sort_by(.msg, .replay_counter, .seq, .from)" "$1"
}
doc_heard() {
	jq -S "[.links[] | .bssid as \$b | .sta as \$s | .handshakes[].messages[] | $MSG]
		| sort_by(.msg, .replay_counter, .seq, .from)" "$1"
}
codes() {
	jq -S '[.findings[] | {code, severity, bssid, sta}] | sort_by(.code, .bssid, .sta)' "$1"
}

# attempt: one replay of $a and $b into fwap0 and fwmon0 under fourway live
# ($tmp/live.json, $tmp/w.pcapng, its exit status in st); 1 when it could
# not run (said).
attempt() {
	rm -f "$tmp/live.json" "$tmp/w.pcapng"
	# The two radios' copies of a frame must reach the kernel within the
	# sightings window (a few ms), as two real radios time them; on a loaded
	# machine a writer preempted between its two writes misses it, so the
	# writer runs under the real-time scheduler where the kernel allows it.
	rt=
	chrt -f 10 true 2>/dev/null && rt="chrt -f 10"
	tun_replay "$s: TUN devices created" $rt "$helper" fwap0 "$a" fwmon0 "$b" || return 1
	tun_live "$s: fourway live started on fwap0 and fwmon0" fwap0 fwmon0 --no-tui --json \
		--keylog "$k" -w "$tmp/w.pcapng" || return 1
	touch "$tmp/go"
	# the replay takes the captures' own time (up to 12 s)
	i=0
	while [ ! -e "$tmp/done" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
	[ -e "$tmp/done" ] || nok "$s: replayed" "$(cat "$tmp/helper.err")"
	tun_stop
	[ $st -eq 0 ] && ok "$s: live over two interfaces exits 0 on SIGINT" ||
		nok "$s: live over two interfaces exits 0 on SIGINT (got $st)" "$(cat "$tmp/live.err")"
}

# m2-late: the held 2/4 only mon0 heard (a late answer, not a second
# handshake); reassoc-stale-ptk: a reassociation over a stale PTK.
for s in m2-late reassoc-stale-ptk; do
	a=$caps/messy/$s.pcap b=$caps/messy/$s-mon0.pcap k=$caps/messy/$s.keylog
	[ -r "$a" ] && [ -r "$b" ] || { nok "$s: the pair of captures is there" "$a $b"; continue; }
	"$fw" analyze --json --merge --keylog "$k" "$a" "$b" </dev/null >"$tmp/doc.json" 2>/dev/null
	attempt || continue
	live_heard "$tmp/live.json" >"$tmp/lh"; doc_heard "$tmp/doc.json" >"$tmp/dh"
	if [ "$(jq -c . "$tmp/lh")" != "$(jq -c . "$tmp/dh")" ]; then
		# a replay that fell behind on a loaded machine bunches frames
		# the captures hold apart, and live rightly judges them copies
		# of one another: once more, before the comparison below counts
		echo "# $s: live's messages differ from analyze --merge's; replayed once more"
		attempt || continue
		live_heard "$tmp/live.json" >"$tmp/lh"
	fi
	jq -e -s 'map(select(.event == "start"))[0].text | startswith("capturing on fwap0,fwmon0, link type 127")' "$tmp/live.json" >/dev/null &&
		ok "$s: captures on both interfaces as radiotap" ||
		nok "$s: captures on both interfaces as radiotap" "$(head -1 "$tmp/live.json")"
	frames=$(jq '[.inputs[].frames] | add' "$tmp/doc.json")
	tun_received "$s: all $frames frames of both radios received, none dropped" "$frames"
	# each interface's own counters: what was written to it, none dropped
	fa=$(jq '.inputs[0].frames' "$tmp/doc.json") fb=$(jq '.inputs[1].frames' "$tmp/doc.json")
	jq -s -e -c --argjson a "$fa" --argjson b "$fb" 'map(select(.event == "stats")) | last
		| .interfaces == [{name: "fwap0", kernel_received: $a, kernel_dropped: 0, if_dropped: 0},
				  {name: "fwmon0", kernel_received: $b, kernel_dropped: 0, if_dropped: 0}]' \
		"$tmp/live.json" >/dev/null &&
		ok "$s: the stats line names each interface's counters ($fa and $fb frames)" ||
		nok "$s: the stats line names each interface's counters ($fa and $fb frames)" \
			"$(jq -c 'select(.event == "stats")' "$tmp/live.json")"
	if python3 -c 'import jsonschema' 2>/dev/null; then
		python3 "$top/tests/live/schema.py" "$top/doc/fourway.schema.json" events "$tmp/live.json" \
			>"$tmp/schema.out" 2>&1 &&
			ok "$s: every line of the stream validates against the schema" ||
			nok "$s: every line of the stream validates against the schema" "$(head -c 600 "$tmp/schema.out")"
	fi
	n=$(jq length "$tmp/dh")
	same "$s: one message per transmission ($n), heard and ACKed as analyze --merge says" \
		"$tmp/lh" "$tmp/dh"
	"$fw" analyze --json --keylog "$k" "$tmp/w.pcapng" </dev/null >"$tmp/w.json" 2>/dev/null
	codes "$tmp/w.json" >"$tmp/wc"; codes "$tmp/doc.json" >"$tmp/dc"
	same "$s: the same findings (codes and links) as analyze --merge" "$tmp/wc" "$tmp/dc"
	jq -s -S '[.[] | select(.event == "finding") | .finding | {code, severity, bssid, sta}] | unique' "$tmp/live.json" \
		>"$tmp/lc"
	if jq -e -n --slurpfile l "$tmp/lc" --slurpfile d "$tmp/dc" \
		'$d[0] | all(. as $f | $l[0] | index([$f]) != null)' >/dev/null; then
		ok "$s: each of them reported in the live stream"
	else
		nok "$s: each of them reported in the live stream" "$(diff "$tmp/lc" "$tmp/dc")"
	fi
	doc_heard "$tmp/w.json" >"$tmp/wh"
	same "$s: -w keeps each frame's interface (its copies are sightings again)" "$tmp/wh" "$tmp/dh"
	live_outcomes "$tmp/live.json" >"$tmp/lo"; doc_outcomes "$tmp/w.json" >"$tmp/do"
	same "$s: the handshake outcomes of analyze of the -w capture" "$tmp/lo" "$tmp/do"
	live_msgs "$tmp/live.json" >"$tmp/lm"; doc_msgs "$tmp/w.json" >"$tmp/dm"
	same "$s: the messages (frame numbers too) of analyze of the -w capture" "$tmp/lm" "$tmp/dm"
done
finish
