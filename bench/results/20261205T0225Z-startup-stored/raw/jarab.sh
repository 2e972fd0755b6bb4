#!/usr/bin/env bash
# Alternating start-to-healthy of assemblies in different home directories: jarab.sh dirA dirB ...
set -uo pipefail
ROUNDS=${ROUNDS:-5}
PORT=18080
start() { # $1 home, $2 data
  local t0 t1
  t0=$(date +%s%3N)
  (cd "$1" && SWITCHBOARD_DATA=$2 SWITCHBOARD_HTTP_PORT=$PORT SWITCHBOARD_SIP_PORT=15060 SWITCHBOARD_ADMIN_PASSWORD=bench-only-password ./switchboard --no-build >"$2.out" 2>&1 &)
  for _ in $(seq 1 400); do curl -sf 127.0.0.1:$PORT/health >/dev/null && break; sleep 0.05; done
  t1=$(date +%s%3N)
  echo $((t1 - t0))
  pkill -f "switchboard.data=$2" ; while pgrep -f "switchboard.data=$2" >/dev/null; do sleep 0.2; done
}
for d in "$@"; do rm -rf /tmp/jd-$(basename $d); mkdir -p /tmp/jd-$(basename $d); start $d /tmp/jd-$(basename $d) >/dev/null; start $d /tmp/jd-$(basename $d) >/dev/null; done
for r in $(seq 1 $ROUNDS); do
  line="round $r"
  for d in "$@"; do line="$line $(basename $d)=$(start $d /tmp/jd-$(basename $d))"; done
  echo "$line"
done
