#!/usr/bin/env bash
# starts.sh N DATA [jar-dir]: N starts of ./switchboard --no-build, each to /health 200, then SIGTERM
N=$1; DATA=$2; HOME_DIR=${3:-/work/main}
for i in $(seq 1 $N); do
  SWITCHBOARD_DATA=$DATA SWITCHBOARD_HTTP_PORT=18080 SWITCHBOARD_SIP_PORT=15060 setsid $HOME_DIR/switchboard --no-build > $DATA.log.$i 2>&1 < /dev/null &
  pid=$!
  t0=$(date +%s%N)
  for j in $(seq 1 600); do curl -sf -o /dev/null http://127.0.0.1:18080/health && break; sleep 0.02; done
  ms=$(( ($(date +%s%N)-t0)/1000000 ))
  jp=$(pgrep -f "switchboard.data=$DATA" | head -1)
  cpu=$(awk '{printf "%d", ($14+$15)*10}' /proc/$jp/stat 2>/dev/null)
  sleep ${IDLE:-2}
  rss=$(awk '/VmRSS/{print int($2/1024)}' /proc/$(pgrep -f "switchboard.data=$DATA" | head -1)/status 2>/dev/null)
  kill -TERM $pid; wait $pid 2>/dev/null
  echo "start $i: healthy ${ms} ms, cpu ${cpu} ms, rss ${rss} MiB"
done
