#!/usr/bin/env bash
# `make package`: both programs built as folders in dist/ (work files in build/), then each
# built program runs its --self-test. Prints the build times, the folder sizes and the two
# self-test lines. Fails on a failed build, a failed self-test, or a line on standard error
# that packaging/expected-stderr.txt does not explain.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
mkdir -p build
log=build/package.log
: >"$log"

build() {  # build SPEC-NAME; prints the seconds it took
  local started=$SECONDS
  "$BIN/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath build \
    "packaging/$1.spec" >>"$log" 2>&1 || { tail -40 "$log" >&2; echo "build of $1 failed" >&2; exit 1; }
  echo $((SECONDS - started))
}

self_test() {  # self_test PROGRAM; runs dist/PROGRAM/PROGRAM --self-test from outside the checkout
  local errors=$PWD/build/$1.self-test.err program=$PWD/dist/$1/$1
  (cd "${TMPDIR:-/tmp}" && "$program" --self-test) 2>"$errors" \
    || { cat "$errors"; echo "$1 --self-test failed"; exit 1; }
  local unexpected
  unexpected=$(grep -v -E -f <(grep -v -E '^(#|$)' packaging/expected-stderr.txt) "$errors" || true)
  if [ -n "$unexpected" ]; then
    echo "$1 --self-test wrote unexpected lines to standard error:"
    echo "$unexpected"
    exit 1
  fi
}

started=$SECONDS
app_s=$(build storeside)
hub_s=$(build storeside-hub)
echo "built dist/storeside in ${app_s} s, dist/storeside-hub in ${hub_s} s (log: $log)"
du -s --apparent-size -B MB dist/storeside dist/storeside-hub | awk '{ printf "  %-20s %s\n", $2, $1 }'
self_test storeside
self_test storeside-hub
echo "make package: $((SECONDS - started)) s in all"
