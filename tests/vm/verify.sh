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
#     only view with ACKs), once `fourway codes --implemented` lists it;
#   the scenarios of captures/messy/ (check_messy): a dropped 3/4 is
#     M3_LOST, a group rekey hostapd gave up GROUP_FAILED and its reason-16
#     deauthentication TIMEOUT; and, once fourway has the code, a 2/4 hostapd
#     discarded for its replay counter LATE_ANSWER, EAPOL encrypted under the
#     PTK hostapd dropped at a re-association STALE_PTK, an unprotected
#     deauthentication the PMF station dropped PMF_MISMATCH (and no
#     KEY_REINSTALL for the reconnection's new key);
#   802.1X with the RADIUS exchange beside the air capture (C-radius.pcap):
#     given only the RADIUS secret and the two files merged, every MIC
#     verifies, each handshake names the PMK hostapd logged for that
#     authentication (by fingerprint: the first 8 hex digits of its
#     SHA-256), and the EAP exchange shows the identity, the method and
#     the successes hostapd logged (see check_radius).
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
# codes some checks below wait for (said once each when not there yet)
implemented() { "$fw" codes --implemented 2>/dev/null | grep -qx "$1"; }
n_code() { jq --arg c "$2" '[.findings[] | select(.code == $c)] | length' "$1"; }

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
		"$(jq -c -s '[.[] | select(.finding) | .finding | [.code, .frames[0]]] | unique' "$d/$n.jsonl")" \
		"$(jq -c '[.findings[] | [.code, .frames[0]]] | unique' "$d/$n-live.analyzed")"
	if grep -q 'wpa_sta_disconnect .*(reason 15)' "$d/hostapd.log"; then
		check "$n: the reason-15 deauthentication is a TIMEOUT line" \
			"$(jq -s '[.[] | select(.finding.code == "TIMEOUT")] | length > 0' "$d/$n.jsonl")" true
	fi
}

