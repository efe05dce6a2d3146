#!/usr/bin/env python3
# make-word-list.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Compiles the word lists of the name finder (engine/deid/lethe-name-finder.c)
# into one compact file the engine embeds, so that Lethe needs no word list at
# run time:
#
#   make-word-list.py --out words.bin [--dict-dir /usr/share/dict]
#                     [--hunspell-dir /usr/share/hunspell] --allowed allowed.txt
#                     --eponyms eponyms.txt --eponym-heads eponym-heads.txt
#
# Sources (Debian packages that .ci/install-deps installs):
#   wamerican, wbritish  /usr/share/dict/{american,british}-english: a lower-case
#                        entry is an English word; a capitalised one a proper name
#   scowl                /usr/share/dict/scowl/*-proper-names.*, *-upper.*:
#                        proper names; *-abbreviations.*: abbreviations
#   miscfiles            /usr/share/dict/propernames.gz (given names),
#                        connectives.gz (function words)
#   hunspell-en-med      /usr/share/hunspell/en_med_glut.dic, its affixes expanded
#                        with en_US.aff: medical terms; its capitalised entries
#                        are eponyms (kept in a clinical phrase only)
# and the project's own lists in data/words/.
#
# The file: "LWRD", then four little-endian uint32 (version, number of keys,
# number of blocks, blob size), one uint32 offset into the blob per block, and
# the blob.  The keys, in byte order, go in blocks of BLOCK; each key is its
# flags (little-endian uint16), one byte saying how many leading bytes it shares
# with the key before it (0 for the first of a block), the rest of the key and
# a NUL.  A
# lookup finds the block by binary search over the blocks' first keys, then
# reads at most BLOCK keys.  Keys are folded as lethe_text_fold() folds: NFKD,
# marks dropped, lower case, ß → ss and the like; a trailing 's is taken off.

import argparse
import glob
import gzip
import os
import re
import struct
import sys
import unicodedata

BLOCK = 16

WORD = 1          # an English word (written in lower case in the dictionary)
MEDICAL = 2       # a medical term
PROPER = 4        # a proper name: a person or a place
ABBREVIATION = 8  # an abbreviation written in capitals
ALLOWED = 16      # on the project's allow list: always kept
EPONYM = 32       # kept before an eponym head ("Baker cyst")
EPONYM_HEAD = 64  # the noun of a clinical phrase named after a person
GIVEN_NAME = 128  # a given name
CONNECTIVE = 256  # a function word (the, with, by): never part of a name

