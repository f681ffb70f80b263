#!/usr/bin/env bash
# The cliff sweep's success rates against PyTorch's (issue 16).
# At a few points of build/data/cliff-clean/rates.tsv, PyTorch's own networks
# (tests/rate_torch.py: nn.RNN / nn.LSTM with PyTorch's initialisation, the
# sweep's protocol, float32, one thread) train from seeds of their own, 0 ..
# n_torch - 1.  The book's rate and PyTorch's are two independent samples of
# one experiment, so the 95% interval of their difference (Newcombe's hybrid
# score interval, built from the two Wilson intervals) must contain 0.
# The points: the two where the lesson's claim lives and the rate is neither 0
# nor 1 (the RNN and the LSTM with b_f = 1 at T = 50), and one at each end,
# where a PyTorch side that never learns (the RNN at T = 5, the book's 20/20:
# 4 failures of 16 would fail the check) or one that learns too easily (the
# LSTM at T = 50, the book's 0/20: 4 successes of 16 would) is caught.
# Chance: both sides are deterministic (fixed seeds), so the test passes or
# fails the same way at every run; but the seeds are an arbitrary choice, and
# over that choice two correct programs disagree at a middle point about 5% of
# the time (at the ends, where both sides are 0/n or n/n, practically never).
# A failure at one middle point alone is therefore weak evidence; at several,
# or at an end, look for a difference of protocol.
#
# Time, on the 2-core EPYC-512 (AMD EPYC, AVX-512): 2 min 9 s of wall time
# with the machine otherwise nearly idle, 2 min 54 s under `prove` while two
# other builds ran (load 5); about 2 min of CPU either way, on one thread.  Half
# of it is the LSTM at T = 50, whose runs never learn and so take all 500
# updates (about 3.7 s each); the RNN at T = 5 takes 2 s.  Halving n_torch
# roughly halves it.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
n_torch=16   # PyTorch's runs a point (seeds 0 .. n_torch - 1)
"$PYTHON" -c 'import torch' 2>/dev/null || skip_all "torch not installed"
rates=build/data/cliff-clean/rates.tsv
[ -s $rates ] || { echo "1..1"; echo "not ok 1 - $rates is missing: run make first"; exit 1; }
py() { "$PYTHON" tests/rate_torch.py "$@"; }

# Newcombe (1998), Table II, method 10: his examples (a), (b), (d), (e), (g)
# and (h), printed to four decimals; (d) to (h) have 0/n or n/n, as our ends do.
newcombe_is() {  # k1 n1 k2 n2 low high
  [ "$(py newcombe $1 $2 $3 $4 | awk '{ printf "%.4f %.4f", $1, $2 }')" = "$5 $6" ]
}
for c in "56 70 48 80 0.0524 0.3339" "9 10 3 10 0.1705 0.8090" "5 56 0 29 -0.0381 0.1926" \
         "0 10 0 20 -0.1611 0.2775" "10 10 0 20 0.6791 1.0000" "10 10 0 10 0.6075 1.0000"; do
  set -- $c
  check "Newcombe's interval of $1/$2 - $3/$4 is his ($5, $6)" newcombe_is "$@"
done
# Wilson's interval: 0/20 is (0, z^2/(20 + z^2)) = (0, 0.1611) in closed form.
check "Wilson's interval of 0/20 is (0, 0.1611)" \
  test "$(py wilson 0 20 | awk '{ printf "%.4f %.4f", $1, $2 }')" = "0.0000 0.1611"

# The file's own intervals are Wilson's for its k/n (to 1e-3: it may print
# three decimals); a column out of place or another interval would show here.
wilson_rows() {
  local m T n k lo hi want
  while IFS=$'\t' read -r m T n k lo hi; do
    case $m in '#'*|'') continue;; esac
    want=$(py wilson "$k" "$n") || return 1
    awk -v w="$want" -v lo="$lo" -v hi="$hi" 'BEGIN { split(w, v, " ");
      d1 = v[1] - lo; d2 = v[2] - hi; exit !(d1 < 1e-3 && d1 > -1e-3 && d2 < 1e-3 && d2 > -1e-3) }' \
      || return 1
  done < $rates
}
check "every interval of $rates is Wilson's 95% interval of its k/n" wilson_rows

for point in "Rnn 50" "LstmFb 50" "Rnn 5" "Lstm 50"; do
  set -- $point
  r=$(py compare $rates $1 $2 $n_torch); st=$?
  diag "$r"
  check "the book's success rate and PyTorch's agree: $1 at T = $2" test $st -eq 0
done
done_testing
