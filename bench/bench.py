#!/usr/bin/python3
# bench/bench.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Measures lethe-cli deidentify against its floors and against other tools.

Data (made once by build/bench/lethe-bench-data, kept in the work folder):
  ct        one CT series, 400 slices of 512x512 16-bit (about 210 MB)
  small     2,000 small CT files (64x64) over 10 patients and 40 series
  small400, small20k
            400 and 20,000 such files, for the peak memory of lethe-cli
            against the number of files

Variants, each on the same input, each run --runs times (median reported),
round-robin so that drift in the machine hits every variant alike:
  cp -r                        the floor: copying the files
  cp -r + sync                 the durable floor: the copy flushed to the
                               disk (bench/floors.py)
  resave (1 job / N jobs)      load + save of every file, unchanged, in one
                               process, through the engine's dataset layer
  lethe-cli (N jobs / 1 job)   de-identification, Basic Profile
  gdcmanon --dumb              the same removals, emptyings and
                               replacements, taken from `lethe-cli dump`
  PixelMed DeidentifyAndRedact its own Basic Profile, no redaction boxes

Every input file is read once before the first timed run, so every variant
reads from the page cache; outputs go to fresh folders (deleting thousands
of files between runs makes ext4 slow to hand out inodes for a while),
`sync` runs before each timed run, memory for the output is touched and
freed just before it (see prefault()), and outputs are removed at the end.

Usage: bench/bench.py [--build BUILD] [--work DIR] [--runs 3] [--jobs N]
                      [--only ct,small] [--no-pixelmed] [--no-gdcm] [--keep]
                      [--wait-idle SECONDS]
"""

import argparse
import mmap
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import floors

PIXELMED_JAR = "/usr/share/java/pixelmed.jar"
GNU_TIME = "/usr/bin/time"

DATASETS = {
    "ct": ["ct", "--slices", "400", "--size", "512"],
    "small": ["small", "--files", "2000", "--size", "64"],
    "small400": ["small", "--files", "400", "--size", "64"],
    "small20k": ["small", "--files", "20000", "--size", "64"],
}

TARGETS = {
    # dataset: (max ratio lethe/cp, min ratio pixelmed/lethe)
    "ct": (1.2, 10.0),
    "small": (3.0, 10.0),
}


def die(message):
    print("bench: " + message, file=sys.stderr)
    sys.exit(1)


def list_files(folder):
    files = []
    for root, _dirs, names in os.walk(folder):
        files.extend(os.path.join(root, n) for n in names)
    return sorted(files)


def make_data(build, work, name):
    folder = os.path.join(work, "data", name)
    stamp = folder + ".done"
    if not os.path.exists(stamp):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"bench: generating {name} in {folder} ...", file=sys.stderr)
        tool = os.path.join(build, "bench", "lethe-bench-data")
        subprocess.run([tool] + DATASETS[name] + ["-o", folder], check=True)
        open(stamp, "w").close()
    return folder


def warm(files):
    """Reads every input once, so that all variants start from the page cache."""
    total = 0
    for path in files:
        with open(path, "rb") as f:
            while True:
                block = f.read(1 << 20)
                if not block:
                    break
                total += len(block)
    return total


DUMP_LINE = re.compile(r'^\(([0-9A-F]{4}),([0-9A-F]{4})\) \S+ (\S+) .* ([KXZDU+]) ("(?:.*)"|-)  \[.*\]$')


def gdcm_arguments(cli, secret, sample_file):
    """gdcmanon --dumb options doing what the Basic Profile does to the
    top-level elements of @sample_file, as lethe-cli dump plans it."""
    out = subprocess.run([cli, "dump", "--secret-file", secret, sample_file],
                         check=True, capture_output=True, text=True).stdout
    args = []
    for line in out.splitlines():
        m = DUMP_LINE.match(line)
        if not m:
            continue
        group, element, vr, action, result = m.groups()
        tag = f"{group},{element}"
        if action == "X":
            args += ["--remove", tag]
        elif action == "Z":
            args += ["--empty", tag]
        elif action in ("D", "U", "+") and vr != "SQ" and result.startswith('"'):
            # UIDs become one constant: gdcmanon --dumb has no mapping
            args += ["--replace", f"{tag}={result[1:-1].rstrip('…')}"]
    return args


class Variant:
    def __init__(self, name, command):
        self.name = name
        self.command = command      # function(input, output) -> argv
        self.walls = []
        self.cpus = []
        self.rss = []
        self.others = []            # share of the machine other processes used


def busy_seconds():
    """CPU time the whole machine has spent busy, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def prefault(n_bytes):
    """Touches and frees @n_bytes of memory.  On a virtual machine that hands
    freed memory back to its host, the first touch of a page costs more than
    copying it; freeing just before the run lets the run get pages that are
    ready, as on a real machine, whichever variant runs first."""
    size = (n_bytes + 64 * 2**20) & ~(mmap.PAGESIZE - 1)
    block = mmap.mmap(-1, size)
    for offset in range(0, size, mmap.PAGESIZE):
        block[offset] = 1
    block.close()


