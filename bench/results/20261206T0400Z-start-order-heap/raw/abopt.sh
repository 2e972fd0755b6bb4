#!/usr/bin/env bash
# abopt.sh ROUNDS "opts1" "opts2" ... ("-" for none): alternating later starts of /work/main's jar
R=$1; shift
for r in $(seq 1 $R); do
  i=0
  for o in "$@"; do
    i=$((i+1))
    if [ "$o" = - ]; then unset SWITCHBOARD_JAVA_OPTS; else export SWITCHBOARD_JAVA_OPTS="$o"; fi
    out=$(IDLE=1 /tmp/sb/starts.sh 1 /tmp/lb/data-cur /work/main 2>&1 | tail -1)
    echo "round $r v$i: $out"
  done
done
