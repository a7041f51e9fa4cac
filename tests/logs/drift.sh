#!/bin/sh
# drift.sh - a long log on a clock that runs at another rate than the
# sniffer's: the drift measured, and the events placed by it.
#
# captures/messy/m2-late is one run, sniffer and hostapd on one clock (its
# offset is 46 us, align.sh).  Four copies of it 100 s apart make a run of
# 301 s: the capture's copies are moved by editcap -t and merged, the log's
# copies have their -t times moved alike and then stretched by 200 ppm
# about the log's first line, t -> t0 + (t - t0) * (1 + 200e-6), and the
# whole capture is moved by 5.25 s more.  The truth is then known: capture
# time = log time + 5.25 s + drift * (log time - t0), with drift
# -200 / (1 + 200e-6) ppm = -199.96 ppm.  The same with the log's clock
# 150 ppm slow.
#
# The estimate must be within 20 ppm of it: over the 301 s the matched
# pairs span, a 20 ppm error moves the last copy by 6 ms, a few times the
# daemon's own latency jitter (residual under 3 ms in align.sh), so a fit
# worse than that could not have kept every pair.  The offset at the log's
# start must be within 1 ms of 5.25 s (issue 19).  Without the drift the
# last copy sits 60 ms off: hostapd's receipt of the last 2/4 (log line 27
# of the last copy) must land between the captured 2/4 and 3/4 of that
# copy, 0.9 ms apart.  The unchanged log, spanning 1 s, keeps the offset
# alone and says why.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
dir=$top/captures/messy
[ -x "$fw" ] || { echo "drift.sh: $fw not built"; exit 99; }
for t in editcap mergecap tshark; do
	command -v $t >/dev/null 2>&1 || { echo "drift.sh: no $t"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-drift.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
cap=$dir/m2-late.pcap
log=$dir/m2-late.hostapd.log
step=100
shift_s=5.25

# the capture: copies k * step later, all moved by shift_s
set --
for k in 0 1 2 3; do
	editcap -F pcap -t "$(awk -v k=$k -v s=$step -v o=$shift_s 'BEGIN { printf "%.6f", k * s + o }')" \
		"$cap" "$tmp/c$k.pcap" >/dev/null 2>&1 || { echo "FAIL: editcap copy $k"; exit 1; }
	set -- "$@" "$tmp/c$k.pcap"
done
mergecap -F pcap -w "$tmp/long.pcap" "$@" || { echo "FAIL: mergecap"; exit 1; }

for ppm in 200 -150; do
	# the log: the same copies, each line's leading "SECONDS.MICROS: " times
	# moved by k * step, then stretched about the first line's time
	awk -v step=$step -v ppm=$ppm '
	FNR == 1 { k++ }
	{
		out = ""; rest = $0
		while (match(rest, /^[0-9]+\.[0-9]+: /)) {
			t = substr(rest, 1, RLENGTH - 2) + 0
			if (!have) { t0 = t; have = 1 }
			t = t0 + (t + (k - 1) * step - t0) * (1 + ppm * 1e-6)
			out = out sprintf("%.6f: ", t)
			rest = substr(rest, RLENGTH + 1)
		}
		print out rest
	}' "$log" "$log" "$log" "$log" >"$tmp/long.hostapd.log"

	"$fw" analyze --json --log "$tmp/long.hostapd.log" "$tmp/long.pcap" >"$tmp/out.json" 2>"$tmp/err" || {
		echo "FAIL: analyze exited $?"; cat "$tmp/err"; exit 1
	}
	fit=$(grep -o '"file":"[^"]*long.hostapd.log","daemon"[^]]*' "$tmp/out.json" | head -n 1)
	num() { echo "$fit" | sed -n "s/.*\"$1\":\\(-\\{0,1\\}[0-9.]*\\).*/\\1/p"; }
	off=$(num offset)
	drift=$(num drift_ppm)
	m=$(num matched)
	echo "long run, log ${ppm} ppm fast: offset $off s, drift $drift ppm, matched $m, $(echo "$fit" | grep -o '"drift_fitted":[a-z]*')"
	if ! echo "$fit" | grep -q '"drift_fitted":true' || [ -z "$off" ] || [ -z "$drift" ]; then
		echo "FAIL: no drift fitted for a log of 301 s"; fail=1
	else
		awk -v o="$off" -v s=$shift_s -v d="$drift" -v p=$ppm 'BEGIN {
			want = -p / (1 + p * 1e-6)
			eo = (o - s) * 1e6; if (eo < 0) eo = -eo
			ed = d - want; if (ed < 0) ed = -ed
			printf "  offset %d us from %s s, drift %.2f ppm from %.2f\n", eo, s, ed, want
			exit !(eo < 1000 && ed < 20)
		}' || { echo "FAIL: wanted the offset within 1 ms of ${shift_s} s and the drift within 20 ppm"; fail=1; }
	fi

	# hostapd's receipt of the last copy's 2/4 (line 27 + 3 * the log's lines)
	n=$(wc -l <"$log")
	line=$((27 + 3 * n))
	t=$(grep -o "{\"file\":\"[^\"]*long.hostapd.log\",\"line\":$line,[^}]*" "$tmp/out.json" |
		sed -n 's/.*"time":\([0-9.]*\),.*"kind":"eapol_rx","message":"2\/4".*/\1/p')
	# the last copy's 2/4 and 3/4 (frames 31 and 33 of m2-late.pcap)
	f=$(tshark -r "$tmp/long.pcap" -Y eapol -T fields -e frame.time_epoch 2>/dev/null | tail -n 3 | head -n 2)
	set -- $f
	echo "last copy: 2/4 received at $t in the log's placement, captured 2/4 at $1 and 3/4 at $2"
	if [ -z "$t" ] || ! awk -v t="$t" -v a="$1" -v b="$2" 'BEGIN { exit !(t > a && t < b) }'; then
		echo "FAIL: the last 2/4's receipt is not placed between the captured 2/4 and 3/4"; fail=1
	fi
done

# the unchanged log spans 1 s: the offset alone, said
"$fw" analyze --log "$log" "$cap" >"$tmp/short.txt" 2>&1
grep -q 'drift not estimated (span 1 s)' "$tmp/short.txt" || {
	echo "FAIL: the short log does not say its drift was not estimated"; grep offset "$tmp/short.txt"; fail=1
}
"$fw" analyze --json --log "$log" "$cap" | grep -q '"drift_fitted":false,"drift_ppm":0.000' || {
	echo "FAIL: the short log's JSON has a drift"; fail=1
}
exit $fail
