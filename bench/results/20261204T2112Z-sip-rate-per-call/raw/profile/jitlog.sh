#!/usr/bin/env bash
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
export SWITCHBOARD_JAVA_OPTS="-XX:+PrintCompilation"
start_gateway "$HOME_DIR/bench/workspace.json"
D=$WORK/s; mkdir -p $D
wc -l < $WORK/gateway.out > /tmp/sb/jit-start-lines
(cd $D && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r 400 -m 32000 -l 1600 -recv_timeout 10000 -nostdin -trace_stat -fd 1 -timeout 120s >/dev/null 2>&1)
cp $WORK/gateway.out /tmp/sb/jit.out
stop_gateway
