#!/usr/bin/env bash
# ab.sh ROUNDS variant... ; variant = config dir name (or "cur")
R=$1; shift
for r in $(seq 1 $R); do
  for v in "$@"; do
    if [ "$v" = cur ]; then unset SWITCHBOARD_CONFIG; else export SWITCHBOARD_CONFIG=/tmp/lb/$v; fi
    out=$(IDLE=1 /tmp/sb/starts.sh 1 /tmp/lb/data-$v 2>&1 | tail -1)
    echo "round $r $v: $out"
  done
done
