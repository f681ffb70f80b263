#!/usr/bin/env bash
# Incremental builds are a feature: in a copy of the built tree, edit prose,
# then a C chunk, then a gnuplot chunk, and count what Make redoes.  Also: a
# misspelled chunk definition stops the build.  (Builds from clean, in parallel
# and interrupted, are tests/interrupted.t's.)
. "$(dirname "$0")/lib.sh"
in_built_copy
steps() { make 2>&1 | grep '^  [A-Z]' | awk '{print $1}' | sort | uniq -c | awk '{print $2"="$1}' | tr '\n' ' '; }
has() { [[ " $1 " == *" $2 "* ]]; }
lacks() { ! [[ " $1 " == *" $2="* ]]; }

log=$(steps); diag "no edit: $log"
check "a built tree rebuilds nothing" test -z "$log"

sed -i 's/^Every step of backpropagation through time/Each step of backpropagation through time/' chapters/20-budget.nw
log=$(steps); diag "prose edit: $log"
check "prose edit: re-weaves" has "$log" WEAVE=1
check "prose edit: re-typesets" has "$log" TEX=1
check "prose edit: compiles nothing" lacks "$log" CC
check "prose edit: runs no experiment" lacks "$log" RUN
check "prose edit: plots nothing" lacks "$log" PLOT

# A new line of prose moves every chunk below it, and so the #line lines of
# their C; the code itself is unchanged, so nothing is compiled.
sed -i 's/^Each step of backpropagation through time/Each step\nof backpropagation through time/' chapters/20-budget.nw
log=$(steps); diag "prose edit that adds a line: $log"
check "a prose edit that moves the code down a line compiles nothing" lacks "$log" CC
check "and runs nothing" lacks "$log" RUN

sed -i 's/^static const double SIGNAL_FLOOR = 1e-6;/static const double SIGNAL_FLOOR = 1e-3;/' chapters/93-20-budget.nw
before=$(md5sum build/data/budget/activations.tsv)
log=$(steps); diag "parameter edit: $log"
check "parameter edit: compiles budget.c alone" has "$log" CC=1
check "parameter edit: reruns the budget experiment" has "$log" RUN=1
check "parameter edit: replots the budget figures" has "$log" PLOT=2
check "parameter edit: the decay times changed" grep -q '1e-03\|0.001' build/tex/budget/macros.tex
check "parameter edit: the activation curves did not" test "$before" = "$(md5sum build/data/budget/activations.tsv)"

sed -i "s/^set ylabel 'steps until the signal is gone'/set ylabel 'steps until gone'/" chapters/93-20-budget.nw
log=$(steps); diag "gnuplot edit: $log"
check "gnuplot edit: replots one figure" has "$log" PLOT=1
check "gnuplot edit: compiles and runs nothing" lacks "$log" RUN

sed -i 's/^<<budget parameters>>=/<<budget paramters>>=/' chapters/93-20-budget.nw
check "a misspelled chunk definition stops the build" bash -c '! make >/dev/null 2>&1'
sed -i 's/^<<budget paramters>>=/<<budget parameters>>=/' chapters/93-20-budget.nw

done_testing
