#!/usr/bin/env bash
# A chapter's parameter chunk is the reader's main door (issue 18): in a copy
# of the built tree, edit the budget chapter's <<budget parameters>> as a
# reader trying a variant would, and check the build's reaction.
#  - A value the command line would refuse (Z_LIMIT = -6, like --zmax -6)
#    stops the build with the option's one line naming the value; nothing is
#    written, and --help still answers (make asks it what the program offers).
#  - A point the table cannot print (TABLE_X holding 400, where tanh' is no
#    longer a normal double) stops it too, in one line.
#  - A point added to TABLE_X (8) builds: the table has one more row, prints
#    tanh'(8) with its exponent (4.501e-07, set as 4.501 x 10^-7 in the PDF),
#    and the caption's count follows (six points).
#  - Another chapter's chunk: CHAIN_HIDDEN = 0 in <<chain parameters>> stops
#    the chain program as --hidden 0 does.
. "$(dirname "$0")/lib.sh"
in_built_copy
sums() { find build/data/"$1" build/tex/"$1" -type f | sort | xargs md5sum; }
temps() { find build/data/"$1" build/tex/"$1" -name '.*.??????'; }
edit() {  # edit FILE OLD NEW: replace a whole line, and say whether it was there
  grep -qxF -- "$2" "$1" || return 1
  OLD=$2 NEW=$3 perl -i -pe '$_ = "$ENV{NEW}\n" if $_ eq "$ENV{OLD}\n"' "$1"
}
chapter=chapters/93-20-budget.nw
zline='static const double Z_LIMIT = 6.0;'
xline='static const double TABLE_X[] = { 0, 1, 2, 3, 5 };'
cp "$chapter" "$copy/budget.nw.orig"

# (a) Z_LIMIT out of the range of --zmax
check "the budget chapter sets Z_LIMIT = 6.0" edit "$chapter" "$zline" 'static const double Z_LIMIT = -6.0;'
before=$(sums budget)
out=$(make build/run/budget.stamp 2>&1); st=$?
diag "make with Z_LIMIT = -6: exit $st" "$(grep '^build/bin/budget:' <<< "$out")"
check "Z_LIMIT = -6: the build fails" test $st -ne 0
check "Z_LIMIT = -6: the program says so in one line" \
  test "$(grep -c '^build/bin/budget:' <<< "$out")" -eq 1
check "Z_LIMIT = -6: the line names the option, the value and the bounds" \
  grep -qF -- 'build/bin/budget: the default of --zmax, -6, is outside [0.5, 700]' <<< "$out"
check "Z_LIMIT = -6: no output file changed" test "$before" = "$(sums budget)"
check "Z_LIMIT = -6: no temporary file left" test -z "$(temps budget)"
check "Z_LIMIT = -6: the run is still to be made" bash -c '! make -q build/run/budget.stamp'
check "Z_LIMIT = -6: --help still answers (make reads it)" build/bin/budget --help
check "Z_LIMIT = -6: refused as --zmax -6 is (exit 2)" \
  bash -c 'build/bin/budget --outdir "$1/none" 2>/dev/null; test $? -eq 2 && test ! -e "$1/none"' _ "$copy"
cp "$copy/budget.nw.orig" "$chapter"

# (a') a table point too far out for a double
check "TABLE_X is the lesson's five points" edit "$chapter" "$xline" \
  'static const double TABLE_X[] = { 0, 1, 2, 3, 5, 400 };'
out=$(make build/run/budget.stamp 2>&1); st=$?
diag "make with 400 in TABLE_X: exit $st" "$(grep '^build/bin/budget:' <<< "$out")"
check "TABLE_X with 400: the build fails" test $st -ne 0
check "TABLE_X with 400: one line, naming the array and the value" \
  test "$(grep -c '^build/bin/budget: TABLE_X holds 400, ' <<< "$out")" -eq 1
check "TABLE_X with 400: no output file changed" test "$before" = "$(sums budget)"
cp "$copy/budget.nw.orig" "$chapter"

# (b) one more point: the table grows a row, the caption's count follows
edit "$chapter" "$xline" 'static const double TABLE_X[] = { 0, 1, 2, 3, 5, 8 };'
out=$(make 2>&1); st=$?
diag "make with 8 added to TABLE_X: exit $st"
check "TABLE_X with 8: the book builds" test $st -eq 0
table=build/tex/budget/table-derivatives.tex
check "TABLE_X with 8: the table has six rows" test "$(grep -c '\\\\$' $table)" -eq 6
check "TABLE_X with 8: tanh'(8) is written with its exponent" grep -q '^8 & 4\.501e-07 & ' $table
check "TABLE_X with 8: the caption's count is a macro the program wrote: six" \
  grep -qF '\newcommand{\BudgetTablePoints}{six}' build/tex/budget/macros.tex
text=$(pdftotext build/vanishing-gradients.pdf - | tr -s ' \n' '  ')
check "TABLE_X with 8: the PDF's caption says six points" \
  grep -qF 'The derivative budget at six points:' <<< "$text"
# siunitx sets 4.501e-07 as 4.501 × 10^-7; pdftotext -layout keeps the row.
rows=$(pdftotext -layout build/vanishing-gradients.pdf -)
check "TABLE_X with 8: the PDF prints tanh'(8) with its exponent" \
  grep -qE '(^| )8 +4\.501 × 10(−|-)7 ' <<< "$rows"
says_not() { ! grep -qF -- "$1" <<< "$text"; }   # the PDF is too long for an argument
check "TABLE_X with 8: no caption still says five points" says_not 'budget at five points'
cp "$copy/budget.nw.orig" "$chapter"

# Another chapter's parameter chunk: the chain's hidden size
check "the chain chapter sets CHAIN_HIDDEN = 64" \
  grep -q '^enum { CHAIN_HIDDEN = 64, ' chapters/93-10-chain.nw
sed -i 's/^enum { CHAIN_HIDDEN = 64, /enum { CHAIN_HIDDEN = 0, /' chapters/93-10-chain.nw
before=$(sums chain)
out=$(make build/run/chain.stamp 2>&1); st=$?
diag "make with CHAIN_HIDDEN = 0: exit $st" "$(grep '^build/bin/chain:' <<< "$out")"
check "CHAIN_HIDDEN = 0: the build fails" test $st -ne 0
check "CHAIN_HIDDEN = 0: one line naming --hidden, 0 and its bounds" \
  test "$(grep -c '^build/bin/chain: the default of --hidden, 0, is outside \[1, 1024\]' <<< "$out")" -eq 1
check "CHAIN_HIDDEN = 0: no output file changed" test "$before" = "$(sums chain)"
done_testing
