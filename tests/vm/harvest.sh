#!/bin/sh
# harvest.sh [--messy] RUN CAPTURES: turn the fresh runs of make check-vm (RUN, e.g.
# build/tests/vm/run/out) into sample captures (CAPTURES, e.g. captures/).
# A maintainer's tool, not run by the tests.  Per scenario S it writes:
#   S*.pcap          the captures as tcpdump wrote them
#   S.keylog         the PMK hexdump lines of hostapd's -dd -K log, in the
#                    order hostapd first used each PMK
#   S.hostapd.log    hostapd's lines that tell what happened (completed
#                    handshakes, rejected MICs, messages, retries, deauths)
#   S.medium.log     fw-medium's log, when the scenario had one
#   S.radius-server.log  with a RADIUS server (802.1X): its lines that tell
#                    what it did (each MSK it derived, Access-Accepts)
#   C.expect         for each capture C, what fourway check must find,
#                    derived from those logs only (never from fourway):
#     key ...                  the keys the daemons were given (SAE: the log)
#     handshakes complete N    N = hostapd's EAPOL-4WAY-HS-COMPLETED lines
#                              and the group 2/2 messages it received
#     expect MIC_BAD           hostapd logged "invalid MIC", else forbid it
#     expect TIMEOUT           hostapd disconnected with reason 15, else forbid
#     merge S-radius.pcap      the RADIUS exchange captured beside the air
#                              (802.1X): that file is then checked only as
#                              part of S.pcap, and with the RADIUS secret
#                              the only key, forbid NO_KEY
#   and from the medium's log, on hwsim0 (which taps before the medium and
#   sees every ACK):
#     expect M4_LOST, EARLY_KEY_INSTALL, M3_RETRY_AFTER_INSTALL
#                              it dropped a 4/4 unacknowledged (wpa_supplicant
#                              installs the PTK once 4/4 is sent, so its
#                              answers to the 3/4 retries leave protected)
#     expect M3_LOST           it dropped a 3/4 unacknowledged
#     expect M4_IGNORED        it delayed an acknowledged 4/4 past the retry
#     forbid CAPTURE_LOSSY     always: hwsim0 misses no frame
#   on a monitor of another radio (no ACKs there) nothing from a missing ACK:
#     forbid M4_LOST, M3_LOST; expect CAPTURE_LOSSY where that radio alone
#     missed a frame
# With --messy (captures/messy/: what fourway may still get wrong) it writes
# no .expect: those are written by hand from the logs, with the line numbers
# of the trimmed logs it keeps instead, each wider than the above:
#   S.hostapd.log, S.wpa_supplicant.log (and S.wpa_supplicant2.log with a
#                    second station): the lines of both daemons' -dd -t logs
#                    that tell what each sent, received, installed, dropped
#                    and why, with the management frames of joining and
#                    leaving, SA Query and the group key handshakes
#   S.flood.log      what fw-flood sent, when a scenario had one
#   S*.pcap.gz       a capture over 1 MB (a busy channel), compressed
set -eu
messy=no
[ "${1:-}" = --messy ] && { messy=yes; shift; }
run=$1 dst=$2

# messy_logs DIR S: the trimmed logs of both daemons (no key material
# beyond the PMK lines the keylog keeps; the station's SNonces, which the
# air shows anyway, are kept to tell a renewed one from a reused one)
messy_logs() {
	grep -E 'EAPOL-4WAY-HS-COMPLETED|pairwise key handshake completed|group key handshake|invalid MIC|AP-STA-|reason|received EAPOL-Key frame|sending [1-4]/[24] msg|Use EAPOL-Key timeout|EAPOL-Key timeout|Retry limit|replay counter|invalid state|discard|IEEE 802.11: (authent|associat|deauth|disassoc)|association request|Add associated STA|Data/PS-poll|Class 3|rekeying GTK|TX status for STA|acknowledged deauth|Removing STA|SA Query|PMKSA|PMKID|SAE:.*(state|accept|confirm)|WPA_PTK entering|WPA_PTK_GROUP entering|DEL_KEY|set_key.*alg=[1-9]' \
		"$1/hostapd.log" | grep -v hexdump >"$dst/$2.hostapd.log" || true
	for w in "$1"/wpa_supplicant*.log; do
		grep -E 'RX message|Sending EAPOL-Key|no_encrypt|State: |CTRL-EVENT-(CONNECTED|DISCONNECTED|EAP|SSID)|Installing|WPA: Key negotiation|Unprotected|SA Query|SME: |reason|PMKSA|PMKID|Trying to (authenticate|associate)|Associated with|Group rekeying|replay counter|Invalid|discard|drop|Ignore|SAE: |Renewed SNonce' \
			"$w" | awk '(!/hexdump/ || /Renewed SNonce/) && !/SAE: (counter|pwd-seed|PWE)/' >"$dst/$2.$(basename "$w")" || true
	done
}
medium() { [ -f "$dir/medium.log" ] && grep -q -- "$1" "$dir/medium.log"; }

