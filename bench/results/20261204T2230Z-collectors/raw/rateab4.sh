#!/usr/bin/env bash
cd /work/main
S="-XX:MaxGCPauseMillis=10"
for i in 1 2; do
  echo "== G1 $i"; SECONDS_PER_RATE=10 bench/sip-rate.sh 400 800 1200 2>&1 | grep -A12 "^| rate\|highest" | grep -v "^$"
  echo "== P10 $i"; SWITCHBOARD_JAVA_OPTS="$S" SECONDS_PER_RATE=10 bench/sip-rate.sh 400 800 1200 2>&1 | grep -A12 "^| rate\|highest" | grep -v "^$"
done
