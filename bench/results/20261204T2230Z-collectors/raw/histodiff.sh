#!/usr/bin/env bash
# histodiff.sh: 400 calls/s for 45 s; live histogram at 40 s; then one 12 s after the load stops
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
start_gateway "$HOME_DIR/bench/workspace.json" >/dev/null 2>&1
mkdir -p $WORK/s
(cd $WORK/s && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r 400 -m 18000 -l 1600 -recv_timeout 10000 -nostdin -timeout 90s >/dev/null 2>&1) & SP=$!
sleep 40; jmap -histo:live $JVM_PID > /tmp/sb/histo-load.txt
wait $SP
sleep 12; jmap -histo:live $JVM_PID > /tmp/sb/histo-after.txt
stop_gateway >/dev/null 2>&1