# live --hop -Z nobody: the dropped privileges kept CAP_NET_ADMIN (bit 12,
# and nothing else) so the hops and the deletion still went through nl80211;
# the hops ran on a thread of their own, which holds no more than that
check_hop() {
	d=$1 n=$2
	check "$n: exit status on SIGINT" "$(sed -n 's/^fourway live exit status //p' "$d/$n.hop.err")" 0
	check "$n: nothing went wrong on the way" "$(grep -vc '^fourway live exit status' "$d/$n.hop.err")" 0
	check "$n: it ran as nobody" "$(awk '/^Uid:/ { print $2 "/" $3 "/" $4 }' "$d/$n.status")" \
		65534/65534/65534
	check "$n: with CAP_NET_ADMIN only" "$(awk '/^CapEff:/ { print $2 }' "$d/$n.status")" \
		0000000000001000
	check "$n: the hops ran on a thread of their own" "$(grep -c 'Uid:' "$d/$n.tasks")" 2
	check "$n: every thread as nobody, with CAP_NET_ADMIN only" \
		"$(grep -vc 'Uid: 65534 65534 65534 65534 .*CapPrm: 0000000000001000 CapEff: 0000000000001000' "$d/$n.tasks")" 0
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

# live over two radios with --hop 1,6,11: the list spread over them (the
# first starts on 1, the second on 6, each steps two places), a hop thread
# each, both monitors deleted, the last stats line naming each interface
check_hop2() {
	d=$1 n=$2
	check "$n: two radios: exit status on SIGINT" "$(sed -n 's/^fourway live exit status //p' "$d/$n.two.err")" 0
	check "$n: two radios: nothing went wrong on the way" "$(grep -vc '^fourway live exit status' "$d/$n.two.err")" 0
	check "$n: two radios: a hop thread each" "$(tr -d " " <"$d/$n.two.tasks")" 3
	set -- $(cat "$d/$n.two.mons")
	check "$n: two radios: two monitor interfaces named in the start line" "$#" 2
	[ $# -eq 2 ] || return
	a=$1 b=$2
	for ch in 1 6 11; do
		check "$n: $a sat on channel $ch" "$(awk -v c="$ch" '$1 == c { y = 1 } END { print y ? "yes" : "no" }' "$d/$n.two.channels")" yes
		check "$n: $b sat on channel $ch" "$(awk -v c="$ch" '$2 == c { y = 1 } END { print y ? "yes" : "no" }' "$d/$n.two.channels")" yes
	done
	check "$n: on no other" "$(awk '$1 !~ /^(1|6|11)$/ || $2 !~ /^(1|6|11)$/' "$d/$n.two.channels" | wc -l)" 0
	# they hop together, each its own part of the list: one channel only in
	# the moment between the two radios' hops
	check "$n: the two radios on different channels in most samples" \
		"$(awk '$1 != $2 { k++ } END { print (NR > 0 && k * 2 > NR) ? "yes" : "no" }' "$d/$n.two.channels")" yes
	check "$n: both monitors existed while it ran" "$(grep -cE ": ($a|$b):" "$d/$n.links-during")" 2
	check "$n: and are gone after it" "$(grep -cE ": ($a|$b):" "$d/$n.links-after")" 0
	check "$n: the last stats line names each interface" \
		"$(jq -r -s '[.[] | select(.event == "stats")] | last | [.interfaces[].name] | join(" ")' "$d/$n.two.jsonl")" "$a $b"
	check "$n: and their drops add up to the sum" \
		"$(jq -s '[.[] | select(.event == "stats")] | last | ([.interfaces[].kernel_dropped] | add) == .kernel_dropped' "$d/$n.two.jsonl")" true
}

# fingerprint HEX...: the first 8 hex digits of SHA-256 of the key
# (fourway's key fingerprint), one line per key given
fingerprint() {
	for k in "$@"; do printf '%s' "$k" | tr a-f A-F | basenc --base16 -d | sha256sum | cut -c1-8; done
}
# the PMKs a -dd -K log of hostapd derived PTKs from, in order of first use
log_pmks() { sed -n 's/.*WPA: PMK - hexdump(len=[0-9]*): //p' "$@" | tr -d ' ' | awk '!seen[$0]++'; }
# the first 32 bytes of the MSKs the EAP server derived (12.7.1.3: the PMK)
log_msk_pmks() { sed -n 's/.*EAP-TLS: Derived key - hexdump(len=64): //p' "$1" | tr -d ' ' | cut -c1-64 | awk '!seen[$0]++'; }
words() { tr '\n' ' ' | sed 's/ $//'; }

# check_radius DIR CAP KEYS: the air capture CAP.pcap merged with the RADIUS
# exchange CAP-radius.pcap, the only key the secret of KEYS; leaves the
# report in DIR/CAP.merged for the usual checks
check_radius() {
	d=$1 c=$2
	secret=$(sed -n 's/^radius-secret "\(.*\)"$/\1/p' "$3")
	mj=$d/$c.merged
	if ! "$fw" analyze --json --merge --radius-secret "$secret" "$d/$c.pcap" "$d/$c-radius.pcap" \
		>"$mj" 2>"$d/$c.merged.err"; then
		nok "$c: fourway analyze --merge failed: $(head -c 300 "$d/$c.merged.err")"
		return
	fi
	hl=$d/hostapd.log
	auths=$(grep -c 'CTRL-EVENT-EAP-SUCCESS2' "$hl")
	check "$c: with only the RADIUS secret, every MIC verifies" \
		"$(jq '[.links[].handshakes[].messages[] | select(.mic != "absent") | select(.mic != "ok")] | length' "$mj")" 0
	check "$c: MICs verified: the msgs 2/4, 3/4 and 4/4 hostapd received and sent" \
		"$(jq '[.links[].handshakes[].messages[] | select(.mic == "ok")] | length' "$mj")" \
		"$(grep -c -E 'received EAPOL-Key frame \((2|4)/4 Pairwise\)|sending 3/4 msg of 4-Way' "$hl")"
	# hostapd's PMKs: one per authentication, all different
	pmks=$(log_pmks "$hl" "$d/keylog" 2>/dev/null | words)
	# shellcheck disable=SC2086
	want=$(fingerprint $pmks | words)
	check "$c: hostapd derived one PMK per authentication, each new" \
		"$(printf '%s\n' $want | sort -u | grep -c .)" "$auths"
	check "$c: each handshake names the PMK hostapd used in it" \
		"$(jq -r '[.links[].handshakes[] | select(.group | not) | .key_fingerprint] | join(" ")' "$mj")" "$want"
	[ -f "$d/radius-server.log" ] &&
		check "$c: those are the PMKs of the MSKs the RADIUS server derived" \
			"$(fingerprint $(log_msk_pmks "$d/radius-server.log") | words)" "$want"
	check "$c: each PMK came from an Access-Accept of the RADIUS capture" \
		"$(jq --arg f "$c-radius.pcap" '[.links[].handshakes[] | select(.group | not) | select(.key_origin | test("^Access-Accept in frame [0-9]+ of .*" + $f + "$"))] | length' "$mj")" "$auths"
	# the EAP exchange as hostapd logged it
	check "$c: EAP Success packets" \
		"$(jq '[.links[].eap[] | select(.packet == "Success" and .from == "ap")] | length' "$mj")" "$auths"
	check "$c: the identity the station gave" \
		"$(jq -r '[.links[].eap[] | .identity // empty] | unique | join(" ")' "$mj")" \
		"$(sed -n "s/.*IEEE 802.1X: STA identity '\(.*\)'$/\1/p" "$hl" | sort -u | words)"
	check "$c: the EAP method of the authentication" \
		"$(jq -r '[.links[].eap[] | select(.method != null and .method != "Identity") | .method] | unique | join(" ")' "$mj")" \
		"$(sed -n 's/.*IEEE 802.1X: authenticated - EAP type: [0-9]* (\(.*\))$/\1/p' "$hl" | sort -u | words)"
}

# check_messy DIR CAP JSON: the scenarios of captures/messy/, where today's
# fourway already has the code for what the logs show.  Each check is the
# logs' word against one finding; a check whose code is not implemented yet
# is skipped (said once in the output).
said_missing=
missing() {
	case " $said_missing " in *" $1 "*) ;; *) echo "# skipped until fourway has $1: $2"; said_missing="$said_missing $1" ;; esac
}
check_messy() {
	d=$1 c=$2 j=$3
	hl=$d/hostapd.log ml=$d/medium.log
	case $c in
	*-mon0) mon=yes ;;
	*) mon=no ;;
	esac
	# the medium dropped a 3/4 unacknowledged: M3_LOST, seen with the ACKs
	if [ "$mon" = no ] && [ -f "$ml" ] && [ "$c" = two-sta-m3 ]; then
		check "$c: a 3/4 the medium dropped (ack=0) is M3_LOST" \
			"$([ "$(n_code "$j" M3_LOST)" -gt 0 ] && echo yes || echo no)" \
			"$(grep -q ' m3 .* DROP ack=0' "$ml" && echo yes || echo no)"
	fi
	# hostapd gave up a group rekey: GROUP_FAILED, and the reason-16 deauth a TIMEOUT
	if grep -q 'group key handshake failed' "$hl"; then
		check "$c: the group rekey hostapd gave up is GROUP_FAILED" \
			"$(n_code "$j" GROUP_FAILED)" "$(grep -c 'group key handshake failed' "$hl")"
		check "$c: hostapd's reason-16 deauthentication is a TIMEOUT" \
			"$([ "$(n_code "$j" TIMEOUT)" -gt 0 ] && echo yes || echo no)" \
			"$(grep -q 'wpa_sta_disconnect .*(reason 16)' "$hl" && echo yes || echo no)"
	fi
	# a 2/4 hostapd discarded for its replay counter, seen where it arrived late
	if [ "$mon" = yes ] && grep -q '2/4 Pairwise with unexpected replay counter' "$hl"; then
		if implemented LATE_ANSWER; then
			check "$c: the 2/4 hostapd discarded for its replay counter is a LATE_ANSWER" \
				"$([ "$(n_code "$j" LATE_ANSWER)" -gt 0 ] && echo yes || echo no)" yes
			check "$c: and no NONCE_REUSE" "$(n_code "$j" NONCE_REUSE)" 0
		else missing LATE_ANSWER "$c"; fi
	fi
	# hostapd took a new association over an authorized one and the station
	# went on sending EAPOL encrypted: STALE_PTK
	if grep -q 'Add associated STA .* authorized=1' "$hl" && [ -f "$d/wpa_supplicant.log" ] &&
		grep -q 'proto=0x888e .*no_encrypt=0' "$d/wpa_supplicant.log"; then
		if implemented STALE_PTK; then
			check "$c: EAPOL encrypted under the PTK hostapd dropped at re-association is STALE_PTK" \
				"$([ "$(n_code "$j" STALE_PTK)" -gt 0 ] && echo yes || echo no)" yes
		else missing STALE_PTK "$c"; fi
	fi
	# the PMF station dropped an unprotected deauthentication: PMF_MISMATCH,
	# and the new TK of the reconnection is no KEY_REINSTALL
	if [ -f "$d/wpa_supplicant.log" ] && grep -q 'Unprotected Deauthentication frame dropped' "$d/wpa_supplicant.log"; then
		if implemented PMF_MISMATCH; then
			check "$c: the unprotected deauthentication the station dropped is PMF_MISMATCH" \
				"$([ "$(n_code "$j" PMF_MISMATCH)" -gt 0 ] && echo yes || echo no)" yes
			check "$c: the reconnection's new TK is no KEY_REINSTALL" "$(n_code "$j" KEY_REINSTALL)" 0
		else missing PMF_MISMATCH "$c"; fi
	fi
}

