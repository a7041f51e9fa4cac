#!/bin/sh
# stream.sh - the finding stream of `live --json` (events.h) over every
# capture in captures/ (the hwsim ones, synth/ and messy/), each with the keys
# its .expect gives: replayed at once (--speed 0) and, for the hwsim ones,
# paced (--speed 40, so the core is refreshed many times on the way):
# - every line validates against doc/fourway.schema.json ($defs/event), and
#   the first one is "start" naming the schema version;
# - each finding id is announced once ("finding"), and "update"/"resolved"
#   name only ids announced before;
# - the final state (every "finding" and "update", the last for each id,
#   less the "resolved") equals analyze --json's findings, ids included;
# - analyze's document validates against the schema ($defs/document).
# The schema itself is checked as a draft 2020-12 schema.  Needs python3
# and its jsonschema module (Debian python3-jsonschema); SKIP without.
. "${top_srcdir:-.}/tests/live/lib.sh"

need python3
schema=$top/doc/fourway.schema.json
val() { python3 "$top/tests/live/schema.py" "$schema" "$@"; }
python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema not installed"

# keys CAPTURE: the key lines of its .expect, as a key file (the same syntax)
keys() {
	e=${1%.gz}; e=${e%.pcap}.expect
	[ -r "$e" ] || e=$1.expect
	: >"$tmp/keys"
	[ -r "$e" ] && sed -n 's/^key[ 	]\{1,\}//p' "$e" | sed 's/[ 	]*#.*$//' |
		grep -v '^keylog' >"$tmp/keys"
}

# stream NAME EVENTS DOC: the checks above (the schema's at the end, all at once)
n=0
stream() {
	n=$((n + 1))
	cp "$2" "$tmp/ev.$n.json"
	expect "$1: the first line is start, schema version 1" "$2" \
		'.[0].event == "start" and .[0].schema_version == 1' --slurp
	expect "$1: each finding id announced once, updates and resolutions after it" "$2" '
		reduce .[] as $e ({seen: {}, ok: true};
			($e.id | tostring) as $k
			| if $e.event == "finding" then .ok = (.ok and (.seen[$k] | not)) | .seen[$k] = true
			  elif $e.event == "update" or $e.event == "resolved" then .ok = (.ok and .seen[$k] == true)
			  else . end) | .ok' --slurp
	live_state "$2" >"$tmp/ls"
	jq -S '.findings | sort_by(.id)' "$3" >"$tmp/ds"
	same "$1: the final state is analyze's findings, ids included" "$tmp/ls" "$tmp/ds"
}

jq empty "$schema" && ok "the schema is JSON" || nok "the schema is JSON"
find "$caps" -name '*.pcap' -o -name '*.pcap.gz' | sort >"$tmp/list"
[ -s "$tmp/list" ] || exit 99
while read -r cap; do
	name=${cap#"$caps"/}
	keys "$cap"
	"$fw" analyze --json --key-file "$tmp/keys" "$cap" </dev/null >"$tmp/doc.json" 2>/dev/null
	cp "$tmp/doc.json" "$tmp/doc.$n.json"
	"$fw" live --replay "$cap" --speed 0 --no-tui --json --key-file "$tmp/keys" \
		</dev/null >"$tmp/live.json" 2>"$tmp/err"
	stream "$name --speed 0" "$tmp/live.json" "$tmp/doc.json"
	# the hwsim ones paced too: refreshes on the way, updates and resolutions
	case $name in
	*/*) ;;
	*)
		"$fw" live --replay "$cap" --speed 40 --no-tui --json --key-file "$tmp/keys" \
			</dev/null >"$tmp/paced.json" 2>"$tmp/err"
		stream "$name --speed 40" "$tmp/paced.json" "$tmp/doc.json"
		cat "$tmp/paced.json" >>"$tmp/all.json"
		;;
	esac
done <"$tmp/list"
if val document "$tmp"/doc.*.json >"$tmp/verr"; then
	ok "analyze's documents of all $(wc -l <"$tmp/list") captures validate against the schema"
else
	nok "analyze's documents validate against the schema" "$(head -5 "$tmp/verr")"
fi
if val events "$tmp"/ev.*.json >"$tmp/verr"; then
	ok "every event line of all $n streams validates against the schema"
else
	nok "every event line validates against the schema" "$(head -5 "$tmp/verr")"
fi
# the paced runs, together, did exercise the stream
expect "paced replays gave updates" "$tmp/all.json" 'any(.[]; .event == "update")' --slurp
finish
