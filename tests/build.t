#!/usr/bin/env bash
# The book as built by `make` (make check builds it first): it exists, every
# reference and citation resolved, and it shows the numbers the programs wrote.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
pdf=build/vanishing-gradients.pdf
check "make built $pdf" test -s $pdf
txt=$(pdftotext $pdf - 2>/dev/null)
check "no '??' (undefined reference or citation) in the PDF" test "$(grep -c '??' <<< "$txt")" -eq 0
check "the LaTeX log reports nothing undefined" \
  test "$(grep -ci 'undefined' build/vanishing-gradients.log)" -eq 0
# Every number of the generated derivative table appears in the PDF.
table=build/tex/budget/table-derivatives.tex
values=$(sed 's/\\\\//; s/[{}]//g; s/\\rlap.*dagger\$//g' $table | tr '&' '\n' | tr -d ' ' | grep -v '^$')
check "the derivative table was generated" test -n "$values"
for v in $values; do
  check "the PDF shows table value $v" grep -qF -- "$v" <<< "$txt"
done
# One caption per figure script, whichever chapter it is in.
figures=$(ls figures/*.tex | wc -l)
check "every figure ($figures) is in the book" \
  test "$(grep -cE '^Figure [0-9]+\.[0-9]+:' <<< "$txt")" -eq "$figures"
check "the bibliography is typeset" grep -q 'Bibliography' <<< "$txt"
check "the chunk index is typeset" grep -q 'Index of chunks and identifiers' <<< "$txt"
done_testing
