#!/bin/bash
# Lethe's tests: installs what it needs, builds, runs every suite, and ends
# with the line "N passed, N failed".
# Usage: ./test.sh [--sanitize] [meson test options]
#   --sanitize  builds ./build-sanitize with AddressSanitizer and UBSan and runs
#               the suites there (leaks and undefined behaviour are failures)
set -uo pipefail
cd "$(dirname "$0")"
build=build
build_options=()
options=()
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build=build-sanitize
  build_options=(--sanitize)
  . tests/sanitize/environment
  options=(--timeout-multiplier 10)   # an instrumented build runs several times slower
fi
.ci/install-deps --with-checks || exit 1
.ci/build "${build_options[@]}" || exit 1
meson test -C $build --print-errorlogs "${options[@]}" "$@" >$build/meson-test.out 2>&1
status=$?
grep -E '^ *[0-9]+/[0-9]+ ' $build/meson-test.out | sed 's/^ *//'
if [ $status -ne 0 ]; then
  # what the failing tests printed (their last 200 lines), then meson's summary
  sed -n '/✀/,/Summary of Failures/p' $build/meson-test.out | grep -v 'Summary of Failures' | tail -n 200
  sed -n '/Summary of Failures/,$p' $build/meson-test.out
fi
.ci/test-summary $build/meson-logs/testlog.json
