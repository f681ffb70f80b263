#!/usr/bin/env bash
# Every tangled C file compiled once more with AddressSanitizer and
# UndefinedBehaviorSanitizer; the unit tests and every program must run clean.
# Then valgrind on each program, when it is installed: no errors, no leaks.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
command -v gcc >/dev/null || skip_all "no gcc"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
flags="-std=c11 -O1 -g -Isrc -D_POSIX_C_SOURCE=200809L -ffp-contract=off"
libs="-llapacke -lopenblas -lm"
modules=$(module_sources)
mains=$(for c in src/*.c; do [ -f "${c%.c}.h" ] || echo "$c"; done)
# An experiment runs as make runs it, or, when its --help lists --quick,
# with --quick 1 (a few seeds of a few steps: the same code paths, in seconds
# rather than the minutes a full training run takes under the checkers);
# a tool (no --outdir, such as copytask) only prints its --help here: its own
# test runs it on small cases under both checkers (tests/copytask.t).
run_args() {  # PROGRAM OUTDIR
  if takes_outdir "$1"; then
    echo --outdir "$2"
    if takes_quick "$1"; then echo --quick 1; fi
  else echo --help; fi
}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1

for m in $mains; do
  name=$(basename "$m" .c)
  check "$name builds with the sanitizers" gcc $flags $san -o "$tmp/$name" "$m" $modules $libs
  case $name in
    test-*) check "$name passes under the sanitizers" "$tmp/$name" ;;
    *)      check "$name runs clean under the sanitizers" "$tmp/$name" $(run_args "$tmp/$name" "$tmp/out-$name")
            check "$name rejects a bad option cleanly under the sanitizers" \
              bash -c "'$tmp/$name' --no-such-option 2>/dev/null; [ \$? -eq 2 ]" ;;
  esac
done

if command -v valgrind >/dev/null; then
  for m in $mains; do
    name=$(basename "$m" .c); b=$tmp/vg-$name
    case $name in test-*) continue ;; esac
    check "$name builds for the baseline ISA" portable_build "$name" "$b"
    check "$name is clean under valgrind (no errors, no leaks)" \
      valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$b" $(run_args "$b" "$tmp/vg-out-$name")
  done
else
  diag "valgrind not installed: skipped"
fi
done_testing
