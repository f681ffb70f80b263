#!/usr/bin/env bash
# Incremental builds are a feature: in a copy of the built tree, edit prose,
# then a C chunk, then a gnuplot chunk, and count what Make redoes.  Also: a
# misspelled chunk definition stops the build, and make -j2 from clean gives
# byte-identical data to the -j1 build.
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

sed -i 's/^static const double SIGNAL_FLOOR = 1e-6;/static const double SIGNAL_FLOOR = 1e-3;/' chapters/20-budget.nw
before=$(md5sum build/data/budget/activations.tsv)
log=$(steps); diag "parameter edit: $log"
check "parameter edit: compiles budget.c alone" has "$log" CC=1
check "parameter edit: reruns the budget experiment" has "$log" RUN=1
check "parameter edit: replots the budget figures" has "$log" PLOT=2
check "parameter edit: the decay times changed" grep -q '1e-03\|0.001' build/tex/budget/macros.tex
check "parameter edit: the activation curves did not" test "$before" = "$(md5sum build/data/budget/activations.tsv)"

sed -i "s/^set ylabel 'steps until the signal is gone'/set ylabel 'steps until gone'/" chapters/20-budget.nw
log=$(steps); diag "gnuplot edit: $log"
check "gnuplot edit: replots one figure" has "$log" PLOT=1
check "gnuplot edit: compiles and runs nothing" lacks "$log" RUN

sed -i 's/^<<budget parameters>>=/<<budget paramters>>=/' chapters/20-budget.nw
check "a misspelled chunk definition stops the build" bash -c '! make >/dev/null 2>&1'
sed -i 's/^<<budget paramters>>=/<<budget parameters>>=/' chapters/20-budget.nw

# -j2 from scratch against the tree we started from.
rm -rf "$copy"/*; cd "$TOP"
tar --exclude=.git --exclude=./build --exclude=./src --exclude=./figures -cf - . | tar -C "$copy" -xf -
cd "$copy"
check "make -j2 from clean succeeds" bash -c "make -j2 > '$copy.log' 2>&1"
check "the clean build prints no compiler warning" bash -c "! grep -q 'warning:' '$copy.log'"
grep 'warning:' "$copy.log" | head -5 | sed 's/^/# /'; rm -f "$copy.log"
same() { diff -r "$TOP/build/data" build/data && diff -r -x '*.tex.tmp' "$TOP/build/tex" build/tex; }
check "make -j2 gives the same data and numbers as the original build" same
check "make -j2 in another directory gives the same figures" diff -r "$TOP/figures" figures
check "make -j2 in another directory gives a byte-identical book" cmp "$TOP/build/vanishing-gradients.pdf" build/vanishing-gradients.pdf
check "the book names no build directory" bash -c "! grep -a -q -e '$TOP' -e '$copy' build/vanishing-gradients.pdf figures/*.pdf"
done_testing
