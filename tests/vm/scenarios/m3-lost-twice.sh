# fw-medium rule drop:m3:2:
# msg 3/4 is lost twice for every receiver (so not ACKed): the AP sends it
# three times, each with a new replay counter; the third gets its msg 4/4.
# Captured on hwsim0 (every transmission, with hwsim's ACKs) and on mon0,
# a monitor interface of a third radio made through nl80211 (only what the
# medium delivered to it, no ACKs).
N=m3-lost-twice SSID=hwsim-m3-lost-twice PASS="lossy air for m3-lost-twice"
hwsim_load 3
medium_start 3 drop:m3:2
mon_add wlan2 mon0
cap_start mon0 $N-mon0.pcap
write_confs "$SSID" "$PASS" WPA-PSK 0
run_handshake $N 1
keys_psk "$SSID" "$PASS"
