#!/bin/sh
# mkinitramfs.sh KROOT KV MEDIUM OUT.cpio.gz: the VM's whole userland.
# busybox (static), the kernel modules hwsim and 9p need with their
# dependencies in load order, hostapd, wpa_supplicant, iw, tcpdump with the
# shared libraries ldd lists (and OpenSSL's legacy provider), fw-medium and
# fw-flood (built beside it),
# and guest-init.sh as /init.
# fourway itself is not in the image: it comes over /share at each run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kroot=$1 kv=$2 medium=$3 out=$4
r=$out.d
rm -rf "$r"
mkdir -p "$r/bin" "$r/sbin" "$r/etc" "$r/proc" "$r/sys" "$r/dev" "$r/tmp" "$r/run" \
	"$r/share" "$r/lib64" "$r/root" "$r/usr/bin" "$r/usr/sbin" "$r/usr/lib/x86_64-linux-gnu" "$r/lib"
ln -s ../usr/lib/x86_64-linux-gnu "$r/lib/x86_64-linux-gnu"
mkdir -p "$r/var" && ln -sf ../run "$r/var/run"

cp /bin/busybox "$r/bin/busybox"
for a in $("$r/bin/busybox" --list); do
	[ -e "$r/bin/$a" ] || ln -s busybox "$r/bin/$a"
done

# modules: each one's dependency closure, in the order modprobe would load it
mods="virtio_pci virtio_rng 9pnet_virtio 9p ccm gcm cmac ctr ghash-generic seqiv aesni-intel mac80211_hwsim"
: >"$r/etc/modules.load"
for m in $mods; do
	modprobe -d "$kroot" -S "$kv" --show-depends "$m" | awk '$1 == "insmod" { print $2 }' |
	while read -r f; do
		rel=${f#"$kroot"}
		grep -qx "$rel" "$r/etc/modules.load" && continue
		mkdir -p "$r$(dirname "$rel")"
		case $f in
		*.ko.xz) rel=${rel%.xz}; xz -dc "$f" >"$r$rel" ;;
		*.ko.zst) rel=${rel%.zst}; zstd -qdc "$f" >"$r$rel" ;;
		*) cp "$f" "$r$rel" ;;
		esac
		echo "$rel" >>"$r/etc/modules.load"
	done
done
[ -s "$r/etc/modules.load" ] || { echo "mkinitramfs.sh: no modules found in $kroot" >&2; exit 1; }

# programs, and the libraries ldd says they load
copy_libs() {
	ldd "$1" | awk '/=> \// { print $3 } $1 ~ /^\/lib64\// { print $1 }' | while read -r l; do
		case $l in
		*/ld-linux-x86-64.so.2) cp -L "$l" "$r/lib64/" ;;
		*) cp -L "$l" "$r/usr/lib/x86_64-linux-gnu/$(basename "$l")" ;;
		esac
	done
}
for b in /usr/sbin/hostapd /sbin/wpa_supplicant /sbin/wpa_cli /usr/sbin/iw /usr/bin/tcpdump; do
	cp -L "$b" "$r/usr/bin/"
	copy_libs "$b"
done
# hostapd's TLS (the EAP server, EAP-TLS) will not start without OpenSSL's
# legacy provider, which libcrypto loads from its modules directory
mdir=$(openssl version -m 2>/dev/null | sed -n 's/^MODULESDIR: "\(.*\)"$/\1/p')
if [ -f "$mdir/legacy.so" ]; then
	mkdir -p "$r$mdir"
	cp -L "$mdir/legacy.so" "$r$mdir/"
fi
cp "$medium" "$r/usr/bin/fw-medium"
copy_libs "$medium"
# fw-flood, built beside fw-medium: a station that keeps the channel busy
cp "$(dirname "$medium")/fw-flood" "$r/usr/bin/fw-flood"
copy_libs "$(dirname "$medium")/fw-flood"

printf 'root:x:0:0:root:/root:/bin/sh\ntcpdump:x:104:110::/nonexistent:/bin/false\n' >"$r/etc/passwd"
printf 'root:x:0:\ntcpdump:x:110:\n' >"$r/etc/group"
# nobody: fourway live -Z drops to it
printf 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >>"$r/etc/passwd"
printf 'nogroup:x:65534:\n' >>"$r/etc/group"
install -m 0755 "$here/guest-init.sh" "$r/init"
(cd "$r" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$r"
