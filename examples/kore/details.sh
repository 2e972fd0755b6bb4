#!/usr/bin/env bash
# Kore's "Step 5" against Switchboard: creates a JWT app for the bot (admin API), signs a token with its secret
# (HS256, openssl), and calls the Conversation Details API and the Conversation Summary API for a session (the newest
# one when none is given) with Kore's documented bodies, and the Summary API once more for a transcript given inline.
# Prints the app's client id, the token and the answers; never the secret.
#
#   examples/kore/details.sh [session id]
#
#   SWITCHBOARD_URL    where the gateway's HTTP is (default http://127.0.0.1:8080)
#   SWITCHBOARD_ADMIN  user:password of the administrator (default admin and the password in ./data/admin.password)
#   BOT                the bot (default the demo's, st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0)
# Needs curl, openssl and python3.
set -euo pipefail
URL=${SWITCHBOARD_URL:-http://127.0.0.1:8080}
ADMIN=${SWITCHBOARD_ADMIN:-admin:$(cat data/admin.password)}
BOT=${BOT:-st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0}
json() { python3 -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$1"; }

app=$(curl -sf -u "$ADMIN" -H 'Content-Type: application/json' \
  -d '{"name":"Kore recipe","scopes":["chat-history","conversation-summary"]}' "$URL/api/admin/bots/$BOT/apps")
ID=$(json clientId <<<"$app")
SECRET=$(json clientSecret <<<"$app")
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
H=$(printf '{"alg":"HS256","typ":"JWT"}' | b64)
P=$(printf '{"sub":"zcc","appId":"%s","iat":%s,"exp":%s}' "$ID" "$(date +%s)" "$(($(date +%s) + 3600))" | b64)
JWT="$H.$P.$(printf '%s.%s' "$H" "$P" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64)"
unset SECRET
echo "app: $ID"
echo "token: $JWT"

SESSION=${1:-$(curl -sf -u "$ADMIN" "$URL/api/admin/conversations?limit=1" | json items.0.sessionId)}
echo "session: $SESSION"
echo "--- conversationDetails"
curl -sf -H "auth: $JWT" -H 'Content-Type: application/json' \
  -d "{\"sessionId\":\"$SESSION\",\"isSummaryRequired\":true}" "$URL/api/public/bot/$BOT/conversationDetails"
echo
echo "--- conversationSummary"
curl -sf -H "auth: $JWT" -H 'Content-Type: application/json' \
  -d "{\"lang\":\"en\",\"inputMode\":{\"conversationId\":\"$SESSION\"}}" "$URL/api/public/streams/$BOT/conversationSummary"
echo
echo "--- conversationSummary of a transcript"
curl -sf -H "auth: $JWT" -H 'Content-Type: application/json' \
  -d '{"lang":"en","inputMode":{"transcript":"Agent: Thank you for calling. How can I help you? Consumer: My order 4712 has not arrived."}}' \
  "$URL/api/public/streams/$BOT/conversationSummary"
echo
