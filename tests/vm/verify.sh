#!/bin/sh
# verify.sh FOURWAY DIR...: hold what fourway said about each fresh run
# (DIR/*.json, written in the VM) against what the daemons and the medium
# logged in that run.  Nonces and timings differ every run; the logs are
# the truth:
#   every handshake hostapd completed ("EAPOL-4WAY-HS-COMPLETED") is
#     `complete` in a capture that saw all of it;
#   every msg 2/4 hostapd rejected ("invalid MIC") has a `bad` MIC;
#   hwsim0 shows every EAPOL-Key message the medium saw transmitted, and a
#     monitor of the sniffer's radio only those the medium delivered to it;
#   the link type is the one the capture was taken with;
#   the msg 4/4 the medium dropped is M4_LOST in the hwsim0 capture (the
#     only view with ACKs), once `fourway codes --implemented` lists it.
# Prints "ok" and "not ok" lines and "N passed, N failed" last; exit 1 on a
# failure.
fw=$1
shift
command -v jq >/dev/null 2>&1 || { echo "verify.sh: jq not found"; exit 77; }
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; }
check() { # check NAME GOT WANT
	if [ "$2" = "$3" ]; then ok "$1 ($2)"; else nok "$1: got $2, want $3"; fi
}
m4_lost_implemented=no
"$fw" codes --implemented 2>/dev/null | grep -qx M4_LOST && m4_lost_implemented=yes

# the pairwise handshakes of a report with outcome $2, and MICs that are $2
n_outcome() { jq "[.links[].handshakes[] | select(.group | not) | select(.outcome == \"$2\")] | length" "$1"; }
# the medium reads only EAPOL in the clear: so do these counts
n_msg() { jq "[.links[].handshakes[].messages[] | select(.protected | not) | select(.msg == (\"$2\" | ascii_upcase))] | length" "$1"; }
n_mic() { jq "[.links[].handshakes[].messages[] | select(.mic == \"$2\")] | length" "$1"; }

# the live scenarios: fourway live made its monitor, followed the handshakes,
# deleted the monitor on SIGINT, and its -w file tells what analyze tells
check_live() {
	d=$1 n=$2
	check "$n: exit status on SIGINT" "$(sed -n 's/^fourway live exit status //p' "$d/$n.live.err")" 0
	check "$n: its monitor interface existed while it ran" "$(grep -c ': fwlive:' "$d/$n.links-during")" 1
	check "$n: and is gone after it" "$(grep -c ': fwlive:' "$d/$n.links-after")" 0
	"$fw" analyze --json --key-file "$d/$n.keys" "$d/$n-live.pcapng" >"$d/$n-live.analyzed" 2>/dev/null
	check "$n: the handshakes hostapd completed are complete in its -w file" \
		"$(n_outcome "$d/$n-live.analyzed" complete)" "$(grep -c 'EAPOL-4WAY-HS-COMPLETED' "$d/hostapd.log")"
	check "$n: its finding lines are analyze's findings of that file" \
		"$(jq -c -s '[.[] | select(.code) | [.code, .frames[0]]] | unique' "$d/$n.jsonl")" \
		"$(jq -c '[.findings[] | [.code, .frames[0]]] | unique' "$d/$n-live.analyzed")"
	if grep -q 'wpa_sta_disconnect .*(reason 15)' "$d/hostapd.log"; then
		check "$n: the reason-15 deauthentication is a TIMEOUT line" \
			"$(jq -s '[.[] | select(.code == "TIMEOUT")] | length > 0' "$d/$n.jsonl")" true
	fi
}

