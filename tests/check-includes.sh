#!/bin/sh
# A stage includes only the headers of the stages below it (STYLE.md):
#   util <- decode, crypto, capture <- keys (crypto) <- handshake <- output
#   util <- logs (daemon logs, beside keys) <- handshake (the log detectors), output
#   handshake, output <- check (expectations, judging, baseline, TAP, JUnit)
#   <- cli (the commands: every stage)
# Every source file of src/ lives in a stage folder.  The driver
# (cli/drive.c, drive.h: libfwdrive.a) sits below the commands: it includes
# only capture, decode, handshake and util, and it is the one header of
# cli/ that tests, fuzz targets and the benchmark may include.  A stage's
# internal.h is for that stage's own files.
# Prints every forbidden include and fails if there is one.
top=${top_srcdir:-.}
status=0
stages="util decode crypto capture keys logs handshake output check synth cli"
allowed() {
	case $1 in
	util) echo "util" ;;
	decode) echo "util decode" ;;
	crypto) echo "util crypto" ;;
	capture) echo "util capture" ;;
	keys) echo "util crypto keys" ;;
	logs) echo "util logs" ;;
	handshake) echo "util decode crypto keys logs handshake" ;;
	output) echo "util handshake logs output" ;;
	check) echo "util handshake output check" ;;
	synth) echo "util decode crypto capture synth" ;;
	cli) echo "$stages" ;;
	drive) echo "util decode capture handshake cli/drive.h" ;;
	esac
}
bad() {
	echo "check-includes: $*"
	echo bad >> "${TMPDIR:-/tmp}/fw-includes.$$"
}
# No source outside a stage folder, and no folder that is not a stage.
for f in "$top"/src/*; do
	name=$(basename "$f")
	if [ -d "$f" ]; then
		case " $stages " in *" $name "*) ;; *) bad "$f: src/$name is not a stage" ;; esac
	else
		case $name in *.c|*.h|*.mk) bad "$f: a source outside a stage folder" ;; esac
	fi
done
for dir in "$top"/src/*/; do
	stage=$(basename "$dir")
	for f in "$dir"*.c "$dir"*.h; do
		[ -e "$f" ] || continue
		as=$stage
		case $f in */src/cli/drive.[ch]) as=drive ;; esac
		ok=$(allowed "$as")
		[ -n "$ok" ] || continue
		grep -n '^#include "' "$f" | while IFS= read -r line; do
			inc=$(printf '%s\n' "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
			case $inc in */*) ;; *) continue ;; esac
			good=no
			for a in $ok; do
				case $inc in "$a"/*|"$a") good=yes ;; esac
			done
			case $inc in */internal.h)
				[ "${inc%/internal.h}" = "$stage" ] || good=no ;;
			esac
			[ $good = yes ] || bad "$f: $line: stage '$as' may not include '$inc'"
		done
	done
done
# Below the commands, only the driver's header of cli/.
for f in "$top"/tests/*/*.c "$top"/tests/*/*.h "$top"/fuzz/*.c "$top"/fuzz/*.h \
	"$top"/bench/*.c; do
	[ -e "$f" ] || continue
	grep -n '^#include "cli/' "$f" | grep -v '"cli/drive.h"' | while IFS= read -r line; do
		bad "$f: $line: only cli/drive.h may be used outside src/cli/"
	done
done
if [ -s "${TMPDIR:-/tmp}/fw-includes.$$" ]; then
	status=1
fi
rm -f "${TMPDIR:-/tmp}/fw-includes.$$"
# Banned functions (git's list of footguns).
if grep -nE '\b(sprintf|strcpy|strcat|strtok|atoi|gets)\s*\(' "$top"/src/*/*.c 2>/dev/null | grep -v snprintf | grep -vE '^\S+:[0-9]+:\s*(\*|//)'; then
	echo "check-includes: banned function used (use snprintf, memcpy with bounds, strtol)"
	status=1
fi
# Curses only in the TUI, libpcap and libnl only in the capture stage (STYLE.md).
for f in "$top"/src/*/*.c "$top"/src/*/*.h; do
	case $f in */src/output/tui*) ;; *)
		if grep -nE '^#include <(n?curses|ncursesw/)' "$f"; then
			echo "check-includes: $f: curses outside src/output/tui*.c"
			status=1
		fi ;;
	esac
	case $f in */src/capture/*) ;; *)
		if grep -nE '^#include <(pcap|netlink/|linux/nl80211)' "$f"; then
			echo "check-includes: $f: libpcap or libnl outside src/capture/"
			status=1
		fi ;;
	esac
done
[ $status = 0 ] && echo "check-includes: every stage includes only the stages below it"
exit $status
