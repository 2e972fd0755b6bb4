#!/usr/bin/env bash
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
for i in $(seq 1 ${N:-8}); do
  rm -rf $WORK/config $WORK/data $WORK/gateway.out; [ -z "${RECOPY:-}" ] || { cp /tmp/sb/cur.jar $HOME_DIR/features/target/switchboard.jar; touch $HOME_DIR/features/target/switchboard.jar; }; [ -z "${DROP:-}" ] || { sync; echo 3 > /proc/sys/vm/drop_caches; }
  cp -r "$HOME_DIR/felix-config" "$WORK/config"
  sed -i "s|^path=.*|path=$HOME_DIR/bench/workspace.json|" "$WORK/config/org.switchboard.workspace.cfg"
  sed -i "s|^max.calls=.*|max.calls=0|; s|^max.calls.per.second=.*|max.calls.per.second=0|" "$WORK/config/org.switchboard.sip.cfg"
  SIP_PORT=$(free_port); HTTP_PORT=$(free_port)
  SWITCHBOARD_CONFIG="$WORK/config" SWITCHBOARD_DATA="$WORK/data" SWITCHBOARD_SIP_PORT=$SIP_PORT \
    SWITCHBOARD_HTTP_PORT=$HTTP_PORT SWITCHBOARD_ADMIN_PASSWORD=$PASSWORD \
    "$HOME_DIR/switchboard" --no-build >>"$WORK/gateway.out" 2>&1 </dev/null &
  GW_PID=$!
  ok=no; t0=$(date +%s%N)
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && { ok=yes; break; }
    kill -0 "$GW_PID" 2>/dev/null || { ok=died; break; }
    sleep 0.05
  done
  JVM_PID=$(pgrep -f "switchboard.data=$WORK/data" | head -n 1)
  ms=$((($(date +%s%N) - t0) / 1000000))
  if [ $ok != yes ]; then
    echo "start $i: $ok after $ms ms; health: $(curl -s -w ' %{http_code}' http://127.0.0.1:$HTTP_PORT/health | head -c 600)"
    [ -n "$JVM_PID" ] && jstack $JVM_PID > /tmp/sb/stuck-$i.txt 2>&1
    cp $WORK/gateway.out /tmp/sb/stuck-$i.out
  else echo "start $i: ok $ms ms"; fi
  stop_gateway
done
