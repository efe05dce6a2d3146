#!/usr/bin/python3
# bench/bench.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Times lethe-cli deidentify against its floors, and one lethe-cli against another.

Cases:
  small     2,000 small CT files (64x64) over 10 patients and 40 series
  ct        one CT series, 400 slices of 512x512 16-bit (about 210 MB)
  FOLDER    each --real FOLDER (real files, for example the In/ folder of a
            public dcm_qa repository), read only
small and ct are made once by build/bench/lethe-bench-data in --data (a
folder that holds them already, such as one of an earlier run, is used as
it is).

Variants of each case, on the same input, taken in turn --runs times so
that a change in the machine's load falls on each alike:
  cp -r, cp -r + sync, dcmtk resave
                the floors (bench/floors.py), the resave with --jobs N
  before        --before CLI deidentify --jobs N (when given)
  after         --after CLI deidentify --jobs N (default: BUILD/app/lethe-cli)
  gdcmanon --dumb, PixelMed DeidentifyAndRedact
                with --peers, when installed (Debian packages libgdcm-tools;
                libpixelmed-java and pixelmed-apps)
Both lethe-cli use the Basic Profile and one secret.

Per case it prints each variant's wall time and CPU time (user + sys of
the process and its threads), the least and the median of the runs, its
peak memory and the share of the machine's CPU other processes took
meanwhile; the load average before and after the case; then after's (and
before's) ratios to each floor, and after / before.  On a machine shared
with others the CPU times are the steadier figures.  When before is given,
the two outputs of the last run are compared file by file.

--callgrind also counts the instructions of `deidentify --jobs 1` of each
case (and of the resave with one job, the dcmtk floor) under valgrind's
callgrind: the same count whatever the load (this VM has no hardware
counters for perf stat).  Slow: minutes for 2,000 files.

--memory times `after --jobs N` once on 400, 2,000 and 20,000 small files
for its peak memory against the number of files.

Every input file is read once before the first timed run, so each variant
reads from the page cache; outputs go to fresh folders (deleting thousands
of files between runs makes ext4 slow to hand out inodes for a while),
`sync` runs before each timed run, memory for the output is touched and
freed just before it (see prefault()), and a case's outputs are removed
when it is done.

Run by hand, never from a test.  Usage:
  bench/bench.py [--after CLI] [--before CLI] [--build BUILD] [--data DIR]
                 [--work DIR] [--runs 5] [--jobs N] [--only small,ct]
                 [--real FOLDER]... [--callgrind] [--peers] [--memory]
                 [--keep] [--wait-idle SECONDS]
