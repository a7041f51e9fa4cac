#!/bin/sh
# align.sh - the daemons' logs of real runs put on their capture's clock.
#
# In captures/messy the sniffer (hwsim0) and both daemons ran in one VM on
# one clock, so the true offset is zero up to the daemons' own latency:
# every log there must align with an offset and a residual under 3 ms, all
# its EAPOL-Key events matched but for outliers.  Then the same capture
# with every timestamp moved by a known amount (editcap -t, rewritten at
# test time) must align back to within 1 ms of that amount.  A log of
# another run (no message in common) must say it could not be aligned.
top=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
fw=$bld/fourway
dir=$top/captures/messy
[ -x "$fw" ] || { echo "align.sh: $fw not built"; exit 99; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-align.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

# One number of a log's line of the JSON document ("logs" array, one log a line).
field() {	# FILE-SUFFIX KEY < json
	grep "^  *{\"file\":\"[^\"]*$1\",\"daemon\"" | sed -n "s/.*\"$2\":\\(-\\{0,1\\}[0-9.]*\\).*/\\1/p" | head -n 1
}
# |a - b| in microseconds, from two decimal seconds
diff_us() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = (a - b) * 1e6; if (d < 0) d = -d; printf "%d\n", d }'
}

check_run() {	# STEM CAPTURE [SHIFT]
	s=$1
	c=$2
	shift_s=${3:-0}
	set --
	for l in "$dir/$s".hostapd.log "$dir/$s".wpa_supplicant*.log; do
		[ -f "$l" ] && set -- "$@" --log "$l"
	done
	"$fw" analyze --json "$@" --keylog "$dir/$s.keylog" "$c" >"$tmp/out.json" 2>"$tmp/err" || {
		echo "FAIL $s: analyze exited $?"; cat "$tmp/err"; fail=1; return
	}
	for l in "$dir/$s".hostapd.log "$dir/$s".wpa_supplicant*.log; do
		[ -f "$l" ] || continue
		b=$(basename "$l")
		off=$(field "$b" offset <"$tmp/out.json")
		res=$(field "$b" residual_us <"$tmp/out.json")
		m=$(field "$b" matched <"$tmp/out.json")
		cand=$(field "$b" candidates <"$tmp/out.json")
		outl=$(field "$b" outliers <"$tmp/out.json")
		if [ -z "$off" ] || [ -z "$res" ]; then
			echo "FAIL $s $b (shift $shift_s s): not aligned"; fail=1; continue
		fi
		d=$(diff_us "$off" "$shift_s")
		echo "$s $b shift ${shift_s}s: offset $off s ($d us from the shift), residual $res us, matched $m of $cand ($outl outliers)"
		if [ "$d" -ge 3000 ] || [ "$res" -ge 3000 ] || [ "$m" -lt 3 ] || [ $((m + outl)) -ne "$cand" ]; then
			echo "FAIL $s $b: wanted the offset within 3 ms of ${shift_s}s, a residual under 3 ms, every event matched"
			fail=1
		fi
		echo "$off" >"$tmp/$s.$b.$shift_s"
	done
}

for s in m2-late group-rekey-fail pmf-m4-drop reassoc-stale-ptk sae-m4-pmksa two-sta-m3; do
	check_run "$s" "$dir/$s.pcap"
done

# Logs of another run: nothing in common (other addresses), or the same
# addresses but the station's SNonces on none of the captured 2/4s: said,
# no offset.
for pair in "m2-late.hostapd.log $top/captures/wpa2-psk.pcap" \
	"m2-late.wpa_supplicant.log $dir/group-rekey-fail.pcap" \
	"m2-late.wpa_supplicant.log $top/captures/wpa2-psk.pcap"; do
	set -- $pair
	"$fw" analyze --json --log "$dir/$1" "$2" >"$tmp/other.json" 2>/dev/null
	if ! grep -q '"aligned":false' "$tmp/other.json" || ! grep -q 'by order only' "$tmp/other.json"; then
		echo "FAIL: $1 aligned to $2, a capture of another run"; fail=1
	else
		echo "$1 against $(basename "$2"): not aligned, as it should"
	fi
