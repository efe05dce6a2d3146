#!/usr/bin/python3
# bench/fsync-floor.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""The floor of writing a tree of files the way Lethe writes its outputs.

A file that is there must be whole and on the disk: each output is written
under a hidden temporary name, made durable, linked into place and its
folder made durable (engine/lethe-atomic-file.c).  This copies INPUT to a
fresh folder with --jobs threads, with plain `cp -r` and three ways of
making the files durable, --runs times round-robin, and prints the median
wall times, their ratios to cp -r and the load average: the part of a
de-identification's time that is the file system's and not Lethe's.

  per file      temp, fsync, link, folder fsync: one file at a time
  group fsync   --group temps written, each fsynced in a row, linked, then
                one fsync per folder
  group syncfs  the same with one syncfs(2) of the output's file system
                in place of the fsyncs of the temps (what lethe-cli does:
                engine/deid/lethe-batch.c, lethe_atomic_file_commit_group())

Usage: bench/fsync-floor.py [--runs 3] [--jobs 2] [--group 64] [--work DIR] INPUT
"""

import argparse
import concurrent.futures
import ctypes
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


LIBC = ctypes.CDLL(None, use_errno=True)


def fsync_path(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(source, target):
    temp = os.path.join(os.path.dirname(target), "." + os.path.basename(target) + ".tmp")
    with open(source, "rb") as f:
        data = f.read()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return temp


def commit_group(temps, targets, use_syncfs):
    if use_syncfs:
        fd = os.open(temps[0], os.O_RDONLY)
        try:
            if LIBC.syncfs(fd) != 0:
                raise OSError(ctypes.get_errno(), "syncfs")
        finally:
            os.close(fd)
    else:
        for temp in temps:
            fsync_path(temp)
    for temp, target in zip(temps, targets):
        os.link(temp, target)
        os.unlink(temp)
    for folder in sorted({os.path.dirname(t) for t in targets}):
        fsync_path(folder)


def synced_tree(source, target, jobs, group=0, use_syncfs=False):
    pairs = []
    for root, _dirs, names in os.walk(source):
        out = os.path.join(target, os.path.relpath(root, source))
        os.makedirs(out, exist_ok=True)
        pairs.extend((os.path.join(root, n), os.path.join(out, n)) for n in names)
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        if group == 0:
            list(pool.map(lambda p: copy_synced(*p), pairs))
        else:
            for start in range(0, len(pairs), group):
                chunk = pairs[start:start + group]
                temps = list(pool.map(lambda p: write_temp(*p), chunk))
                commit_group(temps, [t for _s, t in chunk], use_syncfs)
    return len(pairs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--group", type=int, default=64)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "lethe-fsync-floor"))
    parser.add_argument("input")
    opts = parser.parse_args()

    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    ways = {
        "per file": lambda out: synced_tree(opts.input, out, opts.jobs),
        "group fsync": lambda out: synced_tree(opts.input, out, opts.jobs, opts.group),
        "group syncfs": lambda out: synced_tree(opts.input, out, opts.jobs, opts.group, True),
    }
    times = {"cp -r": []}
    times.update((name, []) for name in ways)
    n = 0
    for run in range(opts.runs):
        os.sync()
        start = time.perf_counter()
        subprocess.run(["cp", "-r", opts.input, os.path.join(opts.work, f"cp-{run}")], check=True)
        times["cp -r"].append(time.perf_counter() - start)
        for i, (name, way) in enumerate(ways.items()):
            os.sync()
            start = time.perf_counter()
            n = way(os.path.join(opts.work, f"synced-{run}-{i}"))
            times[name].append(time.perf_counter() - start)
    shutil.rmtree(opts.work, ignore_errors=True)
    load = os.getloadavg()
    c = statistics.median(times["cp -r"])
    print(f"{n} files, {opts.runs} runs, median, {opts.jobs} jobs, groups of {opts.group}; "
          f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for name, values in times.items():
        m = statistics.median(values)
        print(f"  {name:14s} {m:8.3f} s  ({m / c:.2f}x cp -r)")


if __name__ == "__main__":
    main()
