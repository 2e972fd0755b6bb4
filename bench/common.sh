# Shared by the benchmark scripts (sourced): needs HOME_DIR; checks sipp and the assembly, makes WORK, free_port.
command -v sipp >/dev/null || { echo "sipp is required (apt-get install -y sip-tester)" >&2; exit 2; }
[ -f "$HOME_DIR/features/target/switchboard.jar" ] || (cd "$HOME_DIR" && mvn -B -q -DskipTests install -pl features -am)
WORK=$(mktemp -d /tmp/switchboard-bench.XXXXXX)
# a free local port (TCP probe; the gateway binds UDP and TCP)
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
