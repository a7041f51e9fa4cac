#!/bin/sh
# crosscheck.sh - independent tools accept the synthesized handshakes
# (PSK and PSK-SHA256, CCMP and GCMP; SAE captures have the shape only):
#   - tshark, given only the passphrase and SSID, derives the keys from the
#     EAPOL exchange and decrypts the protected data frames (the ICMP echo
#     request and reply inside);
#   - aircrack-ng finds the passphrase from a small word list, and does not
#     find one in a list without it.
# Each tool's part is skipped when it is not installed (exit 77 when both are).
top=${top_srcdir:-.}
caps=$top/captures/synth
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-xcheck.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

have_tshark=no have_aircrack=no
command -v tshark >/dev/null 2>&1 && have_tshark=yes
command -v aircrack-ng >/dev/null 2>&1 && have_aircrack=yes
if [ $have_tshark = no ] && [ $have_aircrack = no ]; then
	echo "crosscheck.sh: neither tshark nor aircrack-ng is installed: skipping"
	exit 77
fi
[ $have_tshark = yes ] || echo "crosscheck.sh: tshark not installed: its checks are skipped"
[ $have_aircrack = yes ] || echo "crosscheck.sh: aircrack-ng not installed: its checks are skipped"

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; [ -z "${2:-}" ] || printf '  %s\n' "$2"; }

