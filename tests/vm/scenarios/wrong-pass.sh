# The station has the wrong passphrase: the AP rejects every msg 2/4 MIC,
# resends msg 1/4, gives up with a deauthentication (reason 15); the station
# tries again.  The keys are the AP's (the right passphrase).
N=wrong-pass SSID=hwsim-wrong PASS="what the ap was given" BAD="what the station typed"
hwsim_load 2
write_confs "$SSID" "$PASS" WPA-PSK 0
sed -i "s/psk=\"$PASS\"/psk=\"$BAD\"/" sta.conf
WAIT_S=8 run_handshake $N 0
keys_psk "$SSID" "$PASS"
