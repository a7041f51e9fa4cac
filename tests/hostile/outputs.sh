#!/bin/sh
# outputs.sh - the hostile-input table of README.md ("Hostile input"), the
# cases about what fourway writes and the files untrusted input names:
# every attempt to write over an input leaves it byte for byte (cmp) and
# fails with a message; a device or a planted symbolic link at the output
# path is left as it was; a failed run keeps the files it would replace;
# sidecars naming a FIFO or /dev/zero end with an error; a key line's
# secret reaches neither standard error nor TAP nor JUnit; check stops its
# workers on SIGTERM, does not follow folder loops and escapes names.
#
# Prints "N passed, N failed" last.
bld=${top_builddir:-.}
src=${top_srcdir:-.}
fw=$bld/fourway
caps=$src/captures
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-outputs.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

[ -x "$fw" ] || { echo "outputs.sh: $fw not built"; exit 99; }
[ -f "$caps/wpa2-psk.pcap" ] || { echo "outputs.sh: $caps/wpa2-psk.pcap missing"; exit 99; }

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "ok - $case: $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $case: $1"; }

# run CMD...: run fourway (at most 60 s), status in $st, stderr in $tmp/err
run() {
	timeout 60 "$fw" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	st=$?
}
failed_with() {
	if [ "$st" -ne 0 ] && [ "$st" -ne 124 ] && grep -qF -- "$1" "$tmp/err"; then
		pass "exit $st, says '$1'"
	else
		fail "exit $st, want non-zero and '$1' in: $(head -c 300 "$tmp/err")"
	fi
}
same() {
	if cmp -s "$1" "$2"; then pass "$1 unchanged"; else fail "$1 changed"; fi
}
fresh() { cp "$caps/wpa2-psk.pcap" "$1" && chmod 644 "$1"; }
ref=$tmp/ref.pcap
fresh "$ref"

case="analyze --export-decrypted onto its input"
fresh "$tmp/x.pcap"
run analyze --export-decrypted "$tmp/x.pcap" "$tmp/x.pcap"
failed_with "$tmp/x.pcap: is one of the inputs: refusing to write over it"
same "$tmp/x.pcap" "$ref"

case="analyze --export-decrypted onto a hard link of its input"
ln "$tmp/x.pcap" "$tmp/hard.pcap"
run analyze --export-decrypted "$tmp/hard.pcap" "$tmp/x.pcap"
failed_with "$tmp/hard.pcap: is one of the inputs"
same "$tmp/x.pcap" "$ref"

case="check --junit onto its input"
run check --junit "$tmp/x.pcap" "$tmp/x.pcap"
failed_with "$tmp/x.pcap: is one of the inputs"
same "$tmp/x.pcap" "$ref"

case="check --junit onto a capture a glob put first"
fresh "$tmp/y.pcap"
run check --junit "$tmp/y.pcap" "$tmp/x.pcap"
failed_with "$tmp/y.pcap: is a capture file: refusing to write over it"
same "$tmp/y.pcap" "$ref"

case="live --replay onto its input"
run live --replay "$tmp/x.pcap" -w "$tmp/x.pcap" --no-tui
failed_with "$tmp/x.pcap: is one of the inputs"
same "$tmp/x.pcap" "$ref"

case="annotate onto a hard link of its input"
run annotate "$tmp/x.pcap" -o "$tmp/hard.pcap"
[ "$st" -ne 0 ] && pass "exit $st" || fail "exit 0"
same "$tmp/x.pcap" "$ref"

case="synth -o onto its own sidecar"
run synth clean -o "$tmp/s.expect"
failed_with "the capture and its .expect sidecar would be one file"
[ ! -e "$tmp/s.expect" ] && pass "nothing written" || fail "$tmp/s.expect written"

case="synth -o whose sidecar is a hard link of the capture"
fresh "$tmp/h.pcap"
ln "$tmp/h.pcap" "$tmp/h.expect"
run synth clean -o "$tmp/h.pcap"
failed_with "the capture and its .expect sidecar would be one file"
same "$tmp/h.pcap" "$ref"

# A planted symbolic link at the output path: refused, its target untouched.
echo precious >"$tmp/target"
ln -s "$tmp/target" "$tmp/planted.pcap"
ln -s "$tmp/target" "$tmp/planted.pcapng"
for how in "annotate $tmp/x.pcap -o $tmp/planted.pcapng" \
	"analyze --export-decrypted $tmp/planted.pcap $tmp/x.pcap" \
	"synth clean -o $tmp/planted.pcap" \
	"live --replay $tmp/x.pcap --no-tui -w $tmp/planted.pcap"; do
	case="planted symlink: ${how%% *}"
	# shellcheck disable=SC2086
	run $how
	failed_with "is a symbolic link: not followed"
	[ "$(cat "$tmp/target")" = precious ] && [ -L "$tmp/planted.pcap" ] &&
		[ -L "$tmp/planted.pcapng" ] && pass "the link and its target unchanged" ||
		fail "the link or its target changed"
