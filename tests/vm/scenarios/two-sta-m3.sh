# Two stations join at once, so their handshakes interleave on the air:
# wlan1 (02:00:00:00:01:00) cleanly, wlan2 (02:00:00:00:02:00) with its
# first two msgs 3/4 lost (fw-medium drop:m3:2>2: only msgs 3/4 addressed
# to the second station).  Captured on hwsim0.
N=two-sta-m3 SSID=hwsim-two-sta PASS="two stations one lossy"
hwsim_load 3
medium_start 3 "drop:m3:2>2"
write_confs "$SSID" "$PASS" WPA-PSK 0
sed 's|/run/wpa_supplicant|/run/wpa_supplicant2|' sta.conf >sta2.conf
cap_start hwsim0 "$N.pcap"
ap_start
wpa_supplicant -D nl80211 -i wlan1 -c sta.conf -dd -K -t >wpa_supplicant.log 2>&1 &
PIDS="$PIDS $!"
wpa_supplicant -D nl80211 -i wlan2 -c sta2.conf -dd -K -t >wpa_supplicant2.log 2>&1 &
PIDS="$PIDS $!"
log "two wpa_supplicants started"
wait_state COMPLETED 20
i=0
while [ "$i" -lt 100 ]; do
	wpa_cli -p /run/wpa_supplicant2 -i wlan2 status 2>/dev/null | grep -q '^wpa_state=COMPLETED' && break
	sleep 0.1
	i=$((i + 1))
done
log "wlan2: $(wpa_cli -p /run/wpa_supplicant2 -i wlan2 status 2>/dev/null | sed -n 's/^wpa_state=//p')"
sleep 1
stop_all
keys_psk "$SSID" "$PASS"
