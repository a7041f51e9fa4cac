# WPA3-SAE (PMF required) with fw-medium rule drop:m4:1: the first msg 4/4
# is lost; the station, its PTK installed, answers the msg 3/4 retries with
# protected frames, ignores the AP's unprotected deauthentication (reason
# 15), runs SA Query, ends the association itself and reconnects.  Once
# that is done, a disconnect and reconnect of the station: it offers the
# PMKID of the SAE PMK it cached (open authentication, no SAE exchange) and
# the AP takes it from its PMKSA cache.  Keys: "keylog hostapd.log" (the
# PMK comes out of SAE).  Captured on hwsim0 and on the sniffer's mon0.
N=sae-m4-pmksa SSID=hwsim-sae-m4 PASS="dragonfly with a lost m4"
hwsim_load 3
medium_start 3 drop:m4:1
mon_add wlan2 mon0
cap_start mon0 "$N-mon0.pcap"
cap_start hwsim0 "$N.pcap"
write_confs "$SSID" "$PASS" SAE 2
ap_start
sta_start
WPA="wpa_cli -p /run/wpa_supplicant -i wlan1"
if wait_state COMPLETED 20; then
	# the race and the PMF exchange that ends it take some 5 s
	sleep 8
	if wait_state COMPLETED 20; then
		sleep 1
		$WPA disconnect >/dev/null
		wait_state DISCONNECTED 10
		sleep 1
		$WPA reconnect >/dev/null
		wait_state COMPLETED 20
	fi
fi
sleep 1
stop_all
echo "keylog hostapd.log" >$N.keys	# relative to the key file
