#!/bin/sh
# pmkid_corpus.sh - the PMKID verdicts on a real capture: the corpus's
# aircrack-ng/test-pmkid.pcap (a beacon and one msg 1/4 carrying a PMKID;
# its passphrase and SSID from GROUND_TRUTH.md) verified by its passphrase,
# also with the AKM unknown, and refuted by another.  SKIP without the
# corpus.
#
# Needs jq; prints "N passed, N failed" last.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup pmkid
need jq
need_fw
need_corpus aircrack-ng/test-pmkid.pcap

# The report says the PMKID verified the key, and JSON carries the verdict.
pmkid=$corpus/aircrack-ng/test-pmkid.pcap
run "PMKID only, its passphrase" 0 "$fw" analyze --passphrase SP-91862D361 "$pmkid"
if grep -qF "verified with key 1 (PMKID)" "$tmp/out" && grep -qF "PMKID ok with key 1" "$tmp/out"
then
	ok "PMKID only: verified with key 1 (PMKID), on the ladder too"
else
	nok "PMKID only: not verified by its PMKID" "$(head -c 600 "$tmp/out")"
fi
run "PMKID only, JSON" 0 "$fw" analyze --json --passphrase SP-91862D361 "$pmkid"
if jq -e '.links[0].handshakes[0] as $h | $h.key == 1 and $h.key_by == "pmkid"
	  and $h.messages[0].pmkid_check.verdict == "ok" and $h.messages[0].pmkid_check.key == 1' \
   "$tmp/out" >/dev/null; then
	ok "PMKID only, JSON: key 1 by the PMKID"
else
	nok "PMKID only, JSON" "$(head -c 600 "$tmp/out")"
fi
run "PMKID only, another passphrase" 0 "$fw" analyze --json --passphrase SP-91862D362 "$pmkid"
if jq -e '[.findings[] | select(.code == "PMKID_MISMATCH" and .severity == "warning")]
	  | length == 1' "$tmp/out" >/dev/null &&
   jq -e '.links[0].handshakes[0].messages[0].pmkid_check.verdict == "mismatch"' \
   "$tmp/out" >/dev/null; then
	ok "PMKID only, another passphrase: PMKID_MISMATCH (warning)"
else
	nok "PMKID only, another passphrase" "$(jq -c '.findings' "$tmp/out")"
fi
# Without its beacon (the first record: a 24-byte file header, then a
# 16-byte record header and the frame) nothing names the AKM: the key
# descriptor version of msg 1/4 (2: HMAC-SHA1) fixes the PMKID's hash.
if [ "$(od -An -tx1 -N4 "$pmkid" | tr -d ' ')" = d4c3b2a1 ]; then
	len=$(od -An -tu4 -j32 -N4 "$pmkid" | tr -d ' ')
	head -c 24 "$pmkid" >"$tmp/m1only.pcap"
	tail -c +$((24 + 16 + len + 1)) "$pmkid" >>"$tmp/m1only.pcap"
	run "PMKID only, no beacon" 0 "$fw" analyze --json --passphrase SP-91862D361 \
		--ssid WLAN-771698 "$tmp/m1only.pcap"
	if jq -e '.links[0].akm == null and .links[0].handshakes[0].messages[0].frame == 1
		  and .links[0].handshakes[0].messages[0].pmkid_check.verdict == "ok"' \
	   "$tmp/out" >/dev/null; then
		ok "PMKID only, no beacon: the AKM unknown, verified by the descriptor version's hash"
	else
		nok "PMKID only, no beacon" "$(head -c 600 "$tmp/out")"
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
