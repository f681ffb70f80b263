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
PYTHON=${PYTHON:-/usr/bin/python3}
