#!/usr/bin/env bash
# The claims of the prose, evaluated by the programs against this build's
# data (build/data/*/claims.tsv: name, 1, 0 or undecided, the statement): no
# claim may fail with the book's default parameters.  A claim about a rate
# measured over many runs may be undecided (its interval contains the level
# it is compared with): it passes, and is listed at the end with the number
# of runs that would decide it.  A reader who changes a parameter and sees
# this test fail is told which sentences the new data contradict; the PDF
# marks the same sentences.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
files=$(ls build/data/*/claims.tsv 2>/dev/null) || true
[ -n "$files" ] || { echo "1..1"; echo "not ok 1 - no claims found: run make first"; exit 1; }
undecided=()
for f in $files; do
  while IFS=$'\t' read -r name holds statement; do
    case $name in '#'*|'') continue ;; esac
    where="$name ($(basename "$(dirname "$f")"))"
    [ "$holds" = undecided ] && undecided+=("$where: $statement")
    check "$where: $statement" [ "$holds" = 1 -o "$holds" = undecided ]
  done < "$f"
done
diag "${#undecided[@]} claims are undecided${undecided:+:}"
for u in "${undecided[@]}"; do diag "  $u"; done
if command -v pdftotext >/dev/null && [ -f build/vanishing-gradients.pdf ]; then
  check "the PDF marks no claim as failing" \
    bash -c "! pdftotext build/vanishing-gradients.pdf - | tr -s ' \n' ' ' | grep -q 'does not hold for this build'"
fi
done_testing
