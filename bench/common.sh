# Shared by the benchmark scripts (sourced): needs HOME_DIR; checks sipp and the assembly, makes WORK (removed at
# exit with the gateway and EXTRA_PIDS stopped), free_port and start_gateway.
command -v sipp >/dev/null || { echo "sipp is required (apt-get install -y sip-tester)" >&2; exit 2; }
[ -f "$HOME_DIR/features/target/switchboard.jar" ] || (cd "$HOME_DIR" && mvn -B -q -DskipTests install -pl features -am)
WORK=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
# a free local port (TCP probe; the gateway binds UDP and TCP), below the kernel's ephemeral range (32768 and up on
# Linux): a port in that range may be the local port of an outgoing connection by the time something binds it, and
# Jetty once failed to start on "Failed to bind" that way. RTP takes 10000-20000 (rtp.port.min/max).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12768))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
GW_PID=""
EXTRA_PIDS=()
cleanup() {
  [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
  for p in "${EXTRA_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# start_gateway [workspace.json]: the assembled gateway on free ports (SIP_PORT, HTTP_PORT), data in $WORK/data,
# the default configuration but the given workspace and the overload limits of MAX_CALLS and MAX_CALLS_PER_SECOND
# (default 0: none, so that what is measured is the gateway, not its limits); waits for /health; sets GW_PID,
# JVM_PID (the java process), HEALTHY_MS (launch to the first healthy answer, polled every 50 ms) and READY_MS
# (launch to the speech engines loaded as well).
PASSWORD=bench-only-password
start_gateway() {
  cp -r "$HOME_DIR/felix-config" "$WORK/config"
  [ -z "${1:-}" ] || sed -i "s|^path=.*|path=$1|" "$WORK/config/org.switchboard.workspace.cfg"
  sed -i "s|^max.calls=.*|max.calls=${MAX_CALLS:-0}|; s|^max.calls.per.second=.*|max.calls.per.second=${MAX_CALLS_PER_SECOND:-0}|" \
    "$WORK/config/org.switchboard.sip.cfg"
  SIP_PORT=$(free_port)
  HTTP_PORT=$(free_port)
  launch_gateway
}
# launch_gateway: starts the gateway again with the configuration and data of the last start_gateway
launch_gateway() {
  local t0
  t0=$(date +%s%N)
  SWITCHBOARD_CONFIG="$WORK/config" SWITCHBOARD_DATA="$WORK/data" SWITCHBOARD_SIP_PORT=$SIP_PORT \
    SWITCHBOARD_HTTP_PORT=$HTTP_PORT SWITCHBOARD_ADMIN_PASSWORD=$PASSWORD \
    "$HOME_DIR/switchboard" --no-build >>"$WORK/gateway.out" 2>&1 </dev/null &
  GW_PID=$!
  LAUNCH_END="no healthy answer within 180 s"
  for _ in $(seq 1 3600); do
    curl -sf --max-time 2 "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1 && { LAUNCH_END=""; break; }
    kill -0 "$GW_PID" 2>/dev/null || { LAUNCH_END="process $GW_PID (./switchboard) exited"; break; }
    sleep 0.05
  done
  [ -z "$LAUNCH_END" ] || not_started "$t0"
  curl -sf --max-time 5 "http://127.0.0.1:$HTTP_PORT/health" >/dev/null \
    || { LAUNCH_END="/health answered 200, then not"; not_started "$t0"; }
  HEALTHY_MS=$((($(date +%s%N) - t0) / 1000000))
  JVM_PID=$(pgrep -f "switchboard.data=$WORK/data" | head -n 1)
  # healthy serves calls; the speech engines load after that (degraded: "... loading (...)" until they are ready)
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$HTTP_PORT/health" 2>/dev/null | grep -q ' loading (\| starting (' || break
    sleep 0.05
  done
  READY_MS=$((($(date +%s%N) - t0) / 1000000))
}
# not_started <launch ns>: why a start did not become healthy (its log, /health's answer, the JVM's threads), then exit
not_started() {
  local pid
  pid=$(pgrep -f "switchboard.data=$WORK/data" | head -n 1)
  echo "gateway did not start ($((($(date +%s%N) - $1) / 1000000)) ms after launch: $LAUNCH_END):" >&2
  cat "$WORK/gateway.out" >&2
  if [ -n "$pid" ]; then
    echo "--- its JVM $pid is still up; /health answers:" >&2
    curl -s --max-time 5 -w ' (HTTP %{http_code})\n' "http://127.0.0.1:$HTTP_PORT/health" >&2 || true
    echo "--- its threads:" >&2
    jstack "$pid" >&2 2>&1 || true
  else
    echo "--- its JVM is gone" >&2
  fi
  exit 1
}
# stop_gateway: stops it and waits for its JVM to be gone
stop_gateway() {
  [ -n "$GW_PID" ] || return 0
  kill "$GW_PID" 2>/dev/null || true
  wait "$GW_PID" 2>/dev/null || true
  while [ -n "${JVM_PID:-}" ] && kill -0 "$JVM_PID" 2>/dev/null; do sleep 0.1; done
  GW_PID=""
}
# When RESULTS_DIR is set (bench/run.sh sets it), a script keeps its raw data there:
#   result <name> <csv line>   appends a line to $RESULTS_DIR/<name>.csv (its first call should write the header)
#   keep <path> <name>         copies a file or directory of raw data (sipp's statistics...) to $RESULTS_DIR/raw/<name>
result() {
  [ -n "${RESULTS_DIR:-}" ] || return 0
  printf '%s\n' "$2" >>"$RESULTS_DIR/$1.csv"
}
keep() {
  [ -n "${RESULTS_DIR:-}" ] && [ -e "$1" ] || return 0
  mkdir -p "$RESULTS_DIR/raw"
  cp -r "$1" "$RESULTS_DIR/raw/$2"
}
# jvm_metric <name> [label filter]: a value from the gateway's /metrics, e.g. jvm_metric jvm_memory_used_bytes 'area="heap"'
# (awk reads to the end: leaving early would fail curl with SIGPIPE, and the script with pipefail)
jvm_metric() {
  curl -sf "http://127.0.0.1:$HTTP_PORT/metrics" | awk -v n="$1" -v l="${2:-}" \
    '!found && ($1 == n || (index($1, n "{") == 1 && (l == "" || index($1, l) > 0))) {print $2; found = 1}'
}
# metric_sum <name>: the sum of a metric's series (every label set) on the gateway's /metrics, 0 when it has none
metric_sum() {
  curl -sf "http://127.0.0.1:$HTTP_PORT/metrics" | awk -v n="$1" \
    '$1 == n || index($1, n "{") == 1 {s += $2} END {printf "%.0f", s}'
}
# start_ri_uas [JVM option...]: the JAIN-SIP RI alone as a UAS (bench/RiUas.java) on a free port, from the jars the
# assembly runs (SLF4J's API from the logging bundle, with its no-operation provider, as the gateway's RI logs only
# warnings); sets RI_PORT and RI_PID, its output in $WORK/ri/ri.log
start_ri_uas() {
  mkdir -p "$WORK/ri"
  local jars
  jars=$(jar tf "$HOME_DIR/features/target/switchboard.jar" \
    | grep -E '^jar/(org\.switchboard\.jain-sip-|org\.switchboard\.util-|org\.switchboard\.logging-)[^/]*\.jar$')
  (cd "$WORK/ri" && jar xf "$HOME_DIR/features/target/switchboard.jar" $jars)
  RI_PORT=$(free_port)
  java -Xmx1g -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider "$@" \
    -cp "$(ls "$WORK"/ri/jar/*.jar | tr '\n' ':')" "$HOME_DIR/bench/RiUas.java" "$RI_PORT" >"$WORK/ri/ri.log" 2>&1 &
  RI_PID=$!
  EXTRA_PIDS+=($RI_PID)
  for _ in $(seq 1 200); do grep -qs '^ready' "$WORK/ri/ri.log" && break; sleep 0.05; done
  grep -q '^ready' "$WORK/ri/ri.log" || { echo "the RI UAS did not start:" >&2; cat "$WORK/ri/ri.log" >&2; exit 1; }
}
# percentiles <format> <q>...: the quantiles q of the numbers on stdin (one a line), each printed with the printf
# format (or "-" when there are none), then how many numbers there were
percentiles() {
  local fmt=$1
  shift
  sort -n | awk -v fmt="$fmt" -v qs="$*" '
    { v[NR] = $1 }
    END {
      n = split(qs, q, " ")
      for (k = 1; k <= n; k++) {
        i = int(NR * q[k]); if (i < 1) i = 1
        if (NR) printf fmt " ", v[i]; else printf "- "
      }
      print NR
    }'
}
# cpu_ms <pid>: CPU time (ms) a process and its children (Kamailio's workers) have used so far
HZ=$(getconf CLK_TCK)
cpu_ms() {
  local total=0 p t
  for p in "$1" $(pgrep -P "$1" || true); do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo $((total * 1000 / HZ))
}
# per_call <total> <calls> [divisor]: total / calls / divisor with two decimals, or - without calls
per_call() {
  awk -v t="$1" -v n="$2" -v d="${3:-1}" 'BEGIN { if (n > 0 && t != "") printf "%.2f", t / n / d; else print "-" }'
}
rss_mib() {
  awk '/VmRSS/{printf "%d", $2/1024}' /proc/"$1"/status 2>/dev/null || echo "?"
}
# sipp_counts <statistics csv>: "successful failed" from the last line of sipp's -trace_stat file
sipp_counts() {
  awk -F';' 'NR==1{for(i=1;i<=NF;i++){if($i=="SuccessfulCall(C)")s=i;if($i=="FailedCall(C)")f=i}} END{print $s, $f}' "$1"
}
