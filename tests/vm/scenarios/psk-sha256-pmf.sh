# WPA2-PSK-SHA256 (AKM 6) with PMF required (ieee80211w=2): key descriptor
# version 3, AES-CMAC MICs, the SHA-256 KDF; one clean handshake.
N=psk-sha256-pmf SSID=hwsim-sha256 PASS="sha256 and pmf required"
hwsim_load 2
write_confs "$SSID" "$PASS" WPA-PSK-SHA256 2 "wpa_disable_eapol_key_retries=1"
run_handshake $N 1
keys_psk "$SSID" "$PASS"
