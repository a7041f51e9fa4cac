#!/bin/sh
# The job of one boot (/share/run.sh in the guest): run every scenario
# named in /share/scenarios.list, each in /share/out/NAME with a fresh
# mac80211_hwsim, then fourway itself over each capture the scenario made,
# with the keys the scenario wrote (NAME.keys, the key-file syntax).
# A boot costs about 15 s under TCG, a scenario a few seconds: hence many
# scenarios per boot.
. /share/lib.sh
FW="/share/fw/fourway"
export LD_LIBRARY_PATH=/share/fw/lib
while read -r name; do
	[ -n "$name" ] || continue
	out=/share/out/$name
	rm -rf "$out" && mkdir -p "$out" && cd "$out" || continue
	log "=== scenario $name"
	( . /share/scenarios/"$name".sh ) >"$out/scenario.log" 2>&1
	echo "scenario exit status $?" >>"$out/scenario.log"
	hwsim_unload
	for p in "$out"/*.pcap; do
		[ -f "$p" ] || continue
		"$FW" analyze --json --key-file "$out/$name.keys" "$p" >"${p%.pcap}.json" 2>"${p%.pcap}.fw.err"
		echo "fourway exit status $?" >>"${p%.pcap}.fw.err"
	done
	log "=== $name done: $(ls "$out" | tr '\n' ' ')"
done </share/scenarios.list
cd /share
log "all scenarios done"
