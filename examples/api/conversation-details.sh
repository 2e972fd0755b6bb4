#!/usr/bin/env bash
# Asks a running gateway for a conversation's transcript and summary the way ZCC's connector does: creates a JWT app
# for the bot with the admin API (unless CLIENT_ID and CLIENT_SECRET are set), signs an HS256 token with openssl and
# calls POST /api/public/bot/{botId}/conversationDetails for the session given (default: the newest conversation).
#
#   examples/api/conversation-details.sh [session-id]
#
# Environment: SWITCHBOARD_URL (default http://127.0.0.1:8080), SWITCHBOARD_DATA (default ./data, for the generated
# admin password), SWITCHBOARD_ADMIN_USER / SWITCHBOARD_ADMIN_PASSWORD, BOT_ID (default: the demo bot),
# CLIENT_ID / CLIENT_SECRET (an existing app), LANG_TAG (summary language, default en).
set -euo pipefail

base=${SWITCHBOARD_URL:-http://127.0.0.1:8080}
bot=${BOT_ID:-st-86e2c18d-7021-5f2b-bf6c-8a1c4b7e21b0}
user=${SWITCHBOARD_ADMIN_USER:-admin}
password=${SWITCHBOARD_ADMIN_PASSWORD:-}
if [ -z "$password" ]; then
  password=$(cat "${SWITCHBOARD_DATA:-data}/admin.password")
fi

# the value of a string field in a JSON answer (ids and secrets hold no spaces or quotes)
field() { tr -d '\n ' | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

if [ -z "${CLIENT_ID:-}" ]; then
  app=$(curl -sSf -u "$user:$password" -H 'Content-Type: application/json' \
    -d '{"name":"conversation-details example","scopes":["chat-history","conversation-summary"]}' \
    "$base/api/admin/bots/$bot/apps")
  CLIENT_ID=$(printf '%s' "$app" | field clientId)
  CLIENT_SECRET=$(printf '%s' "$app" | field clientSecret)
  echo "Created app $CLIENT_ID; its secret is shown only now. To reuse it:" >&2
  echo "  export CLIENT_ID=$CLIENT_ID CLIENT_SECRET=$CLIENT_SECRET" >&2
fi

session=${1:-$(curl -sSf -u "$user:$password" "$base/api/admin/conversations?limit=1" | field sessionId)}
if [ -z "$session" ]; then
  echo "No conversation recorded yet: place a call first, e.g." >&2
  echo "  sipp -sf examples/sipp/zcc-transfer-bye.xml -m 1 127.0.0.1:5060" >&2
  exit 1
fi

now=$(date +%s)
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"example","appId":"%s","iat":%d,"exp":%d}' "$CLIENT_ID" "$now" $((now + 300)) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$CLIENT_SECRET" -binary | b64url)

curl -sS -H "auth: $header.$payload.$signature" -H 'Content-Type: application/json' \
  -d "{\"sessionId\":\"$session\",\"isSummaryRequired\":true,\"lang\":\"${LANG_TAG:-en}\"}" \
  "$base/api/public/bot/$bot/conversationDetails"
echo
