#!/usr/bin/env bash
# Start-to-healthy time and idle memory (run on demand, not a test). Starts the assembled gateway with the demo
# workspace RUNS times: the first on an empty data directory (the store's migrations run), the others on the data
# it left (eight of them by default: on a shared 2-core machine one start varies by a second, so the median of two
# said little). Each is timed from launch to the first 200 of /health (polled every 50 ms). After the last start the
# gateway idles IDLE_S seconds; then its resident memory and Java heap are read, before and after a full GC
# (jcmd). Then one more start with Vosk's model resident (model.load=start; by default it loads when a call comes),
# idle as long: its resident memory. Baseline of the same run: a JVM that only prints its version, started the same
# way.
#
#   bench/startup.sh                 RUNS=9 IDLE_S=30
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-9}
IDLE=${IDLE_S:-30}
. "$HOME_DIR/bench/common.sh"

times=()
ready=()
start_gateway
times+=("$HEALTHY_MS")
ready+=("$READY_MS")
for _ in $(seq 2 "$RUNS"); do
  stop_gateway
  launch_gateway
  times+=("$HEALTHY_MS")
  ready+=("$READY_MS")
done
t0=$(date +%s%N)
java -version >/dev/null 2>&1
jvm_ms=$((($(date +%s%N) - t0) / 1000000))
sleep "$IDLE"
rss=$(rss_mib "$JVM_PID")
heap=$(jvm_metric jvm_memory_used_bytes 'area="heap"')
jcmd "$JVM_PID" GC.run >/dev/null 2>&1 || true
sleep 1
rss_gc=$(rss_mib "$JVM_PID")
heap_gc=$(jvm_metric jvm_memory_used_bytes 'area="heap"')
# The same idle, with Vosk's model resident (model.load=start) instead of loaded when a call comes (the default).
stop_gateway
printf 'model.load=start\n' >"$WORK/config/org.switchboard.speech.vosk.cfg"
launch_gateway
sleep "$IDLE"
rss_start=$(rss_mib "$JVM_PID")
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print !NR ? "-" : NR % 2 ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }
warm=$(median "${times[@]:1}")
warm_range=$(printf '%s\n' "${times[@]:1}" | sort -n | sed -n '1p;$p' | paste -sd- -)
warm_ready=$(median "${ready[@]:1}")
mib() { awk -v b="$1" 'BEGIN{ if (b == "") print "?"; else printf "%.0f", b / 1048576 }'; }

printf '\nStart to healthy and idle memory, %s starts, %s s idle, %s cores\n\n' "$RUNS" "$IDLE" "$(nproc)"
printf '| start to healthy, first (empty data) | start to healthy, median of the others (range) | speech loaded too, median | JVM start alone | idle RSS | idle heap used | RSS after GC | heap after GC | idle RSS, speech model resident (`model.load=start`) |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '| %s ms | %s ms (%s) | %s ms | %s ms | %s MiB | %s MiB | %s MiB | %s MiB | %s MiB |\n' "${times[0]}" "$warm" \
  "$warm_range" "$warm_ready" \
  "$jvm_ms" "$rss" "$(mib "$heap")" "$rss_gc" "$(mib "$heap_gc")" "$rss_start"
result startup "first_ms,warm_median_ms,warm_ready_median_ms,jvm_alone_ms,idle_rss_mib,idle_heap_mib,gc_rss_mib,gc_heap_mib,idle_rss_model_start_mib,all_ms"
result startup "${times[0]},$warm,$warm_ready,$jvm_ms,$rss,$(mib "$heap"),$rss_gc,$(mib "$heap_gc"),$rss_start,$(IFS=' '; echo "${times[*]}")"
