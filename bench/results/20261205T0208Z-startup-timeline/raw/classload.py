# Summarizes -Xlog:class+load:file=cl.log:uptime of one start: per library (first three package names, or the CDS
# archive), the uptime of its first and last class and how many; then the classes loaded in each 0.5 s of uptime.
# python3 classload.py cl.log > classload.txt
import collections, re, sys

first, last, count = {}, {}, collections.Counter()
buckets = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    m = re.match(r'\[(\d+\.\d+)s\] (\S+) source: (.*)', line)
    if not m:
        continue
    t, cls, src = float(m.group(1)), m.group(2), m.group(3)
    key = 'CDS archive' if src.startswith('shared objects file') else '.'.join(cls.split('.')[:3])
    count[key] += 1
    first.setdefault(key, t)
    last[key] = t
    buckets[int(t / 0.5)][key] += 1
print("JVM uptime of the first and last class loaded from each source (15 classes or more), and how many")
for k, _ in sorted(first.items(), key=lambda kv: kv[1]):
    if count[k] >= 15:
        print(f"{first[k]:5.2f} {last[k]:5.2f} {count[k]:5d} {k}")
print("per 0.5 s of uptime: classes loaded, top sources")
for b in sorted(buckets):
    c = buckets[b]
    print(f"{b * 0.5:4.1f}s {sum(c.values()):5d} ", ', '.join(f"{k}:{n}" for k, n in c.most_common(4)))