# the n-th double-quoted field of the key line (no escapes in these captures)
field() { sed -n 's/^key psk "\([^"]*\)" "\([^"]*\)"$/\'"$2"'/p' "$1"; }

for stem in clean clean-sha256 clean-gcmp clean-sha256-gcmp; do
	pcap=$caps/$stem.pcap
	pass=$(field "$caps/$stem.expect" 1)
	ssid=$(field "$caps/$stem.expect" 2)
	[ -n "$pass" ] && [ -n "$ssid" ] || { nok "$stem: no psk key line in its .expect"; continue; }
	if [ $have_tshark = yes ]; then
		tshark -r "$pcap" -o wlan.enable_decryption:TRUE \
			-o "uat:80211_keys:\"wpa-pwd\",\"$pass:$ssid\"" \
			-Y icmp -T fields -e icmp.type >"$tmp/icmp" 2>"$tmp/err"
		if [ "$(tr '\n' ' ' <"$tmp/icmp")" = "8 0 " ]; then
			ok "$stem: tshark decrypts the echo request and reply with the passphrase"
		else
			nok "$stem: tshark did not decrypt the data frames" \
				"got '$(tr '\n' ' ' <"$tmp/icmp")' $(head -c 200 "$tmp/err")"
		fi
		tshark -r "$pcap" -o wlan.enable_decryption:TRUE \
			-o "uat:80211_keys:\"wpa-pwd\",\"not the passphrase:$ssid\"" \
			-Y icmp -T fields -e icmp.type >"$tmp/icmp" 2>/dev/null
		if [ ! -s "$tmp/icmp" ]; then
			ok "$stem: tshark decrypts nothing with another passphrase"
		else
			nok "$stem: tshark decrypted with a wrong passphrase"
		fi
	fi
	if [ $have_aircrack = yes ]; then
		printf 'password\n12345678\n%s\nqwertyuiop\n' "$pass" >"$tmp/words"
		aircrack-ng -q -w "$tmp/words" -e "$ssid" "$pcap" >"$tmp/out" 2>&1 </dev/null
		if tr '\r' '\n' <"$tmp/out" | grep -aqF "KEY FOUND! [ $pass ]"; then
			ok "$stem: aircrack-ng finds the passphrase"
		else
			nok "$stem: aircrack-ng did not find the passphrase" \
				"$(tr '\r' '\n' <"$tmp/out" | grep -av '^\s*$' | tail -n 3)"
		fi
		printf 'password\n12345678\nqwertyuiop\n' >"$tmp/words"
		aircrack-ng -q -w "$tmp/words" -e "$ssid" "$pcap" >"$tmp/out" 2>&1 </dev/null
		if tr '\r' '\n' <"$tmp/out" | grep -aq "KEY FOUND"; then
			nok "$stem: aircrack-ng found a key in a list without the passphrase"
		else
			ok "$stem: aircrack-ng finds no key in a list without the passphrase"
		fi
	fi
done

# tshark follows the protected exchanges too: the 4/4s the station protected
# with the new TK (early-key-install), and the group rekey (the protected
# group 1/2 gives it the new GTK, which decrypts the broadcast ARP after it).
if [ $have_tshark = yes ]; then
	decrypt() {
		tshark -r "$caps/$1.pcap" -o wlan.enable_decryption:TRUE \
			-o "uat:80211_keys:\"wpa-pwd\",\"$(field "$caps/$1.expect" 1):$(field "$caps/$1.expect" 2)\"" \
			-Y "$2" -T fields -e frame.number 2>/dev/null | wc -l | tr -d ' '
	}
	n=$(decrypt early-key-install 'eapol.type == 3 && wlan.fc.protected == 1')
	if [ "$n" = 2 ]; then
		ok "early-key-install: tshark decrypts the two protected 4/4s"
	else
		nok "early-key-install: tshark decrypts $n protected EAPOL-Key frames, want 2"
	fi
	n=$(decrypt group-rekey 'arp && wlan.fc.protected == 1')
	if [ "$n" = 1 ]; then
		ok "group-rekey: tshark decrypts the broadcast with the GTK of the rekey"
	else
		nok "group-rekey: tshark decrypts $n protected ARP frames, want 1"
	fi	# the 2/4s after the re-association open with the PTK of the first handshake
	n=$(decrypt reassoc-stale-ptk 'eapol.type == 3 && wlan.fc.protected == 1')
	if [ "$n" = 2 ]; then
		ok "reassoc-stale-ptk: tshark decrypts the two protected 2/4s with the earlier PTK"
	else
		nok "reassoc-stale-ptk: tshark decrypts $n protected EAPOL-Key frames, want 2"
	fi
	n=$(decrypt dup-assoc-stale-ptk 'eapol.type == 3 && wlan.fc.protected == 1')
	if [ "$n" = 2 ]; then
		ok "dup-assoc-stale-ptk: tshark decrypts the two protected 2/4s with the PTK of the first 1/4"
	else
		nok "dup-assoc-stale-ptk: tshark decrypts $n protected EAPOL-Key frames, want 2"
	fi
	# PMF: both sides say MFP required; five SA Query requests and no response;
	# three deauthentications, the last (the station's) protected
	n=$(decrypt pmf-deauth-ignored '(wlan.fc.type_subtype == 0 || wlan.fc.type_subtype == 8) && wlan.rsn.capabilities.mfpr == 1 && wlan.rsn.capabilities.mfpc == 1')
	[ "$n" = 4 ] && ok "pmf-deauth-ignored: both beacons and both association requests say MFPR and MFPC" ||
		nok "pmf-deauth-ignored: $n beacons and association requests with MFPR and MFPC, want 4"
	n=$(decrypt pmf-deauth-ignored 'wlan.fixed.category_code == 8 && wlan.fixed.action_code == 0')
	m=$(decrypt pmf-deauth-ignored 'wlan.fixed.category_code == 8 && wlan.fixed.action_code == 1')
	[ "$n" = 5 ] && [ "$m" = 0 ] && ok "pmf-deauth-ignored: tshark decrypts five SA Query requests, no response" ||
		nok "pmf-deauth-ignored: $n SA Query requests and $m responses, want 5 and 0"
	n=$(decrypt pmf-deauth-ignored 'wlan.fc.type_subtype == 12 && wlan.fc.protected == 0')
	m=$(decrypt pmf-deauth-ignored 'wlan.fc.type_subtype == 12 && wlan.fc.protected == 1 && wlan.fixed.reason_code == 2')
	[ "$n" = 2 ] && [ "$m" = 1 ] && ok "pmf-deauth-ignored: two deauthentications in the clear, then the station's protected one" ||
		nok "pmf-deauth-ignored: $n clear and $m protected (reason 2) deauthentications, want 2 and 1"
	n=$(decrypt pmf-spoofed-deauth 'wlan.fixed.category_code == 8 && wlan.fixed.action_code == 0')
	m=$(decrypt pmf-spoofed-deauth 'wlan.fixed.category_code == 8 && wlan.fixed.action_code == 1')
	[ "$n" = 1 ] && [ "$m" = 1 ] && ok "pmf-spoofed-deauth: tshark decrypts the SA Query request and its response" ||
		nok "pmf-spoofed-deauth: $n SA Query requests and $m responses, want 1 and 1"
	n=$(decrypt pmf-deauth-ignored 'icmp')
	[ "$n" = 4 ] && ok "pmf-deauth-ignored: tshark decrypts the pings under both handshakes' keys" ||
		nok "pmf-deauth-ignored: tshark decrypts $n ICMP frames, want 4"
fi

# the 802.1X captures: the wired side against the secret and against the air
if [ $have_tshark = yes ]; then
	for stem in eap-clean stale-key key-late; do
		air=$caps/$stem.pcap wire=$caps/$stem-wired.pcap
		secret=$(sed -n 's/^key radius-secret "\([^"]*\)"$/\1/p' "$caps/$stem.expect")
		[ -n "$secret" ] && [ -e "$wire" ] || { nok "$stem: no secret or no wired capture"; continue; }
		auth() {
			tshark -r "$wire" -o "radius.shared_secret:$1" -o radius.validate_authenticator:TRUE \
				-Y "radius.code == 2 || radius.code == 11" -T fields -e radius.authenticator.valid \
				2>/dev/null | sort | uniq -c | awk '{printf "%s:%s ", $2, $1}'
		}
		n=$(tshark -r "$wire" -Y "radius.code == 2 || radius.code == 11" 2>/dev/null | wc -l | tr -d ' ')
		got=$(auth "$secret")
		if [ "$n" -gt 0 ] && [ "$got" = "1:$n " ]; then
			ok "$stem: tshark finds the $n response authenticators valid with the secret"
		else
			nok "$stem: tshark's verdicts on the response authenticators: '$got', want 1:$n"
		fi
		got=$(auth "not $secret")
		[ "$got" = "0:$n " ] && ok "$stem: and none valid with another secret" ||
			nok "$stem: with another secret tshark says '$got', want 0:$n"
		sta=$(tshark -r "$air" -Y "wlan.fc.type_subtype == 0" -T fields -e wlan.sa 2>/dev/null |
			sort -u | tr 'a-f:' 'A-F-')
		ids=$(tshark -r "$wire" -Y "radius.code == 1" -T fields -e radius.Calling_Station_Id \
			2>/dev/null | sort -u)
		if [ -n "$sta" ] && [ "$ids" = "$sta" ]; then
			ok "$stem: every Calling-Station-Id is the station of the air ($sta)"
		else
			nok "$stem: Calling-Station-Id '$ids', the air's station '$sta'"
		fi
		a=$(tshark -r "$air" -Y eap.identity -T fields -e eap.identity 2>/dev/null | sort -u)
		w=$(tshark -r "$wire" -Y eap.identity -T fields -e eap.identity 2>/dev/null | sort -u)
		[ -n "$a" ] && [ "$a" = "$w" ] && ok "$stem: the wired side relays the air's identity ($a)" ||
			nok "$stem: EAP identity on the air '$a', in RADIUS '$w'"
	done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
