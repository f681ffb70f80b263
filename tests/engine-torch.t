#!/usr/bin/env bash
# The engine against PyTorch: the C float32 engine writes parameters, a batch,
# its loss and gradients (test-rnn-io FILE ...); tests/engine_torch.py loads the
# same weights into nn.RNN/nn.LSTM/nn.GRU + nn.Linear and compares everything.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
"$PYTHON" -c 'import torch' 2>/dev/null || skip_all "torch not installed"
bin=build/test/test-rnn-io
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

agree() {  # cell act I H T B seed
  $bin "$out/case" "$@" || return 1
  local r; r=$("$PYTHON" tests/engine_torch.py "$out/case" "$1" "$2" "$3" "$4" "$5" "$6")
  local st=$?; diag "$*: $r"; return $st
}
for c in "rnn tanh 1 32 30 16 1" "rnn tanh 3 5 9 7 2" "rnn relu 2 7 4 5 3" \
         "lstm tanh 1 32 30 16 4" "lstm tanh 3 5 9 7 5" \
         "gru tanh 1 32 30 16 6" "gru tanh 3 5 9 7 7" \
         "lstm1997 tanh 1 32 30 16 8" "lstm1997 tanh 3 5 9 7 9"; do
  set -- $c
  check "PyTorch agrees with the $1 ($2) engine at I=$3 H=$4 T=$5 B=$6" agree "$@"
done
done_testing
