#!/usr/bin/env bash
# ab.sh N HOME_A HOME_B: alternating later starts (A_OPTS / B_OPTS as SWITCHBOARD_JAVA_OPTS)
N=${1:-6}; HA=${2:-/tmp/wt-old}; HB=${3:-/work/main}
for i in $(seq 1 $N); do
  a=$(IDLE=0 SWITCHBOARD_JAVA_OPTS="${A_OPTS:-}" /tmp/sb/starts.sh 1 /tmp/sbd/A $HA | sed 's/start 1: //')
  b=$(IDLE=0 SWITCHBOARD_JAVA_OPTS="${B_OPTS:-}" /tmp/sb/starts.sh 1 /tmp/sbd/B $HB | sed 's/start 1: //')
  echo "A: $a | B: $b"
done
