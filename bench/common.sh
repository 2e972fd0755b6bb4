# Shared by the benchmark scripts (sourced): needs HOME_DIR; checks sipp and the assembly, makes WORK (removed at
# exit with the gateway and EXTRA_PIDS stopped), free_port and start_gateway.
command -v sipp >/dev/null || { echo "sipp is required (apt-get install -y sip-tester)" >&2; exit 2; }
[ -f "$HOME_DIR/features/target/switchboard.jar" ] || (cd "$HOME_DIR" && mvn -B -q -DskipTests install -pl features -am)
WORK=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
# a free local port (TCP probe; the gateway binds UDP and TCP)
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
GW_PID=""
EXTRA_PIDS=()
cleanup() {
  [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
  for p in "${EXTRA_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# start_gateway [workspace.json]: the assembled gateway on free ports (SIP_PORT, HTTP_PORT), data in $WORK/data,
# the default configuration but the given workspace and the overload limits of MAX_CALLS and MAX_CALLS_PER_SECOND
# (default 0: none, so that what is measured is the gateway, not its limits); waits for /health; sets GW_PID and
# JVM_PID (the java process).
PASSWORD=bench-only-password
start_gateway() {
  cp -r "$HOME_DIR/felix-config" "$WORK/config"
  [ -z "${1:-}" ] || sed -i "s|^path=.*|path=$1|" "$WORK/config/org.switchboard.workspace.cfg"
  sed -i "s|^max.calls=.*|max.calls=${MAX_CALLS:-0}|; s|^max.calls.per.second=.*|max.calls.per.second=${MAX_CALLS_PER_SECOND:-0}|" \
    "$WORK/config/org.switchboard.sip.cfg"
  SIP_PORT=$(free_port)
  HTTP_PORT=$(free_port)
  SWITCHBOARD_CONFIG="$WORK/config" SWITCHBOARD_DATA="$WORK/data" SWITCHBOARD_SIP_PORT=$SIP_PORT \
    SWITCHBOARD_HTTP_PORT=$HTTP_PORT SWITCHBOARD_ADMIN_PASSWORD=$PASSWORD \
    "$HOME_DIR/switchboard" --no-build >"$WORK/gateway.out" 2>&1 </dev/null &
  GW_PID=$!
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null \
    || { echo "gateway did not start:" >&2; cat "$WORK/gateway.out" >&2; exit 1; }
  JVM_PID=$(pgrep -f "switchboard.data=$WORK/data" | head -n 1)
}
