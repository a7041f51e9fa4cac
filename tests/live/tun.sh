#!/bin/sh
# tun.sh - `fourway live IFACE` on a real live interface without Wi-Fi
# hardware: a TUN device of link type radiotap (tun-replay.c) in a network
# namespace of its own receives the frames of each capture in captures/
# (tun_corpus.sh: of the corpus's radiotap captures)
# while `fourway live --no-tui --json` captures on it.  The findings,
# handshake outcomes and messages must be those `fourway analyze --json`
# draws from the file, every frame must arrive, and the kernel must drop
# none at the replay rate (one frame every 500 us).
#
# Needs root (CAP_NET_ADMIN for the TUN device, unshare -n) and jq.
. "${top_srcdir:-.}/tests/live/lib.sh"

[ -z "${FW_TUN_CORPUS:-}" ] || need_corpus wireshark/wpa-Induction.pcap \
	wireshark/wpa-test-decode-mgmt.pcap wireshark/wpa2-psk-mfp.pcapng \
	wireshark/wpa-ccmp-256.pcapng wireshark/wpa-gcmp.pcapng aircrack-ng/test23.pcap \
	aircrack-ng/zn2i.pcap aircrack-ng/wpa3-psk.pcap
tun_setup "$@"

# PATH|PASSPHRASE|SSID: captures/ (SSIDs learned from the capture); run as
# tun_corpus.sh (FW_TUN_CORPUS set), the radiotap captures of the corpus
# instead, with the keys published with them (tests/e2e/corpus_table.h,
# from the corpus's GROUND_TRUTH.md)
if [ -n "${FW_TUN_CORPUS:-}" ]; then
	cat >"$tmp/list" <<CORPUS
$corpus/wireshark/wpa-Induction.pcap|Induction|Coherer
$corpus/wireshark/wpa-test-decode-mgmt.pcap|12345678|Valium_dongle
$corpus/wireshark/wpa2-psk-mfp.pcapng|12345678|Wireshark-pmf
$corpus/wireshark/wpa-ccmp-256.pcapng|12345678|Wireshark-ccmp-256
$corpus/wireshark/wpa-gcmp.pcapng|12345678|Wireshark-gcmp
$corpus/aircrack-ng/test23.pcap|12345678|WLAN-2
$corpus/aircrack-ng/zn2i.pcap|12345678|dlink
$corpus/aircrack-ng/wpa3-psk.pcap|abcdefgh|WPA3-Network
CORPUS
else
	printf '%s\n' "$CAPTURES" | sed "s#^\([^:]*\):\(.*\)\$#$caps/\1|\2|#" >"$tmp/list"
fi

n=0
# (a redirection, not a pipe: the loop must run in this shell to count)
while IFS='|' read -r path pass ssid; do
	n=$((n + 1))
	ifn=fwtun$n
	cap=$(basename "$path")
	[ -r "$path" ] || { echo "tun.sh: $path missing: skipped"; continue; }
	set -- --passphrase "$pass"
	[ -z "$ssid" ] || set -- "$@" --ssid "$ssid"
	rm -f "$tmp/live.json"
	"$fw" analyze --json "$@" "$path" </dev/null >"$tmp/doc.json" 2>/dev/null
	tun_replay "$cap: TUN device $ifn created" "$helper" "$ifn" "$path" || continue
	# every run writes what it captured (-w); wrong-psk.pcap also runs as nobody (-Z)
	# (-w is created after the switch: in a folder nobody may write)
	z= wdir=$tmp
	if [ "$cap" = wrong-psk.pcap ]; then
		z=nobody wdir=$tmp/zw
		chmod 711 "$tmp" && mkdir -p "$wdir" && chown nobody "$wdir"
	fi
	rm -f "$tmp/w.pcapng" "$wdir/w.pcapng"
	tun_live "$cap: fourway live started on $ifn" "$ifn" --no-tui --json "$@" \
		-w "$wdir/w.pcapng" ${z:+-Z "$z"} || continue
	if [ "$cap" = wrong-psk.pcap ]; then
		# created nothing, hops nowhere: -Z keeps no capability at all
		uid=$(id -u nobody)
		if grep -q "^Uid:[[:space:]]*$uid[[:space:]]*$uid" "/proc/$fw_pid/status" &&
			grep -q '^CapEff:[[:space:]]*0*$' "/proc/$fw_pid/status" &&
			grep -q '^CapPrm:[[:space:]]*0*$' "/proc/$fw_pid/status"; then
			ok "$cap: -Z nobody: runs as uid $uid with no capability"
		else
			nok "$cap: -Z nobody: runs as uid $uid with no capability" \
				"$(grep -e ^Uid -e ^Cap "/proc/$fw_pid/status")"
		fi
	fi
	touch "$tmp/go"
	wait_file "$tmp/done" || nok "$cap: replayed" "$(cat "$tmp/helper.err")"
	tun_stop
	[ $st -eq 0 ] && ok "$cap: live $ifn exits 0 on SIGINT" ||
		nok "$cap: live $ifn exits 0 on SIGINT (got $st)" "$(cat "$tmp/live.err")"
	grep -q '"event":"start",.*"text":"capturing on '"$ifn"', link type 127' "$tmp/live.json" &&
		ok "$cap: captured as radiotap (DLT 127)" ||
		nok "$cap: captured as radiotap" "$(head -1 "$tmp/live.json")"
	# What live draws is what analyze draws from the same frames with the same
	# times: those it wrote with -w (exactly, times included).
	if [ -n "$z" ]; then
		[ "$(stat -c %U "$wdir/w.pcapng" 2>/dev/null)" = nobody ] &&
			ok "$cap: -Z nobody: the -w file belongs to nobody" ||
			nok "$cap: -Z nobody: the -w file belongs to nobody" "$(ls -l "$wdir" 2>&1)"
		mv "$wdir/w.pcapng" "$tmp/w.pcapng"
	fi
	"$fw" analyze --json "$@" "$tmp/w.pcapng" </dev/null >"$tmp/w.json" 2>/dev/null
	compare "$cap over $ifn, against analyze of its -w capture" "$tmp/live.json" "$tmp/w.json"
	# Those frames are the file's, byte for byte, and none was dropped.
	"$helper" --same "$path" "$tmp/w.pcapng" 2>"$tmp/same.err" &&
		ok "$cap: the -w capture holds every frame of the file, byte for byte" ||
		nok "$cap: the -w capture holds every frame of the file" "$(cat "$tmp/same.err")"
	frames=$(jq '.inputs[0].frames' "$tmp/doc.json")
	tun_received "$cap: all $frames frames received, no kernel drops" "$frames"
	# Against the file itself: the replay keeps the frames, not their spacing
	# (one every 500 us), so findings drawn from time (ACK windows, delays,
	# retry budgets) may differ; the messages and every other finding may not.
	live_msgs "$tmp/live.json" >"$tmp/lm"; doc_msgs "$tmp/doc.json" >"$tmp/dm"
	same "$cap over $ifn: the file's EAPOL-Key messages" "$tmp/lm" "$tmp/dm"
	jq -c 'if .finding then .finding |= del(.time) else . end' "$tmp/live.json" | untimed >"$tmp/lf"
	jq -c '.findings[] | del(.time) | {event: "finding", id, finding: .}' "$tmp/doc.json" |
		untimed >"$tmp/df"
	same "$cap over $ifn: the file's findings, those not drawn from timing" "$tmp/lf" "$tmp/df"
done <"$tmp/list"
finish
