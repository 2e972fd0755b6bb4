#!/usr/bin/env bash
# Live heap at 400 calls/s: 60 s into a 70 s load, a class histogram after a full GC (GC.class_histogram) and one
# without (-all); OPTS are added to the JVM options (the A/B used -Dsbx.linger=N, read by a build made for it).
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
rm -rf $WORK/config $WORK/data $WORK/s; mkdir -p $WORK/s/w
export SWITCHBOARD_JAVA_OPTS="${OPTS:-} -Xlog:gc*:file=/tmp/histo-gc.log:uptime"
start_gateway "$HOME_DIR/bench/workspace.json"
(cd $WORK/s/w && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r 400 -m $((400*70)) -l 1600 -recv_timeout 10000 -nostdin -timeout 110s >/dev/null 2>&1 || true) &
sleep 60
jcmd $JVM_PID GC.class_histogram -all > /tmp/histo-all.txt 2>&1
jcmd $JVM_PID GC.class_histogram > /tmp/histo-live.txt 2>&1
wait
stop_gateway
