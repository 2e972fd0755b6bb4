#!/usr/bin/env bash
# warm.sh "<jvm opts>" ... : a fresh gateway takes RATE calls/s for DUR s right after healthy; JIT and JVM CPU per 10 s,
# failed calls, INVITE->200 p99 in the first 10 s and over all
HOME_DIR=/work/main
RATE=${RATE:-400}; DUR=${DUR:-40}
. "$HOME_DIR/bench/common.sh"
comp() { local t=0; for d in /proc/$JVM_PID/task/*; do n=$(cat $d/comm 2>/dev/null); case "$n" in C1*|C2*) t=$((t + $(awk '{print $(NF-38)+$(NF-37)}' $d/stat)));; esac; done; echo $((t*10)); }
all() { awk '{print ($14+$15)*10}' /proc/$JVM_PID/stat; }
for opts in "$@"; do
  rm -rf $WORK/config $WORK/data
  o="$opts"; [ "$o" = "-" ] && o=""
  export SWITCHBOARD_JAVA_OPTS="$o"
  start_gateway "$HOME_DIR/bench/workspace.json"
  D=$WORK/s; rm -rf $D; mkdir -p $D
  (cd $D && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $RATE -m $((RATE*DUR)) -l $((RATE*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -timeout $((DUR+40))s >/dev/null 2>&1) & SP=$!
  line="[$opts] healthy $HEALTHY_MS ms;"
  c0=$(comp); a0=$(all)
  for w in $(seq 10 10 $DUR); do
    sleep 10
    c1=$(comp); a1=$(all)
    line="$line ${w}s: jit $((c1-c0)) of $((a1-a0));"
    c0=$c1; a0=$a1
  done
  wait $SP
  stat=$(ls $D/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat")
  rtt=$(ls $D/*_rtt.csv | head -1)
  p1=$(awk -F';' 'NR>1 && $2!=""{print $2}' $rtt | head -n $((RATE*10)) | sort -n | awk '{v[NR]=$1} END{print v[int(NR*.99)]}')
  pa=$(awk -F';' 'NR>1 && $2!=""{print $2}' $rtt | sort -n | awk '{v[NR]=$1} END{print v[int(NR*.99)]}')
  echo "$line ok $ok failed $failed p99 first-10s $p1 all $pa"
  stop_gateway
done
