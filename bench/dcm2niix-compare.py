#!/usr/bin/env python3
# dcm2niix-compare.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Does dcm2niix see the same volumes after de-identification?

For every folder under the given roots that holds files (a series, as the
neurolabusc dcm_qa* repositories lay them out), runs dcm2niix on the folder
and on its de-identified copy (lethe-cli deidentify with the given options)
and compares, for each NIfTI dcm2niix writes: dims, pixdim, qform/sform,
voxel scaling, the voxels themselves, SliceTiming and PhaseEncodingDirection
from the BIDS sidecar, bval and bvec.  Prints one row per series and a summary.

Also looks for the originals' identifying values (names, IDs, institution,
station, dates...: every value dcmdump shows for the attributes below) in
every byte of every de-identified file, which is where a CSA header or a
protocol block that was kept whole would leak them.

Usage:
  bench/dcm2niix-compare.py --cli build/app/lethe-cli --work /tmp/x \
      [--option retain-safe-private --option retain-long-modified-dates]
      [--safe-private FILE] ROOT...

Never run on data you may not copy to --work; nothing is written elsewhere.
"""

import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys

IDENTIFYING = ["PatientName", "PatientID", "PatientBirthDate", "InstitutionName", "InstitutionAddress",
               "InstitutionalDepartmentName", "StationName", "OperatorsName", "ReferringPhysicianName",
               "PerformingPhysicianName", "AccessionNumber", "DeviceSerialNumber", "StudyID",
               "StudyInstanceUID", "SeriesInstanceUID", "FrameOfReferenceUID"]


def series_folders(roots):
    """(folder, its files that may be DICOM), for folders that hold any"""
    for root in roots:
        for folder, _dirs, files in sorted(os.walk(root)):
            candidates = sorted(os.path.join(folder, f) for f in files if not f.startswith(".") and
                                not f.endswith((".xlsx", ".txt", ".md", ".json", ".nii", ".bval", ".bvec", ".sh")))
            if candidates:
                yield folder, candidates


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def convert(dicom_dir, nifti_dir, recursive):
    os.makedirs(nifti_dir, exist_ok=True)
    run(["dcm2niix", "-b", "y", "-ba", "n", "-z", "n", "-d", "9" if recursive else "0", "-f", "%s", "-o", nifti_dir, dicom_dir])
    return {os.path.basename(p)[:-4]: p for p in glob.glob(os.path.join(nifti_dir, "*.nii"))}


def nifti(path):
    with open(path, "rb") as f:
        header = f.read(348)
        vox_offset = struct.unpack_from("<f", header, 108)[0]
        f.seek(int(vox_offset))
        voxels = hashlib.sha256(f.read()).hexdigest()
    return {
        "dims": struct.unpack_from("<8h", header, 40),
        "pixdim": struct.unpack_from("<8f", header, 76)[1:],
        "form": (struct.unpack_from("<2h", header, 252), struct.unpack_from("<6f", header, 256),
                 struct.unpack_from("<12f", header, 280)),
        "scaling": struct.unpack_from("<2f", header, 112),
        "voxels": voxels,
    }


def close(a, b, tol=1e-4):
    if isinstance(a, (tuple, list)):
        return isinstance(b, (tuple, list)) and len(a) == len(b) and all(close(x, y, tol) for x, y in zip(a, b))
    if isinstance(a, float) or isinstance(b, float):
        return abs(a - b) <= tol * max(1.0, abs(a), abs(b))
    return a == b


def numbers(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return [float(x) for x in f.read().split()]


def sidecar(key):
    """reads @key from a BIDS sidecar, None when absent"""
    def read(path):
        if not os.path.exists(path):
            return None
        with open(path) as f:
            return json.load(f).get(key)
    return read


def compare(original, deidentified):
    """{column: 'ok' | 'DIFF' | '-'} for one NIfTI pair"""
    a, b = nifti(original), nifti(deidentified)
    result = {k: "ok" if close(a[k], b[k]) else "DIFF" for k in ("dims", "pixdim", "form", "scaling", "voxels")}
    stem_a, stem_b = original[:-4], deidentified[:-4]
    for column, read, suffix in (("timing", sidecar("SliceTiming"), ".json"), ("pe", sidecar("PhaseEncodingDirection"), ".json"),
                                 ("bval", numbers, ".bval"), ("bvec", numbers, ".bvec")):
        x, y = read(stem_a + suffix), read(stem_b + suffix)
        result[column] = "-" if x is None and y is None else "ok" if x is not None and y is not None and close(x, y) else "DIFF"
    return result


def identifiers(files):
    """The identifying values dcmdump shows in the first files, but those that are
    also the scanner's make or model (a station named after its model), which stay."""
    found = set()
    device = set()
    for path in files[:3]:
        out = run(["dcmdump", "-q", path]).stdout
        for line in out.splitlines():
            m = re.match(r"\s*\([0-9a-f]{4},[0-9a-f]{4}\) \w\w \[([^\]]*)\].*#.*\s(\w+)\s*$", line)
            if m and m.group(2) in ("Manufacturer", "ManufacturerModelName"):
                device.add(m.group(1).strip())
            if m and m.group(2) in IDENTIFYING:
                for value in m.group(1).split("\\"):
                    value = value.strip()
                    # short numbers turn up in pixel data by chance
                    if (len(value) >= 8 or (len(value) >= 4 and not value.isdigit())) and \
                            value.upper() not in ("ANONYMOUS", "ANONYMIZED", "ANON"):
                        found.add(value)
    return found - device


