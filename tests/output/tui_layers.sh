#!/bin/sh
# tui_layers.sh - the live screen's objects call each other one way
# (tui_internal.h): tui.o calls the rows, the panes and the findings;
# those call only tui_draw.o, the bottom; tui_draw.o calls none of them.
# Read from the objects' symbols (nm): an edge A -> B when A uses a symbol
# B defines.  Fails on an edge the layers do not allow, and on any circle.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup tui-layers
command -v nm >/dev/null 2>&1 || skip "nm not found"
dir=$bld/src/output
set -- "$dir"/libfwtui_a-tui*.o
[ -e "$1" ] || { echo "tui_layers.sh: no tui objects in $dir"; exit 99; }
for o in "$@"; do
	n=$(basename "$o" .o)
	n=${n#libfwtui_a-}
	nm --defined-only "$o" | awk -v n="$n" '$2 ~ /^[TDRB]$/ { print "def", n, $3 }'
	nm -u "$o" | awk -v n="$n" '{ print "use", n, $2 }'
done >"$tmp/syms"
awk '$1 == "def" { owner[$3] = $2 } $1 == "use" { u[++nu] = $2 " " $3 }
END { for (i = 1; i <= nu; i++) { split(u[i], p, " "); if ((p[2] in owner) && owner[p[2]] != p[1]) print p[1], owner[p[2]] } }' \
	"$tmp/syms" | sort -u >"$tmp/edges"
check "the objects call each other at all (the symbols were read)" '[ -s "$tmp/edges" ]' "$(cat "$tmp/syms" | head)"
# allowed FROM TO
allowed() {
	case $1:$2 in
	tui:tui_rows | tui:tui_panes | tui:tui_find | tui:tui_draw) return 0 ;;
	tui_rows:tui_draw | tui_panes:tui_draw | tui_find:tui_draw) return 0 ;;
	esac
	return 1
}
while read -r a b; do
	check "$a -> $b is allowed" 'allowed "$a" "$b"' "$a calls $(awk -v a="$a" -v b="$b" '
		$1 == "def" && $2 == b { d[$3] = 1 } $1 == "use" && $2 == a { u[$3] = 1 }
		END { for (s in u) if (s in d) printf "%s ", s }' "$tmp/syms")in $b"
done <"$tmp/edges"
# no circle: every object can be taken off once those it calls are (Kahn)
left=$(awk '{ e[$1, $2] = 1; out[$1]++; node[$1]; node[$2] } END {
	do { removed = 0
		for (n in node) if (!(n in gone) && !out[n]) { gone[n]; removed = 1
			for (m in node) if (!(m in gone) && ((m, n) in e)) out[m]-- }
	} while (removed)
	for (n in node) if (!(n in gone)) printf "%s ", n }' "$tmp/edges" 2>/dev/null)
check "no circle among the tui objects" '[ -z "$left" ]' "in a circle: $left"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
