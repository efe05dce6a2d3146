#!/usr/bin/env python3
# Runs bench-jpeg-redact for 100 and 1000 frames (with and without restart
# markers), then lethe-cli redact on DICOM cines of 100 and 1000 frames,
# printing time per frame and peak RSS of each run.
# Usage: bench/jpeg-redact.py [BUILDDIR]   (default: build)

import os
import resource
import subprocess
import sys
import tempfile
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
bench = os.path.join(build, "bench", "bench-jpeg-redact")
cli = os.path.join(build, "app", "lethe-cli")


def run(args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


for restart in (0, 40):
    for frames in (100, 1000):
        print(f"== bench-jpeg-redact --frames {frames} --restart {restart}")
        print(run([bench, "--frames", str(frames), "--restart", str(restart)]), end="")

with tempfile.TemporaryDirectory() as tmp:
    # each child's peak RSS, measured in a fresh interpreter so that maxima do not mix
    probe = ("import resource, subprocess, sys, time; t = time.monotonic(); "
             "subprocess.run(sys.argv[1:], check=True, capture_output=True); "
             "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    for frames in (100, 1000):
        cine = os.path.join(tmp, f"cine-{frames}.dcm")
        out = os.path.join(tmp, f"redacted-{frames}.dcm")
        run([bench, "--frames", str(frames), "--write-cine", cine])
        seconds, rss = run([sys.executable, "-c", probe, cli, "redact", cine,
                            "--box", "0,0,640,32", "-o", out]).split()
        size = os.path.getsize(cine) / 1048576
        print(f"== lethe-cli redact, {frames} frames ({size:.1f} MiB): "
              f"{float(seconds) * 1000 / frames:.2f} ms/frame (load, redact, save), peak RSS {int(rss) / 1024:.0f} MiB")
