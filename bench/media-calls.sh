#!/usr/bin/env bash
# Concurrent media calls (run on demand, not a test). bench/MediaBench.java places N calls over SIP/UDP, each with
# RTP both ways: it sends a quiet tone every 20 ms and receives the far end's stream. Far ends, in the same run:
# the assembled gateway (bench/workspace.json: +15550901 plays a synthesized hold message in a loop, no barge-in)
# and sipp's own UAS echoing RTP (-rtp_echo), the baseline. Prints per call count: calls up, dropped, packets
# lost and late (> 40 ms behind schedule) as received by the caller side, jitter, the share of frames with sound,
# the far end's CPU (share of all cores) and memory per call, and the load generator's own CPU.
#
#   bench/media-calls.sh [calls ...]       default: 100 250 500 1000
#   SECONDS_PER_LEVEL=20 bench/media-calls.sh
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LEVELS=("$@")
[ ${#LEVELS[@]} -gt 0 ] || LEVELS=(100 250 500 1000)
MEASURE=${SECONDS_PER_LEVEL:-20}
. "$HOME_DIR/bench/common.sh"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
start_gateway "$HOME_DIR/bench/workspace.json"

UAS_PORT=$(free_port)
(cd "$WORK" && exec sipp -sn uas -i 127.0.0.1 -p "$UAS_PORT" -mp "$(free_port)" -rtp_echo -nostdin >/dev/null 2>&1) &
UAS_PID=$!
EXTRA_PIDS+=("$UAS_PID")
sleep 1

bench() { # bench <host:port> <did> <calls> <pid> <label>
  java "$HOME_DIR/bench/MediaBench.java" "$1" "$2" "$3" "$MEASURE" "$4" "$5" 2>>"$WORK/bench.err" | tail -n 1
}
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

bench "127.0.0.1:$SIP_PORT" +15550901 50 "$JVM_PID" switchboard >/dev/null # warm-up (JIT, prompt cache)

printf '\nConcurrent media calls, RTP both ways, %s s measured per level after all calls are up, %s cores\n\n' \
  "$MEASURE" "$(nproc)"
printf '| calls | far end | up / dropped | lost (calls) | late | jitter avg / max (ms) | frames with sound | far-end CPU | far-end RSS per call | heap per call | generator CPU |\n'
printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
result media-calls "calls,far_end,up,dropped,lost_pct,calls_with_loss,late_pct,jitter_ms,max_jitter_ms,loud_pct,cpu_pct,rss_per_call_kb,heap_per_call_kb,generator_cpu_pct"
for n in "${LEVELS[@]}"; do
  for side in switchboard sipp-uas; do
    if [ "$side" = switchboard ]; then
      line=$(bench "127.0.0.1:$SIP_PORT" +15550901 "$n" "$JVM_PID" switchboard)
    else
      line=$(bench "127.0.0.1:$UAS_PORT" bench "$n" "$UAS_PID" sipp-uas)
    fi
    [ -n "$line" ] || { echo "| $n | $side | no result (see $WORK/bench.err) |"; continue; }
    if [ "$(field foreign "$line")" != 0 ] || [ "$(field bye_unanswered "$line")" != 0 ]; then
      echo "$side, $n calls: $(field foreign "$line") packets of other streams ignored," \
        "$(field bye_unanswered "$line") BYEs unanswered" >>"$WORK/bench.err"
    fi
    printf '| %s | %s | %s / %s | %s %% (%s) | %s %% | %s / %s | %s %% | %s %% | %s KiB | %s KiB | %s %% |\n' "$n" "$side" \
      "$(field up "$line")" "$(field dropped "$line")" "$(field lost_pct "$line")" "$(field calls_with_loss "$line")" \
      "$(field late_pct "$line")" \
      "$(field jitter_ms "$line")" "$(field max_jitter_ms "$line")" "$(field loud_pct "$line")" \
      "$(field cpu_pct "$line")" "$(field rss_per_call_kb "$line")" "$(field heap_per_call_kb "$line")" \
      "$(field self_cpu_pct "$line")"
    result media-calls "$n,$side,$(field up "$line"),$(field dropped "$line"),$(field lost_pct "$line"),$(field calls_with_loss "$line"),$(field late_pct "$line"),$(field jitter_ms "$line"),$(field max_jitter_ms "$line"),$(field loud_pct "$line"),$(field cpu_pct "$line"),$(field rss_per_call_kb "$line"),$(field heap_per_call_kb "$line"),$(field self_cpu_pct "$line")"
    sleep 3
  done
done
if [ -s "$WORK/bench.err" ]; then
  printf '\nLoad generator messages:\n'
  sort "$WORK/bench.err" | uniq -c | sort -rn | head -n 10
fi
