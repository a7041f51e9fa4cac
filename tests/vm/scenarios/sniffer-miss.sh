# fw-medium rule drop:m2:1@2:
# the sniffer's radio (radio 2, mon0) alone misses msg 2/4: the AP
# receives it and the handshake completes; hwsim0 shows it, mon0 does not.
# medium_run (lib.sh): captured on hwsim0 and on the sniffer's mon0.
N=sniffer-miss SSID=hwsim-sniffer-miss PASS="lossy air for sniffer-miss"
medium_run 1 drop:m2:1@2
