#!/bin/sh
# complete.sh - the completion comes from the tables the parser uses
# (`fourway __complete`): each command is offered the options it takes and
# no other (live is not offered analyze's --merge nor the -dd and -K of
# hostapd named in its help's prose; check is not offered --json), every
# option of each command's --help is offered, and values are the
# program's own: synth's scenario names (synth --list) and link types,
# interface names (/sys/class/net), the commands after help.  Then the
# bash script (completions/fourway.bash) and, when zsh is installed, the
# zsh one (completions/_fourway) are run with the same words.
top=${top_srcdir:-.}
. "$top/tests/lib.sh"
setup complete
need bash
need_fw

# cands WORD...: what `fourway __complete` offers for the last word, sorted, on one line
cands() {
	n=$#
	"$fw" __complete "$n" fourway "$@" | sort | tr '\n' ' '
}
# offered NAME WORD LIST / not_offered NAME WORD LIST
offered() { o=$2 l=$3; check "$1" 'echo " $l" | grep -qF -- " $o "' "$l"; }
not_offered() { o=$2 l=$3; check "$1" '! echo " $l" | grep -qF -- " $o "' "$l"; }

got=$(cands live -)
for o in -dd -K --merge --max-links -v; do
	not_offered "live - does not offer $o" "$o" "$got"
done
for o in --channel --replay --speed -w -Z -r --pmk --help; do
	offered "live - offers $o" "$o" "$got"
done
got=$(cands check --j)
check "check --j -> --jobs --junit (check refuses --json)" '[ "$got" = "--jobs --junit " ]' "$got"
got=$(cands analyze --j)
check "analyze --j -> --json" '[ "$got" = "--json " ]' "$got"
got=$(cands synth -)
not_offered "synth does not offer the key options it does not take (--keylog)" --keylog "$got"
not_offered "... nor -r" -r "$got"

# every option of each command's help is offered, and the parser takes it
for c in analyze live annotate check synth; do
	"$fw" help "$c" | grep -E '^ +-' | cut -c1-24 |
		grep -oE '(^|[ ,])--?[a-zA-Z][a-zA-Z0-9-]*' | sed 's/^[ ,]//' | sort -u >"$tmp/help"
	got=$(cands "$c" -)
	miss=
	while read -r o; do
		case " $got" in *" $o "* | *" $o= "*) ;; *) miss="$miss $o" ;; esac
	done <"$tmp/help"
	check "$c: every option of its --help is offered" '[ -z "$miss" ] && [ -s "$tmp/help" ]' "missing:$miss"
done

want=$("$fw" synth --list | awk '{ print $1 }' | sort | tr '\n' ' ')
got=$(cands synth "")
check "synth: the scenario names of synth --list" '[ -n "$want" ] && [ "$got" = "$want" ]' "$got"
got=$(cands synth m4-lost "")
not_offered "synth: no second scenario" m4-lost "$got"
got=$(cands synth m4-lost --linktype p)
check "synth --linktype p -> ppi prism" '[ "$got" = "ppi prism " ]' "$got"
got=$(cands analyze --color=n)
check "analyze --color=n -> --color=never" '[ "$got" = "--color=never " ]' "$got"
got=$(cands analyze -r "")
check "a file after -r" '[ "$got" = "@files " ]' "$got"
got=$(cands check --policy "")
check "a file after --policy" '[ "$got" = "@files " ]' "$got"
got=$(cands help "")
check "help: the commands" '[ "$got" = "analyze annotate check codes live synth " ]' "$got"
got=$(cands an)
check "an -> analyze annotate" '[ "$got" = "analyze annotate " ]' "$got"
if [ -d /sys/class/net ] && [ -n "$(ls /sys/class/net)" ]; then
	i=$(ls /sys/class/net | head -n 1)
	got=$(cands live "")
	offered "live: the interfaces of /sys/class/net ($i)" "$i" "$got"
	got=$(cands live --monitor "")
	offered "live --monitor: the interfaces" "$i" "$got"
fi

# --- the bash script -------------------------------------------------------------
bcomplete() {
	PATH="$(cd "$bld" && pwd):$PATH" bash -c '
		source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_fourway
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' bash "$top/completions/fourway.bash" "$@"
}
got=$(bcomplete fourway check --j)
check "bash: check --j -> --jobs --junit" '[ "$got" = "--jobs --junit " ]' "$got"
got=$(bcomplete fourway live -)
not_offered "bash: live - does not offer --merge" --merge "$got"
offered "bash: live - offers --replay" --replay "$got"
mkdir "$tmp/caps" && : >"$tmp/caps/one.pcap"
got=$(bcomplete fourway analyze -r "$tmp/caps/o")
check "bash: a file after -r" '[ "$got" = "$tmp/caps/one.pcap " ]' "$got"
got=$(bcomplete fourway synth m4-l)
check "bash: synth m4-l -> its scenarios" 'echo " $got" | grep -q " m4-lost "' "$got"

# --- the zsh script, its completion builtins stood in for --------------------------
if command -v zsh >/dev/null 2>&1; then
	zcomplete() {
		PATH="$(cd "$bld" && pwd):$PATH" zsh -f -c '
			compadd() { while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -S ]] && shift; shift; done
				[[ $1 == -- ]] && shift; reply+=("$@"); }
			_files() { reply+=(@files); }
			typeset -a reply
			file=$1; shift
			words=("$@"); CURRENT=$#
			source "$file"
			print -l -- $reply | sort | tr "\n" " "' zsh "$top/completions/_fourway" "$@"
	}
	got=$(zcomplete fourway check --j)
	check "zsh: check --j -> --jobs --junit" '[ "$got" = "--jobs --junit " ]' "$got"
	got=$(zcomplete fourway live -)
	not_offered "zsh: live - does not offer --merge" --merge "$got"
	offered "zsh: live - offers --replay" --replay "$got"
	got=$(zcomplete fourway analyze -r x)
	check "zsh: files after -r" '[ "$got" = "@files " ]' "$got"
	got=$(zcomplete fourway analyze --col)
	check "zsh: --col -> --color= (no space after it; --colour is taken, not offered)" '[ "$got" = "--color= " ]' "$got"
else
	echo "# zsh not installed: its script not run"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
