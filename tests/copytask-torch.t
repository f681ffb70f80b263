#!/usr/bin/env bash
# copytask against numpy and PyTorch (tests/copytask_torch.py, tests/engine_torch.py):
#  - its initial parameters and bits are numpy's draws after np.random.seed(seed);
#  - its --grads file at the start is the engine's cross-check case: PyTorch
#    recomputes the loss, every gradient and dL/dh0 (dL/dc0) on it;
#  - 20 steps of its Adam (with and without clipping, with another epsilon) and
#    of its SGD (with and without momentum) follow torch.optim's:
#    against PyTorch in float64, ours is within a fixed tolerance or no further
#    than PyTorch's own float32 run (times a small slack).
. "$(dirname "$0")/lib.sh"
cd "$TOP"
"$PYTHON" -c 'import numpy' 2>/dev/null || skip_all "numpy not installed"
bin=build/bin/copytask
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
has_torch=0; "$PYTHON" -c 'import torch' 2>/dev/null && has_torch=1

replay() {  # cell act H T B seed init gain forget_bias chrono
  $bin --steps 0 --grads "$out/init" --cell "$1" --act "$2" --hidden "$3" --T "$4" \
       --batch "$5" --seed "$6" --init "$7" --gain "$8" --forget-bias "$9" \
       --chrono "${10}" || return 1
  local r
  r=$("$PYTHON" tests/copytask_torch.py init "$out/init" "$1" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10}")
  local st=$?; diag "$*: $r"; return $st
}
for c in "rnn tanh 32 30 256 0 pytorch 1 0 0" "lstm tanh 5 4 7 3 pytorch 1 1 0" \
         "rnn tanh 9 3 5 1 orthogonal 1.5 0 0" "lstm tanh 7 3 5 2 orthogonal 1 0.5 0" \
         "rnn tanh 9 3 5 4 gauss 0.9 0 0" "rnn relu 6 3 5 5 identity 1 0 0" \
         "gru tanh 6 3 5 6 pytorch 1 1 0" "gru tanh 5 3 5 7 orthogonal 1 0 0" \
         "lstm1997 tanh 5 3 5 8 pytorch 1 0 0" "lstm tanh 6 3 5 9 pytorch 1 0 50" \
         "gru tanh 6 3 5 10 pytorch 1 0 30"; do
  set -- $c
  check "the $1 network and bits of seed $6 ($7, gain $8, b_f $9, chrono ${10}) are numpy's draws" replay "$@"
done

[ $has_torch = 1 ] || { diag "torch not installed: the PyTorch comparisons are skipped"; done_testing; exit; }

start() {  # cell act H T B extra...: gradients at the start, recomputed by PyTorch
  local cell=$1 act=$2 H=$3 T=$4 B=$5; shift 5
  $bin --steps 0 --grads "$out/case" --cell $cell --act $act --hidden $H --T $T --batch $B "$@" \
    || return 1
  local r
  if [ $act = sigmoid ] && [ $cell = rnn ]; then   # nn.RNN has no sigmoid
    r=$("$PYTHON" tests/copytask_torch.py sigmoid "$out/case" $H $T $B)
  else r=$("$PYTHON" tests/engine_torch.py "$out/case" $cell $act 1 $H $T $B); fi
  local st=$?; diag "$cell $act H=$H T=$T B=$B $*: $r"; return $st
}
for c in "rnn tanh 32 30 256" "rnn relu 7 9 5 --seed 3" "rnn sigmoid 5 4 3 --seed 4" \
         "rnn tanh 8 30 16 --init orthogonal" "lstm tanh 32 30 256" \
         "lstm tanh 5 9 7 --forget-bias 1 --seed 2" "gru tanh 32 30 256" \
         "gru tanh 5 9 7 --chrono 9 --seed 3" "lstm1997 tanh 32 30 256" \
         "lstm1997 tanh 5 9 7 --seed 4"; do
  set -- $c
  check "PyTorch agrees with copytask's gradients at the start: $*" start "$@"
done

train() {  # cell act clip optimiser lr eps momentum extra...: 20 steps, the lesson's sizes
  local cell=$1 act=$2 clip=$3 opt=$4 lr=$5 eps=$6 mom=$7; shift 7
  $bin --steps 20 --grads "$out/a" --cell $cell --act $act --clip $clip --optimiser $opt \
       --lr $lr --eps $eps --momentum $mom "$@" > "$out/a.tsv" || return 1
  local r
  r=$("$PYTHON" tests/copytask_torch.py adam "$out/a" "$out/a.tsv" $cell $act 32 30 256 \
        $lr $clip $opt $eps $mom)
  local st=$?; diag "$cell $act clip $clip $opt lr $lr eps $eps momentum $mom $*: $r"
  return $st
}
for c in "rnn tanh 0" "rnn tanh 0.01" "rnn relu 0 --seed 1" "rnn sigmoid 0.1 --seed 2" "lstm tanh 0" \
         "lstm tanh 0.01 --forget-bias 1" "gru tanh 0" "gru tanh 0 --chrono 30 --seed 3" \
         "lstm1997 tanh 0"; do
  set -- $c
  check "20 Adam steps follow PyTorch's: $*" train $1 $2 $3 adam 0.01 1e-8 0 "${@:4}"
done
check "20 Adam steps with epsilon 1e-3 follow PyTorch's: lstm" \
  train lstm tanh 0 adam 0.01 1e-3 0 --seed 5
for c in "rnn tanh 0 sgd 0.5 1e-8 0" "rnn tanh 0 sgd 0.1 1e-8 0.9 --seed 6" \
         "lstm tanh 0.5 sgd 0.5 1e-8 0.9 --seed 7" "gru tanh 0 sgd 0.5 1e-8 0.5 --seed 8"; do
  set -- $c
  check "20 SGD steps follow PyTorch's: $*" train "$@"
done
done_testing
