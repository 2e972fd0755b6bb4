import re,statistics,collections,sys
d=collections.defaultdict(list)
for l in open(sys.argv[1]):
    m=re.search(r'round (\d+) (\S+): .*healthy (\d+) ms, cpu (\d+)',l)
    if m: d[m.group(2)].append((int(m.group(3)),int(m.group(4))))
for k,v in d.items(): print(k, len(v), 'median healthy', statistics.median(x for x,_ in v), 'cpu', statistics.median(y for _,y in v), sorted(x for x,_ in v))
