#!/bin/bash
# startab.sh rounds "optsA" "optsB" ...: alternating starts, healthy ms and CPU
R=$1; shift
for r in $(seq 1 $R); do
  for o in "$@"; do
    D=/tmp/st/ab-data
    t0=$(date +%s%N)
    SWITCHBOARD_JAVA_OPTS="$o" SWITCHBOARD_CONFIG=/tmp/st/config SWITCHBOARD_DATA=$D SWITCHBOARD_SIP_PORT=25060 SWITCHBOARD_HTTP_PORT=28080 SWITCHBOARD_ADMIN_PASSWORD=bench-only-password /work/main/switchboard --no-build > /dev/null 2>&1 & P=$!
    for i in $(seq 1 500); do curl -sf http://127.0.0.1:28080/health >/dev/null 2>&1 && break; sleep 0.02; done
    ms=$((($(date +%s%N)-t0)/1000000))
    J=$(pgrep -f "switchboard.data=$D" | head -1)
    read -r ut st < <(awk '{print $14, $15}' /proc/$J/stat)
    echo "[$o] healthy $ms cpu $(( (ut+st)*10 )) ms"
    kill $P; wait $P; while pgrep -f "switchboard.data=$D" >/dev/null; do sleep 0.1; done
  done
done
