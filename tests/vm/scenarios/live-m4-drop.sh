# fourway live over the dropped-4/4 race (fw-medium drop:m4:1, as in
# m4-drop-once): its own monitor interface on the third radio, which sees
# what the medium delivered to it and no ACKs; the station's protected
# answers to the 3/4 retries and the reason-15 deauthentication are there,
# and its findings must be those analyze draws from its -w file.
N=live-m4-drop SSID=hwsim-live-m4 PASS="the race watched live"
hwsim_load 3
medium_start 3 drop:m4:1
keys_psk "$SSID" "$PASS"
LD_LIBRARY_PATH=/share/fw/lib /share/fw/fourway live wlan2 --monitor fwlive --channel 1 \
	--no-tui --json --key-file "$N.keys" -w "$N-live.pcapng" >"$N.jsonl" 2>"$N.live.err" &
live=$!
wait_for "$N.jsonl" '"event":"start"' 100 || log "fourway live did not start: $(cat "$N.live.err")"
ip -o link show >"$N.links-during"
write_confs "$SSID" "$PASS" WPA-PSK 0
run_handshake $N 6
kill -INT "$live"
wait "$live"
echo "fourway live exit status $?" >>"$N.live.err"
ip -o link show >"$N.links-after"
