#!/usr/bin/python3
# bench/vendors.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Measures lethe-cli deidentify on real series of several vendors, per MB and per file.

Each FOLDER (a vendor's series, for example the In/ folder of one of the
public dcm_qa repositories, read only; NAME=FOLDER names it in the tables)
is timed, round-robin over --runs:
  the floors of bench/floors.py: cp -r, cp -r + sync (durable), dcmtk
                         resave (each file loaded and saved unchanged
                         through the engine's dataset layer), and basic:
                         lethe-cli deidentify --jobs N, Basic Profile
  options                the same with --option retain-safe-private
                         --option retain-long-modified-dates
                         --option clean-descriptors
  with --before CLI, basic and options again with that lethe-cli (another
  build, say main's), for a before/after in the same run

It prints, per folder and command, the median wall time and the median CPU
time (user + sys of the children, which other processes on a shared machine
disturb less than the wall time), MB and files per CPU-second; then per
vendor the targets: CPU per MB against the fastest vendor's (every vendor
within 2x), options against basic (1.3x), and basic against the dcmtk resave
of the same files (the floor a load and save costs whatever is changed).
Inputs are read once before the first run, outputs go to fresh folders
under --work and are removed at the end.  Prints the load average with
the figures.

Usage: bench/vendors.py [--build BUILD] [--before CLI] [--work DIR] [--runs 3]
                        [--jobs 2] [NAME=]FOLDER...
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


def parse_folder(text):
    """'NAME=FOLDER' or 'FOLDER' (named by its last parts) -> (name, folder)."""
    name, sep, folder = text.partition("=")
    if sep and not os.path.exists(text):
        return name, folder
    parts = [p for p in os.path.normpath(text).split(os.sep) if p]
    short = "/".join(parts[-2:]) if parts and parts[-1] == "In" else parts[-1]
    return short, text


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(here, "..", "build"))
    parser.add_argument("--before", metavar="CLI", help="another lethe-cli, timed beside this build's")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "lethe-bench-vendors"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("folders", nargs="+", metavar="[NAME=]FOLDER")
    opts = parser.parse_args()

    cli = os.path.join(os.path.abspath(opts.build), "app", "lethe-cli")
    if not os.access(cli, os.X_OK):
        sys.exit(f"bench: {cli} is missing: build first (ninja -C build)")
    if opts.before is not None and not os.access(opts.before, os.X_OK):
        sys.exit(f"bench: {opts.before} is not a program")
    vendors = [parse_folder(f) for f in opts.folders]
    work = os.path.abspath(opts.work)
    os.makedirs(work, exist_ok=True)
    secret = os.path.join(work, "secret")
    out_root = os.path.join(work, "out")
    shutil.rmtree(out_root, ignore_errors=True)
    os.makedirs(out_root)
    # the secret is made by the first command that reads a DICOM file (a
    # public folder may start with a note)
    for path in floors.list_files(vendors[0][1]):
        if subprocess.run([cli, "dump", "--secret-file", secret, path],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
            break
    if not os.path.exists(secret):
        sys.exit(f"bench: no DICOM file in {vendors[0][1]}")

    sizes = {}
    for name, folder in vendors:
        files = floors.list_files(folder)
        sizes[name] = (len(files), floors.warm(files))

    def variants(folder):
        named = {("basic" if n == "deidentify" else n): (lambda o, c=command: c(folder, o))
                 for n, command in floors.commands(os.path.abspath(opts.build), secret, opts.jobs)}
        named["options"] = lambda o: named["basic"](o) + OPTIONS
        if opts.before is not None:
            named["basic, before"] = lambda o: [opts.before, "deidentify", "--secret-file", secret,
                                                "--jobs", str(opts.jobs), folder, "-o", o]
            named["options, before"] = lambda o: named["basic, before"](o) + OPTIONS
        return named

    results = {name: {v: [] for v in variants(folder)} for name, folder in vendors}
    count = 0
    for run in range(opts.runs):
        for name, folder in vendors:
            for variant, command in variants(folder).items():
                count += 1
                out = os.path.join(out_root, str(count))
                print(f"bench: run {run + 1}/{opts.runs}: {name}: {variant}", file=sys.stderr)
                results[name][variant].append(floors.timed(command(out)))
                shutil.rmtree(out, ignore_errors=True)
    load = floors.load_text()

    def cpu(name, variant):
        return statistics.median(c for _w, c in results[name][variant])

    def wall(name, variant):
        return statistics.median(w for w, _c in results[name][variant])

    def mb(name):
        return sizes[name][1] / 1e6

    print()
    print(f"lethe vendors: --jobs {opts.jobs}, {opts.runs} runs, median; {load}")
    print()
    header = (f"{'vendor':<20} {'files':>6} {'MB':>6} {'command':<16} {'wall s':>7} {'CPU s':>7} "
              f"{'MB/CPU-s':>9} {'files/CPU-s':>11} {'CPU ms/file':>11}")
    print(header)
    print("-" * len(header))
    for name, _folder in vendors:
        n_files = sizes[name][0]
        for variant in results[name]:
            c = cpu(name, variant)
            print(f"{name[-20:]:<20} {n_files:6d} {mb(name):6.0f} {variant:<16} {wall(name, variant):7.2f} "
                  f"{c:7.2f} {floors.per(mb(name), c, 1):>9} {floors.per(n_files, c, 0):>11} "
                  f"{c * 1000 / n_files:11.2f}")
    print()
    print("Against the floors (wall, and CPU in brackets):")
    for name, _folder in vendors:
        floor_figures = {n: (wall(name, n), cpu(name, n)) for n in ("cp -r", "cp -r + sync", "dcmtk resave")}
        for variant in ("basic", "options"):
            print(f"  {name[-20:]:<20} {variant:<8} " +
                  floors.ratios(wall(name, variant), cpu(name, variant), floor_figures))
    print()

    per_mb = {name: cpu(name, "basic") / mb(name) for name, _f in vendors}
    resave_per_mb = {name: cpu(name, "dcmtk resave") / mb(name) for name, _f in vendors}
    fastest = min(per_mb.values())
    fastest_resave = min(resave_per_mb.values())
    print("Targets (CPU): basic's CPU per MB against the fastest vendor's (<= 2), options / basic (<= 1.3);")
    print("and the dcmtk resave of the same files, the floor: its CPU per MB against the fastest vendor's,")
    print("and basic / resave.")
    header = (f"{'vendor':<20} {'basic ms/MB':>11} {'x fastest':>9} {'options/basic':>13} "
              f"{'resave ms/MB':>12} {'resave x fastest':>16} {'basic/resave':>12}")
    if opts.before is not None:
        header += f" {'basic after/before':>18} {'options after/before':>20}"
    print(header)
    print("-" * len(header))
    for name, _folder in vendors:
        line = (f"{name[-20:]:<20} {per_mb[name] * 1000:11.1f} {per_mb[name] / fastest:9.2f} "
                f"{cpu(name, 'options') / cpu(name, 'basic'):13.2f} {resave_per_mb[name] * 1000:12.1f} "
                f"{resave_per_mb[name] / fastest_resave:16.2f} {cpu(name, 'basic') / cpu(name, 'dcmtk resave'):12.2f}")
        if opts.before is not None:
            line += (f" {cpu(name, 'basic') / cpu(name, 'basic, before'):18.2f}"
                     f" {cpu(name, 'options') / cpu(name, 'options, before'):20.2f}")
        print(line)
    shutil.rmtree(out_root, ignore_errors=True)


if __name__ == "__main__":
    main()
