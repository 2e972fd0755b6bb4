#!/usr/bin/env bash
# c2cpu.sh "<jvm opts>" ... : per variant, 400 calls/s for 100 s; every 20 s the compiler threads' and the whole JVM's CPU (ms)
HOME_DIR=/work/main
RATE=${RATE:-400}; DUR=${DUR:-100}
. "$HOME_DIR/bench/common.sh"
export SWITCHBOARD_CDS=off
comp() { local t=0; for d in /proc/$JVM_PID/task/*; do n=$(cat $d/comm 2>/dev/null); case "$n" in C1*|C2*) t=$((t + $(awk '{print $14+$15}' $d/stat)));; esac; done; echo $((t*10)); }
all() { awk '{print ($14+$15)*10}' /proc/$JVM_PID/stat; }
for opts in "$@"; do
  rm -rf $WORK/config $WORK/data
  export SWITCHBOARD_JAVA_OPTS="$opts"
  start_gateway "$HOME_DIR/bench/workspace.json"
  D=$WORK/s; rm -rf $D; mkdir -p $D
  (cd $D && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $RATE -m $((RATE*DUR)) -l $((RATE*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -timeout $((DUR+40))s >/dev/null 2>&1) & SP=$!
  line="[$opts] at start: jit $(comp) ms of $(all) ms;"
  c0=$(comp); a0=$(all)
  for w in $(seq 20 20 $DUR); do
    sleep 20
    c1=$(comp); a1=$(all)
    line="$line [${w}s jit $((c1-c0)) of $((a1-a0))]"
    c0=$c1; a0=$a1
  done
  wait $SP
  stat=$(ls $D/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat")
  echo "$line ok $ok failed $failed"
  stop_gateway
done
