#!/usr/bin/env bash
# Barge-in on the wire (run on demand, not a test). bench/BargeInBench.java calls +15550905 of bench/workspace.json,
# a long bargeable prompt while the gateway listens for the demo's menu phrases, and interrupts it with clips of one
# category at a time: coughs and line noise (generated), fillers ("uh huh", "mm hmm", "um", "hmm") and real
# interruptions ("agent", "billing", "order status", "representative"), both said by four flite voices and
# espeak-ng (the interruptions again 12 dB softer: a quiet caller against the echo gate), and the bot's own echo
# (for 4 s the caller sends back the prompt it hears, 60 ms later and 30, 20 or 12 dB weaker: the echo return loss
# of a good, a fair and a poor line). Prints per category: clips sent; prompts paused, stopped for good and resumed
# (the gateway's switchboard_barge_ins_total; a call that hangs up while its prompt is paused counts in neither);
# the caller turns the gateway took (switchboard_turns_total ended by speech: for anything but real interruptions,
# a turn the caller never took); the false barge-in rate (prompts stopped by something that is not speech worth a
# turn) or the missed rate (real interruptions that did not stop the prompt); the stop latency on the wire: the
# clip's first voiced packet to the prompt's first silent packet.
#
#   bench/bargein.sh [calls] [clips per call]      default: 5 calls, 5 clips each (25 clips per category)
#   CATEGORIES="fillers echo:12" bench/bargein.sh  some of them
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CALLS=${1:-5}
PER_CALL=${2:-5}
command -v flite >/dev/null || { echo "flite is required (apt-get install -y flite)" >&2; exit 2; }
command -v espeak-ng >/dev/null || { echo "espeak-ng is required (apt-get install -y espeak-ng)" >&2; exit 2; }
. "$HOME_DIR/bench/common.sh"
start_gateway "$HOME_DIR/bench/workspace.json"

mkdir -p "$WORK/fillers" "$WORK/speech" "$WORK/classes"
say() { # say <dir> <text>: the text in each voice
  local name=${2// /_}
  for v in slt kal awb rms; do flite -voice "$v" -t "$2" -o "$WORK/$1/$name-$v.wav"; done
  espeak-ng -v en-us -w "$WORK/$1/$name-espeak.wav" "$2"
}
for t in "uh huh" "mm hmm" "um" "hmm"; do say fillers "$t"; done
for t in agent billing "order status" representative; do say speech "$t"; done
# espeak-ng writes 22.05 kHz: to 16 kHz for the bench's 2:1 decimator
command -v sox >/dev/null && for f in "$WORK"/*/*-espeak.wav; do sox "$f" -r 16000 "$f.tmp.wav" && mv "$f.tmp.wav" "$f"; done \
  || rm -f "$WORK"/*/*-espeak.wav
javac -d "$WORK/classes" "$HOME_DIR/bench/MediaBench.java" "$HOME_DIR/bench/TurnBench.java" "$HOME_DIR/bench/BargeInBench.java"

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
counter() { jvm_metric switchboard_barge_ins_total "outcome=\"$1\"" | awk '{printf "%d", $1}'; }
turns() { # caller turns ended by speech
  local n=0 e
  for e in phrase silence recognizer; do
    n=$((n + $(jvm_metric switchboard_turns_total "endpoint=\"$e\"" | awk '{printf "%d", $1}')))
  done
  echo "$n"
}

printf '\nBarge-in on a playing prompt, %s calls x %s clips per category, %s cores\n\n' "$CALLS" "$PER_CALL" "$(nproc)"
printf '| clips | sent | prompt paused | stopped for good | resumed | turns taken | false barge-ins | missed interruptions | stop latency p50 / p95 / max (ms) |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
result bargein "category,sent,paused,stopped,resumed,turns,false_pct,missed_pct,stop_p50_ms,stop_p95_ms,stop_max_ms"
for category in ${CATEGORIES:-cough noise fillers speech speech@-12 echo:30 echo:20 echo:12}; do
  case $category in fillers*|speech*) category=$WORK/$category ;; esac
  s0=$(counter stopped); r0=$(counter resumed); t0=$(turns)
  line=$(java -cp "$WORK/classes" BargeInBench "127.0.0.1:$SIP_PORT" +15550905 "$CALLS" "$PER_CALL" "$category" \
    2>>"$WORK/bench.err" | tail -n 1 || true)
  sleep 3
  stopped=$(( $(counter stopped) - s0 )); resumed=$(( $(counter resumed) - r0 )); taken=$(( $(turns) - t0 ))
  sent=$(field clips "$line")
  name=$(field category "$line")
  if [[ $name == speech* ]]; then
    false_pct="-"; missed=$(awk -v s="$stopped" -v n="$sent" 'BEGIN{printf "%.0f %%", (n > 0 ? 100 * (n - s) / n : 0)}')
  else
    false_pct=$(awk -v s="$stopped" -v n="$sent" 'BEGIN{printf "%.0f %%", (n > 0 ? 100 * s / n : 0)}'); missed="-"
  fi
  paused=$((stopped + resumed))
  latency=("$(field stop_p50_ms "$line")" "$(field stop_p95_ms "$line")" "$(field stop_max_ms "$line")")
  case $name in echo*) latency=(- - -) ;; esac # the prompt's own quiet stretches: no stop to time
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s |\n' "$name" "$sent" "$paused" "$stopped" "$resumed" \
    "$taken" "$false_pct" "$missed" "${latency[@]}"
  result bargein "$name,$sent,$paused,$stopped,$resumed,$taken,$false_pct,$missed,${latency[0]},${latency[1]},${latency[2]}"
done
if [ -s "$WORK/bench.err" ]; then
  echo "load generator errors:"; tail -n 20 "$WORK/bench.err"
fi
