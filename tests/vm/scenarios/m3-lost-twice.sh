# fw-medium rule drop:m3:2:
# msg 3/4 is lost twice for every receiver (so not ACKed): the AP sends it
# three times, each with a new replay counter; the third gets its msg 4/4.
# medium_run (lib.sh): captured on hwsim0 and on the sniffer's mon0.
N=m3-lost-twice SSID=hwsim-m3-lost-twice PASS="lossy air for m3-lost-twice"
medium_run 1 drop:m3:2
