# PTK rekey every 4 s and GTK rekey every 3 s (wpa_ptk_rekey, wpa_group_rekey):
# after the first handshake every EAPOL-Key frame travels inside CCMP, so
# a sniffer needs the first handshake's TK to follow them.
N=rekey SSID=hwsim-rekey PASS="rekey early rekey often"
hwsim_load 2
write_confs "$SSID" "$PASS" WPA-PSK 0 "wpa_ptk_rekey=4
wpa_group_rekey=3"
run_handshake $N 9
keys_psk "$SSID" "$PASS"
