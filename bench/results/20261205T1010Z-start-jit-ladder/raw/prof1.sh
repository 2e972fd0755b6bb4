#!/bin/bash
# cpu profile (collapsed, threads) of one start until healthy
o=$1; D=$2; out=$3
t0=$(date +%s%N)
SWITCHBOARD_JAVA_OPTS="$o -agentpath:/tmp/apdl/linux-x64/libasyncProfiler.so=start,event=cpu,interval=2ms,threads,file=$out.collapsed,collapsed" SWITCHBOARD_CONFIG=/tmp/st/config SWITCHBOARD_DATA=$D SWITCHBOARD_SIP_PORT=25060 SWITCHBOARD_HTTP_PORT=28080 SWITCHBOARD_ADMIN_PASSWORD=bench-only-password /work/main/switchboard --no-build > /dev/null 2>&1 & P=$!
for i in $(seq 1 500); do curl -sf http://127.0.0.1:28080/health >/dev/null 2>&1 && break; sleep 0.02; done
echo "== $o healthy $((($(date +%s%N)-t0)/1000000))"
J=$(pgrep -f "switchboard.data=$D" | head -1)
java -jar /dev/null 2>/dev/null
kill $P; wait $P; while pgrep -f "switchboard.data=$D" >/dev/null; do sleep 0.1; done
