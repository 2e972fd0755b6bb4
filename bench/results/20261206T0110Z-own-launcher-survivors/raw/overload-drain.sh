#!/usr/bin/env bash
# overload-drain.sh RATE SECONDS: the gateway at RATE calls/s for SECONDS, then calls_active and started/ended every 10 s
HOME_DIR=/work/main
RATE=${1:-3200}; DUR=${2:-5}
. "$HOME_DIR/bench/common.sh"
start_gateway "$HOME_DIR/bench/workspace.json"
D=$WORK/s; mkdir -p $D
(cd $D && timeout $((DUR*4+60)) sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $RATE -m $((RATE*DUR)) -l $((RATE*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 >/dev/null 2>&1)
read -r ok failed < <(sipp_counts "$(ls $D/*_.csv | head -1)")
echo "sipp ok $ok failed $failed"
for i in $(seq 0 10 150); do
  echo "t+$i s: active $(metric_sum switchboard_calls_active) started $(metric_sum switchboard_calls_started_total) ended $(metric_sum switchboard_calls_total) queued $(metric_sum switchboard_recorder_queue_depth)"
  sleep 10
done
curl -s http://127.0.0.1:$HTTP_PORT/metrics | grep -E "^switchboard_calls_total|^switchboard_calls_active" | head -20
cp -r $WORK/data/log /tmp/sb/overload-log 2>/dev/null
stop_gateway
