#!/bin/sh
# deb.sh - build the Debian package from the source tree and try it:
#   1. copy the tree (git's files, or the unpacked release tarball) and run
#      `dpkg-buildpackage -us -uc -b` in the copy (installing the missing
#      build dependencies with apt when run as root);
#   2. lintian: no error allowed;
#   3. the package depends on library packages, never on -dev ones;
#   4. when debootstrap is at hand (and we are root): a fresh Debian 12
#      chroot from the mirror, `apt install ./fourway_*.deb` in it, and
#      `fourway analyze` of captures/wrong-psk.pcap run from the package.
# Each step prints its wall time.  `make check-deb` runs it.
#
# Environment: DEB_MIRROR (default http://deb.debian.org/debian),
# DEB_SUITE (bookworm), KEEP=1 keeps the work directory.
# Exit 0 when everything ran and passed, 1 on a failure, 77 when the tools
# are missing (saying which).
set -u
top=${top_srcdir:-$(dirname "$0")/../..}
top=$(cd "$top" && pwd)
mirror=${DEB_MIRROR:-http://deb.debian.org/debian}
suite=${DEB_SUITE:-bookworm}
work=$(mktemp -d "${TMPDIR:-/tmp}/fourway-deb.XXXXXX") || exit 99
root=$work/chroot

cleanup() {
	if mountpoint -q "$root/proc" 2>/dev/null; then
		umount "$root/proc" 2>/dev/null || umount -l "$root/proc"
	fi
	if mountpoint -q "$root/proc" 2>/dev/null; then
		echo "deb.sh: $root/proc still mounted: $work left in place"
	elif [ "${KEEP:-}" = 1 ]; then
		echo "deb.sh: kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/  /'; }
now() { date +%s; }
took() { echo "# $1: $(($(now) - $2)) s"; }
finish() {
	took "total" "$t_all"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}
t_all=$(now)

for t in dpkg-buildpackage dpkg-deb; do
	command -v $t >/dev/null 2>&1 || { echo "deb.sh: $t not found (apt install dpkg-dev): skipping"; exit 77; }
done
[ -f "$top/debian/control" ] || { echo "deb.sh: $top/debian/control missing"; exit 99; }

# --- 1. the source copy and the build ------------------------------------------
src=$work/fourway
mkdir -p "$src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# what git tracks plus new files not ignored: never build products
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh |
		tar -cf - -T -) | tar -C "$src" -xf -
else
	(cd "$top" && tar --exclude='./build*' --exclude=./autom4te.cache --exclude='./_build' \
		-cf - .) | tar -C "$src" -xf -
fi
[ -f "$src/configure.ac" ] || { nok "copy the source tree"; finish; }

if ! (cd "$src" && dpkg-checkbuilddeps) >"$work/deps" 2>&1; then
	missing=$(sed -n 's/.*Unmet build dependencies: //p' "$work/deps" |
		sed 's/([^)]*)//g; s/<[^>]*>//g; s/ *| *[^ ]*//g')	# versions, profiles, alternatives
	if [ "$(id -u)" -ne 0 ]; then
		echo "deb.sh: missing build dependencies ($missing); run as root or install them: skipping"
		exit 77
	fi
	echo "# installing build dependencies:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing \
		>"$work/apt.log" 2>&1 || { nok "install build dependencies" "$(tail -n 5 "$work/apt.log")"; finish; }
fi

t=$(now)
(cd "$src" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1
rc=$?
took "dpkg-buildpackage -us -uc -b" "$t"
if [ $rc -ne 0 ]; then
	# a test that failed in the build's make check: its name and its log
	# (VERBOSE=1 put test-suite.log in the build's), then the build's end
	nok "dpkg-buildpackage -us -uc -b" "$(grep -E '^(FAIL|ERROR):' "$work/build.log"
		awk 'prev ~ /^(FAIL|ERROR): / && /^=+$/ { on = 1; print prev } on { print }
			/ \(exit status: [0-9]+\)$/ { on = 0 } { prev = $0 }' "$work/build.log" | head -n 80
		tail -n 30 "$work/build.log")"
	finish
fi
ok "dpkg-buildpackage -us -uc -b"
deb=$(ls "$work"/fourway_*.deb 2>/dev/null | grep -v dbgsym | head -n 1)
[ -n "$deb" ] && ok "built $(basename "$deb")" || { nok "a .deb was built"; finish; }
grep -E '^(PASS|SKIP|FAIL|ERROR):' "$work/build.log" | sed 's/^/# make check in the build: /'

# --- 2. lintian ---------------------------------------------------------------
if command -v lintian >/dev/null 2>&1; then
	t=$(now)
	lintian --no-tag-display-limit "$work"/fourway_*.changes >"$work/lintian.log" 2>&1
	took "lintian" "$t"
	sed 's/^/# lintian: /' "$work/lintian.log"
	errors=$(grep '^E: ' "$work/lintian.log")
	[ -z "$errors" ] && ok "lintian: no error" || nok "lintian: no error" "$errors"
else
	echo "# lintian not installed: not run"
fi

# --- 3. what the package holds and needs -----------------------------------------
dpkg-deb -c "$deb" >"$work/contents"
for f in ./usr/bin/fourway ./usr/share/man/man1/fourway.1.gz \
	./usr/share/bash-completion/completions/fourway ./usr/share/zsh/vendor-completions/_fourway \
	./usr/share/doc/fourway/copyright ./lib/systemd/system/fourway-live@.service \
	./usr/lib/sysusers.d/fourway.conf ./usr/lib/tmpfiles.d/fourway.conf; do
	grep -q " $f\$" "$work/contents" && ok "the package holds $f" || nok "the package holds $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "# Depends: $depends"
case $depends in
*-dev*) nok "depends on no -dev package" "$depends" ;;
*libpcap0.8*) ok "depends on the library packages (libpcap0.8 ...), no -dev" ;;
*) nok "depends on libpcap0.8" "$depends" ;;
esac
# json-c is linked, so shlibs names its run-time library
case $depends in
*libjson-c5*) ok "depends on libjson-c5, from shlibs" ;;
*) nok "depends on libjson-c5" "$depends" ;;
esac

