#!/bin/sh
# boot.sh VMLINUZ INITRAMFS SHARE: one boot of the test VM; SHARE is the
# guest's /share (virtio-9p, read-write) and holds run.sh, what the guest
# does.  The console goes to SHARE/console.log.
#
# KVM is used only where it really works.  A /dev/kvm backed by kvm_pvm
# (software nested virtualisation) runs only PVM-enabled guest kernels: a
# stock Debian kernel hangs after the real-mode setup.  TCG then, with
# icount: guest time follows the instruction count and idle time is
# skipped (sleep=off), so host load no longer decides which of hostapd's
# 100 ms timers fires first, and a scenario's sleeps cost no wall time.
# Env: VM_TIMEOUT (seconds, default 780: the stage must end within 15 minutes), VM_MEM (default 512M).
set -eu
kernel=$1 initrd=$2 share=$3
if [ -c /dev/kvm ] && [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then
	accel="-enable-kvm -cpu host -smp 2"
else
	accel="-accel tcg,thread=single -cpu max -smp 1 -icount shift=0,sleep=off"
fi
echo "boot.sh: qemu $accel" >"$share/console.log"
# shellcheck disable=SC2086
timeout "${VM_TIMEOUT:-780}" qemu-system-x86_64 $accel -m "${VM_MEM:-512M}" \
	-nographic -no-reboot -serial mon:stdio \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 loglevel=4 random.trust_cpu=on" \
	-virtfs local,path="$share",mount_tag=share,security_model=none,id=share \
	-device virtio-rng-pci </dev/null >>"$share/console.log" 2>&1
