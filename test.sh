#!/bin/bash
# Lethe's tests: installs what it needs, builds, runs every suite, and ends
# with the line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
.ci/install-deps --with-checks || exit 1
.ci/build || exit 1
meson test -C build --print-errorlogs "$@" >build/meson-test.out 2>&1
status=$?
grep -E '^ *[0-9]+/[0-9]+ ' build/meson-test.out | sed 's/^ *//'
[ $status -eq 0 ] || sed -n '/Summary of Failures/,$p' build/meson-test.out
.ci/test-summary build/meson-logs/testlog.json