# --- 4. a clean Debian 12: debootstrap, apt install, run -----------------------------
if ! command -v debootstrap >/dev/null 2>&1; then
	echo "# debootstrap not installed (apt install debootstrap): the chroot test is not run"
	finish
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "# not root: the chroot test is not run"
	finish
fi
t=$(now)
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1
rc=$?
took "debootstrap --variant=minbase $suite" "$t"
if [ $rc -ne 0 ]; then
	nok "debootstrap $suite from $mirror" "$(tail -n 10 "$work/debootstrap.log")"
	finish
fi
ok "debootstrap $suite ($(cat "$root/etc/debian_version"))"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/"
cp "$top/captures/wrong-psk.pcap" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	DEBIAN_FRONTEND=noninteractive "$@"; }
check_chroot_has_no() {
	in_root sh -c "command -v $1" >/dev/null 2>&1 && nok "the fresh chroot has no $1" || ok "the fresh chroot has no $1"
}
check_chroot_has_no fourway

t=$(now)
in_root apt-get update -q >"$work/chroot-apt.log" 2>&1 &&
	in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" \
		>>"$work/chroot-apt.log" 2>&1
rc=$?
took "apt-get update + apt install ./$(basename "$deb") in the chroot" "$t"
[ $rc -eq 0 ] && ok "apt install ./$(basename "$deb") in a clean $suite" ||
	{ nok "apt install in the chroot" "$(tail -n 15 "$work/chroot-apt.log")"; finish; }
pulled=$(sed -n 's/^The following NEW packages will be installed:/&/p; /^The following NEW/,/^[0-9]* upgraded/p' \
	"$work/chroot-apt.log" | grep '^  ' | tr -s ' \n' ' ')
echo "# apt installed:$pulled"

in_root fourway --version >"$work/ver" 2>&1
grep -qx "fourway [0-9.]*" "$work/ver" && ok "fourway --version: $(cat "$work/ver")" ||
	nok "fourway --version" "$(cat "$work/ver")"
t=$(now)
in_root fourway analyze --passphrase 'the right passphrase' /tmp/wrong-psk.pcap >"$work/report" 2>&1
rc=$?
took "fourway analyze in the chroot" "$t"
[ $rc -eq 0 ] && ok "fourway analyze from the package: exit 0" || nok "fourway analyze: exit $rc" "$(head -n 5 "$work/report")"
# the station of this capture was given another passphrase than the AP's
grep -q "error MIC_BAD .*wrong key" "$work/report" && ok "it diagnoses the wrong key (MIC_BAD)" ||
	nok "it diagnoses the wrong key" "$(head -n 5 "$work/report")"
grep -q "reason 15" "$work/report" && ok "and the deauthentication, reason 15" ||
	nok "the deauthentication, reason 15" "$(head -n 5 "$work/report")"
in_root fourway annotate --passphrase 'the right passphrase' /tmp/wrong-psk.pcap -o /tmp/a.pcapng \
	>"$work/annot" 2>&1 && ok "fourway annotate from the package: $(cat "$work/annot")" ||
	nok "fourway annotate from the package" "$(cat "$work/annot")"

in_root apt-get purge -y -q fourway >"$work/purge.log" 2>&1
[ ! -e "$root/usr/bin/fourway" ] && [ ! -e "$root/usr/share/bash-completion/completions/fourway" ] &&
	ok "apt purge removes it" || nok "apt purge removes it" "$(tail -n 5 "$work/purge.log")"
finish
