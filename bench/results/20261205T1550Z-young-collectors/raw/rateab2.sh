#!/usr/bin/env bash
# rateab2.sh: bench/sip-rate.sh (10 s per rate) alternating G1 (./switchboard's defaults) and Shenandoah, full output kept
cd /work/main
SH="-XX:+UseShenandoahGC -XX:+UnlockExperimentalVMOptions -XX:ShenandoahUncommitDelay=15000 -XX:ShenandoahGuaranteedGCInterval=15000"
for round in ${ROUNDS:-1 2}; do
for name in g1 shen; do
  if [ $name = shen ]; then export SWITCHBOARD_JAVA_OPTS="$SH"; else export SWITCHBOARD_JAVA_OPTS=""; fi
  echo "=== round $round $name"
  SECONDS_PER_RATE=10 bench/sip-rate.sh 400 800 1200 1600 2000 > /tmp/sb/rate-$name-$round.out 2>&1
  grep -E "^\| [0-9]|highest|recorded" /tmp/sb/rate-$name-$round.out | cut -c1-130
done; done
