# Shared helpers for the shell tests: a tiny TAP emitter.
# Each test script sources this, calls ok/not_ok through `check`, then `done_testing`.
_tap_n=0
_tap_failed=0
check() {  # check "description" command...
  local what=$1; shift
  _tap_n=$((_tap_n + 1))
  if "$@" >/dev/null 2>&1; then
    echo "ok $_tap_n - $what"
  else
    echo "not ok $_tap_n - $what"
    _tap_failed=$((_tap_failed + 1))
  fi
}
diag() { printf '# %s\n' "$@"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
done_testing() { echo "1..$_tap_n"; [ "$_tap_failed" -eq 0 ]; }
# The project's top directory, wherever prove was started.
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The tests run their own makes, on trees of their own: a `make -j2 check`
# above them must not hand down its jobs and flags (make would warn that it
# resets the jobserver, and the tests count such warnings as failures).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
PYTHON=${PYTHON:-/usr/bin/python3}
# takes_outdir PROGRAM: the program is an experiment (its --help lists --outdir),
# not a tool such as copytask.
takes_outdir() { "$1" --help 2>/dev/null | grep -e '^  --outdir ' >/dev/null; }
# takes_quick PROGRAM: the experiment offers a small run for the tests (its
# --help lists --quick; the Makefile's top comment states the convention).
takes_quick() { "$1" --help 2>/dev/null | grep -e '^  --quick ' >/dev/null; }
# rejects PROGRAM ARGS...: bad input gets exactly one line on stderr, exit
# status 2, nothing on stdout and no output file (an experiment is given an
# --outdir that must stay absent; a tool names its files in ARGS).
rejects() {
  local bin=$1; shift
  local dir; dir=$(mktemp -d)
  local out=(); takes_outdir "$bin" && out=(--outdir "$dir/outputs")
  "$bin" "${out[@]}" "$@" 2>"$dir/stderr" >"$dir/stdout"; local st=$?
  local lines; lines=$(wc -l < "$dir/stderr")
  local printed; printed=$(wc -c < "$dir/stdout")
  local wrote=0; [ -e "$dir/outputs" ] && wrote=1
  rm -rf "$dir"
  [ $st -eq 2 ] && [ "$lines" -eq 1 ] && [ "$printed" -eq 0 ] && [ "$wrote" -eq 0 ]
}
# module_sources: the tangled C files that are modules (a .c beside a .h), as
# paths under src/; the programs and unit tests are the other .c files.
module_sources() {
  local h; for h in "$TOP"/src/*.h; do [ -f "${h%.h}.c" ] && echo "src/$(basename "${h%.h}").c"; done
}
# portable_build PROGRAM OUT: compile src/PROGRAM.c and the modules for the
# baseline x86-64 ISA into OUT.  make builds the engine for the build machine's
# widest vectors (AVX-512 where it has them), which valgrind cannot execute;
# valgrind checks memory, and memory use does not depend on the vector width.
portable_build() {
  local modules; modules=$(module_sources | sed "s|^|$TOP/|")
  gcc -std=c11 -O1 -g -I"$TOP/src" -D_POSIX_C_SOURCE=200809L -ffp-contract=off -fopenmp-simd \
    -o "$2" "$TOP/src/$1.c" $modules -llapacke -lopenblas -lm
}
# copy_tree DIR [TAR-OPTION...]: the project copied into DIR, timestamps kept,
# .git left out (and whatever the options exclude).
copy_tree() {
  local dir=$1; shift
  (cd "$TOP" && tar --exclude=.git "$@" -cf - .) | tar -C "$dir" -xf -
}
# copy_sources DIR: the sources alone, as a clean checkout has them.
copy_sources() { copy_tree "$1" --exclude=./build --exclude=./src --exclude=./figures; }
# in_built_copy: the built tree copied into $copy, a temporary directory
# removed on exit, and cd there; a test that edits chapters must not touch
# the real ones.
in_built_copy() {
  [ -s "$TOP/build/vanishing-gradients.pdf" ] || { echo "1..1"; echo "not ok 1 - build the book first"; exit 1; }
  copy=$(mktemp -d); trap 'rm -rf "$copy"' EXIT
  copy_tree "$copy"
  cd "$copy"
}
