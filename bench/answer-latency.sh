#!/usr/bin/env bash
# INVITE -> 200 OK latency at a held rate (run on demand, not a test). Issue 26's goal is a p99 under 10 ms at 400
# calls/s, and what decides it is the steady state: the first minute after a start runs on cold code and a heap
# still sizing itself (the call-rate benchmark's 5 s steps see that). sipp plays the contact center at RATE calls/s
# for HOLD_S seconds against the assembled gateway (the benchmark's hang-up flow), ROUNDS times back to back, then,
# in the same run, against the JAIN-SIP RI alone (bench/RiUas.java, the same stack and properties) and sipp's own
# UAS. The percentiles count the calls of the last WINDOW_S seconds of each hold; so do the CPU and heap per call and
# the young collections of the two JVMs (how many, their mean and longest pause, how often), which are what the
# calls in the tail met.
#
#   bench/answer-latency.sh            RATE=400 HOLD_S=100 WINDOW_S=30 ROUNDS=2
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RATE=${RATE:-400}
HOLD=${HOLD_S:-100}
WINDOW=${WINDOW_S:-30}
ROUNDS=${ROUNDS:-2}
[ "$WINDOW" -lt "$HOLD" ] || { echo "WINDOW_S ($WINDOW) must be shorter than HOLD_S ($HOLD)" >&2; exit 2; }
. "$HOME_DIR/bench/common.sh"

export SWITCHBOARD_JAVA_OPTS="${SWITCHBOARD_JAVA_OPTS:-} -Xlog:gc:file=$WORK/gc-gateway.log:uptime"
start_gateway "$HOME_DIR/bench/workspace.json"
start_ri_uas "-Xlog:gc:file=$WORK/gc-ri.log:uptime"
UAS_PORT=$(free_port)
sipp -sn uas -i 127.0.0.1 -p "$UAS_PORT" -nostdin >/dev/null 2>&1 &
UAS_PID=$!
EXTRA_PIDS+=($UAS_PID)

# uptime_s <pid>: seconds since the process started (a JVM's -Xlog uptime, within a few ms)
uptime_s() {
  awk -v hz="$HZ" -v start="$(awk '{print $22}' "/proc/$1/stat")" '{printf "%.3f", $1 - start / hz}' /proc/uptime
}
# pauses <gc log> <from s> <to s>: "count mean longest every" of the young pauses between two uptimes
pauses() {
  [ -f "$1" ] || { echo "- - - -"; return; }
  grep 'Pause Young' "$1" | awk -F'[][]' -v a="$2" -v b="$3" '{
      t = $2; sub(/s$/, "", t); t += 0
      ms = $NF; sub(/.* /, "", ms); sub(/ms$/, "", ms); ms += 0
      if (t >= a && t <= b) { n++; s += ms; if (ms > m) m = ms; if (n == 1) f = t; l = t }
    } END {
      if (n == 0) print "0 - - -"
      else printf "%d %.1f %.1f %s\n", n, s / n, m, (n > 1 ? sprintf("%.2f", (l - f) / (n - 1)) : "-")
    }'
}

