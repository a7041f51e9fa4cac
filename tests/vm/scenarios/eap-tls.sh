# WPA2-Enterprise: EAP-TLS through a RADIUS server, twice.  hostapd is the
# AP (WPA-EAP, ieee8021x=1) and a RADIUS client of a second hostapd, the
# authentication server (driver=none, eap_server=1) on the guest's
# loopback; wpa_supplicant proves itself with a client certificate.  The
# certificates were made on the host for this boot (certs.sh, /share/certs).
# The station authenticates, disconnects and authenticates again with a
# full EAP exchange (PMKSA caching off on both sides), so two handshakes
# use two PMKs.  Captured on the air (hwsim0) and on lo (the RADIUS
# exchange, UDP 1812); hostapd -dd -K logs each PMK, the server's log each
# MSK it derived.  fourway's only key is the RADIUS secret.
N=eap-tls SSID=hwsim-eap-tls SECRET="shared by the ap and its radius server"
ID=station@fourway.test
hwsim_load 2
cp /share/certs/ca.pem /share/certs/server.pem /share/certs/server.key \
	/share/certs/client.pem /share/certs/client.key . || log "no certificates in /share/certs"
cat >as.conf <<CONF
driver=none
interface=lo
eap_server=1
eap_user_file=eap_user
ca_cert=ca.pem
server_cert=server.pem
private_key=server.key
tls_flags=[DISABLE-TIME-CHECKS]
radius_server_clients=radius_clients
radius_server_auth_port=1812
CONF
printf '"%s" TLS\n' "$ID" >eap_user
printf '127.0.0.1/32 %s\n' "$SECRET" >radius_clients	# the rest of the line, unquoted
cat >ap.conf <<CONF
interface=wlan0
driver=nl80211
driver_params=control_port=0
ctrl_interface=/run/hostapd
ssid=$SSID
hw_mode=g
channel=1
ieee8021x=1
wpa=2
wpa_key_mgmt=WPA-EAP
rsn_pairwise=CCMP
disable_pmksa_caching=1
wpa_disable_eapol_key_retries=1
own_ip_addr=127.0.0.1
nas_identifier=hwsim-ap
auth_server_addr=127.0.0.1
auth_server_port=1812
auth_server_shared_secret=$SECRET
CONF
cat >sta.conf <<CONF
ctrl_interface=/run/wpa_supplicant
network={
ssid="$SSID"
key_mgmt=WPA-EAP
proto=RSN
pairwise=CCMP
eap=TLS
identity="$ID"
ca_cert="ca.pem"
client_cert="client.pem"
private_key="client.key"
phase1="tls_disable_time_checks=1"
scan_freq=2412
}
CONF
cap_start hwsim0 $N.pcap
cap_start lo $N-radius.pcap udp port 1812
hostapd -dd -K -t as.conf >radius-server.log 2>&1 &
PIDS="$PIDS $!"
wait_for radius-server.log AP-ENABLED 100 && log "radius server up" || log "radius server not enabled"
ap_start
sta_start
WPA="wpa_cli -p /run/wpa_supplicant -i wlan1"
if wait_state COMPLETED 40; then
	sleep 1
	ping_ll
	# the second authentication: nothing cached on either side, a full EAP-TLS
	$WPA disconnect >/dev/null
	wait_state DISCONNECTED 10
	$WPA pmksa_flush >/dev/null
	sleep 1
	$WPA reconnect >/dev/null
	wait_state COMPLETED 40 && sleep 1 && ping_ll
fi
sleep 1
stop_all
printf 'radius-secret "%s"\n' "$SECRET" >$N.keys
