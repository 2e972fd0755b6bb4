# The launcher thread's wall samples in 0.25 s windows from the profile's start: per window, the launcher's phase
# (its methods below main/run/launch) and the first library the sample is in. python3 timeline.py prefix.json
import collections, json, sys
from datetime import datetime

LIBS = (('org/switchboard', 'sb'), ('org/h2', 'h2'), ('org/eclipse/jetty', 'jetty'), ('gov/nist', 'jainsip'),
        ('ch/qos', 'logback'), ('org/apache/felix/scr', 'scr'), ('org/apache/felix/resolver', 'resolver'),
        ('org/apache/felix/framework/cache', 'felix-cache'), ('java/util/zip/Inflater', 'inflate'))

def when(e):
    return datetime.fromisoformat(e['values']['startTime'].replace('Z', '+00:00')).timestamp()

events = json.load(open(sys.argv[1]))['recording']['events']
t0 = min(when(e) for e in events)
rows = collections.defaultdict(collections.Counter)
for e in events:
    v = e['values']
    if (v['sampledThread'].get('javaName') or v['sampledThread'].get('osName')) != 'main':
        continue
    frames = [f['method']['type']['name'] + '.' + f['method']['name'] for f in v['stackTrace']['frames']]
    phase = [x.split('.')[-1] for x in reversed(frames)
             if x.startswith('aQute/launcher/Launcher.') and x.split('.')[-1] not in ('main', 'run', 'launch')]
    key = '/'.join(phase[:3]) or 'no launcher phase'
    lib = next((label for x in frames for prefix, label in LIBS if x.startswith(prefix)), None)
    rows[int((when(e) - t0) / 0.25)][key + (' > ' + lib if lib else '')] += 1
for b in sorted(rows):
    print(f"{b * 0.25:5.2f}s " + ' ;; '.join(f"{n} {k}" for k, n in rows[b].most_common(3)))
