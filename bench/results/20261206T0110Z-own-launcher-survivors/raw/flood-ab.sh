#!/usr/bin/env bash
# flood-ab.sh jar...: for each jar, a fresh gateway flooded at 3200 calls/s for 5 s; sipp's completed calls, how
# the calls ended, and how long until none was up
HOME_DIR=/work/main
for jar in "$@"; do
  cp "$jar" $HOME_DIR/features/target/switchboard.jar; touch $HOME_DIR/features/target/switchboard.jar
  (
  . "$HOME_DIR/bench/common.sh"
  start_gateway "$HOME_DIR/bench/workspace.json"
  D=$WORK/s; mkdir -p $D
  (cd $D && timeout 100 sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r 3200 -m 16000 -l 12800 -recv_timeout 10000 -nostdin -trace_stat -fd 1 >/dev/null 2>&1)
  read -r ok failed < <(sipp_counts "$(ls $D/*_.csv | head -1)")
  t=0; while [ "$(metric_sum switchboard_calls_active)" != 0 ] && [ $t -lt 200 ]; do sleep 5; t=$((t+5)); done
  ends=$(curl -s http://127.0.0.1:$HTTP_PORT/metrics | awk -F'[{}"]' '/^switchboard_calls_total/{printf "%s=%s ", $5, $NF}')
  echo "$(basename $jar): sipp ok $ok failed $failed | started $(metric_sum switchboard_calls_started_total) ended $(metric_sum switchboard_calls_total) | none up after ${t} s | $ends"
  stop_gateway
  )
done
