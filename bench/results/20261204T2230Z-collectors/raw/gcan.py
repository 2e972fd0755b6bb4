import sys,re
for f in sys.argv[1:]:
    ev=[]
    for l in open(f):
        m=re.match(r'\[(\d+\.\d+)s\] GC\(\d+\) Pause Young.* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms$',l)
        if m: ev.append((float(m[1]),int(m[2]),int(m[3]),float(m[4])))
    end=ev[-1][0]; w=[e for e in ev if e[0]>end-40]
    ps=sorted(e[3] for e in w)
    surv=[]
    for l in open(f):
        m=re.search(r'Survivor regions: (\d+)->(\d+)',l)
        if m: surv.append(int(m[2]))
    print(f, "pauses",len(w),"median %.1f max %.1f"%(ps[len(ps)//2],ps[-1]), "survivors(last10)",surv[-10:])
