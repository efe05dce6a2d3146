#!/bin/sh
# bench/fuzz.sh — coverage-guided fuzzing of Lethe's parsers with libFuzzer.
#
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]
#   SECONDS  how long each target runs (default 480)
#   TARGET   fuzz-dataset-load, fuzz-deidentify, ... (default: all of tests/fuzz)
#
# Works in its own folder, $LETHE_FUZZ_DIR (default /tmp/lethe-fuzz): builds
# there with clang, -Dfuzzing=libfuzzer (coverage over the whole engine) and
# AddressSanitizer + UBSan, seeds each target from its committed corpus
# (tests/fuzz/corpus/TARGET) and, for the targets that read DICOM, from the
# sample study Lethe generates itself (lethe-cli sample), then runs the
# targets one at a time on one core (nice 19).  What a target finds is left
# in $LETHE_FUZZ_DIR/artifacts/TARGET/; copy each one into
# tests/fuzz/corpus/TARGET/ (named after what it found) so that the normal
# suite replays it.  The last lines sum up each run.
set -eu

seconds=${1:-480}
[ $# -gt 0 ] && shift
src=$(cd "$(dirname "$0")/.." && pwd)
work=${LETHE_FUZZ_DIR:-/tmp/lethe-fuzz}
targets=${*:-$(cd "$src/tests/fuzz" && ls fuzz-*.c | sed 's/\.c$//')}

mkdir -p "$work"
cd "$work"

if [ ! -f build/build.ninja ]; then
  CC=clang CXX=clang++ meson setup build "$src" -Dfuzzing=libfuzzer -Db_sanitize=address,undefined \
    -Db_lundef=false -Dgui=false -Dbuildtype=debugoptimized >setup.log
fi
nice -n 19 ninja -C build -j1 app/lethe-cli $(for t in $targets; do echo "tests/fuzz/$t"; done) >build.log

# seeds made by Lethe itself: the sample study, files small enough to mutate
rm -rf sample && mkdir sample
ASAN_OPTIONS=detect_leaks=0 build/app/lethe-cli sample -o sample/study >/dev/null
find sample/study -type f -size -64k >sample/files

export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

for t in $targets; do
  mkdir -p "corpus/$t" "artifacts/$t" logs
  cp "$src/tests/fuzz/corpus/$t"/* "corpus/$t/" 2>/dev/null || true
  # the sample's files, each under a name of its own (its folders' files share names)
  n=0
  while read -r f; do
    n=$((n + 1))
    case $t in
      fuzz-dataset-load|fuzz-frame-decode|fuzz-overlay-redact|fuzz-project-import)
        cp "$f" "corpus/$t/sample-$n" ;;
      fuzz-deidentify)
        { printf '\377\003'; cat "$f"; } >"corpus/$t/sample-$n" ;;
    esac
  done <sample/files
  # one child at a time (-fork=1) that goes on after a crash, an
  # out-of-memory or a timeout, so a target runs its whole time
  start=$(date +%s)
  nice -n 19 "build/tests/fuzz/$t" "corpus/$t" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="artifacts/$t/" >"logs/$t.log" 2>&1 || true
  echo $(($(date +%s) - start)) >"logs/$t.seconds"
done

echo "target                   seconds  runs        cov    findings"
for t in $targets; do
  runs=$(grep -o '^#[0-9]*' "logs/$t.log" | tail -1 | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' "logs/$t.log" | tail -1 | cut -d' ' -f2)
  printf '%-24s %7s  %-10s  %-6s %s\n' "$t" "$(cat "logs/$t.seconds")" "${runs:-?}" "${cov:-?}" \
    "$(ls "artifacts/$t" | wc -l)"
done
