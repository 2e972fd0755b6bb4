#!/usr/bin/env bash
# Soak (run on demand, not a test): sipp calls the assembled gateway at a steady rate for a long time
# (bench/workspace.json's +15550900: answered, the bot hangs up at once) while the gateway's heap, resident memory,
# threads and calls in progress are sampled every SAMPLE_S seconds. The heap is also measured after a full GC (jcmd)
# once warmed up and at the end, so a leak shows as a growing floor, not as the collector's sawtooth. Prints the
# calls completed and failed, one row per REPORT_S of the samples (the heap's lowest and highest in that span) and
# the heap after GC at the start and the end.
#
#   bench/soak.sh [minutes] [rate]      default: 30 minutes at 200 calls/s
#   SAMPLE_S=10 REPORT_S=300 bench/soak.sh 30 400   (REPORT_S default: a tenth of the soak, at least 60 s)
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MINUTES=${1:-30}
RATE=${2:-200}
SAMPLE=${SAMPLE_S:-10}
REPORT=${REPORT_S:-$((MINUTES * 10 < 60 ? 60 : MINUTES * 10))}
. "$HOME_DIR/bench/common.sh"
start_gateway "$HOME_DIR/bench/workspace.json"
SECONDS_TOTAL=$((MINUTES * 60))
mib() { awk -v b="$1" 'BEGIN{ if (b == "") print ""; else printf "%.1f", b / 1048576 }'; }
# wait (at most 5 minutes) until no call is in progress and no call record waits, so the heap measured after it
# holds what stays, not the records of the last seconds' calls still on their way to the database
quiet() {
  local i
  for i in $(seq 1 300); do
    [ "$(jvm_metric switchboard_calls_active)" = "0" ] && [ "$(jvm_metric switchboard_recorder_queue_depth)" = "0" ] \
      && { echo "$i"; return; }
    sleep 1
  done
  echo "timeout"
}
gc_heap() {
  jcmd "$JVM_PID" GC.run >/dev/null 2>&1 || true
  sleep 1
  mib "$(jvm_metric jvm_memory_used_bytes 'area="heap"')"
}

# warm-up (WARMUP_S, default 120 s): half of it at half the soak rate, then half at the soak rate, so the JIT has
# compiled the call path before the measured run; then the heap after GC is the starting floor. On 2 cores the one
# C2 compiler thread needs about two minutes of calls to compile JAIN-SIP's parsers and the store's writes (JFR of a
# 20 s warm-up: C2 at 50-75 % of a core through the first two minutes of the soak, and thousands of calls failed).
WARMUP=${WARMUP_S:-120}
warm() { # rate seconds
  (cd "$WORK" && timeout $(($2 + 120)) sipp -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 -i 127.0.0.1 \
    -p "$(free_port)" -r "$1" -m $(($1 * $2)) -l $(($1 * 4)) -nostdin -trace_stat -stf "$WORK/warm-$1.csv" \
    "127.0.0.1:$SIP_PORT" >/dev/null 2>&1) || true
}
warm $((RATE / 2)) $((WARMUP / 2))
warm "$RATE" $((WARMUP / 2))
quiet_start=$(quiet)
heap_start=$(gc_heap)
# the live objects (a full GC first) by class: the 20 largest and the total
histogram() { jcmd "$JVM_PID" GC.class_histogram 2>/dev/null | sed -n '1,23p;$p'; }
live_mib() { awk '/^Total/ {printf "%.1f", $3 / 1048576}' "$1"; }
histogram >"$WORK/histogram-start.txt"

DIR="$WORK/soak"
mkdir -p "$DIR"
(cd "$DIR" && exec timeout $((SECONDS_TOTAL + 120)) sipp -sf "$HOME_DIR/bench/sipp/uac-bot-hangup.xml" -s +15550900 \
  -i 127.0.0.1 -p "$(free_port)" -r "$RATE" -m $((RATE * SECONDS_TOTAL)) -l $((RATE * 4)) -recv_timeout 10000 \
  -nostdin -trace_stat -fd 10 "127.0.0.1:$SIP_PORT" >/dev/null 2>&1) &
