#!/usr/bin/env bash
# The chain program's output for the lesson's matrix (seed 0, H 64, gain 0.9)
# against reference values computed once by numpy and committed in
# tests/ref/chain-seed0.tsv (tests/ref/chain-seed0.py says how).  Needs no
# numpy, so it runs everywhere: the first row of W_h equal to the last bit,
# rho, sigma_max and the lesson-table norms to twelve digits.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/bin/chain ref=tests/ref/chain-seed0.tsv
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
$bin --outdir "$out" >/dev/null || { echo "1..1"; echo "not ok 1 - $bin failed"; exit 1; }
d=$out/data/chain

want() { awk -F'\t' -v w="$1" -v i="$2" '$1 == w && $2 == i { print $3 }' $ref; }
# close GOT WANT: relative difference below 1e-12
close() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d;
                                           m = b < 0 ? -b : b; exit !(d <= 1e-12 * m) }'; }
equal() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 == b + 0) }'; }

for j in 0 1 2 3 4 5 6 7; do
  got=$(awk -F'\t' -v j=$((j + 1)) 'NR == 1 { print $j }' $d/weights.tsv)
  check "W_h[0][$j] = numpy's, every bit" equal "$got" "$(want W_h $j)"
done
check "rho = numpy's eigvals" close "$(cat $d/radius.tsv)" "$(want rho 0)"
check "sigma_max = numpy's norm(W_h, 2)" close "$(head -1 $d/singular-values.tsv)" "$(want sigma_max 0)"
for k in 0 5 10 20 30 40 50; do
  check "the norm at step $k = numpy's" close "$(sed -n "$((k + 1))p" $d/lesson.tsv)" "$(want norm $k)"
done
check "the reference file holds what this test reads" test "$(grep -vc '^#' $ref)" -eq 17
done_testing
