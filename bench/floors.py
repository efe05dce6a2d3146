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

Imported by bench/bench.py, bench/project.py and bench/vendors.py: each
gives its inputs and prints its figure with ratios to these.
"""

import os
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"


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


class Timing:
    """What one run of a command cost: wall, user and sys seconds (of the
    command and every process it waited for), and its peak resident memory
    in bytes (the largest of those processes')."""

    def __init__(self, wall, user, system, peak):
        self.wall = wall
        self.user = user
        self.system = system
        self.peak = peak

    @property
    def cpu(self):
        return self.user + self.system


def run(argv, log=subprocess.DEVNULL, allowed=(0, 1)):
    """Runs @argv under GNU time and returns its Timing.  GNU time, a small
    process, forks the command: a command forked from this Python process
    would start with its peak memory.  An exit status outside @allowed ends
    the bench.  Status 1 is allowed by default: lethe-cli ends with it when
    some files were not written (public test folders hold a few that are
    not DICOM)."""
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit(f"bench: {GNU_TIME} is missing (Debian package time)")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as figures:
        start = time.perf_counter()
        status = subprocess.run([GNU_TIME, "--quiet", "-f", "%U %S %M", "-o", figures.name] + argv,
                                stdout=log, stderr=log).returncode
        wall = time.perf_counter() - start
        if status not in allowed:
            sys.exit(f"bench: {' '.join(argv)} failed with status {status}")
        user, system, peak = figures.read().split()
    return Timing(wall, float(user), float(system), int(peak) * 1024)


def timed(argv):
    """Wall and CPU (user + sys) seconds of @argv (see run())."""
    timing = run(argv)
    return timing.wall, timing.cpu


def list_files(folder):
    """Every file under @folder, sorted."""
    files = []
    for root, _dirs, names in os.walk(folder):
        files.extend(os.path.join(root, n) for n in names)
    return sorted(files)


def warm(files):
    """Reads @files once, so that every command timed after starts from the
    page cache; returns their size in bytes."""
    total = 0
    for path in files:
        with open(path, "rb") as f:
            while True:
                block = f.read(1 << 20)
                if not block:
                    break
                total += len(block)
    return total


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