done

# A character device as output: written in place, never removed, even
# after a write failure (/dev/full's numbers: every write fails).
case="annotate -o a character device"
if mknod "$tmp/full" c 1 7 2>/dev/null; then
	run annotate "$tmp/x.pcap" -o "$tmp/full"
	[ "$st" -ne 0 ] && pass "exit $st on the failed write" || fail "exit 0"
	[ -c "$tmp/full" ] && pass "the device is still there" || fail "the device was removed"
	case="synth --radius-out an existing file, the capture failing"
	fresh "$tmp/wired.pcap"
	run synth eap-clean -o "$tmp/full" --radius-out "$tmp/wired.pcap"
	[ "$st" -ne 0 ] && pass "exit $st" || fail "exit 0"
	same "$tmp/wired.pcap" "$ref"
	[ -c "$tmp/full" ] && pass "the device is still there" || fail "the device was removed"
	case="synth -o a character device"
	mknod "$tmp/null" c 1 3
	run synth clean -o "$tmp/null"
	[ "$st" -eq 0 ] && [ -c "$tmp/null" ] && [ ! -e "$tmp/null.expect" ] &&
		pass "written in place, no sidecar beside it" || fail "exit $st: $(ls "$tmp")"
else
	echo "# skip: mknod is not permitted here: the character-device cases are not run"
fi

case="synth --radius-out an existing file, the capture's folder missing"
fresh "$tmp/wired.pcap"
run synth eap-clean -o "$tmp/no/such/x.pcap" --radius-out "$tmp/wired.pcap"
failed_with "$tmp/no/such/x.pcap: No such file or directory"
same "$tmp/wired.pcap" "$ref"

case="no temporary file left behind"
left=$(find "$tmp" -name '.*.tmp' | head -3)
[ -z "$left" ] && pass "none" || fail "left: $left"

# Files named by untrusted input: only regular files.
mkdir "$tmp/side"
fresh "$tmp/side/a.pcap"
fresh "$tmp/side/b.pcap"
fresh "$tmp/side/c.pcap"
mkfifo "$tmp/side/fifo" "$tmp/side/c.pcap.expect"
printf 'key keylog /dev/zero\n' >"$tmp/side/a.pcap.expect"
printf 'key keylog fifo\n' >"$tmp/side/b.pcap.expect"
case="check: sidecars naming /dev/zero and a FIFO, a sidecar that is a FIFO"
run check "$tmp/side"
[ "$st" -eq 2 ] && pass "exit 2, in time" || fail "exit $st, want 2"
for want in "ERROR $tmp/side/a.pcap: $tmp/side/a.pcap.expect:1: /dev/zero: is a character device, not a regular file" \
	"ERROR $tmp/side/b.pcap: $tmp/side/b.pcap.expect:1: $tmp/side/fifo: is a FIFO, not a regular file" \
	"ERROR $tmp/side/c.pcap: $tmp/side/c.pcap.expect: is a FIFO, not a regular file"; do
	grep -qF -- "$want" "$tmp/out" && pass "says '$want'" || fail "no '$want' in: $(cat "$tmp/out")"
done
case="check --baseline /dev/zero"
run check --baseline /dev/zero "$tmp/x.pcap"
failed_with "baseline /dev/zero: is a character device, not a regular file"
case="--key-file a FIFO"
run analyze --key-file "$tmp/side/fifo" "$tmp/x.pcap"
failed_with "key file $tmp/side/fifo: is a FIFO, not a regular file"

# Secrets never echoed: the line's text is in no message.
mkdir "$tmp/sec"
fresh "$tmp/sec/a.pcap"
for line in 'Zq7SecretOnly' 'wpa_passphrase=Zq7SecretOnly' 'psk:Zq7SecretOnly'; do
	case="key file line '${line%%Zq7*}...'"
	printf '%s\n' "$line" >"$tmp/k.txt"
	chmod 600 "$tmp/k.txt"
	run analyze --key-file "$tmp/k.txt" "$tmp/x.pcap"
	failed_with "key file $tmp/k.txt line 1: not a key line"
	grep -q Zq7 "$tmp/err" && fail "the secret is in stderr" || pass "the secret is not in stderr"
	printf 'key %s\n' "$line" >"$tmp/sec/a.pcap.expect"
	case="sidecar key line '${line%%Zq7*}...'"
	timeout 60 "$fw" check --tap --junit "$tmp/j.xml" "$tmp/sec" >"$tmp/tap" 2>"$tmp/err"
	st=$?
	[ "$st" -eq 2 ] && pass "exit 2" || fail "exit $st, want 2"
	grep -qF "a.pcap.expect:1: not a key line" "$tmp/tap" && pass "TAP says why" ||
		fail "TAP: $(cat "$tmp/tap")"
	grep -q Zq7 "$tmp/tap" "$tmp/j.xml" "$tmp/err" && fail "the secret is in TAP, JUnit or stderr" ||
		pass "the secret is in neither TAP nor JUnit nor stderr"