def wait_idle(limit):
    """Waits (at most @limit seconds) for a second in which other processes
    use under 5% of the machine, so that runs do not share the cores."""
    deadline = time.monotonic() + limit
    while True:
        busy = busy_seconds()
        time.sleep(1.0)
        if (busy_seconds() - busy) < 0.05 * os.cpu_count() or time.monotonic() > deadline:
            return


def run_once(variant, input_dir, output_dir, n_bytes, log, idle_limit=0):
    argv = variant.command(input_dir, output_dir)
    stats = tempfile.NamedTemporaryFile("r", suffix=".time", delete=False)
    stats.close()
    os.sync()
    if idle_limit > 0:
        wait_idle(idle_limit)
    prefault(2 * n_bytes)
    busy = busy_seconds()
    start = time.perf_counter()
    proc = subprocess.run([GNU_TIME, "-v", "-o", stats.name] + argv,
                          stdout=log, stderr=log)
    wall = time.perf_counter() - start
    busy = busy_seconds() - busy
    with open(stats.name) as f:
        text = f.read()
    os.unlink(stats.name)
    if proc.returncode != 0:
        die(f"{variant.name} failed (status {proc.returncode}): {' '.join(argv)}; see {log.name}")
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    variant.walls.append(wall)
    variant.cpus.append(user + system)
    variant.rss.append(rss)
    variant.others.append(max(0.0, busy - user - system) / (wall * os.cpu_count()))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(here, "..", "build"),
                        help="meson build folder (default: ../build)")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "lethe-bench"),
                        help="data and output folder (default: $TMPDIR/lethe-bench)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each variant (default 3)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="N for the parallel variants (default: cores)")
    parser.add_argument("--only", default="ct,small", help="datasets to time (default ct,small)")
    parser.add_argument("--no-pixelmed", action="store_true", help="skip PixelMed")
    parser.add_argument("--no-gdcm", action="store_true", help="skip gdcmanon")
    parser.add_argument("--keep", action="store_true", help="keep the outputs")
    parser.add_argument("--wait-idle", type=float, default=30, metavar="SECONDS",
                        help="before each run, wait up to this long for other processes to leave "
                             "the cores alone (default 30; 0: do not wait)")
    opts = parser.parse_args()

    build = os.path.abspath(opts.build)
    work = os.path.abspath(opts.work)
    cli = os.path.join(build, "app", "lethe-cli")
    resave = os.path.join(build, "bench", "lethe-bench-resave")
    jobs = opts.jobs
    for tool in (cli, resave, GNU_TIME):
        if not os.access(tool, os.X_OK):
            die(f"{tool} is missing: build first (ninja -C build) and install the Debian package 'time'")
    use_gdcm = not opts.no_gdcm and shutil.which("gdcmanon") is not None
    use_pixelmed = not opts.no_pixelmed and os.path.exists(PIXELMED_JAR) and shutil.which("java") is not None
    if not opts.no_gdcm and not use_gdcm:
        print("bench: gdcmanon not found (Debian package libgdcm-tools): skipped", file=sys.stderr)
    if not opts.no_pixelmed and not use_pixelmed:
        print("bench: PixelMed not found (Debian packages libpixelmed-java pixelmed-apps): skipped", file=sys.stderr)

    os.makedirs(work, exist_ok=True)
    secret = os.path.join(work, "secret")
    redaction = os.path.join(work, "no-redaction.txt")
    open(redaction, "w").close()
    out_root = os.path.join(work, "out")
    shutil.rmtree(out_root, ignore_errors=True)
    os.makedirs(out_root)
    log = open(os.path.join(work, "bench.log"), "w")

    datasets = [d for d in opts.only.split(",") if d]
    for d in datasets:
        if d not in DATASETS:
            die(f"unknown dataset {d}")
    memory_sets = ["small400", "small", "small20k"]
    inputs = {d: make_data(build, work, d) for d in set(datasets + memory_sets)}

    # the secret is made before the timed runs
    subprocess.run([cli, "dump", "--secret-file", secret, list_files(inputs[datasets[0]])[0]],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def lethe(n):
        return lambda i, o: [cli, "deidentify", "--secret-file", secret, "--jobs", str(n), i, "-o", o]

    results = {}
    sizes = {}
    for d in datasets:
        files = list_files(inputs[d])
        sizes[d] = (len(files), warm(files))
        variants = [
            Variant("cp -r", floors.cp_r),
            Variant("cp -r + sync", floors.cp_r_sync),
            Variant("resave, 1 job", lambda i, o: [resave, i, o]),
            Variant(f"resave, {jobs} jobs", lambda i, o: [resave, "--jobs", str(jobs), i, o]),
            Variant(f"lethe-cli --jobs {jobs}", lethe(jobs)),
            Variant("lethe-cli --jobs 1", lethe(1)),
        ]
        if use_gdcm:
            extra = gdcm_arguments(cli, secret, files[0])
            variants.append(Variant("gdcmanon --dumb",
                                    lambda i, o, extra=extra: ["gdcmanon", "--dumb", "-r", "--continue",
                                                               "-i", i, "-o", o] + extra))
        if use_pixelmed:
            variants.append(Variant("PixelMed DeidentifyAndRedact",
                                    lambda i, o: ["java", "-cp", PIXELMED_JAR,
                                                  "com.pixelmed.apps.DeidentifyAndRedact",
                                                  i, o, redaction]))
        for run in range(opts.runs):
            for v in variants:
                out = os.path.join(out_root, f"{d}-{len(v.walls)}-{v.name.split()[0]}-{variants.index(v)}")
                if v.name.startswith("PixelMed"):
                    os.makedirs(out)
                print(f"bench: {d} run {run + 1}/{opts.runs}: {v.name}", file=sys.stderr)
                run_once(v, inputs[d], out, sizes[d][1], log, opts.wait_idle)
        results[d] = variants

    # peak memory of lethe-cli against the number of files
    memory = {}
    for d in memory_sets:
        files = list_files(inputs[d])
        n_bytes = warm(files)
        v = Variant("lethe-cli", lethe(jobs))
        run_once(v, inputs[d], os.path.join(out_root, f"mem-{d}"), n_bytes, log, opts.wait_idle)
        memory[d] = (len(files), v.rss[0], v.walls[0])

    fs_type = subprocess.run(["stat", "-f", "-c", "%T", work], capture_output=True, text=True).stdout.strip()
    print()
    print(f"lethe bench: {os.cpu_count()} cores, data and outputs in {work} ({fs_type}), "
          f"{opts.runs} runs each, median wall time; x cp -r = time / time of cp -r; "
          f"x sync = time / time of cp -r + sync (the durable floor)")
    print()
    header = (f"{'data':<10} {'variant':<30} {'wall s':>8} {'files/s':>9} {'MB/s':>8} {'x cp -r':>8} {'x sync':>7} "
              f"{'CPU s':>7} {'peak RSS MB':>12} {'others':>7}")
    print(header)
    print("-" * len(header))
    for d in datasets:
        n_files, n_bytes = sizes[d]
        cp_wall = statistics.median(results[d][0].walls)
        sync_wall = statistics.median(results[d][1].walls)
        for v in results[d]:
            wall = statistics.median(v.walls)
            print(f"{d:<10} {v.name:<30} {wall:8.3f} {n_files / wall:9.0f} {n_bytes / wall / 1e6:8.0f} "
                  f"{wall / cp_wall:8.2f} {wall / sync_wall:7.2f} {statistics.median(v.cpus):7.2f} {max(v.rss) / 1024:12.1f} "
                  f"{statistics.median(v.others) * 100:6.0f}%")
        print(f"{'':<10} ({n_files} files, {n_bytes / 1e6:.0f} MB)")
    print()
    print("Peak memory of lethe-cli deidentify --jobs %d:" % jobs)
    base_files, base_rss, _ = memory[memory_sets[0]]
    for d in memory_sets:
        n_files, rss, wall = memory[d]
        growth = "" if n_files == base_files else \
            f", {(rss - base_rss) * 1024 / (n_files - base_files):.0f} bytes per file more than {base_files} files"
        print(f"  {n_files:6d} small files: {rss / 1024:.1f} MB ({wall:.2f} s{growth})")
    print()
    print("others: share of the machine's CPU time used by other processes during the")
    print("timed runs (median); figures are unreliable when it is not near 0%.")
    print()
    print("Targets:")
    for d in datasets:
        if d not in TARGETS:
            continue
        by_name = {v.name: statistics.median(v.walls) for v in results[d]}
        lethe_wall = by_name[f"lethe-cli --jobs {jobs}"]
        max_cp, min_pixelmed = TARGETS[d]
        ratio = lethe_wall / by_name["cp -r"]
        print(f"  {d}: lethe-cli / cp -r = {ratio:.2f} (target <= {max_cp}): {'met' if ratio <= max_cp else 'MISSED'}; "
              f"lethe-cli / cp -r + sync = {lethe_wall / by_name['cp -r + sync']:.2f}")
        if "PixelMed DeidentifyAndRedact" in by_name:
            r = by_name["PixelMed DeidentifyAndRedact"] / lethe_wall
            print(f"  {d}: PixelMed / lethe-cli = {r:.1f} (target >= {min_pixelmed}): {'met' if r >= min_pixelmed else 'MISSED'}")
        if "gdcmanon --dumb" in by_name:
            r = by_name["gdcmanon --dumb"] / lethe_wall
            print(f"  {d}: gdcmanon --dumb / lethe-cli = {r:.2f} (target > 1): {'met' if r > 1 else 'MISSED'}")

    log.close()
    if not opts.keep:
        shutil.rmtree(out_root, ignore_errors=True)


if __name__ == "__main__":
    main()
