# The dropped-4/4 race on a busy channel: a second station (wlan2,
# 02:00:00:00:02:00) joins first, then sends 8500 small UDP datagrams a
# second to the AP for 3 s (fw-flood: each one data frame, which the AP's
# radio acknowledges); 0.3 s into the flood the first station (wlan1) joins,
# and fw-medium drops its first msg 4/4 (drop:m4:1<1: only 4/4s radio 1
# transmitted).  The race then goes as in m4-drop-once, shortened by
# wpa_pairwise_update_count=2 (3/4 sent twice): a protected answer to the
# 3/4 retry, reason 15, a clean reconnection, all within the flood.
# Captured on hwsim0 (every transmission and ACK); fw-flood's output
# (flood.log) says how many datagrams it sent in how long.
N=flood-m4-drop SSID=hwsim-flood PASS="a busy channel and a lost m4"
hwsim_load 3
medium_start 3 "drop:m4:1<1"
write_confs "$SSID" "$PASS" WPA-PSK 0 "wpa_pairwise_update_count=2"
sed 's|/run/wpa_supplicant|/run/wpa_supplicant2|' sta.conf >sta2.conf
cap_start hwsim0 "$N.pcap"
ap_start
wpa_supplicant -D nl80211 -i wlan2 -c sta2.conf -dd -K -t >wpa_supplicant2.log 2>&1 &
PIDS="$PIDS $!"
i=0
while [ "$i" -lt 100 ]; do
	wpa_cli -p /run/wpa_supplicant2 -i wlan2 status 2>/dev/null | grep -q '^wpa_state=COMPLETED' && break
	sleep 0.1
	i=$((i + 1))
done
# both ends' link-local addresses usable (DAD done)
i=0 ll=
while [ "$i" -lt 50 ]; do
	ll=$(ip -6 addr show dev wlan0 | grep -v tentative | sed -n 's/.*inet6 \(fe80::[0-9a-f:]*\).*/\1/p' | head -n1)
	me=$(ip -6 addr show dev wlan2 | grep -v tentative | grep -c 'inet6 fe80')
	[ -n "$ll" ] && [ "$me" -gt 0 ] && break
	sleep 0.1
	i=$((i + 1))
done
log "wlan2 joined; the AP is $ll"
fw-flood wlan2 "$ll" 8500 3 >flood.log 2>&1 &
flood=$!
sleep 0.3
sta_start
wait "$flood"
log "$(cat flood.log)"
wait_state COMPLETED 10
sleep 1
stop_all
keys_psk "$SSID" "$PASS"
