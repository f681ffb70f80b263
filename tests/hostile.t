#!/usr/bin/env bash
# Hostile input, generated rather than listed: every program in build/bin,
# every option its --help lists, every value of the table below, plus the
# cases that concern no option in particular.  Each run must either succeed
# (exit 0, in time) or refuse: a non-zero exit that is not a signal, exactly
# one line on stderr, and no output file.  Each run has an empty directory of
# its own as its working directory, so that a file named on the command line
# (copytask --save abc) lands there and is seen.  A crash, a hang, a second line of
# complaint or a half-written output fails.
. "$(dirname "$0")/lib.sh"
cd "$TOP"
ls build/bin/* >/dev/null 2>&1 || { echo "1..1"; echo "not ok 1 - build the programs first"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
LIMIT=${HOSTILE_TIMEOUT:-60}

# The values every option is tried with.  "<none>" means the option is the
# last word, with no value at all.
values=( "<none>" "" "abc" "12abc" "-1" "0" "1e300" "99999999999999999999"
         "4294967297" "-9223372036854775809" "nan" "inf" "-inf" "0x10" " 5" )

# Arguments that keep an accepted run short; a hostile option comes after
# them, so it is the one in force.
# An experiment that offers --quick gets --quick 1.
quick() {
  case $1 in
    copytask) echo "--steps 2 --T 4 --batch 8 --hidden 4" ;;
    headtohead) echo "--quick 1 --seeds 2 --steps 10" ;;   # stays small under --quick 0
    cliff-grad) echo "--quick 1 --steps 2" ;;              # likewise
    cliff-*) echo "--quick 1 --seeds 1 --steps 2" ;;
    *) if takes_quick "build/bin/$1"; then echo "--quick 1"; else echo ""; fi ;;
  esac
}

# outcome BIN ARGS...: prints "accepted", "refused" or "BROKEN: why".
outcome() {
  local bin=$1; shift
  rm -rf "$tmp/run"; mkdir -p "$tmp/run/cwd"
  (cd "$tmp/run/cwd" && exec timeout -k 5 "$LIMIT" "$TOP/$bin" "$@") >"$tmp/run/stdout" 2>"$tmp/run/stderr"; local st=$?
  local lines; lines=$(wc -l <"$tmp/run/stderr")
  if [ $st -eq 124 ] || [ $st -eq 137 ]; then echo "BROKEN: no answer within $LIMIT s"
  elif [ $st -gt 128 ]; then echo "BROKEN: killed by signal $((st - 128))"
  elif [ $st -eq 0 ]; then
    if find "$tmp/run/cwd" -name '.*.??????' | grep -q .; then echo "BROKEN: temporary file left"
    else echo accepted; fi
  elif [ "$lines" -ne 1 ]; then echo "BROKEN: exit $st with $lines lines on stderr"
  elif [ -n "$(find "$tmp/run/cwd" -type f)" ]; then echo "BROKEN: exit $st but wrote $(find "$tmp/run/cwd" -type f | head -1)"
  else echo refused; fi
}

cases=0 accepted=0 refused=0
try() {  # try DESCRIPTION BIN ARGS...
  local what=$1; shift
  local got; got=$(outcome "$@")
  cases=$((cases + 1))
  case $got in
    accepted) accepted=$((accepted + 1)) ;;
    refused)  refused=$((refused + 1)) ;;
    *) check "$what: $got" false; diag "stderr: $(head -c 300 "$tmp/run/stderr")" ;;
  esac
}

for bin in build/bin/*; do
  name=$(basename "$bin")
  out=(); takes_outdir "$bin" && out=(--outdir out)
  base=$(quick "$name")
  options=$("$bin" --help 2>&1 | awk '$1 ~ /^--/ {print $1}' | grep -vx -- --outdir)
  before=$cases
  for opt in $options; do
    for v in "${values[@]}"; do
      if [ "$v" = "<none>" ]; then try "$name $opt (no value)" "$bin" "${out[@]}" $base "$opt"
      else try "$name $opt '$v'" "$bin" "${out[@]}" $base "$opt" "$v"; fi
    done
  done
  try "$name: an unknown option" "$bin" "${out[@]}" $base --no-such-option 1
  try "$name: a stray argument" "$bin" "${out[@]}" $base stray
  try "$name: a lone dash" "$bin" "${out[@]}" $base -
  try "$name: an option given twice" "$bin" "${out[@]}" $base $(echo "$options" | head -1) 1 $(echo "$options" | head -1) 1
  if takes_outdir "$bin"; then
    try "$name: --outdir inside a regular file" "$bin" --outdir /etc/passwd/out $base
    try "$name: --outdir with no value" "$bin" $base --outdir
  fi
  check "$name: $((cases - before)) hostile command lines, each accepted or refused cleanly" true
done
diag "$cases cases: $accepted accepted, $refused refused cleanly"
done_testing
