import sys,re
def load(f):
    d={}
    for l in open(f):
        m=re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)',l)
        if m: d[m.group(3)]=(int(m.group(1)),int(m.group(2)))
    return d
a=load(sys.argv[1]); b=load(sys.argv[2])
rows=[]
for k in set(a)|set(b):
    ca,ba=a.get(k,(0,0)); cb,bb=b.get(k,(0,0))
    rows.append((ba-bb,ca-cb,k))
rows.sort(reverse=True)
tot=sum(r[0] for r in rows)
print("total extra live bytes under load: %.1f MB"%(tot/1048576))
for r in rows[:int(sys.argv[3]) if len(sys.argv)>3 else 40]:
    print("%10d B %8d  %s"%r)
