#!/usr/bin/env bash
# Conversation Details API benchmark (run on demand, not a test). Starts the assembled gateway with the demo
# workspace, records CALLS calls placed by sipp (the ZCC BYE-handoff scenario), creates a JWT app for the demo bot
# with the admin API, then runs bench/DetailsApiBench.java: conversationDetails (with summary) at each client count,
# against /health of the same Jetty as the baseline measured in the same run. Prints one markdown table.
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
java "$HOME_DIR/bench/DetailsApiBench.java" "$BASE" "$BOT" "$(printf '%s' "$APP" | field clientId)" \
  "$(printf '%s' "$APP" | field clientSecret)" "admin:$PASSWORD" "$PER_STEP" "${CLIENTS[@]}"
printf 'Gateway resident memory after the run: %s MiB\n' "$(awk '/VmRSS/{printf "%d", $2/1024}' /proc/"$(pgrep -f "switchboard.data=$WORK/data" | head -n 1)"/status 2>/dev/null || echo "?")"
