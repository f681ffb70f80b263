#!/usr/bin/env bash
# A build stopped in the middle, then resumed, ends with exactly the outputs
# of an uninterrupted build: the same data, the same numbers, the same book.
# Then `make clean` removes what the build made and nothing else.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
[ -s build/vanishing-gradients.pdf ] || { echo "1..1"; echo "not ok 1 - build the book first"; exit 1; }
copy=$(mktemp -d); trap 'rm -rf "$copy"' EXIT
tar --exclude=.git --exclude=./build --exclude=./src --exclude=./figures -cf - . | tar -C "$copy" -xf -
cd "$copy"
sources=$(find . -type f | sort | xargs md5sum)

# stop_make WHEN: start make in its own process group and kill the whole
# group when WHEN happens: "run" (an experiment has started) or a delay in seconds.
stop_make() {
  setsid make >"$copy.log" 2>&1 &
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
check "make finishes after four interruptions" make
same_tree() { diff -r "$TOP/$1" "$1" >>"$copy.diff" 2>&1; }
check "the data are those of an uninterrupted build" same_tree build/data
check "the numbers and tables are too" same_tree build/tex
check "and so are the figures" same_tree figures
check "the book is byte-identical" cmp build/vanishing-gradients.pdf "$TOP/build/vanishing-gradients.pdf"
[ -s "$copy.diff" ] && head -20 "$copy.diff" | sed 's/^/# /'; rm -f "$copy.diff"
check "no temporary file is left behind" test -z "$(find build figures -name '*.tmp' -o -name '.*.??????')"

check "make clean succeeds" make clean
check "make clean leaves every source file, unchanged, and nothing else" \
  test "$sources" = "$(find . -type f | sort | xargs md5sum)"
done_testing
