#!/bin/sh
# wskeys.sh - `analyze --export-keys` against Wireshark: for every capture
# of captures/ with 802.11 frames whose .expect gives a key and says a
# handshake completed, tshark given only the exported TKs (the "tk" lines
# of the file, as Wireshark's 80211_keys table in a configuration folder
# of the test's own) decrypts exactly the unicast data frames fourway
# decrypted (--export-decrypted, compared by timestamp), and none without
# the file.  The whole file (with the PMKs as "wpa-psk") loads without a
# complaint from tshark.  The file is mode 0600 and every key line has
# the table's form.
# SKIP (77) without tshark.  Prints "N passed, N failed" last.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup wskeys
caps=$top/captures
need tshark
need_fw

# tshark reads its personal configuration from $XDG_CONFIG_HOME/wireshark
# (or ~/.wireshark): both point into $tmp, so no user's settings count.
ts() {
	HOME=$tmp/home XDG_CONFIG_HOME=$tmp/cfg tshark -o wlan.enable_decryption:TRUE "$@" 2>>"$tmp/ts.err"
}
mkdir -p "$tmp/home" "$tmp/cfg/wireshark"
keys=$tmp/cfg/wireshark/80211_keys

# unicast data frames tshark opened: they dissect as LLC or EAPOL
DECRYPTED='wlan.fc.type == 2 && wlan.fc.protected == 1 && (llc || eapol) && !(wlan.ra[0] & 1)'

total=0
for exp in "$caps"/*.expect; do
	cap=${exp%.expect}
	[ -f "$cap" ] || cap=$cap.pcap
	[ -f "$cap" ] || continue
	name=${cap##*/}
	# only the captures of the air (radiotap): the others hold no 802.11 frames
	case $name in *-any.pcap | *-sll.pcap | *-wlan0.pcap) continue ;; esac
	grep -Eq '^handshakes complete [1-9]' "$exp" || continue
	: >"$tmp/kf"
	sed -n 's/^key \(psk .*\)$/\1/p; s/^key \(pmk .*\)$/\1/p' "$exp" >>"$tmp/kf"
	kl=$(sed -n 's/^key keylog \(.*\)$/\1/p' "$exp")
	[ -n "$kl" ] && echo "keylog $(cd "$caps" && pwd)/$kl" >>"$tmp/kf"
	[ -s "$tmp/kf" ] || continue
	rm -f "$tmp/all" "$tmp/dec.pcap"
	"$fw" analyze --key-file "$tmp/kf" --export-keys "$tmp/all" \
		--export-decrypted "$tmp/dec.pcap" -w /dev/null "$cap" 2>"$tmp/err"
	rc=$?
	check "$name: analyze exits 0" '[ "$rc" -eq 0 ]' "$(head -c 300 "$tmp/err")"
	check "$name: the keys file is mode 0600" '[ "$(stat -c %a "$tmp/all")" = 600 ]'
	check "$name: every line a comment or \"type\",\"hex\"" \
		'! grep -Ev "^(#.*|\"(tk|wpa-psk)\",\"([0-9a-f]{2})+\")$" "$tmp/all" | grep -q .'
	want=$(ts -r "$tmp/dec.pcap" -Y 'wlan.fc.type == 2' -T fields -e frame.time_epoch | sort)
	rm -f "$keys"
	none=$(ts -r "$cap" -Y "$DECRYPTED" -T fields -e frame.time_epoch | sort)
	grep '^"tk",' "$tmp/all" >"$keys"
	got=$(ts -r "$cap" -Y "$DECRYPTED" -T fields -e frame.time_epoch | sort)
	n=$(printf '%s' "$want" | grep -c .)
	total=$((total + n))
	check "$name: no frame opened without the keys" '[ -z "$none" ]'
	check "$name: tshark with the TKs opens the $n frames fourway decrypted" \
		'[ "$got" = "$want" ]' \
		"fourway: $(echo $want | head -c 200) tshark: $(echo $got | head -c 200)"
	cp "$tmp/all" "$keys"
	: >"$tmp/ts.err"
	ts -r "$cap" -c 1 >/dev/null
	check "$name: tshark takes the whole file without a complaint" '! grep -qi "80211_keys\|uat\|error" "$tmp/ts.err"' \
		"$(head -c 300 "$tmp/ts.err")"
done
check "frames were decrypted and compared ($total)" '[ "$total" -gt 50 ]'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
