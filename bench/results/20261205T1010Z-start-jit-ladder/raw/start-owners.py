import collections, sys, re
keys=['aries/spifly','objectweb/asm','ch/qos/logback','org/h2','eclipse/jetty','gov/nist','org/apache/felix/scr','felix/resolver','org/apache/felix/framework','org/switchboard','fileinstall','configadmin','webconsole','aQute','org/apache/felix','java/util/zip','java/lang/ClassLoader','Interpreter','libjvm']
own=collections.Counter(); tot=0
for l in open(sys.argv[1]):
    st,n=l.rsplit(' ',1); n=int(n); fr=st.split(';')
    if 'Compiler' in fr[0]: continue
    tot+=n
    for f in reversed(fr[1:]):
        k=next((k for k in keys if k in f),None)
        if k: own[k]+=n; break
    else: own['other']+=n
print('non-JIT samples',tot)
for k,v in own.most_common(): print(v,k)
