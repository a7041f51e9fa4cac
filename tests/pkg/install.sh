#!/bin/sh
# install.sh - `make install` and `make uninstall` honour DESTDIR and prefix:
# the program, the man page (which man(1) renders), the README and the bash
# completion land where they should, the completion completes subcommands
# and options in bash (and bash-completion's loader finds it, when that is
# installed), and uninstall leaves no file behind.
#
# Needs make, bash and man(1); prints "N passed, N failed" last.
top=${top_srcdir:-.}
bld=${top_builddir:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-install.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

for t in make bash man; do
	command -v $t >/dev/null 2>&1 || { echo "install.sh: $t not found: skipping"; exit 77; }
done
[ -x "$bld/fourway" ] || { echo "install.sh: $bld/fourway not built"; exit 99; }
# a make of our own, not the jobserver of the make running the tests
unset MAKEFLAGS MFLAGS MAKELEVEL
mk() { make -s -C "$bld" "$@"; }

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; [ -z "${2:-}" ] || printf '  %s\n' "$2"; }
check() { if eval "$2"; then ok "$1"; else nok "$1" "${3:-}"; fi; }

# The installation directories as make expands them (prefix=... may be given).
dirs() { mk print-install-dirs "$@" >"$tmp/dirs" && . "$tmp/dirs"; }

# complete WORD...: what _fourway offers for the last word, sorted, one line
complete_words() {
	PATH="$D$bindir:$PATH" bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_fourway
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' bash "$comp" "$@"
}

# --- DESTDIR ------------------------------------------------------------------
D=$tmp/dest
mk install DESTDIR="$D" >"$tmp/log" 2>&1
check "make install DESTDIR: exit 0" '[ $? -eq 0 ]' "$(tail -n 5 "$tmp/log")"
dirs
comp=$D$bashcompletiondir/fourway
check "the program is in bindir" '[ -x "$D$bindir/fourway" ]'
check "the installed program runs" \
	'"$D$bindir/fourway" --version | grep -qx "fourway [0-9][0-9.]*"'
check "the man page is in man1" '[ -f "$D$mandir/man1/fourway.1" ]'
MANWIDTH=80 MANPAGER=cat PAGER=cat man -l "$D$mandir/man1/fourway.1" >"$tmp/man" 2>"$tmp/man.err"
check "man -l renders it" '[ $? -eq 0 ] && grep -q "^NAME" "$tmp/man" && [ ! -s "$tmp/man.err" ]' \
	"$(head -c 300 "$tmp/man.err")"
check "the page documents annotate" 'grep -q "^ANNOTATE" "$tmp/man" && grep -q "fourway annotate" "$tmp/man"'
check "the page's FILES names the completion" \
	'sed -n "/^FILES/,/^SEE ALSO/p" "$tmp/man" | grep -q "bash-completion/completions/fourway"'
check "the README is in docdir" 'cmp -s "$D$docdir/README.md" "$top/README.md"'
check "the completion is in bash-completion's directory" 'cmp -s "$comp" "$top/completions/fourway.bash"'
check "the zsh completion is in zsh's vendor-completions" \
	'cmp -s "$D$zshcompletiondir/_fourway" "$top/completions/_fourway"'
