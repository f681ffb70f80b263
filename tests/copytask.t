#!/usr/bin/env bash
# copytask's failures: bad arguments and bad --load files are refused (one
# line, exit 2, nothing printed, no file written); a diverging run stops with
# one line, exit 3 and a complete table; small runs are clean under the
# sanitizers and valgrind.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
bin=build/bin/copytask
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
small=(--T 5 --batch 4 --hidden 3 --steps 3)

# refused ARGS...: rejected as lib.sh's rejects says, and --save left no file.
refused() { rejects $bin --save "$tmp/saved" "$@" && [ ! -e "$tmp/saved" ]; }
check "a missing value is refused"           refused --T
check "a word for a number is refused"       refused --hidden many
check "trailing junk is refused"             refused --batch 30x
check "a negative length is refused"         refused --T -1
check "zero hidden units are refused"        refused --hidden 0
check "an empty batch is refused"            refused --batch 0
check "a fractional step count is refused"   refused --steps 1.5
check "a negative step count is refused"     refused --steps -1
check "--hidden 1e9 is refused"              refused --hidden 1e9
check "a run too big for memory is refused"  refused --T 100000 --batch 100000
check "a NaN learning rate is refused"       refused --lr nan
check "an infinite gain is refused"          refused --gain inf
check "a negative clip is refused"           refused --clip -1
check "a negative seed is refused"           refused --seed -1
check "a seed beyond 32 bits is refused"     refused --seed 4294967296
check "an unknown cell is refused"           refused --cell gru
check "an unknown activation is refused"     refused --act elu
check "an unknown initialisation is refused" refused --init xavier
check "an unknown option is refused"         refused --frobnicate 1
check "a stray argument is refused"          refused lstm
check "a forget bias on the RNN is refused"  refused --forget-bias 1
check "an empty file name is refused"        refused --save=
check "a directory as --save is refused" \
  bash -c "$bin ${small[*]} --save '$tmp/dir/' >/dev/null 2>&1; [ \$? -eq 2 ] && [ ! -e '$tmp/dir' ]"

# --load: a good file, then broken copies of it.
$bin --steps 0 --hidden 3 --save "$tmp/good" > /dev/null
check "--steps 0 --save writes the initial parameters" test -s "$tmp/good"
check "a saved file loads back"  $bin "${small[@]}" --load "$tmp/good"
check "a missing file is refused" refused "${small[@]}" --load "$tmp/none"
head -n 7 "$tmp/good" > "$tmp/truncated"
check "a truncated file is refused" refused "${small[@]}" --load "$tmp/truncated"
sed '2s/.*/0.1 oops/' "$tmp/good" > "$tmp/junk"
check "a file with junk is refused" refused "${small[@]}" --load "$tmp/junk"
sed '2s/.*/nan/' "$tmp/good" > "$tmp/nan"
check "a file with NaN is refused" refused "${small[@]}" --load "$tmp/nan"
check "a file of the wrong shape is refused" refused --T 5 --hidden 4 --load "$tmp/good"
check "an LSTM cannot load an RNN's file" refused --T 5 --hidden 3 --cell lstm --load "$tmp/good"
: > "$tmp/empty"
check "an empty file is refused" refused "${small[@]}" --load "$tmp/empty"

# The table, and determinism.
$bin "${small[@]}" > "$tmp/a.tsv"; $bin "${small[@]}" > "$tmp/b.tsv"
check "one header and one row per step, six columns" \
  bash -c "[ \$(grep -c '^#' '$tmp/a.tsv') = 1 ] && [ \$(grep -vc '^#' '$tmp/a.tsv') = 3 ] \
           && awk -F'\t' '!/^#/ && NF != 6 { exit 1 }' '$tmp/a.tsv'"
check "the same seed gives the same bytes" cmp -s "$tmp/a.tsv" "$tmp/b.tsv"
check "the RNN's dc0 column is NaN" bash -c "awk -F'\t' '!/^#/ && \$6 != \"NaN\" { exit 1 }' '$tmp/a.tsv'"
check "--steps 0 prints the header alone" bash -c "[ \"\$($bin --steps 0 | wc -l)\" = 1 ]"
check "nothing on stderr when it is not a terminal" \
  bash -c "[ -z \"\$($bin ${small[*]} 2>&1 >/dev/null)\" ]"

# A diverging run.
$bin --act relu --lr 1e3 --T 30 --batch 16 --hidden 8 --steps 50 --save "$tmp/diverged" \
  > "$tmp/nan.tsv" 2> "$tmp/nan.err"; st=$?
check "a diverging run exits with status 3" [ $st -eq 3 ]
check "it says so in one line, naming the step" \
  bash -c "[ \$(wc -l < '$tmp/nan.err') = 1 ] && grep -q 'at step 1;' '$tmp/nan.err'"
check "it keeps the complete rows before that step" \
  bash -c "[ \$(grep -vc '^#' '$tmp/nan.tsv') = 1 ] && awk -F'\t' '!/^#/ && NF != 6 { exit 1 }' '$tmp/nan.tsv'"
check "it saves nothing" test ! -e "$tmp/diverged"

# Small runs of both cells under valgrind, with every file written.
if command -v valgrind > /dev/null; then
  check "copytask builds for the baseline ISA, which valgrind can run" portable_build copytask "$tmp/vg-copytask"
  for cell in rnn lstm; do
    check "a small $cell run is clean under valgrind" \
      valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$tmp/vg-copytask" "${small[@]}" --cell $cell --clip 1 --init orthogonal --grads "$tmp/vg-g" --save "$tmp/vg-s"
  done
  check "a refused --load is clean under valgrind" \
    bash -c "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      '$tmp/vg-copytask' ${small[*]} --load '$tmp/junk' 2>/dev/null; [ \$? -eq 2 ]"
else
  diag "valgrind not installed: skipped"
fi
done_testing
