#!/usr/bin/env python3
# score.py BIN [probes.tsv] [--misses]: route every probe with BIN (carebot flows route --json, customer
# audience) and print, per language, requests for a person heard, crises caught, and the calm look-alikes
# that raised a person or a crisis (false alarms). --misses lists every row read otherwise than expected.
import sys, json, subprocess, collections, os
binp = sys.argv[1]
args = [a for a in sys.argv[2:] if not a.startswith('--')]
path = args[0] if args else os.path.join(os.path.dirname(__file__), 'probes.tsv')
rows = [l.rstrip('\n').split('\t') for i, l in enumerate(open(path, encoding='utf-8')) if i and l.strip()]
def got(d):
    if d.get('crisis'): return 'crisis'
    if d.get('escalate'): return 'person'
    # how to reach the team (the [contact] section): carebot gives the
    # contacts, then offers a person; counted apart from a person asked
    if d.get('contact'): return 'contact'
    return 'calm'
tab, miss = collections.Counter(), []
for lang in ('en', 'fr'):
    rs = [r for r in rows if r[1] == lang]
    res = subprocess.run([binp, 'flows', 'route', '--json', '--lang', lang], input=('\n'.join(r[0] for r in rs) + '\n').encode(), capture_output=True)
    ds = [json.loads(l) for l in res.stdout.decode().splitlines() if l.strip()]
    assert len(ds) == len(rs), (lang, len(ds), len(rs))
    for r, d in zip(rs, ds):
        g = got(d)
        tab[(lang, r[2], g)] += 1
        if g != r[2]: miss.append((r, g))
for lang in ('en', 'fr'):
    n = lambda lab: sum(v for k, v in tab.items() if k[0] == lang and k[1] == lab)
    print(f"{lang}: person {tab[(lang,'person','person')]}/{n('person')} (+{tab[(lang,'person','contact')]} read as contact); crisis {tab[(lang,'crisis','crisis')]}/{n('crisis')}; "
          f"calm false alarms: person {tab[(lang,'calm','person')]}, crisis {tab[(lang,'calm','crisis')]}, contact {tab[(lang,'calm','contact')]} /{n('calm')}; "
          f"person read as crisis {tab[(lang,'person','crisis')]}")
if '--misses' in sys.argv:
    for r, g in miss:
        print(f"MISS {r[1]} want {r[2]:6} got {g:6}: {r[0]}")
