#!/usr/bin/env bash
cd /work/main
for round in 1 2; do
for v in "" "-Xmn600m"; do
  export SWITCHBOARD_JAVA_OPTS="$v"
  out=$(RUNS=3 IDLE_S=30 bench/startup.sh 2>&1 | grep -E "^\|" | tail -1)
  echo "[$v] $out"
done; done
