import socket, sys, time, re
port=int(sys.argv[1]); did=sys.argv[2]; delays=[float(x) for x in sys.argv[3].split(',')]; ack=sys.argv[4]=="ack" if len(sys.argv)>4 else True
for d in delays:
    s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); lp=s.getsockname()[1]
    i="retx-%d-%s"%(time.time_ns(), d)
    via="Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK%s;rport\r\n"%(lp,i)
    dlg="From: <sip:+14085551212@127.0.0.1>;tag=%s\r\nCall-ID: %s\r\nMax-Forwards: 70\r\nContact: <sip:+14085551212@127.0.0.1:%d>\r\n"%(i,i,lp)
    sdp="v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
    inv="INVITE sip:%s@127.0.0.1:%d SIP/2.0\r\n%s%sTo: <sip:%s@127.0.0.1>\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s"%(did,port,via,dlg,did,len(sdp),sdp)
    s.sendto(inv.encode(),("127.0.0.1",port)); s.settimeout(5)
    got=[]
    while True:
        m=s.recv(65536).decode(); got.append(m.split("\r\n")[0])
        if m.startswith("SIP/2.0 200") and "INVITE" in m.split("CSeq:")[1].split("\r\n")[0]: break
    tag=re.search(r"\r\nTo: [^\r]*;tag=([^;\r]+)",m).group(1)
    to="To: <sip:%s@127.0.0.1>;tag=%s\r\n"%(did,tag)
    if ack: s.sendto(("ACK sip:%s@127.0.0.1:%d SIP/2.0\r\n%s%s%sCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"%(did,port,via.replace(i,i+"a"),dlg,to)).encode(),("127.0.0.1",port))
    time.sleep(d)
    s.sendto(inv.encode(),("127.0.0.1",port))
    s.settimeout(1.5); after=[]
    try:
        while True:
            m=s.recv(65536).decode(); first=m.split("\r\n")[0]; after.append(first+" ("+m.split("CSeq:")[1].split("\r\n")[0].strip()+")")
            if first.startswith("BYE"):
                v=re.search(r"\r\n(Via: [^\r]*)\r\n",m).group(1); 
                resp="SIP/2.0 200 OK\r\n"+ "\r\n".join(l for l in m.split("\r\n") if l.startswith(("Via:","From:","To:","Call-ID:","CSeq:")))+"\r\nContent-Length: 0\r\n\r\n"
                s.sendto(resp.encode(),("127.0.0.1",port))
    except socket.timeout: pass
    print("delay %.2f s: before %s; after the copy: %s"%(d, got, after))
