#!/usr/bin/env bash
cd /work/main
SH="-XX:+UseShenandoahGC -XX:+UnlockExperimentalVMOptions -XX:ShenandoahUncommitDelay=15000 -XX:ShenandoahGuaranteedGCInterval=15000"
for round in 1 2; do
for v in "$SH" ""; do
  export SWITCHBOARD_JAVA_OPTS="$v"
  echo "=== round $round [${v:0:20}]"
  SECONDS_PER_RATE=10 bench/sip-rate.sh 400 800 1200 1600 2000 2>&1 | grep -E "^\||highest|recorded" 
done; done
