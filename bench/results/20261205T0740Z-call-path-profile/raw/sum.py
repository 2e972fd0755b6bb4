import sys, collections, re
f = sys.argv[1]
by_thread = collections.Counter(); total = 0
frames_incl = collections.Counter()
pat = sys.argv[2] if len(sys.argv) > 2 else None
for line in open(f):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n)
    parts = stack.split(';')
    th = re.sub(r'[-#]?\d+', 'N', parts[0])
    if pat and not re.search(pat, parts[0]): continue
    by_thread[th] += n; total += n
    seen = set()
    for p in parts[1:]:
        if p in seen: continue
        seen.add(p); frames_incl[p] += n
print('total samples', total)
for t, n in by_thread.most_common(15): print(f'{n*2:6d} ms {t}')
print('--- inclusive frames')
for fr, n in frames_incl.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 60): print(f'{n*2:6d} ms {fr[:150]}')
