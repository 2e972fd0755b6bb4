#!/usr/bin/env bash
# Turn latency added by each bot protocol (run on demand, not a test). The same measurement as bench/turns.sh
# (bench/TurnBench.java: the caller says a menu phrase, from its last voiced RTP packet to the first packet of the
# answer "Got it.") against five DIDs of one gateway, in the same run:
#   builtin    the built-in flow (a gather node and a message: bench/workspace.json's +15550903), the baseline
#   webhook    a webhook bot answering each turn at once (bench/protocol_bots.py)
#   jambonz    a jambonz application answering each actionHook at once (the same process)
#   websocket  a WebSocket audio bot (the bridge, L16 16 kHz) sending flite's "Got it." when the gateway reports the
#              caller stopped speaking: its turn ends on the energy detector, not the recognizer
#   llm        the LLM assistant on examples/llm-flow/fake_model.py --reply "Got it." (streams at once; free-form
#              recognition: no grammar, so the turn ends on silence or the recognizer)
# Prints per protocol and level: turns, lost, p50 / p95 / max, the p50 added to the built-in flow's, and the gateway's
# mean "assistant" stage (turn end to the answer's text: the protocol's own cost) and synthesis + playout (the text
# to its first RTP packet: for the LLM, its first streamed sentence to the wire), from /metrics (none for the bridge,
# which has no gather and no synthesis).
#
#   bench/protocols.sh [calls ...]      default: 10 25
#   SECONDS_PER_LEVEL=30 bench/protocols.sh
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LEVELS=("$@")
[ ${#LEVELS[@]} -gt 0 ] || LEVELS=(10 25)
MEASURE=${SECONDS_PER_LEVEL:-30}
command -v flite >/dev/null || { echo "flite is required (apt-get install -y flite)" >&2; exit 2; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" -c 'import websockets' 2>/dev/null || { echo "python3-websockets is required" >&2; exit 2; }
. "$HOME_DIR/bench/common.sh"
start_gateway "$HOME_DIR/bench/workspace.json"

mkdir -p "$WORK/clips" "$WORK/classes" "$WORK/bot"
for phrase in billing "order status" agent representative payment tracking; do
  flite -voice slt -t "$phrase" -o "$WORK/clips/${phrase// /_}.wav"
done
flite -voice slt -t "Ready." -o "$WORK/bot/ready.wav"
flite -voice slt -t "Got it." -o "$WORK/bot/got.wav"
javac -d "$WORK/classes" "$HOME_DIR/bench/MediaBench.java" "$HOME_DIR/bench/TurnBench.java"

BOT_HTTP=$(free_port)
BOT_WS=$(free_port)
MODEL=$(free_port)
"$PY" "$HOME_DIR/bench/protocol_bots.py" "$BOT_HTTP" "$BOT_WS" "$WORK/bot/ready.wav" "$WORK/bot/got.wav" \
  >"$WORK/bots.out" 2>&1 &
EXTRA_PIDS+=($!)
"$PY" "$HOME_DIR/examples/llm-flow/fake_model.py" --port "$MODEL" --reply "Got it." >"$WORK/model.out" 2>&1 &
EXTRA_PIDS+=($!)
for _ in $(seq 1 100); do grep -q ready "$WORK/bots.out" && grep -q listening "$WORK/model.out" && break; sleep 0.1; done

admin() { curl -sf -u "admin:$PASSWORD" -H 'Content-Type: application/json' -X "$1" --data "$3" \
  "http://127.0.0.1:$HTTP_PORT/api/admin/$2" >/dev/null; }
PHRASES='["billing", "order status", "agent", "representative", "payment", "tracking"]'
flow() { # flow <id> <assistant definition>
  admin PUT "flows/$1" "{\"id\": \"$1\", \"botId\": \"st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0\", \"start\": \"bot\",
    \"assistants\": {\"a\": $2}, \"nodes\": [{\"id\": \"bot\", \"type\": \"automation\",
    \"settings\": {\"assistant\": \"a\", \"turnTimeoutMs\": 5000, \"maxTurns\": 500}, \"next\": {\"resolved\": \"bye\"}},
    {\"id\": \"bye\", \"type\": \"hangup\"}]}"
}
trunk=$(curl -sf -u "admin:$PASSWORD" "http://127.0.0.1:$HTTP_PORT/api/admin/trunks/bench" | "$PY" -c '
import json, sys
t = json.load(sys.stdin)
t["dids"] += ["+15550906", "+15550907", "+15550908", "+15550909"]
t.pop("sipUris", None)
print(json.dumps(t))')
admin PUT trunks/bench "$trunk"
flow proto-webhook "{\"type\": \"webhook\", \"url\": \"http://127.0.0.1:$BOT_HTTP/turn\"}"
flow proto-jambonz "{\"type\": \"jambonz\", \"url\": \"http://127.0.0.1:$BOT_HTTP/call\"}"
flow proto-websocket "{\"type\": \"websocket\", \"url\": \"ws://127.0.0.1:$BOT_WS/\", \"sampleRate\": 16000}"
flow proto-llm "{\"type\": \"llm\", \"url\": \"http://127.0.0.1:$MODEL/v1\", \"model\": \"fake\", \"maxTurns\": 500}"
i=6
for f in webhook jambonz websocket llm; do
  admin PUT attachments "{\"trunk\": \"bench\", \"did\": \"+1555090$i\", \"flow\": \"proto-$f\"}"
  i=$((i + 1))
done

field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
metric() { jvm_metric "$1" "${2:-}" | awk '{printf "%.6f", $1 == "" ? 0 : $1}'; }
stages() { # the sums and counts of the assistant, synthesis and playout stages, as one line of numbers
  local out=""
  for s in assistant synthesis playout; do
    out+="$(metric switchboard_turn_stage_seconds_sum "stage=\"$s\"") $(metric switchboard_turn_stage_seconds_count "stage=\"$s\"") "
  done
  echo "$out"
}
run_level() { # run_level <did> <calls>: one TurnBench line plus the stages' means in between
  local before after line
  before=$(stages)
  line=$(java -cp "$WORK/classes" TurnBench "127.0.0.1:$SIP_PORT" "$1" "$2" "$MEASURE" "$WORK/clips" 2>>"$WORK/bench.err" | tail -n 1)
  after=$(stages)
  echo "$line $(awk -v b="$before" -v a="$after" 'BEGIN{split(b, x, " "); split(a, y, " ");
    n = y[2] - x[2]; printf "assistant_ms=%s ", (n > 0 ? sprintf("%.0f", 1000 * (y[1] - x[1]) / n) : "-");
    t = 0; c = 0; for (i = 3; i <= 5; i += 2) { if (y[i+1] - x[i+1] > 0) { t += 1000 * (y[i] - x[i]) / (y[i+1] - x[i+1]); c++ } }
    printf "speak_ms=%s", (c == 2 ? sprintf("%.0f", t) : "-")}')"
}

for did in +15550903 +15550906 +15550907 +15550908 +15550909; do run_level "$did" 3 >/dev/null; done # warm-up

printf '\nTurn latency by bot protocol: caller'"'"'s last voiced packet to the first packet of "Got it.", %s s per level, %s cores\n\n' \
  "$MEASURE" "$(nproc)"
printf '| calls | protocol | turns | lost | p50 (ms) | p95 | max | p50 added to built-in | assistant stage (mean ms) | text to first packet (mean ms) |\n'
printf '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
result protocols "calls,protocol,turns,lost,p50_ms,p95_ms,max_ms,added_p50_ms,assistant_ms,speak_ms"
for n in "${LEVELS[@]}"; do
  base=""
  for pair in builtin:+15550903 webhook:+15550906 jambonz:+15550907 websocket:+15550908 llm:+15550909; do
    name=${pair%%:*}
    line=$(run_level "${pair#*:}" "$n")
    sleep 2
    [ -n "$base" ] || base=$(field p50_ms "$line")
    added=$(awk -v a="$(field p50_ms "$line")" -v b="$base" 'BEGIN{printf "%+d", a - b}')
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$name" "$(field turns "$line")" \
      "$(field lost "$line")" "$(field p50_ms "$line")" "$(field p95_ms "$line")" "$(field max_ms "$line")" "$added" \
      "$(field assistant_ms "$line")" "$(field speak_ms "$line")"
    result protocols "$n,$name,$(field turns "$line"),$(field lost "$line"),$(field p50_ms "$line"),$(field p95_ms "$line"),$(field max_ms "$line"),$added,$(field assistant_ms "$line"),$(field speak_ms "$line")"
  done
done
if [ -s "$WORK/bench.err" ]; then
  echo "load generator errors:"; tail -n 20 "$WORK/bench.err"
fi
