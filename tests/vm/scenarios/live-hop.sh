# fourway live hopping over channels 1 and 6 on the real nl80211 path, run
# as nobody after the capture is open (-Z): it must keep just the one
# capability it still needs (CAP_NET_ADMIN) to retune the monitor interface
# at every dwell and to delete it on SIGINT.  The hops run on a thread of
# their own, started after the privileges were dropped: every thread of the
# process is read from /proc (its identity and capabilities), and the
# interface's channel is sampled while it hops.  The AP's beacons on
# channel 1 must reach the -w file.  The station joins while it hops (the
# handshake itself may fall in a dwell on channel 6).
#
# Beside it, a second fourway live over two radios (wlan3, wlan4) hopping
# over 1, 6 and 11: the list spread over the radios (the first starts on
# 1, the second on 6, each stepping two channels), each radio with a
# thread of its own, and the final stats naming each interface's drops.
N=live-hop SSID=hwsim-hop PASS="hopping over one and six"
hwsim_load 5
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
LD_LIBRARY_PATH=/share/fw/lib /share/fw/fourway live wlan3 wlan4 --hop 1,6,11 \
	--dwell 200ms --no-tui --json --key-file "$N.keys" >"$N.two.jsonl" 2>"$N.two.err" &
two=$!
wait_for "$N.jsonl" '"event":"start"' 100 || log "fourway live did not start: $(cat "$N.hop.err")"
wait_for "$N.two.jsonl" '"event":"start"' 100 ||
	log "fourway live on two radios did not start: $(cat "$N.two.err")"
ip -o link show >"$N.links-during"
# every thread: the hop thread must hold what the main thread kept, no more
for t in /proc/"$live"/task/*; do
	grep -E '^(Uid|Gid|CapEff|CapPrm):' "$t/status" | tr '\n\t' '  '
	echo
done >"$N.tasks"
grep -E '^(Uid|Gid|CapEff|CapPrm):' "/proc/$live/status" >"$N.status"
ls "/proc/$two/task" | wc -l >"$N.two.tasks"
# the two radios' monitors, from the start line ("capturing on fwmonA,fwmonB, ...")
mons=$(sed -n 's/.*"capturing on \([a-z0-9]*\),\([a-z0-9]*\),.*/\1 \2/p' "$N.two.jsonl" | head -n1)
echo "$mons" >"$N.two.mons"
chan() { iw dev "$1" info 2>&1 | sed -n 's/^[[:space:]]*channel \([0-9]*\) .*/\1/p'; }
i=0
while [ "$i" -lt 30 ]; do
	chan fwlive >>"$N.channels"
	# the two radios sampled together: one line "CH_A CH_B"
	set -- $mons
	[ $# -eq 2 ] && echo "$(chan "$1") $(chan "$2")" >>"$N.two.channels"
	sleep 0.1
	i=$((i + 1))
done
sta_start
wait_state COMPLETED 20
kill -INT "$live" "$two"
wait "$live"
echo "fourway live exit status $?" >>"$N.hop.err"
wait "$two"
echo "fourway live exit status $?" >>"$N.two.err"
mv "$out/$N-live.pcapng" "$N-live.pcapng" 2>>"$N.hop.err"
ip -o link show >"$N.links-after"
stop_all
