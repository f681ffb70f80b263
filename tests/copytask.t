#!/usr/bin/env bash
# copytask's failures: bad arguments and bad --load files are refused (one
# line, exit 2, nothing printed, no file written); a diverging run stops with
# one line, exit 3 and a complete table; small runs are clean under the
# sanitizers and valgrind.  Its reports: the table's columns, the gradient
# norm per tensor, the true log10 norms (equal to the float32 ones where
# float32 has not underflowed, finite where it has) and the --depth file.
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
check "an unknown cell is refused"           refused --cell elman
check "chrono on the RNN is refused"          refused --chrono 50
check "a chrono T_max below 2 is refused"     refused --cell lstm --chrono 1.5
check "chrono with a forget bias is refused"  refused --cell gru --chrono 50 --forget-bias 1
check "a forget bias on the 1997 LSTM is refused" refused --cell lstm1997 --forget-bias 1
check "momentum under Adam is refused"        refused --momentum 0.9
check "a zero epsilon is refused"             refused --eps 0
check "an unknown optimiser is refused"       refused --optimiser rmsprop
check "an unknown activation is refused"     refused --act elu
check "an unknown initialisation is refused" refused --init xavier
check "an unknown option is refused"         refused --frobnicate 1
check "a stray argument is refused"          refused lstm
check "a forget bias on the RNN is refused"  refused --forget-bias 1
check "a negative --true-every is refused"   refused --true-every -1
check "--depth-every without --depth is refused" refused --depth-every 2
check "a directory as --depth is refused"    refused --depth "$tmp/dir/"
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
check "one header and one row per step, fourteen columns" \
  bash -c "[ \$(grep -c '^#' '$tmp/a.tsv') = 1 ] && [ \$(grep -vc '^#' '$tmp/a.tsv') = 3 ] \
           && awk -F'\t' '!/^#/ && NF != 14 { exit 1 }' '$tmp/a.tsv'"
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
  bash -c "[ \$(grep -vc '^#' '$tmp/nan.tsv') = 1 ] && awk -F'\t' '!/^#/ && NF != 14 { exit 1 }' '$tmp/nan.tsv'"
check "it saves nothing" test ! -e "$tmp/diverged"
$bin --act relu --lr 1e3 --T 30 --batch 16 --hidden 8 --steps 50 --depth "$tmp/diverged-depth" \
  > /dev/null 2>&1
check "nor a --depth file" test ! -e "$tmp/diverged-depth"

# The reports.  Columns by name; log10 by awk's natural logarithm.
header="# step	loss	accuracy	dh0_norm	grad_norm	dc0_norm	grad_weight_ih	grad_weight_hh	grad_bias_ih	grad_bias_hh	grad_head_weight	grad_head_bias	log10_true_dh0	log10_true_dc0"
check "the header names the old columns first, then the new ones" \
  bash -c "[ \"\$(head -1 '$tmp/a.tsv')\" = '$header' ]"
$bin --cell lstm --steps 12 --T 20 --batch 16 --hidden 5 > "$tmp/lstm.tsv"
check "the LSTM's table has the same header" bash -c "[ \"\$(head -1 '$tmp/lstm.tsv')\" = '$header' ]"
check "the tensors' norms make up the global norm" \
  awk -F'\t' '!/^#/ { s = 0; for (k = 7; k <= 12; k++) s += $k * $k;
                      d = sqrt(s) / $5 - 1; if (d > 1e-6 || d < -1e-6) bad = 1 }
               END { exit bad }' "$tmp/lstm.tsv"
check "by default the true norms are taken at steps 0, 10 and the last" \
  awk -F'\t' '!/^#/ { due = $1 == 0 || $1 == 10 || $1 == 11;
                      if (due == ($13 ~ /NaN/) || due == ($14 ~ /NaN/)) bad = 1 }
               END { exit bad }' "$tmp/lstm.tsv"
check "--true-every 0 takes none" \
  bash -c "$bin ${small[*]} --true-every 0 | awk -F'\t' '!/^#/ && (\$13 !~ /NaN/ || \$14 !~ /NaN/) { bad = 1 } END { exit bad }'"

