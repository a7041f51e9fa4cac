# fw-medium rule dup:assoc:1:700:
# the station's association request reaches the AP at once and a copy of
# it again 700 ms later, after the handshake completed (a frame held up on
# the air; the copy has no Retry bit, so hostapd takes it for a new
# association).  hostapd drops the station's PTK and starts a new 4-way
# handshake in the clear; the station, still associated and holding the
# PTK of the first handshake, answers with EAPOL-Key frames encrypted
# under that PTK, which the AP no longer has.  The AP retries msg 1/4 and
# gives up (reason 15); the station reconnects.
# medium_run (lib.sh): captured on hwsim0 and on the sniffer's mon0.
N=reassoc-stale-ptk SSID=hwsim-reassoc PASS="lossy air for reassoc-stale-ptk"
medium_run 7 dup:assoc:1:700
