#!/bin/sh
# wrong_key.sh - the wrong-key matrix: for every capture in captures/,
# captures/synth/ and captures/messy/ whose .expect says handshakes complete
# (written from the daemons' logs or by the generator, never from fourway), a
# wrong key gives KEY_WRONG and the same handshake outcomes as no key at
# all; a wrong key never turns a handshake the daemons completed into a
# failed one.
#
# A wrong passphrase (with the SSID of the .expect) where the network is a
# PSK one, and a wrong --pmk everywhere.  Then the opposite case: the
# station's passphrase on captures/wrong-pass.pcap (the AP had another one,
# tests/vm/scenarios/wrong-pass.sh) gives M2_REJECTED, the AP's gives
# MIC_BAD "wrong key" and no M2_REJECTED.  Last, the PMKID verdicts: per
# AKM on the generator's captures (the corpus's PMKID-only capture is
# pmkid_corpus.sh's).
#
# Needs jq; prints "N passed, N failed" last.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup wrongkey
caps=$top/captures
need jq
need_fw

BAD_PASS='not the passphrase of any capture'
BAD_PMK=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

# Captures that cannot meet the matrix, and why, from how they were made
# (captures/README.md, the synth scenario's description): a capture that
# lacks every msg 2/4 has no SNonce, so no MIC can be recomputed with any
# key and no key can be shown wrong.
exempt() {
	case $1 in
	sniffer-miss-mon0.pcap)
		why="mon0 missed msg 2/4 (captures/README.md): without its SNonce no MIC can be checked with any key" ;;
	capture-lossy.pcap)
		why="the sniffer missed msg 2/4 (synth capture-lossy): without its SNonce no MIC can be checked with any key" ;;
	*) return 1 ;;
	esac
}

# The outcome of every handshake, in order: [outcome, detail].
outcomes() {
	jq -c '[.links[].handshakes[] | [.outcome, .detail]]' "$1"
}

# matrix CAPTURE EXPECT
matrix() {
	cap=$1 exp=$2 name=${1#"$top"/}
	ssid=$(sed -n 's/^key psk "[^"]*" "\([^"]*\)".*/\1/p' "$exp" | head -n 1)
	kind=$(sed -n 's/^key \([a-z-]*\).*/\1/p' "$exp" | head -n 1)
	dir=$(dirname "$cap")
	set --
	merge=
	for m in $(sed -n 's/^merge \([^ #]*\).*/\1/p' "$exp"); do
		merge="$merge $dir/$m"
	done
	[ -n "$merge" ] && set -- --merge
	# shellcheck disable=SC2086 # the merged files, one word each
	"$fw" analyze --json "$@" "$cap" $merge >"$tmp/none.json" 2>"$tmp/err" ||
		{ nok "$name: no key: fourway failed" "$(head -c 300 "$tmp/err")"; return; }
	want=$(outcomes "$tmp/none.json")
	for how in pmk pass; do
		if [ "$how" = pass ]; then
			# a passphrase gives no SAE, OWE or 802.1X PMK: NO_KEY there, not KEY_WRONG
			[ "$kind" = psk ] || continue
			"$fw" analyze --json "$@" --passphrase "$BAD_PASS" --ssid "$ssid" "$cap" $merge \
				>"$tmp/bad.json" 2>"$tmp/err"
		else
			"$fw" analyze --json "$@" --pmk "$BAD_PMK" "$cap" $merge >"$tmp/bad.json" 2>"$tmp/err"
		fi
		if [ $? -ne 0 ]; then
			nok "$name: wrong $how: fourway failed" "$(head -c 300 "$tmp/err")"
			continue
		fi
		if jq -e '[.findings[] | select(.code == "KEY_WRONG")] | length > 0' "$tmp/bad.json" \
		   >/dev/null; then
			ok "$name: wrong $how: KEY_WRONG"
		else
			nok "$name: wrong $how: no KEY_WRONG" \
			    "$(jq -c '[.findings[] | [.code, .detail]]' "$tmp/bad.json" | head -c 400)"
		fi
		if jq -e '[.findings[] | select(.code == "MIC_BAD" and .diagnosis == "wrong key")]
			  | length == 0' "$tmp/bad.json" >/dev/null; then
			ok "$name: wrong $how: no MIC_BAD \"wrong key\""
		else
			nok "$name: wrong $how: MIC_BAD \"wrong key\" although the sides agree"
		fi
		got=$(outcomes "$tmp/bad.json")
		if [ "$got" = "$want" ]; then
			ok "$name: wrong $how: the outcomes of no key"
		else
			nok "$name: wrong $how: outcomes differ from no key" "got $got, want $want"
		fi
	done
}

n=0
for exp in "$caps"/*.expect "$caps"/synth/*.expect "$caps"/messy/*.expect; do
	complete=$(sed -n 's/^handshakes complete \([0-9][0-9]*\).*/\1/p' "$exp" | head -n 1)
	[ -n "$complete" ] && [ "$complete" -gt 0 ] || continue
	cap=${exp%.expect}
	case $cap in *.pcap) ;; *) cap=$cap.pcap ;; esac
	[ -f "$cap" ] || [ ! -f "$cap.gz" ] || cap=$cap.gz
	[ -f "$cap" ] || { nok "${exp#"$top"/}: no capture beside it"; continue; }
	if exempt "$(basename "$cap")"; then
		echo "# skip ${cap#"$top"/}: $why"
		continue
	fi
	matrix "$cap" "$exp"
	n=$((n + 1))
