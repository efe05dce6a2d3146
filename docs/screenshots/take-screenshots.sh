#!/bin/bash
# Retakes the workstation screenshots in this folder on a virtual display.
# Needs: xvfb xauth dbus xdotool imagemagick, a built tree (./build), and the
# shared corpus for the main window (default ../shared/corpus; pass another
# folder as $1).  Coordinates are those of a 1600x1000 screen.
#   docs/screenshots/take-screenshots.sh [CORPUS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${1:-$root/../shared/corpus}" && pwd)

if [ -z "${LETHE_SHOTS_INSIDE:-}" ]; then
  exec env LETHE_SHOTS_INSIDE=1 xvfb-run -a -s '-screen 0 1600x1000x24' dbus-run-session "$0" "$corpus"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lethe="$root/build/app/lethe"
language=C
lang=${LANG:-C.UTF-8}
"$root/build/app/lethe-cli" sample -o "$work/sample" >/dev/null
mkdir "$work/export"

# shot FOLDER OUT.png [CROP] STEP...: opens FOLDER, runs the xdotool steps, grabs the screen
shot () {
  local folder=$1 out=$2 crop=$3
  shift 3
  local args=("$folder")
  # project:DIR opens the review project in DIR
  [[ $folder == project:* ]] && args=(--project "${folder#project:}")
  env GSETTINGS_SCHEMA_DIR="$root/build/data" GSETTINGS_BACKEND=memory XDG_DATA_HOME="$work/data" \
      GSK_RENDERER=cairo LANGUAGE="$language" LANG="$lang" "$lethe" "${args[@]}" >/dev/null 2>&1 &
  local pid=$!
  sleep 4
  xdotool search --onlyvisible --class lethe windowsize 1600 1000
  sleep 1
  for step in "$@"; do
    case "$step" in
      sleep*) sleep "${step#sleep }" ;;
      *) eval "xdotool $step"; sleep 0.7 ;;
    esac
  done
  xdotool mousemove 1599 999
  sleep 1
  import -window root "$work/shot.png"
  convert "$work/shot.png" ${crop:+-crop "$crop" +repage} -strip "$here/$out"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# the corpus, its ultrasound series (flagged: needs attention) selected
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != main ] ||
shot "$corpus" main-window.png "" "mousemove 219 766" "click 1"
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != header ] ||
# the sample's CT: a nested sequence opened, patient characteristics retained
shot "$work/sample" header-view.png "" "mousemove 1573 71" "click 1" "sleep 1" "mousemove 213 259" "click 1" \
     "sleep 2" "mousemove 500 708" "click 1" "sleep 1" "key plus" "sleep 1" "mousemove 500 731" "click 1" \
     "sleep 1" "key plus" "sleep 1" "mousemove 500 800" "click 1" "sleep 1" "key plus" "sleep 1" \
     "mousemove 500 823" "click 1" "sleep 1" "key plus" "sleep 1" "mousemove 1339 400" "click 1"
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != export ] ||
# an export of the corpus through the folder chooser, and its summary
shot "$corpus" export-summary.png 560x304+0+0 "key ctrl+e" "sleep 1.5" "key ctrl+l" "type $work/export/" \
     "sleep 0.5" "key Return" "sleep 5"
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != review ] ||
{
  # a review project of the sample, signed off and exported once: its Text page, and the
  # Review section being filled in
  cli="$root/build/app/lethe-cli"
  "$cli" project init "$work/project" >/dev/null
  "$cli" project import "$work/project" "$work/sample" >/dev/null
  "$cli" project set "$work/project" --option clean-descriptors >/dev/null
  "$cli" project signoff "$work/project" --all --reviewer "Ada Reviewer" >/dev/null
  "$cli" project export "$work/project" -o "$work/project-export" >/dev/null
  shot "project:$work/project" review.png "" "sleep 1" "key alt+3" "sleep 2" "mousemove 1338 790" "click 1" \
       "mousemove 1338 820" "click 1" "mousemove 1454 885" "click 1" "type 'Ada Reviewer'"
}
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != text-pool ] ||
{
  # a review project of the sample read by OCR, with a part of a text marked: the Text page
  # (OCR text with its frame, what may identify first), the marks open, Mark Part… on a
  # comment with its last word selected; then, decided, signed off and exported, the
  # ultrasound beside the file the export wrote of it
  cli="$root/build/app/lethe-cli"
  "$cli" project init "$work/pool" >/dev/null
  "$cli" project import "$work/pool" "$work/sample" >/dev/null
  "$cli" project set "$work/pool" --option clean-descriptors >/dev/null
  "$cli" project scan "$work/pool" --all >/dev/null
  "$cli" project mark-unsafe "$work/pool" Sample --reviewer "Ada Reviewer" >/dev/null
  shot "project:$work/pool" review-text-pool.png "" "key alt+3" "sleep 3" "mousemove 507 979" "click 1" \
       "sleep 1" "mousemove 1244 549" "click 1" "sleep 1" "key End" "key shift+ctrl+Left"
  "$cli" project decide "$work/pool" --all --accept-identifiers --reject-others --reviewer "Ada Reviewer" >/dev/null
  "$cli" project signoff "$work/pool" --all --reviewer "Ada Reviewer" >/dev/null
  "$cli" project export "$work/pool" -o "$work/pool-export" >/dev/null
  shot "project:$work/pool" review-read-back.png 1200x800+0+0 "mousemove 225 302" "click 1" "sleep 2" \
       "mousemove 1445 25" "click 1" "sleep 1" "mousemove 1420 312" "click 1" "sleep 3"
}
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != risk ] ||
{
  # the Risk page of a project of six generated patients that keeps their characteristics,
  # judged at 0.34: what is kept, k, the patients above, and the 5-year age bands proposed
  cli="$root/build/app/lethe-cli"
  "$root/build/tests/lethe-test-data" ages "$work/generated" >/dev/null
  "$cli" project init "$work/risk-project" --option retain-patient-characteristics >/dev/null
  "$cli" project import "$work/risk-project" "$work/generated/ages" >/dev/null
  "$cli" project set "$work/risk-project" --threshold 0.34 >/dev/null
  shot "project:$work/risk-project" risk-panel.png "" "sleep 1" "mousemove 1095 73" "click 1" "sleep 4"
}
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != faces ] ||
{
  # the head phantom at 2 mm in a project: the face view above its images
  cli="$root/build/app/lethe-cli"
  "$root/build/tests/lethe-test-data" head "$work/head" >/dev/null
  "$cli" project init "$work/face-project" >/dev/null
  "$cli" project import "$work/face-project" "$work/head" >/dev/null
  shot "project:$work/face-project" face-view.png "" "sleep 2" "mousemove 213 259" "click 1" "sleep 6"
}
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != main-de ] ||
{
  # the main window in German, from an installation (the build tree's programs look for
  # their translations in the configured prefix)
  meson install -C "$root/build" --no-rebuild --quiet --destdir "$work/install" >/dev/null
  lethe=$(find "$work/install" -path '*/bin/lethe' -type f)
  language=de lang=de_DE.UTF-8
  shot "$work/sample" main-window-de.png ""
  lethe="$root/build/app/lethe"
  language=C lang=${LANG:-C.UTF-8}
}
[ -n "${LETHE_SHOTS_ONLY:-}" ] && [ "$LETHE_SHOTS_ONLY" != photos ] ||
{
  # a camera's photograph (made here: a drawn wound, a date burned in, Exif with artist and
  # GPS, XMP, a comment) and a synthetic Aperio slide with label and macro (the slide
  # bench's), each opened alone: the window selects it and shows its metadata panel
  mkdir -p "$work/photo" "$work/slide"
  convert -size 1200x800 gradient:'#8a5a44'-'#e8c6a8' -fill '#b0603f' -draw "ellipse 600 420 260 150 0 360" \
          -fill '#7a2f22' -draw "ellipse 620 430 120 60 0 360" -fill '#ffb000' -pointsize 44 \
          -annotate +820+760 '2024-09-17 10:11' -quality 90 "$work/plain.jpg"
  python3 "$here/add-camera-metadata.py" "$work/plain.jpg" "$work/photo/Grimsby wound.jpg"
  echo PAT-0042 > "$work/photo/lethe-patient.txt"
  "$root/build/bench/bench-slide" --megabytes 40 --dir "$work/slide" --keep >/dev/null
  mv "$work/slide/bench-slide-in.svs" "$work/slide/Grimsby biopsy.svs"
  rm "$work/slide/bench-slide-out.svs"
  shot "$work/photo" photo-metadata.png "" "sleep 2"
  shot "$work/slide" slide-metadata.png "" "sleep 4"
}
