#!/usr/bin/env bash
# Runs a Switchboard cluster on this machine: PostgreSQL, Kamailio in front, and two Switchboard nodes on their own
# loopback addresses, all stopped (and PostgreSQL's throwaway data removed) on Ctrl-C or SIGTERM.
#
#   cluster/run.sh
#
# Kamailio answers SIP on $PROXY_ADDRESS:$PROXY_PORT (default 127.0.0.1:5070, UDP and TCP); node-a on 127.0.0.2 and
# node-b on 127.0.0.3 (SIP port $NODE_SIP_PORT, console and APIs on port $NODE_HTTP_PORT of the same addresses). The
# nodes share one PostgreSQL database (a throwaway server on $PG_PORT unless PG_URL names a database) and the demo
# workspace. Call the demo through the proxy: sipp -sf examples/sipp/zcc-transfer-bye.xml -m 1 127.0.0.1:5070
# State (configuration, logs, data) goes to $CLUSTER_DIR (default ./cluster-data); $WORKSPACE names another
# workspace file; $NODES other nodes ("id=address ..."); $MAX_CALLS and $MAX_CALLS_PER_SECOND each node's overload
# limits (default: felix-config's).
# Installs kamailio and postgresql when they are missing and this runs as root.
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROXY_ADDRESS=${PROXY_ADDRESS:-127.0.0.1}
PROXY_PORT=${PROXY_PORT:-5070}
NODE_SIP_PORT=${NODE_SIP_PORT:-5060}
NODE_HTTP_PORT=${NODE_HTTP_PORT:-8080}
PG_PORT=${PG_PORT:-5433}
NODES=${NODES:-"node-a=127.0.0.2 node-b=127.0.0.3"}
CLUSTER_DIR=${CLUSTER_DIR:-./cluster-data}
mkdir -p "$CLUSTER_DIR"
CLUSTER_DIR=$(cd "$CLUSTER_DIR" && pwd)

missing=()
command -v kamailio >/dev/null 2>&1 || missing+=(kamailio)
[ -n "${PG_URL:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "The cluster needs: sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi
[ -f "$HOME_DIR/features/target/switchboard.jar" ] || (cd "$HOME_DIR" && mvn -B -q -DskipTests install -pl features -am)

PIDS=()
PG_DIR=""
stop_all() {
  trap - INT TERM EXIT
  echo "Stopping the cluster..."
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$PG_DIR" ]; then
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
  echo "Cluster stopped."
}
trap stop_all INT TERM EXIT

if [ -z "${PG_URL:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  # a throwaway server in a directory of its own (which the postgres user can reach when this runs as root)
  PG_DIR=$(mktemp -d /tmp/switchboard-cluster-pg.XXXXXX)
  PG_RUN=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    PG_RUN=(runuser -u postgres --)
  fi
  "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  "${PG_RUN[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres switchboard
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/switchboard?user=postgres"
  echo "PostgreSQL: $PG_URL"
fi

# one secret key for every node, so that any node reads the client secrets another one stored
KEY_FILE="$CLUSTER_DIR/secret.key"
[ -s "$KEY_FILE" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$KEY_FILE")
PASSWORD_FILE="$CLUSTER_DIR/admin.password"
[ -s "$PASSWORD_FILE" ] || (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PASSWORD_FILE")

# Kamailio: the dispatcher list names the nodes
KAM_DIR="$CLUSTER_DIR/kamailio"
mkdir -p "$KAM_DIR"
: >"$KAM_DIR/dispatcher.list"
for n in $NODES; do
  echo "1 sip:${n#*=}:$NODE_SIP_PORT 0 0 duid=${n%%=*};maxload=2000" >>"$KAM_DIR/dispatcher.list"
done
kamailio -DD -E -f "$HOME_DIR/cluster/kamailio/kamailio.cfg" -Y "$KAM_DIR" -P "$KAM_DIR/kamailio.pid" \
  -A "LISTEN_UDP=udp:$PROXY_ADDRESS:$PROXY_PORT" -A "LISTEN_TCP=tcp:$PROXY_ADDRESS:$PROXY_PORT" \
  -A "DISPATCHER_LIST=\"$KAM_DIR/dispatcher.list\"" -A "CTL_SOCKET=\"unix:$KAM_DIR/kamailio_ctl\"" \
  >"$KAM_DIR/kamailio.log" 2>&1 &
PIDS+=($!)

# the nodes: each its own configuration (a copy of felix-config with the shared store and the proxy trusted)
for n in $NODES; do
  id=${n%%=*}
  address=${n#*=}
  dir="$CLUSTER_DIR/$id"
  rm -rf "$dir/config"
  mkdir -p "$dir"
  cp -r "$HOME_DIR/felix-config" "$dir/config"
  cat >>"$dir/config/org.switchboard.store.cfg" <<CFG
url=$PG_URL
driver.target=(osgi.jdbc.driver.class=org.postgresql.Driver)
node.id=$id
.secret.key=$(cat "$KEY_FILE")
CFG
  echo "trusted.proxies=$PROXY_ADDRESS" >>"$dir/config/org.switchboard.sip.cfg"
  [ -z "${MAX_CALLS:-}" ] || sed -i "s/^max.calls=.*/max.calls=$MAX_CALLS/" "$dir/config/org.switchboard.sip.cfg"
  [ -z "${MAX_CALLS_PER_SECOND:-}" ] \
    || sed -i "s/^max.calls.per.second=.*/max.calls.per.second=$MAX_CALLS_PER_SECOND/" "$dir/config/org.switchboard.sip.cfg"
  sed -i "s|^path=.*|path=${WORKSPACE:-$HOME_DIR/examples/workspace/demo.json}|" "$dir/config/org.switchboard.workspace.cfg"
  SWITCHBOARD_CONFIG="$dir/config" SWITCHBOARD_DATA="$dir/data" SWITCHBOARD_SIP_ADDRESS=$address \
    SWITCHBOARD_SIP_PORT=$NODE_SIP_PORT SWITCHBOARD_HTTP_HOST=$address SWITCHBOARD_HTTP_PORT=$NODE_HTTP_PORT \
    SWITCHBOARD_ADMIN_PASSWORD=$(cat "$PASSWORD_FILE") \
    "$HOME_DIR/switchboard" --no-build >"$dir/console.txt" 2>&1 </dev/null &
  PIDS+=($!)
done

for n in $NODES; do
  address=${n#*=}
  up=0
  for _ in $(seq 1 600); do
    curl -sf "http://$address:$NODE_HTTP_PORT/health" >/dev/null 2>&1 && { up=1; break; }
    sleep 0.2
  done
  [ "$up" = 1 ] || { echo "node ${n%%=*} did not start: see $CLUSTER_DIR/${n%%=*}/console.txt" >&2; exit 1; }
done
echo "Switchboard cluster running:"
echo "  SIP proxy (Kamailio): $PROXY_ADDRESS:$PROXY_PORT udp/tcp   log: $KAM_DIR/kamailio.log"
for n in $NODES; do
  echo "  ${n%%=*}: SIP ${n#*=}:$NODE_SIP_PORT   console http://${n#*=}:$NODE_HTTP_PORT/system/console"
done
echo "  administrator 'admin', password in $PASSWORD_FILE"
echo "Ctrl-C stops everything."
# a node that dies (or is killed to watch the failover) leaves the rest running; Ctrl-C stops everything
wait || true
