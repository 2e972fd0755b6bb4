#!/usr/bin/env bash
# steady.sh "<jvm opts>" ... : per variant, 400 calls/s for DUR s; CPU ms per call and KiB per call in 20 s windows
HOME_DIR=/work/main
RATE=${RATE:-400}; DUR=${DUR:-160}
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
for opts in "$@"; do
  rm -rf $WORK/config $WORK/data
  jo=$opts
  if [[ "$jo" == jar=* ]]; then j=${jo%% *}; cp ${j#jar=} $HOME_DIR/features/target/switchboard.jar; touch $HOME_DIR/features/target/switchboard.jar; jo=${jo#"$j"}; fi
  export SWITCHBOARD_JAVA_OPTS="$jo"
  start_gateway "$HOME_DIR/bench/workspace.json"
  D=$WORK/s; rm -rf $D; mkdir -p $D
  (cd $D && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $RATE -m $((RATE*DUR)) -l $((RATE*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -timeout $((DUR+40))s >/dev/null 2>&1) & SP=$!
  line="$opts:"
  c0=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); a0=$(jvm_metric jvm_allocated_bytes_total); n0=$(jvm_metric switchboard_calls_started_total)
  for w in $(seq 20 20 $DUR); do
    sleep 20
    c1=$(awk '{print $14+$15}' /proc/$JVM_PID/stat); a1=$(jvm_metric jvm_allocated_bytes_total); n1=$(jvm_metric switchboard_calls_started_total)
    line="$line [${w}s $(awk -v c=$((c1-c0)) -v n="$n1" -v m="$n0" -v a="$a1" -v b="$a0" 'BEGIN{printf "%.2f ms %.0f KiB", c*10/(n-m), (a-b)/(n-m)/1024}')]"
    c0=$c1; a0=$a1; n0=$n1
  done
  wait $SP
  stat=$(ls $D/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat")
  echo "$line ok $ok failed $failed"
  stop_gateway
done
