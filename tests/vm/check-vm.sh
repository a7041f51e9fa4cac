#!/bin/sh
# check-vm.sh: real handshakes in a VM (make check-vm).
#
# Boots a stock Debian kernel under qemu with mac80211_hwsim, once, and runs
# every scenario in it: real hostapd and wpa_supplicant, the fw-medium
# dropping or delaying chosen frames, tcpdump on the air and on the hosts'
# interfaces, and fourway itself over each fresh capture.  Then verify.sh
# holds fourway's reports against the daemons' and the medium's logs.
#
# Env (make check-vm sets the first three):
#   top_srcdir, top_builddir   the trees
#   VM_CACHE       the unpacked kernel package (default /var/tmp/fourway-vm),
#                  kept across runs and build trees
#   VM_SCENARIOS   scenario names to run (default: all of tests/vm/scenarios)
#   VM_OUT         where the runs go (default $top_builddir/tests/vm/run)
# Exit 77 saying why when qemu, the daemons or the kernel cannot be had.
set -u
src=$(cd "${top_srcdir:-.}" && pwd)
bld=$(cd "${top_builddir:-.}" && pwd)
here=$src/tests/vm
cache=${VM_CACHE:-/var/tmp/fourway-vm}
out=${VM_OUT:-$bld/tests/vm/run}
t0=$(date +%s)
skip() { echo "check-vm: skipped: $*"; exit 77; }
say() { echo "check-vm: $*"; }

for tool in qemu-system-x86_64:qemu-system-x86 hostapd:hostapd wpa_supplicant:wpasupplicant \
	wpa_cli:wpasupplicant iw:iw tcpdump:tcpdump cpio:cpio modprobe:kmod depmod:kmod \
	dpkg-deb:dpkg apt-get:apt jq:jq openssl:openssl; do
	PATH=$PATH:/sbin:/usr/sbin command -v "${tool%%:*}" >/dev/null 2>&1 ||
		skip "${tool%%:*} not found (apt-get install ${tool#*:})"
done
export PATH="$PATH:/sbin:/usr/sbin"
[ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 || skip "no /bin/busybox (apt-get install busybox-static)"
ldd /bin/busybox >/dev/null 2>&1 && skip "/bin/busybox is dynamically linked (apt-get install busybox-static)"
[ -x "$bld/tests/vm/fw-medium" ] || { say "$bld/tests/vm/fw-medium not built"; exit 99; }
[ -x "$bld/tests/vm/fw-flood" ] || { say "$bld/tests/vm/fw-flood not built"; exit 99; }
[ -x "$bld/fourway" ] || { say "$bld/fourway not built"; exit 99; }

kv=$("$here/kernel.sh" "$cache")
rc=$?
[ $rc -eq 0 ] || { [ $rc -eq 77 ] && skip "the Debian kernel package cannot be had"; exit $rc; }
kernel=$cache/kroot/boot/vmlinuz-$kv
say "kernel $kv"

# the image, rebuilt only when what goes into it changed
img=$bld/tests/vm/initramfs-$kv.cpio.gz
for f in "$here/mkinitramfs.sh" "$here/guest-init.sh" "$bld/tests/vm/fw-medium" "$bld/tests/vm/fw-flood" \
	/usr/sbin/hostapd /sbin/wpa_supplicant /usr/bin/tcpdump; do
	[ -f "$img" ] && [ ! "$f" -nt "$img" ] || { rm -f "$img"; break; }
done
if [ ! -f "$img" ]; then
	say "building the initramfs"
	"$here/mkinitramfs.sh" "$cache/kroot" "$kv" "$bld/tests/vm/fw-medium" "$img" || exit 99
fi

# what the guest runs, and fourway with its libraries
rm -rf "$out"
mkdir -p "$out/scenarios"
cp "$here/guest-run.sh" "$out/run.sh"
cp "$here/lib.sh" "$out/lib.sh"
cp "$here"/scenarios/*.sh "$out/scenarios/"
# the EAP-TLS scenario's certificates, fresh each run (the VM has no openssl)
"$here/certs.sh" "$out/certs" || exit 99
"$here/stage-fourway.sh" "$bld/fourway" "$out/fw" || exit 99
if [ -n "${VM_SCENARIOS:-}" ]; then
	printf '%s\n' $VM_SCENARIOS >"$out/scenarios.list"
else
	(cd "$here/scenarios" && ls -- *.sh | sed 's/\.sh$//') >"$out/scenarios.list"
fi
t1=$(date +%s)
say "booting for $(wc -l <"$out/scenarios.list") scenarios (prepared in $((t1 - t0)) s)"
"$here/boot.sh" "$kernel" "$img" "$out"
rc=$?
t2=$(date +%s)
say "VM finished in $((t2 - t1)) s (qemu status $rc)"
grep '^\[' "$out/guest.log" 2>/dev/null | grep -E '===|no COMPLETED|not enabled|failed' | sed 's/^/  /'
[ $rc -eq 0 ] || { tail -n 30 "$out/console.log"; exit 1; }
dirs=
while read -r n; do dirs="$dirs $out/out/$n"; done <"$out/scenarios.list"
# shellcheck disable=SC2086
"$here/verify.sh" "$bld/fourway" $dirs
rc=$?
say "whole stage $(($(date +%s) - t0)) s"
exit $rc
