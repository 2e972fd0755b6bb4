import sys, collections
# sub.py collapsed calls FRAME depth: bytes per call under FRAME, by the next `depth` frames below it, and by type
f, calls, frame = sys.argv[1], int(sys.argv[2]), sys.argv[3]
d = int(sys.argv[4]) if len(sys.argv) > 4 else 1
by = collections.Counter(); ty = collections.Counter()
for line in open(f):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n)
    parts = stack.split(';')
    if frame not in parts: continue
    i = len(parts) - 1 - parts[::-1].index(frame)
    by[' > '.join(parts[i+1:i+1+d])] += n
    ty[parts[-1]] += n
for k, n in by.most_common(15): print(f"{n/calls/1024:7.1f} KiB  {k}")
print('-- by type')
for k, n in ty.most_common(12): print(f"{n/calls/1024:7.1f} KiB  {k}")
