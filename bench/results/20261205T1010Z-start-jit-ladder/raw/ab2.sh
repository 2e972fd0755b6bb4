#!/bin/bash
# alternating: A = ./switchboard (new) on data-a, B = switchboard.old on data-b
# switchboard.old: the committed ./switchboard (git show HEAD:switchboard), ./switchboard: the trial (launch.keep=true, the build mark); both on a jar built with -digests: SHA-1
N=${N:-8}
one() { D=$1; S=$2; t0=$(date +%s%N)
  SWITCHBOARD_CONFIG=/tmp/st/config SWITCHBOARD_DATA=$D SWITCHBOARD_SIP_PORT=25060 SWITCHBOARD_HTTP_PORT=28080 SWITCHBOARD_ADMIN_PASSWORD=bench-only-password /work/main/$S --no-build > $D.log 2>&1 < /dev/null &
  P=$!
  until curl -sf http://127.0.0.1:28080/health >/dev/null 2>&1; do sleep 0.02; kill -0 $P 2>/dev/null || { echo dead; return; }; done
  ms=$((($(date +%s%N)-t0)/1000000))
  J=$(pgrep -f "switchboard.data=$D" | head -1); cpu=$(awk '{print ($14+$15)*10}' /proc/$J/stat)
  echo "$ms/$cpu"
  sleep 1; kill $P; wait $P 2>/dev/null
  while pgrep -f "switchboard.data=$D" >/dev/null; do sleep 0.1; done
}
one /tmp/st/data-a switchboard >/dev/null; one /tmp/st/data-b switchboard.old >/dev/null
a=(); b=()
for i in $(seq 1 $N); do a+=($(one /tmp/st/data-a switchboard)); b+=($(one /tmp/st/data-b switchboard.old)); done
med() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
echo "A new: ${a[*]} median wall $(med "${a[@]%%/*}") cpu $(med "${a[@]##*/}")"
echo "B old: ${b[*]} median wall $(med "${b[@]%%/*}") cpu $(med "${b[@]##*/}")"
