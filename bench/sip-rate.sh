#!/usr/bin/env bash
# SIP call-rate benchmark (run on demand, not a test). sipp plays the contact center at increasing rates against
# the assembled gateway, whose flow hangs up at once (bench/workspace.json), and, measured in the same run, against
# two baselines: sipp's own UAS (the loopback floor) and Kamailio as a stateful UAS (bench/kamailio/uas.cfg, 2
# children; skipped when kamailio is not installed). Prints, per rate: calls completed and failed, and INVITE -> 200 OK
# latency percentiles, and what a call cost each side: CPU time per completed call (the process and its children,
# from /proc) and, for the gateway, heap allocated per call (its jvm_allocated_bytes_total); then the highest rate
# each side completed with no failed call, and whether every call the gateway took was recorded in full.
#
#   bench/sip-rate.sh [rate ...]          default rates: 100 200 400 800 1200 1600 2000 3200 (2,000: issue 26's goal)
#   SECONDS_PER_RATE=5 bench/sip-rate.sh  how long each rate runs (after a 10 s warm-up of the gateway)
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(100 200 400 800 1200 1600 2000 3200)
PER_RATE=${SECONDS_PER_RATE:-5}
. "$HOME_DIR/bench/common.sh"
start_gateway "$HOME_DIR/bench/workspace.json"

# sipp's own UAS, the baseline.
UAS_PORT=$(free_port)
sipp -sn uas -i 127.0.0.1 -p "$UAS_PORT" -nostdin >/dev/null 2>&1 &
UAS_PID=$!
EXTRA_PIDS+=($UAS_PID)

# Kamailio as a stateful UAS, the second baseline.
KAM_PORT=""
if command -v kamailio >/dev/null; then
  KAM_PORT=$(free_port)
  mkdir -p "$WORK/kamailio"
  kamailio -DD -E -f "$HOME_DIR/bench/kamailio/uas.cfg" -Y "$WORK/kamailio" -P "$WORK/kamailio/kamailio.pid" \
    -A "LISTEN_UDP=udp:127.0.0.1:$KAM_PORT" >"$WORK/kamailio/kamailio.log" 2>&1 &
  KAM_PID=$!
  EXTRA_PIDS+=($KAM_PID)
  sleep 1
else
  echo "kamailio is not installed (apt-get install -y kamailio): its baseline is skipped" >&2
fi

# The JAIN-SIP RI alone as a UAS, the third baseline, from the jars the assembly runs.
start_ri_uas

