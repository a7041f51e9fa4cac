# WPA3-Personal: SAE (AKM 8), PMF required.  The PMK comes out of the SAE
# exchange, different every run: the only way to it is the -K log, so the
# keys are "keylog hostapd.log".
N=sae SSID=hwsim-sae PASS="dragonfly secret"
hwsim_load 2
write_confs "$SSID" "$PASS" SAE 2 "wpa_disable_eapol_key_retries=1"
run_handshake $N 1
echo "keylog hostapd.log" >$N.keys	# relative to the key file
