#!/usr/bin/python3
# bench/vendors.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Measures lethe-cli deidentify on real series of several vendors, per MB.

Each FOLDER (a vendor's series, for example the In/ folder of one of the
public dcm_qa repositories, read only) is timed, round-robin over --runs:
  the floors of bench/floors.py: cp -r, cp -r + sync (durable), dcmtk
                         resave, and basic: lethe-cli deidentify --jobs N,
                         Basic Profile
  options                the same with --option retain-safe-private
                         --option retain-long-modified-dates
                         --option clean-descriptors

It prints, per folder, the median wall time, the CPU time (user + sys, which
other processes on a shared machine disturb less than the wall time), files
and MB per second, the ratios of basic and options to each floor, and two
more: CPU per MB against the fastest folder's (target: every vendor within
2x) and options against basic (target: 1.3x).
Inputs are read once before the first run, outputs go to fresh folders
under --work and are removed at the end.  Prints the load average with
the figures.

Usage: bench/vendors.py [--build BUILD] [--work DIR] [--runs 3] [--jobs 2]
                        FOLDER...
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import floors

OPTIONS = ["--option", "retain-safe-private", "--option", "retain-long-modified-dates",
           "--option", "clean-descriptors"]


def list_files(folder):
    files = []
    for root, _dirs, names in os.walk(folder):
        files.extend(os.path.join(root, n) for n in names)
    return files


def warm(files):
    total = 0
    for path in files:
        with open(path, "rb") as f:
            while True:
                block = f.read(1 << 20)
                if not block:
                    break
                total += len(block)
    return total


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(here, "..", "build"))
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "lethe-bench-vendors"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("folders", nargs="+")
    opts = parser.parse_args()

    cli = os.path.join(os.path.abspath(opts.build), "app", "lethe-cli")
    if not os.access(cli, os.X_OK):
        sys.exit(f"bench: {cli} is missing: build first (ninja -C build)")
    work = os.path.abspath(opts.work)
    os.makedirs(work, exist_ok=True)
    secret = os.path.join(work, "secret")
    out_root = os.path.join(work, "out")
    shutil.rmtree(out_root, ignore_errors=True)
    os.makedirs(out_root)
    first = list_files(opts.folders[0])[0]
    subprocess.run([cli, "dump", "--secret-file", secret, first], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    sizes = {}
    for folder in opts.folders:
        files = list_files(folder)
        sizes[folder] = (len(files), warm(files))

    def variants(folder):
        named = {("basic" if name == "deidentify" else name): (lambda o, c=command: c(folder, o))
                 for name, command in floors.commands(os.path.abspath(opts.build), secret, opts.jobs)}
        named["options"] = lambda o: named["basic"](o) + OPTIONS
        return named

    results = {f: {name: [] for name in variants(f)} for f in opts.folders}
    count = 0
    for run in range(opts.runs):
        for folder in opts.folders:
            for name, command in variants(folder).items():
                count += 1
                out = os.path.join(out_root, str(count))
                print(f"bench: run {run + 1}/{opts.runs}: {folder}: {name}", file=sys.stderr)
                results[folder][name].append(floors.timed(command(out)))
    load = floors.load_text()

    def cpu(folder, name):
        return statistics.median(c for _w, c in results[folder][name])

    def wall(folder, name):
        return statistics.median(w for w, _c in results[folder][name])

    per_mb = {f: cpu(f, "basic") / (sizes[f][1] / 1e6) for f in opts.folders}
    fastest = min(per_mb.values())
    print()
    print(f"lethe vendors: --jobs {opts.jobs}, {opts.runs} runs, median; {load}")
    print()
    header = (f"{'folder':<28} {'files':>6} {'MB':>6} {'variant':<13} {'wall s':>7} {'CPU s':>7} "
              f"{'files/s':>8} {'MB/s':>6} {'x cp':>6}")
    print(header)
    print("-" * len(header))
    for f in opts.folders:
        n_files, n_bytes = sizes[f]
        for name in results[f]:
            w = wall(f, name)
            print(f"{f[-28:]:<28} {n_files:6d} {n_bytes / 1e6:6.0f} {name:<13} {w:7.2f} {cpu(f, name):7.2f} "
                  f"{n_files / w:8.0f} {n_bytes / w / 1e6:6.1f} {w / wall(f, 'cp -r'):6.2f}")
    print()
    print("Against the floors (wall, and CPU in brackets):")
    for f in opts.folders:
        floor_figures = {n: (wall(f, n), cpu(f, n)) for n in ("cp -r", "cp -r + sync", "dcmtk resave")}
        for name in ("basic", "options"):
            print(f"  {f[-28:]:<28} {name:<8} " + floors.ratios(wall(f, name), cpu(f, name), floor_figures))
    print()
    print("CPU ms per MB (basic), against the fastest (target <= 2), and options / basic CPU (target <= 1.3):")
    for f in opts.folders:
        ratio = cpu(f, "options") / cpu(f, "basic")
        print(f"  {f[-28:]:<28} {per_mb[f] * 1000:7.1f} ms/MB  {per_mb[f] / fastest:5.2f}x fastest  "
              f"options {ratio:4.2f}x  ({cpu(f, 'basic') * 1000 / sizes[f][0]:.2f} ms CPU a file)")
    shutil.rmtree(out_root, ignore_errors=True)


if __name__ == "__main__":
    main()
