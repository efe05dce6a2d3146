#!/usr/bin/python3
# bench/big-strip.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Measures lethe-cli deidentify on a TIFF whose one strip is a JPEG of
--megabytes MB (a whole NDPI level in one JPEG): over the 64 MB a strip is
read whole, it is streamed, and memory should not grow with it.

The file is made here: SOI, the tables, a comment naming someone, SOS, the
scan's entropy-coded bytes (never FF, a restart marker after each MB: no
decoder needs to read them, the stripper only looks for where the scan
ends), EOI; an Artist tag.  It prints the size, the wall time, the
throughput, the peak RSS (from wait4) and whether the comment and the
Artist are gone.  Inputs and outputs go under --work and are removed at the
end.

Usage: bench/big-strip.py [--build BUILD] [--work DIR] [--megabytes 1100]
"""

import argparse
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time

PLANTED = b'Bartholomew Inchcape'
ARTIST = b'Ysolde Marchbanks'


def segment(marker, payload):
    return b'\xff' + bytes([marker]) + struct.pack('>H', len(payload) + 2) + payload


def make_tiff(path, megabytes):
    width = height = 16384
    head = b'\xff\xd8'
    head += segment(0xDB, b'\x00' + bytes(range(1, 65)))
    head += segment(0xC0, b'\x08' + struct.pack('>HH', height, width) + b'\x03\x01\x22\x00\x02\x11\x00\x03\x11\x00')
    head += segment(0xC4, b'\x00' + bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]) + bytes(range(12)))
    head += segment(0xFE, b'scanned for ' + PLANTED)
    head += segment(0xDA, b'\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00')
    block = bytes((i * 7 + 3) % 255 for i in range(1 << 20))   # never FF
    strip = len(head) + megabytes * (len(block) + 2) + 2
    artist = ARTIST + b'\x00'
    ifd = 8 + strip
    extra = ifd + 2 + 12 * 10 + 4
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 3, extra), (259, 3, 1, 7), (262, 3, 1, 6),
               (273, 4, 1, 8), (277, 3, 1, 3), (278, 4, 1, height), (279, 4, 1, strip),
               (315, 2, len(artist), extra + 6)]
    with open(path, 'wb') as f:
        f.write(b'II*\x00' + struct.pack('<I', ifd) + head)
        for i in range(megabytes):
            f.write(block + bytes([0xFF, 0xD0 + i % 8]))
        f.write(b'\xff\xd9')
        f.write(struct.pack('<H', len(entries)))
        for entry in entries:
            f.write(struct.pack('<HHII', *entry))
        f.write(struct.pack('<I', 0) + struct.pack('<HHH', 8, 8, 8) + artist)


def contains(path, needle):
    overlap = b''
    with open(path, 'rb') as f:
        while True:
            chunk = f.read(1 << 24)
            if not chunk:
                return False
            if needle in overlap + chunk:
                return True
            overlap = chunk[-len(needle):]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--build', default='build')
    parser.add_argument('--work', default=None)
    parser.add_argument('--megabytes', type=int, default=1100)
    args = parser.parse_args()

    cli = os.path.join(args.build, 'app', 'lethe-cli')
    work = tempfile.mkdtemp(prefix='lethe-big-strip-', dir=args.work)
    try:
        source = os.path.join(work, 'in')
        os.mkdir(source)
        tiff = os.path.join(source, 'level.tif')
        make_tiff(tiff, args.megabytes)
        size = os.path.getsize(tiff)
        start = time.monotonic()
        process = subprocess.Popen([cli, 'deidentify', source, '-o', os.path.join(work, 'out')],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit('lethe-cli failed: ' + process.stderr.read().decode())
        outputs = [os.path.join(d, n) for d, _, names in os.walk(os.path.join(work, 'out'))
                   for n in names if n.endswith('.tif')]
        clean = all(not contains(o, PLANTED) and not contains(o, ARTIST) for o in outputs)
        print(f'strip of {size / 1e6:.0f} MB: {wall:.1f} s, {size / 1e6 / wall:.0f} MB/s, '
              f'peak RSS {usage.ru_maxrss / 1024:.1f} MB, '
              f'{len(outputs)} written, comment and Artist {"gone" if clean else "STILL THERE"}; '
              f'load {os.getloadavg()[0]:.1f}')
    finally:
        shutil.rmtree(work)


if __name__ == '__main__':
    main()
