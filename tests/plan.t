#!/usr/bin/env bash
# A sweep spread over make's jobs (chapters/93-50-cliff.nw, "A sweep spread over
# processes"; the Makefile's "planned runs"): in a copy of the sources, the two
# cliff sweeps, the budget and the optimiser sweep are made under QUICK=1, each
# run a target of its own.  Their
# data must be byte for byte those of the same sweep run in one process, a
# second make must redo nothing, and an edit of one model's parameters must
# retrain that model's runs and no other.
. "$(dirname "$0")/lib.sh"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
copy_sources "$dir"
cd "$dir"
planned="cliff-clean cliff-noise cliff-budget cliff-optim"
sweeps=$(for p in $planned; do printf "build/run/%s.stamp " $p; done)
runs() { make -j2 QUICK=1 $sweeps 2>&1 | grep '^  RUN' | awk '{ print $2 "/" $4 }' | LC_ALL=C sort | tr '\n' ' '; }

log=$(runs); diag "first make: $log"
for p in $planned; do
  n=$(build/bin/$p --plan 1 --quick 1 | wc -l)
  check "$p: every one of its $n planned runs was made by a job of its own" \
    test "$(ls build/plan/$p/*.row | wc -l)" -eq "$n"
  build/bin/$p --quick 1 --outdir single >/dev/null 2>&1
  check "$p: the gathered data are those of the sweep run in one process" \
    diff -r single/data/$p build/data/$p
  check "$p: and so are its numbers" diff -r single/tex/$p build/tex/$p
done

check "a second make retrains nothing" test -z "$(runs)"

# The fourth contestant of the sweeps is the LSTM with b_f = 1: runs 6 and 7
# of the sweeps' quick plans (two lengths, one run each, eight contestants),
# run 3 of the budget's (one length, one run) and runs 15 to 19 of the
# optimiser's (five settings, one length, one run).
sed -i 's/"LstmFb", SWEEP_SHAPE(CELL_LSTM), INIT_PYTORCH, 1, 1, 0 },$/"LstmFb", SWEEP_SHAPE(CELL_LSTM), INIT_PYTORCH, 1, 2, 0 },/' chapters/93-50-cliff.nw
log=$(runs); diag "after an edit of the fourth contestant's forget bias: $log"
check "an edit of one model's parameters retrains that model's runs alone" \
  test "$log" = "cliff-budget/ cliff-budget/3 cliff-clean/ cliff-clean/6 cliff-clean/7 cliff-noise/ cliff-noise/6 cliff-noise/7 cliff-optim/ cliff-optim/15 cliff-optim/16 cliff-optim/17 cliff-optim/18 cliff-optim/19 "
check "the sweeps' data say so" grep -q 'forget_bias=2' build/plan/cliff-clean/6.cfg
done_testing
