#!/usr/bin/env bash
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
start_gateway >/dev/null 2>&1; stop_gateway >/dev/null 2>&1
export SWITCHBOARD_JAVA_OPTS="-agentpath:/tmp/apdl/x/linux-x64/libasyncProfiler.so=start,event=wall,interval=5ms,threads,file=/tmp/sb/startwall-$1.collapsed,collapsed"
launch_gateway >/dev/null 2>&1
echo "healthy $HEALTHY_MS"
stop_gateway >/dev/null 2>&1