SIPP_PID=$!
EXTRA_PIDS+=("$SIPP_PID")
CSV="$WORK/soak.csv"
echo "seconds,heap_used_mib,heap_committed_mib,rss_mib,threads,calls_active,recorder_queue" >"$CSV"
t0=$(date +%s)
while kill -0 "$SIPP_PID" 2>/dev/null; do
  now=$(($(date +%s) - t0))
  echo "$now,$(mib "$(jvm_metric jvm_memory_used_bytes 'area="heap"')"),$(mib "$(jvm_metric jvm_memory_committed_bytes 'area="heap"')"),$(rss_mib "$JVM_PID"),$(jvm_metric jvm_threads_live),$(jvm_metric switchboard_calls_active),$(jvm_metric switchboard_recorder_queue_depth)" >>"$CSV"
  sleep "$SAMPLE"
done
wait "$SIPP_PID" || true
quiet_end=$(quiet)
heap_end=$(gc_heap)
histogram >"$WORK/histogram-end.txt"
ok=0
failed=?
stat=$(ls "$DIR"/*_.csv 2>/dev/null | head -n 1)
if [ -n "$stat" ]; then
  read -r ok failed < <(sipp_counts "$stat")
fi

printf '\nSoak, %s min at %s calls/s (bot hangs up at once), UDP on loopback, %s cores\n\n' "$MINUTES" "$RATE" "$(nproc)"
printf 'Calls completed %s, failed %s. Heap after a full GC: %s MiB after warm-up, %s MiB at the end; live objects\n' \
  "$ok" "$failed" "$heap_start" "$heap_end"
printf '(class histogram total, which counts nothing allocated after the collection): %s MiB after warm-up, %s MiB at the end.\n' \
  "$(live_mib "$WORK/histogram-start.txt")" "$(live_mib "$WORK/histogram-end.txt")"
warm_ok=0; warm_failed=0
for f in "$WORK"/warm-*.csv; do
  [ -f "$f" ] && read -r a b < <(sipp_counts "$f") && warm_ok=$((warm_ok + a)) && warm_failed=$((warm_failed + b))
done
printf 'Warm-up (%s s, not counted above): %s calls completed, %s failed.\n' "$WARMUP" "$warm_ok" "$warm_failed"
printf 'Both measured once no call was in progress and no record waited (after %s s and %s s).\n\n' "$quiet_start" "$quiet_end"
printf '| minutes | heap used, lowest / highest (MiB) | heap committed (MiB) | RSS (MiB) | threads | calls in progress, highest | call records queued, highest |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
awk -F, -v span="$REPORT" 'NR > 1 && $2 != "" {
    b = int($1 / span); if (!(b in lo) || $2 < lo[b]) lo[b] = $2; if ($2 > hi[b]) hi[b] = $2
    com[b] = $3; rss[b] = $4; thr[b] = $5; if ($6 + 0 >= act[b] + 0) act[b] = $6; if ($7 + 0 >= rq[b] + 0) rq[b] = $7; last = b
  } END { for (b = 0; b <= last; b++) if (b in lo)
    printf "| %.1f-%.1f | %s / %s | %s | %s | %s | %s | %s |\n", b * span / 60, (b + 1) * span / 60, lo[b], hi[b], com[b], rss[b], thr[b], act[b], rq[b] }' "$CSV"
printf '\nLargest classes on the heap after a full GC (jcmd GC.class_histogram):\n\n| after warm-up | at the end |\n|---|---|\n'
paste -d'|' <(sed -n '4,23p' "$WORK/histogram-start.txt" | awk '{printf " %s %.1f MiB \n", $4, $3/1048576}') \
  <(sed -n '4,23p' "$WORK/histogram-end.txt" | awk '{printf " %s %.1f MiB \n", $4, $3/1048576}') | sed 's/^/|/; s/$/|/'
result soak-summary "minutes,rate,ok,failed,heap_after_gc_start_mib,heap_after_gc_end_mib"
result soak-summary "$MINUTES,$RATE,$ok,$failed,$heap_start,$heap_end"
if [ -n "${RESULTS_DIR:-}" ]; then
  awk -F, 'NR == 1 {print $0 ",minutes"; next} {printf "%s,%.2f\n", $0, $1 / 60}' "$CSV" >"$RESULTS_DIR/soak.csv"
fi
keep "$DIR" soak-sipp
keep "$WORK/histogram-start.txt" soak-histogram-start.txt
keep "$WORK/histogram-end.txt" soak-histogram-end.txt
