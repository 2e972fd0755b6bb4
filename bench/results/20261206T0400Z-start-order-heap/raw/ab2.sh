#!/usr/bin/env bash
# ab2.sh ROUNDS home... : alternating later starts of ./switchboard in each home dir
R=$1; shift
for r in $(seq 1 $R); do
  for h in "$@"; do
    out=$(IDLE=1 /tmp/sb/starts.sh 1 /tmp/lb/data-$(basename $h) $h 2>&1 | tail -1)
    echo "round $r $(basename $h): $out"
  done
done
