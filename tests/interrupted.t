#!/usr/bin/env bash
# Two builds from clean, in two other directories: one with make -j2 straight
# through, one with make -j1 stopped four times in the middle and resumed.
# Both must end with exactly the same data, numbers, figures and book, and the
# book must not name the directory it was built in.  Then `make clean` removes
# what the build made and nothing else.
#
# Both builds are `make QUICK=1`: each experiment that offers --quick runs
# small (the Makefile's top comment), so the two builds take a minute, not the
# quarter of an hour two full sweeps would.  The rules, programs and book they
# exercise are the full build's; only the experiments' sizes differ.
. "$(dirname "$0")/lib.sh"
straight=$(mktemp -d); copy=$(mktemp -d); trap 'rm -rf "$straight" "$copy"' EXIT
copy_sources "$straight"; copy_sources "$copy"

cd "$straight"
check "make -j2 from clean succeeds" bash -c "make -j2 QUICK=1 > '$straight.log' 2>&1"
check "the clean build prints no compiler or gnuplot warning" bash -c "! grep -q 'warning:' '$straight.log'"
grep 'warning:' "$straight.log" | head -5 | sed 's/^/# /'; rm -f "$straight.log"

cd "$copy"
sources=$(find . -type f | sort | xargs md5sum)
# stop_make WHEN: start make in its own process group and kill the whole
# group when WHEN happens: "run" (an experiment has started) or a delay in seconds.
stop_make() {
  setsid make QUICK=1 >"$copy.log" 2>&1 &
  local pid=$! waited=0
  if [ "$1" = run ]; then
    until grep -q '^  RUN' "$copy.log" 2>/dev/null || ! kill -0 $pid 2>/dev/null || [ $waited -gt 600 ]; do
      sleep 0.05; waited=$((waited + 1))
    done
  else
    sleep "$1"
  fi
  kill -TERM -- -$pid 2>/dev/null; wait $pid 2>/dev/null
  diag "stopped at '$1' after: $(grep -c '^  ' "$copy.log") steps, last: $(grep '^  ' "$copy.log" | tail -1)"
  rm -f "$copy.log"
}

stop_make run
stop_make run
stop_make 2
stop_make 5
check "make finishes after four interruptions" make QUICK=1
same_tree() { diff -r "$straight/$1" "$1" >>"$copy.diff" 2>&1; }
check "the data are those of the uninterrupted -j2 build" same_tree build/data
check "the numbers and tables are too" same_tree build/tex
check "and so are the figures" same_tree figures
check "the book is byte-identical" cmp build/vanishing-gradients.pdf "$straight/build/vanishing-gradients.pdf"
[ -s "$copy.diff" ] && head -20 "$copy.diff" | sed 's/^/# /'; rm -f "$copy.diff"
check "the book names no build directory" \
  bash -c "! grep -a -q -e '$straight' -e '$copy' -e '$TOP' build/vanishing-gradients.pdf figures/*.pdf"
check "no temporary file is left behind" test -z "$(find build figures -name '*.tmp' -o -name '.*.??????')"

check "make clean succeeds" make clean
check "make clean leaves every source file, unchanged, and nothing else" \
  test "$sources" = "$(find . -type f | sort | xargs md5sum)"
done_testing
