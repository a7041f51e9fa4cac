# The nl80211 monitor path without the medium: a third radio gets a monitor
# interface (iw: NL80211_CMD_NEW_INTERFACE, then SET_WIPHY to channel 1);
# one WPA2 handshake captured on mon0 and on hwsim0 at once.
N=monitor SSID=hwsim-monitor PASS="monitor mode by nl80211"
hwsim_load 3
mon_add wlan2 mon0
cap_start mon0 $N-mon0.pcap
write_confs "$SSID" "$PASS" WPA-PSK 0 "wpa_disable_eapol_key_retries=1"
run_handshake $N 1
keys_psk "$SSID" "$PASS"
