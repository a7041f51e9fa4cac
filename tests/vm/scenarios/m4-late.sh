# fw-medium rule delay:m4:1:1500:
# the first msg 4/4 is held 1.5 s by the medium (ACKed at once), past the
# AP's two msg 3/4 retries.  The station, its PTK installed, answers those
# with CCMP-protected msg 4/4s the AP cannot use; the late plaintext msg 4/4
# (replay counter 2, one the AP still accepts) completes the handshake.
# medium_run (lib.sh): captured on hwsim0 and on the sniffer's mon0.
N=m4-late SSID=hwsim-m4-late PASS="lossy air for m4-late"
medium_run 2 delay:m4:1:1500
