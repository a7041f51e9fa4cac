# lib.sh - helpers of the end-to-end shell tests (sourced; POSIX sh).
# The sourcing script sets $tmp (a scratch folder) first.
#   ok NAME / nok NAME [DETAIL]   count and print one result
#   run NAME WANT CMD...          run CMD, stdout in $tmp/out, stderr in
#                                 $tmp/err, and check its exit status
# The script ends with: echo "$passed passed, $failed failed".
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; [ -z "${2:-}" ] || printf '  %s\n' "$2"; }

run() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$name: exit $want"
	else
		nok "$name: exit $got, want $want" "$(head -c 400 "$tmp/err"; head -c 400 "$tmp/out")"
	fi
}
