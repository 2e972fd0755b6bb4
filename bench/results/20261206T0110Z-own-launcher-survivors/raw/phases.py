import sys,re,collections
cur={}; rows=[]
for l in open(sys.argv[1]):
    m=re.match(r'\[([\d.]+)s\] GC\((\d+)\)\s+(.*)',l)
    if not m: continue
    t=float(m.group(1)); g=int(m.group(2)); rest=m.group(3)
    if t<60: continue
    d=cur.setdefault(g,{})
    for key in ("Scan Heap Roots (ms)","Object Copy (ms)","Ext Root Scanning (ms)"):
        if rest.startswith(key):
            d[key]=float(re.search(r'Avg:\s*([\d.]+)',rest).group(1))
    if rest.startswith("Scanned Cards"):
        d.setdefault("cards",float(re.search(r'Sum:\s*([\d.]+)',rest).group(1)))
    if rest.startswith("Evacuate Collection Set:"):
        d["evac"]=float(re.search(r'([\d.]+)ms',rest).group(1))
    m2=re.match(r'Desired survivor size (\d+) bytes, new threshold (\d+) \(max threshold (\d+)\)',rest)
    if m2: d["thr"]=int(m2.group(2))
    m3=re.match(r'- age\s+(\d+):\s+(\d+) bytes',rest)
    if m3: d.setdefault("ages",{})[int(m3.group(1))]=int(m3.group(2))
gs=[d for d in cur.values() if "evac" in d]
def mean(k): 
    v=[d[k] for d in gs if k in d]; return sum(v)/len(v) if v else float('nan')
ages=collections.Counter()
for d in gs:
    for a,b in d.get("ages",{}).items(): ages[a]+=b
print("  phases: %d pauses, evac %.1f ms = scan heap roots %.1f + object copy %.1f + ext roots %.1f; cards %.0f; threshold %s; survivors by age (MB/pause): %s" % (len(gs),mean("evac"),mean("Scan Heap Roots (ms)"),mean("Object Copy (ms)"),mean("Ext Root Scanning (ms)"),mean("cards"),
  sorted(collections.Counter(d.get("thr") for d in gs).items(), key=lambda x: str(x)), " ".join("%d:%.1f"%(a,ages[a]/len(gs)/1048576) for a in sorted(ages))))
