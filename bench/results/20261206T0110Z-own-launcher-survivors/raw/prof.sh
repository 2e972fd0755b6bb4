#!/usr/bin/env bash
# prof.sh <event> <rate> : gateway at <rate> calls/s for 40 s after 15 s warm-up; async-profiler <event> 15 s mid-load
set -euo pipefail
HOME_DIR=/work/main
EV=${1:-alloc}; RATE=${2:-400}; OUT=/tmp/sb/p/${EV//,/-}-$RATE-$(date +%H%M%S)
mkdir -p $OUT
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_JAVA_OPTS="${JOPTS:-} -Xlog:gc:file=$OUT/gc.log:uptime"
start_gateway "$HOME_DIR/bench/workspace.json"
echo "healthy $HEALTHY_MS pid $JVM_PID"
LIB=/tmp/apdl/linux-x64/libasyncProfiler.so
sipp_run() { (cd $OUT && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $1 -m $(($1*$2)) -l $(($1*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -timeout $(($2+40))s >/dev/null 2>&1 || true); }
sipp_run 400 ${WARM:-15}
mkdir -p $OUT/run; mv $OUT/*.csv $OUT/run/ 2>/dev/null || true
( sleep 10; C0=$(awk "{print \$14+\$15}" /proc/$JVM_PID/stat); jcmd $JVM_PID JVMTI.agent_load $LIB "\"start,event=$EV,interval=${INTERVAL:-512k},threads\""; sleep ${WINDOW:-15}; C1=$(awk "{print \$14+\$15}" /proc/$JVM_PID/stat); echo "cpu ticks in ${WINDOW:-15} s: $((C1-C0))"; [ -z "${PREGC:-}" ] || jcmd $JVM_PID GC.run >/dev/null; jcmd $JVM_PID JVMTI.agent_load $LIB "\"stop,file=$OUT/prof.collapsed,collapsed${TOTAL:+,total}\""; jmap -histo:live $JVM_PID > $OUT/histo.txt ) & PP=$!
sipp_run $RATE 40
wait $PP
ls $OUT/*_rtt.csv | head -1 | xargs awk -F';' 'NR>1 && $2!=""{print $2}' | sort -n | awk '{v[NR]=$1} END{print "n",NR,"p50",v[int(NR*.5)],"p95",v[int(NR*.95)],"p99",v[int(NR*.99)]}'
grep "Pause Young" $OUT/gc.log | tail -5
echo $OUT
