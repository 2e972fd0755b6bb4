# Sourced by ./test: when SWITCHBOARD_TEST_PG_URL is not set and PostgreSQL's server programs are installed
# (Debian package postgresql), starts a throwaway server on a free loopback port for the store's PostgreSQL tests,
# exports its JDBC URL, and stops it (and deletes it) when the calling script exits.

start_test_postgres() {
  if [ -n "${SWITCHBOARD_TEST_PG_URL:-}" ]; then
    return 0
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL server not installed (apt-get install -y postgresql): the store's PostgreSQL tests will fail" >&2
    return 0
  fi
  PG_TEST_DIR=$(mktemp -d /tmp/switchboard-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_TEST_DIR"
    run=(runuser -u postgres --)
  fi
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      break
    fi
  done
  "${run[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
    -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  PG_TEST_RUN=("${run[@]}")
  PG_TEST_BIN=$bin
  trap stop_test_postgres EXIT
  "${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres switchboard_test
  export SWITCHBOARD_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/switchboard_test?user=postgres"
  echo "PostgreSQL for the store tests: $SWITCHBOARD_TEST_PG_URL"
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ]; then
    "${PG_TEST_RUN[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
}