SPECIAL = {'ß': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o',
           'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'þ': 'th', 'Þ': 'th'}


def fold(text):
    out = []
    for c in text:
        if c in SPECIAL:
            out.append(SPECIAL[c])
            continue
        for d in unicodedata.normalize('NFKD', c):
            if not unicodedata.category(d).startswith('M'):
                out.append(d.lower())
    key = ''.join(out)
    for ending in ("'s", "’s"):
        if key.endswith(ending):
            key = key[:-len(ending)]
    return key


def read_lines(path):
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rt', encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.split('#', 1)[0].strip() if path.endswith('.txt') else line.strip()
            if line:
                yield line


class Affixes:
    """Hunspell prefix and suffix rules (the subset en_US.aff uses)."""

    def __init__(self, path):
        self.rules = {}   # flag -> (kind, cross, [(strip, add, condition)])
        for line in read_lines(path):
            parts = line.split()
            if len(parts) < 4 or parts[0] not in ('PFX', 'SFX'):
                continue
            kind, flag = parts[0], parts[1]
            if flag not in self.rules:
                self.rules[flag] = (kind, parts[2] == 'Y', [])
                continue
            strip = '' if parts[2] == '0' else parts[2]
            add = '' if parts[3] == '0' else parts[3].split('/')[0]
            condition = parts[4] if len(parts) > 4 else '.'
            anchored = ('^' + condition) if kind == 'PFX' else (condition + '$')
            self.rules[flag][2].append((strip, add, re.compile(anchored)))

    def apply(self, word, kind, flag):
        rule = self.rules.get(flag)
        if rule is None or rule[0] != kind:
            return []
        forms = []
        for strip, add, condition in rule[2]:
            if not condition.search(word):
                continue
            if kind == 'SFX' and word.endswith(strip):
                forms.append(word[:len(word) - len(strip)] + add)
            elif kind == 'PFX' and word.startswith(strip):
                forms.append(add + word[len(strip):])
        return forms

    def expand(self, word, flags):
        forms = [word]
        suffixed = []
        for flag in flags:
            suffixed += [(f, self.rules[flag][1]) for f in self.apply(word, 'SFX', flag)]
        forms += [f for f, _ in suffixed]
        for flag in flags:
            forms += self.apply(word, 'PFX', flag)
            if flag in self.rules and self.rules[flag][1]:
                for form, cross in suffixed:
                    if cross:
                        forms += self.apply(form, 'PFX', flag)
        return forms


def is_capitals(entry):
    letters = [c for c in entry if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', required=True)
    parser.add_argument('--dict-dir', default='/usr/share/dict')
    parser.add_argument('--hunspell-dir', default='/usr/share/hunspell')
    parser.add_argument('--allowed', required=True)
    parser.add_argument('--eponyms', required=True)
    parser.add_argument('--eponym-heads', required=True)
    args = parser.parse_args()

    flags = {}

    def add(entry, flag):
        key = fold(entry)
        if key and not any(c.isspace() for c in key):
            flags[key] = flags.get(key, 0) | flag

    def need(path):
        if not os.path.exists(path):
            sys.exit(f'make-word-list.py: {path} is missing: run .ci/install-deps '
                     '(wamerican wbritish scowl miscfiles hunspell-en-med)')
        return path

    def add_entry(entry, lower_flag):
        if entry[0].islower():
            add(entry, lower_flag)
        elif is_capitals(entry):
            add(entry, ABBREVIATION)
        else:
            add(entry, PROPER)

    for name in ('american-english', 'british-english'):
        for entry in read_lines(need(os.path.join(args.dict_dir, name))):
            add_entry(entry, WORD)

    scowl = sorted(glob.glob(os.path.join(need(os.path.join(args.dict_dir, 'scowl')), '*')))
    for path in scowl:
        base = os.path.basename(path)
        if '-proper-names.' in base or '-upper.' in base:
            for entry in read_lines(path):
                add_entry(entry, WORD)
        elif '-abbreviations.' in base:
            for entry in read_lines(path):
                if is_capitals(entry):
                    add(entry, ABBREVIATION)
    for entry in read_lines(need(os.path.join(args.dict_dir, 'propernames.gz'))):
        add(entry, PROPER | GIVEN_NAME)
    for entry in read_lines(need(os.path.join(args.dict_dir, 'connectives.gz'))):
        add(entry, WORD | CONNECTIVE)

    affixes = Affixes(need(os.path.join(args.hunspell_dir, 'en_US.aff')))
    for line in read_lines(need(os.path.join(args.hunspell_dir, 'en_med_glut.dic'))):
        if line[0].isspace() or line.isdigit():
            continue
        word, _, affix_flags = line.partition('/')
        for form in affixes.expand(word, affix_flags):
            if form[0].islower() or form[0].isdigit():
                add(form, MEDICAL)
            elif is_capitals(form):
                add(form, ABBREVIATION)
            else:
                add(form, EPONYM)

    for path, flag in ((args.allowed, ALLOWED), (args.eponyms, EPONYM), (args.eponym_heads, EPONYM_HEAD)):
        for line in read_lines(path):
            for entry in line.split():
                add(entry, flag)

    keys = sorted(flags, key=lambda k: k.encode('utf-8'))
    blob = bytearray()
    blocks = []
    previous = b''
    for i, key in enumerate(keys):
        encoded = key.encode('utf-8')
        shared = 0
        if i % BLOCK == 0:
            blocks.append(len(blob))
        else:
            limit = min(len(previous), len(encoded), 255)
            while shared < limit and previous[shared] == encoded[shared]:
                shared += 1
        blob += struct.pack('<HB', flags[key], shared) + encoded[shared:] + b'\0'
        previous = encoded
    with open(args.out + '.tmp', 'wb') as out:
        out.write(b'LWRD' + struct.pack('<IIII', 1, len(keys), len(blocks), len(blob)))
        out.write(struct.pack(f'<{len(blocks)}I', *blocks))
        out.write(blob)
    os.replace(args.out + '.tmp', args.out)


if __name__ == '__main__':
    main()
