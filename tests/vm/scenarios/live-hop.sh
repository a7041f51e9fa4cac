# fourway live hopping over channels 1 and 6 on the real nl80211 path, run
# as nobody after the capture is open (-Z): it must keep just the one
# capability it still needs (CAP_NET_ADMIN) to retune the monitor interface
# at every dwell and to delete it on SIGINT.  The interface's channel is
# sampled while it hops, the process's identity read from /proc, and the
# AP's beacons on channel 1 must reach the -w file.  The station joins
# while it hops (the handshake itself may fall in a dwell on channel 6).
N=live-hop SSID=hwsim-hop PASS="hopping over one and six"
hwsim_load 3
keys_psk "$SSID" "$PASS"
write_confs "$SSID" "$PASS" WPA-PSK 0
ap_start
# fourway creates its -w file after it leaves root: in a folder nobody may write
out=/tmp/$N.out
mkdir -p "$out" && chown nobody "$out"
LD_LIBRARY_PATH=/share/fw/lib /share/fw/fourway live wlan2 --monitor fwlive --hop 1,6 \
	--dwell 200ms -Z nobody --no-tui --json --key-file "$N.keys" -w "$out/$N-live.pcapng" \
	>"$N.jsonl" 2>"$N.hop.err" &
live=$!
wait_for "$N.jsonl" '"event":"start"' 100 || log "fourway live did not start: $(cat "$N.hop.err")"
ip -o link show >"$N.links-during"
grep -E '^(Uid|Gid|CapEff|CapPrm):' "/proc/$live/status" >"$N.status"
i=0
while [ "$i" -lt 30 ]; do
	iw dev fwlive info 2>&1 | sed -n 's/^[[:space:]]*channel \([0-9]*\) .*/\1/p' >>"$N.channels"
	sleep 0.1
	i=$((i + 1))
done
sta_start
wait_state COMPLETED 20
kill -INT "$live"
wait "$live"
echo "fourway live exit status $?" >>"$N.hop.err"
mv "$out/$N-live.pcapng" "$N-live.pcapng" 2>>"$N.hop.err"
ip -o link show >"$N.links-after"
stop_all
