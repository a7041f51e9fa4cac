#!/bin/sh
# No circles between the objects of the program (STYLE.md, small files with
# one job).  An object uses another when it leaves a symbol undefined that
# the other defines (nm); a cycle of such uses means neither file can be
# read, tested or moved without the other.  Every strongly connected
# component of more than one object is printed with the edges inside it and
# the symbols each edge carries, and the check fails, unless each of those
# edges is in the allow-list below.
#
# The objects are the program's: FOURWAY_OBJECTS (set by make check:
# fourway's own objects and its LDADD; words not ending in .o or .a are
# ignored), or the arguments.  Objects are named stage/file.o after the
# folder their member lies in under top_builddir/src.
bld=${top_builddir:-.}

# The allow-list: "from to symbol" (symbol * for every symbol of the edge).
# An allowed edge is left out of the graph before the components are taken.
# The one genuine recursion of the program, a decrypted EAPOL-Key or
# management frame re-entering the timeline, needs no entry: decrypt.o
# calls eapol.o and mgmt.o, and neither of them calls back.
allowed='
'

nm=${NM:-nm}
command -v "$nm" >/dev/null 2>&1 || { echo "check-circles: $nm not found: skipping" >&2; exit 77; }
if [ $# -gt 0 ]; then
	objs=$*
else
	objs=$FOURWAY_OBJECTS
fi
list=
for o in $objs; do
	case $o in *.o|*.a) ;; *) continue ;; esac
	case $o in /*) ;; *) o=$bld/$o ;; esac
	case " $list " in *" $o "*) continue ;; esac
	[ -e "$o" ] || { echo "check-circles: $o: not built" >&2; exit 99; }
	list="$list $o"
done
[ -n "$list" ] || { echo "check-circles: no objects (FOURWAY_OBJECTS unset)" >&2; exit 99; }

# One line an object and symbol: "object D|U symbol".
tab=$(mktemp "${TMPDIR:-/tmp}/fw-circles.XXXXXX") || exit 99
trap 'rm -f "$tab"' EXIT INT TERM
for o in $list; do
	"$nm" -g -P -A "$o" || { echo "check-circles: $nm $o failed" >&2; exit 99; }
done | awk -v bld="$bld" '
function objname(path, member,    m, f, cmd, n, d, line, parts) {
	m = member
	sub(/^(lib[a-z]+_a|fourway)-/, "", m)
	if (path ~ /\.o$/) {
		n = split(path, d, "/")
		return d[n - 1] "/" m
	}
	# An archive member: the folder under src/ that holds it.
	if (member in dir)
		return dir[member] "/" m
	cmd = "ls -d \"" bld "\"/src/*/\"" member "\" 2>/dev/null"
	f = ""
	while ((cmd | getline line) > 0) {
		n = split(line, parts, "/")
		f = f == "" ? parts[n - 1] : "?"
	}
	close(cmd)
	if (f == "" || f == "?")
		f = path
	dir[member] = f
	return f "/" m
}
{
	# "archive[member]: symbol type ..." or "object.o: symbol type ..."
	name = $1
	sub(/:$/, "", name)
	if (match(name, /\[.*\]$/)) {
		member = substr(name, RSTART + 1, RLENGTH - 2)
		path = substr(name, 1, RSTART - 1)
	} else {
		member = name
		sub(/.*\//, "", member)
		path = name
	}
	t = $3
	if (t == "U")
		k = "U"
	else if (t ~ /^[TDBRCGSVW]$/)
		k = "D"
	else
		next
	print objname(path, member), k, $2
}' > "$tab" || exit 99

printf '%s\n' "$allowed" | awk '
# Tarjan: the strongly connected components of the use graph.
function visit(v,    i, w) {
	index_[v] = low[v] = ++counter
	stack[++sp] = v
	on[v] = 1
	for (i = 1; i <= nout[v]; i++) {
		w = out[v, i]
		if (!(w in index_)) {
			visit(w)
			if (low[w] < low[v])
				low[v] = low[w]
		} else if (on[w] && index_[w] < low[v])
			low[v] = index_[w]
	}
	if (low[v] == index_[v]) {
		ncomp++
		do {
			w = stack[sp--]
			on[w] = 0
			comp[w] = ncomp
			size[ncomp]++
		} while (w != v)
	}
}
FNR == NR {
	if (NF == 3)
		allow[$1, $2, $3] = 1
	next
}
$2 == "D" {
	if (!($3 in def))
		def[$3] = $1
	if (!($1 in nodes))
		nnodes++
	nodes[$1] = 1
	next
}
$2 == "U" {
	if (!($1 in nodes))
		nnodes++
	nodes[$1] = 1
	uses[++nuses] = $1 SUBSEP $3
}
END {
	for (u = 1; u <= nuses; u++) {
		split(uses[u], p, SUBSEP)
		a = p[1]; s = p[2]
		if (!(s in def) || def[s] == a)
			continue
		b = def[s]
		if ((a, b, s) in allow || (a, b, "*") in allow)
			continue
		if (!((a, b) in edge)) {
			out[a, ++nout[a]] = b
			edge[a, b] = s
		} else
			edge[a, b] = edge[a, b] ", " s
	}
	for (v in nodes)
		if (!(v in index_))
			visit(v)
	bad = 0
	for (c = 1; c <= ncomp; c++) {
		if (size[c] < 2)
			continue
		bad++
		printf "check-circles: a circle of %d objects:\n", size[c]
		n = 0
		for (e in edge) {
			split(e, p, SUBSEP)
			if (comp[p[1]] == c && comp[p[2]] == c)
				lines[++n] = sprintf("  %s -> %s (%s)", p[1], p[2], edge[e])
		}
		# sorted, so two runs print the same
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && lines[j - 1] > lines[j]; j--) {
				t = lines[j]; lines[j] = lines[j - 1]; lines[j - 1] = t
			}
		for (i = 1; i <= n; i++)
			print lines[i]
	}
	if (bad) {
		printf "check-circles: %d circle(s); move the functions to where they belong\n", bad
		exit 1
	}
	printf "check-circles: no circle among %d objects\n", nnodes
}' - "$tab"
