#!/bin/bash
# Lethe's main job: installs what it needs, builds if needed, writes the embedded
# sample study (fictional patient) and opens it in the workstation; without a
# display (or with --cli) it de-identifies the sample with lethe-cli instead.
set -euo pipefail
cd "$(dirname "$0")"
.ci/install-deps
.ci/build

work="${TMPDIR:-/tmp}/lethe-sample"
rm -rf "$work"
mkdir -p "$work"
cli=build/app/lethe-cli
"$cli" sample -o "$work/input" >/dev/null

if [ "${1:-}" != "--cli" ] && [ -x build/app/lethe ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  echo "Opening the workstation on the embedded sample study in $work/input"
  echo "(Export… writes de-identified copies; the inputs are never changed.)"
  # the settings schema from the build tree, as nothing is installed
  exec env GSETTINGS_SCHEMA_DIR="$PWD/build/data" build/app/lethe "$work/input"
fi

echo "No display: running lethe-cli on the embedded sample study."
echo "(--redact-proposed: burned-in text that OCR reads as an identifier is blacked out unreviewed.)"
"$cli" deidentify "$work/input" -o "$work/output" --secret-file "$work/secret" --redact-proposed 2>&1 || true
echo
echo "De-identified files:"
(cd "$work/output" && find . -type f | sort | sed 's/^/  /')
first=$(find "$work/output" -path '*CT-2-*' -name '0001.dcm' | head -n 1)
echo
echo "See what happened to every element of one file:"
echo "  $cli dump $work/input/CT/IM0001.dcm --secret-file $work/secret"
echo "Inspect an output:   dcmdump $first"
