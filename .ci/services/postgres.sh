# shellcheck shell=bash
# Start a throwaway PostgreSQL server for the review-store tests and export its DSN.
#
# Sourced by .ci/run (as root, on Debian, without internet but with apt). Idempotent and quick:
# - installs Debian's `postgresql` package only when no server binary is present (quiet, non-interactive;
#   runs `apt-get update` once only if the first install attempt fails);
# - creates the cluster if there is none, starts it if it is down, waits until it accepts connections;
# - creates the role `toneloc` and the database `toneloc_test` if they do not exist;
# - exports TONELOC_TEST_POSTGRES_DSN.
# When a step fails it prints why and returns without exporting the DSN; with CI set, the PostgreSQL
# tests then fail (they never silently skip in CI).

_toneloc_pg_setup() {
  local started ver cluster port
  started=$(date +%s)
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "postgres.sh: installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1; then
      apt-get update -qq >/dev/null 2>&1 || true
      apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
        || { echo "postgres.sh: apt-get install postgresql failed" >&2; return 1; }
    fi
  fi
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if [ -z "$ver" ]; then echo "postgres.sh: no PostgreSQL version found" >&2; return 1; fi
  # The first cluster of that version (Debian's package creates "main"); create one when missing.
  cluster=$(pg_lsclusters -h 2>/dev/null | awk -v v="$ver" '$1 == v {print $2; exit}')
  if [ -z "$cluster" ]; then
    cluster=main
    pg_createcluster "$ver" "$cluster" >/dev/null || { echo "postgres.sh: pg_createcluster failed" >&2; return 1; }
  fi
  port=$(pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1 == v && $2 == c {print $3}')
  if ! pg_lsclusters -h | awk -v v="$ver" -v c="$cluster" '$1 == v && $2 == c {print $4}' | grep -q online; then
    pg_ctlcluster "$ver" "$cluster" start || { echo "postgres.sh: pg_ctlcluster start failed" >&2; return 1; }
  fi
  local i
  for i in $(seq 1 50); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.2
  done
  pg_isready -q -h 127.0.0.1 -p "$port" || { echo "postgres.sh: server not ready on port $port" >&2; return 1; }
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null <<'SQL' || { echo "postgres.sh: creating role/database failed" >&2; return 1; }
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'toneloc') THEN
    CREATE ROLE toneloc LOGIN PASSWORD 'toneloc';
  END IF;
END $$;
SELECT 'CREATE DATABASE toneloc_test OWNER toneloc'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'toneloc_test') \gexec
SQL
  export TONELOC_TEST_POSTGRES_DSN="postgresql://toneloc:toneloc@127.0.0.1:${port}/toneloc_test"
  echo "postgres.sh: PostgreSQL $ver cluster $cluster on port $port ready in $(( $(date +%s) - started ))s"
}

_toneloc_pg_setup || echo "postgres.sh: PostgreSQL not available; PostgreSQL tests will fail under CI" >&2
unset -f _toneloc_pg_setup