# live --hop -Z nobody: the dropped privileges kept CAP_NET_ADMIN (bit 12,
# and nothing else) so the hops and the deletion still went through nl80211
check_hop() {
	d=$1 n=$2
	check "$n: exit status on SIGINT" "$(sed -n 's/^fourway live exit status //p' "$d/$n.hop.err")" 0
	check "$n: nothing went wrong on the way" "$(grep -vc '^fourway live exit status' "$d/$n.hop.err")" 0
	check "$n: it ran as nobody" "$(awk '/^Uid:/ { print $2 "/" $3 "/" $4 }' "$d/$n.status")" \
		65534/65534/65534
	check "$n: with CAP_NET_ADMIN only" "$(awk '/^CapEff:/ { print $2 }' "$d/$n.status")" \
		0000000000001000
	for ch in 1 6; do
		check "$n: the monitor sat on channel $ch" \
			"$(grep -qx "$ch" "$d/$n.channels" && echo yes || echo no)" yes
	done
	check "$n: on no other" "$(grep -cvxE '1|6' "$d/$n.channels")" 0
	check "$n: its monitor interface existed while it ran" "$(grep -c ': fwlive:' "$d/$n.links-during")" 1
	check "$n: and is gone after it" "$(grep -c ': fwlive:' "$d/$n.links-after")" 0
	"$fw" analyze --json "$d/$n-live.pcapng" >"$d/$n-live.analyzed" 2>/dev/null
	check "$n: the AP's frames on channel 1 reached its -w file" \
		"$(jq '.inputs[0].frames > 0' "$d/$n-live.analyzed")" true
}

for dir in "$@"; do
	name=$(basename "$dir")
	[ -f "$dir/$name.live.err" ] && check_live "$dir" "$name"
	[ -f "$dir/$name.hop.err" ] && check_hop "$dir" "$name"
	hlog=$dir/hostapd.log
	[ -f "$hlog" ] || { nok "$name: no hostapd.log (the scenario did not run: see $dir/scenario.log)"; continue; }
	completed=$(grep -c 'EAPOL-4WAY-HS-COMPLETED' "$hlog")
	rejected=$(grep -c 'invalid MIC' "$hlog")
	[ "$completed" -gt 0 ] || [ "$name" = wrong-pass ] || nok "$name: hostapd completed no handshake"
	for json in "$dir"/*.json; do
		[ -f "$json" ] || continue
		cap=$(basename "$json" .json)
		if ! grep -qx 'fourway exit status 0' "$dir/$cap.fw.err"; then
			nok "$cap: fourway failed: $(head -c 300 "$dir/$cap.fw.err")"
			continue
		fi
		lt=$(jq '.inputs[0].linktype' "$json")
		complete=$(n_outcome "$json" complete)
		bad=$(n_mic "$json" bad)
		case $cap in
		*-wlan0) check "$cap: link type Ethernet" "$lt" 1 ;;
		*-any) check "$cap: link type Linux cooked v2" "$lt" 276 ;;
		*-sll) check "$cap: link type Linux cooked v1" "$lt" 113 ;;
		*) check "$cap: link type radiotap" "$lt" 127 ;;
		esac
		check "$cap: MICs hostapd rejected are bad" "$bad" "$rejected"
		case $cap in
		*-any|*-sll|rekey)
			# cooked headers name one address a frame; the rekeys travel inside CCMP
			check "$cap: handshakes hostapd completed are complete" "$complete" "$completed" ;;
		*-mon0)
			check "$cap: handshakes hostapd completed are complete" "$complete" "$completed"
			[ -f "$dir/medium.log" ] && for m in m1 m2 m3 m4; do
				# a monitor of radio 2 sees what the medium delivered to it
				check "$cap: each $m the medium delivered to the sniffer's radio is there" \
					"$(n_msg "$json" "$m")" \
					"$(grep " $m .*replay=" "$dir/medium.log" | grep -vc ' DROP')"
			done ;;
		*)
			check "$cap: handshakes hostapd completed are complete" "$complete" "$completed"
			[ -f "$dir/medium.log" ] && for m in m1 m2 m3 m4; do
				# hwsim0 taps before the medium: every transmission is there
				check "$cap: each $m transmitted is there" "$(n_msg "$json" "$m")" \
					"$(grep -c " $m .*replay=" "$dir/medium.log")"
			done ;;
		esac
		if [ "$cap" = m4-drop-once ] && [ "$m4_lost_implemented" = yes ]; then
			dropped=$(grep -c ' m4 .* DROP ack=0' "$dir/medium.log")
			lost=$(jq '[.findings[] | select(.code == "M4_LOST")] | length' "$json")
			check "$cap: each msg 4/4 the medium dropped is M4_LOST" "$lost" "$dropped"
		fi
	done
done
echo "$passed passed, $failed failed"
printf '# PASS: %s\n# FAIL: %s\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
