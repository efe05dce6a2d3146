# bench/floors.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""The floors a bench prints beside its figure, the one way they are timed.

  cp -r            copying the files, left in the page cache (no flush)
  cp -r + sync     the same, then the output's file system flushed
                   (`sync -f`, the syncfs(2) lethe-cli makes per group of
                   outputs): the durable floor
  dcmtk resave     each file loaded and saved unchanged through the
                   engine's dataset layer (build/bench/lethe-bench-resave)
  deidentify       `lethe-cli deidentify` with the Basic Profile

Imported by bench/project.py, bench/vendors.py and bench/bench.py (which
times the same commands with GNU time): each gives its inputs and prints its figure
with ratios to these.
"""

import os
import subprocess
import sys
import time


def cp_r(source, target):
    return ["cp", "-r", source, target]


def cp_r_sync(source, target):
    return ["sh", "-c", 'cp -r "$0" "$1" && sync -f "$1"', source, target]


def commands(build, secret, jobs):
    """The floors as (name, function(input, output) -> argv), cheapest first."""
    cli = os.path.join(build, "app", "lethe-cli")
    resave = os.path.join(build, "bench", "lethe-bench-resave")
    for tool in (cli, resave):
        if not os.access(tool, os.X_OK):
            sys.exit(f"bench: {tool} is missing: build first (ninja -C build)")
    return [
        ("cp -r", cp_r),
        ("cp -r + sync", cp_r_sync),
        ("dcmtk resave", lambda i, o: [resave, "--jobs", str(jobs), i, o]),
        ("deidentify", lambda i, o: [cli, "deidentify", "--secret-file", secret, "--jobs", str(jobs), i, "-o", o]),
    ]


def timed(argv):
    """Wall and CPU (user + sys of the children) seconds of @argv.  Exit
    status 1 is timed too: lethe-cli ends with it when some files were not
    written (public test folders hold a few that are not DICOM)."""
    before = os.times()
    start = time.perf_counter()
    status = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    if status not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} failed with status {status}")
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def ratios(wall, cpu, floors):
    """@wall and @cpu against each floor ({name: (wall, cpu)}), as text:
    'x cp -r 3.1 (CPU 9.8), x cp -r + sync 1.2 (CPU 9.5), ...'; '-' for a
    CPU time too short to measure."""
    return ", ".join(f"x {name} {wall / max(w, 1e-9):.2f} (CPU {per(cpu, c)})" for name, (w, c) in floors.items())


def per(value, base, digits=2):
    """@value / @base as text, or '-' when @base is below what os.times()
    measures (a cp -r of a few files takes no CPU time it can see)."""
    return f"{value / base:.{digits}f}" if base >= 0.005 else "-"


def load_text():
    load = os.getloadavg()
    return f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores"
