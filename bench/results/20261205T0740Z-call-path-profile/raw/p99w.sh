#!/usr/bin/env bash
# p99w.sh "<jvm opts>" ... : per variant a fresh gateway, W s (default 15) of warm-up at 400 calls/s, then M s (40)
# measured at 400: INVITE->200 OK percentiles (sipp rtt), young pauses in the measured window, CPU ms per call
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
for opts in "$@"; do
  rm -rf $WORK/config $WORK/data $WORK/s; mkdir -p $WORK/s/w $WORK/s/m
  export SWITCHBOARD_JAVA_OPTS="$opts -Xlog:gc:file=$WORK/s/gc.log:uptime"
  start_gateway "$HOME_DIR/bench/workspace.json"
  run() { (cd $1 && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r 400 -m $((400*$2)) -l 1600 -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -timeout $(($2+40))s >/dev/null 2>&1 || true); }
  run $WORK/s/w ${W:-15}
  up0=$(awk '{print $1}' /proc/uptime); c0=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); n0=$(jvm_metric switchboard_calls_started_total)
  t0=$(grep -c "Pause Young" $WORK/s/gc.log)
  run $WORK/s/m ${M:-40}
  c1=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); n1=$(jvm_metric switchboard_calls_started_total)
  p=$(ls $WORK/s/m/*_rtt.csv | head -1 | xargs awk -F';' 'NR>1 && $2!=""{print $2}' | sort -n | awk '{v[NR]=$1} END{print "n",NR,"p50",v[int(NR*.5)],"p95",v[int(NR*.95)],"p99",v[int(NR*.99)]}')
  g=$(grep "Pause Young" $WORK/s/gc.log | tail -n +$((t0+1)) | awk '{print $NF}' | sed 's/ms//' | sort -n | awk '{a[NR]=$1} END{printf "pauses %d median %.1f max %.1f", NR, a[int((NR+1)/2)], a[NR]}')
  h=$(grep "Pause Young" $WORK/s/gc.log | tail -1 | grep -o '[0-9]*M->[0-9]*M([0-9]*M)')
  stat=$(ls $WORK/s/m/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat")
  echo "[$opts] $p; $g; last $h; cpu $(awk -v c=$((c1-c0)) -v n=$((n1-n0)) 'BEGIN{printf "%.2f", c*10/n}') ms/call; ok $ok failed $failed"
  stop_gateway
done
