#!/usr/bin/env bash
# tools/need probes what the build uses, not a file that another package may
# also have installed: every library of the Makefile's LDLIBS has a probe that
# links a program against it, a probe reports a library or a header that does
# not exist as missing, and `tools/need book` links the Makefile's LDLIBS whole.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
ldlibs=$(sed -n 's/^LDLIBS *:= *//p' Makefile)
check "the Makefile's LDLIBS are found ($ldlibs)" test -n "$ldlibs"
table=$(tools/need --table)
for flag in $ldlibs; do
  case $flag in
    -l*) lib=${flag#-l}
         check "LDLIBS' $flag has a link probe in the book group" \
           grep -Eq "^book +lib +$lib +" <<< "$table"
         check "the link probe finds lib$lib here (the book was built)" \
           tools/need --probe lib "$lib" ;;
  esac
done
check "every header probe of the book group compiles here" \
  bash -c "tools/need --table | awk '\$1 == \"book\" && \$2 == \"header\" { print \$3 }' |
           while read -r h; do tools/need --probe header \"\$h\" || exit 1; done"
check "a library that does not exist is reported missing" \
  bash -c "tools/need --probe lib vg_no_such_library; [ \$? -eq 1 ]"
check "a header that does not exist is reported missing" \
  bash -c "tools/need --probe header vg_no_such_header.h; [ \$? -eq 1 ]"
check "a header probe compiles it: a header that exists but does not compile is missing" \
  bash -c "d=\$(mktemp -d); echo '#error broken' > \$d/vg_broken.h;
           CPATH=\$d tools/need --probe header vg_broken.h; st=\$?; rm -rf \$d; [ \$st -eq 1 ]"
check "tools/need book passes with the Makefile's LDLIBS" \
  env LDLIBS="$ldlibs" tools/need book
check "tools/need book fails, in one line, when the LDLIBS do not link" \
  bash -c "[ \$(LDLIBS='-lvg_no_such_library' tools/need book 2>&1 >/dev/null | wc -l) -eq 1 ];
           LDLIBS='-lvg_no_such_library' tools/need book >/dev/null 2>&1; [ \$? -eq 1 ]"
check "an unknown group is refused (exit 2)" \
  bash -c "tools/need no-such-group 2>/dev/null; [ \$? -eq 2 ]"
check "an unknown probe kind is refused (exit 2)" \
  bash -c "tools/need --probe no-such-kind x 2>/dev/null; [ \$? -eq 2 ]"
done_testing