done
[ "$n" -ge 20 ] && ok "the matrix covers $n captures" || nok "the matrix covers only $n captures"

# How a wrong key shows on one message: JSON "key_wrong", the ladder's
# "MIC key given wrong" (captures/wpa2-clean.pcap: M1..M4 at 20, 22, 24, 26).
run "wpa2-clean, wrong passphrase, JSON" 0 "$fw" analyze --json --passphrase "$BAD_PASS" \
	--ssid hwsim-clean "$caps/wpa2-clean.pcap"
if jq -e '[.links[0].handshakes[0].messages[] | .mic] == ["absent", "key_wrong", "key_wrong",
	  "key_wrong"] and .links[0].handshakes[0].outcome == "complete"
	  and .links[0].handshakes[0].key == null' "$tmp/out" >/dev/null; then
	ok "wpa2-clean, wrong passphrase: mic key_wrong, complete, no key"
else
	nok "wpa2-clean, wrong passphrase: JSON" "$(jq -c '.links[0].handshakes[0]' "$tmp/out" | head -c 600)"
fi
run "wpa2-clean, wrong passphrase, text" 0 "$fw" analyze --passphrase "$BAD_PASS" \
	--ssid hwsim-clean "$caps/wpa2-clean.pcap"
n=$(grep -c "MIC key given wrong" "$tmp/out")
[ "$n" = 3 ] && ok "wpa2-clean, wrong passphrase: the ladder says so on 2/4, 3/4, 4/4" ||
	nok "wpa2-clean, wrong passphrase: ladder" "$n lines"

# The opposite case: the AP had "what the ap was given", the station "what
# the station typed" (tests/vm/scenarios/wrong-pass.sh); hostapd logged
# "invalid MIC in msg 2/4" for each of the four 2/4s (frames 27, 41, 54,
# 68), sent msg 1/4 again after each and deauthenticated (reason 15, frame
# 80): captures/wrong-pass.hostapd.log.
wp=$caps/wrong-pass.pcap
run "wrong-pass, the station's passphrase" 0 "$fw" analyze --json \
	--passphrase "what the station typed" --ssid hwsim-wrong "$wp"
cp "$tmp/out" "$tmp/sta.json"
if jq -e '[.findings[] | select(.code == "M2_REJECTED") | .frames[]] as $f
	  | [27, 41, 54, 68, 80] - $f == []' "$tmp/sta.json" >/dev/null; then
	ok "wrong-pass, the station's passphrase: M2_REJECTED names the four 2/4s and the deauth"
