#!/usr/bin/env bash
# The whole benchmark suite in one command (run on demand, not a test; it is not part of CI). Runs, one after the
# other so they do not disturb each other: start-up time and idle memory, the SIP call rate (against sipp's own UAS,
# Kamailio and the JAIN-SIP RI alone), the answer latency held at 400 calls/s (against the RI alone), concurrent
# media calls (against sipp's UAS echoing RTP), grammar ASR streams, the Conversation Details API
# (against /health/live of the same server), hot upgrades under load, and optionally a soak at half the highest clean
# call rate. Each benchmark's table and raw data go to bench/results/<UTC time>/ (raw data packed into raw.tar.gz),
# with SVG charts of the call rate's throughput and latency curves (and of the soak's memory); then the suite's one
# table (summary.md) is printed.
#
#   bench/run.sh                  the full suite, about 30 minutes on 2 cores
#   bench/run.sh --quick          shorter steps and fewer levels, about 10 minutes
#   bench/run.sh --soak 30        then a 30-minute soak
#   bench/run.sh --only sip-rate,startup
set -euo pipefail
HOME_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUICK=0
SOAK=0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --soak) SOAK=${2:?--soak needs minutes}; shift ;;
    --only) ONLY=${2:?--only needs names}; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
command -v sipp >/dev/null || { echo "sipp is required (apt-get install -y sip-tester)" >&2; exit 2; }
[ -f "$HOME_DIR/features/target/switchboard.jar" ] || (cd "$HOME_DIR" && mvn -B -q -DskipTests install)
export RESULTS_DIR="$HOME_DIR/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS_DIR"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git -C "$HOME_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$HOME_DIR" diff --quiet 2>/dev/null || echo ' (with changes)')"
  echo "cores: $(nproc), memory: $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "cpu: $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "sipp: $(sipp -v 2>&1 | grep -o 'SIPp v[^ ]*' | head -n 1)"
  echo "mode: $([ "$QUICK" = 1 ] && echo quick || echo full)$([ "$SOAK" = 0 ] || echo ", soak $SOAK min")"
} >"$RESULTS_DIR/machine.txt"

wanted() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
# step <name> <command...>: runs a benchmark, its table to <name>.md; a failed benchmark is noted, the suite goes on
step() {
  local name=$1
  shift
  wanted "$name" || return 0
  echo "== $name" >&2
  local t0=$SECONDS
  if ! "$@" 2>"$RESULTS_DIR/$name.err" | sed -u 's/\x1b\[[0-9;]*m//g' | tee "$RESULTS_DIR/$name.md"; then
    echo "$name failed (see $RESULTS_DIR/$name.err)" | tee -a "$RESULTS_DIR/failures.txt" >&2
  fi
  sed -i 's/\x1b\[[0-9;]*m//g' "$RESULTS_DIR/$name.err"
  [ -n "$(tr -d '[:space:]' <"$RESULTS_DIR/$name.err")" ] || rm -f "$RESULTS_DIR/$name.err"
  echo "$name: $((SECONDS - t0)) s" >>"$RESULTS_DIR/durations.txt"
}

if [ "$QUICK" = 1 ]; then
  step startup env RUNS=2 IDLE_S=15 "$HOME_DIR/bench/startup.sh"
  step sip-rate env SECONDS_PER_RATE=3 "$HOME_DIR/bench/sip-rate.sh" 100 200 400 800 1600
  step answer-latency env HOLD_S=40 WINDOW_S=20 ROUNDS=1 "$HOME_DIR/bench/answer-latency.sh"
  step media-calls env SECONDS_PER_LEVEL=10 "$HOME_DIR/bench/media-calls.sh" 100 250 500
  command -v flite >/dev/null && step asr env SECONDS_PER_LEVEL=10 "$HOME_DIR/bench/asr.sh" 1 10 30
  step details-api env CALLS=200 SECONDS_PER_STEP=5 "$HOME_DIR/bench/details-api.sh" 1 4 16
  step store-writes "$HOME_DIR/bench/store-writes.sh"
  step hot-upgrade env SECONDS_PER_RATE=12 "$HOME_DIR/bench/hot-upgrade.sh" 100
  command -v kamailio >/dev/null && step cluster env SECONDS_PER_RATE=5 "$HOME_DIR/bench/cluster.sh" 100 200 300
else
  step startup "$HOME_DIR/bench/startup.sh"
  step sip-rate "$HOME_DIR/bench/sip-rate.sh"
  step answer-latency "$HOME_DIR/bench/answer-latency.sh"
  step media-calls "$HOME_DIR/bench/media-calls.sh"
  command -v flite >/dev/null && step asr "$HOME_DIR/bench/asr.sh"
  step details-api "$HOME_DIR/bench/details-api.sh"
  step store-writes "$HOME_DIR/bench/store-writes.sh"
  step hot-upgrade "$HOME_DIR/bench/hot-upgrade.sh"
  command -v kamailio >/dev/null && step cluster "$HOME_DIR/bench/cluster.sh"
fi
command -v flite >/dev/null || echo "asr skipped: flite is not installed (apt-get install -y flite)" \
  | tee -a "$RESULTS_DIR/failures.txt" >&2
if [ "$SOAK" != 0 ]; then
  best=$(tail -n 1 "$RESULTS_DIR/sip-rate-best.csv" 2>/dev/null | cut -d, -f1)
  step soak "$HOME_DIR/bench/soak.sh" "$SOAK" "$(( ${best:-400} / 2 > 0 ? ${best:-400} / 2 : 100 ))"
fi

CHART="$HOME_DIR/bench/Chart.java"
if [ -f "$RESULTS_DIR/sip-rate.csv" ]; then
  java "$CHART" "$RESULTS_DIR/sip-rate.csv" "$RESULTS_DIR/sip-rate-throughput.svg" \
    "Calls completed per second vs offered rate" "offered rate (calls/s)" "completed calls/s" rate \
    gw_cps=Switchboard uas_cps="sipp UAS (baseline)" gw_failed="Switchboard failed calls" --log-x
  java "$CHART" "$RESULTS_DIR/sip-rate.csv" "$RESULTS_DIR/sip-rate-latency.svg" \
    "INVITE to 200 OK latency vs offered rate" "offered rate (calls/s)" "ms" rate \
    gw_p50="Switchboard p50" gw_p99="Switchboard p99" uas_p99="sipp UAS p99" --log-x --log-y
fi
if [ -f "$RESULTS_DIR/soak.csv" ]; then
  java "$CHART" "$RESULTS_DIR/soak.csv" "$RESULTS_DIR/soak-memory.svg" "Memory during the soak" "minutes" "MiB" \
    minutes heap_used_mib="heap used" heap_committed_mib="heap committed" rss_mib="resident"
fi
if [ -d "$RESULTS_DIR/raw" ]; then
  tar -C "$RESULTS_DIR" -czf "$RESULTS_DIR/raw.tar.gz" raw && rm -rf "$RESULTS_DIR/raw"
fi
java "$HOME_DIR/bench/Summary.java" "$RESULTS_DIR" >"$RESULTS_DIR/summary.md"
printf '\nSwitchboard benchmark suite (%s)\n\n' "$(tr '\n' ';' <"$RESULTS_DIR/machine.txt" | sed 's/;$//; s/;/; /g')"
cat "$RESULTS_DIR/summary.md"
[ ! -s "$RESULTS_DIR/failures.txt" ] || { printf '\n'; cat "$RESULTS_DIR/failures.txt"; }
printf '\nTables, raw data and charts: %s\n' "$RESULTS_DIR"