def leaks(values, out_dir):
    hits = set()
    for folder, _dirs, files in os.walk(out_dir):
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read()
            hits.update(v for v in values if v.encode("latin-1", "replace") in data)
    return hits


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--option", action="append", default=[])
    parser.add_argument("--safe-private", help="passed on to lethe-cli deidentify")
    parser.add_argument("roots", nargs="+")
    args = parser.parse_args()

    secret = os.path.join(args.work, "secret")
    columns = ("dims", "pixdim", "form", "scaling", "voxels", "timing", "pe", "bval", "bvec")
    print("%-72s %-5s %s  %s" % ("series", "nii", " ".join("%-7s" % c for c in columns), "result"))
    n_same = n_series = 0
    for i, (folder, files) in enumerate(series_folders(args.roots)):
        work = os.path.join(args.work, "%03d" % i)
        shutil.rmtree(work, ignore_errors=True)
        deid_dir = os.path.join(work, "deid")
        done = run([args.cli, "deidentify", "-j", "2", "--secret-file", secret,
                    *("--option=" + o for o in args.option),
                    *(["--safe-private", args.safe_private] if args.safe_private else []), *files, "-o", deid_dir])
        originals = convert(folder, os.path.join(work, "nii-orig"), False)
        outputs = convert(deid_dir, os.path.join(work, "nii-deid"), True)
        label = os.path.relpath(folder, os.path.dirname(os.path.commonpath(args.roots)))[-72:]
        if not originals:
            print("%-72s no NIfTI from the original; skipped" % label)
            continue
        n_series += 1
        rows = {}
        for name, path in sorted(originals.items()):
            rows[name] = compare(path, outputs[name]) if name in outputs else {c: "GONE" for c in columns}
        extra = sorted(set(outputs) - set(originals))
        merged = {c: ("DIFF" if any(r[c] in ("DIFF", "GONE") for r in rows.values()) else
                      "ok" if any(r[c] == "ok" for r in rows.values()) else "-") for c in columns}
        found = leaks(identifiers(files), deid_dir)
        same = all(v != "DIFF" for v in merged.values()) and not extra and not found
        n_same += same
        note = ("" if done.returncode == 0 else " lethe-cli exit %d" % done.returncode) + \
               (" extra NIfTI: %s" % ",".join(extra) if extra else "") + \
               (" LEAK: %s" % ",".join(repr(v) for v in sorted(found)) if found else "")
        print("%-72s %-5d %s  %s%s" % (label, len(originals), " ".join("%-7s" % merged[c] for c in columns),
                                      "same" if same else "DIFFERENT", note), flush=True)
    print("\n%d of %d series convert the same after de-identification (options: %s)"
          % (n_same, n_series, ", ".join(args.option) or "none"))


if __name__ == "__main__":
    sys.exit(main())