# run <label> <rate> <sipp args...>: prints "ok failed p50 p95 p99"
run() {
  local label=$1 rate=$2
  shift 2
  local dir="$WORK/$label-$rate" calls=$((rate * PER_RATE))
  mkdir -p "$dir"
  (cd "$dir" && timeout $((PER_RATE * 4 + 60)) sipp "$@" -i 127.0.0.1 -p "$(free_port)" -r "$rate" -m "$calls" \
    -l $((rate * 4)) -recv_timeout 10000 -timeout $((PER_RATE * 4 + 30))s -nostdin -trace_stat -fd 1 \
    -trace_rtt -rtt_freq 1 >/dev/null 2>&1) || true
  local stat rtt
  stat=$(ls "$dir"/*_.csv 2>/dev/null | head -n 1)
  rtt=$(ls "$dir"/*_rtt.csv 2>/dev/null | head -n 1)
  local ok=0 failed=$calls
  if [ -n "$stat" ]; then
    read -r ok failed < <(sipp_counts "$stat")
  fi
  local pct="- - -"
  if [ -n "$rtt" ]; then
    pct=$(awk -F';' 'NR>1 && $2!=""{print $2}' "$rtt" | percentiles %.1f 0.50 0.95 0.99)
    pct=${pct% *}
  fi
  echo "$ok $failed $pct"
}

# JIT warm-up of the gateway and of the RI alone (not reported): 10 s at 200 calls/s each.
PER_RATE=10 run warmup 200 -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 "127.0.0.1:$SIP_PORT" >/dev/null
PER_RATE=10 run warmup-ri 200 -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 "127.0.0.1:$RI_PORT" >/dev/null

printf '\nSIP call rate, %s s per rate, UDP on loopback, %s cores\n\n' "$PER_RATE" "$(nproc)"
printf '| rate (calls/s) | Switchboard ok / failed | INVITE->200 p50 / p95 / p99 (ms) | sipp UAS ok / failed | p50 / p95 / p99 (ms) | Kamailio UAS ok / failed | p50 / p95 / p99 (ms) | JAIN-SIP RI alone ok / failed | p50 / p95 / p99 (ms) | CPU ms per call: Switchboard / sipp UAS / Kamailio / RI alone | Switchboard KiB allocated per call |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
result sip-rate "rate,gw_ok,gw_failed,gw_cps,gw_p50,gw_p95,gw_p99,uas_ok,uas_failed,uas_cps,uas_p50,uas_p95,uas_p99,kam_ok,kam_failed,kam_cps,kam_p50,kam_p95,kam_p99,gw_cpu_ms,uas_cpu_ms,kam_cpu_ms,gw_kib,ri_ok,ri_failed,ri_cps,ri_p50,ri_p95,ri_p99,ri_cpu_ms"
best_gw=0
best_uas=0
best_kam=0
best_ri=0
for rate in "${RATES[@]}"; do
  c0=$(cpu_ms "$JVM_PID")
  a0=$(jvm_metric jvm_allocated_bytes_total || true)
  read -r gok gfail g50 g95 g99 < <(run gateway "$rate" -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 \
    "127.0.0.1:$SIP_PORT")
  gcpu=$(per_call $(($(cpu_ms "$JVM_PID") - c0)) "$gok")
  a1=$(jvm_metric jvm_allocated_bytes_total || true)
  gkib=-
  [ -z "$a0" ] || [ -z "$a1" ] || gkib=$(per_call "$(awk -v a="$a0" -v b="$a1" 'BEGIN{printf "%.0f", b - a}')" "$gok" 1024)
  c0=$(cpu_ms "$UAS_PID")
  read -r uok ufail u50 u95 u99 < <(run uas "$rate" -sn uac -d 0 -s bench "127.0.0.1:$UAS_PORT")
  ucpu=$(per_call $(($(cpu_ms "$UAS_PID") - c0)) "$uok")
  kok=- kfail=- k50=- k95=- k99=- kcpu=-
  if [ -n "$KAM_PORT" ]; then
    c0=$(cpu_ms "$KAM_PID")
    read -r kok kfail k50 k95 k99 < <(run kamailio "$rate" -sn uac -d 0 -s bench "127.0.0.1:$KAM_PORT")
    kcpu=$(per_call $(($(cpu_ms "$KAM_PID") - c0)) "$kok")
    keep "$WORK/kamailio-$rate" "sip-rate-kamailio-$rate"
    [ "$kfail" = 0 ] && [ "$kok" -gt 0 ] && best_kam=$rate
  fi
  c0=$(cpu_ms "$RI_PID")
  read -r rok rfail r50 r95 r99 < <(run ri "$rate" -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 \
    "127.0.0.1:$RI_PORT")
  rcpu=$(per_call $(($(cpu_ms "$RI_PID") - c0)) "$rok")
  keep "$WORK/ri-$rate" "sip-rate-ri-$rate"
  [ "$rfail" = 0 ] && [ "$rok" -gt 0 ] && best_ri=$rate
  printf '| %s | %s / %s | %s / %s / %s | %s / %s | %s / %s / %s | %s / %s | %s / %s / %s | %s / %s | %s / %s / %s | %s / %s / %s / %s | %s |\n' \
    "$rate" "$gok" "$gfail" "$g50" "$g95" "$g99" "$uok" "$ufail" "$u50" "$u95" "$u99" "$kok" "$kfail" "$k50" "$k95" \
    "$k99" "$rok" "$rfail" "$r50" "$r95" "$r99" "$gcpu" "$ucpu" "$kcpu" "$rcpu" "$gkib"
  kcps=-
  [ "$kok" = - ] || kcps=$((kok / PER_RATE))
  result sip-rate "$rate,$gok,$gfail,$((gok / PER_RATE)),$g50,$g95,$g99,$uok,$ufail,$((uok / PER_RATE)),$u50,$u95,$u99,$kok,$kfail,$kcps,$k50,$k95,$k99,$gcpu,$ucpu,$kcpu,$gkib,$rok,$rfail,$((rok / PER_RATE)),$r50,$r95,$r99,$rcpu"
  keep "$WORK/gateway-$rate" "sip-rate-gateway-$rate"
  keep "$WORK/uas-$rate" "sip-rate-uas-$rate"
  [ "$gfail" = 0 ] && [ "$gok" -gt 0 ] && best_gw=$rate
  [ "$ufail" = 0 ] && [ "$uok" -gt 0 ] && best_uas=$rate
done
printf '\nHighest rate with 0 failed calls: Switchboard %s calls/s, sipp UAS %s calls/s' "$best_gw" "$best_uas"
if [ "$best_uas" -gt 0 ]; then
  awk -v g="$best_gw" -v u="$best_uas" 'BEGIN{printf " (ratio %.2f)", g/u}'
fi
if [ -n "$KAM_PORT" ]; then
  printf ', Kamailio UAS %s calls/s' "$best_kam"
  [ "$best_kam" -gt 0 ] && awk -v g="$best_gw" -v k="$best_kam" 'BEGIN{printf " (ratio %.2f)", g/k}'
fi
printf ', JAIN-SIP RI alone %s calls/s' "$best_ri"
[ "$best_ri" -gt 0 ] && awk -v g="$best_gw" -v r="$best_ri" 'BEGIN{printf " (ratio %.2f)", g/r}'
echo
# Every call recorded in full: once the recorder's queue has drained and no call is in progress, every call the
# gateway started has ended (a call's end is its last record), and no record was dropped or refused by the store.
for _ in $(seq 1 600); do
  [ "$(metric_sum switchboard_recorder_queue_depth)" = 0 ] && [ "$(metric_sum switchboard_calls_active)" = 0 ] && break
  sleep 0.1
done
started=$(metric_sum switchboard_calls_started_total)
ended=$(metric_sum switchboard_calls_total)
dropped=$(metric_sum switchboard_recorder_dropped_total)
refused=$(metric_sum switchboard_recorder_failed_total)
queued=$(metric_sum switchboard_recorder_queue_depth)
full=no
[ "$started" = "$ended" ] && [ "$dropped" = 0 ] && [ "$refused" = 0 ] && [ "$queued" = 0 ] && full=yes
printf 'Every call recorded in full (warm-up included): %s (calls started %s, ended %s; records written %s, dropped %s, refused by the store %s, still queued %s)\n' \
  "$full" "$started" "$ended" "$(metric_sum switchboard_recorder_records_total)" "$dropped" "$refused" "$queued"
printf 'Gateway resident memory after the run: %s MiB\n' "$(rss_mib "$JVM_PID")"
result sip-rate-best "gateway,uas,kamailio,recorded_in_full,ri"
result sip-rate-best "$best_gw,$best_uas,$best_kam,$full,$best_ri"
