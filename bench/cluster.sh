#!/usr/bin/env bash
# Cluster benchmark (run on demand, not a test): the local cluster of cluster/run.sh (PostgreSQL, Kamailio, nodes on
# 127.0.0.2 and 127.0.0.3), once with one node and once with two, in the same run. sipp plays the contact center
# through Kamailio at increasing rates (bench/workspace.json: the bot hangs up at once); per rate it prints the calls
# completed and failed and the CPU seconds each process used. Then, with two nodes, the failover: calls at
# FAILOVER_RATE for 30 s, one node killed (kill -9) after 10 s: how long Kamailio took to take it out, how many calls
# failed, and how many sessions the survivor closed as 'node lost'. On one machine the nodes share its cores: the
# point is the shape (no loss, the spread, the CPU per process), not absolute speed. The nodes' overload limits are
# off, as in bench/sip-rate.sh: what is measured is the cluster, not its configured limits.
#
#   bench/cluster.sh [rate ...]          default rates: 100 200 300 400 600
#   SECONDS_PER_RATE=10 FAILOVER_RATE=50 bench/cluster.sh
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(100 200 300 400 600)
PER_RATE=${SECONDS_PER_RATE:-10}
FAILOVER_RATE=${FAILOVER_RATE:-50}
. "$HOME_DIR/bench/common.sh"
command -v kamailio >/dev/null || { echo "kamailio is required (apt-get install -y kamailio)" >&2; exit 2; }
SCENARIO="$HOME_DIR/bench/sipp/uac-bot-hangup.xml"
DID=+15550900

CL_PID=""
stop_cluster() {
  [ -n "$CL_PID" ] || return 0
  kill -TERM "$CL_PID" 2>/dev/null || true
  wait "$CL_PID" 2>/dev/null || true
  CL_PID=""
}
trap 'stop_cluster; cleanup' EXIT

# start_cluster <label> <nodes>: cluster/run.sh in $WORK/<label> on free ports; sets CL_DIR, PROXY_PORT, PG_PORT
start_cluster() {
  CL_DIR="$WORK/$1"
  PROXY_PORT=$(free_port)
  PG_PORT=$(free_port)
  mkdir -p "$CL_DIR"
  CLUSTER_DIR="$CL_DIR" NODES="$2" PROXY_PORT=$PROXY_PORT PG_PORT=$PG_PORT NODE_SIP_PORT=$(free_port) \
    NODE_HTTP_PORT=$(free_port) WORKSPACE="$HOME_DIR/bench/workspace.json" MAX_CALLS=0 MAX_CALLS_PER_SECOND=0 \
    "$HOME_DIR/cluster/run.sh" >"$CL_DIR.out" 2>&1 &
  CL_PID=$!
  for _ in $(seq 1 900); do
    grep -q "Switchboard cluster running" "$CL_DIR.out" 2>/dev/null && return 0
    kill -0 "$CL_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "the cluster did not start:" >&2
  cat "$CL_DIR.out" >&2
  exit 1
}

# CPU seconds (user + system) of the processes whose command line matches a pattern
cpu_of() {
  local total=0 p t
  for p in $(pgrep -f "$1" || true); do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", t / hz}'
}
cpu_all() {
  local out
  out="$(cpu_of "kamailio.*-Y $CL_DIR/kamailio")"
  for n in node-a node-b; do
    out="$out $(cpu_of "switchboard.data=$CL_DIR/$n/data")"
  done
  echo "$out"
}