"""

import argparse
import filecmp
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

DATASETS = {
    "small": ["small", "--files", "2000", "--size", "64"],
    "ct": ["ct", "--slices", "400", "--size", "512"],
    "small400": ["small", "--files", "400", "--size", "64"],
    "small20k": ["small", "--files", "20000", "--size", "64"],
}

FLOORS = ("cp -r", "cp -r + sync", "dcmtk resave")

# issue 15: lethe-cli deidentify against cp -r
TARGETS = {"small": 3.0, "ct": 1.05}


def die(message):
    print("bench: " + message, file=sys.stderr)
    sys.exit(1)


def make_data(build, data, name):
    """The folder of the generated case @name in @data, made if missing."""
    folder = os.path.join(data, name)
    if os.path.isdir(folder) and not os.path.exists(folder + ".partial"):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(data, exist_ok=True)
    open(folder + ".partial", "w").close()
    print(f"bench: generating {name} in {folder} ...", file=sys.stderr)
    tool = os.path.join(build, "bench", "lethe-bench-data")
    subprocess.run([tool] + DATASETS[name] + ["-o", folder], check=True)
    os.unlink(folder + ".partial")
    return folder


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
        self.timings = []           # floors.Timing of each run
        self.others = []            # share of the machine other processes used
        self.last_output = None

    def walls(self):
        return [t.wall for t in self.timings]

    def cpus(self):
        return [t.cpu for t in self.timings]


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


def run_once(variant, input_dir, output_dir, n_bytes, log, allowed, idle_limit):
    argv = variant.command(input_dir, output_dir)
    os.sync()
    if idle_limit > 0:
        wait_idle(idle_limit)
    prefault(2 * n_bytes)
    busy = busy_seconds()
    timing = floors.run(argv, log, allowed)
    busy = busy_seconds() - busy
    variant.timings.append(timing)
    variant.others.append(max(0.0, busy - timing.cpu) / (timing.wall * os.cpu_count()))
    variant.last_output = output_dir


def instructions(argv, log):
    """Instructions @argv runs in user space, counted by callgrind."""
    with tempfile.TemporaryDirectory() as scratch:
        report = os.path.join(scratch, "valgrind.log")
        floors.run(["valgrind", "--tool=callgrind", f"--log-file={report}",
                    f"--callgrind-out-file={os.path.join(scratch, 'callgrind.out')}"] + argv, log)
        with open(report) as f:
            found = re.search(r"Collected : (\d+)", f.read())
    if found is None:
        die(f"callgrind counted nothing for {' '.join(argv)}")
    return int(found.group(1))


def compare_outputs(first, second):
    """How many files differ between the trees @first and @second (or are
    in one only), and how many there are."""
    a = set(os.path.relpath(p, first) for p in floors.list_files(first))
    b = set(os.path.relpath(p, second) for p in floors.list_files(second))
    same = [p for p in a & b if filecmp.cmp(os.path.join(first, p), os.path.join(second, p), shallow=False)]
    return len(a | b) - len(same), len(a | b)


def ratio_text(numerator, denominator):
    """min / median of @numerator's runs against @denominator's, wall and CPU."""
    def pair(a, b):
        return (f"{min(a) / max(min(b), 1e-9):6.2f} / "
                f"{statistics.median(a) / max(statistics.median(b), 1e-9):6.2f}")
    return f"wall {pair(numerator.walls(), denominator.walls())}   CPU {pair(numerator.cpus(), denominator.cpus())}"


def print_case(name, n_files, n_bytes, variants, loads):
    print()
    print(f"{name}: {n_files} files, {n_bytes / 1e6:.0f} MB; before the runs {loads[0]}, after them {loads[1]}")
    header = (f"  {'variant':<30} {'wall s min':>10} {'median':>7} {'CPU s min':>10} {'median':>7} "
              f"{'user':>6} {'sys':>6} {'files/s':>8} {'peak MB':>8} {'others':>7}")
    print(header)
    print("  " + "-" * (len(header) - 2))
    for v in variants:
        fastest = min(v.timings, key=lambda t: t.cpu)
        wall = statistics.median(v.walls())
        print(f"  {v.name:<30} {min(v.walls()):10.3f} {wall:7.3f} {min(v.cpus()):10.3f} "
              f"{statistics.median(v.cpus()):7.3f} {fastest.user:6.2f} {fastest.system:6.2f} "
              f"{n_files / wall:8.0f} {max(t.peak for t in v.timings) / 2**20:8.1f} "
              f"{statistics.median(v.others) * 100:6.0f}%")
    by_name = {v.name: v for v in variants}
    print("  (user and sys: of the run of least CPU)")
    print("  ratios, of the least / of the medians:")
    for who in ("before", "after"):
        if who not in by_name:
            continue
        for floor in FLOORS:
            print(f"    {who + ' / ' + floor:<23} {ratio_text(by_name[who], by_name[floor])}")
    if "before" in by_name:
        print(f"    {'after / before':<23} {ratio_text(by_name['after'], by_name['before'])}")
    if name in TARGETS:
        ratio = statistics.median(by_name["after"].walls()) / statistics.median(by_name["cp -r"].walls())
        print(f"  target: after / cp -r <= {TARGETS[name]} in wall time (median): {ratio:.2f}, "
              f"{'met' if ratio <= TARGETS[name] else 'not met'}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--after", metavar="CLI", help="the lethe-cli measured (default: BUILD/app/lethe-cli)")
    parser.add_argument("--before", metavar="CLI", help="a lethe-cli to compare it with (for example one built from main)")
    parser.add_argument("--build", default=os.path.join(here, "..", "build"),
                        help="meson build folder, for the data maker and the resave (default: ../build)")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "lethe-bench"),
                        help="outputs and the log (default: $TMPDIR/lethe-bench)")
    parser.add_argument("--data", help="where the generated cases are kept (default: WORK/data)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each variant (default 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="--jobs of lethe-cli and the resave (default: cores)")
    parser.add_argument("--only", default="small,ct", help="generated cases to time: small, ct or none (default small,ct)")
    parser.add_argument("--real", action="append", default=[], metavar="FOLDER", help="a folder of real files to time too")
    parser.add_argument("--callgrind", action="store_true", help="also count instructions of --jobs 1 under callgrind")
    parser.add_argument("--peers", action="store_true", help="also time gdcmanon --dumb and PixelMed, when installed")
    parser.add_argument("--memory", action="store_true", help="also after's peak memory on 400, 2,000 and 20,000 files")
    parser.add_argument("--keep", action="store_true", help="keep the outputs")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="before each run, wait up to this long for other processes to leave "
                             "the cores alone (default 0: do not wait)")
    opts = parser.parse_args()

    build = os.path.abspath(opts.build)
    work = os.path.abspath(opts.work)
    data = os.path.abspath(opts.data or os.path.join(work, "data"))
    after = os.path.abspath(opts.after or os.path.join(build, "app", "lethe-cli"))
    before = os.path.abspath(opts.before) if opts.before else None
    resave = os.path.join(build, "bench", "lethe-bench-resave")
    jobs = opts.jobs
    for tool in (after, before, resave, os.path.join(build, "bench", "lethe-bench-data")):
        if tool is not None and not os.access(tool, os.X_OK):
            die(f"{tool} is missing: build first (ninja -C build)")
    if opts.callgrind and shutil.which("valgrind") is None:
        die("valgrind is missing (Debian package valgrind)")
    use_gdcm = opts.peers and shutil.which("gdcmanon") is not None
    use_pixelmed = opts.peers and os.path.exists(PIXELMED_JAR) and shutil.which("java") is not None
    if opts.peers and not use_gdcm:
        print("bench: gdcmanon not found (Debian package libgdcm-tools): skipped", file=sys.stderr)
    if opts.peers and not use_pixelmed:
        print("bench: PixelMed not found (Debian packages libpixelmed-java pixelmed-apps): skipped", file=sys.stderr)

    cases = []          # (name, folder, exit statuses allowed)
    for name in (d for d in opts.only.split(",") if d and d != "none"):
        if name not in ("small", "ct"):
            die(f"unknown case {name}: small or ct")
        cases.append((name, make_data(build, data, name), (0,)))
    for folder in opts.real:
        if not os.path.isdir(folder):
            die(f"{folder} is not a folder")
        cases.append((os.path.abspath(folder), os.path.abspath(folder), (0, 1)))
    if not cases:
        die("nothing to time: --only small,ct or --real FOLDER")

    os.makedirs(work, exist_ok=True)
    secret = os.path.join(work, "secret")
    redaction = os.path.join(work, "no-redaction.txt")
    open(redaction, "w").close()
    out_root = os.path.join(work, "out")
    shutil.rmtree(out_root, ignore_errors=True)
    os.makedirs(out_root)
    log = open(os.path.join(work, "bench.log"), "w")

    # the secret is made before the timed runs
    subprocess.run([after, "dump", "--secret-file", secret, floors.list_files(cases[0][1])[0]],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def lethe(cli, n):
        return lambda i, o: [cli, "deidentify", "--secret-file", secret, "--jobs", str(n), i, "-o", o]

    print(f"lethe bench: {os.cpu_count()} cores, {opts.runs} runs of each variant in turn, --jobs {jobs}; "
          f"outputs in {out_root} "
          f"({subprocess.run(['stat', '-f', '-c', '%T', work], capture_output=True, text=True).stdout.strip()})")
    print(f"  after:  {after}")
    if before:
        print(f"  before: {before}")

    for name, folder, allowed in cases:
        files = floors.list_files(folder)
        n_bytes = floors.warm(files)
        variants = [Variant(floor, command) for floor, command in
                    zip(FLOORS, (floors.cp_r, floors.cp_r_sync,
                                 lambda i, o: [resave, "--jobs", str(jobs), i, o]))]
        if before:
            variants.append(Variant("before", lethe(before, jobs)))
        variants.append(Variant("after", lethe(after, jobs)))
        if use_gdcm:
            extra = gdcm_arguments(after, secret, files[0])
            variants.append(Variant("gdcmanon --dumb",
                                    lambda i, o, extra=extra: ["gdcmanon", "--dumb", "-r", "--continue",
                                                               "-i", i, "-o", o] + extra))
        if use_pixelmed:
            variants.append(Variant("PixelMed DeidentifyAndRedact",
                                    lambda i, o: ["java", "-cp", PIXELMED_JAR,
                                                  "com.pixelmed.apps.DeidentifyAndRedact", i, o, redaction]))
        case_out = os.path.join(out_root, str(cases.index((name, folder, allowed))))
        loads = [floors.load_text()]
        for run in range(opts.runs):
            for index, v in enumerate(variants):
                out = os.path.join(case_out, f"{index}-{run}")
                os.makedirs(os.path.dirname(out), exist_ok=True)
                if v.name.startswith("PixelMed"):
                    os.makedirs(out)
                print(f"bench: {os.path.basename(name)} run {run + 1}/{opts.runs}: {v.name}", file=sys.stderr)
                run_once(v, folder, out, n_bytes, log, allowed, opts.wait_idle)
        loads.append(floors.load_text())
        print_case(name, len(files), n_bytes, variants, loads)
        if before:
            by_name = {v.name: v for v in variants}
            differ, total = compare_outputs(by_name["before"].last_output, by_name["after"].last_output)
            print(f"  outputs of before and after: {'identical' if differ == 0 else f'{differ} differ'} "
                  f"({total} files)")
        if opts.callgrind:
            counted = [("dcmtk resave, 1 job", lambda i, o: [resave, i, o])]
            if before:
                counted.append(("before", lethe(before, 1)))
            counted.append(("after", lethe(after, 1)))
            counts = {}
            for what, command in counted:
                print(f"bench: {os.path.basename(name)}: callgrind: {what}", file=sys.stderr)
                counts[what] = instructions(command(folder, os.path.join(case_out, f"callgrind-{len(counts)}")), log)
            print("  instructions, --jobs 1 (callgrind):")
            for what, count in counts.items():
                print(f"    {what:<20} {count / 1e9:8.3f} G  ({count / 1e6 / len(files):.2f} M a file)")
            if before:
                print(f"    {'after / before':<20} {counts['after'] / counts['before']:8.3f}")
            print(f"    {'after / resave':<20} {counts['after'] / counts['dcmtk resave, 1 job']:8.3f}")
        if not opts.keep:
            shutil.rmtree(case_out, ignore_errors=True)

    if opts.memory:
        print()
        print(f"Peak memory of after --jobs {jobs}:")
        base = None
        for name in ("small400", "small", "small20k"):
            folder = make_data(build, data, name)
            files = floors.list_files(folder)
            v = Variant("after", lethe(after, jobs))
            run_once(v, folder, os.path.join(out_root, f"memory-{name}"), floors.warm(files), log, (0,), opts.wait_idle)
            peak = v.timings[0].peak
            growth = "" if base is None else \
                f", {(peak - base[1]) / (len(files) - base[0]):.0f} bytes a file more than {base[0]} files"
            print(f"  {len(files):6d} small files: {peak / 2**20:.1f} MB ({v.timings[0].wall:.2f} s{growth})")
            base = base or (len(files), peak)

    print()
    print("others: share of the machine's CPU other processes took during the runs (median):")
    print("the wall times are unreliable when it is not near 0%; the CPU times less so.")
    log.close()
    if not opts.keep:
        shutil.rmtree(out_root, ignore_errors=True)


if __name__ == "__main__":
    main()
