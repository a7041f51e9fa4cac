#!/bin/sh
# tunrt.sh - a live radiotap interface without a radio: fw-tunrt replays a
# VM capture into a TUN device of link type 803 in a private network
# namespace, tcpdump captures it live (libpcap sees DLT 127, as on a
# monitor interface), and fourway finds in the live capture what hostapd
# logged for the original: one completed handshake, every frame intact.
# The base for testing a live capture path on any Linux host.
# Needs root, /dev/net/tun, unshare and tcpdump; skips (77) without them.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway tun=$bld/tests/vm/fw-tunrt
cap=$top/captures/wpa2-clean
skip() { echo "tunrt.sh: $*: skipping"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "not root"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
command -v unshare >/dev/null 2>&1 || skip "no unshare"
command -v tcpdump >/dev/null 2>&1 || skip "no tcpdump"
command -v jq >/dev/null 2>&1 || skip "no jq"
unshare -n true 2>/dev/null || skip "cannot make a network namespace"
[ -x "$tun" ] && [ -x "$fw" ] || { echo "tunrt.sh: $tun or $fw not built"; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-tunrt.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# inside the namespace: the interface first, then tcpdump on it, then the
# frames (fw-tunrt waits 3 s before writing, keeps the interface 1 s after)
unshare -n sh -c '
	"$1" rt0 "$2" -w 3 -k 1 2>"$3/tunrt.log" & t=$!
	i=0; while [ $i -lt 50 ] && ! ip link show rt0 >/dev/null 2>&1; do sleep 0.05; i=$((i + 1)); done
	tcpdump -i rt0 -U -s 0 -Z root -w "$3/live.pcap" 2>"$3/tcpdump.log" & d=$!
	i=0; while [ $i -lt 50 ] && ! grep -q "listening on" "$3/tcpdump.log"; do sleep 0.05; i=$((i + 1)); done
	wait $t; st=$?
	kill $d; wait $d
	exit $st' sh "$tun" "$cap.pcap" "$tmp"
st=$?
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; }
[ $st -eq 0 ] && ok "fw-tunrt replayed the capture" || nok "fw-tunrt: $(cat "$tmp/tunrt.log")"
grep -q 'link-type IEEE802_11_RADIO' "$tmp/tcpdump.log" && ok "rt0 is a radiotap interface" ||
	nok "rt0: $(head -n1 "$tmp/tcpdump.log")"
sed -n 's/^key //p' "$cap.expect" >"$tmp/keys"
"$fw" analyze --json --key-file "$tmp/keys" "$cap.pcap" >"$tmp/orig.json" &&
	"$fw" analyze --json --key-file "$tmp/keys" "$tmp/live.pcap" >"$tmp/live.json" ||
	nok "fourway analyze failed"
frames=$(jq '.inputs[0].frames' "$tmp/orig.json")
got=$(jq '.inputs[0].frames' "$tmp/live.json")
[ "$got" = "$frames" ] && ok "every frame came through ($got)" || nok "frames: got $got, want $frames"
# hostapd logged one EAPOL-4WAY-HS-COMPLETED for this run
want=$(grep -c 'EAPOL-4WAY-HS-COMPLETED' "$top/captures/wpa2-clean.hostapd.log")
got=$(jq '[.links[].handshakes[] | select(.outcome == "complete")] | length' "$tmp/live.json")
[ "$got" = "$want" ] && ok "the live capture's handshakes hostapd completed are complete ($got)" ||
	nok "complete: got $got, want $want"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
