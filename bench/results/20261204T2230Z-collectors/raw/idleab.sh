#!/usr/bin/env bash
# idleab.sh "<jvm opts>" ... : per variant a fresh start (CDS on), healthy ms, RSS after 30 s and 60 s idle
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
for opts in "$@"; do
  export SWITCHBOARD_JAVA_OPTS="$opts"
  start_gateway >/dev/null 2>&1
  stop_gateway >/dev/null 2>&1
  launch_gateway >/dev/null 2>&1
  h=$HEALTHY_MS
  sleep 30; r30=$(rss_mib "$JVM_PID"); sleep 30; r60=$(rss_mib "$JVM_PID")
  echo "[$opts] healthy $h ms; rss 30s $r30 60s $r60 MiB"
  stop_gateway >/dev/null 2>&1
done
