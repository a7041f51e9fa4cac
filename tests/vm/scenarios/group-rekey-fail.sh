# A failed group rekey: GTK rekey every 5 s (wpa_group_rekey=5); fw-medium
# rule drop:prot179:4>1 drops the first four protected data frames of 179
# bytes addressed to the station: the group msg 1/2 inside CCMP (802.11
# header, CCMP header and MIC, LLC, the EAPOL-Key frame with the wrapped GTK
# KDE; no ping or neighbour message to the station has that length).
# hostapd sends the group 1/2 four times, gives up and deauthenticates the
# station (reason 16, group key handshake timeout); the station
# reconnects and the next rekey goes through.
# Captured on hwsim0 (the medium's log names each frame it took).
N=group-rekey-fail SSID=hwsim-group-fail PASS="lossy air for group-rekey-fail"
hwsim_load 2
medium_start 2 "drop:prot179:4>1"
write_confs "$SSID" "$PASS" WPA-PSK 0 "wpa_group_rekey=5"
run_handshake "$N" 10
keys_psk "$SSID" "$PASS"
