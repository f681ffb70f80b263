#!/usr/bin/env bash
# The underflow program: bad arguments give one line and exit 2; a small run
# writes its curves and numbers, and float32 dies before double does.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/bin/underflow
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for args in "--hidden 0" "--T abc" "--T 0" "--gain nan" "--gain -1" "--seed -1" \
            "--T-lstm 2.5" "--bogus 1" "stray"; do
  check "bad arguments '$args' give one line and exit 2" rejects $bin $args
done
check "--help exits 0" $bin --help
check "a short run succeeds" $bin --T 1200 --T-lstm 300 --outdir "$out"
m=$out/tex/underflow/macros.tex
num() { sed -n "s/.*{\\\\$1}{\\\\num{\\([0-9]*\\)}}.*/\\1/p" $m; }
order() { local f d; f=$(num UnderflowRnnFloatZero); d=$(num UnderflowRnnDoubleZero)
          [ -n "$f" ] && [ -n "$d" ] && [ "$f" -lt "$d" ]; }
check "float32's gradient is exactly 0 fewer steps back than double's" order
check "every curve was written" test -s $out/data/underflow/rnn-true.tsv -a \
  -s $out/data/underflow/lstm-float.tsv -a -s $out/data/underflow/rnn-marks.tsv
done_testing
