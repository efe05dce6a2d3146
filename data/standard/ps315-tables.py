#!/usr/bin/python3
# ps315-tables.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Convert the DICOM standard's de-identification tables into Lethe's data files.

Lethe never keeps a hand-written list of profile actions: the engine reads the
tables this script writes (compiled in as a GResource).  A new release of the
standard is a data update:

  ps315-tables.py --part15 part15.xml --out data/standard

reads PS3.15 Table E.1-1 (with all option columns) and Table E.3.10-1 (safe
private attributes) straight from the standard's DocBook source and names the
release from the document's own subtitle.  The same tables can also be read from
tab-separated copies (as published in shared/standard/), which is how releases
without a DocBook copy at hand (2026d) are converted:

  ps315-tables.py --e1-1 ps3.15-e1-1.tsv --e3-10-1 safe-private.tsv \
      --release 2026d --cid7050 cid7050.tsv --ps36-supplement ps3.6-supplement.tsv \
      --out data/standard

The Types of the attributes of Table E.1-1 in each storage IOD (PS3.3) come
from a TSV of paths and Types (shared/standard/ps3.3-attribute-types.tsv, made
from dicom3tools' encoding of PS3.3), named by its release:

  ps315-tables.py ... --ps33-types ps3.3-attribute-types.tsv \
      --ps33-release "dicom3tools 2025-07-08 (72beb60)"

Outputs (UTF-8, tab-separated, '#' lines are comments naming the release):
  ps3.15-e1-1.tsv        tag, name, retired, in_std_iod, then the 11 action columns
  ps3.15-e3-10-1.tsv     private_creator, group, element (low byte), vr, vm, meaning
  ps3.16-cid7050.tsv     scheme, code_value, code_meaning
  ps3.6-supplement.tsv   tag, keyword, vr, vm_min, vm_max, retired
  ps3.3-attribute-types.tsv  path, keyword, type, sop_classes (Type 1, 1C, 2 or 2C of
                         an E.1-1 attribute at a path of tags, in these SOP Classes)
  ps3.3-sop-classes.tsv  sop_class_uid, iod (the IOD's name, for the plan's reasons)
Tags are written GGGG,EEEE in upper-case hex; 'x' marks a repeating digit, and
the row for "(gggg,eeee) where gggg is odd" is written as the tag 'private'.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

DOCBOOK = "{http://docbook.org/ns/docbook}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

E11_COLUMNS = ["tag", "name", "retired", "in_std_iod", "basic", "rtn_safe_priv", "rtn_uids",
               "rtn_dev_id", "rtn_inst_id", "rtn_pat_chars", "rtn_long_full_dates",
               "rtn_long_modif_dates", "clean_desc", "clean_struct_cont", "clean_graph"]
# Header label prefixes of the 15 DocBook columns, in the standard's order
# (name first, tag second), used to check that the table still has its shape.
E11_HEADER_PREFIXES = ["Attribute Name", "Tag", "Retd", "In Std", "Basic Prof", "Rtn. Safe Priv",
                       "Rtn. UIDs", "Rtn. Dev. Id", "Rtn. Inst. Id", "Rtn. Pat. Chars",
                       "Rtn. Long. Full Dates", "Rtn. Long. Modif. Dates", "Clean Desc",
                       "Clean Struct. Cont", "Clean Graph"]
ACTIONS = {"", "D", "Z", "X", "K", "C", "U", "Z/D", "X/Z", "X/D", "X/Z/D", "X/Z/U*"}
TAG_RE = re.compile(r"^\(([0-9A-Fa-fx]{4}),([0-9A-Fa-fx]{4})\)$")
PRIVATE_TAG_RE = re.compile(r"^\(([0-9A-Fa-f]{4}),xx([0-9A-Fa-f]{2})\)$")


TYPES = {"1", "1C", "2", "2C"}
# Storage SOP Classes newer than the UID dictionary the names come from
# (pydicom's copy of PS3.6 Table A-1); names from PS3.4 Annex B.
EXTRA_SOP_CLASS_NAMES = {
    "1.2.840.10008.5.1.4.1.1.6.3": "Photoacoustic Image Storage",
    "1.2.840.10008.5.1.4.1.1.66.7": "Label Map Segmentation Storage",
}


class TableError(Exception):
    pass


def cell_text(el):
    text = "".join(el.itertext()).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def normalise_tag(text):
    if text.startswith("(gggg,eeee)") and "odd" in text:
        return "private"
    m = TAG_RE.match(text)
    if not m:
        raise TableError("unrecognised tag %r" % text)
    g, e = m.group(1), m.group(2)
    return "%s,%s" % (g.upper().replace("X", "x"), e.upper().replace("X", "x"))


def find_table(root, table_id):
    for table in root.iter(DOCBOOK + "table"):
        if table.get(XML_ID) == table_id:
            return table
    raise TableError("table %s not found" % table_id)


def body_rows(table, n_columns):
    rows = []
    for tr in table.iter(DOCBOOK + "tr"):
        if tr.find(DOCBOOK + "th") is not None:
            continue
        cells = [cell_text(td) for td in tr.findall(DOCBOOK + "td")]
        if len(cells) != n_columns:
            raise TableError("row with %d cells, expected %d: %r" % (len(cells), n_columns, cells[:2]))
        rows.append(cells)
    return rows


def release_of(root):
    for sub in root.iter(DOCBOOK + "subtitle"):
        m = re.search(r"PS3\.15 (\d{4}[a-z])", cell_text(sub))
        if m:
            return m.group(1)
    raise TableError("no release named in the document subtitle")


def e11_from_xml(root):
    table = find_table(root, "table_E.1-1")
    header = [cell_text(th) for th in table.iter(DOCBOOK + "th")]
    if len(header) != 15 or not all(h.startswith(p) for h, p in zip(header, E11_HEADER_PREFIXES)):
        raise TableError("Table E.1-1 header changed: %r" % header)
    rows = []
    for cells in body_rows(table, 15):
        name, tag = cells[0], cells[1]
        rows.append([tag, name] + cells[2:])
    return rows


def e3101_from_xml(root):
    table = find_table(root, "table_E.3.10-1")
    rows = []
    for tag, creator, vr, vm, meaning in body_rows(table, 5):
        rows.append([creator, tag, vr, vm, meaning])
    return rows


def read_tsv(path, expected_header):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    if header[:len(expected_header)] != expected_header:
        raise TableError("%s: header %r, expected %r" % (path, header, expected_header))
    return [l.split("\t") + [""] * (len(header) - len(l.split("\t"))) for l in lines[1:]]


def check_e11(rows):
    seen = set()
    out = []
    for row in rows:
        tag = normalise_tag(row[0])
        if tag in seen:
            raise TableError("duplicate tag %s" % tag)
        seen.add(tag)
        if row[2] not in ("Y", "N") or row[3] not in ("Y", "N"):
            raise TableError("%s: retired/in-IOD must be Y or N" % tag)
        for a in row[4:15]:
            if a not in ACTIONS:
                raise TableError("%s: unknown action %r" % (tag, a))
        if not row[4]:
            raise TableError("%s: no basic profile action" % tag)
        out.append([tag, row[1]] + row[2:15])
    return out


def check_e3101(rows):
    out = []
    for creator, tag, vr, vm, meaning in (r[:5] for r in rows):
        m = PRIVATE_TAG_RE.match(tag)
        if not m or not creator:
            raise TableError("bad safe private row %r %r" % (creator, tag))
        out.append([creator, m.group(1).upper(), m.group(2).upper(), vr, vm, meaning])
    return out


def parse_vm(vm):
    """'1' -> (1, 1); '1-n' -> (1, 0); '2-2n' -> (2, 0); '' -> (1, 0)."""
    if not vm:
        return 1, 0
    parts = vm.split("-")
    lo = int(re.sub(r"[^0-9]", "", parts[0]) or 1)
    if len(parts) == 1:
        return lo, lo
    hi = parts[1]
    return lo, (0 if "n" in hi else int(hi))


def supplement_rows(rows):
    out = []
    for tag, keyword, _name, vr, vm, retired in (r[:6] for r in rows):
        if not keyword or not vr:
            continue        # retired entries the standard no longer names: nothing to add
        lo, hi = parse_vm(vm)
        out.append([normalise_tag(tag), keyword, vr.split(" ")[0], str(lo), str(hi), retired])
    return out


def attribute_type_rows(rows, e11):
    """Check each path (its last tag a concrete row of E.1-1) and Type; upper-case hex."""
    listed = {r[0] for r in e11}
    out = []
    for path, keyword, type_, classes in (r[:4] for r in rows):
        tags = [normalise_tag("(%s)" % t) for t in path.split("/")]
        if tags[-1] not in listed:
            raise TableError("%s: %s is not a row of Table E.1-1" % (path, tags[-1]))
        if type_ not in TYPES:
            raise TableError("%s: Type %r" % (path, type_))
        uids = classes.split(",")
        if not all(re.match(r"^[0-9]+(\.[0-9]+)+$", u) for u in uids):
            raise TableError("%s: bad SOP Class UID list" % path)
        out.append(["/".join(tags), keyword, type_, ",".join(uids)])
    return out


def sop_class_name(uid):
    """The SOP Class's name in PS3.6 Table A-1 (pydicom's copy), less "Storage"."""
    name = EXTRA_SOP_CLASS_NAMES.get(uid)
    if name is None and uid.startswith("1.2.840.10008."):
        try:
            from pydicom._uid_dict import UID_dictionary
        except ImportError:
            raise TableError("naming the SOP Classes needs pydicom (python3-pydicom)")
        if uid not in UID_dictionary:
            raise TableError("SOP Class %s has no name: add it to EXTRA_SOP_CLASS_NAMES" % uid)
        name = UID_dictionary[uid][0]
    if name is None:
        return "SOP Class %s" % uid     # a class private to the encoding's maker
    return name.replace(" Storage", "")


def sop_class_rows(type_rows):
    """Each SOP Class of the Type table with its IOD's name, for the plan's reasons."""
    uids = {u for r in type_rows for u in r[3].split(",")}
    return [[uid, sop_class_name(uid)] for uid in sorted(uids, key=lambda u: [int(n) for n in u.split(".")])]


def write_table(path, title, release, source, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("# %s\n" % title)
        f.write("# release: %s\n" % release)
        f.write("# source: %s\n" % source)
        f.write("# generated by data/standard/ps315-tables.py from the standard; do not edit by hand\n")
        f.write("\t".join(header) + "\n")
        for row in rows:
            if any("\t" in c or "\n" in c for c in row):
                raise TableError("tab or newline inside a cell: %r" % row)
            f.write("\t".join(row) + "\n")
    os.replace(tmp, path)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--part15", help="PS3.15 DocBook source (part15.xml)")
    ap.add_argument("--e1-1", dest="e11", help="Table E.1-1 as TSV (shared/standard layout)")
    ap.add_argument("--e3-10-1", dest="e3101", help="Table E.3.10-1 as TSV (shared/standard layout)")
    ap.add_argument("--release", help="release of the TSV tables, e.g. 2026d")
    ap.add_argument("--cid7050", help="PS3.16 CID 7050 as TSV")
    ap.add_argument("--cid-release", help="release of the CID 7050 table")
    ap.add_argument("--ps33-types", dest="ps33", help="Types of E.1-1 attributes per path and SOP Class (PS3.3), TSV")
    ap.add_argument("--ps33-release", help="release (encoding) of the PS3.3 Types")
    ap.add_argument("--ps36-supplement", dest="ps36", help="PS3.6 elements missing from dcmtk's dictionary, TSV")
    a = ap.parse_args(argv)

    try:
        if a.part15:
            root = ET.parse(a.part15).getroot()
            release = release_of(root)
            source = "PS3.15 %s DocBook (%s)" % (release, os.path.basename(a.part15))
            e11, e3101 = e11_from_xml(root), e3101_from_xml(root)
        elif a.e11 and a.e3101 and a.release:
            release = a.release
            source = "PS3.15 %s tables as TSV (%s, %s)" % (release, os.path.basename(a.e11), os.path.basename(a.e3101))
            e11 = read_tsv(a.e11, E11_COLUMNS)
            e3101 = read_tsv(a.e3101, ["private_creator", "tag", "vr", "vm", "meaning"])
        else:
            ap.error("give --part15, or --e1-1, --e3-10-1 and --release")

        write_table(os.path.join(a.out, "ps3.15-e1-1.tsv"),
                    "DICOM PS3.15 Table E.1-1 Application Level Confidentiality Profile Attributes",
                    release, source, E11_COLUMNS, check_e11(e11))
        write_table(os.path.join(a.out, "ps3.15-e3-10-1.tsv"),
                    "DICOM PS3.15 Table E.3.10-1 Safe Private Attributes",
                    release, source, ["private_creator", "group", "element", "vr", "vm", "meaning"],
                    check_e3101(e3101))
        if a.cid7050:
            rows = read_tsv(a.cid7050, ["scheme", "code_value", "code_meaning"])
            write_table(os.path.join(a.out, "ps3.16-cid7050.tsv"),
                        "DICOM PS3.16 CID 7050 De-identification Method", a.cid_release or release,
                        os.path.basename(a.cid7050), ["scheme", "code_value", "code_meaning"],
                        [r[:3] for r in rows])
        if a.ps33:
            if not a.ps33_release:
                ap.error("--ps33-types needs --ps33-release")
            rows = attribute_type_rows(read_tsv(a.ps33, ["path", "keyword", "type", "sop_class_uids"]),
                                       check_e11(e11))
            write_table(os.path.join(a.out, "ps3.3-attribute-types.tsv"),
                        "DICOM PS3.3 Types of the attributes of PS3.15 Table E.1-1, per path and SOP Class",
                        a.ps33_release, os.path.basename(a.ps33),
                        ["path", "keyword", "type", "sop_classes"], rows)
            write_table(os.path.join(a.out, "ps3.3-sop-classes.tsv"),
                        "Storage SOP Classes of the PS3.3 Types and their IODs' names",
                        a.ps33_release, os.path.basename(a.ps33) + ", PS3.6 UID names", ["sop_class_uid", "iod"],
                        sop_class_rows(rows))
        if a.ps36:
            rows = read_tsv(a.ps36, ["tag", "keyword", "name", "vr", "vm", "retired"])
            write_table(os.path.join(a.out, "ps3.6-supplement.tsv"),
                        "DICOM PS3.6 data elements newer than dcmtk 3.6.7's dictionary",
                        a.release or release, os.path.basename(a.ps36),
                        ["tag", "keyword", "vr", "vm_min", "vm_max", "retired"], supplement_rows(rows))
    except (TableError, OSError, ET.ParseError) as e:
        print("ps315-tables: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
