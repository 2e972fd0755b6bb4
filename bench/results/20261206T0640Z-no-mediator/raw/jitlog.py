#!/usr/bin/env python3
# jitlog.py LOG [UNTIL_S]: compile time by level and by package (first 2-3 name parts) from -XX:+LogCompilation
import re, sys, collections
log = open(sys.argv[1], errors='replace').read()
until = float(sys.argv[2]) if len(sys.argv) > 2 else 1e9
by_level = collections.Counter(); n_level = collections.Counter()
by_pkg = {3: collections.Counter(), 4: collections.Counter(), 1: collections.Counter(), 2: collections.Counter()}
big = []
for m in re.finditer(r"<task (compile_id='\d+'[^>]*)>(.*?)<task_done([^>]*)/>", log, re.S):
    attrs = dict(re.findall(r"(\w+)='([^']*)'", m.group(1)))
    done = dict(re.findall(r"(\w+)='([^']*)'", m.group(3)))
    st = float(attrs.get('stamp', 0)); en = float(done.get('stamp', st))
    if st > until: continue
    lvl = int(attrs.get('level', 4)) if 'level' in attrs else 4
    d = en - st
    meth = attrs.get('method', '?')
    cls = meth.split(' ')[0]
    parts = cls.split('.')
    pkg = '.'.join(parts[:3]) if len(parts) > 3 else '.'.join(parts[:-1])
    by_level[lvl] += d; n_level[lvl] += 1
    by_pkg.setdefault(lvl, collections.Counter())[pkg] += d
    big.append((d, lvl, meth, attrs.get('bytes')))
for l in sorted(by_level): print(f"level {l}: {n_level[l]} compiles, {by_level[l]:.2f} s")
for l in (4, 3):
    print(f"\nlevel {l} by package (s):")
    for p, d in by_pkg[l].most_common(25): print(f"  {d:6.3f} {p}")
print("\nlongest compiles:")
for d, l, meth, b in sorted(big, reverse=True)[:25]: print(f"  {d:6.3f} L{l} {b} {meth}")
