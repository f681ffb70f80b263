#!/usr/bin/env bash
# The book on arm64 Linux: every tangled C file cross-compiled with Debian's
# aarch64-linux-gnu-gcc, warning-free, and linked against arm64 LAPACKE and
# OpenBLAS (Debian's multiarch packages); the unit tests then run under
# qemu-user and must pass, and every program must answer --help and refuse a
# bad option there.  This is what catches a declaration of a vector function
# that arm64's glibc does not have (the link fails).  Skips cleanly without
# the cross compiler, qemu or the arm64 libraries (tools/need test installs
# them).
. "$(dirname "$0")/lib.sh"
cd "$TOP"
XCC=aarch64-linux-gnu-gcc
command -v "$XCC" >/dev/null || skip_all "no $XCC (package gcc-aarch64-linux-gnu)"
command -v qemu-aarch64 >/dev/null || skip_all "no qemu-aarch64 (package qemu-user)"
for lib in lapacke openblas; do
  tools/need --probe arm64-lib "$lib" || skip_all "no arm64 lib$lib (package lib$lib-dev:arm64)"
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# The Makefile's flags, less the x86 ISA: what a reader's arm64 make passes.
flags="-std=c11 -Wall -Wextra -Werror -O2 -Isrc -D_POSIX_C_SOURCE=200809L -ffp-contract=off
       -fopenmp-simd -fno-math-errno"
libs="-llapacke -lopenblas -lm"
modules=$(module_sources)
mains=$(for c in src/*.c; do [ -f "${c%.c}.h" ] || echo "$c"; done)

# shellcheck disable=SC2086  # flags and libs are lists
for m in $modules; do
  name=$(basename "$m" .c)
  check "$name.c compiles for arm64 without a warning" $XCC $flags -c "$m" -o "$tmp/$name.o"
done
objs=$(ls "$tmp"/*.o)
check "no object calls a vector function arm64's glibc lacks (_ZGV*)" \
  bash -c "! aarch64-linux-gnu-nm -u $(echo $objs) | grep -q _ZGV"
for m in $mains; do
  name=$(basename "$m" .c)
  check "$name links for arm64" $XCC $flags -o "$tmp/$name" "$m" $objs $libs
  [ -x "$tmp/$name" ] || continue
  case $name in
    test-*)
      out=$(qemu-aarch64 "$tmp/$name" 2>&1); st=$?
      fails=$(grep -c '^not ok' <<< "$out")
      passes=$(grep -c '^ok' <<< "$out")
      check "$name passes on arm64 under qemu ($passes passed, $fails failed)" \
        test "$st" -eq 0 -a "$fails" -eq 0 -a "$passes" -gt 0
      [ "$fails" -eq 0 ] || diag "$(grep '^not ok' <<< "$out")" ;;
    *)
      check "$name answers --help on arm64" qemu-aarch64 "$tmp/$name" --help
      check "$name refuses a bad option on arm64 in one line, exit 2" \
        bash -c "[ \$(qemu-aarch64 '$tmp/$name' --no-such-option 2>&1 >/dev/null | wc -l) -eq 1 ];
                 qemu-aarch64 '$tmp/$name' --no-such-option >/dev/null 2>&1; [ \$? -eq 2 ]" ;;
  esac
done
done_testing
