#!/bin/bash
# Lethe's main job: installs what it needs, builds if needed, writes the embedded
# sample study (fictional patient) and de-identifies it with lethe-cli.
set -euo pipefail
cd "$(dirname "$0")"
.ci/install-deps
.ci/build

work="${TMPDIR:-/tmp}/lethe-sample"
rm -rf "$work"
mkdir -p "$work"
cli=build/app/lethe-cli

echo "No workstation yet: running lethe-cli on the embedded sample study."
"$cli" sample -o "$work/input"
"$cli" deidentify "$work/input" -o "$work/output" --secret-file "$work/secret" 2>&1 || true
echo
echo "De-identified files:"
(cd "$work/output" && find . -type f | sort | sed 's/^/  /')
first=$(find "$work/output" -path '*CT-2-*' -name '0001.dcm' | head -n 1)
echo
echo "See what happened to every element of one file:"
echo "  $cli dump $work/input/CT/IM0001.dcm --secret-file $work/secret"
echo "Inspect an output:   dcmdump $first"
