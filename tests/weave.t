#!/usr/bin/env bash
# tools/weave: the identifier index lists the chunks whose code names an
# identifier, not those that mention it in a comment, a string or a gnuplot
# script (noweb's finduses matches the name anywhere).  A made-up chapter has
# one chunk of each kind; the woven LaTeX says which chunks use what.
. "$(dirname "$0")/lib.sh"
command -v noweave >/dev/null || skip_all "noweb is not installed"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cat > "$dir/t.nw" <<'NW'
<<lib.c>>=
int run(int n) { return n; }
@ %def run

<<caller.c>>=
int caller(void) { return run(1); }
@

<<comment.c>>=
/* we run it twice,
   and run it again */
int quiet(void) { return 0; } // run
@

<<string.c>>=
const char *s = "run \" run", c = 'r';
@

<<fig.gp>>=
<<the plot>>
@

<<the plot>>=
run = 1   # gnuplot has no C functions
@

Prose quotes [[run(2)]].

<<[[main]] of the test>>=
<<$\beta$ settings>>
<<another chunk>>
@

<<$\beta$ settings>>=
@

<<another chunk>>=
@
NW
"$TOP"/tools/weave "$dir/t.nw" > "$dir/t.tex" 2> "$dir/err"
check "weaves without a message" test ! -s "$dir/err"
# One line per chunk, from its \nwbegincode on; a use is an \nwindexuse.
chunk() { tr '\n' ' ' < "$dir/t.tex" | sed 's/\\nwbegincode/\n/g' | grep -F "\\moddef{$1~"; }
uses() { chunk "$1" | grep -qF '\nwindexuse{\nwixident{run}}'; }
uses_not() { chunk "$1" >/dev/null && ! uses "$1"; }
check "the caller's call is a use" uses caller.c
check "a comment, across lines or to the line's end, is not a use" uses_not comment.c
check "a string with an escaped quote, or a char literal, is not a use" uses_not string.c
check "a chunk that only gnuplot reads is not a use" uses_not 'the plot'
check "the prose's quoted code still links to the definition" grep -qF '\nwlinkedidentq{run}' "$dir/t.tex"
# The chunk index in reading order: markup does not sort first.
order=$(grep -o '^\\nwixlogsorted{c}{{[^}]*' "$dir/t.tex" | sed 's/.*{{//' | tr '\n' '|')
diag "chunk index: $order"
check "the chunk index sorts names as they read (another, beta, caller.c ... main ... the plot)" \
  test "$order" = 'another chunk|$\beta$ settings|caller.c|comment.c|fig.gp|lib.c|\code{|string.c|the plot|'
done_testing
