#!/usr/bin/python3
# bench/report-leaks.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Looks for the planted identifiers of a synthetic corpus in files that
score.py does not scan: the export report (lethe-report.json, the PDF's
text as pdftotext reads it, the PDF's bytes).  It takes its patterns from
score.py itself (every variant, case and encoding of each planted item, and
the original UIDs), so a report is held to the same standard as the DICOM
output.

Usage: bench/report-leaks.py --score score.py --key key.json FILE...
Exit status: 0 nothing found, 1 something found.
"""

import argparse
import importlib.util
import json
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--score", required=True, help="the corpus' score.py")
    parser.add_argument("--key", required=True, help="the corpus' key.json")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    spec = importlib.util.spec_from_file_location("score", args.score)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    files = json.load(open(args.key))["files"]
    items = {}
    for f in files:
        for item in f["phi"]:
            items.setdefault((item["category"], item["value"]), set()).update(item["variants"])
    for key, variants in score.derived_items(items).items():
        items.setdefault(key, set()).update(variants)
    patterns = [(category, value, score.byte_patterns(sorted(variants))) for (category, value), variants in items.items()]
    uids = sorted({uid for f in files for uid in f["all_original_uids"]})

    found = 0
    for path in args.files:
        data = open(path, "rb").read()
        if path.endswith(".pdf"):
            data += subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=True).stdout
        data = data.lower()
        hits = [(category, value) for category, value, pats in patterns if any(p in data for p in pats)]
        hits += [("uid", uid) for uid in uids if uid.encode() in data]
        found += len(hits)
        print("%s: %d planted items and %d original UIDs looked for, %d found%s"
              % (path, len(patterns), len(uids), len(hits), (": %s" % hits) if hits else ""))
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
