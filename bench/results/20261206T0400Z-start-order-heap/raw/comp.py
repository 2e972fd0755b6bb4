import collections, json, sys
ev = json.load(open(sys.argv[1]))['recording']['events']
c = collections.Counter(); tot = 0
for e in ev:
    v = e['values']
    if (v['sampledThread'].get('javaName') or v['sampledThread'].get('osName')) != 'main': continue
    fr = [f['method']['type']['name'] + '.' + f['method']['name'] for f in v['stackTrace']['frames']]
    fr = list(reversed(fr))  # outermost first
    tot += 1
    scr = [i for i, x in enumerate(fr) if x.startswith('org/apache/felix/scr/')]
    if scr:
        rest = [x for x in fr[scr[-1]+1:] if not x.startswith(('java/', 'jdk/', 'sun/'))]
        key = 'SCR> ' + (rest[0] if rest else 'scr/jdk: ' + (fr[scr[-1]+1] if scr[-1]+1 < len(fr) else fr[scr[-1]]))
    else:
        act = [x for x in fr if 'Activator' in x or x.startswith('org/apache/felix/framework/')]
        key = (act[-1] if act else (fr[-1] if fr else '?'))
        key = 'nonSCR> ' + '/'.join(key.split('/')[:4])
    c[key] += 1
print('main samples', tot)
for k, n in c.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 40): print(f"{n*10:6d} ms  {k}")