done

# The dropped 4/4 of pmf-m4-drop: the station's own log installs the PTK
# (line 51, "WPA: Installing PTK to the driver") before its 4/4 (frame 21,
# never acknowledged: the medium dropped it, pmf-m4-drop.medium.log) went
# on the air, which confirms EARLY_KEY_INSTALL from the station's side.
"$fw" analyze --json --keylog "$dir/pmf-m4-drop.keylog" --log "$dir/pmf-m4-drop.wpa_supplicant.log" \
	"$dir/pmf-m4-drop.pcap" >"$tmp/early.json" 2>"$tmp/err"
if ! grep -q '"code":"EARLY_KEY_INSTALL".*"confirmed_by_log":{"file":"[^"]*pmf-m4-drop.wpa_supplicant.log","line":51,"kind":"key_install","detail":"PTK","relative_to_frame":21,"relative_us":-' "$tmp/early.json"; then
	echo "FAIL: EARLY_KEY_INSTALL of pmf-m4-drop not confirmed by line 51 of the station's log"; fail=1
else
	echo "pmf-m4-drop: EARLY_KEY_INSTALL confirmed by line 51 of the station's log"
fi
# without the station's log, nothing is said to confirm it
"$fw" analyze --json --keylog "$dir/pmf-m4-drop.keylog" --log "$dir/pmf-m4-drop.hostapd.log" \
	"$dir/pmf-m4-drop.pcap" >"$tmp/early2.json" 2>"$tmp/err"
if grep -q confirmed_by_log "$tmp/early2.json"; then
	echo "FAIL: the AP's log was taken to confirm the station's early install"; fail=1
fi

# A key file's log lines are --log options.
printf 'keylog %s\nlog %s\n' "$dir/m2-late.keylog" "$dir/m2-late.hostapd.log" >"$tmp/keys.txt"
"$fw" analyze --json --key-file "$tmp/keys.txt" "$dir/m2-late.pcap" >"$tmp/kf.json" 2>"$tmp/err"
if [ "$(field m2-late.hostapd.log matched <"$tmp/kf.json")" != 5 ]; then
	echo "FAIL: the key file's log line was not read and aligned"; cat "$tmp/err"; fail=1
fi

# A binary file as a log: a note, no event, the report as without it.
"$fw" analyze --json --log "$fw" "$dir/m2-late.pcap" >"$tmp/bin.json" 2>"$tmp/err" || {
	echo "FAIL: analyze with a binary --log exited $?"; fail=1
}
grep -q 'not text' "$tmp/bin.json" || { echo "FAIL: a binary --log was not said"; fail=1; }

# The same captures shifted by a known amount align back within 1 ms of it.
if command -v editcap >/dev/null 2>&1; then
	for s in m2-late pmf-m4-drop; do
		for sh in 5.25 -3600.000123; do
			editcap -t "$sh" "$dir/$s.pcap" "$tmp/$s.shifted.pcap" >/dev/null 2>&1 || {
				echo "FAIL: editcap -t $sh $s.pcap"; fail=1; continue
			}
			check_run "$s" "$tmp/$s.shifted.pcap" "$sh"
			for l in "$tmp/$s".*.0; do
				b=${l%.0}
				[ -f "$b.$sh" ] || continue
				moved=$(awk -v a="$(cat "$b.$sh")" -v b="$(cat "$l")" -v s="$sh" \
					'BEGIN { d = (a - b - s) * 1e6; if (d < 0) d = -d; printf "%d\n", d }')
				echo "  ${b##*/}: the offset moved by the shift within $moved us"
				if [ "$moved" -ge 1000 ]; then
					echo "FAIL: ${b##*/}: the offset moved $moved us away from the ${sh}s shift"
					fail=1
				fi
			done
		done
	done
else
	echo "align.sh: no editcap: the shifted captures are not tried"
	[ $fail = 0 ] && exit 77
fi
exit $fail
