import sys
for f in sys.argv[1:]:
    rows=[l.strip().split(';') for l in open(f)][1:]
    t0=float(rows[0][0])
    def pct(rs,q):
        v=sorted(float(r[1]) for r in rs); return v[int(len(v)*q)] if v else None
    late=[r for r in rows if float(r[0])-t0>10000]
    print(f, "all p99", pct(rows,.99), "after 10s p99", pct(late,.99), "p99.9", pct(late,.999), ">10ms share after 10s %.2f%%" % (100*sum(float(r[1])>10 for r in late)/len(late)), "first10s >10ms %d" % sum(float(r[1])>10 for r in rows if float(r[0])-t0<=10000))