done

case="sidecar line that is a secret, without 'key'"
printf 'wpa_passphrase=Zq7SecretOnly\n' >"$tmp/sec/a.pcap.expect"
timeout 60 "$fw" check --tap --junit "$tmp/j.xml" "$tmp/sec" >"$tmp/tap" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && grep -qF "a.pcap.expect:1: not a rule" "$tmp/tap" && pass "exit 2, TAP says why" ||
	fail "exit $st: $(cat "$tmp/tap")"
grep -q Zq7 "$tmp/tap" "$tmp/j.xml" "$tmp/err" && fail "the secret is in TAP, JUnit or stderr" ||
	pass "the secret is in neither TAP nor JUnit nor stderr"

case="key file: byte order mark, keywords in capitals, readable by others"
printf '\357\273\277PSK "correct horse battery staple" "hwsim-wpa2"\n' >"$tmp/k.txt"
chmod 644 "$tmp/k.txt"
run analyze --key-file "$tmp/k.txt" "$tmp/x.pcap"
[ "$st" -eq 0 ] && pass "read (exit 0)" || fail "exit $st: $(head -c 300 "$tmp/err")"
grep -qF "note: key file $tmp/k.txt: others may read or write it (mode 644)" "$tmp/err" &&
	pass "warns about the mode" || fail "no warning in: $(head -c 300 "$tmp/err")"

# check: folder loops, names with escape sequences, SIGTERM.
case="check over a folder with a link to itself"
mkdir -p "$tmp/loop/sub"
fresh "$tmp/loop/a.pcap"
ln -s . "$tmp/loop/self"
ln -s .. "$tmp/loop/sub/back"
run check "$tmp/loop"
n=$(grep -c '^PASS' "$tmp/out")
[ "$st" -eq 0 ] && [ "$n" -eq 1 ] && pass "one capture, once, exit 0" ||
	fail "exit $st, $n PASS lines: $(head -c 300 "$tmp/out")"

case="check prints hostile file names escaped"
mkdir "$tmp/names"
fresh "$tmp/names/$(printf 'a\033[2Jb.pcap')"
fresh "$tmp/names/$(printf 'c\302\233d.pcap')"
fresh "$tmp/names/$(printf 'e\233f.pcap')"
for fmt in "" --tap; do
	# shellcheck disable=SC2086
	run check $fmt "$tmp/names"
	if grep -q "$(printf '[\033\233]')" "$tmp/out" || grep -q "$(printf '\302\233')" "$tmp/out"; then
		fail "check $fmt: a raw escape byte reached the output"
	else
		pass "check $fmt: no raw escape byte"
	fi
	# (ESC reaches the report as a blank already; C1 and bytes that are not UTF-8 as \xNN)
	grep -qF 'c\xc2\x9bd.pcap' "$tmp/out" &&
		grep -qF 'e\x9bf.pcap' "$tmp/out" && pass "check $fmt: the names shown as \\xNN" ||
		fail "check $fmt: $(head -c 400 "$tmp/out" | od -c | head -5)"
done

case="check stops its workers on SIGTERM"
mkfifo "$tmp/blocked.pcap"
"$fw" check -j 2 "$tmp/blocked.pcap" "$tmp/blocked.pcap" >/dev/null 2>&1 &
pid=$!
workers=
for _ in $(seq 50); do
	workers=$(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ')
	[ "$(echo "$workers" | grep -c .)" -ge 2 ] && break
	sleep 0.1
done
kill -TERM "$pid"
wait "$pid"
st=$?
[ "$st" -eq 143 ] && pass "ends on the signal (status 143)" || fail "status $st, want 143"
alive=
for w in $workers; do kill -0 "$w" 2>/dev/null && alive="$alive $w"; done
[ -n "$workers" ] && [ -z "$alive" ] && pass "no worker left (of$(echo " $workers" | tr '\n' ' '))" ||
	fail "workers [$workers] alive [$alive]"
# what a worker left open on the FIFO, if anything, must not block the cleanup
for w in $alive; do kill -KILL "$w" 2>/dev/null; done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
