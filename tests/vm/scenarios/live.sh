# fourway live on the real nl80211 path: given the third radio (wlan2, a
# managed interface), it creates its own monitor interface there, tunes it
# to channel 1, follows a real WPA2 handshake, and deletes the interface
# when SIGINT ends it.  Its -w file, its event lines, the interfaces before
# and after and its exit status come back for verify.sh.
N=live SSID=hwsim-live PASS="watched live by fourway"
hwsim_load 3
keys_psk "$SSID" "$PASS"
LD_LIBRARY_PATH=/share/fw/lib /share/fw/fourway live wlan2 --monitor fwlive --channel 1 \
	--no-tui --json --key-file "$N.keys" -w "$N-live.pcapng" >"$N.jsonl" 2>"$N.live.err" &
live=$!
wait_for "$N.jsonl" '"event":"start"' 100 || log "fourway live did not start: $(cat "$N.live.err")"
ip -o link show >"$N.links-during"
write_confs "$SSID" "$PASS" WPA-PSK 0 "wpa_disable_eapol_key_retries=1"
run_handshake $N 1
kill -INT "$live"
wait "$live"
echo "fourway live exit status $?" >>"$N.live.err"
ip -o link show >"$N.links-after"
