#!/usr/bin/env bash
# Hot upgrade under load (run on demand, not a test). The assembled gateway answers sipp's calls at a steady rate
# (bench/workspace.json: +15550902 holds each call 2 s, then hands it to an agent with a BYE that the scenario
# checks). At each rate it runs twice: once with no upgrade (the baseline of the same run), once while the ZCC
# adapter is upgraded through the deploy directory three times: a newer version side by side (the old one then
# uninstalled), the same file rewritten (an update in place), another newer version. Prints calls completed and
# failed and the longest gap between two consecutive 200 OKs, for both runs.
#
#   bench/hot-upgrade.sh [rate ...]          default rates: 100 200
#   SECONDS_PER_RATE=20 bench/hot-upgrade.sh
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RATES=("$@")
[ ${#RATES[@]} -gt 0 ] || RATES=(100 200)
DURATION=${SECONDS_PER_RATE:-20}
. "$HOME_DIR/bench/common.sh"
ADAPTER=$(ls "$HOME_DIR"/bundles/adapter-zcc/target/org.switchboard.adapter-zcc-*.jar | grep -v sources | head -n 1)
start_gateway "$HOME_DIR/bench/workspace.json"
DEPLOY="$WORK/deploy"

# run <label> <rate> [swap]: prints "ok failed longest_gap_ms"
run() {
  local label=$1 rate=$2 swap=${3:-}
  local dir="$WORK/$label-$rate" calls=$((rate * DURATION))
  mkdir -p "$dir"
  (cd "$dir" && exec sipp -sf "$HOME_DIR/bench/sipp/uac-agent-bye.xml" -s +15550902 -i 127.0.0.1 -p "$(free_port)" \
    -r "$rate" -m "$calls" -l $((rate * 6)) -recv_timeout 15000 -timeout $((DURATION * 3 + 60))s -nostdin \
    -trace_stat -fd 1 -trace_rtt -rtt_freq 1 "127.0.0.1:$SIP_PORT" >/dev/null 2>&1) &
  local sipp_pid=$!
  if [ -n "$swap" ]; then
    local step=$((DURATION / 4)) major=$((swap * 10))
    sleep "$step"
    java "$HOME_DIR/bench/Rebundle.java" "$ADAPTER" "$DEPLOY/zcc-a.jar" "0.1.$((major + 1))"   # beside, then the old goes
    sleep "$step"
    java "$HOME_DIR/bench/Rebundle.java" "$ADAPTER" "$DEPLOY/zcc-a.jar" "0.1.$((major + 1))"   # same version: in place
    sleep "$step"
    java "$HOME_DIR/bench/Rebundle.java" "$ADAPTER" "$DEPLOY/zcc-b.jar" "0.1.$((major + 2))"   # beside, then the old goes
    sleep 3
    rm -f "$DEPLOY/zcc-a.jar" # its bundle was replaced already: nothing is uninstalled
  fi
  wait "$sipp_pid" || true
  local stat rtt ok=0 failed=$calls gap=-
  stat=$(ls "$dir"/*_.csv 2>/dev/null | head -n 1)
  rtt=$(ls "$dir"/*_rtt.csv 2>/dev/null | head -n 1)
  if [ -n "$stat" ]; then
    read -r ok failed < <(sipp_counts "$stat")
  fi
  if [ -n "$rtt" ]; then
    gap=$(awk -F';' 'NR>1 && $1!=""{print $1}' "$rtt" | sort -n | awk 'NR>1 && $1-p>m{m=$1-p} {p=$1} END{printf "%.0f", m}')
  fi
  echo "$ok $failed $gap"
}

printf '\nHot upgrade of the ZCC adapter under load, %s s per run, UDP on loopback, %s cores\n\n' "$DURATION" "$(nproc)"
printf '| rate (calls/s) | no upgrade: ok / failed | longest gap between 200 OKs (ms) | 3 upgrades: ok / failed | longest gap (ms) |\n'
printf '|---:|---:|---:|---:|---:|\n'
n=0
for rate in "${RATES[@]}"; do
  n=$((n + 1))
  read -r bok bfail bgap < <(run baseline "$rate")
  read -r uok ufail ugap < <(run upgrade "$rate" "$n")
  printf '| %s | %s / %s | %s | %s / %s | %s |\n' "$rate" "$bok" "$bfail" "$bgap" "$uok" "$ufail" "$ugap"
done
printf '\nWhat the deploy directory did:\n'
grep -o 'Deploy: .*' "$WORK/data/log/switchboard.log" | sed 's/^/  /'