# close COL_TRUE COL_FLOAT FILE: where the float norm is normal, its log10
# is the true one to 1e-5 (float32's precision is 6e-8 relative, 3e-8 in
# log10; rounding differs along the trajectory); where it is 0, the true one
# is finite.
close() {
  awk -F'\t' -v t="$1" -v f="$2" '!/^#/ && $f !~ /NaN/ {
      if ($f > 1e-30) { d = $t - log($f) / log(10); if (d > 1e-5 || d < -1e-5) bad = 1; n++ }
      else if ($f == 0 && !($t > -1e300 && $t < 1e300)) bad = 1 }
    END { exit bad || n == 0 }' "$3"
}
for cell in rnn lstm; do
  $bin --cell $cell --steps 5 --T 20 --batch 16 --hidden 5 --true-every 1 \
    --depth "$tmp/$cell-depth.tsv" > "$tmp/$cell-true.tsv"
  check "$cell: the true log10 ||dL/dh0|| is log10 of the float32 norm" close 13 4 "$tmp/$cell-true.tsv"
  check "$cell: --depth has a header and T+1 rows for steps 0 and 4" \
    bash -c "[ \"\$(head -1 '$tmp/$cell-depth.tsv')\" = '# step	t	dh_norm_f32	log10_true_dh	dc_norm_f32	log10_true_dc' ] \
             && [ \"\$(awk -F'\t' '!/^#/ { print \$1 }' '$tmp/$cell-depth.tsv' | uniq -c | awk '{ print \$1 \":\" \$2 }' | tr '\n' ' ')\" = '21:0 21:4 ' ]"
  check "$cell: --depth at t=0 is the table's dh0 norm and true norm" \
    bash -c "cmp -s <(awk -F'\t' '!/^#/ && (\$1 == 0 || \$1 == 4) { print \$4, \$13 }' '$tmp/$cell-true.tsv') \
                    <(awk -F'\t' '!/^#/ && \$2 == 0 { print \$3, \$4 }' '$tmp/$cell-depth.tsv')"
  check "$cell: --depth's true log10 ||dL/dh_t|| is log10 of the float32 norm" close 4 3 "$tmp/$cell-depth.tsv"
done
check "lstm: the true log10 ||dL/dc0|| is log10 of the float32 norm" close 14 6 "$tmp/lstm-true.tsv"
check "lstm: --depth's true log10 ||dL/dc_t|| is log10 of the float32 norm" close 6 5 "$tmp/lstm-depth.tsv"
check "rnn: --depth's dc columns are NaN" \
  awk -F'\t' '!/^#/ && ($5 !~ /NaN/ || $6 !~ /NaN/) { bad = 1 } END { exit bad }' "$tmp/rnn-depth.tsv"
check "--depth-every 2 adds steps 2 and 4 to 0 and the last" \
  bash -c "$bin ${small[*]} --steps 6 --depth '$tmp/every.tsv' --depth-every 2 > /dev/null \
           && [ \"\$(awk -F'\t' '!/^#/ { print \$1 }' '$tmp/every.tsv' | uniq | tr '\n' ' ')\" = '0 2 4 5 ' ]"

# Where float32 underflows: a sigmoid network over 100 steps.
$bin --act sigmoid --T 100 --steps 1 --true-every 1 --depth "$tmp/sig-depth.tsv" > "$tmp/sig.tsv"
check "sigmoid, T=100: float32's ||dL/dh0|| is 0" awk -F'\t' '!/^#/ && $4 != 0 { bad = 1 } END { exit bad }' "$tmp/sig.tsv"
check "sigmoid, T=100: the true one is finite, and far below float32's range" \
  awk -F'\t' '!/^#/ && !($13 > -1e300 && $13 < -45) { bad = 1 } END { exit bad }' "$tmp/sig.tsv"
check "sigmoid, T=100: --depth agrees where float32 holds and is finite where it is 0" close 4 3 "$tmp/sig-depth.tsv"
check "sigmoid, T=100: --depth has float32 zeros to check" \
  awk -F'\t' '!/^#/ && $3 == 0 { n++ } END { exit n == 0 }' "$tmp/sig-depth.tsv"

# Small runs of both cells under valgrind, with every file written.
if command -v valgrind > /dev/null; then
  check "copytask builds for the baseline ISA, which valgrind can run" portable_build copytask "$tmp/vg-copytask"
  for cell in rnn lstm; do
    check "a small $cell run is clean under valgrind" \
      valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$tmp/vg-copytask" "${small[@]}" --cell $cell --clip 1 --init orthogonal --grads "$tmp/vg-g" --save "$tmp/vg-s" \
        --true-every 2 --depth "$tmp/vg-d"
  done
  check "a refused --load is clean under valgrind" \
    bash -c "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
      '$tmp/vg-copytask' ${small[*]} --load '$tmp/junk' 2>/dev/null; [ \$? -eq 2 ]"
else
  diag "valgrind not installed: skipped"
fi
done_testing
