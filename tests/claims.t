#!/usr/bin/env bash
# The claims of the prose, evaluated by the programs against this build's
# data (build/data/*/claims.tsv: name, 1 or 0, the statement): every one must
# hold with the book's default parameters.  A reader who changes a parameter
# and sees this test fail is told which sentences the new data contradict;
# the PDF marks the same sentences.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
files=$(ls build/data/*/claims.tsv 2>/dev/null) || true
[ -n "$files" ] || { echo "1..1"; echo "not ok 1 - no claims found: run make first"; exit 1; }
for f in $files; do
  while IFS=$'\t' read -r name holds statement; do
    case $name in '#'*|'') continue ;; esac
    check "$name ($(basename "$(dirname "$f")")): $statement" [ "$holds" = 1 ]
  done < "$f"
done
if command -v pdftotext >/dev/null && [ -f build/vanishing-gradients.pdf ]; then
  check "the PDF marks no claim as failing" \
    bash -c "! pdftotext build/vanishing-gradients.pdf - | tr -s ' \n' ' ' | grep -q 'does not hold for this build'"
fi
done_testing
