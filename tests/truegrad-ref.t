#!/usr/bin/env bash
# truegrad against two independent references (tests/truegrad_ref.py): PyTorch's
# own cells in float64 with autograd, at a length where double does not
# underflow, and mpmath (no exponent limit, no renormalisation) at a length
# where it does.  Every t, log10 of every norm, within 1e-9.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/test/test-truegrad
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

agree() {  # how cell act I H T B seed gain
  local how=$1; shift
  $bin "$out/case" "$@" || return 1
  local r; r=$("$PYTHON" tests/truegrad_ref.py "$out/case" "$1" "$2" "$3" "$4" "$5" "$6" "$how")
  local st=$?; diag "$*: $r"; return $st
}
if "$PYTHON" -c 'import torch' 2>/dev/null; then
  for c in "rnn tanh 2 6 150 3 1 0.5" "rnn relu 2 6 150 3 2 0.5" "lstm tanh 2 6 150 3 3 0"; do
    set -- $c
    check "PyTorch (float64 autograd) agrees with truegrad, $1 $2, T=$5, every t" agree torch "$@"
  done
else
  diag "torch not installed: PyTorch cases skipped"
fi
if "$PYTHON" -c 'import mpmath' 2>/dev/null; then
  for c in "rnn tanh 1 4 1500 2 5 0.5" "rnn sigmoid 1 4 1500 2 7 2" "lstm tanh 1 4 1500 2 6 0"; do
    set -- $c
    check "mpmath (no renormalisation) agrees with truegrad, $1 $2, T=$5, below 1e-308" agree mpmath "$@"
  done
else
  diag "mpmath not installed: mpmath cases skipped"
fi
[ $_tap_n -gt 0 ] || skip_all "neither torch nor mpmath is installed"
done_testing
