#!/usr/bin/env bash
# gcab.sh "<opts A>" "<opts B>" ... : each variant: fresh gateway, 15 s warm-up at RATE, 30 s measured; p50/p95/p99 + young pauses in window
HOME_DIR=/work/main
RATE=${RATE:-400}; MEAS=${MEAS:-30}
. "$HOME_DIR/bench/common.sh"
sipp_run() { (cd $1 && sipp -sf $HOME_DIR/bench/sipp/uac-bot-hangup.xml -s +15550900 127.0.0.1:$SIP_PORT -i 127.0.0.1 -p $(free_port) -r $2 -m $(($2*$3)) -l $(($2*4)) -recv_timeout 10000 -nostdin -trace_stat -fd 1 -trace_rtt -rtt_freq 1 -timeout $(($3+40))s >/dev/null 2>&1 || true); }
for round in $(seq 1 ${ROUNDS:-1}); do
i=0
for opts in "$@"; do
  i=$((i+1)); D=$WORK/v$i-$round; mkdir -p $D/w $D/m
  rm -rf $WORK/config $WORK/data
  jo=${opts%%|*}; su=""; [[ "$opts" == *"|"* ]] && su=${opts#*|}
  if [[ "$jo" == jar=* ]]; then j=${jo%% *}; cp ${j#jar=} $HOME_DIR/features/target/switchboard.jar; jo=${jo#"$j"}; fi
  export SWITCHBOARD_CDS=off
  export SWITCHBOARD_JAVA_OPTS="$jo -Xlog:gc:file=$D/gc.log:uptime"
  cp -r "$HOME_DIR/felix-config" "$WORK/config"; mkdir -p $WORK/data/db
  [ -z "$su" ] || sed -i "s|^url=.*|url=jdbc:h2:file:$WORK/data/db/switchboard;DB_CLOSE_ON_EXIT=FALSE$su|" $WORK/config/org.switchboard.store.cfg
  SIP_PORT=$(free_port); HTTP_PORT=$(free_port)
  sed -i "s|^path=.*|path=$HOME_DIR/bench/workspace.json|" "$WORK/config/org.switchboard.workspace.cfg"
  sed -i "s|^max.calls=.*|max.calls=0|; s|^max.calls.per.second=.*|max.calls.per.second=0|" "$WORK/config/org.switchboard.sip.cfg"
  launch_gateway
  sipp_run $D/w $RATE 15
  T0=$(awk '/Pause/{t=substr($1,2)+0} END{print t}' $D/gc.log)
  sipp_run $D/m $RATE $MEAS
  stat=$(ls $D/m/*_.csv | head -1); read -r ok failed < <(sipp_counts "$stat")
  p=$(awk -F';' 'NR>1 && $2!=""{print $2}' $D/m/*_rtt.csv | sort -n | awk '{v[NR]=$1} END{printf "p50 %s p95 %s p99 %s", v[int(NR*.5)],v[int(NR*.95)],v[int(NR*.99)]}')
  g=$(awk -v t0=$T0 '/Pause Young/{t=substr($1,2)+0; if(t>t0){n++; ms=$NF; sub("ms","",ms); s+=ms; if(ms>m)m=ms}} END{printf "young %d mean %.1f max %.1f total %.0f ms", n, s/n, m, s}' $D/gc.log)
  cpu=$(awk '{print $14+$15}' /proc/$JVM_PID/stat)
  alloc=$(awk -v t0=$T0 '/Pause Young/{t=substr($1,2)+0; if(t>t0){split($0,a,"->"); b=a[1]; sub(/.* /,"",b); sub("M","",b); c=a[2]; sub(/\(.*/,"",c); sub("M","",c); s+=b-prev; prev=c}} END{print s}' $D/gc.log)
  echo "[$round] v$i gcMB $alloc ok $ok fail $failed $p | $g | cpu ${cpu}t | $opts"
  stop_gateway
done
done
