#!/usr/bin/env bash
# The explode program against a numpy replay: the steps at which the linear
# chain g <- W_h^T g first holds an infinity and a NaN, in float32 and
# float64, for both gains, with the book's parameters and with others given
# on the command line.  numpy sums in the C program's order (one elementwise
# multiply-add per row of W_h, no BLAS, no FMA), so the steps must agree
# exactly.  Also: the tanh state stays within 1, the clipped norms never
# exceed the threshold, and bad command lines are rejected.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/bin/explode
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
$bin --outdir "$out" || { echo "1..1"; echo "not ok 1 - $bin failed"; exit 1; }
# Another run, every parameter of the replay changed on the command line.
other="--hidden 17 --seed 3 --gain-a 1.3 --gain-b 2 --quoted 20"
$bin --outdir "$out/other" $other || { echo "1..1"; echo "not ok 1 - $bin $other failed"; exit 1; }
mac=$out/tex/explode/macros.tex
macro() { sed -n "s/^\\\\newcommand{\\\\$1}{\\\\num{\\([^}]*\\)}}$/\\1/p" ${2:-$mac}; }

bounded() { awk -F'\t' '$1 ~ /^[0-9]+$/ && $2 > 1 { bad = 1 } END { exit bad }' \
              $out/data/explode/forward.tsv; }
check "the tanh state never leaves [-1, 1]" bounded
clipped() { awk -F'\t' '$1 ~ /^[0-9]+$/ && $3 > 1 + 1e-12 { bad = 1 } END { exit bad }' \
              $out/data/explode/clip.tsv; }
check "no clipped norm exceeds the threshold 1" clipped
check "--help exits 0" $bin --help
listed() { local h; h=$($bin --help); for o in $other; do
  case $o in --*) grep -q -- "^  $o " <<<"$h" || return 1 ;; esac; done; }
check "--help lists the options of the run above, as the other programs do" listed
check "the options take effect" \
  bash -c "grep -q 'ExplodeH}{.num{17}' $out/other/tex/explode/macros.tex \
           && grep -q 'ExplodeGainB}{.num{2}' $out/other/tex/explode/macros.tex"
for args in "--gain 2" "--gain-c 1.2" "--gain-a nan" "--gain-b -1" "--hidden 0" \
            "--hidden 1025" "--seed -1" "--seed 4294967296" "--limit 0" "--limit 2.5" \
            "--forward 0" "--input inf" "--clip 0" "--clip-steps 10" \
            "--quoted 101" "--clip-steps 5 --quoted 6" "--sigma-seeds 0" \
            "--seed 4294967295 --sigma-seeds 2" "--vanish abc" "stray"; do
  check "bad arguments '$args' give one line and exit 2" rejects $bin $args
done

if ! "$PYTHON" -c 'import numpy' 2>/dev/null; then
  diag "numpy is not installed: the overflow replay is skipped"
  done_testing; exit $?
fi
replay() {  # macros-file seed H letter(A|B) precision(Single|Double)
  local m=$1
  "$PYTHON" - "$2" "$3" "$(macro ExplodeGain$4 $m)" "$5" "$(macro ExplodeInf$5$4 $m)" \
    "$(macro ExplodeNan$5$4 $m)" <<'PY'
import sys, numpy as np
seed, H, gain = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
prec, inf_want, nan_want = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
dt = np.float32 if prec == 'Single' else np.float64
np.random.seed(seed)
W = (gain * (np.random.randn(H, H) * (1 / np.sqrt(H)))).astype(dt)
g = np.full(H, 1 / np.sqrt(H)).astype(dt)
inf_step = None
with np.errstate(all='ignore'):
    for k in range(1, 20001):
        out = np.zeros(H, dt)
        for i in range(H):
            out = out + W[i, :] * g[i]
        g = out
        if inf_step is None and np.isinf(g).any(): inf_step = k
        if np.isnan(g).any(): break
assert (inf_step, k) == (inf_want, nan_want), ((inf_step, k), (inf_want, nan_want))
PY
}
for l in A B; do
  for p in Single Double; do
    check "the book's gain $(macro ExplodeGain$l), $p: inf and NaN at numpy's steps" \
      replay $mac 0 64 $l $p
    check "$other: gain $(macro ExplodeGain$l $out/other/tex/explode/macros.tex), $p: numpy's steps" \
      replay $out/other/tex/explode/macros.tex 3 17 $l $p
  done
done
done_testing
