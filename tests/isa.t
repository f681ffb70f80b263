#!/usr/bin/env bash
# The float engine trains the same network, to the last bit, whatever the
# vector width it was built for: its products and its exp and tanh are written
# with fused multiply-adds in a fixed order (chapters/93-40-engine.nw, "One
# product kernel" and "Vector transcendentals").  The engine is compiled for
# x86-64-v3 (AVX2) and, where this processor has AVX-512, for x86-64-v4, and
# for arm64 (run under qemu-user) when the cross tools are installed; copytask
# trains every cell for a few steps from one seed in each build, and the
# parameters it saves (printed with %.9g, enough to tell every float apart)
# must be byte-identical.  A build whose processor this machine lacks is
# skipped; so is the whole test with fewer than two builds to compare.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
[ -f src/rnn.c ] && [ -f src/copytask.c ] || skip_all "not tangled (run make first)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cpu=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
has() { for f in "$@"; do grep -qw "$f" <<< "$cpu" || return 1; done; }
# The Makefile's flags: the engine alone gets the ISA and OpenMP's simd.
flags="-std=c11 -Wall -Wextra -O2 -Isrc -D_POSIX_C_SOURCE=200809L -ffp-contract=off"
engine="-fopenmp-simd -fno-math-errno"
libs="-llapacke -lopenblas -lm"
modules=$(module_sources | grep -vx src/rnn.c)

# build NAME CC RUNNER ISA...: objects and copytask in $tmp/NAME
builds=()
build() {
  local name=$1 cc=$2 runner=$3; shift 3
  mkdir -p "$tmp/$name"
  # shellcheck disable=SC2086  # flags and libs are lists
  for m in $modules; do
    $cc $flags -c "$m" -o "$tmp/$name/$(basename "$m" .c).o" || return 1
  done
  $cc $flags $engine "$@" -c src/rnn.c -o "$tmp/$name/rnn.o" &&
    $cc $flags -o "$tmp/$name/copytask" src/copytask.c "$tmp/$name"/*.o $libs || return 1
  echo "$runner" > "$tmp/$name/runner"
  builds+=("$name")
}
has avx2 fma && { build avx2 gcc "" -march=x86-64-v3 || echo "not ok - the AVX2 build failed"; }
has avx512f avx512bw avx512dq avx512vl avx512cd &&
  { build avx512 gcc "" -march=x86-64-v4 -mprefer-vector-width=512 ||
    echo "not ok - the AVX-512 build failed"; }
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null &&
   tools/need --probe arm64-lib lapacke && tools/need --probe arm64-lib openblas; then
  build arm64 aarch64-linux-gnu-gcc qemu-aarch64 || echo "not ok - the arm64 build failed"
fi
[ "${#builds[@]}" -ge 2 ] || skip_all "fewer than two vector widths to compare here (${builds[*]})"
diag "builds compared: ${builds[*]}"

# Each cell, the vanilla cell with each activation, a hidden size that leaves
# columns outside the vector tiles, and a few steps of Adam.
configs=("--cell rnn --act tanh" "--cell rnn --act relu" "--cell rnn --act sigmoid"
         "--cell lstm" "--cell gru" "--cell lstm1997" "--cell lstm --hidden 37")
for k in "${!configs[@]}"; do
  for b in "${builds[@]}"; do
    # shellcheck disable=SC2086  # the runner and the config are lists
    $(cat "$tmp/$b/runner") "$tmp/$b/copytask" ${configs[$k]} --steps 40 --T 20 \
      --seed 3 --true-every 0 --save "$tmp/$b/params-$k.txt" > /dev/null 2>&1 ||
      echo "# copytask failed in the $b build: ${configs[$k]}"
  done
  first=${builds[0]}
  for b in "${builds[@]:1}"; do
    check "${configs[$k]}: the $b build trains the $first build's parameters, bit for bit" \
      cmp "$tmp/$first/params-$k.txt" "$tmp/$b/params-$k.txt"
  done
done
done_testing
