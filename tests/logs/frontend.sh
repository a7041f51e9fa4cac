#!/bin/sh
# frontend.sh - a log with no EAPOL-Key event aligned by its TX statuses.
#
# The split-AP scenario of synth has a front end's log (association and
# the TX statuses of the EAPOL-Key frames the state machine sends) written
# on the capture's own clock: synth gives it no offset, so the true offset
# is zero but for the daemon's latency (well under a millisecond).  It
# must align within 1 ms of that, say it did so by its TX statuses, and
# its rows must be on the AP lane of the ladder.  The same log with every
# timestamp moved by a known amount must align back to within 1 ms of it.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
s=$top/captures/synth/split-ap-stale-anonce
[ -x "$fw" ] || { echo "frontend.sh: $fw not built"; exit 99; }
[ -f "$s.pcap" ] && [ -f "$s.ap-frontend.log" ] || { echo "frontend.sh: no split-AP scenario"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-frontend.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

check() {	# FRONT-END-LOG TRUE-OFFSET-SECONDS
	"$fw" analyze --json "$s.pcap" --log "$1" --log "$s.ap-sm.log" \
		--log "$s.wpa_supplicant.log" >"$tmp/out.json" 2>"$tmp/err" || {
		echo "FAIL $1: analyze --json exited $?"; cat "$tmp/err"; fail=1; return
	}
	line=$(grep "^  *{\"file\":\"[^\"]*ap-frontend.log\",\"daemon\"" "$tmp/out.json")
	off=$(printf '%s\n' "$line" | sed -n 's/.*"offset":\(-\{0,1\}[0-9.]*\),.*/\1/p')
	if [ -z "$off" ]; then
		echo "FAIL $1: the front end's log not aligned: $line"; fail=1; return
	fi
	d=$(awk -v a="$off" -v b="$2" 'BEGIN { d = (a - b) * 1e6; if (d < 0) d = -d; printf "%d\n", d }')
	if [ "$d" -ge 1000 ]; then
		echo "FAIL $1: offset $off s, $d us from the true $2 s"; fail=1
	else
		echo "ok $1: offset $off s, $d us from the true $2 s"
	fi
	printf '%s\n' "$line" | grep -q '"matched":3,' ||
		{ echo "FAIL $1: not its 3 TX statuses matched: $line"; fail=1; }
	printf '%s\n' "$line" | grep -q 'aligned by 3 TX status events' ||
		{ echo "FAIL $1: the note does not say the TX statuses: $line"; fail=1; }
	"$fw" analyze "$s.pcap" --log "$1" --log "$s.ap-sm.log" \
		--log "$s.wpa_supplicant.log" >"$tmp/out.txt" 2>"$tmp/err"
	grep -q '^log H1 .*clock offset .* from 3 of 3 TX status events' "$tmp/out.txt" ||
		{ echo "FAIL $1: the alignment report does not name the TX statuses"; fail=1; }
	# the ladder: its three TX statuses on the AP lane (the left one), by the lane's name
	n=$(grep -c '^ *H1:[0-9]* *[-+][0-9.]* *|\[log\] hostapd: TX status ack=1 ' "$tmp/out.txt")
	if [ "$n" -lt 3 ]; then
		echo "FAIL $1: $n TX status rows of H1 on the AP lane"; cat "$tmp/out.txt"; fail=1
	fi
	# the front end hands the 2/4s on without logging them: not a message lost
	if grep -q 'LOG_AIR_MISMATCH.*ap-frontend' "$tmp/out.txt"; then
		echo "FAIL $1: a reception the front end never logs taken for a lost one"; fail=1
	fi
}

check "$s.ap-frontend.log" 0
# its clock 3.5 s ahead of the capture's: both timestamps of a line moved
awk '{ for (i = 1; i <= 2; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) $i = sprintf("%.6f:", $i + 3.5); print }' \
	"$s.ap-frontend.log" >"$tmp/ahead.ap-frontend.log"
check "$tmp/ahead.ap-frontend.log" -3.5
exit $fail
