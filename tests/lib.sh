# lib.sh - helpers of the end-to-end shell tests (sourced; POSIX sh).
# The sourcing script sets $top (top_srcdir) first, and $tmp (a scratch
# folder) before it runs anything, or calls setup.
#   setup NAME                    bld, fw (the program), tmp (a scratch
#                                 folder fourway-NAME.*, removed on exit)
#   skip WHY                      say why on stderr and exit 77 (SKIP)
#   need TOOL...                  skip unless every TOOL is on PATH
#   need_fw                       fail (99) unless fourway is built
#   need_corpus [FILE...]         $corpus, the real-capture corpus
#                                 (FOURWAY_CORPUS); skip without it, fail
#                                 when it lacks one FILE
#   ok NAME / nok NAME [DETAIL]   count and print one result
#   check NAME EXPR [DETAIL]      ok when EXPR (eval'd) holds, else nok
#   run NAME WANT CMD...          run CMD, stdout in $tmp/out, stderr in
#                                 $tmp/err, and check its exit status
#   expect NAME FILE EXPR [ARG...]  ok when jq -e ARG... EXPR FILE holds
# The script ends with: echo "$passed passed, $failed failed".
setup() {
	bld=${top_builddir:-.}
	fw=$bld/fourway
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/fourway-$1.XXXXXX") || exit 99
	trap 'rm -rf "$tmp"' EXIT INT TERM
}
skip() { echo "${0##*/}: $1: skipping" >&2; exit 77; }
need() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || skip "$t not found"
	done
}
need_fw() { [ -x "$fw" ] || { echo "${0##*/}: $fw not built" >&2; exit 99; }; }
need_corpus() {
	corpus=${FOURWAY_CORPUS:-$top/../shared/corpus}
	[ -r "$corpus/MANIFEST.tsv" ] || skip "corpus not found at $corpus (set FOURWAY_CORPUS)"
	for f in "$@"; do
		[ -r "$corpus/$f" ] || { echo "${0##*/}: $corpus/$f: not in the corpus" >&2; exit 99; }
	done
}

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
nok() { failed=$((failed + 1)); echo "not ok - $1"; [ -z "${2:-}" ] || printf '  %s\n' "$2"; }
check() { if eval "$2"; then ok "$1"; else nok "$1" "${3:-}"; fi; }

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

expect() {
	name=$1 file=$2 expr=$3
	shift 3
	if jq -e "$@" "$expr" "$file" >/dev/null 2>&1; then
		ok "$name"
	else
		nok "$name" "jq '$expr' is false"
	fi
}
