# compiles.py comp.json: time in compilations of one start (jfr print --json --events jdk.Compilation), by compiler and package, and C2's top methods
import json, collections, re, sys
ev = json.load(open(sys.argv[1]))['recording']['events']
def dur(s):
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', s); return int(m.group(1) or 0) * 60 + float(m.group(2))
by = collections.Counter(); n = collections.Counter(); lvl = collections.Counter(); meth = collections.Counter()
for e in ev:
    v = e['values']; cls = v['method']['type']['name']; comp = 'C2' if v['compileLevel'] == 4 else 'C1'
    d = dur(v['duration']); lvl[comp] += d
    p = cls.split('/'); key = '/'.join(p[:3]) if p[0] in ('org', 'com', 'ch', 'io', 'gov', 'net') else '/'.join(p[:2])
    by[(comp, key)] += d; n[(comp, key)] += 1
    if comp == 'C2': meth[cls + '.' + v['method']['name']] += d
print('compilations', len(ev), {k: round(v, 2) for k, v in lvl.items()}, '(s of compile time, wall)')
for comp in ('C2', 'C1'):
    print(comp)
    for (c, k), v in sorted(by.items(), key=lambda x: -x[1]):
        if c == comp and v > 0.02: print(f'  {v:6.3f} s {n[(c, k)]:5d}  {k}')
print('C2, top methods')
for k, v in meth.most_common(12): print(f'  {v:6.3f} s  {k}')
