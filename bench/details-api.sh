#!/usr/bin/env bash
# Conversation Details API benchmark (run on demand, not a test). Starts the assembled gateway with the demo
# workspace, records CALLS calls placed by sipp (the ZCC BYE-handoff scenario), creates a JWT app for the demo bot
# with the admin API, then runs bench/DetailsApiBench.java: conversationDetails (with summary) at each client count,
# against the same Jetty's trivial /health/live (the Java generator: /health) as the baseline measured in the same run
# (the load generator and Jetty alone). The load comes from wrk (Debian package
# wrk, with bench/wrk/details.lua) when it is installed, else from the slower Java generator. Prints one markdown table.
#
#   bench/details-api.sh [clients ...]           default: 1 4 16 64
#   CALLS=500 SECONDS_PER_STEP=10 bench/details-api.sh
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLIENTS=("$@")
[ ${#CLIENTS[@]} -gt 0 ] || CLIENTS=(1 4 16 64)
CALLS=${CALLS:-300}
PER_STEP=${SECONDS_PER_STEP:-10}
. "$HOME_DIR/bench/common.sh"
start_gateway
BASE="http://127.0.0.1:$HTTP_PORT"

(cd "$WORK" && sipp -sf "$HOME_DIR/examples/sipp/zcc-transfer-bye.xml" -i 127.0.0.1 -p "$(free_port)" -r 50 \
  -m "$CALLS" -l 200 -timeout 120s -nostdin "127.0.0.1:$SIP_PORT" >/dev/null 2>&1) || true
sleep 2

BOT=st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0
field() { tr -d '\n ' | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
APP=$(curl -sSf -u "admin:$PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["chat-history","conversation-summary"]}' "$BASE/api/admin/bots/$BOT/apps")
CLIENT_ID=$(printf '%s' "$APP" | field clientId)
CLIENT_SECRET=$(printf '%s' "$APP" | field clientSecret)
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed (apt-get install -y wrk): the Java generator is used, and it is the limit" >&2
  java "$HOME_DIR/bench/DetailsApiBench.java" "$BASE" "$BOT" "$CLIENT_ID" "$CLIENT_SECRET" "admin:$PASSWORD" \
    "$PER_STEP" "${CLIENTS[@]}"
else
  # wrk (C, event loop): each request carries its own token signed beforehand
  java "$HOME_DIR/bench/DetailsApiBench.java" --tokens "$WORK/tokens.txt" 20000 "$BASE" "$BOT" "$CLIENT_ID" \
    "$CLIENT_SECRET" "admin:$PASSWORD"
  LUA="$HOME_DIR/bench/wrk/details.lua"
  # wrk_step <clients> <url> <script args...>: prints "req/s p50 p99 errors requests"
  wrk_step() {
    local clients=$1 url=$2 threads=$(( $1 < 2 ? 1 : 2 ))
    shift 2
    wrk -t "$threads" -c "$clients" -d "${PER_STEP}s" --timeout 30s -s "$LUA" "$url" -- "$@" \
      | awk '/^RESULT/{printf "%.0f %.1f %.1f %d %d\n", $2 / ($3 / 1e6), $4, $5, $6, $2}'
  }
  wrk_step 4 "$BASE/api/public/bot/$BOT/conversationDetails" "$WORK/tokens.txt" >/dev/null # warm-up
  wrk_step 4 "$BASE/health/live" get >/dev/null
  printf '\nConversation Details API, %s conversation(s), %s s per step, %s cores, load from wrk\n\n' \
    "$(cut -d' ' -f2 "$WORK/tokens.txt" | sort -u | wc -l)" "$PER_STEP" "$(nproc)"
  echo "| clients | details req/s | p50 / p99 (ms) | errors | /health/live req/s | p50 / p99 (ms) | ratio |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  for c in "${CLIENTS[@]}"; do
    read -r dr d50 d99 derr dn < <(wrk_step "$c" "$BASE/api/public/bot/$BOT/conversationDetails" "$WORK/tokens.txt")
    read -r hr h50 h99 _ _ < <(wrk_step "$c" "$BASE/health/live" get)
    printf '| %s | %s | %s / %s | %s of %s | %s | %s / %s | %s |\n' "$c" "$dr" "$d50" "$d99" "$derr" "$dn" "$hr" \
      "$h50" "$h99" "$(awk -v a="$dr" -v b="$hr" 'BEGIN{printf "%.2f", a / b}')"
  done
fi
printf 'Gateway resident memory after the run: %s MiB\n' "$(awk '/VmRSS/{printf "%d", $2/1024}' /proc/"$(pgrep -f "switchboard.data=$WORK/data" | head -n 1)"/status 2>/dev/null || echo "?")"
