#!/bin/sh
# regress.sh - replay every fuzz target's inputs once (make check): the
# seeds in fuzz/seeds, the inputs of past crashes in fuzz/regress (each
# fixed since), and seeds cut from captures/ by mkseeds.  Under the
# sanitizer build a read past a buffer fails here; in any build a crash or
# an abort() of a target's own checks does.  Prints "N passed, N failed".
top=${top_srcdir:-.}
bld=${top_builddir:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-regress.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0

"$bld/fuzz/mkseeds" "$tmp" "$top/captures/"*.pcap >/dev/null || { echo "mkseeds failed"; exit 1; }
for t in radiotap dot11 eapol ie keyfile keylog pipeline dlog capfile baseline; do
	for d in "$top/fuzz/seeds/$t" "$top/fuzz/regress/$t" "$tmp/$t"; do
		[ -d "$d" ] || continue
		n=$(find "$d" -type f | wc -l)
		[ "$n" -gt 0 ] || continue
		if find "$d" -type f -print0 | xargs -0 "$bld/fuzz/fuzz_$t" >"$tmp/log" 2>&1; then
			passed=$((passed + 1))
			echo "ok - fuzz_$t replays $n inputs of $d"
		else
			failed=$((failed + 1))
			echo "not ok - fuzz_$t on $d"
			tail -n 20 "$tmp/log"
		fi
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
