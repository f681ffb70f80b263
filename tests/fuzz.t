#!/usr/bin/env bash
# The parameter-file reader under libFuzzer, coverage-guided, for a bounded
# time (FUZZ_SECONDS, default 10), with AddressSanitizer and UBSan.  The
# random-damage fuzzer of the same target runs in units.t on every machine;
# this one needs clang and its libFuzzer runtime (tools/need test installs them).
. "$(dirname "$0")/lib.sh"
cd "$TOP"
command -v clang >/dev/null || skip_all "clang not installed"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' |
  clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null || skip_all "libFuzzer not installed"
[ -x build/test/test-fuzz-rnn-load ] || { echo "1..1"; echo "not ok 1 - build the tests first"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
seconds=${FUZZ_SECONDS:-10}
modules="src/rnn-io.c src/rnn.c src/check.c src/rng.c"
check "the fuzz target builds with libFuzzer and the sanitizers" \
  clang -std=c11 -g -O1 -DCOVERAGE_GUIDED -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all -Isrc -D_POSIX_C_SOURCE=200809L \
    src/test-fuzz-rnn-load.c $modules -lm -o "$tmp/fuzz"
mkdir "$tmp/corpus"
check "the valid files it starts from are written" build/test/test-fuzz-rnn-load --seeds "$tmp/corpus"
(cd "$tmp" && ./fuzz -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 corpus >log 2>&1); st=$?
runs=$(grep -o 'Done [0-9]* runs' "$tmp/log" | awk '{print $2}')
diag "libFuzzer: ${runs:-no} runs in $seconds s, corpus $(ls "$tmp/corpus" | wc -l) files"
[ $st -eq 0 ] || sed -n '1,40p' "$tmp/log" | sed 's/^/# /'
check "$seconds s of coverage-guided fuzzing find no crash, leak or broken promise" test $st -eq 0
done_testing
