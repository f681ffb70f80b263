#!/usr/bin/env bash
# The additive path (chapters/60-additive.nw; the code that saves the weights
# and writes jacobians.tsv is in its appendix, chapters/93-60-additive.nw)
# against PyTorch: for each of the nine networks whose weights the program
# saved (three models, each at its
# first weights and trained at the short and at the long length), nn.RNN /
# nn.LSTM and autograd recompute dh_T/dh_0 (and dc_T/dc_0, and the forget
# gates' cell path) in float64 for both sequences of the task, and their
# spectral norms must agree with the program's log10 numbers
# (tests/additive_torch.py); below 1e-280 a norm is not compared.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
"$PYTHON" -c 'import numpy, torch' 2>/dev/null || skip_all "numpy or torch not installed"
data=build/data/additive
[ -s $data/jacobians.tsv ] || { echo "1..1"; echo "not ok 1 - $data/jacobians.tsv: run make first"; exit 1; }
for net in rnn lstm lstm-fb; do
  for w in init short long; do
    r=$(cd tests && "$PYTHON" additive_torch.py "../$data" "$net-$w" 1 10 20 50 200 2>&1)
    st=$?; diag "$r"
    check "PyTorch's autograd agrees with additive on $net-$w" [ $st -eq 0 ]
  done
done
done_testing
