#!/usr/bin/env bash
# ab.sh ROUNDS "opts A" "opts B" ... : alternating starts (persisted data after first), prints healthy ms per config
HOME_DIR=/work/main
W=/tmp/sb/ab; rm -rf $W; mkdir -p $W; cp -r $HOME_DIR/felix-config $W/config
SIP=$((20000 + RANDOM % 20000)); HTTP=$((SIP+1))
R=$1; shift
declare -A res
one() {
  t0=$(date +%s%N)
  SWITCHBOARD_JAVA_OPTS="$1" SWITCHBOARD_CONFIG=$W/config SWITCHBOARD_DATA=$W/data SWITCHBOARD_SIP_PORT=$SIP SWITCHBOARD_HTTP_PORT=$HTTP SWITCHBOARD_ADMIN_PASSWORD=bench-only-password $HOME_DIR/switchboard --no-build >> $W/out 2>&1 </dev/null &
  GW=$!
  for _ in $(seq 1 600); do curl -sf http://127.0.0.1:$HTTP/health >/dev/null 2>&1 && break; sleep 0.02; done
  ms=$((($(date +%s%N) - t0) / 1000000))
  for _ in $(seq 1 600); do curl -sf http://127.0.0.1:$HTTP/health 2>/dev/null | grep -q ' loading (\| starting (' || break; sleep 0.05; done
  rd=$((($(date +%s%N) - t0) / 1000000))
  sleep 1; kill $GW; wait $GW 2>/dev/null; sleep 0.5
  echo "$ms/$rd"
}
one "" >/dev/null
for r in $(seq 1 $R); do
  i=0
  for o in "$@"; do res[$i]="${res[$i]} $(one "$o")"; i=$((i+1)); done
done
i=0; for o in "$@"; do echo "[$o] ${res[$i]}"; i=$((i+1)); done
