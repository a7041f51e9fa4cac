# fw-medium rule drop:m4:1:
# the first msg 4/4 is lost (not ACKed).  The station has installed the
# PTK, so it answers the AP's msg 3/4 retries with CCMP-protected msg 4/4s
# the AP cannot use; the AP deauthenticates (reason 15); the station
# then reconnects cleanly.
# medium_run (lib.sh): captured on hwsim0 and on the sniffer's mon0.
N=m4-drop-once SSID=hwsim-m4-drop-once PASS="lossy air for m4-drop-once"
medium_run 6 drop:m4:1
