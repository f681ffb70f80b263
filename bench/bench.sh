#!/usr/bin/env bash
# make bench: the C training step against PyTorch's, one thread each, side by
# side in one run, with this machine's single-core GEMM rate as the yardstick.
# A benchmark, not a test: it prints figures and fails only if something
# could not run.  Other processes share the machine: every figure is the best
# of several blocks (min) of CPU time, not wall time, rounds alternate C and
# PyTorch, and the load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-/usr/bin/python3}
ROUNDS=${ROUNDS:-3}
B=build/bench
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

# PyTorch links libblas.so.3, which Debian's alternatives may point at the
# reference BLAS; we select OpenBLAS for this process only (never by changing
# the system), and torch_step.py reports the file it actually loaded.
openblas_dir=$(ls -d /usr/lib/*-linux-gnu/openblas-pthread 2>/dev/null | head -1 || true)
torch_env=()
[ -n "$openblas_dir" ] && [ -f "$openblas_dir/libblas.so.3" ] &&
  torch_env=(env "LD_LIBRARY_PATH=$openblas_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(getconf _NPROCESSORS_ONLN) cores"
echo "engine flags: $(cat build/flags/cc | grep -o -- '-march=[^ ]*' || echo default)"

# An engine built without AVX-512 (make ENGINE_ISA=-march=x86-64-v3) on a
# machine that has it is measured as on an AVX2 machine: OpenBLAS, the
# yardstick and PyTorch's BLAS, is held to its Haswell (AVX2) kernels, and
# PyTorch's own kernels to AVX2, so that each side uses the same instructions.
fma_level=avx2
if grep -q avx512f /proc/cpuinfo; then
  if $(cat build/flags/cc) -dM -E -x c /dev/null | grep -q __AVX512F__; then
    fma_level=avx512
  else
    export OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2
    echo "engine without AVX-512: OpenBLAS and PyTorch held to AVX2 as well"
  fi
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
$B/gemm-peak | tee $B/peak.txt
peak=$(awk '/^peak sgemm/ { sub("gflops=", "", $4); print $4 }' $B/peak.txt)
fma=$(awk -v level=$fma_level '$1 == "fma" && $2 == level { sub("gflops=", "", $3); print $3 }' $B/peak.txt)

have_torch=1
"$PYTHON" -c 'import torch' 2>/dev/null || { have_torch=0; echo "torch not installed: C only"; }
: > $B/runs.txt
for r in $(seq "$ROUNDS"); do
  for cell in rnn lstm; do
    $B/step-bench $cell | tee -a $B/runs.txt
    [ $have_torch = 1 ] && "${torch_env[@]}" "$PYTHON" bench/torch_step.py $cell | tee -a $B/runs.txt
  done
done

echo
echo "one training step, T=30 B=256 H=32 I=1, Adam; best of $ROUNDS rounds (ms of CPU time per step)"
echo "(med: the median block of the last round; a step whose numbers have sunk into the"
echo " denormals can cost many times the best one on some processors, see 'denormals' below)"
awk -v peak="$peak" -v fma="$fma" '
  function val(k,   i) { for (i = 3; i <= NF; i++) if (index($i, k "=") == 1) return substr($i, length(k) + 2) }
  { ms = val("ms") + 0; key = $1 " " $2
    if (!(key in best) || ms < best[key]) best[key] = ms
    med[key] = val("median") + 0
    if ($1 == "c") flop[$2] = val("flop") }
  END {
    printf "%-5s %9s %9s %7s %9s %10s %10s %9s %9s\n", "cell", "C ms", "torch ms", "ratio", "GFLOP/s", "% sgemm", "% FMA", "C med", "torch med"
    n = split("rnn lstm", cells, " ")
    for (i = 1; i <= n; i++) {
      c = cells[i]; cm = best["c " c]; tm = best["torch " c]
      g = flop[c] / (cm * 1e-3) / 1e9
      printf "%-5s %9.3f %9s %7s %9.1f %9.0f%% %9.0f%% %9.3f %9s\n", c, cm,
        tm ? sprintf("%.3f", tm) : "-", tm ? sprintf("%.1fx", tm / cm) : "-",
        g, 100 * g / peak, fma ? 100 * g / fma : 0, med["c " c],
        tm ? sprintf("%.3f", med["torch " c]) : "-"
    }
    printf "(%% sgemm: of OpenBLAS sgemm N=1024 on one core, %s GFLOP/s; %% FMA: of the widest FMA units, %s GFLOP/s)\n", peak, fma
  }' $B/runs.txt

# Denormals: the same step with and without flush-to-zero (FTZ) and
# denormals-are-zero (DAZ), on the lesson's RNN (whose trained dL/dh_0 ends up
# denormal) and on a case built so that the whole backward pass is denormal.
denormals() {  # title, then step-bench arguments
  local title=$1; shift
  for r in $(seq "$ROUNDS"); do
    for f in "" --ftz; do $B/step-bench "$@" $f; done
  done | awk -v title="$title" '
    { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      k = v["ftz"]; if (!(k in best) || v["ms"] + 0 < best[k]) best[k] = v["ms"] + 0
      d[k] = v["dh0denormal"]; med[k] = v["median"] + 0 }
    END { printf "%s: without FTZ/DAZ %.3f ms, median %.3f (denormal entries of dL/dh_0: %s), with %.3f ms, median %.3f (%s); ratio %.2f, of medians %.2f\n",
            title, best[0], med[0], d[0], best[1], med[1], d[1], best[0] / best[1], med[0] / med[1] }'
}
echo
echo "denormals (ms per step, best of $ROUNDS rounds)"
denormals "lesson RNN, T=30" rnn
denormals "RNN T=120, W_hh x1.7, read-out x1e-35" rnn --T 120 --gain 1.7 --head-scale 1e-35 --repeats 5 --steps 5
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
