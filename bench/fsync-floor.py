#!/usr/bin/python3
# bench/fsync-floor.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""The floor of writing a tree of files the way Lethe writes its outputs.

lethe-cli writes each output under a hidden temporary name, fsyncs it,
links it into place and fsyncs its folder (engine/lethe-atomic-file.c), so
that a file that is there is whole and on the disk.  This copies INPUT to a
fresh folder the same way, with --jobs threads, and with plain `cp -r`,
--runs times round-robin, and prints the median wall times, their ratio and
the load average: the part of a de-identification's time that is the file
system's and not Lethe's.

Usage: bench/fsync-floor.py [--runs 3] [--jobs 2] [--work DIR] INPUT
"""

import argparse
import concurrent.futures
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def copy_synced(source, target):
    folder = os.path.dirname(target)
    temp = os.path.join(folder, "." + os.path.basename(target) + ".tmp")
    with open(source, "rb") as f:
        data = f.read()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.link(temp, target)
    os.unlink(temp)
    dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def synced_tree(source, target, jobs):
    pairs = []
    for root, _dirs, names in os.walk(source):
        out = os.path.join(target, os.path.relpath(root, source))
        os.makedirs(out, exist_ok=True)
        pairs.extend((os.path.join(root, n), os.path.join(out, n)) for n in names)
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(lambda p: copy_synced(*p), pairs))
    return len(pairs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "lethe-fsync-floor"))
    parser.add_argument("input")
    opts = parser.parse_args()

    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    cp, synced = [], []
    n = 0
    for run in range(opts.runs):
        os.sync()
        start = time.perf_counter()
        subprocess.run(["cp", "-r", opts.input, os.path.join(opts.work, f"cp-{run}")], check=True)
        cp.append(time.perf_counter() - start)
        os.sync()
        start = time.perf_counter()
        n = synced_tree(opts.input, os.path.join(opts.work, f"synced-{run}"), opts.jobs)
        synced.append(time.perf_counter() - start)
    shutil.rmtree(opts.work, ignore_errors=True)
    load = os.getloadavg()
    c, s = statistics.median(cp), statistics.median(synced)
    print(f"{n} files, {opts.runs} runs, median; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(f"  cp -r                                  {c:8.3f} s")
    print(f"  temp + fsync + link + folder fsync, {opts.jobs} jobs {s:8.3f} s  ({s / c:.2f}x cp -r)")


if __name__ == "__main__":
    main()
