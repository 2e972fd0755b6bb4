import sys, collections
# top.py collapsed calls: bytes per call by the innermost org/switchboard frame and the allocated type
f, calls = sys.argv[1], int(sys.argv[2])
by = collections.Counter(); by2 = collections.Counter()
for line in open(f):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n)
    parts = stack.split(';')
    sb = [p for p in parts if p.startswith('org/switchboard/') and 'jainsip' not in p]
    key = sb[-1] if sb else '(none)'
    by[key] += n
    by2[(key, parts[-1])] += n
for k, n in by.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 30): print(f"{n/calls/1024:7.1f} KiB  {k}")
