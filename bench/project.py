#!/usr/bin/python3
# bench/project.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Measures the review flow of `lethe-cli project` on a collection.

Steps, each timed (median of --runs, a fresh project or output each run):
  import        init + import of every file into the catalog
  text-pool     the plan of every instance, gathered into the text pool
  export        the export run: redaction, de-identification, one action
                record per element, the report (PDF and JSON)

and the floors of bench/floors.py on the same files (cp -r, cp -r + sync,
dcmtk resave, and `lethe-cli deidentify`: the same batch without the
record and the report), each with its wall and CPU time (user + sys);
then the export's ratios to each floor.  It also reports the size of the
project database after the export, per file exported.

The collection is INPUT when given (any folder of DICOM files, read only),
else `small` data made once by build/bench/lethe-bench-data (--files small
CT files over 10 patients and 40 series) in the work folder.

With --export-ratio it measures only the export against plain
`lethe-cli deidentify` of the same files with the project's secret (the
target of issue 15: an export's CPU at most 1.5 times it): the project is
made once (init, import, text pool) and copied fresh for each export, the
two alternate --runs times, and it prints the CPU (user + sys) and wall of
each, min and median, and the ratios of the export's CPU to deidentify's.

Usage: bench/project.py [--build BUILD] [--work DIR] [--files 2000] [--runs 3]
                        [--jobs N] [--export-ratio] [INPUT]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import floors


def run(argv, ok_codes=(0,)):
    started = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode not in ok_codes:
        sys.exit("bench: %s failed (%d):\n%s" % (" ".join(argv), result.returncode, result.stderr))
    return elapsed, result.stdout


def export_ratio(cli, collection, work, runs, jobs):
    """The export's CPU against plain deidentify's, alternating."""
    made = os.path.join(work, "project-made")
    shutil.rmtree(made, ignore_errors=True)
    run([cli, "project", "init", made, "--no-require-signoff"])
    run([cli, "project", "import", made, collection], ok_codes=(0, 1))
    run([cli, "project", "text-pool", made])
    secret = os.path.join(made, "secret")
    project = os.path.join(work, "project-run")
    output = os.path.join(work, "out-run")
    floor_out = os.path.join(work, "floor")
    export, deidentify = [], []
    for _ in range(runs):
        for folder in (project, output, floor_out):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(made, project)
        export.append(floors.timed([cli, "project", "export", project, "-o", output] + jobs))
        deidentify.append(floors.timed([cli, "deidentify", "--secret-file", secret] + jobs + [collection, "-o", floor_out]))
    for folder in (project, output, floor_out):
        shutil.rmtree(folder, ignore_errors=True)

    print("collection: %s, %d runs alternating; %s" % (collection, runs, floors.load_text()))
    for name, values in (("export", export), ("deidentify", deidentify)):
        cpu = [c for _w, c in values]
        print("  %-11s CPU min %6.2f s median %6.2f s   wall median %6.2f s"
              % (name, min(cpu), statistics.median(cpu), statistics.median(w for w, _c in values)))
    export_cpu = [c for _w, c in export]
    deidentify_cpu = [c for _w, c in deidentify]
    print("  export CPU / deidentify CPU: min %.2f, median %.2f (target 1.5)"
          % (min(export_cpu) / max(min(deidentify_cpu), 1e-9),
             statistics.median(export_cpu) / max(statistics.median(deidentify_cpu), 1e-9)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", nargs="?", help="a folder of DICOM files (default: generated small data)")
    parser.add_argument("--build", default="build")
    parser.add_argument("--work", default=None, help="where data, projects and outputs go (default: a temporary folder)")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--export-ratio", action="store_true",
                        help="only the export against plain deidentify, alternating (min, median, ratio)")
    args = parser.parse_args()

    cli = os.path.join(args.build, "app", "lethe-cli")
    work = args.work or tempfile.mkdtemp(prefix="lethe-bench-project-")
    os.makedirs(work, exist_ok=True)
    collection = args.input
    if collection is None:
        collection = os.path.join(work, "small-%d" % args.files)
        if not os.path.exists(collection + ".done"):
            shutil.rmtree(collection, ignore_errors=True)
            tool = os.path.join(args.build, "bench", "lethe-bench-data")
            subprocess.run([tool, "small", "--files", str(args.files), "--size", "64", "-o", collection], check=True)
            open(collection + ".done", "w").close()
    jobs = ["-j", str(args.jobs)] if args.jobs > 0 else []
    if args.export_ratio:
        export_ratio(cli, collection, work, args.runs, jobs)
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
        return

    times = {"import": [], "text-pool": [], "export": []}
    floor_times = {}
    db_size = 0
    written = 0
    for i in range(args.runs):
        project = os.path.join(work, "project-%d" % i)
        output = os.path.join(work, "out-%d" % i)
        secret = os.path.join(project, "secret")
        for folder in (project, output):
            shutil.rmtree(folder, ignore_errors=True)

        t_init, _ = run([cli, "project", "init", project, "--no-require-signoff"])
        t_import, _ = run([cli, "project", "import", project, collection], ok_codes=(0, 1))
        times["import"].append((t_init + t_import, 0))
        times["text-pool"].append((run([cli, "project", "text-pool", project])[0], 0))
        before = os.times()
        t_export, out = run([cli, "project", "export", project, "-o", output] + jobs, ok_codes=(0, 1))
        after = os.times()
        times["export"].append((t_export, after.children_user - before.children_user +
                                after.children_system - before.children_system))
        written = int(out.split(":")[1].split()[0])
        db = os.path.join(project, "lethe-project.sqlite")
        db_size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
        shutil.rmtree(output, ignore_errors=True)
        for name, command in floors.commands(args.build, secret, args.jobs or os.cpu_count()):
            floor_out = os.path.join(work, "floor")
            shutil.rmtree(floor_out, ignore_errors=True)
            floor_times.setdefault(name, []).append(floors.timed(command(collection, floor_out)))
            shutil.rmtree(floor_out, ignore_errors=True)

    def median(values):
        return statistics.median(w for w, _c in values), statistics.median(c for _w, c in values)

    n = sum(len(names) for _root, _dirs, names in os.walk(collection))
    print("collection: %s (%d files, %d exported), %d runs, median; %s"
          % (collection, n, written, args.runs, floors.load_text()))
    for step, values in list(times.items()) + list(floor_times.items()):
        wall, cpu = median(values)
        cpu_text = "CPU %6.2f s" % cpu if cpu > 0 else ""
        print("  %-13s %7.2f s %7.0f files/s  %s" % (step, wall, n / wall if wall > 0 else 0, cpu_text))
    export_wall, export_cpu = median(times["export"])
    print("  export: " + floors.ratios(export_wall, export_cpu, {k: median(v) for k, v in floor_times.items()}))
    print("  project database: %.1f MB (%.1f KB per file exported)" % (db_size / 1e6, db_size / 1e3 / max(written, 1)))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
