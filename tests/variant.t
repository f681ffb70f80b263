#!/usr/bin/env bash
# "Trying a variant" (the appendix, and the README): in a copy of the built
# tree, change one parameter of the random-numbers appendix and run
# `make figures`.  Only that chapter's program is compiled and rerun, only its
# data change, only its figure is redrawn, and nothing is typeset; the `make`
# that follows only reweaves and retypesets.  (tests/incremental.t does the
# same through `make` for the budget chapter.)
. "$(dirname "$0")/lib.sh"
in_built_copy
steps() { make "$@" 2>&1 | grep '^  [A-Z]' | awk '{print $1}' | sort | uniq -c | awk '{print $2"="$1}' | tr '\n' ' '; }
has() { [[ " $1 " == *" $2 "* ]]; }
lacks() { ! [[ " $1 " == *" $2="* ]]; }
sums() { find build/data -type f -name '*.tsv' | sort | xargs md5sum; }

param='^enum { HIST_BINS = 90 };'
check "the parameter chunk of the rng appendix has HIST_BINS = 90" grep -q "$param" chapters/93-11-rng.nw
before=$(sums)
sed -i "s/$param/enum { HIST_BINS = 60 };/" chapters/93-11-rng.nw
log=$(steps figures); diag "make figures after a parameter edit: $log"
check "make figures: compiles draws.c alone" has "$log" CC=1
check "make figures: reruns the draws experiment alone" has "$log" RUN=1
check "make figures: redraws its figure alone" has "$log" PLOT=1
check "make figures: does not weave" lacks "$log" WEAVE
check "make figures: does not typeset" lacks "$log" TEX
after=$(sums)
changed=$(diff <(echo "$before") <(echo "$after") | grep '^>' | awk '{print $3}' | sort -u | tr '\n' ' ')
diag "data files changed: $changed"
check "the histogram's data changed" test "$changed" = "build/data/draws/histogram.tsv "
check "the bin width quoted in the prose follows" grep -q 'DrawsBinWidth}{\\num{0.15}}' build/tex/draws/macros.tex

log=$(steps); diag "make after make figures: $log"
check "make then reweaves and retypesets" has "$log" TEX=1
check "make then compiles, runs and plots nothing" bash -c "! grep -qE 'CC|RUN|PLOT' <<< '$log'"
quotes() { pdftotext build/vanishing-gradients.pdf - | tr -s ' \n' '  ' | grep -q "bins are 0.15 wide"; }
check "the book quotes the new bin width" quotes
done_testing
