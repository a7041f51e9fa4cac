# fw-medium rule drop:m2:1@2:
# the sniffer's radio (radio 2, mon0) alone misses msg 2/4: the AP
# receives it and the handshake completes; hwsim0 shows it, mon0 does not.
# Captured on hwsim0 (every transmission, with hwsim's ACKs) and on mon0,
# a monitor interface of a third radio made through nl80211 (only what the
# medium delivered to it, no ACKs).
N=sniffer-miss SSID=hwsim-sniffer-miss PASS="lossy air for sniffer-miss"
hwsim_load 3
medium_start 3 drop:m2:1@2
mon_add wlan2 mon0
cap_start mon0 $N-mon0.pcap
write_confs "$SSID" "$PASS" WPA-PSK 0
run_handshake $N 1
keys_psk "$SSID" "$PASS"
