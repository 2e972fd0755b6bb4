#!/usr/bin/env bash
# valveab.sh: bench/sip-rate.sh 800-2000 with max.calls.per.second=1000, G1 then Shenandoah
cd /work/main
SH="-XX:+UseShenandoahGC -XX:+UnlockExperimentalVMOptions -XX:ShenandoahUncommitDelay=15000 -XX:ShenandoahGuaranteedGCInterval=15000"
for name in g1 shen; do
  if [ $name = shen ]; then export SWITCHBOARD_JAVA_OPTS="$SH"; else export SWITCHBOARD_JAVA_OPTS=""; fi
  MAX_CALLS_PER_SECOND=1000 SECONDS_PER_RATE=10 bench/sip-rate.sh 400 800 1200 1600 2000 > /tmp/sb/rate-valve-$name.out 2>&1
  echo "=== $name"; grep -E "^\| [0-9]|highest|recorded" /tmp/sb/rate-valve-$name.out | cut -c1-130
done
