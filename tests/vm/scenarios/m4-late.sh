# fw-medium rule delay:m4:1:1500:
# the first msg 4/4 is held 1.5 s by the medium (ACKed at once), past the
# AP's msg 3/4 retry; the second msg 4/4 completes the handshake and the
# stale first one arrives afterwards.
# Captured on hwsim0 (every transmission, with hwsim's ACKs) and on mon0,
# a monitor interface of a third radio made through nl80211 (only what the
# medium delivered to it, no ACKs).
N=m4-late SSID=hwsim-m4-late PASS="lossy air for m4-late"
hwsim_load 3
medium_start 3 delay:m4:1:1500
mon_add wlan2 mon0
cap_start mon0 $N-mon0.pcap
write_confs "$SSID" "$PASS" WPA-PSK 0
run_handshake $N 2
keys_psk "$SSID" "$PASS"
