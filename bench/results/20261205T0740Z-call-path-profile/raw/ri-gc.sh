#!/usr/bin/env bash
# ri-gc.sh: the JAIN-SIP RI alone (bench/RiUas.java, jars from the assembly in /tmp/ri) with its young GCs logged,
# 20 s of warm-up then 60 s at 400 calls/s; prints the young pauses and INVITE->200 OK percentiles
cd /tmp/ri && rm -f *.csv gc.log
(java -Xmx1g -Xlog:gc*=debug,gc+age=trace:file=/tmp/ri/gc.log:uptime -cp "$(ls /tmp/ri/*.jar | tr '\n' ':')" /work/main/bench/RiUas.java 25080 > /tmp/ri/out.log 2>&1 &)
sleep 3
timeout 120 sipp -sf /work/main/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:25080 -i 127.0.0.1 -p 25090 -r 400 -m 8000 -l 1600 -nostdin >/dev/null 2>&1
timeout 120 sipp -sf /work/main/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:25080 -i 127.0.0.1 -p 25090 -r 400 -m 24000 -l 1600 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 >/dev/null 2>&1
pkill -f RiUas.java
grep -E "Pause Young.*ms$" gc.log | tail -3
awk -F';' 'NR>1 && $2!=""{print $2}' *_rtt.csv | sort -n | awk '{v[NR]=$1} END{print "n",NR,"p50",v[int(NR*.5)],"p95",v[int(NR*.95)],"p99",v[int(NR*.99)], "p99.5", v[int(NR*.995)]}'
