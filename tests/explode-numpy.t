#!/usr/bin/env bash
# The explode program against a numpy replay: the steps at which the linear
# chain g <- W_h^T g first holds an infinity and a NaN, in float32 and
# float64, for both gains.  numpy sums in the C program's order (one
# elementwise multiply-add per row of W_h, no BLAS, no FMA), so the steps must
# agree exactly.  Also: the tanh state stays within 1, the clipped norms never
# exceed the threshold, and a bad option is rejected.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/bin/explode
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
$bin --outdir "$out" || { echo "1..1"; echo "not ok 1 - $bin failed"; exit 1; }
mac=$out/tex/explode/macros.tex
macro() { sed -n "s/^\\\\newcommand{\\\\$1}{\\\\num{\\([^}]*\\)}}$/\\1/p" $mac; }

bounded() { awk -F'\t' '$1 ~ /^[0-9]+$/ && $2 > 1 { bad = 1 } END { exit bad }' \
              $out/data/explode/forward.tsv; }
check "the tanh state never leaves [-1, 1]" bounded
clipped() { awk -F'\t' '$1 ~ /^[0-9]+$/ && $3 > 1 + 1e-12 { bad = 1 } END { exit bad }' \
              $out/data/explode/clip.tsv; }
check "no clipped norm exceeds the threshold 1" clipped
check "bad options are rejected" rejects $bin --gain 2
check "--help exits 0" $bin --help

if ! "$PYTHON" -c 'import numpy' 2>/dev/null; then
  diag "numpy is not installed: the overflow replay is skipped"
  done_testing; exit $?
fi
replay() {  # gain letter(A|B) gain precision(Single|Double)
  "$PYTHON" - "$2" "$3" "$(macro ExplodeInf$3$1)" "$(macro ExplodeNan$3$1)" <<'PY'
import sys, numpy as np
gain, prec, inf_want, nan_want = float(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
dt = np.float32 if prec == 'Single' else np.float64
np.random.seed(0); H = 64
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
check "gain 1.1, float32: inf and NaN at numpy's steps" replay A 1.1 Single
check "gain 1.1, float64: inf and NaN at numpy's steps" replay A 1.1 Double
check "gain 1.5, float32: inf and NaN at numpy's steps" replay B 1.5 Single
check "gain 1.5, float64: inf and NaN at numpy's steps" replay B 1.5 Double
done_testing
