#!/usr/bin/env bash
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
start_gateway; stop_gateway; launch_gateway; stop_gateway
export SWITCHBOARD_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/sb/jfr/start.jfr,settings=/tmp/sb/jfr/comp.jfc ${EXTRA:-}"
launch_gateway; echo "healthy $HEALTHY_MS"
jcmd $JVM_PID JFR.dump filename=/tmp/sb/jfr/start.jfr >/dev/null
stop_gateway
