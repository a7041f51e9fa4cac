# WPA2-PSK (AKM 2, CCMP, no PMF): one clean 4-way handshake and protected
# pings, seen four ways at once: on the air (hwsim0, radiotap), and as
# EAPOL on the AP's own interface (wlan0: Ethernet), on "any" (Linux cooked
# v2, tcpdump's default there) and on "any" as Linux cooked v1.
# wpa_disable_eapol_key_retries=1 keeps it one clean M1..M4 whatever the
# timing.
N=wpa2-clean SSID=hwsim-clean PASS="plain old wpa2 passphrase"
hwsim_load 2
write_confs "$SSID" "$PASS" WPA-PSK 0 "wpa_disable_eapol_key_retries=1"
cap_start hwsim0 $N.pcap
ap_start
# wlan0 exists before hostapd, but tcpdump refuses it until it is up
cap_start wlan0 $N-wlan0.pcap ether proto 0x888e
cap_start any $N-any.pcap ether proto 0x888e
TCPDUMP_OPTS="-y LINUX_SLL" cap_start any $N-sll.pcap ether proto 0x888e
sta_start
wait_state COMPLETED 20 && sleep 1 && ping_ll
sleep 1
stop_all
keys_psk "$SSID" "$PASS"
