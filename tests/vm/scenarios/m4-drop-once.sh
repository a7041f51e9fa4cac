# fw-medium rule drop:m4:1:
# the first msg 4/4 is lost (not ACKed).  The station has installed the
# PTK, so it answers the AP's msg 3/4 retries with CCMP-protected msg 4/4s
# the AP cannot use; the AP deauthenticates (reason 15); the station
# then reconnects cleanly.
# Captured on hwsim0 (every transmission, with hwsim's ACKs) and on mon0,
# a monitor interface of a third radio made through nl80211 (only what the
# medium delivered to it, no ACKs).
N=m4-drop-once SSID=hwsim-m4-drop-once PASS="lossy air for m4-drop-once"
hwsim_load 3
medium_start 3 drop:m4:1
mon_add wlan2 mon0
cap_start mon0 $N-mon0.pcap
write_confs "$SSID" "$PASS" WPA-PSK 0
run_handshake $N 6
keys_psk "$SSID" "$PASS"
