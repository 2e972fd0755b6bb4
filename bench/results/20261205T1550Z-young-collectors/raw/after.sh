#!/usr/bin/env bash
while pgrep -f rateab2.sh >/dev/null; do sleep 5; done
cd /work/main
SH="-XX:+UseShenandoahGC -XX:+UnlockExperimentalVMOptions -XX:ShenandoahUncommitDelay=15000 -XX:ShenandoahGuaranteedGCInterval=15000"
for v in "-XX:+UseG1GC" "$SH"; do
  export SWITCHBOARD_JAVA_OPTS="$v"
  out=$(RUNS=3 IDLE_S=30 bench/startup.sh 2>&1 | grep -E "^\|" | tail -1)
  echo "[${v:0:20}] $out"
done
export SWITCHBOARD_JAVA_OPTS="$SH"
echo "=== soak 8 min at 400 calls/s, Shenandoah"
SAMPLE_S=10 REPORT_S=60 bench/soak.sh 8 400 2>&1 > /tmp/sb/soak-shen-first.txt
