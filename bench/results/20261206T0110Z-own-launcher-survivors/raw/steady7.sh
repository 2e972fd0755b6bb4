#!/usr/bin/env bash
# steady2.sh variant...: variant = "url=<suffix>" (appended to the H2 URL) | "opts=<jvm opts>" | "jar=<path>"
HOME_DIR=/work/main
RATE=${RATE:-400}; DUR=${DUR:-100}
. "$HOME_DIR/bench/common.sh"; n=0
export SWITCHBOARD_CDS=off
for v in "$@"; do
  rm -rf $WORK/config $WORK/data
  jo=""
  case "$v" in opts=*) jo=${v#opts=};; jar=*) cp ${v#jar=} $HOME_DIR/features/target/switchboard.jar; touch $HOME_DIR/features/target/switchboard.jar;; esac
  export SWITCHBOARD_JAVA_OPTS="$jo -Xlog:gc:file=$WORK/gc.log:uptime -Xlog:gc+phases=debug,gc+age=trace:file=$WORK/phases.log:uptime"
  start_gateway "$HOME_DIR/bench/workspace.json"
  if [[ "$v" == sip=* ]]; then
    stop_gateway
    echo "${v#sip=}" >> $WORK/config/org.switchboard.sip.cfg
    launch_gateway
  fi
  if [[ "$v" == url=* ]]; then
    stop_gateway
    sed -i "s|^url=.*|url=jdbc:h2:file:$WORK/data/db/switchboard;DB_CLOSE_ON_EXIT=FALSE${v#url=}|" $WORK/config/org.switchboard.store.cfg
    launch_gateway
  fi
  D=$WORK/s; rm -rf $D; mkdir -p $D
  (cd $D && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $RATE -m $((RATE*DUR)) -l $((RATE*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -trace_err -timeout $((DUR+40))s >/dev/null 2>&1) & SP=$!
  sleep $((DUR-40)); t1=$(awk '{print $1}' /proc/uptime)
  st0=$(awk '/^cpu /{print $9}' /proc/stat); c0=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); a0=$(jvm_metric jvm_allocated_bytes_total); n0=$(jvm_metric switchboard_calls_started_total)
  sleep 30
  st1=$(awk '/^cpu /{print $9}' /proc/stat); c1=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); a1=$(jvm_metric jvm_allocated_bytes_total); n1=$(jvm_metric switchboard_calls_started_total)
  H=$(jmap -histo:live $JVM_PID | awk '/SIPClientTransactionImpl$/{c=$2} /Total/{t=$3} END{printf "clientTx %d live %.1f MB", c, t/1048576}'); wait $SP
  stat=$(ls $D/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat")
  p99=$(ls $D/*_rtt.csv | head -1 | xargs awk -F';' 'NR>1 && $2!=""{print $2}' | tail -n +$((RATE*40)) | sort -n | awk '{v[NR]=$1} END{print "p50",v[int(NR*.5)],"p99",v[int(NR*.99)],"p999",v[int(NR*.999)]}')
  gc=$(grep "Pause Young" $WORK/gc.log | awk -F'[][]' '{t=$2; sub("s","",t); if (t>60) print t, $NF}' | awk '{ms=$NF; sub("ms","",ms); n++; s+=ms; if (n==1) f=$1; l=$1} END{printf "young %d pauses mean %.1f ms every %.2f s", n, s/n, (l-f)/(n-1)}')
  echo "$v: last-30s $(awk -v c=$((c1-c0)) -v n="$n1" -v m="$n0" -v a="$a1" -v b="$a0" 'BEGIN{printf "%.2f ms/call %.0f KiB/call", c*10/(n-m), (a-b)/(n-m)/1024}') ok $ok failed $failed $p99 | $gc | $H | steal $((st1-st0)) ticks"
  echo "  absorbed $(jvm_metric switchboard_invite_retransmissions_absorbed_total) rejected: $(curl -s http://127.0.0.1:$HTTP_PORT/metrics | grep ^switchboard_invites_rejected_total | tr "\n" " ")"; sleep ${IDLE:-0}; [ -z "${IDLE:-}" ] || echo "  idle ${IDLE}s after the load: RSS $(rss_mib $JVM_PID) MiB"; rm -rf ./last; mkdir -p ./last; cp -r $D $WORK/gc.log $WORK/phases.log ./last/; rm -rf ./last-$n; cp -r ./last ./last-$n; python3 /tmp/sb/phases.py $WORK/phases.log; [ -z "${KEEPJ:-}" ] || jcmd $JVM_PID Thread.print > ./last/threads.txt; n=$((n+1)); mkdir -p ./logs-$n; cp -r $WORK/data/log $WORK/gateway.out ./logs-$n/ 2>/dev/null; stop_gateway
done
