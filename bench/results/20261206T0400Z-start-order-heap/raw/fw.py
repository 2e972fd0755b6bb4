import collections, json, sys
ev = json.load(open(sys.argv[1]))['recording']['events']
c = collections.Counter(); t = collections.defaultdict(list)
t0 = None
for e in ev:
    v = e['values']
    if (v['sampledThread'].get('javaName') or v['sampledThread'].get('osName')) != 'main': continue
    fr = list(reversed([f['method']['type']['name'] + '.' + f['method']['name'] for f in v['stackTrace']['frames']]))
    if any(x.startswith('org/apache/felix/scr/') for x in fr): continue
    L = [x for x in fr if x.startswith('aQute/launcher/Launcher.')]
    fw = [x for x in fr if x.startswith('org/apache/felix/framework/')]
    key = (L[-1] if L else '-') + ' | ' + (fw[0] if fw else '-') + ' | ' + (fw[-1] if fw else (fr[-1] if fr else '-'))
    c[key] += 1
for k, n in c.most_common(30): print(f"{n*10:6d} ms  {k}")