# hold <label> <pid> <gc log|-> <sipp args...>: RATE calls/s for HOLD s; prints
# "ok failed p50 p99 p999 window_calls cpu_ms_per_call kib_per_call pauses mean longest every"
hold() {
  local label=$1 pid=$2 gclog=$3
  shift 3
  local dir="$WORK/$label"
  rm -rf "$dir"
  mkdir -p "$dir"
  (cd "$dir" && timeout $((HOLD + 90)) sipp "$@" -i 127.0.0.1 -p "$(free_port)" -r "$RATE" -m $((RATE * HOLD)) \
    -l $((RATE * 4)) -recv_timeout 10000 -timeout $((HOLD + 60))s -nostdin -trace_stat -fd 1 -trace_rtt \
    -rtt_freq 1 >/dev/null 2>&1) &
  local sp=$!
  sleep $((HOLD - WINDOW))
  local t0 c0 a0="" t1 c1 a1=""
  t0=$(uptime_s "$pid")
  c0=$(cpu_ms "$pid")
  [ "$label" = "${label#gateway}" ] || a0=$(jvm_metric jvm_allocated_bytes_total || true)
  sleep "$WINDOW"
  t1=$(uptime_s "$pid")
  c1=$(cpu_ms "$pid")
  [ "$label" = "${label#gateway}" ] || a1=$(jvm_metric jvm_allocated_bytes_total || true)
  wait "$sp" || true
  local stat rtt ok=0 failed=$((RATE * HOLD)) pct="- - - 0"
  stat=$(ls "$dir"/*_.csv 2>/dev/null | head -n 1)
  rtt=$(ls "$dir"/*_rtt.csv 2>/dev/null | head -n 1)
  [ -z "$stat" ] || read -r ok failed < <(sipp_counts "$stat")
  if [ -n "$rtt" ]; then
    pct=$(awk -F';' -v from=$(((HOLD - WINDOW) * 1000)) 'NR > 1 && $2 != "" && $1 >= from {print $2}' "$rtt" \
      | percentiles %s 0.50 0.99 0.999)
  fi
  local n=${pct##* } kib=-
  [ -z "$a0" ] || [ -z "$a1" ] || kib=$(per_call "$(awk -v a="$a0" -v b="$a1" 'BEGIN{printf "%.0f", b - a}')" "$n" 1024)
  local gc="- - - -"
  [ "$gclog" = - ] || gc=$(pauses "$gclog" "$t0" "$t1")
  keep "$dir" "answer-latency-$label"
  echo "$ok $failed $pct $(per_call $((c1 - c0)) "$n") $kib $gc"
}

printf '\nINVITE->200 OK at %s calls/s held %s s, figures of the last %s s of each hold, UDP on loopback, %s cores\n\n' \
  "$RATE" "$HOLD" "$WINDOW" "$(nproc)"
printf '| side | calls ok / failed (whole hold) | p50 / p99 / p99.9 (ms), last %s s | CPU ms per call | KiB allocated per call | young pauses in the window: count, mean / longest (ms), every (s) |\n' "$WINDOW"
printf '|---|---:|---:|---:|---:|---:|\n'
result answer-latency "side,rate,hold_s,window_s,ok,failed,p50,p99,p999,window_calls,cpu_ms,kib,pauses,pause_mean_ms,pause_max_ms,pause_every_s"
row() {
  local side=$1 ok failed p50 p99 p999 n cpu kib np mean max every
  read -r ok failed p50 p99 p999 n cpu kib np mean max every <<<"$2"
  printf '| %s | %s / %s | %s / %s / %s | %s | %s | %s, %s / %s, %s |\n' "$side" "$ok" "$failed" "$p50" "$p99" "$p999" \
    "$cpu" "$kib" "$np" "$mean" "$max" "$every"
  result answer-latency "$side,$RATE,$HOLD,$WINDOW,$ok,$failed,$p50,$p99,$p999,$n,$cpu,$kib,$np,$mean,$max,$every"
}
for r in $(seq 1 "$ROUNDS"); do
  row "Switchboard (round $r)" "$(hold "gateway-$r" "$JVM_PID" "$WORK/gc-gateway.log" \
    -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 "127.0.0.1:$SIP_PORT")"
done
row "JAIN-SIP RI alone" "$(hold ri "$RI_PID" "$WORK/gc-ri.log" \
  -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 "127.0.0.1:$RI_PORT")"
row "sipp's UAS" "$(hold uas "$UAS_PID" - -sn uac -d 0 -s bench "127.0.0.1:$UAS_PORT")"
keep "$WORK/gc-gateway.log" answer-latency-gc-gateway.log
keep "$WORK/gc-ri.log" answer-latency-gc-ri.log