# step <label> <rate> <seconds>: prints "ok failed"
step() {
  local dir="$WORK/$1-$2" calls=$(($2 * $3))
  mkdir -p "$dir"
  (cd "$dir" && timeout $(($3 * 4 + 60)) sipp -sf "$SCENARIO" -s "$DID" -i 127.0.0.1 -p "$(free_port)" -r "$2" \
    -m "$calls" -l $(($2 * 4)) -recv_timeout 10000 -timeout $(($3 * 4 + 30))s -nostdin -trace_stat -fd 1 \
    "127.0.0.1:$PROXY_PORT" >/dev/null 2>&1) || true
  local stat ok=0 failed=$calls
  stat=$(ls "$dir"/*_.csv 2>/dev/null | head -n 1)
  if [ -n "$stat" ]; then
    read -r ok failed < <(sipp_counts "$stat")
  fi
  keep "$dir" "cluster-$1-$2"
  echo "$ok $failed"
}

printf '\nCluster through Kamailio, %s s per rate, UDP on loopback, %s cores (nodes and Kamailio share them)\n\n' \
  "$PER_RATE" "$(nproc)"
printf '| nodes | rate (calls/s) | ok / failed | CPU s: Kamailio / node-a / node-b |\n|---:|---:|---:|---:|\n'
result cluster "nodes,rate,ok,failed,cpu_kamailio,cpu_node_a,cpu_node_b"
declare -A BEST
for spec in "1:node-a=127.0.0.2" "2:node-a=127.0.0.2 node-b=127.0.0.3"; do
  n=${spec%%:*}
  start_cluster "nodes$n" "${spec#*:}"
  step "warmup$n" 100 10 >/dev/null
  BEST[$n]=0
  for rate in "${RATES[@]}"; do
    read -r k0 a0 b0 < <(cpu_all)
    read -r ok failed < <(step "nodes$n" "$rate" "$PER_RATE")
    read -r k1 a1 b1 < <(cpu_all)
    cpu=$(awk -v k0="$k0" -v k1="$k1" -v a0="$a0" -v a1="$a1" -v b0="$b0" -v b1="$b1" \
      'BEGIN{printf "%.1f / %.1f / %.1f", k1 - k0, a1 - a0, b1 - b0}')
    printf '| %s | %s | %s / %s | %s |\n' "$n" "$rate" "$ok" "$failed" "$cpu"
    result cluster "$n,$rate,$ok,$failed,$(echo "$cpu" | tr -d ' ' | tr '/' ',')"
    [ "$failed" = 0 ] && [ "$ok" -gt 0 ] && BEST[$n]=$rate
  done
  [ "$n" = 2 ] || stop_cluster
done
printf '\nHighest rate with 0 failed calls: 1 node %s calls/s, 2 nodes %s calls/s' "${BEST[1]}" "${BEST[2]}"
if [ "${BEST[1]}" -gt 0 ]; then
  awk -v a="${BEST[1]}" -v b="${BEST[2]}" 'BEGIN{printf " (ratio %.2f)\n", b / a}'
else
  echo
fi

# failover, on the two-node cluster still running
dir="$WORK/failover"
mkdir -p "$dir"
(cd "$dir" && timeout 200 sipp -sf "$SCENARIO" -s "$DID" -i 127.0.0.1 -p "$(free_port)" -r "$FAILOVER_RATE" \
  -m $((FAILOVER_RATE * 30)) -l $((FAILOVER_RATE * 4)) -recv_timeout 8000 -nostdin -trace_stat -fd 1 \
  "127.0.0.1:$PROXY_PORT" >/dev/null 2>&1) &
SIPP=$!
sleep 10
victim=$(pgrep -f "switchboard.data=$CL_DIR/node-a/data" | head -n 1)
t0=$(date +%s%N)
kill -9 "$victim"
detected=""
for _ in $(seq 1 400); do
  if kamcmd -s "unix:$CL_DIR/kamailio/kamailio_ctl" dispatcher.list 2>/dev/null \
      | awk '/URI: sip:127.0.0.2/{getline; print}' | grep -q "FLAGS: I"; then
    detected=$((($(date +%s%N) - t0) / 1000000))
    break
  fi
  sleep 0.05
done
wait "$SIPP" || true
stat=$(ls "$dir"/*_.csv | head -n 1)
read -r ok failed < <(sipp_counts "$stat")
sleep 12   # node.lost.after.s (10 s) and a heartbeat
psql_run=()
[ "$(id -u)" = 0 ] && psql_run=(runuser -u postgres --)
lost=$("${psql_run[@]}" psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
  "SELECT COUNT(*) FROM sessions WHERE node_id = 'node-a' AND end_reason = 'node lost'" switchboard 2>/dev/null || echo "?")
keep "$dir" cluster-failover
printf '\nFailover at %s calls/s, node-a killed (kill -9) after 10 s of 30:\n\n' "$FAILOVER_RATE"
printf '| Kamailio took node-a out after (ms) | calls ok / failed | sessions closed as node lost by node-b |\n'
printf '|---:|---:|---:|\n| %s | %s / %s | %s |\n' "${detected:-not within 20 s}" "$ok" "$failed" "$lost"
result cluster-failover "rate,detection_ms,ok,failed,node_lost"
result cluster-failover "$FAILOVER_RATE,${detected:-},$ok,$failed,$lost"
stop_cluster
