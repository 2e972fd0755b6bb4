#!/usr/bin/env bash
# One later start of ./switchboard (data from an earlier start, CDS on) under async-profiler in wall-clock mode
# (10 ms), written as JFR with each sample's time; then the wall samples as JSON for timeline.py. $1: output prefix.
set -euo pipefail
AP=${AP:-/tmp/apdl/x/linux-x64/libasyncProfiler.so}
DATA=${DATA:-/tmp/gwdata}
cd /work/main
t0=$(date +%s%3N)
(SWITCHBOARD_JAVA_OPTS="-agentpath:$AP=start,event=wall,interval=10ms,file=$1.jfr,jfr" SWITCHBOARD_DATA=$DATA \
  ./switchboard --no-build >"$1.out" 2>&1 &)
for _ in $(seq 1 300); do curl -sf 127.0.0.1:8080/health >/dev/null && break; sleep 0.05; done
echo "healthy $(($(date +%s%3N) - t0)) ms"
pkill -f switchboard.jar
while pgrep -f switchboard.jar >/dev/null; do sleep 0.2; done
jfr print --json --stack-depth 80 --events profiler.WallClockSample "$1.jfr" >"$1.json"
