#!/bin/sh
# /init of the test VM (busybox sh, PID 1).  Mounts the pseudo filesystems,
# loads the modules listed in /etc/modules.load (mac80211_hwsim excepted:
# each scenario loads it with its own number of radios), mounts the host's
# directory (virtio-9p, tag "share") on /share, runs /share/run.sh with its
# output in /share/guest.log, and powers off.  Nothing survives the VM but
# what was written under /share.
export PATH=/usr/bin:/usr/sbin:/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
uptime_s() { cut -d' ' -f1 /proc/uptime; }
echo "[init] $(uptime_s)s: kernel up, loading modules"
while read -r m; do
	case $m in */mac80211_hwsim.ko) continue ;; esac
	insmod "$m" 2>/dev/null || true	# "File exists" for a module already loaded
done </etc/modules.load
ip link set lo up
if mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=none share /share; then
	echo "[init] $(uptime_s)s: /share mounted"
	HWSIM_KO=$(grep mac80211_hwsim.ko /etc/modules.load)
	export HWSIM_KO
	cd /share && sh /share/run.sh >/share/guest.log 2>&1
	echo "[init] $(uptime_s)s: run.sh exit status $?"
else
	echo "[init] cannot mount the 9p share"
fi
sync
umount /share 2>/dev/null
echo "[init] $(uptime_s)s: powering off"
poweroff -f
