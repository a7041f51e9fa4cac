# WPA2-PSK-SHA256 with PMF required (ieee80211w=2) and fw-medium rule
# drop:m4:1: the first msg 4/4 is lost (not ACKed).  The station has
# installed the PTK; it answers the AP's msg 3/4 retries with protected
# frames the AP cannot use, and the AP gives up with an unprotected
# deauthentication (reason 15), which the station, under PMF, drops: it
# stays associated with its PTK while the AP forgets it (hostapd removes
# the station 5 s after the deauthentication).  A ping from the station
# then reaches an AP that does not know it: the AP answers with an
# unprotected deauthentication (reason 7), which the station drops too but
# checks with an SA Query the AP cannot read; no answer comes, so the
# station ends the association with its own (protected) deauthentication
# and reconnects with a clean handshake.
# Captured on hwsim0 and on the sniffer's mon0.
N=pmf-m4-drop SSID=hwsim-pmf-m4 PASS="pmf with a lost m4"
hwsim_load 3
medium_start 3 drop:m4:1
mon_add wlan2 mon0
cap_start mon0 "$N-mon0.pcap"
cap_start hwsim0 "$N.pcap"
write_confs "$SSID" "$PASS" WPA-PSK-SHA256 2
ap_start
sta_start
if wait_state COMPLETED 20; then
	# the AP's three 3/4 retries and reason 15 (3 s), its 5 s before it
	# removes the station, then the station's ping
	sleep 10
	ll=$(ip -6 addr show dev wlan0 | sed -n 's/.*inet6 \(fe80::[0-9a-f:]*\).*/\1/p' | head -n1)
	ping6 -c 1 -W 1 -I wlan1 "$ll%wlan1" >/dev/null 2>&1
	log "ping to $ll sent"
	sleep 3
	wait_state COMPLETED 20 && sleep 1 && ping_ll
fi
sleep 1
stop_all
keys_psk "$SSID" "$PASS"
