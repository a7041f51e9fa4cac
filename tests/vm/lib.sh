# lib.sh - what the scenarios are made of (guest side, busybox sh).
# Sourced by guest-run.sh; a scenario runs in a subshell in its own output
# directory, so every file it writes (captures, daemon logs, medium log,
# keys) lands in /share/out/NAME on the host.
#
# Radios: the AP is wlan0 (phy0, 02:00:00:00:00:00) on channel 1, the
# station wlan1 (phy1, 02:00:00:00:01:00); a third radio (phy2) carries the
# sniffer's monitor interface when a scenario wants one.

PIDS="" CAPS=""
log() { echo "[$(cut -d' ' -f1 /proc/uptime)] $*"; }

# wait_for FILE TEXT TENTHS: poll until FILE contains TEXT
wait_for() {
	i=0
	while [ "$i" -lt "$3" ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# hwsim_load N: N radios, wlan0..wlanN-1, and hwsim0 (the tap that sees
# every transmission, with the ACKs hwsim makes up)
hwsim_load() {
	insmod "$HWSIM_KO" radios="$1" || { log "insmod mac80211_hwsim failed"; return 1; }
	i=0
	while [ "$i" -lt 50 ] && ! ip link show "wlan$(($1 - 1))" >/dev/null 2>&1; do
		sleep 0.1
		i=$((i + 1))
	done
	ip link set hwsim0 up
	log "hwsim: $(ls /sys/class/ieee80211 | tr '\n' ' ')"
}

# the next scenario starts from fresh radios (and fresh MAC state)
hwsim_unload() { rmmod mac80211_hwsim 2>/dev/null || log "rmmod mac80211_hwsim failed"; }

# cap_start IFACE FILE [FILTER...]: tcpdump writing packet by packet (-U),
# so stopping it loses nothing; as root (-Z root: Debian's tcpdump drops to
# its own user otherwise); returns once it listens, or the first frames
# would be missing.  TCPDUMP_OPTS adds options (e.g. -y LINUX_SLL).
cap_start() {
	ifc=$1 file=$2
	shift 2
	tcpdump -i "$ifc" ${TCPDUMP_OPTS:-} -U -s 0 -Z root -w "$file" "$@" >"$file.log" 2>&1 &
	CAPS="$CAPS $!"
	wait_for "$file.log" 'listening on' 50
	log "capture: $(head -n1 "$file.log")"
}

# write_confs SSID PASS AKM PMF [AP-LINES] [STA-LINES]: ap.conf, sta.conf.
# driver_params=control_port=0: hostapd would otherwise exchange EAPOL over
# nl80211's control port, which bypasses wlan0, and a capture on the AP's own
# interface (Ethernet link type) would see none of it.
write_confs() {
	cat >ap.conf <<-CONF
	interface=wlan0
	driver=nl80211
	driver_params=control_port=0
	ctrl_interface=/run/hostapd
	ssid=$1
	hw_mode=g
	channel=1
	wpa=2
	wpa_key_mgmt=$3
	rsn_pairwise=CCMP
	ieee80211w=$4
	wpa_passphrase=$2
	${5:-}
	CONF
	cat >sta.conf <<-CONF
	ctrl_interface=/run/wpa_supplicant
	network={
	ssid="$1"
	key_mgmt=$3
	proto=RSN
	pairwise=CCMP
	ieee80211w=$4
	psk="$2"
	scan_freq=2412
	${6:-}
	}
	CONF
}

# ap_start: hostapd with the key material in its log (-dd -K), timestamps (-t)
ap_start() {
	hostapd -dd -K -t ap.conf >hostapd.log 2>&1 &
	PIDS="$PIDS $!"
	wait_for hostapd.log AP-ENABLED 100 && log "hostapd up" || log "hostapd not enabled"
}

# sta_start: wpa_supplicant on wlan1, the same debug level
sta_start() {
	wpa_supplicant -D nl80211 -i wlan1 -c sta.conf -dd -K -t >wpa_supplicant.log 2>&1 &
	PIDS="$PIDS $!"
	log "wpa_supplicant started"
}

# wait_state STATE SECONDS: the station reaches STATE (wpa_cli status)
wait_state() {
	i=0 st=
	while [ "$i" -lt $(($2 * 10)) ]; do
		st=$(wpa_cli -p /run/wpa_supplicant -i wlan1 status 2>/dev/null | sed -n 's/^wpa_state=//p')
		[ "$st" = "$1" ] && { log "wlan1: $st after $((i / 10)).$((i % 10)) s"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	log "wlan1: no $1 within $2 s (last state: $st)"
	return 1
}

# ping_ll: some CCMP-protected data after the handshake.  IPv6 link-local
# only; the addresses stay tentative (DAD) for about a second.
ping_ll() {
	i=0 ll=
	while [ "$i" -lt 50 ]; do
		ll=$(ip -6 addr show dev wlan0 | grep -v tentative | sed -n 's/.*inet6 \(fe80::[0-9a-f:]*\).*/\1/p' | head -n1)
		me=$(ip -6 addr show dev wlan1 | grep -v tentative | grep -c 'inet6 fe80')
		[ -n "$ll" ] && [ "$me" -gt 0 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$ll" ] && ping6 -c 3 -W 1 -I wlan1 "$ll%wlan1" >/dev/null && log "ping ok" || log "no ping"
}

# medium_start RADIOS RULE...: fw-medium carries the frames from now on
medium_start() {
	fw-medium -n "$@" >medium.log 2>&1 &
	PIDS="$PIDS $!"
	wait_for medium.log registered 30
	log "medium: $(head -n1 medium.log)"
}

# mon_add WLAN IFACE: a monitor interface made through nl80211 (iw) on the
# radio of WLAN, tuned to channel 1.  The phy is looked up: its number
# grows each time mac80211_hwsim is loaded again.
mon_add() {
	phy=$(basename "$(readlink "/sys/class/net/$1/phy80211")")
	iw phy "$phy" interface add "$2" type monitor flags none && ip link set "$2" up &&
		iw dev "$2" set channel 1 HT20 && log "$2 on $phy: $(iw dev "$2" info | tr '\n\t' '  ')"
}

# running PID: alive and not yet a zombie waiting to be reaped
running() {
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -n "$st" ] && [ "$st" != Z ]
}

# stop PID...: SIGTERM, up to 5 s to exit, then SIGKILL
stop() {
	for p in "$@"; do kill "$p" 2>/dev/null; done
	for p in "$@"; do
		i=0
		while [ "$i" -lt 50 ] && running "$p"; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$p" 2>/dev/null
	done
	wait "$@" 2>/dev/null
}

# The daemons and the medium first, the captures after, so that a capture
# holds everything the logs tell: libpcap hands frames over a block at a
# time, and a block is handed over once it is 1 s old (tcpdump's timeout);
# frames in a younger block are lost when tcpdump stops.
stop_all() {
	stop $PIDS
	sleep 1.5
	stop $CAPS
	PIDS="" CAPS=""
	sync
}

# run_handshake NAME LINGER: the usual scenario body.  Capture on hwsim0
# into NAME.pcap, start the AP and the station, wait for COMPLETED (up to
# WAIT_S, default 20 s), ping, stay LINGER seconds more, stop everything.
run_handshake() {
	cap_start hwsim0 "$1.pcap"
	ap_start
	sta_start
	if wait_state COMPLETED "${WAIT_S:-20}"; then
		sleep 1
		ping_ll
	fi
	sleep "$2"
	stop_all
}

# keys_psk SSID PASS: NAME.keys in the key-file syntax, for fourway
# (mode 600: fourway warns about a key file others may read, as ssh does)
keys_psk() { (umask 077 && printf 'psk "%s" "%s"\n' "$2" "$1" >"$N.keys"); }

# medium_run LINGER RULE...: a WPA2-PSK scenario over fw-medium with RULEs,
# seen on hwsim0 ($N.pcap: every transmission, with hwsim's ACKs) and on
# mon0, a monitor interface of a third radio made through nl80211
# ($N-mon0.pcap: only what the medium delivered to it, no ACKs).
# Uses N, SSID and PASS.
medium_run() {
	linger=$1
	shift
	hwsim_load 3
	medium_start 3 "$@"
	mon_add wlan2 mon0
	cap_start mon0 "$N-mon0.pcap"
	write_confs "$SSID" "$PASS" WPA-PSK 0
	run_handshake "$N" "$linger"
	keys_psk "$SSID" "$PASS"
}
