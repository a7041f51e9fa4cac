#!/bin/sh
# manpage.sh - the man page as built (man/fourway.1 from its template):
# lint-clean roff (groff -ww, and mandoc -Tlint when installed), the version
# in the footer, every option each command's --help lists and every code of
# 'fourway codes' documented in it.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup manpage
need groff
need_fw
man=$bld/man/fourway.1
[ -r "$man" ] || { echo "manpage.sh: $man not built" >&2; exit 99; }

groff -ww -z -man "$man" >"$tmp/groff" 2>&1
check "groff -ww finds nothing" '[ ! -s "$tmp/groff" ]' "$(head -c 600 "$tmp/groff")"
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint "$man" >"$tmp/mandoc" 2>&1
	check "mandoc -Tlint finds nothing (style included)" '[ ! -s "$tmp/mandoc" ]' "$(head -c 600 "$tmp/mandoc")"
else
	echo "# mandoc not installed: its lint not run"
fi

version=$("$fw" --version | sed 's/^fourway //')
groff -man -Tutf8 -P-c "$man" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' >"$tmp/page"
check "the page read shows 'fourway $version'" "grep -qF 'fourway $version' \"\$tmp/page\""
check "no placeholder is left" "! grep -q '@[A-Z_]*@' \"\$man\""
for s in SYNOPSIS COMMANDS OPTIONS ENVIRONMENT BUGS 'SEE ALSO' 'EXIT STATUS' EXAMPLES; do
	check "section $s" "grep -qx '.SH $s' \"\$man\""
done
for peer in 'tcpdump (1)' 'tshark (1)' 'hostapd (8)' 'wpa_supplicant (8)' 'iw (8)' \
	'aircrack\-ng (1)' 'hcxpcapngtool (1)'; do
	check "SEE ALSO names $peer" "grep -qxF '.BR $peer,' \"\$man\" || grep -qxF '.BR $peer' \"\$man\""
done

# every option of every command's help: "  -x, --name ARG" lines
for cmd in analyze annotate check live synth codes; do
	"$fw" help "$cmd" >"$tmp/help" 2>&1 || nok "fourway help $cmd" "$(head -c 300 "$tmp/help")"
	grep -E '^  +-' "$tmp/help" | cut -c1-24 | grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*' |
		sed 's/^[ ,]//' | sort -u >"$tmp/opts"
	check "fourway help $cmd lists options" '[ -s "$tmp/opts" ]'
	while read -r opt; do
		# as roff writes it: \-\-name, or \-x not followed by more of a name
		roff=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		check "$cmd $opt is in the man page" \
			"grep -qE -- '$roff([^a-zA-Z0-9]|\\\\-|\$)' \"\$man\""

	done <"$tmp/opts"
done

# every finding code
"$fw" codes | awk '{print $1}' >"$tmp/codes"
check "fourway codes lists codes" '[ -s "$tmp/codes" ]'
while read -r code; do
	check "code $code is in the man page" "grep -qw -- '$code' \"\$man\""
done <"$tmp/codes"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
