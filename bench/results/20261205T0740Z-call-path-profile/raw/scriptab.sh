#!/usr/bin/env bash
# scriptab.sh <script A> <script B> ...: start-to-healthy alternating start scripts, ROUNDS rounds
set -uo pipefail
ROUNDS=${ROUNDS:-5}
PORT=18080
start() { # $1 script, $2 data
  local t0 t1
  t0=$(date +%s%3N)
  (cd /work/main && SWITCHBOARD_DATA=$2 SWITCHBOARD_HTTP_PORT=$PORT SWITCHBOARD_SIP_PORT=15060 SWITCHBOARD_ADMIN_PASSWORD=bench-only-password $1 --no-build >"$2.out" 2>&1 &)
  for _ in $(seq 1 400); do curl -sf 127.0.0.1:$PORT/health >/dev/null && break; sleep 0.05; done
  t1=$(date +%s%3N)
  echo $((t1 - t0))
  pkill -f "switchboard.data=$2" ; while pgrep -f "switchboard.data=$2" >/dev/null; do sleep 0.2; done
}
i=0; for o in "$@"; do i=$((i+1)); rm -rf /tmp/ab-$i; mkdir -p /tmp/ab-$i; start "$o" /tmp/ab-$i >/dev/null; start "$o" /tmp/ab-$i >/dev/null; done
for r in $(seq 1 $ROUNDS); do
  line="round $r"
  i=0; for o in "$@"; do i=$((i+1)); line="$line v$i=$(start "$o" /tmp/ab-$i)"; sleep 1; done
  echo "$line"
done
