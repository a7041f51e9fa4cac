#!/bin/sh
# harvest.sh RUN CAPTURES: turn the fresh runs of make check-vm (RUN, e.g.
# build/tests/vm/run/out) into sample captures (CAPTURES, e.g. captures/).
# A maintainer's tool, not run by the tests.  Per scenario S it writes:
#   S*.pcap          the captures as tcpdump wrote them
#   S.keylog         the PMK hexdump lines of hostapd's -dd -K log
#   S.hostapd.log    hostapd's lines that tell what happened (completed
#                    handshakes, rejected MICs, messages, retries, deauths)
#   S.medium.log     fw-medium's log, when the scenario had one
#   C.expect         for each capture C, what fourway check must find,
#                    derived from those logs only (never from fourway):
#     key ...                  the keys the daemons were given (SAE: the log)
#     handshakes complete N    N = hostapd's EAPOL-4WAY-HS-COMPLETED lines,
#                              left out where fourway cannot see them yet
#                              (see GAPS below and captures/README.md)
#     expect MIC_BAD           hostapd logged "invalid MIC", else forbid it
#     expect TIMEOUT           hostapd disconnected with reason 15, else forbid
# Only codes whose detector exists (fourway codes --implemented) go in;
# captures/README.md lists the lines to add once the others exist.
set -eu
run=$1 dst=$2
# captures fourway does not see whole yet: no "handshakes complete" line
GAPS="rekey wpa2-clean-any wpa2-clean-sll"
is_gap() { case " $GAPS " in *" $1 "*) return 0 ;; esac; return 1; }

for dir in "$run"/*/; do
	s=$(basename "$dir")
	[ -f "$dir/hostapd.log" ] || continue
	grep -- '- hexdump(len=' "$dir/hostapd.log" | grep 'PMK - hexdump' | sed 's/^[0-9.]*: //' |
		sort -u >"$dst/$s.keylog"
	grep -E 'EAPOL-4WAY-HS-COMPLETED|pairwise key handshake completed|invalid MIC|AP-STA-|reason 15|received EAPOL-Key frame|sending [1-4]/4 msg|Use EAPOL-Key timeout|replay counter|invalid state' \
		"$dir/hostapd.log" | grep -v hexdump >"$dst/$s.hostapd.log"
	[ -f "$dir/medium.log" ] && cp "$dir/medium.log" "$dst/$s.medium.log"
	completed=$(grep -c 'EAPOL-4WAY-HS-COMPLETED' "$dir/hostapd.log" || true)
	rejected=$(grep -c 'invalid MIC' "$dir/hostapd.log" || true)
	deauth15=$(grep -c 'wpa_sta_disconnect .*(reason 15)' "$dir/hostapd.log" || true)
	for p in "$dir"/*.pcap; do
		c=$(basename "$p" .pcap)
		cp "$p" "$dst/$c.pcap"
		{
			if grep -q '^keylog ' "$dir/$s.keys"; then
				echo "key keylog $s.keylog"
			else
				sed 's/^/key /' "$dir/$s.keys"
			fi
			is_gap "$c" || echo "handshakes complete $completed"
			if [ "$rejected" -gt 0 ]; then
				echo "expect MIC_BAD"
			elif [ "$c" != rekey ]; then
				echo "forbid MIC_BAD"
			fi
			if [ "$deauth15" -gt 0 ]; then echo "expect TIMEOUT"; else echo "forbid TIMEOUT"; fi
		} >"$dst/$c.expect"
		echo "harvest: $c.pcap ($(wc -c <"$p") bytes)"
	done
done
