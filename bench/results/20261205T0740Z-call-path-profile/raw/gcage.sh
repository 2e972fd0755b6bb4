#!/usr/bin/env bash
# gcage.sh: the gateway at RATE calls/s for DUR s (after WARM s at 400); young GCs logged with their survivor ages
# and phases (JOPTS adds JVM options). Prints the INVITE->200 percentiles of the measured run and the GC log's path.
set -euo pipefail
HOME_DIR=/work/main
RATE=${RATE:-400}; DUR=${DUR:-40}; OUT=/tmp/sb/p/gcage-$(date +%H%M%S)
mkdir -p $OUT
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_JAVA_OPTS="${JOPTS:-} -Xlog:gc*=debug,gc+age=trace:file=$OUT/gc.log:uptime"
start_gateway "$HOME_DIR/bench/workspace.json"
sipp_run() { (cd $OUT && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $1 -m $(($1*$2)) -l $(($1*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -timeout $(($2+40))s >/dev/null 2>&1 || true); }
sipp_run 400 ${WARM:-30}
mkdir -p $OUT/warm; mv $OUT/*.csv $OUT/warm/ 2>/dev/null || true
sipp_run $RATE $DUR
ls $OUT/*_rtt.csv | head -1 | xargs awk -F';' 'NR>1 && $2!=""{print $2}' | sort -n | awk '{v[NR]=$1} END{print "n",NR,"p50",v[int(NR*.5)],"p95",v[int(NR*.95)],"p99",v[int(NR*.99)]}'
jmap -histo:live $JVM_PID > $OUT/histo.txt
echo $OUT
