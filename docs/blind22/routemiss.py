#!/usr/bin/env python3
# routemiss.py BIN routing.tsv [--half read|held]: print the rows whose category (or a request for a person,
# escalate_human) differs from the label, then the accuracy per language. --half as in score.py.
import sys, json, subprocess, hashlib, collections
binp, path = sys.argv[1], sys.argv[2]
half = sys.argv[sys.argv.index('--half') + 1] if '--half' in sys.argv else ''
rows = []
for r in [l.rstrip('\n').split('\t') for l in open(path, encoding='utf-8')][1:]:
    odd = hashlib.sha1(r[0].encode()).digest()[0] % 2 == 1
    if (half == 'read' and odd) or (half == 'held' and not odd): continue
    rows.append(r)
right, total = collections.Counter(), collections.Counter()
by = {}
for r in rows: by.setdefault(r[1], []).append(r)
for lang, rs in by.items():
    res = subprocess.run([binp, 'flows', 'route', '--json', '--lang', lang], input=('\n'.join(r[0] for r in rs) + '\n').encode(), capture_output=True)
    for r, l in zip(rs, res.stdout.decode().splitlines()):
        d = json.loads(l)
        cat = 'escalate_human' if d.get('escalate') else d['category']
        total[lang] += 1
        right[lang] += cat == r[2]
        if cat != r[2]:
            print(f"{lang} want {r[2]:17} got {cat:17} {d.get('flow',''):14} {d['confidence']:.2f} {r[0]}")
for lang in sorted(total):
    print(f"{lang}: {right[lang]}/{total[lang]} right ({right[lang]/total[lang]:.3f})")
