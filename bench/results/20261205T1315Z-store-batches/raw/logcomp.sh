#!/bin/bash
# one start with JFR compilation events; dump at healthy
D=/tmp/st/jfr1/data
t0=$(date +%s%N)
SWITCHBOARD_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=/tmp/st/jfr1/comp.log" SWITCHBOARD_CONFIG=/tmp/st/config SWITCHBOARD_DATA=$D SWITCHBOARD_SIP_PORT=25060 SWITCHBOARD_HTTP_PORT=28080 SWITCHBOARD_ADMIN_PASSWORD=bench-only-password /work/main/switchboard --no-build > /tmp/st/jfr1/out.log 2>&1 & P=$!
for i in $(seq 1 500); do curl -sf http://127.0.0.1:28080/health >/dev/null 2>&1 && break; sleep 0.02; done
echo healthy $((($(date +%s%N)-t0)/1000000)) ms
J=$(pgrep -f "switchboard.data=$D" | head -1)
sleep 0.2; jcmd $J VM.uptime
kill $P; wait $P
