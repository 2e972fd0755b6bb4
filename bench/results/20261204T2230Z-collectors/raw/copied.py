import sys,re
for f in sys.argv[1:]:
    cur={}; rows=[]
    for l in open(f):
        m=re.search(r'\[(\d+\.\d+)s\] GC\((\d+)\) (Eden|Survivor|Old) regions: (\d+)->(\d+)',l)
        if m:
            g=int(m[2]); cur.setdefault(g,{'t':float(m[1])})[m[3]]=(int(m[4]),int(m[5]))
        m=re.search(r'GC\((\d+)\) Pause Young \((Normal|Prepare Mixed|Mixed|Concurrent Start)\).* ([\d.]+)ms$',l)
        if m and int(m[1]) in cur: cur[int(m[1])]['p']=float(m[3]); cur[int(m[1])]['kind']=m[2]
    gs=[v for k,v in sorted(cur.items()) if 'p' in v and 'Eden' in v and v['kind']=='Normal']
    end=gs[-1]['t']; w=[v for v in gs if v['t']>end-35]
    cp=[v['Survivor'][1]+max(0,v['Old'][1]-v['Old'][0]) for v in w]
    ed=[v['Eden'][0] for v in w]
    iv=[(w[i]['t']-w[i-1]['t']) for i in range(1,len(w))]
    ps=sorted(v['p'] for v in w)
    print(f"{f}: n {len(w)} eden {sum(ed)/len(ed):.0f} MB, copied {sum(cp)/len(cp):.1f} MB/GC, every {sum(iv)/len(iv):.2f}s, pause median {ps[len(ps)//2]:.1f} ms, ms per MB copied {sum(v['p'] for v in w)/sum(cp):.2f}")
