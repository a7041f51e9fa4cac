#!/bin/sh
# kernel.sh CACHE: the stock Debian kernel for the test VM, unpacked into
# CACHE/kroot (never installed on the host); prints its version.
# The package is the one linux-image-amd64 depends on; apt-get download
# fetches it once, later runs reuse CACHE.  Exit 77 when it cannot be had.
set -eu
cache=$1
mkdir -p "$cache"
cd "$cache"
pkg() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'; }
kpkg=$(pkg)
[ -n "$kpkg" ] || { apt-get update -q >/dev/null 2>&1 || true; kpkg=$(pkg); }
[ -n "$kpkg" ] || { echo "kernel.sh: no linux-image-amd64 package known to apt" >&2; exit 77; }
kv=${kpkg#linux-image-}
if [ ! -f "kroot/boot/vmlinuz-$kv" ]; then
	rm -rf kroot kdeb
	mkdir kdeb
	(cd kdeb && apt-get download "$kpkg" >../download.log 2>&1) ||
		{ echo "kernel.sh: apt-get download $kpkg failed: $(tail -n1 download.log)" >&2; exit 77; }
	dpkg-deb -x kdeb/*.deb kroot
	rm -rf kdeb
fi
# the .deb has no modules.dep (its postinst runs depmod): make one
[ -f "kroot/lib/modules/$kv/modules.dep" ] || depmod -b kroot "$kv"
echo "$kv"
