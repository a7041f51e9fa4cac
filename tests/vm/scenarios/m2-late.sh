# fw-medium rule delay:m2:1:1500:
# the first msg 2/4 (replay counter 1) is held 1.5 s by the medium (ACKed
# at once), past the AP's msg 1/4 retransmission (replay counter 2, the
# same ANonce; hostapd waits 1.1 s after an acknowledged first 1/4).  The
# station answers that one too, with the same SNonce; that 2/4 reaches the
# AP first and the handshake completes on it; the first 2/4 arrives after,
# a late answer to a superseded 1/4, which hostapd discards for its replay
# counter.  hwsim0 shows the held 2/4 when it was sent, mon0 when the
# medium delivered it.
# medium_run (lib.sh): captured on hwsim0 and on the sniffer's mon0.
N=m2-late SSID=hwsim-m2-late PASS="lossy air for m2-late"
medium_run 1 delay:m2:1:1500
