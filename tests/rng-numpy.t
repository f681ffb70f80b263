#!/usr/bin/env bash
# The generator against numpy itself: numpy seeds an integer with init_genrand
# (not init_by_array), and build/bin/draws --dump gives numpy's words, uniforms
# and randn draws bit for bit, for several seeds and sizes, odd ones included.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
"$PYTHON" -c 'import numpy' 2>/dev/null || skip_all "numpy not installed"
bin=build/bin/draws
[ -x $bin ] || { echo "1..1"; echo "not ok 1 - $bin was not built"; exit 1; }

seeding_is_init_genrand() {
  "$PYTHON" - <<'PY'
import numpy as np
M = 0xffffffff
def init_genrand(s):
    mt = [s]
    for i in range(1, 624):
        mt.append((1812433253 * (mt[-1] ^ (mt[-1] >> 30)) + i) & M)
    return mt
def init_by_array(key):
    mt = init_genrand(19650218)
    i, j = 1, 0
    for _ in range(max(624, len(key))):
        mt[i] = ((mt[i] ^ ((mt[i-1] ^ (mt[i-1] >> 30)) * 1664525)) + key[j] + j) & M
        i += 1; j += 1
        if i >= 624: mt[0] = mt[623]; i = 1
        if j >= len(key): j = 0
    for _ in range(623):
        mt[i] = ((mt[i] ^ ((mt[i-1] ^ (mt[i-1] >> 30)) * 1566083941)) - i) & M
        i += 1
        if i >= 624: mt[0] = mt[623]; i = 1
    mt[0] = 0x80000000
    return mt
for s in (0, 1, 42, 2**32 - 1):
    np.random.seed(s)
    key = [int(k) for k in np.random.get_state()[1]]
    assert key == init_genrand(s), s
    assert key != init_by_array([s]), s
    np.random.seed([s])             # an array seed takes the other road
    assert [int(k) for k in np.random.get_state()[1]] == init_by_array([s]), s
PY
}
check "np.random.seed(s) is init_genrand(s), np.random.seed([s]) init_by_array" \
  seeding_is_init_genrand

# same SEED SHAPE WHAT: every value of C's dump equals numpy's, exactly.
same() {
  local seed=$1 shape=$2 what=$3 n
  n=$(( ${shape//,/*} ))
  $bin --seed "$seed" --dump "$n" --what "$what" | "$PYTHON" -c '
import sys, numpy as np
seed, shape, what = int(sys.argv[1]), tuple(map(int, sys.argv[2].split(","))), sys.argv[3]
np.random.seed(seed)
if what == "normal":
    want = np.random.randn(*shape).ravel()
elif what == "uniform":
    want = np.random.random_sample(shape).ravel()
else:
    want = np.random.randint(0, 2**32, size=shape, dtype=np.uint64).ravel()
got = sys.stdin.read().split()
assert len(got) == want.size, (len(got), want.size)
conv = float if what != "uint32" else int
bad = [i for i, (g, w) in enumerate(zip(got, want)) if conv(g) != w]
assert not bad, "first difference at %d: %s vs %r" % (bad[0], got[bad[0]], want[bad[0]])
' "$seed" "$shape" "$what"
}
check "seed 0, randn(64, 64): the lesson's matrix, all 4096 entries" same 0 64,64 normal
for seed in 0 1 123 4294967295; do
  for shape in 1 2 3 7,5 1001; do
    check "seed $seed, randn($shape) exactly" same $seed $shape normal
  done
  check "seed $seed, random_sample(999) exactly" same $seed 999 uniform
  check "seed $seed, 1250 raw words (two twists) exactly" same $seed 1250 uint32
done

# The chapter's claim about FMA: a build that contracts x1*x1 + x2*x2 changes
# as many entries of the lesson's matrix as the program's fma() replay says.
fused_build_agrees() {
  local dir; dir=$(mktemp -d)
  ${CC:-cc} -std=c11 -O2 -Isrc -D_POSIX_C_SOURCE=200809L -ffp-contract=fast -mfma \
    src/rng.c src/draws.c src/options.c src/outfile.c src/texout.c -lm -o "$dir/draws" \
    || { rm -rf "$dir"; return 1; }
  local want; want=$(sed -n 's/.*DrawsFmaMatrixChanged}{\\num{\([0-9]*\)}}/\1/p' \
    build/tex/draws/macros.tex)
  local got; got=$("$dir/draws" --dump 4096 | "$PYTHON" -c '
import sys, numpy as np
np.random.seed(0)
print(sum(float(g) != w for g, w in zip(sys.stdin.read().split(), np.random.randn(4096))))')
  rm -rf "$dir"
  [ -n "$want" ] && [ "$got" = "$want" ] && [ "$got" -gt 0 ]
}
if grep -qw fma /proc/cpuinfo 2>/dev/null && [ -s build/tex/draws/macros.tex ]; then
  check "an FMA build changes as many matrix entries as the book says" fused_build_agrees
else
  echo "ok $((_tap_n += 1)) # SKIP no FMA instruction here, or no macros built"
fi

# Bad input: one line on stderr, exit 2, nothing on stdout.
for args in "--seed -1" "--seed 4294967296" "--seed 1.5" "--dump" "--dump x" \
            "--what gauss" "--sample 1" "--bogus" "stray"; do
  check "bad arguments '$args' give one line and exit 2" rejects $bin $args
done
check "--help exits 0" $bin --help
done_testing
