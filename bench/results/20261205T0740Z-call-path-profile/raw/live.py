import sys, collections, re
# live.py <collapsed> : async-profiler alloc,live samples by allocated class, by allocating component, by site (shares
# of the samples: each stands for about the sampling interval's bytes)
f = sys.argv[1]
by_cls = collections.Counter(); by_comp = collections.Counter(); by_site = collections.Counter(); total = 0
for line in open(f):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n)
    parts = stack.split(';')
    total += n
    by_cls[parts[-1]] += n
    comp = 'other'
    for p in parts:
        if p.startswith('org/h2/'): comp = 'h2'; break
        if p.startswith('gov/nist/') or p.startswith('org/switchboard/jainsip'): comp = 'jain-sip'
    if comp == 'other':
        for p in reversed(parts):
            m = re.match(r'(org/switchboard/[a-z]+|ch/qos|org/eclipse|io/prometheus|java/util/concurrent)', p)
            if m: comp = m.group(1); break
    by_comp[comp] += n
    site = [p for p in parts if re.match(r'(org/switchboard|gov/nist|org/h2)', p)]
    by_site[';'.join(site[-2:])[:200] + ' -> ' + parts[-1]] += n
print('samples', total)
for t, c in [('class', by_cls), ('component', by_comp), ('site', by_site)]:
    print('--- by', t)
    for k, n in c.most_common(25): print(f'{n:6d} {100*n/total:5.1f}% {k}')
