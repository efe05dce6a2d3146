#!/usr/bin/env python3
"""Checks po/POTFILES.in against the tree: every listed file exists, and every
source file with translatable strings is listed.  Prints TAP."""
import os
import re
import sys

root = sys.argv[1]
marks = re.compile(r'\b(?:N?C?_|g_dngettext|ngettext)\s*\(|translatable="yes"|<_?summary>|<_?description>')
with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    listed = [l.strip() for l in f if l.strip() and not l.startswith('#')]

wanted = []
for top in ('app', 'ui', 'engine', 'resources', 'data'):
    for folder, dirs, files in os.walk(os.path.join(root, top)):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(('.c', '.cc', '.h', '.hh', '.ui', '.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                if name.endswith('.desktop.in') or marks.search(f.read()):
                    wanted.append(os.path.relpath(path, root))

problems = ['%s is listed but does not exist' % p for p in listed if not os.path.exists(os.path.join(root, p))]
problems += ['%s has translatable strings but is not listed' % p for p in wanted if p not in listed]
problems += ['POTFILES.in is not sorted'] if listed != sorted(listed) else []
print('1..1')
for p in problems:
    print('# ' + p)
print(('not ok' if problems else 'ok') + ' 1 po/POTFILES.in lists every file with translatable strings')
sys.exit(1 if problems else 0)