else
	nok "wrong-pass, the station's passphrase: no M2_REJECTED with frames 27, 41, 54, 68, 80" \
	    "$(jq -c '[.findings[] | [.code, .frames]]' "$tmp/sta.json")"
fi
if jq -e '[.findings[] | select(.code == "MIC_BAD" or .code == "KEY_WRONG")] | length == 0' \
   "$tmp/sta.json" >/dev/null; then
	ok "wrong-pass, the station's passphrase: no MIC_BAD, no KEY_WRONG (every 2/4 verifies)"
else
	nok "wrong-pass, the station's passphrase: MIC_BAD or KEY_WRONG"
fi
# The same story in captures/wrong-psk.pcap (its .expect: the station had
# "the wrong passphrase", the AP rejected the 2/4s at 30, 43, 58 and 71 and
# deauthenticated at 83).
run "wrong-psk, the station's passphrase" 0 "$fw" analyze --json \
	--passphrase "the wrong passphrase" --ssid hwsim-wrong "$caps/wrong-psk.pcap"
if jq -e '[.findings[] | select(.code == "M2_REJECTED") | .frames[]] as $f
	  | [30, 43, 58, 71, 83] - $f == []' "$tmp/out" >/dev/null; then
	ok "wrong-psk, the station's passphrase: M2_REJECTED names the four 2/4s and the deauth"
else
	nok "wrong-psk, the station's passphrase" "$(jq -c '[.findings[] | [.code, .frames]]' "$tmp/out")"
fi
run "wrong-pass, the AP's passphrase" 0 "$fw" analyze --json \
	--passphrase "what the ap was given" --ssid hwsim-wrong "$wp"
if jq -e '([.findings[] | select(.code == "MIC_BAD" and .diagnosis == "wrong key")]
	   | length == 1)
	  and ([.findings[] | select(.code == "M2_REJECTED" or .code == "KEY_WRONG")]
	       | length == 0)' "$tmp/out" >/dev/null; then
	ok "wrong-pass, the AP's passphrase: MIC_BAD wrong key, neither M2_REJECTED nor KEY_WRONG"
else
	nok "wrong-pass, the AP's passphrase" "$(jq -c '[.findings[] | .code]' "$tmp/out")"
fi

# The PMKID verdict per AKM, on the generator's captures (its PMKIDs are
# HMAC(PMK, "PMK Name" | AA | SPA) with the AKM's hash, except in
# pmkid-mismatch, whose 1/4 names no known PMK; SAE's comes from the
# exchange): PSK (SHA-1), PSK-SHA256, SAE, and a mismatch.
pmkid_verdict() {
	jq -r '[.links[].handshakes[].messages[] | select(.pmkid) | .pmkid_check.verdict]
	       | unique | join(",")' "$tmp/out"
}
for c in clean:ok clean-sha256:ok pmkid-mismatch:mismatch; do
	run "PMKID of synth ${c%%:*}" 0 "$fw" analyze --json --passphrase "synthetic passphrase" \
		--ssid fourway-synth "$caps/synth/${c%%:*}.pcap"
	v=$(pmkid_verdict)
	[ "$v" = "${c#*:}" ] && ok "PMKID of synth ${c%%:*}: $v" ||
		nok "PMKID of synth ${c%%:*}: $v, want ${c#*:}"
done
run "PMKID of synth clean-sae" 0 "$fw" analyze --json \
	--pmk 463ac2794b38b38734bec14ae48ee2da3a41272c32bd5cab59a0a681752b590c "$caps/synth/clean-sae.pcap"
if jq -e '[.links[].handshakes[].messages[] | select(.pmkid) | .pmkid_check]
	  | length > 0 and all(.verdict == "unchecked" and (.reason | startswith("SAE")))' \
   "$tmp/out" >/dev/null; then
	ok "PMKID of synth clean-sae: unchecked, SAE"
else
	nok "PMKID of synth clean-sae" "$(jq -c '[.links[].handshakes[].messages[] | .pmkid_check]' "$tmp/out")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
