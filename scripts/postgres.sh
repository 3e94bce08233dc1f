#!/usr/bin/env bash
# Starts a PostgreSQL 15 server for the desk's tests and benchmarks, and prints its URL.
# Debian's cluster (pg_ctlcluster 15 main) when it is there and we may start it; otherwise a
# server of our own in $KHABAR_PG_DIR (default .build-pg) on port 5433. A role and database
# named khabar (password khabar) are created when missing. Idempotent: run it as often as you like.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
url="postgresql://khabar:khabar@127.0.0.1:5432/khabar"
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  echo "postgres.sh: installing PostgreSQL (Debian's postgresql package)" >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi
psql_as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "psql -qAt -p $1 -c \"$2\""; else psql -qAt -h 127.0.0.1 -p "$1" -U postgres -c "$2"; fi; }
if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
  pg_ctlcluster 15 main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "postgres.sh: PostgreSQL 15 did not start (see /var/log/postgresql/postgresql-15-main.log)" >&2; exit 1; }
  port=5432
else
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  data="${KHABAR_PG_DIR:-$root/.build-pg}"
  port=5433
  if [ ! -f "$data/PG_VERSION" ]; then
    "$bin/initdb" -D "$data" -U postgres --auth=trust >/dev/null
  fi
  pg_isready -q -h 127.0.0.1 -p $port || "$bin/pg_ctl" -D "$data" -o "-p $port -k /tmp" -l "$data/server.log" -w start >/dev/null
  url="postgresql://khabar:khabar@127.0.0.1:$port/khabar"
fi
if [ "$(psql_as_postgres $port "SELECT 1 FROM pg_roles WHERE rolname = 'khabar'")" != 1 ]; then
  psql_as_postgres $port "CREATE ROLE khabar LOGIN PASSWORD 'khabar'"
fi
if [ "$(psql_as_postgres $port "SELECT 1 FROM pg_database WHERE datname = 'khabar'")" != 1 ]; then
  psql_as_postgres $port "CREATE DATABASE khabar OWNER khabar"
fi
echo "$url"
