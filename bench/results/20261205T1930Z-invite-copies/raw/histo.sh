#!/usr/bin/env bash
# a fresh gateway at RATE calls/s; a live histogram at 60 s under load and one 30 s after the load
HOME_DIR=/work/main
RATE=${RATE:-400}; DUR=${DUR:-80}
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
rm -rf $WORK/config $WORK/data
export SWITCHBOARD_JAVA_OPTS="${OPTS:-} -Xlog:gc*:file=$WORK/gc.log:uptime"
start_gateway "$HOME_DIR/bench/workspace.json"
D=$WORK/s; rm -rf $D; mkdir -p $D
(cd $D && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $RATE -m $((RATE*DUR)) -l $((RATE*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -timeout $((DUR+40))s >/dev/null 2>&1) & SP=$!
sleep 60
n0=$(jvm_metric switchboard_calls_started_total)
jmap -histo:live $JVM_PID > ${OUT:-/tmp/sb}/histo-load.txt
n1=$(jvm_metric switchboard_calls_started_total)
echo "calls started around the histogram: $n0 $n1"
wait $SP
stat=$(ls $D/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat"); echo "ok $ok failed $failed"
sleep 30
jmap -histo:live $JVM_PID > ${OUT:-/tmp/sb}/histo-idle.txt
cp $WORK/gc.log ${OUT:-/tmp/sb}/gc-histo.log
stop_gateway
