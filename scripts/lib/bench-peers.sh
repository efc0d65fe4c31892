# shellcheck shell=bash
# The reference tools ("peers") that scripts/bench times against migrator for the third job,
# writing the migration from the empty database empty_N to the N-table database bench_N:
# how each is installed, and the whole job each one is timed on.
#
#   migra      PyPI (with psycopg2-binary and sqlalchemy<2), in a venv under
#              ~/.cache/migrator-bench-migra
#   pg-delta   npm @supabase/pg-delta@$PGDELTA_VERSION (its `latest` tag is an empty
#              placeholder, so the version is pinned), in a prefix under
#              ~/.cache/migrator-bench-pgdelta
#
# Both are installed on first use. BENCH_MIGRA / BENCH_PGDELTA name another executable to
# run instead (no install): another version, or a stand-in to test the failure path.
#
# The job functions run under `bash -c` (scripts/bench exports them) and expect $n, $work,
# $MIGRA / $PGDELTA and dsn_of from scripts/bench. Each writes its migration under $work;
# peers_migration_files lists what it wrote, so scripts/bench can check it.
# shellcheck disable=SC2016 # backticks in single quotes: markdown code spans in the output
# shellcheck disable=SC2154 # $n, $work, $MIGRA... are set by scripts/bench

PGDELTA_VERSION=1.0.0-alpha.34

# Prints the migra executable, installing it first if needed.
peers_install_migra() {
  if [[ -n "${BENCH_MIGRA:-}" ]]; then
    printf '%s\n' "$BENCH_MIGRA"
    return
  fi
  local venv="$HOME/.cache/migrator-bench-migra"
  if [[ ! -x "$venv/bin/migra" ]]; then
    echo "bench: installing migra into $venv" >&2
    python3 -m venv "$venv" >&2 &&
      "$venv/bin/pip" install -q migra psycopg2-binary 'sqlalchemy<2' >&2 || return 1
  fi
  printf '%s\n' "$venv/bin/migra"
}

# Prints the pgdelta executable, installing the pinned version first if needed.
peers_install_pgdelta() {
  if [[ -n "${BENCH_PGDELTA:-}" ]]; then
    printf '%s\n' "$BENCH_PGDELTA"
    return
  fi
  local prefix="$HOME/.cache/migrator-bench-pgdelta" have
  have=$(peers_pgdelta_version "$prefix/node_modules/.bin/pgdelta")
  if [[ "$have" != "$PGDELTA_VERSION" ]]; then
    echo "bench: installing @supabase/pg-delta@$PGDELTA_VERSION into $prefix" >&2
    npm install --prefix "$prefix" --save-exact --no-audit --no-fund --loglevel=error \
      "@supabase/pg-delta@$PGDELTA_VERSION" >&2 || return 1
  fi
  [[ -x "$prefix/node_modules/.bin/pgdelta" ]] || return 1
  printf '%s\n' "$prefix/node_modules/.bin/pgdelta"
}

# Version of the installed tool, for the output's legend ("?" when unknown).
peers_migra_version() {
  local py
  py="$(dirname "$1")/python"
  [[ -x "$py" ]] && "$py" -c 'import importlib.metadata as m; print(m.version("migra"))' 2>/dev/null ||
    echo "? ($1)"
}
peers_pgdelta_version() {
  local pkg
  pkg="$(dirname "$1")/../@supabase/pg-delta/package.json"
  [[ -f "$pkg" ]] && node -p 'require(process.argv[1]).version' "$pkg" 2>/dev/null ||
    echo "? ($1)"
}

# migra prints the migration; its exit code 2 means "there are differences" (the expected
# outcome here), 0 means none (caught by the CREATE TABLE check).
peer_migra() {
  local rc=0
  "$MIGRA" "$(dsn_of "empty_$n")" "$(dsn_of "bench_$n")" >"$work/migra.out.sql" || rc=$?
  ((rc == 0 || rc == 2)) || return "$rc"
}

# pg-delta in two steps, both timed: plan (reads both databases, writes a plan artifact),
# then render (writes the plan's SQL: migration.sql, or migration_1.sql, … when the plan
# has several transaction segments). --renames off: the CLI's default, prompt, asks on a
# terminal; there is nothing to rename here.
peer_pgdelta() {
  local d="$work/pgdelta.out"
  rm -rf "$d" && mkdir "$d" &&
    "$PGDELTA" plan --source "$(dsn_of "empty_$n")" --desired "$(dsn_of "bench_$n")" \
      --renames off --out "$d/plan.json" &&
    "$PGDELTA" render --plan "$d/plan.json" --out "$d/migration.sql"
}

# The SQL files the job $1 wrote in its last run (none: nothing is printed).
peers_migration_files() {
  case $1 in
    migra) [[ -f "$work/migra.out.sql" ]] && printf '%s\n' "$work/migra.out.sql" ;;
    pgdelta) find "$work/pgdelta.out" -name 'migration*.sql' 2>/dev/null | sort ;;
  esac
  return 0
}

# The legend line of each peer (its exact commands).
peers_legend() {
  local n=$1
  if [[ -n "$MIGRA_ON" ]]; then
    printf -- '- `migra`: `migra empty_%s bench_%s >migration.sql`\n' "$n" "$n"
  fi
  if [[ -n "$PGDELTA_ON" ]]; then
    printf -- '- `pg-delta`: `pgdelta plan --source empty_%s --desired bench_%s --renames off --out plan.json && pgdelta render --plan plan.json --out migration.sql` (both steps, timed as one job)\n' \
      "$n" "$n"
  fi
}
