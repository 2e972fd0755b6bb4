#!/usr/bin/env bash
# Turn latency on the wire (run on demand, not a test). bench/TurnBench.java places N concurrent calls to the
# assembled gateway; each says one of the demo's menu phrases in real time (flite's slt voice, not the gateway's own
# synthesizer) whenever the bot has gone quiet, and measures from its last voiced RTP packet to the first non-silent
# packet of the bot's answer ("Got it.", bench/workspace.json). Two DIDs in the same run: +15550903 with the
# default turn-taking (a complete phrase and 200 ms of silence end the turn) and +15550904 with early turn ends off
# (Vosk's own end of utterance), the baseline. Prints per level: turns measured, lost (no answer in 5 s), p50 / p95
# / p99 / max, the ratio of the p50s, how the gateway's turns ended and its mean time per stage (from /metrics).
#
#   bench/turns.sh [calls ...]       default: 10 25 50
#   SECONDS_PER_LEVEL=30 bench/turns.sh
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LEVELS=("$@")
[ ${#LEVELS[@]} -gt 0 ] || LEVELS=(10 25 50)
MEASURE=${SECONDS_PER_LEVEL:-30}
command -v flite >/dev/null || { echo "flite is required (apt-get install -y flite)" >&2; exit 2; }
. "$HOME_DIR/bench/common.sh"
start_gateway "$HOME_DIR/bench/workspace.json"

mkdir -p "$WORK/clips" "$WORK/classes"
for phrase in billing "order status" agent representative payment tracking; do
  flite -voice slt -t "$phrase" -o "$WORK/clips/${phrase// /_}.wav"
done
javac -d "$WORK/classes" "$HOME_DIR/bench/MediaBench.java" "$HOME_DIR/bench/TurnBench.java"

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
metric() { jvm_metric "$1" "${2:-}" | awk '{printf "%.6f", $1 == "" ? 0 : $1}'; }
stages() { # the stage sums and counts, and the endpoint counters, as one line of numbers
  local out=""
  for s in recognition assistant synthesis playout; do
    out+="$(metric switchboard_turn_stage_seconds_sum "stage=\"$s\"") $(metric switchboard_turn_stage_seconds_count "stage=\"$s\"") "
  done
  for e in phrase silence recognizer timeout; do out+="$(metric switchboard_turns_total "endpoint=\"$e\"") "; done
  echo "$out"
}
run_level() { # run_level <did> <calls>: one TurnBench line, then the /metrics differences
  local before after line
  before=$(stages)
  line=$(java -cp "$WORK/classes" TurnBench "127.0.0.1:$SIP_PORT" "$1" "$2" "$MEASURE" "$WORK/clips" 2>>"$WORK/bench.err" | tail -n 1)
  after=$(stages)
  echo "$line $(paste -d' ' <(tr ' ' '\n' <<<"$before" | sed '/^$/d') <(tr ' ' '\n' <<<"$after" | sed '/^$/d') \
    | awk '{d[NR]=$2-$1} END{
        for(i=0;i<4;i++){printf "stage%d_ms=%.0f ", i, (d[2*i+2] > 0 ? 1000*d[2*i+1]/d[2*i+2] : -1)}
        printf "phrase=%d silence=%d recognizer=%d timeout=%d", d[9], d[10], d[11], d[12]}')"
}

run_level +15550903 5 >/dev/null # warm-up: JIT, the prompt cache

printf '\nTurn latency on the wire: caller'"'"'s last voiced packet to the first packet of the answer, %s s per level, %s cores\n\n' \
  "$MEASURE" "$(nproc)"
printf '| calls | turn end | turns | lost | p50 (ms) | p95 | p99 | max | p50 vs recognizer | ended by phrase / silence / recognizer / timeout | recognition / assistant / synthesis / playout (mean ms) |\n'
printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n'
result turns "calls,turn_end,turns,lost,p50_ms,p95_ms,p99_ms,max_ms,phrase,silence,recognizer,timeout,recognition_ms,assistant_ms,synthesis_ms,playout_ms"
for n in "${LEVELS[@]}"; do
  base=$(run_level +15550904 "$n")
  sleep 3
  early=$(run_level +15550903 "$n")
  sleep 3
  for pair in "recognizer:$base" "early:$early"; do
    label=${pair%%:*}
    line=${pair#*:}
    ratio=$(awk -v a="$(field p50_ms "$early")" -v b="$(field p50_ms "$base")" 'BEGIN{if (b > 0) printf "%.2f", a / b; else printf "-"}')
    [ "$label" = early ] || ratio="1.00"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %s / %s / %s / %s |\n' "$n" "$label" \
      "$(field turns "$line")" "$(field lost "$line")" "$(field p50_ms "$line")" "$(field p95_ms "$line")" \
      "$(field p99_ms "$line")" "$(field max_ms "$line")" "$ratio" \
      "$(field phrase "$line")" "$(field silence "$line")" "$(field recognizer "$line")" "$(field timeout "$line")" \
      "$(field stage0_ms "$line")" "$(field stage1_ms "$line")" "$(field stage2_ms "$line")" "$(field stage3_ms "$line")"
    result turns "$n,$label,$(field turns "$line"),$(field lost "$line"),$(field p50_ms "$line"),$(field p95_ms "$line"),$(field p99_ms "$line"),$(field max_ms "$line"),$(field phrase "$line"),$(field silence "$line"),$(field recognizer "$line"),$(field timeout "$line"),$(field stage0_ms "$line"),$(field stage1_ms "$line"),$(field stage2_ms "$line"),$(field stage3_ms "$line")"
  done
done
echo
echo "Goal (issue 24): p50 <= 300 ms and p95 <= 500 ms at 50 concurrent grammar-mode calls."
if [ -s "$WORK/bench.err" ]; then
  echo "load generator errors:"; tail -n 20 "$WORK/bench.err"
fi