case $bashcompletiondir in
"$datadir"/*|"$prefix"/*) ok "the completion directory is under the prefix ($bashcompletiondir)" ;;
*) nok "the completion directory is under the prefix" "$bashcompletiondir" ;;
esac
want=$(pkg-config --define-variable=prefix="$prefix" --define-variable=datadir="$datadir" \
	--variable=completionsdir bash-completion 2>/dev/null) || want=
[ -n "$want" ] || want=$datadir/bash-completion/completions
check "it is bash-completion's completionsdir ($want)" '[ "$bashcompletiondir" = "$want" ]' \
	"$bashcompletiondir"

# the service, when configure found a place for it
mk print-systemd-dirs >"$tmp/sdirs" && . "$tmp/sdirs"
if [ "$systemdsystemunitdir" != no ]; then
	u=$D$systemdsystemunitdir/fourway-live@.service
	check "the unit is in systemdsystemunitdir ($systemdsystemunitdir)" '[ -f "$u" ]'
	check "its ExecStart runs the installed program" \
		'grep -q "^ExecStart=$bindir/fourway live " "$u"' "$(grep ExecStart "$u")"
	check "the sysusers.d and tmpfiles.d entries are installed" \
		'cmp -s "$D$sysusersdir/fourway.conf" "$top/systemd/fourway.sysusers" &&
		cmp -s "$D$tmpfilesdir/fourway.conf" "$top/systemd/fourway.tmpfiles"'
else
	echo "# configured --without-systemdsystemunitdir: no unit installed"
fi

# --- the completion in bash -------------------------------------------------------
got=$(complete_words fourway an)
check "completes subcommands: 'an' -> analyze annotate" '[ "$got" = "analyze annotate " ]' "$got"
got=$(complete_words fourway "")
for c in analyze annotate codes help; do
	check "lists the subcommand $c" 'echo " $got" | grep -q " $c "' "$got"
done
got=$(complete_words fourway annotate --pa)
check "completes options: annotate --pa -> --passphrase" '[ "$got" = "--passphrase " ]' "$got"
got=$(complete_words fourway annotate -)
for o in -w -r --output --pmk --keylog --bssid --help; do
	check "annotate offers $o" 'echo " $got" | grep -q -- " $o "' "$got"
done
check "annotate does not offer analyze's --json" '! echo " $got" | grep -q -- " --json "' "$got"
got=$(complete_words fourway live -)
check "live offers no option of another program named in the help's prose (-dd, -K)" \
	'! echo " $got" | grep -qE -- " (-dd|-K) "' "$got"
got=$(complete_words fourway analyze --col)
check "analyze --col -> --color=" '[ "$got" = "--color= " ]' "$got"
got=$(complete_words fourway analyze --color=n)
check "--color=n -> --color=never" '[ "$got" = "--color=never " ]' "$got"
got=$(complete_words fourway help ann)
check "help ann -> annotate" '[ "$got" = "annotate " ]' "$got"
got=$(complete_words fourway codes --)
check "codes -- -> --help --implemented" '[ "$got" = "--help --implemented " ]' "$got"
mkdir "$tmp/caps" && : >"$tmp/caps/one.pcap" && : >"$tmp/caps/two.pcapng"
got=$(complete_words fourway annotate --passphrase x "$tmp/caps/o")
check "completes capture files" '[ "$got" = "$tmp/caps/one.pcap " ]' "$got"
got=$(complete_words fourway annotate "$tmp/caps/one.pcap" -w "$tmp/caps/t")
check "completes the file after -w" '[ "$got" = "$tmp/caps/two.pcapng " ]' "$got"
loader=/usr/share/bash-completion/bash_completion
if [ -r "$loader" ]; then
	got=$(XDG_DATA_DIRS="$D$datadir" bash -c '
		source "$1" >/dev/null 2>&1
		__load_completion fourway && complete -p fourway' bash "$loader" 2>&1)
	check "bash-completion's loader finds it under the installed datadir" \
		'echo "$got" | grep -q "_fourway fourway"' "$got"
else
	echo "# bash-completion not installed: its loader not tried"
fi

mk uninstall DESTDIR="$D" >"$tmp/log" 2>&1
check "make uninstall DESTDIR: exit 0" '[ $? -eq 0 ]' "$(tail -n 5 "$tmp/log")"
left=$(find "$D" ! -type d)
check "uninstall leaves no file" '[ -z "$left" ]' "$left"

# --- prefix, without DESTDIR ------------------------------------------------------
P=$tmp/prefix
mk install prefix="$P" >"$tmp/log" 2>&1
check "make install prefix=: exit 0" '[ $? -eq 0 ]' "$(tail -n 5 "$tmp/log")"
for f in bin/fourway share/man/man1/fourway.1 share/doc/fourway/README.md share/fourway/fourway.schema.json \
	share/bash-completion/completions/fourway share/zsh/vendor-completions/_fourway; do
	check "prefix: $f" '[ -f "$P/$f" ]'
done
mk uninstall prefix="$P" >"$tmp/log" 2>&1
left=$(find "$P" ! -type d)
check "make uninstall prefix=: no file left" '[ -z "$left" ]' "$left"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
