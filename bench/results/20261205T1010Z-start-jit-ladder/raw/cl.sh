#!/bin/bash
o=$1; D=$2
rm -f /tmp/st/cl-x.txt
t0=$(date +%s%N)
SWITCHBOARD_JAVA_OPTS="$o -Xlog:class+load:file=/tmp/st/cl-x.txt:uptime" SWITCHBOARD_CONFIG=/tmp/st/config SWITCHBOARD_DATA=$D SWITCHBOARD_SIP_PORT=25060 SWITCHBOARD_HTTP_PORT=28080 SWITCHBOARD_ADMIN_PASSWORD=bench-only-password /work/main/switchboard --no-build > /dev/null 2>&1 & P=$!
for i in $(seq 1 500); do curl -sf http://127.0.0.1:28080/health >/dev/null 2>&1 && break; sleep 0.02; done
echo "== $o healthy $((($(date +%s%N)-t0)/1000000))"
kill $P; wait $P; while pgrep -f "switchboard.data=$D" >/dev/null; do sleep 0.1; done
grep -E "org.h2.Driver |aQute.launcher.Launcher |org.switchboard.api.*source|org.switchboard.webconsole|ServletContextEvent" /tmp/st/cl-x.txt | awk '{print $1,$2}' | sed -n '1,3p;$p'
grep -m1 "org.apache.felix.scr" /tmp/st/cl-x.txt | awk '{print $1,$2}'
