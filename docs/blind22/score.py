#!/usr/bin/env python3
# score.py BIN signals.tsv [--half read|held] [--misses]: route every message with BIN (carebot flows route
# --json), by (lang, audience), and score it against its label. --half keeps one half of the rows, split by
# the first byte of the SHA-1 of the text: even is the half the lead read in session 17 ("read"), odd the
# half nobody read ("held").
import sys, json, subprocess, collections, hashlib
binp, path = sys.argv[1], sys.argv[2]
show = '--misses' in sys.argv
half = sys.argv[sys.argv.index('--half') + 1] if '--half' in sys.argv else ''
rows = []
for i, line in enumerate(open(path, encoding='utf-8')):
    if i == 0: continue
    p = line.rstrip('\n').split('\t')
    if len(p) < 4: continue
    odd = hashlib.sha1(p[0].encode()).digest()[0] % 2 == 1
    if (half == 'read' and odd) or (half == 'held' and not odd): continue
    rows.append(p[:4])
groups = collections.defaultdict(list)
for r in rows: groups[(r[1], r[3])].append(r)
out = []
for (lang, aud), rs in groups.items():
    txt = '\n'.join(r[0] for r in rs) + '\n'
    res = subprocess.run([binp, 'flows', 'route', '--json', '--lang', lang, '--audience', aud], input=txt.encode(), capture_output=True)
    ds = [json.loads(l) for l in res.stdout.decode().splitlines() if l.strip()]
    assert len(ds) == len(rs), (lang, aud, len(ds), len(rs))
    for r, d in zip(rs, ds): out.append((r, d))
def got(d, r=None):
    if d.get('crisis'): return 'crisis'
    if d.get('escalate'): return 'person'
    # a colleague's request for a person may reach peer support, which brings one
    if r is not None and r[2] == 'person' and r[3] == 'employee' and d.get('flow') == 'peer_support': return 'person'
    if d.get('distress') or d.get('anger') or d.get('anxiety'): return 'distress'
    return 'calm'
tab = collections.Counter()
for r, d in out:
    tab[(r[1], r[2], got(d, r))] += 1
for lang in ('en', 'fr'):
    n = lambda lab: sum(v for k, v in tab.items() if k[0] == lang and k[1] == lab)
    crisis_caught = tab[(lang, 'crisis', 'crisis')]
    fa = sum(v for k, v in tab.items() if k[0] == lang and k[1] != 'crisis' and k[2] == 'crisis')
    pers = tab[(lang, 'person', 'person')]
    pers_fa = sum(v for k, v in tab.items() if k[0] == lang and k[1] in ('calm', 'distress') and k[2] == 'person')
    dist = tab[(lang, 'distress', 'distress')]
    calm_ok = tab[(lang, 'calm', 'calm')]
    print(f"{lang}: crisis {crisis_caught}/{n('crisis')} (false alarms {fa}/{n('person')+n('distress')+n('calm')}); person {pers}/{n('person')} (wrongly {pers_fa}/{n('distress')+n('calm')}); distress {dist}/{n('distress')}; calm {calm_ok}/{n('calm')}")
if show:
    for r, d in out:
        g = got(d, r)
        if g != r[2]:
            print(f"MISS {r[1]} {r[3][:3]} want {r[2]:8} got {g:8} {d.get('flow','')}: {r[0]}")