for dir in "$@"; do
	name=$(basename "$dir")
	[ -f "$dir/$name.live.err" ] && check_live "$dir" "$name"
	[ -f "$dir/$name.hop.err" ] && check_hop "$dir" "$name"
	[ -f "$dir/$name.two.err" ] && check_hop2 "$dir" "$name"
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
		case $cap in
		*-radius)
			# the AP's wired side: RADIUS over UDP on lo, no 802.11 link in it
			check "$cap: link type Ethernet" "$(jq '.inputs[0].linktype' "$json")" 1
			check "$cap: no link in the RADIUS capture alone" "$(jq '.links | length' "$json")" 0
			continue ;;
		esac
		if [ -f "$dir/$cap-radius.pcap" ]; then
			keys=$dir/$cap.keys
			[ -f "$keys" ] || keys=$dir/$name.keys
			check_radius "$dir" "$cap" "$keys"
			[ -s "$dir/$cap.merged" ] && json=$dir/$cap.merged
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
		case $cap in m4-drop-once|pmf-m4-drop|sae-m4-pmksa|flood-m4-drop)
			if [ "$m4_lost_implemented" = yes ]; then
				dropped=$(grep -c ' m4 .* DROP ack=0' "$dir/medium.log")
				lost=$(jq '[.findings[] | select(.code == "M4_LOST")] | length' "$json")
				check "$cap: each msg 4/4 the medium dropped is M4_LOST" "$lost" "$dropped"
			fi ;;
		esac
		check_messy "$dir" "$cap" "$json"
	done
done
echo "$passed passed, $failed failed"
printf '# PASS: %s\n# FAIL: %s\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
