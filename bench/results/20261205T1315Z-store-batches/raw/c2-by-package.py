import re, collections, sys
# c2-by-package.py <LogCompilation file> [until s]: compile time per level, and C2's by package, of tasks begun before `until`
until = float(sys.argv[2]) if len(sys.argv) > 2 else 3.2
cur = None; by = collections.defaultdict(lambda: [0, 0.0]); lv = collections.defaultdict(lambda: [0, 0.0])
for line in open(sys.argv[1], errors='replace'):
    if line.startswith('<task '):
        m = re.search(r"method='([^']*)'", line); L = re.search(r" level='(\d)'", line); s = re.search(r"stamp='([\d.]+)'", line)
        cur = (m.group(1) if m else '?', int(L.group(1)) if L else 4, float(s.group(1)))
    elif line.startswith('<task_done') and cur:
        s = float(re.search(r"stamp='([\d.]+)'", line).group(1))
        meth, L, t0 = cur; cur = None
        if t0 > until: continue
        lv[L][0] += 1; lv[L][1] += s - t0
        if L == 4:
            pkg = '/'.join(meth.split(' ')[0].split('/')[:3])
            by[pkg][0] += 1; by[pkg][1] += s - t0
for L, (n, t) in sorted(lv.items()): print(f'level {L}: {n} methods, {t:.2f} s')
for p, (n, t) in sorted(by.items(), key=lambda x: -x[1][1])[:25]: print(f'{t:6.2f} s {n:4d} {p}')
