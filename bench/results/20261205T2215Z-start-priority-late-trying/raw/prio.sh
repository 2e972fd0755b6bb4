#!/usr/bin/env bash
# alternating later starts: healthy ms and CPU at healthy per variant (VARIANTS separated by '|', "-" = none)
HOME_DIR=/work/main
. "$HOME_DIR/bench/common.sh"
IFS='|' read -r -a vs <<<"${VARIANTS}"
start_gateway; stop_gateway   # first start: migrations, CDS archive
launch_gateway; stop_gateway
for r in $(seq 1 ${ROUNDS:-4}); do
  for v in "${vs[@]}"; do
    o="$v"; [ "$o" = "-" ] && o=""
    export SWITCHBOARD_JAVA_OPTS="$o"
    launch_gateway
    read -r ut st < <(awk '{print $(NF-38), $(NF-37)}' /proc/$JVM_PID/stat)
    echo "round $r [$v] healthy $HEALTHY_MS ms cpu $(( (ut+st)*10 )) ms"
    stop_gateway
  done
done
