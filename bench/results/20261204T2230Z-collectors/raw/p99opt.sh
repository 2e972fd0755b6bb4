#!/usr/bin/env bash
# p99h2.sh "<h2 url options>" ... : like p99gc.sh, the store URL with extra H2 options (G1 default)
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
for h2 in "$@"; do
  rm -rf $WORK/config $WORK/data $WORK/s; mkdir -p $WORK/s/w $WORK/s/m
  export SWITCHBOARD_JAVA_OPTS="${h2/#none/} -Xlog:gc*:file=$WORK/s/gc.log:uptime"
  cp -r "$HOME_DIR/felix-config" "$WORK/config"
  sed -i "s|^path=.*|path=$HOME_DIR/bench/workspace.json|" "$WORK/config/org.switchboard.workspace.cfg"
  sed -i "s|^max.calls=.*|max.calls=0|; s|^max.calls.per.second=.*|max.calls.per.second=0|" "$WORK/config/org.switchboard.sip.cfg"

  SIP_PORT=$(free_port); HTTP_PORT=$(free_port); launch_gateway
  run() { (cd $1 && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r 400 -m $((400*$2)) -l 1600 -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -timeout $(($2+40))s >/dev/null 2>&1 || true); }
  run $WORK/s/w ${WARM:-15}
  c0=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); n0=$(jvm_metric switchboard_calls_started_total)
  t0=$(grep -c "Pause Young" $WORK/s/gc.log)
  run $WORK/s/m 40
  c1=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); n1=$(jvm_metric switchboard_calls_started_total)
  p=$(ls $WORK/s/m/*_rtt.csv | head -1 | xargs awk -F';' 'NR>1 && $2!=""{print $2}' | sort -n | awk '{v[NR]=$1} END{print "n",NR,"p50",v[int(NR*.5)],"p95",v[int(NR*.95)],"p99",v[int(NR*.99)]}')
  g=$(grep -E "Pause Young.*ms$" $WORK/s/gc.log | tail -n +$((t0+1)) | awk '{print $NF}' | sed 's/ms//' | sort -n | awk '{a[NR]=$1} END{printf "pauses %d median %.1f max %.1f", NR, a[int((NR+1)/2)], a[NR]}')
  stat=$(ls $WORK/s/m/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat")
  tag=$RANDOM; cp $WORK/s/gc.log /tmp/sb/gc-$tag.log; cp $(ls $WORK/s/m/*_rtt.csv | head -1) /tmp/sb/rtt-$tag.csv
  jmap -histo:live $JVM_PID > /tmp/sb/histo-$tag.txt 2>/dev/null
  echo "[$h2] $p; $g; cpu $(awk -v c=$((c1-c0)) -v n=$((n1-n0)) 'BEGIN{printf "%.2f", c*10/n}') ms/call; ok $ok failed $failed; tag $tag"
  stop_gateway >/dev/null 2>&1
done
