#!/bin/sh
# The job of one boot (/share/run.sh in the guest): run every scenario
# named in /share/scenarios.list, each in /share/out/NAME with a fresh
# mac80211_hwsim, then fourway itself over each capture the scenario made,
# with the keys the scenario wrote (NAME.keys, the key-file syntax).
# A boot costs about 15 s under TCG, a scenario a few seconds: hence many
# scenarios per boot.
. /share/lib.sh
# fourway with the libraries it was built against (stage-fourway.sh)
FW="/share/fw/fourway"
# A scenario works in tmpfs and its files go to /share only at its end: a
# write over 9p waits for the host, and under icount a waiting guest's
# clock jumps ahead, so daemons logging straight to /share on a loaded host
# would see their 100 ms EAPOL timers fire early.
while read -r name; do
	[ -n "$name" ] || continue
	work=/tmp/work/$name out=/share/out/$name
	rm -rf "$work" "$out" && mkdir -p "$work" "$out" && cd "$work" || continue
	log "=== scenario $name"
	# a scenario that hangs must not take the boot with it (guest seconds)
	timeout 300 sh -c '. /share/lib.sh && . "$1"' sh /share/scenarios/"$name".sh >"$work/scenario.log" 2>&1
	echo "scenario exit status $?" >>"$work/scenario.log"
	hwsim_unload
	for p in "$work"/*.pcap; do
		[ -f "$p" ] || continue
		LD_LIBRARY_PATH=/share/fw/lib "$FW" analyze --json --key-file "$work/$name.keys" "$p" >"${p%.pcap}.json" 2>"${p%.pcap}.fw.err"
		echo "fourway exit status $?" >>"${p%.pcap}.fw.err"
	done
	cp -r "$work"/. "$out"/
	cd / && rm -rf "$work"
	log "=== $name done: $(ls "$out" | tr '\n' ' ')"
done </share/scenarios.list
cd /share
log "all scenarios done"
