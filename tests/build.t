#!/usr/bin/env bash
# The book as built by `make` (make check builds it first): it exists; no
# reference, citation, chunk, figure or link is missing; every figure and
# table has a caption and a label the prose refers to; and it shows the
# numbers the programs wrote.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
pdf=build/vanishing-gradients.pdf
log=build/vanishing-gradients.log
check "make built $pdf" test -s $pdf
txt=$(pdftotext $pdf - 2>/dev/null | tr -d '\f')
count() { grep -cE -- "$1" "$2" || true; }   # lines matching, 0 if none
none() { local n; n=$(count "$1" "$2"); [ "$n" -eq 0 ] || { grep -E -- "$1" "$2" | head -5 | sed 's/^/# /' >&2; false; }; }

# ---------------------------------------------------------------- LaTeX's own warnings
check "no undefined reference (LaTeX: Reference ... undefined)" none "Warning: Reference \`" $log
check "no undefined citation (LaTeX: Citation ... undefined)" none "Warning: Citation \`" $log
check "no 'There were undefined references/citations'" none "There were undefined" $log
check "no multiply-defined label" none "multiply defined" $log
check "the cross-references settled (no 'Rerun to get')" none "Rerun to get|Label\(s\) may have changed" $log
check "no missing file (LaTeX: File ... not found)" none "File .* not found" $log
check "no '??' (undefined reference or citation) in the PDF" test "$(grep -c '??' <<< "$txt")" -eq 0
check "bibtex reported no warning" none "^Warning--" build/vanishing-gradients.blg

# ---------------------------------------------------------------- links
check "every link has a target (pdfTeX: no 'warning (dest)')" none "pdfTeX warning \(dest\)" $log
check "hyperref reported no warning" none "Package hyperref Warning" $log
if command -v mutool >/dev/null; then
  # (mutool wants the output's name to end in .pdf: without it, it spins.)
  plain=$(mktemp --suffix=.pdf); trap 'rm -f "$plain"' EXIT
  timeout 60 mutool clean -d $pdf "$plain" 2>/dev/null
  links=$("$PYTHON" tests/pdf-links.py "$plain")
  diag "$(tr '\n' ' ' <<< "$links")"
  field() { awk -v k="$1" '$1 == k && NF == 2 {print $2}' <<< "$links"; }
  check "the PDF has links to noweb chunks" test "$(field noweb)" -gt 100
  check "no link in the PDF points to a missing destination" test "$(field dangling)" -eq 0
  check "chunk links land on many different pages" test "$(field chunkpages)" -gt 20
else
  diag "mutool (mupdf-tools) not installed: link annotations not inspected"
fi

# ---------------------------------------------------------------- noweb
check "no chunk is used but never defined" test "$(grep -c 'never defined' <<< "$txt")" -eq 0

# ---------------------------------------------------------------- figures and tables
problems=$("$PYTHON" tests/book-structure.py chapters/*.nw)
kind() { grep -c "^$1 " <<< "$problems" || true; }
[ -z "$problems" ] || sed "s/^/# /" <<< "$problems"
check "every figure and table has a caption" test "$(kind float-caption)" -eq 0
check "every figure and table has a label" test "$(kind float-label)" -eq 0
check "every figure and table is referred to by \\ref in the prose" test "$(kind unreferenced)" -eq 0
check "every figure environment inputs one fig-*.tex" test "$(kind figure-input)" -eq 0
check "every figure input has its <<fig-*.gp>> root" test "$(kind figure-root)" -eq 0
check "no [[code]] in a chapter, section or caption title" test "$(kind heading-code)" -eq 0
check "no code line runs into the margin" test "$(kind code-wide)" -eq 0
check "no chunk is longer than a screen" test "$(kind chunk-long)" -eq 0
check "every chunk has prose before it" test "$(kind chunk-bare)" -eq 0
# (pending-index-clash and pending-prose-identifier, in the chapters that
# book-structure.py's PENDING lists, are shown above but not counted.)
check "every identifier of the index is defined in one program" test "$(kind index-clash)" -eq 0
check "no code identifier in the prose outside [[...]]" test "$(kind prose-identifier)" -eq 0
missing=0
for f in $(grep -ho '\\input{fig-[^}]*\.tex}' chapters/*.nw | sed 's/\\input{//; s/}$//' | sort -u); do
  [ -s figures/$f ] && [ -s figures/${f%.tex}.pdf ] || { diag "missing figure files for $f"; missing=$((missing+1)); }
done
check "every figure the chapters input was drawn (figures/*.tex and .pdf)" test $missing -eq 0
unused=0
for f in figures/fig-*.tex; do
  grep -q "\\\\input{${f#figures/}}" chapters/*.nw || { diag "figure $f is drawn but not shown"; unused=$((unused+1)); }
done
check "every figure drawn is shown in the book" test $unused -eq 0
nfig=$(ls figures/fig-*.tex | wc -l)
check "every one of the $nfig figures has a caption in the book" \
  test "$(grep -cE '^Figure [0-9A-Z]+\.[0-9]+:' <<< "$txt")" -ge "$nfig"

# ---------------------------------------------------------------- the argument first
# Issue 18's targets: the argument (the main matter, before the appendices)
# in about 120 pages, of which code is at most a third; a subject index.
shape=$(tools/shape build/vanishing-gradients.toc)
diag "$(tail -n1 <<< "$shape")"
pages=$(sed -n 's/^main matter: \([0-9]*\) pages.*/\1/p' <<< "$shape")
percent=$(sed -n 's/.*lines of [0-9]* chapter files (\([0-9]*\) %).*/\1/p' <<< "$shape")
check "the main matter is at most 120 pages" test "${pages:-999}" -le 120
check "code is at most a third of the main matter's lines" test "${percent:-100}" -le 33
index=build/vanishing-gradients.ind
check "the subject index lists 40 concepts or more" \
  test "$(grep -c '^ *\\item ' $index 2>/dev/null || echo 0)" -ge 40
check "the PDF has the subject index" grep -q '^Index of subjects' <<< "$txt"

# ---------------------------------------------------------------- generated numbers
# Every number of the generated derivative table appears in the PDF.
table=build/tex/budget/table-derivatives.tex
values=$(sed 's/\\\\//; s/\$^\\dagger\$//g; s/[{}]//g' $table | tr '&' '\n' | tr -d ' ' | grep -v '^$')
check "the derivative table was generated" test -n "$values"
for v in $values; do
  check "the PDF shows table value $v" grep -qF -- "$v" <<< "$txt"
done

# ---------------------------------------------------------------- front and back matter
check "the title page is typeset" grep -q 'A literate companion in C' <<< "$txt"
for part in Preface Contents 'List of Figures' 'List of Tables' Bibliography \
            'Index of chunks' 'Index of identifiers'; do
  check "the book has its $part" grep -q "^$part\$" <<< "$txt"
done
bbl=build/vanishing-gradients.bbl
for key in hochreiter1991untersuchungen bengio1994learning hochreiter1997long \
           gers2000learning pascanu2013difficulty le2015simple saxe2014exact \
           kingma2015adam ramsey1994literate; do
  check "the bibliography lists $key" grep -q "{$key}" $bbl
done
check "every entry the bibliography lists is cited" \
  test "$(grep -c '^\\bibitem' $bbl)" -eq "$(grep -o '\\citation{[^}]*}' build/vanishing-gradients.aux | tr ',' '\n' | sed 's/.*{//; s/}//' | sort -u | wc -l)"
over=$(grep -c '^Overfull \\hbox ([1-9][0-9]\.' $log || true)
diag "overfull lines wider than 10pt: $over"
done_testing
