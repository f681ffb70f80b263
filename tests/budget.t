#!/usr/bin/env bash
# The derivative-budget program: its outputs against Python's own math
# library (an implementation we did not write), its table, and its errors.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/bin/budget
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

check "runs with its defaults" $bin --outdir "$out"
check "writes its four outputs" test -s "$out/data/budget/activations.tsv" \
  -a -s "$out/data/budget/steps.tsv" -a -s "$out/tex/budget/table-derivatives.tex" \
  -a -s "$out/tex/budget/macros.tex"
check "leaves no temporary files" test -z "$(find "$out" -name '.*.??????')"

compare_with_python() {
  "$PYTHON" - "$out" <<'PY'
import math, sys
d = sys.argv[1]
rows = [l.split('\t') for l in open(d + '/data/budget/activations.tsv') if not l.startswith('#')]
assert len(rows) == 1201, len(rows)
worst = 0.0
for r in rows:
    z, t, s, tp, sp = map(float, r)
    sig = 1 / (1 + math.exp(-z))
    want = (math.tanh(z), sig, 1 - math.tanh(z) ** 2, sig * (1 - sig))
    for got, w in zip((t, s, tp, sp), want):
        worst = max(worst, abs(got - w) / max(1e-3, abs(w)))
assert worst < 1e-9, worst
# decay times, counted the slow way: multiply until below the floor
steps = [l.split('\t') for l in open(d + '/data/budget/steps.tsv') if not l.startswith('#')]
for r in steps[::50]:
    z = float(r[0])
    for col, f in ((1, 1 - math.tanh(z) ** 2), (2, (1/(1+math.exp(-z))) * (1 - 1/(1+math.exp(-z))))):
        if r[col].strip() == 'NaN':
            assert f == 1.0, (z, f)
            continue
        n, x = 0, 1.0
        while x >= 1e-6:
            x *= f; n += 1
        assert n == int(r[col]), (z, col, n, r[col])
PY
}
check "curves and decay times agree with Python's math module" compare_with_python

table_rows() { [ "$(grep -c '\\\\$' "$out/tex/budget/table-derivatives.tex")" -eq 5 ]; }
check "the table has the lesson's five rows" table_rows
check "tanh'(5) is printed as computed, 0.0001816" grep -q '^5 & 0.0001816 & 0.0001 &' "$out/tex/budget/table-derivatives.tex"
check "the lesson's tanh'(5) carries the dagger, and only it" \
  test "$(grep -c dagger "$out/tex/budget/table-derivatives.tex")" -eq 1
check "0.25^20 is written as a macro" grep -q 'BudgetQuarterTwenty}{\\num{9.1e-13}}' "$out/tex/budget/macros.tex"

for args in "--points" "--points abc" "--points 2.5" "--points 1" "--zmax nan" \
            "--zmax inf" "--floor 0" "--floor=-1" "--bogus 3" "stray" "--zmax 1e999"; do
  check "bad arguments '$args' give one line and exit 2" rejects $bin $args
done
check "--help exits 0" $bin --help
done_testing
