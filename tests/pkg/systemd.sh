#!/bin/sh
# systemd.sh - the service installed with the package: fourway-live@.service
# as make builds it passes `systemd-analyze verify` (as the instance
# fourway-live@wlan0, its ExecStart pointing at the program built here and
# its man: link at the page built here), with no warning; it runs live
# without a terminal, with JSON, as the fourway user (-Z), the interface
# from the instance name, the finding stream to the journal; and the
# sysusers.d entry creates that user.
top=${top_srcdir:-.}
bld=${top_builddir:-.}
. "$top/tests/lib.sh"
setup systemd
need systemd-analyze jq
need_fw
unit=$bld/systemd/fourway-live@.service
[ -r "$unit" ] || { echo "systemd.sh: $unit not built" >&2; exit 99; }
[ -r "$bld/man/fourway.1" ] || { echo "systemd.sh: $bld/man/fourway.1 not built" >&2; exit 99; }

# the unit as installed, but with this build's program (verify wants it to exist)
bindir=$(cd "$bld" && pwd)
mkdir -p "$tmp/units" "$tmp/man/man1"
exec=$(sed -n 's/^ExecStart=\([^ ]*\)\/fourway .*/\1/p' "$unit")
check "the built unit runs the installed program ($exec/fourway)" '[ -n "$exec" ]'
sed "s|^ExecStart=$exec/fourway |ExecStart=$bindir/fourway |" "$unit" >"$tmp/units/fourway-live@wlan0.service"
cp "$bld/man/fourway.1" "$tmp/man/man1/"
MANPATH=$tmp/man systemd-analyze verify "$tmp/units/fourway-live@wlan0.service" >"$tmp/out" 2>&1
st=$?
check "systemd-analyze verify fourway-live@wlan0.service: exit 0, no warning" \
	'[ $st -eq 0 ] && [ ! -s "$tmp/out" ]' "$(head -c 600 "$tmp/out")"

# what the unit says, line by line
has() { grep -qxF "$1" "$unit"; }
check "ExecStart: live, no TUI, JSON, -Z fourway, the options of the environment files, the instance" \
	'has "ExecStart=$exec/fourway live --no-tui --json -Z fourway \$FOURWAY_OPTS %i"'
check "environment files: /etc/default/fourway and /etc/fourway/%i.conf, both optional" \
	'has "EnvironmentFile=-/etc/default/fourway" && has "EnvironmentFile=-/etc/fourway/%i.conf"'
check "the finding stream to the journal, under its own identifier" \
	'has "StandardOutput=journal" && has "SyslogIdentifier=fourway-live@%i"'
check "hardening: no new privileges, read-only system but the -w folder" \
	'has "NoNewPrivileges=yes" && has "ProtectSystem=strict" && has "ReadWritePaths=-/var/lib/fourway"'
check "capabilities: what capture, nl80211 and -Z need, nothing more" \
	'has "CapabilityBoundingSet=CAP_NET_ADMIN CAP_NET_RAW CAP_SETUID CAP_SETGID CAP_SETPCAP"'
# every option the unit passes is one live accepts (a replay stands in for the interface)
"$bld/fourway" live --no-tui --json --replay "$top/captures/wrong-psk.pcap" --speed 0 \
	</dev/null >"$tmp/json" 2>"$tmp/err"
st=$?
check "live --no-tui --json: exit 0, one JSON object per line" \
	'[ $st -eq 0 ] && [ -s "$tmp/json" ] && jq -e . "$tmp/json" >/dev/null' "$(cat "$tmp/err")"

# the user -Z switches to: systemd-sysusers creates it in an empty root
if command -v systemd-sysusers >/dev/null 2>&1; then
	mkdir -p "$tmp/root/etc"
	systemd-sysusers --root="$tmp/root" "$(cd "$top" && pwd)/systemd/fourway.sysusers" >"$tmp/out" 2>&1
	check "systemd-sysusers creates the fourway system user" \
		'grep -q "^fourway:x:[0-9]*:[0-9]*:.*:/var/lib/fourway:" "$tmp/root/etc/passwd"' \
		"$(cat "$tmp/out")"
else
	echo "# systemd-sysusers not installed: the sysusers.d entry not tried"
fi
check "tmpfiles.d: /var/lib/fourway belongs to fourway" \
	'grep -qx "d /var/lib/fourway 0750 fourway fourway -" "$top/systemd/fourway.tmpfiles"'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
