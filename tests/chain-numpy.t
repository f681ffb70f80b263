#!/usr/bin/env bash
# The chain program against numpy itself: the same W_h element for element
# (np.random.seed + randn reproduced exactly), the lesson's loop giving the
# same Frobenius norms, the same spectral radius as numpy.linalg.eigvals, and
# the same singular values as numpy.linalg.svd (sigma_max = norm(W_h, 2));
# on the book's parameters and on other seeds and (odd) sizes; the rates per
# step of two draws, driven and quiet with a bias, replayed in numpy, and the
# radii and norms of the non-normal 2x2 case.  Also: bad
# arguments give one line on stderr and exit 2.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/bin/chain
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
"$PYTHON" -c 'import numpy' 2>/dev/null || skip_all "numpy is not installed"
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

against_numpy() {  # seed H gain steps
  local d="$out/$1-$2"
  $bin --seed "$1" --hidden "$2" --gain "$3" --steps "$4" --tmax 20 --outdir "$d" || return 1
  "$PYTHON" - "$d/data/chain" "$@" <<'PY'
import sys, numpy as np
d, seed, H, gain, T = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
np.random.seed(seed)
W_h = np.random.randn(H, H) * (gain / np.sqrt(H))
W = np.loadtxt(d + '/weights.tsv', ndmin=2)
assert W.shape == (H, H) and np.array_equal(W, W_h), 'W_h differs'
rho = np.max(np.abs(np.linalg.eigvals(W_h)))
got = float(open(d + '/radius.tsv').read())
assert abs(got - rho) <= 1e-12 * rho, (got, rho)
sv = np.linalg.svd(W_h, compute_uv=False)
mine = np.loadtxt(d + '/singular-values.tsv', ndmin=1)
assert mine.shape == sv.shape and np.max(np.abs(mine - sv)) <= 1e-12 * sv[0], 'singular values'
assert abs(mine[0] - np.linalg.norm(W_h, 2)) <= 1e-12 * sv[0], 'sigma_max'
assert mine[0] >= rho * (1 - 1e-14), 'sigma_max < rho'
jac, h, norms = np.eye(H), np.zeros(H), [np.linalg.norm(np.eye(H))]
for t in range(T):                      # the lesson's loop, as printed
    h = np.tanh(W_h @ h)
    jac = jac @ (np.diag(1.0 - h**2) @ W_h)
    norms.append(np.linalg.norm(jac))
mine = np.loadtxt(d + '/lesson.tsv', ndmin=1)
rel = np.max(np.abs(mine - norms) / np.array(norms))
assert rel < 1e-12, rel
# The rates per step of two draws at gain 0.9, driven and quiet with a bias:
# replayed from the seeds, a vector carried along and renormalised.
rates = np.loadtxt(d + '/rates.tsv', ndmin=2)
for j in (0, 1):
    np.random.seed((seed + j) % 2**32)
    Z = np.random.randn(H, H) * (1 / np.sqrt(H))
    drive = np.random.randn(max(1100, 20), H) * 1.0
    bias = np.random.randn(H) * np.sqrt(2 / (3 * H))
    W = 0.9 * Z
    def rate(u):
        h, v, logs, f, f2 = np.zeros(H), np.ones(H) / np.sqrt(H), 0.0, 0.0, 0.0
        for t in range(1100):
            h = np.tanh(W @ h + u(t))
            w = (1 - h**2) * (W @ v)
            s = np.linalg.norm(w)
            v = w / s
            if t >= 100:
                logs, f, f2 = logs + np.log(s), f + np.sum(1 - h**2), f2 + np.sum((1 - h**2)**2)
        return np.exp(logs / 1000), np.sqrt(f2 / (1000 * H)), f / (1000 * H)
    row = rates[(rates[:, 0] == 0.9) & (rates[:, 1] == (seed + j) % 2**32)][0]
    r, rms, mean = rate(lambda t: drive[t])
    rho = np.max(np.abs(np.linalg.eigvals(W)))
    assert abs(row[2] - r) < 1e-8 * r and abs(row[3] - rms) < 1e-8, ('driven', row, r, rms)
    assert abs(row[5] - rho * mean) < 1e-8 and abs(row[8] - rho) < 1e-12, 'lesson, rho'
    r, rms, mean = rate(lambda t: bias)
    assert abs(row[6] - r) < 1e-8 * r and abs(row[7] - 0.9 * rms) < 1e-8, ('quiet', row, r)
W2, D2 = np.array([[1.2, 1], [-1, -0.8]]), np.diag([1, 0.5])
got = np.loadtxt(d + '/nonnormal.tsv')
want = [max(abs(np.linalg.eigvals(W2))), max(abs(np.linalg.eigvals(D2 @ W2))),
        np.linalg.norm(W2, 2), np.linalg.norm(D2 @ W2, 2)]
assert np.allclose(got, want, rtol=1e-7, atol=0), (got, want)
PY
}
check "the book's W_h, norms and rho agree with numpy (seed 0, H 64)" against_numpy 0 64 0.9 50
check "seed 1, H 17 (odd), gain 1.1" against_numpy 1 17 1.1 30
check "seed 12345, H 33, gain 0.5" against_numpy 12345 33 0.5 40
check "seed 7, H 1" against_numpy 7 1 0.9 10
check "seed 4294967295, H 5, gain 1.5" against_numpy 4294967295 5 1.5 25

table() { [ "$(grep -c '\\\\$' build/tex/chain/table-lesson.tex)" -eq 7 ] \
          && grep -q '^0 & \\num{8.000e+00} & \\num{1.000e+00}' build/tex/chain/table-lesson.tex; }
check "the lesson's table has seven rows and ||I||_F = 8 at step 0" table

for args in "--hidden 0" "--hidden abc" "--gain nan" "--seed -1" "--seed 4294967296" \
            "--tmax 0" "--steps 2.5" "--bogus 1" "stray"; do
  check "bad arguments '$args' give one line and exit 2" rejects $bin $args
done
check "--help exits 0" $bin --help
done_testing