for dir in "$run"/*/; do
	s=$(basename "$dir")
	[ -f "$dir/hostapd.log" ] || continue
	grep -- '- hexdump(len=' "$dir/hostapd.log" | grep 'PMK - hexdump' | sed 's/^[0-9.]*: //' |
		awk '!seen[$0]++' >"$dst/$s.keylog"
	if [ "$messy" = yes ]; then
		messy_logs "$dir" "$s"
		[ -f "$dir/medium.log" ] && cp "$dir/medium.log" "$dst/$s.medium.log"
		[ -f "$dir/flood.log" ] && cp "$dir/flood.log" "$dst/$s.flood.log"
		for p in "$dir"/*.pcap; do
			c=$(basename "$p")
			rm -f "$dst/$c" "$dst/$c.gz"
			# a capture of a busy channel is large: kept compressed
			if [ "$(wc -c <"$p")" -gt 1000000 ]; then
				gzip -9 -n -c "$p" >"$dst/$c.gz"
				c=$c.gz
			else
				cp "$p" "$dst/$c"
			fi
			echo "harvest: $c ($(wc -c <"$dst/$c") bytes)"
		done
		continue
	fi
	grep -E 'EAPOL-4WAY-HS-COMPLETED|pairwise key handshake completed|invalid MIC|AP-STA-|reason 15|received EAPOL-Key frame|sending [1-4]/4 msg|Use EAPOL-Key timeout|replay counter|invalid state|CTRL-EVENT-EAP-SUCCESS|STA identity|authenticated - EAP type|\(Access-Accept\)' \
		"$dir/hostapd.log" | grep -v hexdump >"$dst/$s.hostapd.log"
	[ -f "$dir/medium.log" ] && cp "$dir/medium.log" "$dst/$s.medium.log"
	[ -f "$dir/radius-server.log" ] &&
		grep -E 'EAP-TLS: Derived key|CTRL-EVENT-EAP-SUCCESS|Sending Access-Accept' \
			"$dir/radius-server.log" >"$dst/$s.radius-server.log"
	# every handshake counts, 4-way and group-key alike (as fourway check counts them)
	completed=$(($(grep -c 'EAPOL-4WAY-HS-COMPLETED' "$dir/hostapd.log" || true) +
		$(grep -c 'received EAPOL-Key frame (2/2 Group)' "$dir/hostapd.log" || true)))
	rejected=$(grep -c 'invalid MIC' "$dir/hostapd.log" || true)
	deauth15=$(grep -c 'wpa_sta_disconnect .*(reason 15)' "$dir/hostapd.log" || true)
	for p in "$dir"/*.pcap; do
		c=$(basename "$p" .pcap)
		cp "$p" "$dst/$c.pcap"
		case $c in *-radius) echo "harvest: $c.pcap ($(wc -c <"$p") bytes)"; continue ;; esac
		{
			if grep -q '^keylog ' "$dir/$s.keys"; then
				echo "key keylog $s.keylog"
			else
				sed 's/^/key /' "$dir/$s.keys"
			fi
			if [ -f "$dir/$c-radius.pcap" ]; then
				echo "merge $c-radius.pcap"
				echo "forbid NO_KEY"
			fi
			echo "handshakes complete $completed"
			if [ "$rejected" -gt 0 ]; then echo "expect MIC_BAD"; else echo "forbid MIC_BAD"; fi
			if [ "$deauth15" -gt 0 ]; then echo "expect TIMEOUT"; else echo "forbid TIMEOUT"; fi
			case $c in
			*-mon0)
				echo "forbid M4_LOST"
				echo "forbid M3_LOST"
				if medium 'DROP-at-radio'; then echo "expect CAPTURE_LOSSY"; fi ;;
			*-wlan0|*-any|*-sll) ;;
			*)
				if medium ' m4 .* DROP ack=0'; then
					echo "expect M4_LOST"
					echo "expect EARLY_KEY_INSTALL"
					echo "expect M3_RETRY_AFTER_INSTALL"
				fi
				if medium ' m3 .* DROP ack=0'; then echo "expect M3_LOST"; fi
				if medium ' m4 .* DELAY.*ack=1'; then echo "expect M4_IGNORED"; fi
				# hwsim0 taps before the medium: it misses nothing
				echo "forbid CAPTURE_LOSSY" ;;
			esac
		} >"$dst/$c.expect"
		echo "harvest: $c.pcap ($(wc -c <"$p") bytes)"
	done
done
