#!/usr/bin/env bash
# The unit tests tangled from the chapters (test-*.c): each prints TAP lines
# without numbers; we number them, and a program that crashes or exits
# non-zero is a failure of its own.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
n=0; failed=0
for t in build/test/test-*; do
  [ -x "$t" ] || continue
  out=$("$t" 2>&1); status=$?
  while IFS= read -r line; do
    case $line in
      "ok - "*)     n=$((n+1)); echo "ok $n - ${t##*/}: ${line#ok - }" ;;
      "not ok - "*) n=$((n+1)); failed=$((failed+1)); echo "not ok $n - ${t##*/}: ${line#not ok - }" ;;
      *)            echo "# $line" ;;
    esac
  done <<< "$out"
  n=$((n+1))
  if [ $status -eq 0 ]; then echo "ok $n - ${t##*/} exits 0"
  else failed=$((failed+1)); echo "not ok $n - ${t##*/} exits $status"; fi
done
[ $n -gt 0 ] || { echo "not ok 1 - no unit tests were built"; n=1; failed=1; }
echo "1..$n"
[ $failed -eq 0 ]
